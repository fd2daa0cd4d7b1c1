namespace Ammeindsats.Core.Statistics;

/// <summary>A difference between two shares, p₁ − p₂, with its confidence interval, in percentage points.</summary>
/// <param name="Value">p₁ − p₂, from −100 to 100.</param>
/// <param name="Lower">Lower confidence limit.</param>
/// <param name="Upper">Upper confidence limit.</param>
public readonly record struct ProportionDifference(double Value, double Lower, double Upper);
