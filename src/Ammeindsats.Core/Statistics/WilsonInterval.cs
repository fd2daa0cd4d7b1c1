namespace Ammeindsats.Core.Statistics;

/// <summary>
/// Wilson score interval for a single proportion. Chosen over the textbook normal interval because
/// small municipalities and birth sites have shares near 0 % or 100 %, where the normal interval
/// spills outside 0–100 and undercovers.
/// </summary>
public static class WilsonInterval
{
    /// <summary>Two-sided 95 % standard normal quantile.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>Two-sided 99.8 % standard normal quantile, used for the outer funnel and for trends.</summary>
    public const double Z998 = 3.090232306167813;

    /// <summary>
    /// The share <paramref name="numerator"/> of <paramref name="denominator"/> with its Wilson interval, in percent.
    /// </summary>
    /// <returns><see langword="null"/> when the denominator is 0: there is no share to show.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Negative counts, or a numerator above the denominator.</exception>
    public static Proportion? Compute(int numerator, int denominator, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(denominator);
        ArgumentOutOfRangeException.ThrowIfNegative(numerator);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(numerator, denominator);
        ArgumentOutOfRangeException.ThrowIfNegative(z);

        if (denominator == 0)
        {
            return null;
        }

        var (lower, upper) = Bounds(numerator, denominator, z);
        return new Proportion(100.0 * numerator / denominator, 100.0 * lower, 100.0 * upper);
    }

    /// <summary>
    /// The score bounds as fractions. Shared with the funnel limits, which are the same formula read
    /// the other way round: an expected count E = N·p₀ in place of an observed one.
    /// </summary>
    internal static (double Lower, double Upper) Bounds(double successes, double trials, double z)
    {
        var zSquared = z * z;
        var centre = 2 * successes + zSquared;
        var spread = z * Math.Sqrt(zSquared + 4 * successes * (1 - successes / trials));
        var scale = 2 * (trials + zSquared);

        // At 0 or all successes the bound is exactly 0 or 1 in theory; rounding would otherwise
        // leave something like 1e-17 and show up as "0,0 %" that is not quite zero.
        var lower = successes <= 0 ? 0.0 : Math.Max(0.0, (centre - spread) / scale);
        var upper = successes >= trials ? 1.0 : Math.Min(1.0, (centre + spread) / scale);
        return (lower, upper);
    }
}
