namespace Ammeindsats.Core.Statistics;

/// <summary>Outcome of the chi-square test for trend, before polarity is applied.</summary>
public enum TrendDirection
{
    /// <summary>The share rises significantly over the five periods.</summary>
    Increasing,

    /// <summary>The share falls significantly over the five periods.</summary>
    Decreasing,

    /// <summary>No trend strong enough to pass the 99.8 % threshold.</summary>
    NoSignificantChange,

    /// <summary>Fewer than five periods, a gap or suppressed period among them, or a share of 0 % or 100 % throughout.</summary>
    CannotBeCalculated,
}
