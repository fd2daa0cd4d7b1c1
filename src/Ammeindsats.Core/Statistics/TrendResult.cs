namespace Ammeindsats.Core.Statistics;

/// <summary>The chi-square test for trend over the latest five periods.</summary>
/// <param name="Direction">Significant direction, or why there is none.</param>
/// <param name="ChiSquare">
/// The statistic, kept so a reviewer can see how close a period came to the threshold;
/// <see langword="null"/> when it could not be calculated.
/// </param>
public readonly record struct TrendResult(TrendDirection Direction, double? ChiSquare);
