using Ammeindsats.Data;
using Ammeindsats.Web.Features.Indicators;
using Ammeindsats.Web.Tests.Administration;
using Ammeindsats.Web.Tests.Infrastructure;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>With halves and months beside the years, the pages still open on a whole year.</summary>
public sealed class DefaultPeriodTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task OverviewAndDetail_OpenOnTheLatestYear_NotOnAHalfOrMonthAfterIt(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            PostgresServer.SkipIfUnavailable();
        }

        using var app = TestApp.Create(provider);
        _ = app.Server;
        // Aarhus only, approved: the year 2004, then its second half and a month of 2005, which end later.
        const string file =
            "indicator,area,period,breakdown,numerator,denominator\n" +
            "fuldamning-4mdr,751,2004,,500,1000\n" +
            "fuldamning-4mdr,751,2004H2,,260,500\n" +
            "fuldamning-4mdr,751,2005-01,,40,90\n";
        await TestImports.RunAsync(app, ImportKind.IndicatorValues, file);

        var client = app.NewClient();
        var overview = await Pages.GetAsync(client, "/indikatorer");
        var selected = overview.QuerySelector("select#period option[selected]")?.GetAttribute("value");
        Assert.NotNull(selected);
        Assert.Matches("^[0-9]{4}$", selected);

        var detail = await Pages.GetAsync(client, "/indikatorer/fuldamning-4mdr?area=751");
        var options = detail.QuerySelectorAll("select#period option").Select(o => o.GetAttribute("value")).ToList();
        // Newest first by end date; a year before its parts that end the same day.
        Assert.True(options.IndexOf("2005-01") < options.IndexOf("2004"), string.Join(",", options));
        Assert.True(options.IndexOf("2004") < options.IndexOf("2004H2"), string.Join(",", options));
        Assert.Matches("^[0-9]{4}$", detail.QuerySelector("select#period option[selected]")?.GetAttribute("value") ?? string.Empty);
    }
}
