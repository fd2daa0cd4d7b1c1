using Ammeindsats.Core.Statistics;

namespace Ammeindsats.Core.Tests.Statistics;

public class ChiSquareTrendTests
{
    private static TrendPoint?[] Points(int[] numerators, int[] denominators) =>
        numerators.Zip(denominators, (k, n) => (TrendPoint?)new TrendPoint(k, n)).ToArray();

    private static readonly int[] Hundreds = [100, 100, 100, 100, 100];

    [Fact]
    public void Test_SteadyRise_IsIncreasing()
    {
        // k = 10, 20, 30, 40, 50 of n = 100 each, x = 1..5.
        // N = 500, Σk = 150, p̄ = 0.3.
        // Σnx = 100·15 = 1500; Σnx² = 100·55 = 5500; (Σnx)²/N = 1500²/500 = 4500; so Σnx² − (Σnx)²/N = 1000.
        // Σx(k − n·p̄) = Σxk − p̄·Σnx = (10 + 40 + 90 + 160 + 250) − 0.3·1500 = 550 − 450 = 100.
        // χ² = 100² / (0.3·0.7·1000) = 10000 / 210 = 47.6190476 (R's prop.trend.test gives the same 47.619).
        var result = ChiSquareTrend.Test(Points([10, 20, 30, 40, 50], Hundreds));

        Assert.Equal(TrendDirection.Increasing, result.Direction);
        Assert.Equal(47.6190476, result.ChiSquare!.Value, 6);
    }

    [Fact]
    public void Test_SteadyFall_IsDecreasing()
    {
        // Same points reversed: Σxk = 50 + 80 + 90 + 80 + 50 = 350, deviation 350 − 450 = −100, χ² = 10000/210 again.
        var result = ChiSquareTrend.Test(Points([50, 40, 30, 20, 10], Hundreds));

        Assert.Equal(TrendDirection.Decreasing, result.Direction);
        Assert.Equal(47.6190476, result.ChiSquare!.Value, 6);
    }

    [Fact]
    public void Test_UnequalDenominators()
    {
        // k = 10, 10, 30, 30, 80 of n = 50, 50, 100, 100, 200.
        // N = 500, Σk = 160, p̄ = 0.32, p̄(1 − p̄) = 0.2176.
        // Σnx = 50 + 100 + 300 + 400 + 1000 = 1850; Σnx² = 50 + 200 + 900 + 1600 + 5000 = 7750;
        // (Σnx)²/N = 3422500/500 = 6845; so Σnx² − (Σnx)²/N = 905.
        // Σxk = 10 + 20 + 90 + 120 + 400 = 640; p̄·Σnx = 0.32·1850 = 592; deviation = 48.
        // χ² = 48² / (0.2176·905) = 2304 / 196.928 = 11.6997075.
        var result = ChiSquareTrend.Test(Points([10, 10, 30, 30, 80], [50, 50, 100, 100, 200]));

        Assert.Equal(TrendDirection.Increasing, result.Direction);
        Assert.Equal(11.6997075, result.ChiSquare!.Value, 6);
    }

    [Fact]
    public void Test_JustAboveAndJustBelowTheThreshold()
    {
        // Both series have n = 100 each, Σk = 150, so p̄ = 0.3 and the denominator is 210 as above.
        // 21, 25, 30, 35, 39: Σxk = 21 + 50 + 90 + 140 + 195 = 496, deviation 46, χ² = 2116/210 = 10.076 > 9.5495.
        // 21, 26, 30, 34, 39: Σxk = 21 + 52 + 90 + 136 + 195 = 494, deviation 44, χ² = 1936/210 = 9.219 ≤ 9.5495.
        var above = ChiSquareTrend.Test(Points([21, 25, 30, 35, 39], Hundreds));
        var below = ChiSquareTrend.Test(Points([21, 26, 30, 34, 39], Hundreds));

        Assert.Equal(TrendDirection.Increasing, above.Direction);
        Assert.Equal(10.0761905, above.ChiSquare!.Value, 6);
        Assert.Equal(TrendDirection.NoSignificantChange, below.Direction);
        Assert.Equal(9.2190476, below.ChiSquare!.Value, 6);
    }

