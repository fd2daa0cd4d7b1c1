namespace Ammeindsats.Core.Statistics;

/// <summary>
/// A share with its confidence interval, all in percent. Kept at full precision: rounding belongs
/// to the display, and benchmark and funnel comparisons must not be decided on rounded figures.
/// </summary>
/// <param name="Value">Numerator over denominator, 0–100.</param>
/// <param name="Lower">Lower confidence limit, 0–100.</param>
/// <param name="Upper">Upper confidence limit, 0–100.</param>
public readonly record struct Proportion(double Value, double Lower, double Upper);
