using Ammeindsats.Core.Disclosure;

namespace Ammeindsats.Core.Tests.Disclosure;

public class PrimarySuppressionTests
{
    [Theory]
    [InlineData(0, 0, false)] // nobody: published as zero
    [InlineData(0, 10, false)] // 0 of 10: n − k = 10
    [InlineData(10, 10, false)] // all of 10: n − k = 0 is not a small group
    [InlineData(0, 5, true)] // 0 of 5: below the group threshold 10, every child is disclosed
    [InlineData(5, 5, true)] // all of 5: likewise
    [InlineData(5, 10, false)]
    [InlineData(1, 10, true)] // numerator 1
    [InlineData(4, 10, true)] // numerator 4
    [InlineData(6, 10, true)] // n − k = 4
    [InlineData(9, 10, true)] // n − k = 1
    [InlineData(0, 4, true)] // denominator 4
    [InlineData(0, 1, true)] // denominator 1
    [InlineData(4, 4, true)] // denominator 4, n − k = 0
    [InlineData(5, 9, true)] // n − k = 4
    [InlineData(5, 100, false)]
    [InlineData(96, 100, true)] // n − k = 4
    [InlineData(95, 100, false)] // n − k = 5
    public void Proportion_DefaultThresholdFive(int numerator, int denominator, bool suppressed) =>
        Assert.Equal(suppressed, new DisclosurePolicy().IsProportionSuppressed(numerator, denominator));

    [Theory]
    [InlineData(2, 10, true)]
    [InlineData(3, 10, false)]
    [InlineData(7, 10, false)] // n − k = 3
    [InlineData(8, 10, true)] // n − k = 2
    [InlineData(0, 3, false)]
    [InlineData(0, 2, true)]
    [InlineData(4, 10, false)] // would be withheld with the default threshold
    public void Proportion_ThresholdThree(int numerator, int denominator, bool suppressed) =>
        Assert.Equal(suppressed, new DisclosurePolicy(new DisclosureOptions { Threshold = 3, GroupThreshold = 3 }).IsProportionSuppressed(numerator, denominator));

    [Theory]
    [InlineData(9, 100, true)]
    [InlineData(10, 100, false)]
    [InlineData(91, 100, true)]
    [InlineData(0, 9, true)]
    [InlineData(0, 10, false)]
    public void Proportion_ThresholdTen(int numerator, int denominator, bool suppressed) =>
        Assert.Equal(suppressed, new DisclosurePolicy(new DisclosureOptions { Threshold = 10 }).IsProportionSuppressed(numerator, denominator));