    [Fact]
    public void Test_Wobble_IsNoSignificantChange()
    {
        // 28, 30, 32, 30, 30 of 100: Σxk = 28 + 60 + 96 + 120 + 150 = 454, deviation 4, χ² = 16/210 = 0.0761905.
        var result = ChiSquareTrend.Test(Points([28, 30, 32, 30, 30], Hundreds));

        Assert.Equal(TrendDirection.NoSignificantChange, result.Direction);
        Assert.Equal(0.0761905, result.ChiSquare!.Value, 6);
    }

    [Fact]
    public void Test_UsesOnlyTheLatestFivePeriods()
    {
        // Two older periods, one of them suppressed, in front of the rising series: the result is that series' own.
        TrendPoint?[] series = [null, new TrendPoint(90, 100), .. Points([10, 20, 30, 40, 50], Hundreds)];

        var result = ChiSquareTrend.Test(series);

        Assert.Equal(TrendDirection.Increasing, result.Direction);
        Assert.Equal(47.6190476, result.ChiSquare!.Value, 6);
    }

    [Fact]
    public void Test_FewerThanFivePeriods_CannotBeCalculated() =>
        Assert.Equal(
            new TrendResult(TrendDirection.CannotBeCalculated, null),
            ChiSquareTrend.Test(Points([10, 20, 30, 40], [100, 100, 100, 100])));

    [Fact]
    public void Test_SuppressedPeriodAmongTheLatestFive_CannotBeCalculated()
    {
        TrendPoint?[] series = [new(10, 100), new(20, 100), null, new(40, 100), new(50, 100)];

        Assert.Equal(TrendDirection.CannotBeCalculated, ChiSquareTrend.Test(series).Direction);
    }

    [Fact]
    public void Test_EmptyPeriod_CannotBeCalculated() =>
        Assert.Equal(TrendDirection.CannotBeCalculated, ChiSquareTrend.Test(Points([10, 20, 0, 40, 50], [100, 100, 0, 100, 100])).Direction);

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void Test_NoVariation_CannotBeCalculated(int everyPeriod)
    {
        // p̄ = 0 or 1 makes p̄(1 − p̄) = 0: the statistic is 0/0.
        int[] numerators = [everyPeriod, everyPeriod, everyPeriod, everyPeriod, everyPeriod];

        Assert.Equal(TrendDirection.CannotBeCalculated, ChiSquareTrend.Test(Points(numerators, Hundreds)).Direction);
    }

    [Theory]
    [InlineData(TrendDirection.Increasing, Polarity.HigherIsBetter, TrendAssessment.Improving)]
    [InlineData(TrendDirection.Increasing, Polarity.LowerIsBetter, TrendAssessment.Worsening)]
    [InlineData(TrendDirection.Increasing, Polarity.NoJudgement, TrendAssessment.Increasing)]
    [InlineData(TrendDirection.Decreasing, Polarity.HigherIsBetter, TrendAssessment.Worsening)]
    [InlineData(TrendDirection.Decreasing, Polarity.LowerIsBetter, TrendAssessment.Improving)]
    [InlineData(TrendDirection.Decreasing, Polarity.NoJudgement, TrendAssessment.Decreasing)]
    [InlineData(TrendDirection.NoSignificantChange, Polarity.HigherIsBetter, TrendAssessment.NoSignificantChange)]
    [InlineData(TrendDirection.NoSignificantChange, Polarity.NoJudgement, TrendAssessment.NoSignificantChange)]
    [InlineData(TrendDirection.CannotBeCalculated, Polarity.LowerIsBetter, TrendAssessment.CannotBeCalculated)]
    [InlineData(TrendDirection.CannotBeCalculated, Polarity.NoJudgement, TrendAssessment.CannotBeCalculated)]
    public void Assess_AppliesPolarity(TrendDirection direction, Polarity polarity, TrendAssessment expected) =>
        Assert.Equal(expected, ChiSquareTrend.Assess(direction, polarity));

    [Fact]
    public void CriticalValue_IsTheSquareOfZ998()
    {
        // 3.090232306² = 9.549536, published to four decimals as 9.5495.
        Assert.Equal(9.5495, ChiSquareTrend.CriticalValue);
        Assert.Equal(ChiSquareTrend.CriticalValue, WilsonInterval.Z998 * WilsonInterval.Z998, 4);
    }
}
