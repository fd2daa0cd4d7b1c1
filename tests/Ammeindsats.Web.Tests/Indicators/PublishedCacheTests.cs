using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Data;
using Ammeindsats.Web.Features.Indicators.Published;
using Ammeindsats.Web.Tests.Administration;
using Ammeindsats.Web.Tests.Infrastructure;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>
/// The published figures from the cache: an ETag and 304 for a repeat, a new ETag and the new figures after an
/// approval, and never the anonymous copy for a logged-in user (nor a logged-in user's page for anyone else).
/// Each test uses its own old indicator × period cells, so the shared demo database stays as the other tests expect it.
/// </summary>
[Collection(IndicatorsCollection.Name)]
public sealed partial class PublishedCacheTests(TestApps apps)
{
    public static TheoryData<DatabaseProvider, string> PublishedPaths()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var path in new[]
                     {
                         "/indikatorer", "/indikatorer/fuldamning-2uger", "/indikatorer/omraade/751", "/api/v1/indicators/fuldamning-2uger/values",
                         "/api/v1/areas", "/api/v1/indicators",
                     })
            {
                data.Add(provider, path);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(PublishedPaths))]
    public async Task Anonymous_GetsAnETag_AndARepeatWithIt_Is304WithoutABody(DatabaseProvider provider, string path)
    {
        var app = apps.Get(provider);
        var client = app.NewClient();

        var first = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        var body = await first.Content.ReadAsByteArrayAsync();
        Assert.NotEmpty(body);
        var html = first.Content.Headers.ContentType!.MediaType == "text/html";
        // A page holds a fresh antiforgery token per answer, so its tag is weak; JSON is byte-identical, so strong.
        Assert.Equal(html, etag.IsWeak);
        Assert.Contains("Cookie", first.Headers.Vary);
        Assert.Contains("Authorization", first.Headers.Vary);
        Assert.False(first.Headers.CacheControl!.NoStore);
        Assert.True(html ? first.Headers.CacheControl.NoCache : first.Headers.CacheControl.Public && first.Headers.CacheControl.MaxAge == TimeSpan.FromSeconds(60));

        var second = await client.GetAsync(path);
        Assert.Equal(etag, second.Headers.ETag);
        if (!html)
        {
            Assert.Equal(body, await second.Content.ReadAsByteArrayAsync());
        }

        using var repeat = new HttpRequestMessage(HttpMethod.Get, path);
        repeat.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(repeat);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);

        using var other = new HttpRequestMessage(HttpMethod.Get, path);
        other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(other)).StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task APageFromTheCache_HasItsOwnWorkingAntiforgeryToken_AndTheNonceOfItsHeader(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        const string path = "/indikatorer/fuldamning-2uger?area=751";
        await app.NewClient().GetStringAsync(path); // stored

        var (firstToken, firstNonce) = await TokenAndNonceAsync(app.NewClient(), path, post: true);
        var (secondToken, secondNonce) = await TokenAndNonceAsync(app.NewClient(), path, post: true);
        Assert.NotEqual(firstToken, secondToken);
        Assert.Equal(firstNonce, secondNonce); // the stored page's scripts carry one nonce, and every answer names it
    }

    private static async Task<(string Token, string Nonce)> TokenAndNonceAsync(HttpClient client, string path, bool post)
    {
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var nonce = NoncePattern().Match(csp).Groups[1].Value;
        Assert.NotEmpty(nonce);
        var token = TestApp.AntiforgeryToken(html);
        if (post)
        {
            // The language switch on the cached page works with this browser's token and cookie.
            var switched = await client.PostAsync("/sprog", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["culture"] = "en-GB",
                ["returnUrl"] = path,
            }));
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        }

        return (token, nonce);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Approving_ANewValue_ChangesTheETag_AndTheAnswerShowsIt(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var anonymous = app.NewClient();
        const string api = "/api/v1/indicators/fuldamning-4mdr/values?area=751&period=2003-03";
        const string page = "/indikatorer/fuldamning-4mdr?area=751&period=2003-03";
        await Pages.InScopeAsync(app, async db =>
        {
            db.IndicatorValues.Add(new IndicatorValue
            {
                IndicatorCode = "fuldamning-4mdr",
                AreaCode = "751",
                Period = "2003-03",
                Numerator = 61,
                Denominator = 80,
                Status = ValueStatus.Submitted,
                Origin = "test",
                UpdatedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

        var before = await anonymous.GetAsync(api);
        Assert.Equal("[]", await before.Content.ReadAsStringAsync());
        var pageBefore = await anonymous.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, pageBefore.StatusCode);

        var secretariat = await app.LoginAsync(DemoUsers.Secretariat);
        var toApprove = await Pages.GetAsync(secretariat, "/indikatorer/godkendelse?omraade=751&periode=2003-03&status=indsendt");
        var approved = await Pages.SubmitAndFollowAsync(secretariat, toApprove, "main form[action*='handler=Approve'] button");
        Assert.Contains("1 tal er godkendt", approved.Text());

        // The approval went through this node: the very next request sees it.
        var after = await anonymous.GetAsync(api);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        using var json = JsonDocument.Parse(await after.Content.ReadAsStringAsync());
        var value = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(61, value.GetProperty("numerator").GetInt32());
        Assert.Equal(80, value.GetProperty("denominator").GetInt32());
        Assert.Equal(100.0 * 61 / 80, value.GetProperty("value").GetDouble(), 9);

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, api);
        revalidate.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(revalidate)).StatusCode);

        var pageAfter = await anonymous.GetAsync(page);
        Assert.NotEqual(pageBefore.Headers.ETag, pageAfter.Headers.ETag);
        // The new month is now one of the page's periods.
        Assert.DoesNotContain("value=\"2003-03\"", await pageBefore.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("value=\"2003-03\"", await pageAfter.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ALoggedInUser_IsNeverServedTheAnonymousCopy_NorAnonymousTheStaffView(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        const string api = "/api/v1/indicators/fuldamning-4mdr/values?area=751&period=2003-04";
        const string page = "/indikatorer/omraade/751";
        await Pages.InScopeAsync(app, async db =>
        {
            // A draft of Aarhus: its reporter sees it (not for publication), nobody else does.
            db.IndicatorValues.Add(new IndicatorValue
            {
                IndicatorCode = "fuldamning-4mdr",
                AreaCode = "751",
                Period = "2003-04",
                Numerator = 55,
                Denominator = 70,
                Status = ValueStatus.Draft,
                Origin = "test",
                UpdatedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        var anonymous = app.NewClient();
        var stored = await anonymous.GetAsync(api);
        Assert.Equal("[]", await stored.Content.ReadAsStringAsync());
        var storedPage = await anonymous.GetAsync(page);
        Assert.DoesNotContain("Log ud", await storedPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var reporter = await app.LoginAsync(DemoUsers.Reporter);
        using var withTag = new HttpRequestMessage(HttpMethod.Get, api);
        withTag.Headers.IfNoneMatch.Add(stored.Headers.ETag!);
        var own = await reporter.SendAsync(withTag);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Null(own.Headers.ETag);
        Assert.True(own.Headers.CacheControl!.NoStore, own.Headers.ToString());
        using (var json = JsonDocument.Parse(await own.Content.ReadAsStringAsync()))
        {
            var draft = Assert.Single(json.RootElement.EnumerateArray());
            Assert.Equal(55, draft.GetProperty("numerator").GetInt32());
            Assert.True(draft.GetProperty("notForPublication").GetBoolean());
        }

        var ownPage = await reporter.GetAsync(page);
        Assert.Contains("Log ud", await ownPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(ownPage.Headers.CacheControl!.NoStore);

        // With an API key too.
        var keyed = await IndicatorApiApps.ApiKeyClientAsync(app, DemoUsers.Reporter);
        Assert.Contains("\"numerator\":55", await keyed.GetStringAsync(api), StringComparison.Ordinal);

        // And the anonymous copy is still the anonymous one.
        Assert.Equal("[]", await app.NewClient().GetStringAsync(api));
        Assert.DoesNotContain("Log ud", await app.NewClient().GetStringAsync(page), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TheDownload_IsAFileOfTheVersion_AndANewApprovalMakesANewOne(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var client = app.NewClient();
        var first = await client.GetAsync("/api/v1/indicators/download?dialect=opendata");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.DoesNotContain(",2003-05,", Values(await first.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);

        await Pages.InScopeAsync(app, async db =>
        {
            db.IndicatorValues.Add(new IndicatorValue
            {
                IndicatorCode = "fuldamning-4mdr",
                AreaCode = "751",
                Period = "2003-05",
                Numerator = 44,
                Denominator = 50,
                Status = ValueStatus.Approved,
                Origin = "test",
                UpdatedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

        var second = await client.GetAsync("/api/v1/indicators/download?dialect=opendata");
        Assert.NotEqual(first.Headers.ETag, second.Headers.ETag);
        Assert.Contains("fuldamning-4mdr,751,Aarhus,municipality,2003-05,,44,50,88,", Values(await second.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);

        // Kept as a file: the old version's file is gone, the new one is there.
        var files = Directory.GetFiles(app.Service<BulkDownloadFiles>().Directory, "ammeindsats-opendata-*.zip");
        Assert.Single(files);
    }

    public static string Values(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        using var reader = new StreamReader(archive.GetEntry("values.csv")!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NoncePattern();
}

/// <summary>The bulk download built once and served as a file, on the known data of <see cref="IndicatorApiApps"/>.</summary>
[Collection(IndicatorApiCollection.Name)]
public sealed class PublishedDownloadTests(IndicatorApiApps apps)
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TwoDownloads_AtOnce_AreTheSameBytes_WithTheSameETag_AndSupportRangesAnd304(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        foreach (var dialect in new[] { "excel", "opendata" })
        {
            var url = $"/api/v1/indicators/download?dialect={dialect}";
            var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.NewClient().GetAsync(url)));
            var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsByteArrayAsync()));
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            Assert.All(responses, r => Assert.Equal("application/zip", r.Content.Headers.ContentType!.MediaType));
            var etag = responses[0].Headers.ETag;
            Assert.NotNull(etag);
            Assert.False(etag.IsWeak);
            Assert.All(responses, r => Assert.Equal(etag, r.Headers.ETag));
            Assert.All(bodies, b => Assert.Equal(bodies[0], b));
            Assert.Equal(bodies[0].Length, responses[0].Content.Headers.ContentLength);

            // Built once: one file for the version and dialect.
            Assert.Single(Directory.GetFiles(app.Service<BulkDownloadFiles>().Directory, $"ammeindsats-{dialect}-*.zip"));

            using var range = new HttpRequestMessage(HttpMethod.Get, url);
            range.Headers.Range = new RangeHeaderValue(10, 29);
            var partial = await app.NewClient().SendAsync(range);
            Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
            Assert.Equal(bodies[0][10..30], await partial.Content.ReadAsByteArrayAsync());

            using var repeat = new HttpRequestMessage(HttpMethod.Get, url);
            repeat.Headers.IfNoneMatch.Add(etag);
            Assert.Equal(HttpStatusCode.NotModified, (await app.NewClient().SendAsync(repeat)).StatusCode);
        }
    }
}
