using Ammeindsats.Core.Statistics;

namespace Ammeindsats.Core.Tests.Statistics;

public class RunChartTests
{
    // Anhøj J, Olesen AV. Run charts revisited: a simulation study of run chart rules for detection of
    // non-random variation in health care processes. PLoS ONE 2014;9(11):e113825, Table 1:
    // n useful observations → longest run still random, fewest crossings still random.
    [Theory]
    [InlineData(10, 6, 2)]
    [InlineData(11, 6, 2)]
    [InlineData(12, 7, 3)]
    [InlineData(14, 7, 4)]
    [InlineData(17, 7, 5)]
    [InlineData(20, 7, 6)]
    [InlineData(22, 7, 7)]
    [InlineData(23, 8, 7)]
    [InlineData(24, 8, 8)]
    [InlineData(27, 8, 9)]
    [InlineData(30, 8, 10)]
    [InlineData(36, 8, 13)]
    [InlineData(40, 8, 14)]
    [InlineData(46, 9, 17)]
    public void Limits_MatchAnhojTable(int n, int longestRun, int crossings)
    {
        Assert.Equal(longestRun, RunChart.LongestRunLimit(n));
        Assert.Equal(crossings, RunChart.CrossingsLimit(n));
    }

    [Fact]
    public void CrossingsLimit_WorkedByHand()
    {
        // n = 10: X ~ Binomial(9, ½), 2⁹ = 512. C(9,0..2) = 1, 9, 36.
        //   P(X ≤ 1) = 10/512 = 0.0195 < 0.05; P(X ≤ 2) = 46/512 = 0.0898 ≥ 0.05 → 2.
        // n = 20: X ~ Binomial(19, ½), 2¹⁹ = 524288, 5 % of it = 26214.4.
        //   Cumulative C(19, k) for k = 0..6: 1, 20, 191, 1160, 5036, 16664, 43796 → first ≥ 26214.4 at k = 6.
        // n = 30: X ~ Binomial(29, ½), 2²⁹ = 536870912, 5 % = 26843545.6.
        //   Cumulative C(29, k) for k = 8, 9, 10: 6474541, 16489546, 36519556 → first ≥ at k = 10.
        // n = 1: Binomial(0, ½) is 0 with certainty → 0, so a single point never signals.
        Assert.Equal(2, RunChart.CrossingsLimit(10));
        Assert.Equal(6, RunChart.CrossingsLimit(20));
        Assert.Equal(10, RunChart.CrossingsLimit(30));
        Assert.Equal(0, RunChart.CrossingsLimit(1));
    }

    [Fact]
    public void CrossingsLimit_LongSeries_StaysNearNormalApproximation()
    {
        // For n = 2000, Binomial(1999, ½) has mean 999.5 and sd √1999/2 = 22.355; the 5th percentile is about
        // 999.5 − 1.645·22.355 = 962.7, so the exact answer must lie within a point or two of 963.
        Assert.InRange(RunChart.CrossingsLimit(2000), 962, 964);
    }

    [Fact]
    public void LongestRunLimit_WorkedByHand()
    {
        // log₂ 10 + 3 = 3.32 + 3 = 6.32 → 6; log₂ 12 + 3 = 6.58 → 7; log₂ 45 + 3 = 8.49 → 8; log₂ 46 + 3 = 8.52 → 9.
        Assert.Equal(6, RunChart.LongestRunLimit(10));
        Assert.Equal(7, RunChart.LongestRunLimit(12));
        Assert.Equal(8, RunChart.LongestRunLimit(45));
        Assert.Equal(9, RunChart.LongestRunLimit(46));
    }

    /// <summary>A series around centre 0 made of runs of the given lengths, starting above.</summary>
    private static double[] Runs(params int[] lengths) =>
        lengths.SelectMany((length, i) => Enumerable.Repeat(i % 2 == 0 ? 1.0 : -1.0, length)).ToArray();

    [Fact]
    public void Analyse_RunOfEightInTwenty_Signals()
    {
        // Twelve alternating points then eight above: n = 20, longest run 8 > 7.
        // Crossings: 11 among the alternating points + 1 into the run = 12 ≥ 6, so only the run rule fires.
        var result = RunChart.Analyse(Runs(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 8), centre: 0);

        Assert.Equal(20, result.UsefulObservations);
        Assert.Equal(8, result.LongestRun);
        Assert.Equal(7, result.LongestRunLimit);
        Assert.Equal(12, result.Crossings);
        Assert.True(result.LongestRunSignal);
        Assert.False(result.CrossingsSignal);
        Assert.True(result.Signal);
    }

