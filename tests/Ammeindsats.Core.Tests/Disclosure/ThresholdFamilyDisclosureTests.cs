using Ammeindsats.Core.Disclosure;

namespace Ammeindsats.Core.Tests.Disclosure;

public class ThresholdFamilyDisclosureTests
{
    private static readonly CellKey A = new("751", "2023", "");
    private static readonly CellKey B = new("730", "2023", "");
    private static readonly CellKey Region = new("1082", "2023", "");

    private static ThresholdTable Table(int days, params DisclosureCell[] cells) => new(days, cells, []);

    private static IReadOnlyDictionary<int, DisclosureResult> Apply(IReadOnlyList<ThresholdTable> tables, IReadOnlyList<int>? preference = null) =>
        new ThresholdFamilyDisclosure(new DisclosurePolicy()).Apply(tables, preference);

    [Fact]
    public void TwoThresholds_ThatDifferByAFewChildren_AreNotBothPublished()
    {
        // 40 of 50 at 7 days, 37 of 48 at 14: 3 reached 7 days but not 14, 2 of them last seen in between.
        var result = Apply([Table(7, DisclosureCell.Proportion(A, 40, 50)), Table(14, DisclosureCell.Proportion(A, 37, 48))]);
        Assert.True(result[7].IsPublished(A));
        Assert.Equal(SuppressionReason.Primary, result[14][A].Reason);
    }

    [Fact]
    public void ThePreferredThreshold_IsTheOneKept()
    {
        var result = Apply([Table(7, DisclosureCell.Proportion(A, 40, 50)), Table(14, DisclosureCell.Proportion(A, 37, 48))], preference: [14]);
        Assert.True(result[14].IsPublished(A));
        Assert.False(result[7].IsPublished(A));
    }

    [Theory]
    [InlineData(40, 50, 30, 40)] // 10 reached 7 not 14, 10 last seen in between, none stopped
    [InlineData(40, 50, 40, 50)] // nobody in between
    [InlineData(40, 50, 35, 50)] // 5 stopped in between, nobody last seen
    public void DifferencesOfZeroOrAtLeastTheThreshold_PublishBoth(int n7, int d7, int n14, int d14)
    {
        var result = Apply([Table(7, DisclosureCell.Proportion(A, n7, d7)), Table(14, DisclosureCell.Proportion(A, n14, d14))]);
        Assert.True(result[7].IsPublished(A));
        Assert.True(result[14].IsPublished(A));
    }

    [Fact]
    public void AThresholdIsComparedWithEveryKeptOne_NotOnlyItsNeighbour()
    {
        // 7 and 30 days differ by 10; 61 days differs from 30 by 10 but from 7 by... 7→61: 20 reached-not, and
        // censored 7→61 is 2: 61 is withheld although it is safe against 30.
        var result = Apply(
        [
            Table(7, DisclosureCell.Proportion(A, 80, 100)),
            Table(30, DisclosureCell.Proportion(A, 70, 100)),
            Table(61, DisclosureCell.Proportion(A, 58, 98)),
        ]);
        Assert.True(result[7].IsPublished(A));
        Assert.True(result[30].IsPublished(A));
        Assert.False(result[61].IsPublished(A));
    }

    [Fact]
    public void ASmallRemainder_WithholdsTheSmallestPart()
    {
        // All 40 of 50, first-born 20 of 25, later-born 18 of 23: 2 of 2 of unknown parity.
        var first = A with { Breakdown = "parity-1" };
        var later = A with { Breakdown = "parity-2plus" };
        var rest = A with { Breakdown = "rest-parity" };
        var table = new ThresholdTable(7,
            [DisclosureCell.Proportion(A, 40, 50), DisclosureCell.Proportion(first, 20, 25), DisclosureCell.Proportion(later, 18, 23), DisclosureCell.Unpublished(rest, 2, 2)],
            [CellRelation.Sum(A, first, later, rest)]);
        var result = Apply([table]);
        Assert.Equal(SuppressionReason.Primary, result[7][later].Reason);
        Assert.True(result[7].IsPublished(A));

        // The per-threshold rule alone would publish all three: the remainder 2 of 2 is not derivable by rank, it is the subtraction itself.
        Assert.Equal(3, new DisclosurePolicy().Apply(table.Cells, table.Relations).PublishedKeys.Count);
    }

    [Fact]
    public void ARemainderThatChangesByAFewChildren_BetweenThresholds_WithholdsAPartAtTheLaterOne()
    {
        // Unknown parity: 10 of 15 at 7 days, 8 of 14 at 14: each alone is large enough, the differences (2, 1, 1) are not.
        var first = A with { Breakdown = "parity-1" };
        var later = A with { Breakdown = "parity-2plus" };
        var rest = A with { Breakdown = "rest-parity" };
        ThresholdTable At(int days, (int N, int D) all, (int N, int D) f, (int N, int D) l, (int N, int D) r) => new(days,
            [DisclosureCell.Proportion(A, all.N, all.D), DisclosureCell.Proportion(first, f.N, f.D), DisclosureCell.Proportion(later, l.N, l.D), DisclosureCell.Unpublished(rest, r.N, r.D)],
            [CellRelation.Sum(A, first, later, rest)]);
        var result = Apply(
        [
            At(7, (110, 135), (50, 60), (50, 60), (10, 15)),
            At(14, (93, 124), (40, 55), (45, 55), (8, 14)),
        ]);
        Assert.Equal(3, result[7].PublishedKeys.Count);
        Assert.Equal(2, result[14].PublishedKeys.Count);
    }

    [Fact]
    public void SecondarySuppression_StillStopsTheSum()
    {
        // Region = A + B at both thresholds; A's 14-day figure is withheld for its difference from 7 days, so one
        // more cell of the 14-day sum must go as well, or the region minus B gives A back.
        ThresholdTable At(int days, int na, int da, int nb, int db) => new(days,
            [DisclosureCell.Proportion(A, na, da), DisclosureCell.Proportion(B, nb, db), DisclosureCell.Proportion(Region, na + nb, da + db)],
            [CellRelation.Sum(Region, A, B)]);
        var result = Apply([At(7, 40, 50, 300, 400), At(14, 37, 48, 280, 390)]);
        Assert.False(result[14].IsPublished(A));
        Assert.Equal(1, new[] { B, Region }.Count(k => !result[14].IsPublished(k)));
        Assert.Equal(SuppressionReason.Secondary, result[14].Cells.Single(c => c.Key != A && !c.IsPublished).Reason);
    }

    [Fact]
    public void TwoTablesWithOneThreshold_AreRefused() =>
        Assert.Throws<ArgumentException>(() => Apply([Table(7, DisclosureCell.Proportion(A, 40, 50)), Table(7, DisclosureCell.Proportion(A, 40, 50))]));
}
