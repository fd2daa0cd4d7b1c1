namespace Ammeindsats.Core.Statistics;

/// <summary>
/// Funnel plot limits around a target share. Score-based rather than normal-approximation limits,
/// so the funnel stays inside 0–100 % for the small birth sites on its narrow left side.
/// </summary>
public static class FunnelPlot
{
    /// <summary>
    /// Both pairs of limits for an area with <paramref name="denominator"/> children when the true share is
    /// <paramref name="target"/> (a fraction, 0–1).
    /// </summary>
    public static FunnelLimits Limits(double target, int denominator)
    {
        var (lower95, upper95) = Limits(target, denominator, WilsonInterval.Z95);
        var (lower998, upper998) = Limits(target, denominator, WilsonInterval.Z998);
        return new FunnelLimits(lower95, upper95, lower998, upper998);
    }

    /// <summary>
    /// One pair of limits in percent. With E = N·p₀:
    /// (2E + z² ∓ z√(z² + 4E(1 − E/N))) / (2(N + z²)).
    /// </summary>
    /// <param name="target">The centre line p₀ as a fraction, 0–1.</param>
    /// <param name="denominator">N, at least 1: a funnel has no width at zero.</param>
    /// <param name="z">Normal quantile for the wanted coverage.</param>
    public static (double Lower, double Upper) Limits(double target, int denominator, double z)
    {
        if (double.IsNaN(target) || target < 0 || target > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "The target share must be a fraction from 0 to 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(denominator, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(z);

        var (lower, upper) = WilsonInterval.Bounds(denominator * target, denominator, z);
        return (100.0 * lower, 100.0 * upper);
    }
}
