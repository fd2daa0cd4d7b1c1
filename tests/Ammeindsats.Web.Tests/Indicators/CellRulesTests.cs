using System.Globalization;
using Ammeindsats.Data;
using Ammeindsats.Web.Features.Indicators.Import;
using Ammeindsats.Web.Tests.Administration;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>
/// One set of rules for an indicator cell: what the entry page refuses, the import refuses too, with the same
/// words and, in a file, the row and column.
/// </summary>
[Collection(IndicatorsCollection.Name)]
public sealed class CellRulesTests(TestApps apps)
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task APeriodNotYetBegun_IsRefusedByTheEntryPageAndByTheImport_WithTheSameMessage(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var nextYear = DateTime.UtcNow.Year + 1;
        var period = nextYear.ToString(CultureInfo.InvariantCulture);
        var expected = $"Perioden {period} er ikke begyndt endnu (den begynder 1. januar {period}).";
        var reporter = await app.LoginAsync(DemoUsers.Reporter);

        var entry = await Pages.SubmitAndFollowAsync(reporter, await Pages.GetAsync(reporter, "/indikatorer/indberet"), "main form button.button-primary", new()
        {
            ["indikator"] = "fuldamning-4mdr",
            ["omraade"] = "751",
            ["periode"] = period,
            ["opdeling"] = string.Empty,
            ["taeller"] = "10",
            ["naevner"] = "20",
        });
        Assert.Contains(expected, entry.Text(), StringComparison.Ordinal);

        var file = "indicator,area,period,breakdown,numerator,denominator\n" +
            $"fuldamning-4mdr,751,{period},,10,20\n" +
            "fuldamning-4mdr,751,2004,firstborn,10,20\n" +
            "fuldamning-4mdr,751,2004,parity-1,10,20\n";
        var check = await Pages.GetAsync(reporter, await ImportPageTests.UploadAsync(reporter, ImportKinds.IndicatorValues, file, "aarhus-naeste-aar.csv", approve: false));

        var problems = check.QuerySelectorAll("#problems tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.Text().Trim()).ToArray()).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Equal(["2", "period", expected], problems[0][..3]);
        Assert.Equal(["3", "breakdown"], problems[1][..2]);
        Assert.Contains("Opdelingen «firstborn» findes ikke", problems[1][2], StringComparison.Ordinal);
        Assert.Null(check.QuerySelector("#confirm"));

        await using var db = app.NewDbContext();
        Assert.False(await db.IndicatorValues.AnyAsync(v => v.AreaCode == "751" && (v.Period == period || v.Period == "2004")));
    }
}
