namespace Ammeindsats.Core.Statistics;

/// <summary>
/// The binomial distribution's cumulative probability, through the regularized incomplete beta function:
/// P(X ≤ k) = I₁₋ₚ(n − k, k + 1) for X ~ Binomial(n, p).
/// </summary>
public static class Binomial
{
    /// <summary>P(X ≤ <paramref name="k"/>) for X ~ Binomial(<paramref name="n"/>, <paramref name="p"/>).</summary>
    public static double Cdf(int k, int n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (double.IsNaN(p) || p < 0 || p > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The probability must be from 0 to 1.");
        }

        if (k < 0)
        {
            return 0.0;
        }

        if (k >= n)
        {
            return 1.0;
        }

        if (p == 0.0)
        {
            return 1.0;
        }

        if (p == 1.0)
        {
            return 0.0;
        }

        return RegularizedIncompleteBeta(n - k, k + 1, 1.0 - p);
    }

    /// <summary>
    /// Iₓ(a, b) = B(x; a, b) / B(a, b) for a, b &gt; 0 and 0 ≤ x ≤ 1, by the continued fraction for the incomplete
    /// beta function (evaluated with the modified Lentz method), on whichever side of the mean converges fast.
    /// </summary>
    public static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (!(a > 0) || !(b > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(a), "Both shape parameters must be positive.");
        }

        if (double.IsNaN(x) || x < 0 || x > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "x must be from 0 to 1.");
        }

        if (x == 0.0 || x == 1.0)
        {
            return x;
        }

        // ln of xᵃ(1 − x)ᵇ / (a·B(a, b)) without the 1/a, which the fraction carries.
        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1.0 - x));
        return x < (a + 1.0) / (a + b + 2.0)
            ? front * ContinuedFraction(a, b, x) / a
            : 1.0 - front * ContinuedFraction(b, a, 1.0 - x) / b;
    }

    private static double ContinuedFraction(double a, double b, double x)
    {
        const double tiny = 1e-300;
        const double epsilon = 1e-16;
        double c = 1.0;
        double d = 1.0 - (a + b) * x / (a + 1.0);
        d = 1.0 / (Math.Abs(d) < tiny ? tiny : d);
        double h = d;
        for (var m = 1; m <= 100_000; m++)
        {
            // Even step: d₂ₘ = m(b − m)x / ((a + 2m − 1)(a + 2m)).
            double numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1.0 + numerator * d;
            d = 1.0 / (Math.Abs(d) < tiny ? tiny : d);
            c = 1.0 + numerator / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            h *= d * c;

            // Odd step: d₂ₘ₊₁ = −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1)).
            numerator = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1.0 + numerator * d;
            d = 1.0 / (Math.Abs(d) < tiny ? tiny : d);
            c = 1.0 + numerator / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            var step = d * c;
            h *= step;
            if (Math.Abs(step - 1.0) < epsilon)
            {
                return h;
            }
        }

        throw new InvalidOperationException("The incomplete beta continued fraction did not converge.");
    }

    /// <summary>ln Γ(x) for x &gt; 0: Lanczos' approximation (g = 7, nine terms), relative error about 1e-15.</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            // Reflection: Γ(x)Γ(1 − x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1.0 - x);
        }

        x -= 1.0;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (x + i);
        }

        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    private static readonly double[] Lanczos =
    [
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];
}
