using Ammeindsats.Core.Statistics;

namespace Ammeindsats.Core.Tests.Statistics;

/// <summary>
/// Exact binomial funnel limits. The reference values beside the hand-worked case were computed with Python's
/// fractions.Fraction and math.comb (rational arithmetic throughout, converted to a float only at the end) from the
/// definition in <see cref="FunnelPlot"/>: r the smallest count with F(r) ≥ P, α = (F(r) − P)/(F(r) − F(r − 1)),
/// limit (r − α)/n, kept within 0–100 %.
/// </summary>
public class FunnelPlotTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Limits_HandWorked_HalfOfFour()
    {
        // Binomial(4, ½): F(0) = 1/16, F(1) = 5/16, F(2) = 11/16, F(3) = 15/16, F(4) = 1.
        // P = 0,025: r = 0, α = (1/16 − 0,025)/(1/16) = 0,6, (0 − 0,6)/4 < 0 → 0 %.
        // P = 0,975: r = 4 (F(3) = 0,9375 < 0,975), α = (1 − 0,975)/(1/16) = 0,4, (4 − 0,4)/4 = 90 %.
        // P = 0,999: r = 4, α = 0,001·16 = 0,016, (4 − 0,016)/4 = 99,6 %.
        var limits = FunnelPlot.Limits(0.5, 4);

        Assert.Equal(0.0, limits.Lower95, Tolerance);
        Assert.Equal(90.0, limits.Upper95, Tolerance);
        Assert.Equal(0.0, limits.Lower998, Tolerance);
        Assert.Equal(99.6, limits.Upper998, Tolerance);
    }

    [Theory]
    [InlineData(0.094, 20, 0.0, 21.788943475958327, 0.0, 32.38510139538264)]
    [InlineData(0.5, 100, 39.6824041726007, 59.3175958273993, 34.12158837225012, 64.87841162774988)]
    [InlineData(0.8, 50, 67.2906116647942, 89.55951779877309, 60.085590232496244, 94.52238567924921)]
    [InlineData(0.3, 7, 0.0, 59.311306617213106, 0.0, 82.58967314144941)]
    [InlineData(0.6, 2000, 57.82294451239485, 62.11753504561011, 56.5759416715082, 63.34500071056571)]
    [InlineData(0.4825, 613, 44.21639245480414, 52.12850317518064, 41.944708615560025, 54.41123944085199)]
    public void Limits_MatchExactRationalArithmetic(double p0, int n, double lower95, double upper95, double lower998, double upper998)
    {
        var limits = FunnelPlot.Limits(p0, n);

        Assert.Equal(lower95, limits.Lower95, Tolerance);
        Assert.Equal(upper95, limits.Upper95, Tolerance);
        Assert.Equal(lower998, limits.Lower998, Tolerance);
        Assert.Equal(upper998, limits.Upper998, Tolerance);
    }

    [Fact]
    public void Limits_AtTheEdges_HaveNoSpread()
    {
        var none = FunnelPlot.Limits(0.0, 20);
        var all = FunnelPlot.Limits(1.0, 20);

        Assert.Equal(new FunnelLimits(0, 0, 0, 0), none);
        Assert.Equal(new FunnelLimits(100, 100, 100, 100), all);
    }

    [Fact]
    public void Limits_NarrowAsTheDenominatorGrows()
    {
        var small = FunnelPlot.Limits(0.6, 20);
        var large = FunnelPlot.Limits(0.6, 2000);

        Assert.True(small.Lower998 < small.Lower95 && small.Lower95 < large.Lower95 && large.Lower95 < 60.0);
        Assert.True(small.Upper998 > small.Upper95 && small.Upper95 > large.Upper95 && large.Upper95 > 60.0);
    }

    [Fact]
    public void Position_OnALimitIsInside_BeyondItIsOutside()
    {
        var limits = new FunnelLimits(40, 60, 30, 70);

        Assert.Equal(FunnelPosition.Inside, FunnelPlot.Position(40, limits));
        Assert.Equal(FunnelPosition.Inside, FunnelPlot.Position(60, limits));
        Assert.Equal(FunnelPosition.Below95, FunnelPlot.Position(35, limits));
        Assert.Equal(FunnelPosition.Below998, FunnelPlot.Position(29.9, limits));
        Assert.Equal(FunnelPosition.Above95, FunnelPlot.Position(65, limits));
        Assert.Equal(FunnelPosition.Above998, FunnelPlot.Position(70.1, limits));
    }

    [Theory]
    [InlineData(-0.1, 10)]
    [InlineData(1.1, 10)]
    [InlineData(double.NaN, 10)]
    [InlineData(0.5, 0)]
    public void Limits_RefuseMeaninglessInput(double target, int denominator) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FunnelPlot.Limits(target, denominator));
}
