namespace Ammeindsats.Core.Statistics;

/// <summary>Which way an indicator should move for things to be getting better.</summary>
public enum Polarity
{
    /// <summary>A higher value is better, as for the share fully breastfed.</summary>
    HigherIsBetter,

    /// <summary>A lower value is better, as for the share who stopped full breastfeeding early.</summary>
    LowerIsBetter,

    /// <summary>Neither direction is better; comparisons only say higher or lower.</summary>
    NoJudgement,
}
