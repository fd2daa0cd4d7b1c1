using System.Net;
using System.Text.Json;
using Ammeindsats.Data;
using Ammeindsats.Web.Tests.Infrastructure;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>
/// GET /api/v1/indicators and /api/v1/indicators/{code}/values against the known values of
/// <see cref="IndicatorApiApps"/>. Every expected number is worked out by hand in the comments.
/// </summary>
[Collection(IndicatorApiCollection.Name)]
public sealed class IndicatorApiTests(IndicatorApiApps apps)
{
    private const double Tolerance = 1e-9;

    // The element fields the issue lists, in its order; further fields may follow.
    private static readonly string[] ContractFields =
        ["indicator", "area", "period", "breakdown", "numerator", "denominator", "value", "ci95", "ci998", "comparison", "suppressed"];

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Catalogue_ListsEveryBuiltInIndicatorWithUnitPolarityAndThreshold(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).NewClient();

        using var json = await GetJsonAsync(client, "/api/v1/indicators");

        var byCode = json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("code").GetString()!);
        // The issue's catalogue: six threshold shares (7, 14, 30, 61, 122, 183 days) and the median.
        var thresholds = new Dictionary<string, int>
        {
            ["fuldamning-1uge"] = 7,
            ["fuldamning-2uger"] = 14,
            ["fuldamning-1mdr"] = 30,
            ["fuldamning-2mdr"] = 61,
            ["fuldamning-4mdr"] = 122,
            ["fuldamning-6mdr"] = 183,
        };
        foreach (var (code, days) in thresholds)
        {
            var i = byCode[code];
            Assert.Equal(days, i.GetProperty("thresholdDays").GetInt32());
            Assert.Equal("percent", i.GetProperty("unit").GetString());
            Assert.Equal("higherIsBetter", i.GetProperty("polarity").GetString());
            Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("nameDa").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("nameEn").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("definition").GetString()));
        }

        var median = byCode["fuldamning-median-dage"];
        Assert.Equal("days", median.GetProperty("unit").GetString());
        Assert.Equal(JsonValueKind.Null, median.GetProperty("thresholdDays").ValueKind);
        Assert.Equal("fuldamning-2uger", byCode["fuldamning-2uger"].GetProperty("code").GetString());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Values_Anonymous_HaveTheContractShapeAndHandComputedWilsonIntervals(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).NewClient();

        using var json = await GetJsonAsync(client, "/api/v1/indicators/fuldamning-2uger/values?area=101&period=2012");

        var e = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(ContractFields, e.EnumerateObject().Select(p => p.Name).Take(ContractFields.Length));
        Assert.Equal("fuldamning-2uger", e.GetProperty("indicator").GetString());
        Assert.Equal(["code", "name", "type"], e.GetProperty("area").EnumerateObject().Select(p => p.Name));
        Assert.Equal("101", e.GetProperty("area").GetProperty("code").GetString());
        Assert.Equal("København", e.GetProperty("area").GetProperty("name").GetString());
        Assert.Equal("municipality", e.GetProperty("area").GetProperty("type").GetString());
        Assert.Equal("2012", e.GetProperty("period").GetString());
        Assert.Equal(string.Empty, e.GetProperty("breakdown").GetString());
        Assert.Equal(900, e.GetProperty("numerator").GetInt32());
        Assert.Equal(1000, e.GetProperty("denominator").GetInt32());
        Assert.False(e.GetProperty("suppressed").GetBoolean());

        // 900/1000 = 90 %. Wilson bounds (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²)), x = 900, n = 1000:
        // z = 1.959963984540054: z² = 3.841458820694; 2x + z² = 1803.841458821; z² + 4·900·0.1 = 363.841458821,
        //   z·√ = 37.385585207684; 2(n + z²) = 2007.682917641 → 87.984803680465 % and 91.709055640690 %.
        // z = 3.090232306167813: z² = 9.549535706083; 2x + z² = 1809.549535706; z² + 360 = 369.549535706,
        //   z·√ = 59.405609889906; 2(n + z²) = 2019.099071412 → 86.679447808973 % and 92.563815815577 %.
        Assert.Equal(90.0, e.GetProperty("value").GetDouble(), Tolerance);
        AssertInterval(e.GetProperty("ci95"), 87.984803680465, 91.709055640690);
        AssertInterval(e.GetProperty("ci998"), 86.679447808973, 92.563815815577);
        // DK is 7000/10000 = 70 %, below København's 95 % interval: better (higher is better).
        Assert.Equal("better", e.GetProperty("comparison").GetString());
        Assert.Equal("approved", e.GetProperty("status").GetString());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Values_ComparisonAgainstDkAndAgainstTheRegion(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).NewClient();

        using var dk = await GetJsonAsync(client, "/api/v1/indicators/fuldamning-2uger/values?period=2012");
        using var region = await GetJsonAsync(client, "/api/v1/indicators/fuldamning-2uger/values?period=2012&benchmark=region");

        // Frederiksberg 140/200 = 70 %: x = 140, n = 200, z² + 4·140·0.3 = 171.841458821, z·√ = 25.692837284887,
        // 2x + z² = 283.841458821, 2(n + z²) = 407.682917641 → 95 % interval 63.320931627281–75.925255317629 %.
        // Gentofte 50/100 = 50 %: z² + 4·50·0.5 = 103.841458821, z·√ = 19.972548358697, 2x + z² = 103.841458821,
        // 2(n + z²) = 207.682917641 → 40.383153036600–59.616846963400 %.
        var frederiksberg = Single(dk, "147");
        AssertInterval(frederiksberg.GetProperty("ci95"), 63.320931627281, 75.925255317629);
        AssertInterval(Single(dk, "157").GetProperty("ci95"), 40.383153036600, 59.616846963400);

        // Against DK (70 %): København above → better; Frederiksberg's interval holds 70 → similar; Gentofte below → worse.
        Assert.Equal("better", Single(dk, "101").GetProperty("comparison").GetString());
        Assert.Equal("similar", frederiksberg.GetProperty("comparison").GetString());
        Assert.Equal("worse", Single(dk, "157").GetProperty("comparison").GetString());
        // DK itself has no benchmark.
        Assert.Equal(JsonValueKind.Null, Single(dk, "DK").GetProperty("comparison").ValueKind);

        // Against Region Hovedstaden, 1090/1300 = 83.846 %: outside Frederiksberg's 63.3–75.9 → worse; København's
        // 87.98–91.71 lies above it → better.
        Assert.Equal("worse", Single(region, "147").GetProperty("comparison").GetString());
        Assert.Equal("better", Single(region, "101").GetProperty("comparison").GetString());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Values_RegionAndClustersAreSumsOverTheirMunicipalities_KøbenhavnOnceInTheRegion(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).NewClient();

        using var json = await GetJsonAsync(client, "/api/v1/indicators/fuldamning-2uger/values?period=2012");

        // Region Hovedstaden: København 900/1000 + Frederiksberg 140/200 + Gentofte 50/100 = 1090/1300.
        var region = Single(json, "1084");
        Assert.Equal("region", region.GetProperty("area").GetProperty("type").GetString());
        Assert.Equal(1090, region.GetProperty("numerator").GetInt32());
        Assert.Equal(1300, region.GetProperty("denominator").GetInt32());
        // 1090/1300 = 83.846153846154 %; z² + 4·1090·(210/1300) = 708.149151128, z·√ = 52.156742641476,
        // 2x + z² = 2183.841458821, 2(n + z²) = 2607.682917641 → 81.746315925070–85.746552479034 %.
        Assert.Equal(100.0 * 1090 / 1300, region.GetProperty("value").GetDouble(), Tolerance);
        AssertInterval(region.GetProperty("ci95"), 81.746315925070, 85.746552479034);
        AssertInterval(region.GetProperty("ci998"), 80.446914058442, 86.751765793368);

        // København is in two clusters: Byen (with Frederiksberg) and Syd (where no other member has data).
        var byen = Single(json, "RH-BYEN");
        Assert.Equal("cluster", byen.GetProperty("area").GetProperty("type").GetString());
        Assert.Equal(900 + 140, byen.GetProperty("numerator").GetInt32());
        Assert.Equal(1000 + 200, byen.GetProperty("denominator").GetInt32());
        Assert.Equal(900, Single(json, "RH-SYD").GetProperty("numerator").GetInt32());

        // DK is the value in the file (it includes children with no municipality), not the sum of regions.
        var dk = Single(json, "DK");
        Assert.Equal("country", dk.GetProperty("area").GetProperty("type").GetString());
        Assert.Equal(7000, dk.GetProperty("numerator").GetInt32());
        Assert.Equal(10000, dk.GetProperty("denominator").GetInt32());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Values_BreakdownFilter_GivesOnlyThatBreakdown(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).NewClient();

        using var json = await GetJsonAsync(client, "/api/v1/indicators/fuldamning-2uger/values?area=101&period=2012&breakdown=parity-1");

        var e = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("parity-1", e.GetProperty("breakdown").GetString());
        Assert.Equal(400, e.GetProperty("numerator").GetInt32());
        Assert.Equal(450, e.GetProperty("denominator").GetInt32());
        Assert.Equal(100.0 * 400 / 450, e.GetProperty("value").GetDouble(), Tolerance);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Values_MunicipalityCodeWithLeadingZero_IsAcceptedAndEmittedWithout(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).NewClient();

        using var json = await GetJsonAsync(client, "/api/v1/indicators/fuldamning-2uger/values?area=0730&period=2012");

        var e = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("730", e.GetProperty("area").GetProperty("code").GetString());
        Assert.Equal("Randers", e.GetProperty("area").GetProperty("name").GetString());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Values_PrimarySuppressedCell_IsAllNullsForAnonymous_AndNotDerivableFromItsRegion(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).NewClient();

        using var json = await GetJsonAsync(client, "/api/v1/indicators/fuldamning-2uger/values?period=2012");

        // Aarhus 3/40: the numerator 3 lies between 1 and 4.
        var aarhus = Single(json, "751");
        Assert.True(aarhus.GetProperty("suppressed").GetBoolean());
        foreach (var field in new[] { "numerator", "denominator", "value", "ci95", "ci998", "comparison" })
        {
            Assert.Equal(JsonValueKind.Null, aarhus.GetProperty(field).ValueKind);
        }

        // Region Midtjylland = Aarhus + Randers + Silkeborg. Were the region and both others published,
        // Aarhus would be 93 − 30 − 60 = 3: at least one of them must be held back too.
        var others = new[] { "1082", "730", "740" }.Select(code => Find(json, code)).ToList();
        Assert.Contains(others, o => o is null || o.Value.GetProperty("suppressed").GetBoolean());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Values_SuppressedHalfYear_IsNotDerivableFromItsYearAndTheOtherHalf(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).NewClient();

        using var json = await GetJsonAsync(client, "/api/v1/indicators/fuldamning-1mdr/values?area=147");

        // Frederiksberg 2010H2 is 3/50 (numerator 3). Were 2010 (140/200) and 2010H1 (137/150) both published,
        // 2010H2 would be 140 − 137 = 3 of 200 − 150 = 50: one of them must be held back too.
        var byPeriod = json.RootElement.EnumerateArray().Where(e => e.GetProperty("breakdown").GetString() == string.Empty)
            .ToDictionary(e => e.GetProperty("period").GetString()!, e => e.GetProperty("suppressed").GetBoolean());
        Assert.True(byPeriod["2010H2"]);
        Assert.True(byPeriod["2010"] || byPeriod["2010H1"], "2010H2 can be worked out from 2010 − 2010H1.");
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Values_PeriodIsMatchedInAnyOfItsAcceptedSpellings(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).NewClient();

        // "2010h1" is accepted as a period (letters in either case), so it must find 2010H1.
        using var json = await GetJsonAsync(client, "/api/v1/indicators/fuldamning-1mdr/values?area=147&period=2010h1");

        var e = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("2010H1", e.GetProperty("period").GetString());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Values_SecretariatOfTheRegion_SeesTheSuppressedCellUnsuppressed_MarkedNotForPublication(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var client = await IndicatorApiApps.ApiKeyClientAsync(app, DemoUsers.Secretariat);

        using var json = await GetJsonAsync(client, "/api/v1/indicators/fuldamning-2uger/values?area=751&period=2012");

        var e = Assert.Single(json.RootElement.EnumerateArray());
        Assert.False(e.GetProperty("suppressed").GetBoolean());
        Assert.True(e.GetProperty("notForPublication").GetBoolean());
        Assert.Equal(3, e.GetProperty("numerator").GetInt32());
        Assert.Equal(40, e.GetProperty("denominator").GetInt32());
        // 3/40 = 7.5 %. z = 1.959963984540054: 2x + z² = 9.841458821, z² + 4·3·(37/40) = 14.941458821,
        // z·√ = 7.576080700520, 2(n + z²) = 87.682917641 → 2.583602577459–19.864233524311 %.
        // z = 3.090232306167813: 2x + z² = 15.549535706, z² + 11.1 = 20.649535706, z·√ = 14.042559543733,
        // 2(n + z²) = 99.099071412 → 1.520676370501–29.861122640331 %.
        Assert.Equal(7.5, e.GetProperty("value").GetDouble(), Tolerance);
        AssertInterval(e.GetProperty("ci95"), 2.583602577459, 19.864233524311);
        AssertInterval(e.GetProperty("ci998"), 1.520676370501, 29.861122640331);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Values_SecretariatLoggedInWithCookie_SeesTheSameWorkingFigure(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var client = await app.LoginAsync(DemoUsers.Secretariat);

        using var json = await GetJsonAsync(client, "/api/v1/indicators/fuldamning-2uger/values?area=751&period=2012");

        var e = Assert.Single(json.RootElement.EnumerateArray());
        Assert.False(e.GetProperty("suppressed").GetBoolean());
        Assert.True(e.GetProperty("notForPublication").GetBoolean());
        Assert.Equal(7.5, e.GetProperty("value").GetDouble(), Tolerance);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Values_ReporterOfAarhus_SeesAarhusUnsuppressed_ButOtherMunicipalitiesOnlyAsPublished(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var reporter = await IndicatorApiApps.ApiKeyClientAsync(app, DemoUsers.Reporter);

        using var own = await GetJsonAsync(reporter, "/api/v1/indicators/fuldamning-2uger/values?period=2012");
        using var published = await GetJsonAsync(app.NewClient(), "/api/v1/indicators/fuldamning-2uger/values?period=2012");

        var aarhus = Single(own, "751");
        Assert.False(aarhus.GetProperty("suppressed").GetBoolean());
        Assert.Equal(3, aarhus.GetProperty("numerator").GetInt32());
        // Randers, Silkeborg and the region are not the reporter's: exactly what anyone sees.
        foreach (var code in new[] { "730", "740", "1082" })
        {
            Assert.Equal(Single(published, code).GetRawText(), Single(own, code).GetRawText());
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Values_UnconfirmedCluster_IsShownToLoggedInUsersOnly(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);

        using var anonymous = await GetJsonAsync(app.NewClient(), "/api/v1/indicators/fuldamning-2uger/values?period=2012");
        using var reader = await GetJsonAsync(await IndicatorApiApps.ApiKeyClientAsync(app, DemoUsers.Reader), "/api/v1/indicators/fuldamning-2uger/values?period=2012");

        // Sundhedsklynge Midt's membership is not confirmed in the reference data (health_clusters.csv: "no").
        // Of its municipalities only Gentofte has data: 50/100.
        Assert.Null(Find(anonymous, "RH-MIDT"));
        var midt = Single(reader, "RH-MIDT");
        Assert.Equal(50, midt.GetProperty("numerator").GetInt32());
        Assert.Equal(100, midt.GetProperty("denominator").GetInt32());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Values_ReaderWithApiKey_SeesTheCellSuppressed(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        // A reader sees published figures only, like an anonymous caller.
        var client = await IndicatorApiApps.ApiKeyClientAsync(app, DemoUsers.Reader);

        using var json = await GetJsonAsync(client, "/api/v1/indicators/fuldamning-2uger/values?area=751&period=2012");

        var e = Assert.Single(json.RootElement.EnumerateArray());
        Assert.True(e.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("numerator").ValueKind);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Values_Draft_IsHiddenFromAnonymous_AndShownToAnAdministratorAsNotForPublication(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);

        using var anonymous = await GetJsonAsync(app.NewClient(), "/api/v1/indicators/fuldamning-2uger/values?area=101&period=2011");
        using var admin = await GetJsonAsync(await IndicatorApiApps.ApiKeyClientAsync(app, DemoUsers.Administrator), "/api/v1/indicators/fuldamning-2uger/values?area=101&period=2011");

        Assert.Empty(anonymous.RootElement.EnumerateArray());
        var e = Assert.Single(admin.RootElement.EnumerateArray());
        Assert.Equal("draft", e.GetProperty("status").GetString());
        Assert.True(e.GetProperty("notForPublication").GetBoolean());
        Assert.Equal(800, e.GetProperty("numerator").GetInt32());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Values_Median_IsDaysFromKaplanMeier_WithNullCountsAndIntervals(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).NewClient();

        using var json = await GetJsonAsync(client, "/api/v1/indicators/fuldamning-median-dage/values?area=461&period=2013");

        // Kaplan–Meier over the 20 children of ChildRecords2013 (endings before censorings on a day):
        // day 10: 20 at risk, S = 19/20 = 0.95; day 20: 19 at risk, S = 0.9 (then 25 censored);
        // day 30: 17, S = 0.847059; 40: 16, S = 0.794118 (45 censored); 50: 14, S = 0.737395; 60: 13, S = 0.680672
        // (65 censored); 70: 11, S = 0.618793; 80: 10, S = 0.556914 (85 censored); 90: 8, S = 0.487299 ≤ 0.5.
        // Median 90 days; 9 children ended at or before it and 7 are at risk after it (≥ 5 each): published.
        var e = Assert.Single(json.RootElement.EnumerateArray());
        Assert.False(e.GetProperty("suppressed").GetBoolean());
        Assert.Equal(90.0, e.GetProperty("value").GetDouble(), Tolerance);
        foreach (var field in new[] { "numerator", "denominator", "ci95", "ci998" })
        {
            Assert.Equal(JsonValueKind.Null, e.GetProperty(field).ValueKind);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Values_UnknownIndicatorOrArea_Is404_BadPeriodOrBenchmarkIs400_WithDanishProblem(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).NewClient();

        var cases = new (string Url, HttpStatusCode Status, string Title)[]
        {
            ("/api/v1/indicators/findes-ikke/values", HttpStatusCode.NotFound, "Ukendt indikator"),
            ("/api/v1/indicators/fuldamning-2uger/values?area=9999", HttpStatusCode.NotFound, "Ukendt område"),
            ("/api/v1/indicators/fuldamning-2uger/values?period=2012X", HttpStatusCode.BadRequest, "Ugyldig periode"),
            ("/api/v1/indicators/fuldamning-2uger/values?benchmark=kommune", HttpStatusCode.BadRequest, "Ugyldig benchmark"),
        };
        foreach (var (url, status, title) in cases)
        {
            var response = await client.GetAsync(url);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(title, problem.RootElement.GetProperty("title").GetString());
            Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Values_EveryIndicator_UsesOnlyTheIssuesAreaTypesAndComparisons_AndHidesSuppressedCells(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).NewClient();
        using var catalogue = await GetJsonAsync(client, "/api/v1/indicators");
        string[] types = ["country", "region", "cluster", "municipality", "birthSite"];
        string?[] comparisons = ["better", "similar", "worse", "higher", "lower", null];

        foreach (var code in catalogue.RootElement.EnumerateArray().Select(i => i.GetProperty("code").GetString()!))
        {
            using var json = await GetJsonAsync(client, $"/api/v1/indicators/{code}/values");
            var isMedian = code == "fuldamning-median-dage";
            foreach (var e in json.RootElement.EnumerateArray())
            {
                Assert.Contains(e.GetProperty("area").GetProperty("type").GetString(), types);
                Assert.Contains(e.GetProperty("comparison").GetString(), comparisons);
                Assert.Equal("approved", e.GetProperty("status").GetString());
                var hidden = e.GetProperty("suppressed").GetBoolean()
                    ? new[] { "numerator", "denominator", "value", "ci95", "ci998", "comparison" }
                    : isMedian ? new[] { "numerator", "denominator", "ci95", "ci998" } : [];
                Assert.All(hidden, f => Assert.Equal(JsonValueKind.Null, e.GetProperty(f).ValueKind));
            }
        }
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body);
    }

    private static JsonElement? Find(JsonDocument json, string area) =>
        json.RootElement.EnumerateArray()
            .Where(e => e.GetProperty("area").GetProperty("code").GetString() == area && e.GetProperty("breakdown").GetString() == string.Empty)
            .Select(e => (JsonElement?)e)
            .SingleOrDefault();

    private static JsonElement Single(JsonDocument json, string area) =>
        Find(json, area) ?? throw new Xunit.Sdk.XunitException($"No total for area {area} in the answer.");

    private static void AssertInterval(JsonElement interval, double lower, double upper)
    {
        Assert.Equal(["lower", "upper"], interval.EnumerateObject().Select(p => p.Name));
        Assert.Equal(lower, interval.GetProperty("lower").GetDouble(), Tolerance);
        Assert.Equal(upper, interval.GetProperty("upper").GetDouble(), Tolerance);
    }
}