    [Fact]
    public void ThresholdOne_SuppressesNothing()
    {
        var policy = new DisclosurePolicy(new DisclosureOptions { Threshold = 1, GroupThreshold = 1 });
        Assert.False(policy.IsProportionSuppressed(1, 1));
        Assert.False(policy.IsProportionSuppressed(0, 1));
        Assert.False(policy.IsProportionSuppressed(1, 2));
        Assert.False(policy.IsCountSuppressed(1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void ThresholdBelowOne_IsRefused(int threshold) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DisclosureOptions { Threshold = threshold });

    [Fact]
    public void DefaultThreshold_IsFive() => Assert.Equal(5, new DisclosureOptions().Threshold);

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(1000, false)]
    public void Count_DefaultThreshold(int count, bool suppressed) =>
        Assert.Equal(suppressed, new DisclosurePolicy().IsCountSuppressed(count));

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(11, 10)]
    public void ImpossibleProportion_IsRefused(int numerator, int denominator) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DisclosurePolicy().IsProportionSuppressed(numerator, denominator));

    [Fact]
    public void Apply_MarksSmallCellsAsPrimary_AndPublishesTheRest()
    {
        var small = new CellKey("751", "2023", "");
        var large = new CellKey("741", "2023", "");
        var empty = new CellKey("727", "2023", "");
        var count = new CellKey("746", "2023", "");

        var result = new DisclosurePolicy().Apply(
            [DisclosureCell.Proportion(small, 38, 40), DisclosureCell.Proportion(large, 20, 40), DisclosureCell.Proportion(empty, 0, 0), DisclosureCell.Count(count, 3)],
            []);

        Assert.Equal(new CellDisclosure(small, DisclosureStatus.Suppressed, SuppressionReason.Primary), result[small]);
        Assert.Equal(new CellDisclosure(large, DisclosureStatus.Published, SuppressionReason.None), result[large]);
        Assert.Equal(new CellDisclosure(empty, DisclosureStatus.Published, SuppressionReason.None), result[empty]);
        Assert.Equal(new CellDisclosure(count, DisclosureStatus.Suppressed, SuppressionReason.Primary), result[count]);
    }

    [Fact]
    public void Apply_NeverPublishesARemainder_NorCountsItAsPrimary()
    {
        var remainder = new CellKey("751", "2023", "rest-parity");
        var result = new DisclosurePolicy().Apply([DisclosureCell.Unpublished(remainder, 40, 400)], []);
        Assert.Equal(new CellDisclosure(remainder, DisclosureStatus.NotPublished, SuppressionReason.None), result[remainder]);
        Assert.Empty(result.PublishedKeys);
    }

    [Theory]
    [InlineData(5, 5, true)]
    [InlineData(40, 60, true)]
    [InlineData(4, 60, false)] // too few ended at or before the median
    [InlineData(60, 4, false)] // too few still at risk after it
    [InlineData(0, 0, false)]
    public void Median_NeedsFiveOnEachSide(int endedAtOrBefore, int atRiskAfter, bool publishable) =>
        Assert.Equal(publishable, new DisclosurePolicy().CanPublishMedian(endedAtOrBefore, atRiskAfter));

    [Theory]
    [InlineData(9, 50, false)]
    [InlineData(50, 9, false)]
    [InlineData(10, 10, true)]
    public void Median_FollowsTheConfiguredThreshold(int endedAtOrBefore, int atRiskAfter, bool publishable) =>
        Assert.Equal(publishable, new DisclosurePolicy(new DisclosureOptions { Threshold = 10 }).CanPublishMedian(endedAtOrBefore, atRiskAfter));

    [Theory]
    [InlineData(0, 9, true)] // 0 % of 9
    [InlineData(9, 9, true)] // 100 % of 9
    [InlineData(0, 10, false)]
    [InlineData(10, 10, false)]
    [InlineData(5, 9, true)] // n − k = 4 anyway
    [InlineData(5, 10, false)] // neither 0 % nor 100 %
    [InlineData(0, 0, false)] // an empty group is published as zero
    public void WholeGroup_DefaultGroupThresholdTen(int numerator, int denominator, bool suppressed) =>
        Assert.Equal(suppressed, new DisclosurePolicy().IsProportionSuppressed(numerator, denominator));

    [Theory]
    [InlineData(0, 19, true)]
    [InlineData(19, 19, true)]
    [InlineData(0, 20, false)]
    [InlineData(20, 20, false)]
    [InlineData(7, 19, false)]
    public void WholeGroup_FollowsTheConfiguredGroupThreshold(int numerator, int denominator, bool suppressed) =>
        Assert.Equal(suppressed, new DisclosurePolicy(new DisclosureOptions { GroupThreshold = 20 }).IsProportionSuppressed(numerator, denominator));

    [Fact]
    public void WholeGroup_AppliesInApply()
    {
        var small = new CellKey("825", "2021", "");
        var large = new CellKey("751", "2021", "");
        var result = new DisclosurePolicy().Apply([DisclosureCell.Proportion(small, 0, 6), DisclosureCell.Proportion(large, 0, 60)], []);
        Assert.Equal(SuppressionReason.Primary, result[small].Reason);
        Assert.True(result.IsPublished(large));
    }

    [Fact]
    public void Options_RejectAGroupThresholdOrWidthOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DisclosureOptions { GroupThreshold = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new DisclosureOptions { ProtectionWidth = -1 });
        Assert.Equal((10, 4), (new DisclosureOptions().GroupThreshold, new DisclosureOptions().ProtectionWidth));
    }

    [Theory]
    [InlineData(0, false)] // an empty cell: no KM value
    [InlineData(1, true)]
    [InlineData(40, true)]
    public void KmValue_NeedsANonEmptyGroup(int denominator, bool publishable) =>
        Assert.Equal(publishable, DisclosurePolicy.CanPublishKmValue(denominator));
}
