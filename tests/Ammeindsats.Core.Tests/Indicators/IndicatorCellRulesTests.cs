using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.Indicators.Import;
using Ammeindsats.Core.Tests.Areas;

namespace Ammeindsats.Core.Tests.Indicators;

public class IndicatorCellRulesTests
{
    [Fact]
    public void OnlyActiveMunicipalitiesAndBirthSites_AreEnteredByHand()
    {
        Assert.True(IndicatorCellRules.IsReportingArea(TestAreas.Aarhus));
        Assert.True(IndicatorCellRules.IsReportingArea(TestAreas.Auh));
        Assert.False(IndicatorCellRules.IsReportingArea(TestAreas.Midtjylland));
        Assert.False(IndicatorCellRules.IsReportingArea(TestAreas.AarhusCluster));
        Assert.False(IndicatorCellRules.IsReportingArea(TestAreas.Denmark));
        Assert.False(IndicatorCellRules.IsReportingArea(new Area { Code = "RM-X", Type = AreaType.BirthSite, Name = "Lukket fødested", Active = false }));

        Assert.Null(IndicatorCellRules.CheckEnteredArea(TestAreas.Aarhus));
        Assert.Equal(
            "Region Midtjylland er ikke en kommune eller et fødested. Tal for regioner, klynger og hele landet regnes ud fra kommunernes tal.",
            IndicatorCellRules.CheckEnteredArea(TestAreas.Midtjylland));
    }

    [Theory]
    [InlineData("2026", null)]
    [InlineData("2026H2", null)]
    [InlineData("2026Q4", null)]
    [InlineData("2026-12", null)]
    [InlineData("2027", "Perioden 2027 er ikke begyndt endnu (den begynder 1. januar 2027).")]
    [InlineData("2027Q1", "Perioden 2027Q1 er ikke begyndt endnu (den begynder 1. januar 2027).")]
    [InlineData("2027-02", "Perioden 2027-02 er ikke begyndt endnu (den begynder 1. februar 2027).")]
    public void APeriodNotYetBegun_IsRefused(string period, string? expected)
    {
        Assert.True(Period.TryParse(period, out var parsed));

        Assert.Equal(expected, IndicatorCellRules.CheckPeriodStarted(parsed, new DateOnly(2026, 12, 31)));
    }

    [Fact]
    public void APeriod_HasBegunOnItsFirstDay() =>
        Assert.Null(IndicatorCellRules.CheckPeriodStarted(Period.OfYear(2027), new DateOnly(2027, 1, 1)));

    [Theory]
    [InlineData("", "")]
    [InlineData("  ", "")]
    [InlineData("parity-1", "parity-1")]
    [InlineData(" PARITY-1 ", "parity-1")]
    [InlineData("Parity-2plus", "parity-2plus")]
    public void TheThreeBreakdowns_AreRead(string text, string expected)
    {
        Assert.True(IndicatorCellRules.TryReadBreakdown(text, out var breakdown));
        Assert.Equal(expected, breakdown);
    }

    [Theory]
    [InlineData("firstborn")]
    [InlineData("parity-2")]
    [InlineData("alle")]
    public void AnyOtherBreakdown_IsRefused(string text) =>
        Assert.False(IndicatorCellRules.TryReadBreakdown(text, out _));

    [Fact]
    public void TheNumerator_CannotExceedTheDenominator()
    {
        Assert.Null(IndicatorCellRules.CheckCounts(40, 40));
        Assert.Null(IndicatorCellRules.CheckCounts(0, 0));
        Assert.Equal("Tælleren (41) er større end nævneren (40).", IndicatorCellRules.CheckCounts(41, 40));
        Assert.Equal("Tælleren (1.234) er større end nævneren (999).", IndicatorCellRules.CheckCounts(1234, 999));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1234", 1234)]
    [InlineData(" 1.234 ", 1234)]
    [InlineData("1 234", 1234)]
    [InlineData("1\u00A0234", 1234)]
    [InlineData("12.345.678", 12345678)]
    public void ATypedCount_MayBeGroupedInThousands(string text, int expected)
    {
        Assert.True(IndicatorCellRules.TryParseTypedCount(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("12.5")]
    [InlineData("1.23")]
    [InlineData("1.2345")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1,234")]
    [InlineData("")]
    [InlineData(null)]
    public void ATypedCount_IsNeverADecimalOrSigned(string? text) =>
        Assert.False(IndicatorCellRules.TryParseTypedCount(text, out _));

    [Theory]
    [InlineData("1.234")]
    [InlineData("1 234")]
    public void AFilesCount_HasNoSeparators(string text) =>
        Assert.False(IndicatorCellRules.TryParseCount(text, out _));
}
