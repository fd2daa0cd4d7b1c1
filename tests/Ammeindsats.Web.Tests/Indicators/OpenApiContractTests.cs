using System.Net;
using System.Text.Json;
using Ammeindsats.Data;
using Ammeindsats.Web.Tests.Infrastructure;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>
/// The OpenAPI document at /openapi/v1.json against the running API: every GET under /api/v1 is called and
/// its answer checked against the response schema the document gives for that status and content type.
/// </summary>
[Collection(IndicatorApiCollection.Name)]
public sealed class OpenApiContractTests(IndicatorApiApps apps)
{
    private const string DocumentPath = "/openapi/v1.json";

    // The issue's element of GET /api/v1/indicators/{code}/values; the document must promise each of them.
    private static readonly string[] ValueFields =
        ["indicator", "area", "period", "breakdown", "numerator", "denominator", "value", "ci95", "ci998", "comparison", "suppressed"];

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task EveryGetUnderApiV1_AnswersAsTheDocumentSays(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var anonymous = app.NewClient();
        var withKey = await IndicatorApiApps.ApiKeyClientAsync(app, DemoUsers.Secretariat);
        using var document = await GetDocumentAsync(anonymous);
        var validator = new OpenApiSchemaValidator(document.RootElement);
        var codes = await IndicatorCodesAsync(anonymous);

        var called = new List<string>();
        var errors = new List<string>();
        foreach (var (template, operation) in GetOperations(document))
        {
            if (RequiredUnknownParameter(operation) is { } unknown)
            {
                errors.Add($"{template}: the required parameter '{unknown}' has no test value; give it one here");
                continue;
            }

            var urls = template.Contains("{indicator}", StringComparison.Ordinal)
                ? codes.Select(c => template.Replace("{indicator}", c, StringComparison.Ordinal))
                : [template];
            foreach (var url in urls)
            {
                // Anonymous first, as the open API is meant; with an API key where the endpoint needs one,
                // and again with a key for a share and the median, where a key changes the answer (staff see working figures).
                var response = await anonymous.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    response = await withKey.GetAsync(url);
                }

                errors.AddRange(await CheckAsync(validator, document.RootElement, operation, url, response));
                if (url.EndsWith("/fuldamning-2uger/values", StringComparison.Ordinal) || url.EndsWith("/fuldamning-median-dage/values", StringComparison.Ordinal))
                {
                    errors.AddRange(await CheckAsync(validator, document.RootElement, operation, url + " (API-nøgle)", await withKey.GetAsync(url)));
                }

                called.Add(url);
            }
        }

        Assert.Empty(errors);
        // The paths the issue names are in the document and were called.
        Assert.Contains("/api/v1/indicators", called);
        Assert.Contains("/api/v1/indicators/fuldamning-2uger/values", called);
        Assert.Contains("/api/v1/indicators/fuldamning-median-dage/values", called);
        Assert.Contains("/api/v1/indicators/download", called);
        Assert.Contains("/api/v1/areas", called);
        Assert.Contains("/api/v1/me", called);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ErrorAnswers_MatchTheDocumentedProblemSchema(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).NewClient();
        using var document = await GetDocumentAsync(client);
        var validator = new OpenApiSchemaValidator(document.RootElement);
        var operations = GetOperations(document).ToDictionary(o => o.Path, o => o.Operation);

        var errors = new List<string>();
        errors.AddRange(await CheckAsync(validator, document.RootElement, operations["/api/v1/indicators/{indicator}/values"], "unknown indicator", await client.GetAsync("/api/v1/indicators/findes-ikke/values")));
        errors.AddRange(await CheckAsync(validator, document.RootElement, operations["/api/v1/indicators/{indicator}/values"], "unknown area", await client.GetAsync("/api/v1/indicators/fuldamning-2uger/values?area=9999")));
        errors.AddRange(await CheckAsync(validator, document.RootElement, operations["/api/v1/indicators/{indicator}/values"], "bad period", await client.GetAsync("/api/v1/indicators/fuldamning-2uger/values?period=2012X")));
        errors.AddRange(await CheckAsync(validator, document.RootElement, operations["/api/v1/indicators/download"], "bad dialect", await client.GetAsync("/api/v1/indicators/download?dialect=tsv")));

        Assert.Empty(errors);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Document_PromisesEveryFieldOfTheIssuesValueElement(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).NewClient();
        using var document = await GetDocumentAsync(client);
        var validator = new OpenApiSchemaValidator(document.RootElement);
        var operation = GetOperations(document).Single(o => o.Path == "/api/v1/indicators/{indicator}/values").Operation;

