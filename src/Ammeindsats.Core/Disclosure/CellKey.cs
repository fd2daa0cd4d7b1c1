namespace Ammeindsats.Core.Disclosure;

/// <summary>
/// Identifies one published figure of one indicator: an area code (municipality, region, cluster or
/// the whole country), a period (a year, half-year or quarter) and a breakdown (total, parity 1, ...).
/// </summary>
/// <remarks>
/// Ordering is ordinal on Area, then Period, then Breakdown. Secondary suppression breaks ties by
/// this order, so the same input always gives the same table whatever the culture of the server.
/// </remarks>
public sealed record CellKey(string Area, string Period, string Breakdown) : IComparable<CellKey>
{
    public int CompareTo(CellKey? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byArea = string.CompareOrdinal(Area, other.Area);
        if (byArea != 0)
        {
            return byArea;
        }

        var byPeriod = string.CompareOrdinal(Period, other.Period);
        return byPeriod != 0 ? byPeriod : string.CompareOrdinal(Breakdown, other.Breakdown);
    }

    public static bool operator <(CellKey? left, CellKey? right) => Compare(left, right) < 0;

    public static bool operator <=(CellKey? left, CellKey? right) => Compare(left, right) <= 0;

    public static bool operator >(CellKey? left, CellKey? right) => Compare(left, right) > 0;

    public static bool operator >=(CellKey? left, CellKey? right) => Compare(left, right) >= 0;

    public override string ToString() => $"{Area}/{Period}/{Breakdown}";

    private static int Compare(CellKey? left, CellKey? right) => left is null ? (right is null ? 0 : -1) : left.CompareTo(right);
}
