namespace Ammeindsats.Core.Statistics;

/// <summary>
/// Newcombe's hybrid score interval for the difference of two independent proportions (method 10 in
/// Newcombe 1998, Statistics in Medicine 17:873–890). It is built from the two Wilson intervals, so it behaves
/// at 0 % and 100 % and with small groups, where the simple Wald difference interval is too narrow.
/// </summary>
public static class NewcombeInterval
{
    /// <summary>
    /// p₁ − p₂ for <paramref name="numerator1"/>/<paramref name="denominator1"/> minus
    /// <paramref name="numerator2"/>/<paramref name="denominator2"/>, with
    /// lower = δ − √((p₁ − l₁)² + (u₂ − p₂)²) and upper = δ + √((u₁ − p₁)² + (p₂ − l₂)²),
    /// where (lᵢ, uᵢ) are the Wilson limits.
    /// </summary>
    /// <returns><see langword="null"/> when either denominator is 0.</returns>
    public static ProportionDifference? Difference(
        int numerator1, int denominator1, int numerator2, int denominator2, double z = WilsonInterval.Z95)
    {
        if (WilsonInterval.Compute(numerator1, denominator1, z) is not { } first
            || WilsonInterval.Compute(numerator2, denominator2, z) is not { } second)
        {
            return null;
        }

        // Everything is already in percent, and the limits are differences of percent, so no rescaling is needed.
        var difference = first.Value - second.Value;
        var lower = difference - Hypotenuse(first.Value - first.Lower, second.Upper - second.Value);
        var upper = difference + Hypotenuse(first.Upper - first.Value, second.Value - second.Lower);
        return new ProportionDifference(difference, lower, upper);
    }

    private static double Hypotenuse(double a, double b) => Math.Sqrt(a * a + b * b);
}
