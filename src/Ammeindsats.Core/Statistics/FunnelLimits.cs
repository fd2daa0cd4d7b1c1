namespace Ammeindsats.Core.Statistics;

/// <summary>Control limits of a funnel plot at one denominator, in percent.</summary>
/// <param name="Lower95">Lower 95 % limit.</param>
/// <param name="Upper95">Upper 95 % limit.</param>
/// <param name="Lower998">Lower 99.8 % limit.</param>
/// <param name="Upper998">Upper 99.8 % limit.</param>
public readonly record struct FunnelLimits(double Lower95, double Upper95, double Lower998, double Upper998);
