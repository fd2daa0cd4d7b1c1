namespace Ammeindsats.Core.Disclosure;

public enum DisclosureStatus
{
    Published,
    Suppressed,

    /// <summary>A remainder cell that is never shown, whatever its counts.</summary>
    NotPublished,
}

public enum SuppressionReason
{
    None,

    /// <summary>The cell's own counts are too small.</summary>
    Primary,

    /// <summary>The cell is large enough but would let a reader work out a primarily suppressed cell.</summary>
    Secondary,
}

/// <summary>The decision for one cell. A <see cref="DisclosureStatus.NotPublished"/> remainder has no reason.</summary>
public sealed record CellDisclosure(CellKey Key, DisclosureStatus Status, SuppressionReason Reason)
{
    public bool IsPublished => Status == DisclosureStatus.Published;
}

/// <summary>The decisions for one indicator, in ordinal key order.</summary>
public sealed class DisclosureResult
{
    private readonly Dictionary<CellKey, CellDisclosure> byKey;

    internal DisclosureResult(IReadOnlyList<CellDisclosure> cells)
    {
        Cells = cells;
        byKey = cells.ToDictionary(c => c.Key);
        PublishedKeys = cells.Where(c => c.IsPublished).Select(c => c.Key).ToHashSet();
    }

    public IReadOnlyList<CellDisclosure> Cells { get; }

    public IReadOnlySet<CellKey> PublishedKeys { get; }

    public CellDisclosure this[CellKey key] => byKey[key];

    public bool IsPublished(CellKey key) => byKey[key].IsPublished;
}
