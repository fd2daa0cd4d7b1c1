using Ammeindsats.Core.Disclosure;

namespace Ammeindsats.Core.Tests.Disclosure;

/// <summary>
/// Small systems worked by hand. The rule: while a withheld cell can be worked out, withhold one more
/// published cell from an equation that gives it away, the smallest denominator first and then the lowest
/// code, skipping a cell that would leave it derivable anyway (a parent is just another cell of the
/// equation and is taken when the smaller ones do not help).
/// </summary>
public class SecondarySuppressionTests
{
    private const string Year = "2023";
    private const string Total = "";

    private static CellKey K(string area, string period = Year, string breakdown = Total) => new(area, period, breakdown);

    [Fact]
    public void RegionOfThree_OnePrimary_WithholdsTheSiblingWithTheSmallestDenominator()
    {
        // Region 1082 = 741 + 751 + 761.
        //   741:  2/20  primary (numerator 2)
        //   751: 10/30
        //   761: 12/25
        //   1082: 24/75
        // 741 = 1082 − 751 − 761, so one more term must go. Candidates by denominator: 761 (25), 751 (30),
        // 1082 (75). Withholding 761 leaves 741 + 761 = 1082 − 751 = 14 children, which pins neither.
        DisclosureCell[] cells =
        [
            DisclosureCell.Proportion(K("741"), 2, 20),
            DisclosureCell.Proportion(K("751"), 10, 30),
            DisclosureCell.Proportion(K("761"), 12, 25),
            DisclosureCell.Proportion(K("1082"), 24, 75),
        ];
        CellRelation[] relations = [CellRelation.Sum(K("1082"), K("741"), K("751"), K("761"))];

        var result = Apply(cells, relations);

        AssertPattern(result, primary: [K("741")], secondary: [K("761")]);
    }

    [Fact]
    public void RegionOfThree_EqualDenominators_WithholdsTheLowerCode()
    {
        // As above, but 751 and 761 both have 25 children: the tie goes to the lower code, 751.
        //   741: 2/20, 751: 10/25, 761: 12/25, 1082: 24/70.
        DisclosureCell[] cells =
        [
            DisclosureCell.Proportion(K("741"), 2, 20),
            DisclosureCell.Proportion(K("751"), 10, 25),
            DisclosureCell.Proportion(K("761"), 12, 25),
            DisclosureCell.Proportion(K("1082"), 24, 70),
        ];
        CellRelation[] relations = [CellRelation.Sum(K("1082"), K("741"), K("751"), K("761"))];

        var result = Apply(cells, relations);

        AssertPattern(result, primary: [K("741")], secondary: [K("751")]);
    }

    [Fact]
    public void SumWithAnUnpublishedRemainder_NeedsNoSecondary()
    {
        // DK = 1081 + 1082 + children with no municipality (never published): 1081 = DK − 1082 − rest, and
        // the rest is unknown, so nothing gives 1081 away.
        //   1081: 3/30 primary, 1082: 40/100, rest: 2/6, DK: 45/136.
        var rest = K("DK:rest-municipality");
        DisclosureCell[] cells =
        [
            DisclosureCell.Proportion(K("1081"), 3, 30),
            DisclosureCell.Proportion(K("1082"), 40, 100),
            DisclosureCell.Unpublished(rest, 2, 6),
            DisclosureCell.Proportion(K("DK"), 45, 136),
        ];
        CellRelation[] relations = [CellRelation.Sum(K("DK"), K("1081"), K("1082"), rest)];

        var result = Apply(cells, relations);

        AssertPattern(result, primary: [K("1081")], secondary: []);
        Assert.Equal(DisclosureStatus.NotPublished, result[rest].Status);
    }

    [Fact]
    public void TwoPrimaryCellsInOneSum_ProtectEachOther()
    {
        // 1082 = 741 + 751 + 761 with 741 = 2/20 and 751 = 3/22 both small: the sum only gives away
        // 741 + 751 = 5/42, neither term.
        DisclosureCell[] cells =
        [
            DisclosureCell.Proportion(K("741"), 2, 20),
            DisclosureCell.Proportion(K("751"), 3, 22),
            DisclosureCell.Proportion(K("761"), 12, 25),
            DisclosureCell.Proportion(K("1082"), 17, 67),
        ];
        CellRelation[] relations = [CellRelation.Sum(K("1082"), K("741"), K("751"), K("761"))];

        var result = Apply(cells, relations);

        AssertPattern(result, primary: [K("741"), K("751")], secondary: []);
    }

