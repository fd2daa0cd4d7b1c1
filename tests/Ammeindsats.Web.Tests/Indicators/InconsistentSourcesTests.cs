using System.Net;
using System.Text.Json;
using Ammeindsats.Data;
using Ammeindsats.Web.Features.Indicators;
using Ammeindsats.Web.Tests.Infrastructure;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>
/// Figures from different sources need not add up: a national figure from one file and a municipality's typed
/// or imported figure from another. One such cell must not stop every figure of the indicator.
/// </summary>
public sealed class InconsistentSourcesTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Values_WhenAMunicipalityExceedsTheCountry_AreStillServed(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            PostgresServer.SkipIfUnavailable();
        }

        using var app = TestApp.Create(provider);
        // DK 100/200 while København alone is 150/180: the parts exceed the whole (Region Hovedstaden, rolled up
        // from København only, is 150/180 too).
        const string file =
            "indicator,area,period,breakdown,numerator,denominator\n" +
            "fuldamning-2uger,DK,2009,,100,200\n" +
            "fuldamning-2uger,101,2009,,150,180\n";
        await TestImports.RunAsync(app, ImportKind.IndicatorValues, file);

        var response = await app.NewClient().GetAsync("/api/v1/indicators/fuldamning-2uger/values?period=2009");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var byArea = json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("area").GetProperty("code").GetString()!);

        // 100/200 = 50 %; 150/180 = 83.333… %. Neither is small enough to be suppressed.
        Assert.Equal(50.0, byArea["DK"].GetProperty("value").GetDouble(), 9);
        Assert.Equal(150.0 / 180 * 100, byArea["101"].GetProperty("value").GetDouble(), 9);
        Assert.False(byArea["101"].GetProperty("suppressed").GetBoolean());
    }
}
