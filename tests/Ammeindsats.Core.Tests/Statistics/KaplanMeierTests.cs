using Ammeindsats.Core.Statistics;

namespace Ammeindsats.Core.Tests.Statistics;

public class KaplanMeierTests
{
    // Ten children:
    //   day 2: 2 ended
    //   day 3: 1 censored
    //   day 5: 1 ended and 1 censored (a tie)
    //   day 7: 2 ended
    //   day 9: 3 censored
    //
    // day  at risk  ended  factor   S(t)
    //  0     10       0     1       1
    //  1     10       0     1       1
    //  2     10       2     8/10    0.8
    //  3      8       0     1       0.8            (1 censored leaves 7)
    //  4      7       0     1       0.8
    //  5      7       1     6/7     0.8·6/7 = 0.6857142857   (the child censored on day 5 is still at risk;
    //                                                          counting it out first would give 5/6 and 0.6667)
    //  6      5       0     1       0.6857142857
    //  7      5       2     3/5     0.6857142857·0.6 = 0.4114285714
    //  8      3       0     1       0.4114285714
    //  9      3       0     1       0.4114285714   (3 censored leaves 0)
    private static readonly int[] Ended = [0, 0, 2, 0, 0, 1, 0, 2];
    private static readonly int[] Censored = [0, 0, 0, 1, 0, 1, 0, 0, 0, 3];

    [Fact]
    public void Curve_WorkedByHand()
    {
        double[] expected = [1, 1, 0.8, 0.8, 0.8, 0.6857142857, 0.6857142857, 0.4114285714, 0.4114285714, 0.4114285714];

        var curve = KaplanMeier.Curve(Ended, Censored);

        Assert.Equal(expected.Length, curve.Length);
        for (var t = 0; t < expected.Length; t++)
        {
            Assert.Equal(expected[t], curve[t], 9);
        }
    }

    [Theory]
    [InlineData(-1, 1.0)]
    [InlineData(2, 0.8)]
    [InlineData(5, 0.6857142857)] // endings before censorings on the tied day
    [InlineData(7, 0.4114285714)]
    [InlineData(100, 0.4114285714)] // flat after the last day
    public void SurvivalAt_WorkedByHand(int day, double expected) =>
        Assert.Equal(expected, KaplanMeier.SurvivalAt(Ended, Censored, day)!.Value, 9);

    [Fact]
    public void Median_IsFirstDayAtOrBelowHalf()
    {
        // S(6) = 0.686 > 0.5, S(7) = 0.411 ≤ 0.5.
        Assert.Equal(7, KaplanMeier.Median(Ended, Censored));
    }

    [Fact]
    public void Median_ExactlyHalf_Counts()
    {
        // 12 children, 6 end on day 4: S(4) = 6/12 = 0.5, which is ≤ 0.5.
        Assert.Equal(4, KaplanMeier.Median([0, 0, 0, 0, 6], [0, 0, 0, 0, 0, 0, 0, 0, 6]));
    }

    [Fact]
    public void Median_NeverReachingHalf_IsNull()
    {
        // 1 of 10 ends on day 1, the rest are censored on day 2: S stays at 0.9.
        Assert.Null(KaplanMeier.Median([0, 1], [0, 0, 9]));
    }

    [Theory]
    [InlineData(0, 100.0)]          // 100·S(−1)
    [InlineData(3, 80.0)]           // 100·S(2) = 100·0.8
    [InlineData(5, 80.0)]           // 100·S(4): the day-5 ending still counts as fully breastfed at day 5
    [InlineData(6, 68.57142857)]    // 100·S(5)
    [InlineData(8, 41.14285714)]    // 100·S(7)
    public void KmValue_IsHundredTimesSurvivalTheDayBefore(int threshold, double expected) =>
        Assert.Equal(expected, KaplanMeier.KmValue(Ended, Censored, threshold)!.Value, 7);

    [Theory]
    // T = 6: reached day 6 = 2 ended on day 7 + 3 censored on day 9 = 5;
    //        ended before day 6 = 2 (day 2) + 1 (day 5) = 3; denominator 5 + 3 = 8.
    //        The children censored on days 3 and 5 are in neither.
    [InlineData(6, 5, 8)]
    // T = 5: reached = 1 ended day 5 + 2 ended day 7 + 1 censored day 5 + 3 censored day 9 = 7;
    //        ended before = 2; denominator 9. Only the day-3 censoring is left out.
    [InlineData(5, 7, 9)]
    // T = 0: everyone has reached day 0: 10 of 10.
    [InlineData(0, 10, 10)]
    // T = 10: nobody is known to have reached day 10; all 5 endings are before it.
    [InlineData(10, 0, 5)]
    public void ThresholdCounts_WorkedByHand(int threshold, int numerator, int denominator) =>
        Assert.Equal((numerator, denominator), KaplanMeier.ThresholdCounts(Ended, Censored, threshold));