    [Fact]
    public void SiblingPinnedByItsHalves_ParentIsWithheld()
    {
        // 1082 = 741 + 751 for the year, and 751's year = its two halves (741 has no halves here).
        //   741 2023:   3/12 primary
        //   751 2023:  20/40 = 2023H1 9/18 + 2023H2 11/22
        //   1082 2023: 23/52
        // Candidates around 741: 751 (40), then 1082 (52). Withholding 751 does not help: 751 = H1 + H2
        // and then 741 = 1082 − 751. Withholding the parent 1082 does: 741 and 1082 are then only known
        // through 1082 − 741 = 751. Result: 1082 secondary, 751 and its halves published.
        DisclosureCell[] cells =
        [
            DisclosureCell.Proportion(K("741"), 3, 12),
            DisclosureCell.Proportion(K("751"), 20, 40),
            DisclosureCell.Proportion(K("751", "2023H1"), 9, 18),
            DisclosureCell.Proportion(K("751", "2023H2"), 11, 22),
            DisclosureCell.Proportion(K("1082"), 23, 52),
        ];
        CellRelation[] relations =
        [
            CellRelation.Sum(K("1082"), K("741"), K("751")),
            CellRelation.Sum(K("751"), K("751", "2023H1"), K("751", "2023H2")),
        ];

        var result = Apply(cells, relations);

        AssertPattern(result, primary: [K("741")], secondary: [K("1082")]);
    }

    [Fact]
    public void HalfYearPrimary_WithholdsTheOtherHalf()
    {
        // 751: 2023 = 2023H1 + 2023H2.
        //   2023H1:  3/15 primary
        //   2023H2: 20/30
        //   2023:   23/45
        // H1 = year − H2. Candidates: H2 (30) before the year (45); withholding H2 leaves H1 + H2 = 23/45.
        DisclosureCell[] cells =
        [
            DisclosureCell.Proportion(K("751"), 23, 45),
            DisclosureCell.Proportion(K("751", "2023H1"), 3, 15),
            DisclosureCell.Proportion(K("751", "2023H2"), 20, 30),
        ];
        CellRelation[] relations = [CellRelation.Sum(K("751"), K("751", "2023H1"), K("751", "2023H2"))];

        var result = Apply(cells, relations);

        AssertPattern(result, primary: [K("751", "2023H1")], secondary: [K("751", "2023H2")]);
    }

    [Fact]
    public void YearPrimary_WithOneHalfSmall_NeedsNothingMore()
    {
        // 2023 = H1 + H2 with the year 4/40 (numerator 4) and H2 4/20 both small, H1 0/20 published:
        // a reader learns year − H2 = 0/20 and nothing else.
        DisclosureCell[] cells =
        [
            DisclosureCell.Proportion(K("751"), 4, 40),
            DisclosureCell.Proportion(K("751", "2023H1"), 0, 20),
            DisclosureCell.Proportion(K("751", "2023H2"), 4, 20),
        ];
        CellRelation[] relations = [CellRelation.Sum(K("751"), K("751", "2023H1"), K("751", "2023H2"))];

        var result = Apply(cells, relations);

        AssertPattern(result, primary: [K("751"), K("751", "2023H2")], secondary: []);
    }

    [Fact]
    public void ParityGroupPrimary_WithEveryParityKnown_WithholdsTheOtherGroup()
    {
        // 751 2023: total = parity-1 + parity-2plus (every child has a parity).
        //   parity-1:     2/18 primary
        //   parity-2plus: 15/27
        //   total:        17/45
        // parity-2plus (27) goes before the total (45).
        DisclosureCell[] cells =
        [
            DisclosureCell.Proportion(K("751"), 17, 45),
            DisclosureCell.Proportion(K("751", Year, "parity-1"), 2, 18),
            DisclosureCell.Proportion(K("751", Year, "parity-2plus"), 15, 27),
        ];
        CellRelation[] relations = [CellRelation.Sum(K("751"), K("751", Year, "parity-1"), K("751", Year, "parity-2plus"))];

        var result = Apply(cells, relations);

        AssertPattern(result, primary: [K("751", Year, "parity-1")], secondary: [K("751", Year, "parity-2plus")]);
    }

    [Fact]
    public void ParityGroupPrimary_WithChildrenOfUnknownParity_NeedsNothingMore()
    {
        // total = parity-1 + parity-2plus + children with no parity (never published): the remainder hides it.
        var rest = K("751", Year, "rest-parity");
        DisclosureCell[] cells =
        [
            DisclosureCell.Proportion(K("751"), 19, 50),
            DisclosureCell.Proportion(K("751", Year, "parity-1"), 2, 18),
            DisclosureCell.Proportion(K("751", Year, "parity-2plus"), 15, 27),
            DisclosureCell.Unpublished(rest, 2, 5),
        ];
        CellRelation[] relations = [CellRelation.Sum(K("751"), K("751", Year, "parity-1"), K("751", Year, "parity-2plus"), rest)];

        var result = Apply(cells, relations);

        AssertPattern(result, primary: [K("751", Year, "parity-1")], secondary: []);
    }

