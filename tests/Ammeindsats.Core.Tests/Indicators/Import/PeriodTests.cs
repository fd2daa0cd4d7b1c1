using Ammeindsats.Core.Indicators.Import;

namespace Ammeindsats.Core.Tests.Indicators.Import;

public class PeriodTests
{
    [Theory]
    [InlineData("2023", PeriodGranularity.Year, 1, "2023-01-01", "2023-12-31", "2023")]
    [InlineData("2023H1", PeriodGranularity.Half, 1, "2023-01-01", "2023-06-30", "2023H1")]
    [InlineData("2023h2", PeriodGranularity.Half, 2, "2023-07-01", "2023-12-31", "2023H2")]
    [InlineData("2023Q2", PeriodGranularity.Quarter, 2, "2023-04-01", "2023-06-30", "2023Q2")]
    [InlineData("2023q4", PeriodGranularity.Quarter, 4, "2023-10-01", "2023-12-31", "2023Q4")]
    [InlineData("2023-05", PeriodGranularity.Month, 5, "2023-05-01", "2023-05-31", "2023-05")]
    [InlineData("2024-02", PeriodGranularity.Month, 2, "2024-02-01", "2024-02-29", "2024-02")]
    [InlineData("2023-2", PeriodGranularity.Month, 2, "2023-02-01", "2023-02-28", "2023-02")]
    [InlineData(" 2023Q1 ", PeriodGranularity.Quarter, 1, "2023-01-01", "2023-03-31", "2023Q1")]
    public void TryParse_ReadsEachForm(string text, PeriodGranularity granularity, int number, string start, string end, string written)
    {
        Assert.True(Period.TryParse(text, out var period));

        Assert.Equal(int.Parse(start[..4], System.Globalization.CultureInfo.InvariantCulture), period.Year);
        Assert.Equal(granularity, period.Granularity);
        Assert.Equal(number, period.Number);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), period.End);
        Assert.Equal(written, period.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("23")]
    [InlineData("0000")]
    [InlineData("20231")]
    [InlineData("2023H0")]
    [InlineData("2023H3")]
    [InlineData("2023Q0")]
    [InlineData("2023Q5")]
    [InlineData("2023-00")]
    [InlineData("2023-13")]
    [InlineData("2023-005")]
    [InlineData("2023-")]
    [InlineData("2023Q")]
    [InlineData("2023 Q1")]
    [InlineData("Q1 2023")]
    [InlineData("2023-05-01")]
    [InlineData("2023H12")]
    public void TryParse_RefusesOtherText(string text) => Assert.False(Period.TryParse(text, out _));

    [Fact]
    public void Parse_BadText_Throws() => Assert.Throws<FormatException>(() => Period.Parse("2023Q5"));

    [Fact]
    public void Contains_DatesAtTheEdges()
    {
        var q2 = Period.OfQuarter(2023, 2);

        Assert.False(q2.Contains(new DateOnly(2023, 3, 31)));
        Assert.True(q2.Contains(new DateOnly(2023, 4, 1)));
        Assert.True(q2.Contains(new DateOnly(2023, 6, 30)));
        Assert.False(q2.Contains(new DateOnly(2023, 7, 1)));
    }

    [Fact]
    public void Contains_Periods()
    {
        var year = Period.OfYear(2023);
        var h1 = Period.OfHalf(2023, 1);

        Assert.True(year.Contains(h1));
        Assert.True(h1.Contains(Period.OfQuarter(2023, 2)));
        Assert.True(h1.Contains(Period.OfMonth(2023, 6)));
        Assert.False(h1.Contains(Period.OfMonth(2023, 7)));
        Assert.False(h1.Contains(year));
        Assert.True(year.Contains(year));
        Assert.False(year.Contains(Period.OfMonth(2024, 1)));
    }

    [Fact]
    public void Equality_IgnoresHowItWasWritten()
    {
        Assert.Equal(Period.Parse("2023q2"), Period.OfQuarter(2023, 2));
        Assert.NotEqual(Period.OfYear(2023), Period.OfHalf(2023, 1));
    }

    [Fact]
    public void Order_ByStartThenShorterFirst()
    {
        Period[] periods = [Period.OfYear(2023), Period.OfMonth(2023, 2), Period.OfMonth(2023, 1), Period.OfQuarter(2023, 1), Period.OfHalf(2022, 2)];

        Array.Sort(periods);

        Assert.Equal(["2022H2", "2023-01", "2023Q1", "2023", "2023-02"], periods.Select(p => p.ToString()));
    }

    [Fact]
    public void Factories_RefuseNumbersOutsideTheYear()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.OfQuarter(2023, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.OfMonth(2023, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.OfHalf(0, 1));
    }
}
