namespace Ammeindsats.Core.Disclosure;

/// <summary>
/// One figure before disclosure control. A proportion cell has a numerator (children breastfed) and a
/// denominator (children in the group); a count-only cell has no numerator.
/// </summary>
/// <param name="IsPublishable">
/// False for a figure that is never shown but is needed to make a sum exact, such as the children
/// with no municipality in the national total. Such a cell is an unknown in every calculation, which is
/// what keeps the sum from giving away its other terms; it is not protected itself.
/// </param>
public sealed record DisclosureCell(CellKey Key, int? Numerator, int Denominator, bool IsPublishable = true)
{
    public static DisclosureCell Proportion(CellKey key, int numerator, int denominator) =>
        new(key, numerator, denominator);

    public static DisclosureCell Count(CellKey key, int count) =>
        new(key, null, count);

    /// <summary>A remainder that makes a sum exact but is never published itself.</summary>
    public static DisclosureCell Unpublished(CellKey key, int? numerator, int denominator) =>
        new(key, numerator, denominator, IsPublishable: false);

    /// <summary>An empty group is published as zero and everyone can see that it is zero.</summary>
    public bool IsZero => Denominator == 0;
}