    [Fact]
    public void KoebenhavnInTwoClusters_CountsOnceInTheRegion_AndCannotBeUsedToUnpickASmallNeighbour()
    {
        // Region Hovedstaden (cut down): 1084 = 101 + 147 + 151 + 153 + 155, København (101) once.
        // Clusters: RH-BYEN = 101 + 147; RH-SYD = 101 + 153 + 155. København is in both.
        //   101 København   200/400
        //   147 Frederiksberg 28/30  primary (n − k = 2)
        //   151 Ballerup      25/45
        //   153 Brøndby       20/40
        //   155 Dragør        15/35
        //   RH-BYEN  228/430,  RH-SYD  235/475,  1084  288/550
        // 147 is given away by two equations: 1084 − 101 − 151 − 153 − 155 and RH-BYEN − 101. No single
        // cell closes both, because 101, the only cell they share, is pinned again by RH-SYD − 153 − 155.
        // Step by step (candidates around 147 by denominator: 155 35, 153 40, 151 45, 101 400, RH-BYEN 430,
        // 1084 550):
        //   1. No candidate closes every equation that gives 147 away; of those that close the most, the
        //      smallest is 155 (it is in the region equation and in region − RH-BYEN − RH-SYD).
        //   2. Now only RH-BYEN − 101 gives 147 away. Withholding 101 alone leaves the matrix
        //      [[1,1,1],[1,1,0],[1,0,1]] over 101, 147, 155 (region, RH-BYEN, RH-SYD), determinant −1, so
        //      everything is still pinned; withholding RH-BYEN leaves 155 = RH-SYD − 101 − 153 and then
        //      147 = region − …. Neither helps alone, so the smaller of the two, 101, is taken.
        //   3. Still pinned; 153 would not help (region − RH-SYD = 147 + 151 with 151 known), 151 does.
        // Withheld: 147 (primary), 101, 151, 155. Check: 147 = 30 + t, 101 = 400 − t, 151 = 45 − t and
        // 155 = 35 + t satisfy every equation for any t, so none of the four can be worked out.
        // København counts once in the region: the region equation has 101 once, not once per cluster.
        DisclosureCell[] cells =
        [
            DisclosureCell.Proportion(K("101"), 200, 400),
            DisclosureCell.Proportion(K("147"), 28, 30),
            DisclosureCell.Proportion(K("151"), 25, 45),
            DisclosureCell.Proportion(K("153"), 20, 40),
            DisclosureCell.Proportion(K("155"), 15, 35),
            DisclosureCell.Proportion(K("RH-BYEN"), 228, 430),
            DisclosureCell.Proportion(K("RH-SYD"), 235, 475),
            DisclosureCell.Proportion(K("1084"), 288, 550),
        ];
        CellRelation[] relations =
        [
            CellRelation.Sum(K("1084"), K("101"), K("147"), K("151"), K("153"), K("155")),
            CellRelation.Sum(K("RH-BYEN"), K("101"), K("147")),
            CellRelation.Sum(K("RH-SYD"), K("101"), K("153"), K("155")),
        ];

        var result = Apply(cells, relations);

        AssertPattern(result, primary: [K("147")], secondary: [K("101"), K("151"), K("155")]);
    }

    [Fact]
    public void MunicipalitiesByHalfYear_SmallCellIsHiddenInARectangle()
    {
        // Two municipalities in region 1082, each year = its halves, each period: 1082 = 741 + 751.
        //              H1      H2      year
        //   741       2/10    8/20    10/30     (741 H1 primary)
        //   751      10/25   15/30    25/55
        //   1082     12/35   23/50    35/85
        // 741 H1 is given away by its row (year − H2) and by its column (1082 H1 − 751 H1), so at least
        // one more cell in each; then each of those is in a second equation and needs a partner as well.
        // The cheapest closed pattern is the rectangle 741 H1, 741 H2, 751 H1, 751 H2 (20 + 25 + 30
        // children withheld besides the primary cell): every equation then holds two withheld cells and
        // the four values can shift by +t, −t, −t, +t without changing anything published.
        DisclosureCell[] cells =
        [
            DisclosureCell.Proportion(K("741", "2023H1"), 2, 10),
            DisclosureCell.Proportion(K("741", "2023H2"), 8, 20),
            DisclosureCell.Proportion(K("741"), 10, 30),
            DisclosureCell.Proportion(K("751", "2023H1"), 10, 25),
            DisclosureCell.Proportion(K("751", "2023H2"), 15, 30),
            DisclosureCell.Proportion(K("751"), 25, 55),
            DisclosureCell.Proportion(K("1082", "2023H1"), 12, 35),
            DisclosureCell.Proportion(K("1082", "2023H2"), 23, 50),
            DisclosureCell.Proportion(K("1082"), 35, 85),
        ];
        CellRelation[] relations =
        [
            CellRelation.Sum(K("741"), K("741", "2023H1"), K("741", "2023H2")),
            CellRelation.Sum(K("751"), K("751", "2023H1"), K("751", "2023H2")),
            CellRelation.Sum(K("1082"), K("1082", "2023H1"), K("1082", "2023H2")),
            CellRelation.Sum(K("1082", "2023H1"), K("741", "2023H1"), K("751", "2023H1")),
            CellRelation.Sum(K("1082", "2023H2"), K("741", "2023H2"), K("751", "2023H2")),
            CellRelation.Sum(K("1082"), K("741"), K("751")),
        ];

        var result = Apply(cells, relations);

        AssertPattern(result, primary: [K("741", "2023H1")], secondary: [K("741", "2023H2"), K("751", "2023H1"), K("751", "2023H2")]);
    }

