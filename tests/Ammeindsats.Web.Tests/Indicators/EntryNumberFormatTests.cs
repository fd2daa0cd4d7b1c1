using Ammeindsats.Data;
using Ammeindsats.Web.Features.Indicators.Workflow;
using Ammeindsats.Web.Tests.Administration;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>Manual entry reads counts as a Danish user types them: thousands may be grouped with a point or a space.</summary>
[Collection(IndicatorsCollection.Name)]
public sealed class EntryNumberFormatTests(TestApps apps)
{
    [Theory]
    [InlineData("1.234", 1234)]
    [InlineData("1 234", 1234)]
    [InlineData("12.345.678", 12345678)]
    [InlineData(" 980 ", 980)]
    [InlineData("0", 0)]
    public void TypedCount_WithDanishThousandsGrouping_IsRead(string text, int expected)
    {
        Assert.True(WorkflowRules.TryParseTypedCount(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("12.5")]
    [InlineData("1.23")]
    [InlineData("1.2345")]
    [InlineData("1,234")]
    [InlineData(".123")]
    [InlineData("-5")]
    [InlineData("1..234")]
    public void TypedCount_ThatCouldBeADecimalOrIsMalformed_IsRefused(string text) =>
        Assert.False(WorkflowRules.TryParseTypedCount(text, out _));

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Entry_OfADenominatorWrittenWithAThousandsPoint_IsSavedAsTheCount(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var reporter = await app.LoginAsync(DemoUsers.Reporter);
        var form = await Pages.GetAsync(reporter, "/indikatorer/indberet");
        var saved = await Pages.SubmitAndFollowAsync(reporter, form, "main form button.button-primary", new()
        {
            ["indikator"] = "fuldamning-4mdr",
            ["omraade"] = "751",
            ["periode"] = "2014-11",
            ["opdeling"] = string.Empty,
            ["taeller"] = "1.003",
            ["naevner"] = "1.234",
        });
        if (saved.QuerySelector("#history-warning") is not null)
        {
            // Far from the area's earlier figures (other tests add some): confirmed, as a user would.
            saved = await Pages.SubmitAndFollowAsync(reporter, saved, "main form button.button-primary", new() { ["bekraeftet"] = saved.QuerySelector("#bekraeftet")!.GetAttribute("value")! });
        }

        Assert.Contains("er gemt som kladde", saved.Text(), StringComparison.Ordinal);

        await using var db = app.NewDbContext();
        var value = await db.IndicatorValues.AsNoTracking().SingleAsync(v => v.AreaCode == "751" && v.Period == "2014-11" && v.IndicatorCode == "fuldamning-4mdr" && v.Breakdown == "");
        Assert.Equal((1003, 1234), (value.Numerator, value.Denominator));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task HistoryWarning_OnFiguresTypedWithThousandsPoints_IsConfirmedAndSaved(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var reporter = await app.LoginAsync(DemoUsers.Reporter);
        // Aarhus' approved demo cohorts have about 85 % fully breastfed at 2 weeks; 1.000 of 10.000 is far below.
        var warned = await Pages.SubmitAndFollowAsync(reporter, await Pages.GetAsync(reporter, "/indikatorer/indberet"), "main form button.button-primary", new()
        {
            ["indikator"] = "fuldamning-2uger",
            ["omraade"] = "751",
            ["periode"] = "2025-04",
            ["opdeling"] = string.Empty,
            ["taeller"] = "1.000",
            ["naevner"] = "10.000",
        });
        Assert.NotNull(warned.QuerySelector("#history-warning"));
        Assert.Equal("1.000/10.000", warned.QuerySelector("#bekraeftet")!.GetAttribute("value"));

        var saved = await Pages.SubmitAndFollowAsync(reporter, warned, "main form button.button-primary", new() { ["bekraeftet"] = "1.000/10.000" });
        Assert.Contains("er gemt som kladde", saved.Text(), StringComparison.Ordinal);
        await using var db = app.NewDbContext();
        var value = await db.IndicatorValues.AsNoTracking().SingleAsync(v => v.AreaCode == "751" && v.Period == "2025-04" && v.IndicatorCode == "fuldamning-2uger" && v.Breakdown == "");
        Assert.Equal((1000, 10000), (value.Numerator, value.Denominator));
    }
}
