using System.Net;
using System.Net.Http.Json;
using Ammeindsats.Data;
using Ammeindsats.Web.Tests.Infrastructure;

namespace Ammeindsats.Web.Tests.Areas;

[Collection(WebCollection.Name)]
public sealed class AreasApiTests(TestApps apps)
{
    private sealed record AreaDto(string Code, string Name, string Type, List<string> Parents);

    // Counts from the reference files (shared/reference/SOURCES.md): 5 regions, 98 municipalities
    // (Christiansø excluded), 18 clusters, 22 birth sites.
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Get_Areas_ListsEveryAreaOfTheReferenceData(DatabaseProvider provider)
    {
        var client = apps.Get(provider).NewClient();

        var areas = await client.GetFromJsonAsync<List<AreaDto>>("/api/v1/areas");

        Assert.NotNull(areas);
        Assert.Single(areas, a => a.Type == "country" && a.Code == "DK");
        Assert.Equal(5, areas.Count(a => a.Type == "region"));
        Assert.Equal(98, areas.Count(a => a.Type == "municipality"));
        Assert.Equal(18, areas.Count(a => a.Type == "cluster"));
        Assert.Equal(22, areas.Count(a => a.Type == "birthSite"));
        Assert.Equal(["1081", "1082", "1083", "1084", "1085"], areas.Where(a => a.Type == "region").Select(a => a.Code).Order());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Get_Areas_KøbenhavnBelongsToItsRegionAndBothItsClusters(DatabaseProvider provider)
    {
        var client = apps.Get(provider).NewClient();

        var areas = await client.GetFromJsonAsync<List<AreaDto>>("/api/v1/areas");

        var kbh = Assert.Single(areas!, a => a.Code == "101");
        Assert.Equal("København", kbh.Name);
        Assert.Equal(["1084", "RH-BYEN", "RH-SYD"], kbh.Parents);
        var aarhus = Assert.Single(areas!, a => a.Code == "751");
        Assert.Equal(["1082", "RM-AARHUS"], aarhus.Parents);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Get_AreaPage_AcceptsLeadingZeroAndRedirectsToCanonicalCode(DatabaseProvider provider)
    {
        var client = apps.Get(provider).NewClient();

        var response = await client.GetAsync("/omraader/0751");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/omraader/751", response.Headers.Location?.ToString());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Get_RegionPage_ListsItsClustersMunicipalitiesAndBirthSites(DatabaseProvider provider)
    {
        var client = apps.Get(provider).NewClient();

        var html = await client.GetStringAsync("/omraader/1082");

        // Region Midtjylland: 5 clusters, 19 municipalities, 5 birth sites in the reference files.
        Assert.Contains("Sundhedsklynger (5)", html);
        Assert.Contains("Kommuner (19)", html);
        Assert.Contains("Fødesteder (5)", html);
        Assert.Contains("Aarhusklyngen", html);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Get_UnknownArea_ReturnsNotFound(DatabaseProvider provider)
    {
        var client = apps.Get(provider).NewClient();

        var response = await client.GetAsync("/omraader/9999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Get_Health_ReportsHealthyDatabase(DatabaseProvider provider)
    {
        var client = apps.Get(provider).NewClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Get_StartPage_IsDanishWithSecurityHeaders(DatabaseProvider provider)
    {
        var client = apps.Get(provider).NewClient();

        var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"da\">", html);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]+'", csp);
        Assert.DoesNotContain("'unsafe-inline'", csp.Split(';').Single(p => p.Trim().StartsWith("script-src", StringComparison.Ordinal)));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
