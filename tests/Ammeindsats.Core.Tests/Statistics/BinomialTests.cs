using Ammeindsats.Core.Statistics;

namespace Ammeindsats.Core.Tests.Statistics;

public class BinomialTests
{
    [Theory]
    // Binomial(4, ½): F(k) = (1, 5, 11, 15, 16)/16.
    [InlineData(0, 4, 0.5, 1.0 / 16)]
    [InlineData(1, 4, 0.5, 5.0 / 16)]
    [InlineData(2, 4, 0.5, 11.0 / 16)]
    [InlineData(3, 4, 0.5, 15.0 / 16)]
    // Binomial(3, 0,2): P(0) = 0,512, P(1) = 3·0,2·0,64 = 0,384, so F(1) = 0,896; F(2) = 1 − 0,008 = 0,992.
    [InlineData(1, 3, 0.2, 0.896)]
    [InlineData(2, 3, 0.2, 0.992)]
    // Binomial(100, 0,3), F(25): computed with Python's fractions.Fraction and math.comb (exact sum, then float).
    [InlineData(25, 100, 0.3, 0.16313010446635176)]
    [InlineData(-1, 4, 0.5, 0.0)]
    [InlineData(4, 4, 0.5, 1.0)]
    public void Cdf_MatchesExactSums(int k, int n, double p, double expected) =>
        Assert.Equal(expected, Binomial.Cdf(k, n, p), 1e-12);

    [Fact]
    public void LogGamma_OfWholeNumbers_IsLogFactorial() =>
        Assert.Equal(Math.Log(3628800.0), Binomial.LogGamma(11), 1e-12);
}
