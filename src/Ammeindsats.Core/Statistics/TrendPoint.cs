namespace Ammeindsats.Core.Statistics;

/// <summary>One period's counts in a trend. A missing or suppressed period is passed as <see langword="null"/>.</summary>
/// <param name="Numerator">Children meeting the indicator in the period.</param>
/// <param name="Denominator">Children counted in the period.</param>
public readonly record struct TrendPoint(int Numerator, int Denominator);