        var array = operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal("array", array.GetProperty("type").GetString());
        var element = validator.Resolve(array.GetProperty("items").GetProperty("$ref").GetString()!);
        var required = element.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ToHashSet();
        Assert.All(ValueFields, f => Assert.Contains(f, required));
        var area = validator.Resolve(element.GetProperty("properties").GetProperty("area").GetProperty("$ref").GetString()!);
        Assert.Equal(["code", "name", "type"], area.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Document_DescribesTheApiKeyAsABearerScheme(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).NewClient();
        using var document = await GetDocumentAsync(client);

        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Document_ListsTheIssuesWordsForComparisonAndAreaType(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).NewClient();
        using var document = await GetDocumentAsync(client);
        var validator = new OpenApiSchemaValidator(document.RootElement);
        var operation = GetOperations(document).Single(o => o.Path == "/api/v1/indicators/{indicator}/values").Operation;
        var element = validator.Resolve(operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("items").GetProperty("$ref").GetString()!);

        // The issue: comparison is better, similar, worse, higher, lower or null; type is one of country, region,
        // cluster, municipality, birthSite (healthCouncil ready for 2027).
        var comparison = element.GetProperty("properties").GetProperty("comparison").GetProperty("enum").EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.Null ? "null" : v.GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { "better", "similar", "worse", "higher", "lower", "null" }, comparison);
        var area = validator.Resolve(element.GetProperty("properties").GetProperty("area").GetProperty("$ref").GetString()!);
        var types = area.GetProperty("properties").GetProperty("type").GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "country", "region", "cluster", "municipality", "birthSite" }, types);
    }

    [Fact]
    public void Validator_FindsWrongTypesMissingAndUndeclaredFieldsAndBadReferencesInsideArrays()
    {
        using var document = JsonDocument.Parse("""
            {"components":{"schemas":{
              "Interval":{"type":"object","required":["lower","upper"],"properties":{"lower":{"type":"number"},"upper":{"type":"number"}}},
              "Value":{"type":"object","required":["code","n","ci"],"properties":{
                "code":{"type":"string","enum":["a","b"]},
                "n":{"type":["null","integer","string"],"pattern":"^-?(?:0|[1-9]\\d*)$"},
                "ci":{"oneOf":[{"type":"null"},{"$ref":"#/components/schemas/Interval"}]},
                "at":{"type":"string","format":"date-time"}}}}}}
            """);
        var validator = new OpenApiSchemaValidator(document.RootElement);
        using var schema = JsonDocument.Parse("""{"type":"array","items":{"$ref":"#/components/schemas/Value"}}""");
        using var good = JsonDocument.Parse("""[{"code":"a","n":3,"ci":null},{"code":"b","n":null,"ci":{"lower":1,"upper":2.5},"at":"2026-11-30T23:26:00+00:00"}]""");
        using var bad = JsonDocument.Parse("""[{"code":"c","n":1.5,"ci":{"lower":1},"extra":true},{"n":"x","ci":"1-2","at":"igår"}]""");

        Assert.Empty(validator.Validate(good.RootElement, schema.RootElement, "$"));
        var errors = validator.Validate(bad.RootElement, schema.RootElement, "$");

        // c not in the enum; 1.5 is not an integer; ci misses upper; extra is undeclared; the second element
        // lacks code, "x" breaks the pattern, "1-2" is neither null nor an interval, "igår" is no date-time.
        Assert.Equal(8, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("$[0].code", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$[0].n", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$[0].ci", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'extra'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'code' is missing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$[1].n", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$[1].ci", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$[1].at", StringComparison.Ordinal));
    }

    private static async Task<JsonDocument> GetDocumentAsync(HttpClient client)
    {
        var response = await client.GetAsync(DocumentPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        return document;
    }

    private static async Task<List<string>> IndicatorCodesAsync(HttpClient client)
    {
        using var catalogue = JsonDocument.Parse(await client.GetStringAsync("/api/v1/indicators"));
        return catalogue.RootElement.EnumerateArray().Select(i => i.GetProperty("code").GetString()!).ToList();
    }

    private static IEnumerable<(string Path, JsonElement Operation)> GetOperations(JsonDocument document) =>
        document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/v1/", StringComparison.Ordinal) && p.Value.TryGetProperty("get", out _))
            .Select(p => (p.Name, p.Value.GetProperty("get")));

    private static string? RequiredUnknownParameter(JsonElement operation)
    {
        if (!operation.TryGetProperty("parameters", out var parameters))
        {
            return null;
        }

        return parameters.EnumerateArray()
            .Where(p => p.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True)
            .Select(p => p.GetProperty("name").GetString()!)
            .FirstOrDefault(name => name != "indicator");
    }

    private static async Task<List<string>> CheckAsync(OpenApiSchemaValidator validator, JsonElement document, JsonElement operation, string url, HttpResponseMessage response)
    {
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!operation.GetProperty("responses").TryGetProperty(status, out var documented))
        {
            return [$"{url}: answered {status}, which the document does not list"];
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!documented.TryGetProperty("content", out var content))
        {
            return [$"{url}: answered {status} with {mediaType}, but the document gives no content for {status}"];
        }

        if (mediaType is null || !content.TryGetProperty(mediaType, out var media))
        {
            return [$"{url}: answered {status} with {mediaType}; the document says {string.Join(", ", content.EnumerateObject().Select(c => c.Name))}"];
        }

        var body = await response.Content.ReadAsByteArrayAsync();
        if (!mediaType.EndsWith("json", StringComparison.Ordinal))
        {
            // A file: the zip starts with the local file header "PK\x03\x04".
            return mediaType == "application/zip" && (body.Length < 4 || body[0] != 'P' || body[1] != 'K')
                ? [$"{url}: the answer is not a zip file"]
                : [];
        }

        using var json = JsonDocument.Parse(body);
        return mediaType == "application/problem+json"
            ? new OpenApiSchemaValidator(document, strict: false).Validate(json.RootElement, media.GetProperty("schema"), url)
            : validator.Validate(json.RootElement, media.GetProperty("schema"), url);
    }
}