    [Fact]
    public void SameFiguresInAnotherOrder_GiveTheSameDecisions()
    {
        // Key order, not input order, decides ties: shuffle the cells and relations of the rectangle case.
        var cells = new List<DisclosureCell>
        {
            DisclosureCell.Proportion(K("741"), 2, 20),
            DisclosureCell.Proportion(K("751"), 10, 25),
            DisclosureCell.Proportion(K("761"), 12, 25),
            DisclosureCell.Proportion(K("771"), 12, 25),
            DisclosureCell.Proportion(K("1082"), 36, 95),
        };
        CellRelation[] relations = [CellRelation.Sum(K("1082"), K("771"), K("761"), K("751"), K("741"))];
        var expected = Apply(cells, relations).Cells;
        var random = new Random(7);
        for (var i = 0; i < 10; i++)
        {
            var shuffled = cells.OrderBy(_ => random.Next()).ToArray();
            Assert.Equal(expected, new DisclosurePolicy().Apply(shuffled, relations).Cells);
        }

        // 751, 761 and 771 tie on 25 children; the lowest code is taken.
        AssertPattern(Apply(cells, relations), primary: [K("741")], secondary: [K("751")]);
    }

    [Fact]
    public void FiguresThatDoNotAddUp_AreRefused()
    {
        DisclosureCell[] cells = [DisclosureCell.Proportion(K("741"), 2, 20), DisclosureCell.Proportion(K("751"), 10, 30), DisclosureCell.Proportion(K("1082"), 12, 51)];
        var error = Assert.Throws<ArgumentException>(() => new DisclosurePolicy().Apply(cells, [CellRelation.Sum(K("1082"), K("741"), K("751"))]));
        Assert.Contains("1082", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RelationNamingAMissingCell_IsRefused()
    {
        DisclosureCell[] cells = [DisclosureCell.Proportion(K("741"), 2, 20), DisclosureCell.Proportion(K("1082"), 2, 20)];
        Assert.Throws<ArgumentException>(() => new DisclosurePolicy().Apply(cells, [CellRelation.Sum(K("1082"), K("741"), K("751"))]));
    }

    [Fact]
    public void SameCellTwice_IsRefused()
    {
        DisclosureCell[] cells = [DisclosureCell.Proportion(K("741"), 2, 20), DisclosureCell.Proportion(K("741"), 3, 20)];
        Assert.Throws<ArgumentException>(() => new DisclosurePolicy().Apply(cells, []));
    }

    private static DisclosureResult Apply(IReadOnlyList<DisclosureCell> cells, IReadOnlyList<CellRelation> relations)
    {
        var result = new DisclosurePolicy().Apply(cells, relations);

        // Whatever the pattern, nothing withheld may be derivable from what is published.
        var derivable = ExactDerivability.DerivableCells(cells, relations, result.PublishedKeys);
        Assert.DoesNotContain(derivable, key => cells.Single(c => c.Key == key).IsPublishable);
        return result;
    }

    private static void AssertPattern(DisclosureResult result, IReadOnlyList<CellKey> primary, IReadOnlyList<CellKey> secondary)
    {
        var actualPrimary = result.Cells.Where(c => c.Reason == SuppressionReason.Primary).Select(c => c.Key).Order().ToArray();
        var actualSecondary = result.Cells.Where(c => c.Reason == SuppressionReason.Secondary).Select(c => c.Key).Order().ToArray();
        Assert.Equal(primary.Order().ToArray(), actualPrimary);
        Assert.Equal(secondary.Order().ToArray(), actualSecondary);
        Assert.All(result.Cells.Where(c => c.Reason != SuppressionReason.None), c => Assert.Equal(DisclosureStatus.Suppressed, c.Status));
        Assert.All(result.Cells.Where(c => c.Reason == SuppressionReason.None && c.Status != DisclosureStatus.NotPublished), c => Assert.True(c.IsPublished));
    }
}
