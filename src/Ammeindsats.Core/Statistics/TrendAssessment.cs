namespace Ammeindsats.Core.Statistics;

/// <summary>A trend read through the indicator's polarity, as shown to users.</summary>
public enum TrendAssessment
{
    /// <summary>Moving significantly in the better direction.</summary>
    Improving,

    /// <summary>Moving significantly in the worse direction.</summary>
    Worsening,

    /// <summary>Rising significantly, for an indicator without a better direction.</summary>
    Increasing,

    /// <summary>Falling significantly, for an indicator without a better direction.</summary>
    Decreasing,

    /// <summary>No significant trend.</summary>
    NoSignificantChange,

    /// <summary>The trend could not be tested.</summary>
    CannotBeCalculated,
}
