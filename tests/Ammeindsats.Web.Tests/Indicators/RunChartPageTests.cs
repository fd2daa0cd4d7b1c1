using System.Text;
using Ammeindsats.Data;
using Ammeindsats.Web.Features.Indicators;
using Ammeindsats.Web.Tests.Administration;
using Ammeindsats.Web.Tests.Infrastructure;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>The detail page draws monthly figures as a run chart and applies Anhøj's rules to them.</summary>
public sealed class RunChartPageTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task MonthlyFigures_GetARunChart_WithAnhoejsRulesWorkedByHand(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            PostgresServer.SkipIfUnavailable();
        }

        using var app = TestApp.Create(provider);
        _ = app.Server;
        // Aarhus, 2007, 100 children a month: 60–65 % in January–June, 70–75 % in July–December.
        var file = new StringBuilder("indicator,area,period,breakdown,numerator,denominator\n");
        int[] numerators = [60, 61, 62, 63, 64, 65, 70, 71, 72, 73, 74, 75];
        for (var month = 1; month <= 12; month++)
        {
            file.Append(System.Globalization.CultureInfo.InvariantCulture, $"fuldamning-2uger,751,2007-{month:00},,{numerators[month - 1]},100\n");
        }

        await TestImports.RunAsync(app, ImportKind.IndicatorValues, file.ToString());

        var page = await Pages.GetAsync(app.NewClient(), "/indikatorer/fuldamning-2uger?area=751&period=2007-06");
        var text = page.Text();

        // Median of the twelve values: (65 + 70) / 2 = 67,5. Six below, then six above: the longest run is 6 and the
        // median is crossed once. Limits for n = 12: round(log2 12 + 3) = round(6,58) = 7; the smallest c with
        // P(X ≤ c) ≥ 0,05 for X ~ Bin(11, ½) is 3 (P(X ≤ 2) = 67/2048 = 0,033, P(X ≤ 3) = 232/2048 = 0,113).
        // One crossing is fewer than 3: a signal; a run of 6 is not longer than 7: no shift.
        Assert.Contains("Seriediagram pr. måned for Aarhus", text);
        Assert.Contains("omkring medianen (67,5) af 12 punkter", text);
        Assert.Contains("længste serie på samme side: 6 (grænse 7)", text);
        Assert.Contains("krydsninger af medianen: 1 (grænse 3)", text);
        Assert.Contains("Signal: variationen er ikke tilfældig (for få krydsninger).", text);
        Assert.DoesNotContain("for lang serie", text);
        var rows = page.QuerySelectorAll("table").First(t => t.QuerySelector("caption").Text().Contains("pr. måned", StringComparison.Ordinal)).QuerySelectorAll("tbody tr");
        Assert.Equal(12, rows.Length);
        Assert.Contains("2007-01", rows[0].Text());
        Assert.Contains("under", rows[0].Text());
        Assert.Contains("over", rows[11].Text());

        // The yearly trend table does not mix in the months.
        var trend = page.QuerySelector("#trend-table tbody").Text();
        Assert.DoesNotContain("2007-", trend);
    }
}
