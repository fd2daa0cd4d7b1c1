using System.Net;
using System.Text.Json;
using Ammeindsats.Data;
using Ammeindsats.Web.Tests.Indicators;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Tests.Security;

/// <summary>
/// Answers at the edges: the API says 401, 403 and 404 as problem+json; an address that does not exist is 404 for
/// everyone, not a login redirect; the favicon is served; a blank filter does not break a page; and a database
/// prepared with <c>migrate</c> alone has its reference areas, so an import can follow.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class HardeningHttpTests(TestApps apps)
{
    [Fact]
    public async Task Api_WithoutOrWithAWrongKey_Answers401AsProblemJson_WithABearerChallenge()
    {
        var app = apps.Get(DatabaseProvider.Sqlite);
        var client = app.NewClient();
        var none = await client.GetAsync("/api/v1/me");
        var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        wrong.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "ak_abcdefgh_ikke-en-rigtig-noegle");
        var made = await client.SendAsync(wrong);

        foreach (var response in new[] { none, made })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Contains("API-nøgle", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnknownPaths_Answer404_ApiAsProblemJsonEvenWithAValidKey_PagesWithoutALoginRedirect()
    {
        var app = apps.Get(DatabaseProvider.Sqlite);
        var api = await AuthorizationMatrixTests.ApiClientAsync(app, DemoUsers.Reader);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);

        var missing = await api.GetAsync("/api/v1/findes-ikke");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        var anonymousApi = await app.NewClient().GetAsync("/api/v1/findes-ikke");
        Assert.Equal(HttpStatusCode.NotFound, anonymousApi.StatusCode);

        var page = await app.NewClient().GetAsync("/findes-ikke/heller-ikke");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Null(page.Headers.Location);
    }

    [Fact]
    public async Task Favicon_IsServedToAnonymousVisitors_WithoutTouchingTheLoginPage()
    {
        var response = await apps.Get(DatabaseProvider.Sqlite).NewClient().GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        // An .ico file starts with reserved 0, type 1 (icon).
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]);
    }

    [Fact]
    public async Task BeforeAfter_WithABlankExclusion_ShowsThePage()
    {
        var response = await apps.Get(DatabaseProvider.Sqlite).NewClient().GetAsync("/indikatorer/foer-efter?exclude=");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task BeforeAfter_WithEmptyFields_SaysSoInDanish_NeverInTheFrameworksEnglish()
    {
        var client = apps.Get(DatabaseProvider.Sqlite).NewClient();
        var empty = await client.GetStringAsync("/indikatorer/foer-efter?indicator=fuldamning-4mdr&start=&region=1082&exclude=");
        Assert.DoesNotContain("field is required", empty, StringComparison.Ordinal);
        Assert.Contains("Skriv datoen som dd-mm-åååå", empty, StringComparison.Ordinal);

        var first = await client.GetStringAsync("/indikatorer/foer-efter");
        Assert.DoesNotContain("field is required", first, StringComparison.Ordinal);
        Assert.DoesNotContain("error-summary", first, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Migrate_OnAnEmptyDatabase_LoadsTheReferenceAreas_SoAnImportCanFollow(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            PostgresServer.SkipIfUnavailable();
        }

        // Never started: the database is empty until the command line migrates it.
        using var app = TestApp.Create(provider, demo: false);
        var migrate = await CommandLineProcess.RunAsync(app, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.ToString());

        var file = CommandLineProcess.WriteFile("migrate-import.csv",
            "indicator,area,period,breakdown,numerator,denominator\nfuldamning-4mdr,101,2001,,41,80\n");
        var import = await CommandLineProcess.RunAsync(app, "import", "indicator-values", file);
        Assert.True(import.ExitCode == 0, import.ToString());

        await using var db = app.NewDbContext();
        // 98 municipalities, 5 regions and the country, as ../shared/reference lists them.
        Assert.Equal(98, await db.Areas.CountAsync(a => a.Type == Core.Areas.AreaType.Municipality));
        Assert.Equal(5, await db.Areas.CountAsync(a => a.Type == Core.Areas.AreaType.Region));
        Assert.Equal(41, (await db.IndicatorValues.SingleAsync(v => v.AreaCode == "101" && v.Period == "2001")).Numerator);
    }
}