    [Fact]
    public void Analyse_RunOfSevenInNineteen_IsStillRandom()
    {
        // n = 19: log₂ 19 + 3 = 7.25 → 7; a run of exactly 7 is not longer than the limit.
        var result = RunChart.Analyse(Runs(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 7), centre: 0);

        Assert.Equal(19, result.UsefulObservations);
        Assert.Equal(7, result.LongestRun);
        Assert.False(result.Signal);
    }

    [Fact]
    public void Analyse_FiveCrossingsInTwenty_Signals()
    {
        // Runs 4, 4, 3, 3, 3, 3: n = 20, 6 runs so 5 crossings < 6; longest run 4 ≤ 7.
        var result = RunChart.Analyse(Runs(4, 4, 3, 3, 3, 3), centre: 0);

        Assert.Equal(20, result.UsefulObservations);
        Assert.Equal(5, result.Crossings);
        Assert.Equal(6, result.CrossingsLimit);
        Assert.True(result.CrossingsSignal);
        Assert.False(result.LongestRunSignal);
    }

    [Fact]
    public void Analyse_SixCrossingsInTwenty_IsStillRandom()
    {
        // Runs 3, 3, 3, 3, 3, 3, 2: n = 20, 7 runs so 6 crossings, not fewer than 6.
        var result = RunChart.Analyse(Runs(3, 3, 3, 3, 3, 3, 2), centre: 0);

        Assert.Equal(6, result.Crossings);
        Assert.False(result.Signal);
    }

    [Fact]
    public void Analyse_PointsOnTheCentreLine_AreSkipped()
    {
        // Around 5: 3, 5, 7, 5, 3, 5, 7 leaves 3, 7, 3, 7 (below, above, below, above):
        // n = 4, every run has length 1, 3 crossings. The points on 5 neither break nor extend a run.
        var result = RunChart.Analyse([3, 5, 7, 5, 3, 5, 7], centre: 5);

        Assert.Equal(4, result.UsefulObservations);
        Assert.Equal(1, result.LongestRun);
        Assert.Equal(3, result.Crossings);
    }

    [Fact]
    public void Analyse_PointOnCentreInsideRun_DoesNotBreakIt()
    {
        // Around 0: 1, 1, 0, 1, −1 → useful 1, 1, 1, −1: one run of 3, then 1 crossing.
        var result = RunChart.Analyse([1, 1, 0, 1, -1], centre: 0);

        Assert.Equal(4, result.UsefulObservations);
        Assert.Equal(3, result.LongestRun);
        Assert.Equal(1, result.Crossings);
    }

    [Fact]
    public void Analyse_DefaultCentre_IsTheMedian()
    {
        // 4, 1, 3, 2, 5 sorted is 1, 2, 3, 4, 5 → median 3. Dropping the 3 leaves 4, 1, 2, 5:
        // above, below, below, above → runs 1, 2, 1, longest 2, crossings 2.
        var result = RunChart.Analyse([4, 1, 3, 2, 5]);

        Assert.Equal(3.0, result.Centre);
        Assert.Equal(4, result.UsefulObservations);
        Assert.Equal(2, result.LongestRun);
        Assert.Equal(2, result.Crossings);
    }

    [Fact]
    public void Analyse_RisingTenPoints_SignalsFromCrossings()
    {
        // 1..10 has median (5 + 6)/2 = 5.5: five below then five above. n = 10, longest run 5 ≤ 6,
        // but 1 crossing < 2.
        var result = RunChart.Analyse([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

        Assert.Equal(5.5, result.Centre);
        Assert.Equal(10, result.UsefulObservations);
        Assert.Equal(5, result.LongestRun);
        Assert.Equal(1, result.Crossings);
        Assert.True(result.CrossingsSignal);
        Assert.False(result.LongestRunSignal);
    }

    [Fact]
    public void Analyse_AllOnTheCentre_HasNoLimitsAndNoSignal()
    {
        var result = RunChart.Analyse([100.0, 100.0, 100.0]);

        Assert.Equal(0, result.UsefulObservations);
        Assert.Null(result.LongestRunLimit);
        Assert.Null(result.CrossingsLimit);
        Assert.False(result.Signal);
    }

    [Fact]
    public void Analyse_RefusesEmptyAndNaN()
    {
        Assert.Throws<ArgumentException>(() => RunChart.Analyse([]));
        Assert.Throws<ArgumentException>(() => RunChart.Analyse([1.0, double.NaN]));
    }

    [Theory]
    [InlineData(new[] { 7.0 }, 7.0)]
    [InlineData(new[] { 9.0, 1.0, 5.0 }, 5.0)]
    [InlineData(new[] { 8.0, 2.0, 4.0, 6.0 }, 5.0)] // (4 + 6) / 2
    public void Median_MiddleOrMeanOfMiddleTwo(double[] values, double expected) =>
        Assert.Equal(expected, RunChart.Median(values));
}
