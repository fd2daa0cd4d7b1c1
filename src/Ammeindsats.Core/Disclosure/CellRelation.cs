namespace Ammeindsats.Core.Disclosure;

/// <summary>
/// An additive relation between cells that a reader can rely on: the parent's numerator is the sum of
/// the children's numerators, and likewise for denominators. Examples: a region and its municipalities,
/// a year and its halves, the total breakdown and its parity groups plus an unpublished remainder.
/// </summary>
public sealed record CellRelation(CellKey Parent, IReadOnlyList<CellKey> Children)
{
    public static CellRelation Sum(CellKey parent, params IEnumerable<CellKey> children) =>
        new(parent, children.ToArray());
}
