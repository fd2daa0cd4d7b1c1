namespace Ammeindsats.Core.Disclosure;

/// <summary>
/// Settings for statistical disclosure control. Every module that publishes counts reads the same
/// options so a table on one page can never be combined with a differently suppressed table on another.
/// </summary>
public sealed record DisclosureOptions
{
    private readonly int threshold = 5;

    /// <summary>
    /// The smallest group size that may be published. Counts from 1 to Threshold − 1 are withheld;
    /// zero is published because an empty group says nothing about any child.
    /// </summary>
    public int Threshold
    {
        get => threshold;
        init
        {
            // A threshold of 1 switches suppression off; anything lower would be a configuration mistake.
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            threshold = value;
        }
    }
}
