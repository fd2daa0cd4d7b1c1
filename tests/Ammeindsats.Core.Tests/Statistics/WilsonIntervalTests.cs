using Ammeindsats.Core.Statistics;

namespace Ammeindsats.Core.Tests.Statistics;

public class WilsonIntervalTests
{
    // Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of seven methods.
    // Stat Med 1998;17:857–872, Table I, method 3 (score interval without continuity correction), 95 %.
    // The table gives fractions to four decimals, so the limits are checked to ±0.005 percentage points.
    [Theory]
    [InlineData(81, 263, 25.53, 36.62)]
    [InlineData(15, 148, 6.24, 16.05)]
    [InlineData(0, 20, 0.00, 16.11)]
    [InlineData(1, 29, 0.61, 17.18)]
    public void Compute_MatchesNewcombeTableI(int k, int n, double lower, double upper)
    {
        var result = WilsonInterval.Compute(k, n)!.Value;

        Assert.Equal(100.0 * k / n, result.Value, 10);
        Assert.InRange(result.Lower, lower - 0.005, lower + 0.005);
        Assert.InRange(result.Upper, upper - 0.005, upper + 0.005);
    }

    [Fact]
    public void Compute_HalfOfHundred_IsSymmetricAroundFifty()
    {
        // For k = n/2 the centre (2k + z²)/(2(n + z²)) is exactly ½, and the half-width
        // z√(z² + 4k(1 − k/n)) / (2(n + z²)) = z√(z² + n) / (2(n + z²)) = z / (2√(n + z²)).
        // z² = 1.959963984540054² = 3.841458821, n + z² = 103.841458821, √ = 10.190262942,
        // z / (2 · 10.190262942) = 1.959963985 / 20.380525883 = 0.0961684696.
        // So the limits are 50 ∓ 9.61684696 = 40.38315304 % and 59.61684696 %.
        var result = WilsonInterval.Compute(50, 100)!.Value;

        Assert.Equal(50.0, result.Value, 12);
        Assert.Equal(40.38315304, result.Lower, 7);
        Assert.Equal(59.61684696, result.Upper, 7);
    }

    [Fact]
    public void Compute_NoneOfTwenty_At998_HasUpperZSquaredOverNPlusZSquared()
    {
        // With k = 0 the upper limit (z² + z·z) / (2(n + z²)) reduces to z² / (n + z²).
        // z² = 3.090232306167813² = 9.549535706; 9.549535706 / 29.549535706 = 0.3231704146.
        var result = WilsonInterval.Compute(0, 20, WilsonInterval.Z998)!.Value;

        Assert.Equal(0.0, result.Lower);
        Assert.Equal(32.31704146, result.Upper, 7);
    }

    [Fact]
    public void Compute_AllOfThem_HasUpperExactlyHundred()
    {
        // Mirror of 0/20 in Newcombe's Table I: 20/20 runs from 1 − 0.1611 = 0.8389 to exactly 1.
        var result = WilsonInterval.Compute(20, 20)!.Value;

        Assert.Equal(100.0, result.Value);
        Assert.Equal(100.0, result.Upper);
        Assert.InRange(result.Lower, 83.885, 83.895);
    }

    [Fact]
    public void Compute_NoDenominator_HasNoValue() =>
        Assert.Null(WilsonInterval.Compute(0, 0));

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(11, 10)]
    [InlineData(0, -1)]
    public void Compute_RefusesImpossibleCounts(int k, int n) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Compute(k, n));

    [Fact]
    public void Constants_AreTheTwoSidedNormalQuantiles()
    {
        // Published quantiles: Φ⁻¹(0.975) = 1.95996398…, Φ⁻¹(0.999) = 3.09023231…
        Assert.Equal(1.95996398, WilsonInterval.Z95, 8);
        Assert.Equal(3.09023231, WilsonInterval.Z998, 8);
    }
}
