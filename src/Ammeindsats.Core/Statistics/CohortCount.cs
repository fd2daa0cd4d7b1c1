namespace Ammeindsats.Core.Statistics;

/// <summary>Counts for the children born in one calendar year.</summary>
/// <param name="BirthYear">The birth cohort.</param>
/// <param name="Numerator">Children meeting the indicator.</param>
/// <param name="Denominator">Children counted.</param>
public readonly record struct CohortCount(int BirthYear, int Numerator, int Denominator);