    [Fact]
    public void ThresholdShare_WithoutEarlyCensoring_EqualsKaplanMeier()
    {
        // 6 of 12 end on day 4, 6 censored on day 8. Threshold 5: 6 reached of 12 known = 50 %,
        // and 100·S(4) = 100·6/12 = 50 %.
        int[] ended = [0, 0, 0, 0, 6];
        int[] censored = [0, 0, 0, 0, 0, 0, 0, 0, 6];

        Assert.Equal((6, 12), KaplanMeier.ThresholdCounts(ended, censored, 5));
        Assert.Equal(50.0, KaplanMeier.KmValue(ended, censored, 5)!.Value, 12);
    }

    [Fact]
    public void IsMedianPublishable_TooFewStillAtRisk()
    {
        // Median day 7: ended on or before it = 2 + 1 + 2 = 5 (enough), but at risk on day 8 =
        // 10 − 5 ended − 2 censored (days 3 and 5) = 3 < 5.
        Assert.False(KaplanMeier.IsMedianPublishable(Ended, Censored, 7));
    }

    [Fact]
    public void IsMedianPublishable_FiveOnEachSide()
    {
        // 5 end on day 4, 5 censored on day 8: S(4) = 0.5, median 4; 5 ended by day 4, 10 − 5 = 5 at risk on day 5.
        int[] ended = [0, 0, 0, 0, 5];
        int[] censored = [0, 0, 0, 0, 0, 0, 0, 0, 5];

        Assert.Equal(4, KaplanMeier.Median(ended, censored));
        Assert.True(KaplanMeier.IsMedianPublishable(ended, censored, 4));
    }

    [Fact]
    public void IsMedianPublishable_FourStillAtRisk()
    {
        // 5 end on day 4, 4 censored on day 8: S(4) = 4/9 = 0.444, median 4; only 9 − 5 = 4 at risk on day 5.
        int[] ended = [0, 0, 0, 0, 5];
        int[] censored = [0, 0, 0, 0, 0, 0, 0, 0, 4];

        Assert.Equal(4, KaplanMeier.Median(ended, censored));
        Assert.False(KaplanMeier.IsMedianPublishable(ended, censored, 4));
    }

    [Fact]
    public void IsMedianPublishable_FourEnded()
    {
        // 4 end on day 1 of 8 children, 4 censored on day 3: S(1) = 0.5, median 1, but only 4 ended.
        int[] ended = [0, 4];
        int[] censored = [0, 0, 0, 4];

        Assert.Equal(1, KaplanMeier.Median(ended, censored));
        Assert.False(KaplanMeier.IsMedianPublishable(ended, censored, 1));
    }

    [Fact]
    public void NoChildren_GiveNoValues()
    {
        Assert.Null(KaplanMeier.SurvivalAt([], [], 3));
        Assert.Empty(KaplanMeier.Curve([0, 0], []));
        Assert.Null(KaplanMeier.Median([], []));
        Assert.Null(KaplanMeier.KmValue([], [0], 5));
        Assert.Equal((0, 0), KaplanMeier.ThresholdCounts([], [], 5));
    }

    [Fact]
    public void NegativeCounts_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KaplanMeier.Curve([1, -1], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => KaplanMeier.ThresholdCounts([1], [-1], 0));
    }

    [Fact]
    public void CountsAroundMedian_EndedAndStillAtRisk()
    {
        // Day 0: 2 ended; day 1: 3 ended, 1 censored; day 2: 4 ended; day 5: 6 censored. Total 16.
        int[] ended = [2, 3, 4];
        int[] censored = [0, 1, 0, 0, 0, 6];
        Assert.Equal((5, 10), KaplanMeier.CountsAroundMedian(ended, censored, 1));
        Assert.Equal((9, 6), KaplanMeier.CountsAroundMedian(ended, censored, 2));
    }

    [Fact]
    public void MedianRule_FollowsTheConfiguredThreshold()
    {
        // Ten ended on day 0..9 one a day, ten censored on day 30: median day 9 (S = 10/20 there).
        var ended = Enumerable.Repeat(1, 10).ToArray();
        var censored = new int[31];
        censored[30] = 10;
        var median = KaplanMeier.Median(ended, censored)!.Value;
        Assert.Equal(9, median);
        var counts = KaplanMeier.CountsAroundMedian(ended, censored, median);
        Assert.Equal((10, 10), counts);
        Assert.True(new Ammeindsats.Core.Disclosure.DisclosurePolicy(new() { Threshold = 10 }).CanPublishMedian(counts));
        Assert.False(new Ammeindsats.Core.Disclosure.DisclosurePolicy(new() { Threshold = 11 }).CanPublishMedian(counts));
        Assert.True(KaplanMeier.IsMedianPublishable(ended, censored, median));
    }
}
