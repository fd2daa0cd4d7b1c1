using Ammeindsats.Core.Statistics;

namespace Ammeindsats.Core.Tests.Statistics;

public class BeforeAfterTests
{
    // Areas: 2018–2020 give 50 + 55 + 45 = 150 of 300 = 50 %; 2022–2023 give 130 + 110 = 240 of 400 = 60 %.
    // 2018 arrives as two rows (two municipalities), 20/40 + 30/60 = 50/100.
    private static readonly CohortCount[] Areas =
    [
        new(2018, 20, 40), new(2018, 30, 60), new(2019, 55, 100), new(2020, 45, 100),
        new(2021, 70, 120),
        new(2022, 130, 200), new(2023, 110, 200),
    ];

    // Comparison: 2018–2020 give 300 of 600 = 50 %; 2022–2023 give 210 of 400 = 52.5 %.
    private static readonly CohortCount[] Comparison =
    [
        new(2018, 100, 200), new(2019, 100, 200), new(2020, 100, 200),
        new(2021, 100, 200),
        new(2022, 105, 200), new(2023, 105, 200),
    ];

    [Fact]
    public void Analyse_MidYearStart_PoolsWholeCohortsAndSetsTheStartYearApart()
    {
        // Start 1 July 2021: 2018–2020 end before it, 2022–2023 begin after it, 2021 straddles.
        // Change = 240/400 − 150/300 = 60 % − 50 % = 10 points.
        // Wilson 95 %: 240/400 → 0.5512591–0.6468385; 150/300 → 0.4437795–0.5562205.
        // lower = 0.1 − √((0.6 − 0.5512591)² + (0.5562205 − 0.5)²) = 0.1 − √(0.0023757 + 0.0031608) = 0.1 − 0.0744071 = 0.0255929
        // upper = 0.1 + √((0.6468385 − 0.6)² + (0.5 − 0.4437795)²) = 0.1 + √(0.0021938 + 0.0031608) = 0.1 + 0.0731750 = 0.1731750
        var result = BeforeAfter.Analyse(Areas, new DateOnly(2021, 7, 1));

        Assert.Equal([2018, 2019, 2020], result.Before.BirthYears);
        Assert.Equal((150, 300), (result.Before.Numerator, result.Before.Denominator));
        Assert.Equal([2022, 2023], result.After.BirthYears);
        Assert.Equal((240, 400), (result.After.Numerator, result.After.Denominator));
        Assert.Equal(new CohortCount(2021, 70, 120), result.Straddling);
        Assert.Equal(10.0, result.Change!.Value.Value, 10);
        Assert.Equal(2.55929, result.Change.Value.Lower, 4);
        Assert.Equal(17.31750, result.Change.Value.Upper, 4);
        Assert.Equal(50.0, result.Before.Share!.Value.Value, 10);
    }

    [Fact]
    public void Analyse_StartOnFirstOfJanuary_LeavesNothingStraddling()
    {
        // Start 1 January 2021: the 2021 cohort is born wholly on or after the start.
        var result = BeforeAfter.Analyse(Areas, new DateOnly(2021, 1, 1));

        Assert.Equal([2018, 2019, 2020], result.Before.BirthYears);
        Assert.Equal([2021, 2022, 2023], result.After.BirthYears);
        Assert.Equal((310, 520), (result.After.Numerator, result.After.Denominator)); // 70 + 130 + 110, 120 + 200 + 200
        Assert.Null(result.Straddling);
    }

    [Fact]
    public void Analyse_StartOnThirtyFirstOfDecember_StillStraddles()
    {
        // 31 December 2020: the 2020 cohort was born before the start except for its last day.
        var result = BeforeAfter.Analyse(Areas, new DateOnly(2020, 12, 31));

        Assert.Equal([2018, 2019], result.Before.BirthYears);
        Assert.Equal(2020, result.Straddling!.Value.BirthYear);
        Assert.Equal([2021, 2022, 2023], result.After.BirthYears);
    }

    [Fact]
    public void Analyse_NoCohortsAfter_HasNoChange()
    {
        var result = BeforeAfter.Analyse(Areas, new DateOnly(2030, 1, 1));

        Assert.Empty(result.After.BirthYears);
        Assert.Null(result.After.Share);
        Assert.Null(result.Change);
    }

    [Fact]
    public void Compare_GivesBothChangesAndTheDifferenceInDifferences()
    {
        // Areas +10 points (above). Comparison: 210/400 − 300/600 = 52.5 % − 50 % = +2.5 points.
        // Difference in differences: 10 − 2.5 = 7.5 points.
        var result = BeforeAfter.Compare(Areas, Comparison, new DateOnly(2021, 7, 1));

        Assert.Equal(10.0, result.Areas.Change!.Value.Value, 10);
        Assert.Equal(2.5, result.Comparison.Change!.Value.Value, 10);
        Assert.Equal(new CohortCount(2021, 100, 200), result.Comparison.Straddling);
        Assert.Equal(7.5, result.DifferenceInDifferences!.Value, 10);
    }

    [Fact]
    public void Compare_WithoutComparisonCohorts_HasNoDifferenceInDifferences()
    {
        var result = BeforeAfter.Compare(Areas, [], new DateOnly(2021, 7, 1));

        Assert.NotNull(result.Areas.Change);
        Assert.Null(result.Comparison.Change);
        Assert.Null(result.DifferenceInDifferences);
    }

    [Fact]
    public void Analyse_RefusesNumeratorAboveDenominator() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BeforeAfter.Analyse([new(2020, 11, 10)], new DateOnly(2021, 1, 1)));
}
