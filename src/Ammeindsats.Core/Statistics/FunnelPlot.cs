namespace Ammeindsats.Core.Statistics;

/// <summary>
/// Funnel plot limits around a benchmark share: exact binomial control limits, made continuous in the
/// denominator by interpolating between the whole counts.
/// </summary>
/// <remarks>
/// For a denominator n and benchmark p₀, R ~ Binomial(n, p₀) is the count an area with the benchmark's true share
/// would have. For a probability P (0,025 and 0,975 for the 95 % limits, 0,001 and 0,999 for the 99,8 % limits):
/// <list type="number">
/// <item>r is the smallest count with F(r) = P(R ≤ r) ≥ P: the P-quantile of the binomial distribution;</item>
/// <item>α = (F(r) − P) / (F(r) − F(r − 1)), the share of the step at r that lies above P (F(−1) = 0);</item>
/// <item>the limit is (r − α) / n, in percent, and kept within 0–100 %.</item>
/// </list>
/// Without step 2 the limits would jump in whole counts as n grows; with it the limit moves linearly inside the
/// step of the distribution function where P falls, so the funnel is a continuous line and a share exactly at a
/// whole-count quantile gets the value the quantile gives. An observed share below the lower limit has
/// P(R ≤ observed) &lt; P up to this interpolation. p₀ = 0 or 1 has no spread: both limits are p₀.
/// </remarks>
public static class FunnelPlot
{
    /// <summary>Lower probability of the 95 % limits.</summary>
    public const double Lower95Probability = 0.025;

    /// <summary>Lower probability of the 99,8 % limits.</summary>
    public const double Lower998Probability = 0.001;

    /// <summary>
    /// Both pairs of limits, in percent, for an area with <paramref name="denominator"/> children when the true
    /// share is <paramref name="target"/> (a fraction, 0–1).
    /// </summary>
    public static FunnelLimits Limits(double target, int denominator)
    {
        var (lower95, upper95) = Limits(target, denominator, Lower95Probability);
        var (lower998, upper998) = Limits(target, denominator, Lower998Probability);
        return new FunnelLimits(lower95, upper95, lower998, upper998);
    }

    /// <summary>One pair of limits in percent: the interpolated quantiles at <paramref name="tail"/> and 1 − tail.</summary>
    /// <param name="target">The centre line p₀ as a fraction, 0–1.</param>
    /// <param name="denominator">n, at least 1: a funnel has no width at zero.</param>
    /// <param name="tail">The probability in each tail, above 0 and below 0,5: 0,025 for 95 % limits.</param>
    public static (double Lower, double Upper) Limits(double target, int denominator, double tail)
    {
        if (double.IsNaN(target) || target < 0 || target > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "The target share must be a fraction from 0 to 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(denominator, 1);
        if (double.IsNaN(tail) || tail <= 0 || tail >= 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(tail), tail, "The tail probability must be above 0 and below 0.5.");
        }

        if (target is 0.0 or 1.0)
        {
            return (100.0 * target, 100.0 * target);
        }

        return (Point(target, denominator, tail), Point(target, denominator, 1.0 - tail));
    }

    /// <summary>The interpolated <paramref name="probability"/>-quantile of Binomial(n, p₀) divided by n, in percent.</summary>
    public static double Point(double target, int denominator, double probability)
    {
        // Smallest r with F(r) ≥ P, by bisection on the non-decreasing F; F(n) = 1 ≥ P always.
        int low = 0, high = denominator;
        while (low < high)
        {
            var mid = low + (high - low) / 2;
            if (Binomial.Cdf(mid, denominator, target) >= probability)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        var r = low;
        var atR = Binomial.Cdf(r, denominator, target);
        var belowR = Binomial.Cdf(r - 1, denominator, target);
        var alpha = (atR - probability) / (atR - belowR);
        return Math.Clamp(100.0 * (r - alpha) / denominator, 0.0, 100.0);
    }

    /// <summary>Where a share (in percent) lies against the limits; a share on a limit is inside it.</summary>
    public static FunnelPosition Position(double share, FunnelLimits limits) =>
        share > limits.Upper998 ? FunnelPosition.Above998
        : share > limits.Upper95 ? FunnelPosition.Above95
        : share < limits.Lower998 ? FunnelPosition.Below998
        : share < limits.Lower95 ? FunnelPosition.Below95
        : FunnelPosition.Inside;
}

/// <summary>A point's place in the funnel.</summary>
public enum FunnelPosition
{
    Below998,
    Below95,
    Inside,
    Above95,
    Above998,
}
