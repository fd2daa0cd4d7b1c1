namespace Ammeindsats.Core.Disclosure;

/// <summary>
/// Settings for statistical disclosure control. Every module that publishes counts reads the same
/// options so a table on one page can never be combined with a differently suppressed table on another.
/// </summary>
public sealed record DisclosureOptions
{
    private readonly int threshold = 5;
    private readonly int groupThreshold = 10;
    private readonly int protectionWidth = 4;

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

    /// <summary>
    /// The smallest group in which 0 % or 100 % may be published. Below it, a share of 0 % or 100 % tells
    /// a reader what every child in the group did (group disclosure). 1 switches the rule off.
    /// </summary>
    public int GroupThreshold
    {
        get => groupThreshold;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            groupThreshold = value;
        }
    }

    /// <summary>
    /// How wide the range of values a reader can still believe for a protected count must stay, whatever
    /// is combined from the published figures: with the default 4 at least five values stay possible, as
    /// many as the threshold 5 hides. 0 asks only that the count cannot be worked out exactly.
    /// </summary>
    public int ProtectionWidth
    {
        get => protectionWidth;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            protectionWidth = value;
        }
    }
}
