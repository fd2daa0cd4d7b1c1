using System.Numerics;
using Ammeindsats.Core.Disclosure;

namespace Ammeindsats.Core.Tests.Disclosure;

/// <summary>The test's own derivability check, tried on systems small enough to solve by hand.</summary>
public class ExactDerivabilityTests
{
    private static CellKey K(string area) => new(area, "2023", "");

    [Fact]
    public void Rank_OfDependentRows_CountsIndependentOnesOnly()
    {
        // (1, 1, 0), (0, 1, 1), (1, 2, 1) = first + second: rank 2. (2, 4, 2) adds nothing either.
        var rows = new[]
        {
            Row((0, 1), (1, 1)),
            Row((1, 1), (2, 1)),
            Row((0, 1), (1, 2), (2, 1)),
            Row((0, 2), (1, 4), (2, 2)),
        };

        Assert.Equal(2, ExactDerivability.Rank(rows));
        Assert.Equal(3, ExactDerivability.Rank([.. rows, Row((2, 1))]));
    }

    [Fact]
    public void Rank_NeedsExactArithmetic()
    {
        // (3, 5) and (6, 10 + 10⁻¹⁸-ish): with integers (3·10¹⁸, 5·10¹⁸) and (3·10¹⁸, 5·10¹⁸ + 1) are independent,
        // which a double would not see (both ratios round to the same 5/3).
        var big = BigInteger.Pow(10, 18);
        Assert.Equal(2, ExactDerivability.Rank([Row((0, 3 * big), (1, 5 * big)), Row((0, 3 * big), (1, (5 * big) + 1))]));
        Assert.Equal(1, ExactDerivability.Rank([Row((0, 3 * big), (1, 5 * big)), Row((0, 6 * big), (1, 10 * big))]));
    }

    [Fact]
    public void SumWithOneUnknownTerm_GivesItAway()
    {
        // R = A + B + C with R, B, C published: A = R − B − C.
        var (cells, relations) = RegionOfThree();
        Assert.Equal([K("A")], ExactDerivability.DerivableCells(cells, relations, [K("R"), K("B"), K("C")]));
    }

    [Fact]
    public void SumWithTwoUnknownTerms_GivesNeitherAway()
    {
        // R = A + B + C with R and C published: only A + B is known.
        var (cells, relations) = RegionOfThree();
        Assert.Empty(ExactDerivability.DerivableCells(cells, relations, [K("R"), K("C")]));
    }

    [Fact]
    public void ThreeOverlappingSums_PinDownAllThreeTerms()
    {
        // X + Y + Z, X + Y and X + Z known: Z = (X + Y + Z) − (X + Y), Y likewise, then X.
        // The matrix [[1,1,1],[1,1,0],[1,0,1]] has determinant −1, so all three are determined.
        DisclosureCell[] cells =
        [
            DisclosureCell.Count(K("S"), 30), DisclosureCell.Count(K("P"), 20), DisclosureCell.Count(K("Q"), 18),
            DisclosureCell.Count(K("X"), 8), DisclosureCell.Count(K("Y"), 12), DisclosureCell.Count(K("Z"), 10),
        ];
        CellRelation[] relations =
        [
            CellRelation.Sum(K("S"), K("X"), K("Y"), K("Z")),
            CellRelation.Sum(K("P"), K("X"), K("Y")),
            CellRelation.Sum(K("Q"), K("X"), K("Z")),
        ];

        Assert.Equal([K("X"), K("Y"), K("Z")], ExactDerivability.DerivableCells(cells, relations, [K("S"), K("P"), K("Q")]));

        // Without Q only X + Y and X + Y + Z are known: Z is given away; X, Y and Q = X + Z are not.
        Assert.Equal([K("Z")], ExactDerivability.DerivableCells(cells, relations, [K("S"), K("P")]));
    }

    [Fact]
    public void ZeroCells_AreKnownEvenWhenNotListedAsPublished()
    {
        // R = A + B with B empty: a reader sees B = 0, so A = R.
        DisclosureCell[] cells = [DisclosureCell.Proportion(K("R"), 3, 10), DisclosureCell.Proportion(K("A"), 3, 10), DisclosureCell.Proportion(K("B"), 0, 0)];
        Assert.Equal([K("A")], ExactDerivability.DerivableCells(cells, [CellRelation.Sum(K("R"), K("A"), K("B"))], [K("R")]));
    }

    private static (DisclosureCell[] Cells, CellRelation[] Relations) RegionOfThree() =>
        ([
            DisclosureCell.Count(K("R"), 60), DisclosureCell.Count(K("A"), 3), DisclosureCell.Count(K("B"), 27), DisclosureCell.Count(K("C"), 30),
        ],
        [CellRelation.Sum(K("R"), K("A"), K("B"), K("C"))]);

    private static Dictionary<int, BigInteger> Row(params (int Column, BigInteger Value)[] entries) =>
        entries.ToDictionary(e => e.Column, e => e.Value);
}
