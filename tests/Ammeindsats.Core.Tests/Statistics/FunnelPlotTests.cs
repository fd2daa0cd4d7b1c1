using Ammeindsats.Core.Statistics;

namespace Ammeindsats.Core.Tests.Statistics;

public class FunnelPlotTests
{
    [Fact]
    public void Limits_EightyPercentOfFifty()
    {
        // p₀ = 0.8, N = 50, E = N·p₀ = 40, E(1 − E/N) = 40·0.2 = 8.
        //
        // 95 %: z² = 3.841458821.
        //   2E + z² = 83.841458821; √(z² + 4·8) = √35.841458821 = 5.986773657; z·√ = 1.959963985·5.986773657 = 11.733860751;
        //   2(N + z²) = 107.682917641.
        //   lower = (83.841458821 − 11.733860751) / 107.682917641 = 72.107598070 / 107.682917641 = 0.669628941
        //   upper = (83.841458821 + 11.733860751) / 107.682917641 = 95.575319572 / 107.682917641 = 0.887562500
        //
        // 99.8 %: z² = 9.549535706.
        //   2E + z² = 89.549535706; √(z² + 32) = √41.549535706 = 6.445892933; z·√ = 3.090232306·6.445892933 = 19.919306584;
        //   2(N + z²) = 119.099071412.
        //   lower = 69.630229122 / 119.099071412 = 0.584641243
        //   upper = 109.468842290 / 119.099071412 = 0.919141023
        var limits = FunnelPlot.Limits(0.8, 50);

        Assert.Equal(66.9628941, limits.Lower95, 6);
        Assert.Equal(88.7562500, limits.Upper95, 6);
        Assert.Equal(58.4641243, limits.Lower998, 6);
        Assert.Equal(91.9141023, limits.Upper998, 6);
    }

    [Fact]
    public void Limits_ExpectedCountNeedNotBeWhole()
    {
        // p₀ = 0.3, N = 7, E = 2.1, E(1 − E/N) = 2.1·0.7 = 1.47, 4·1.47 = 5.88.
        // 95 %: 2E + z² = 4.2 + 3.841458821 = 8.041458821; √(3.841458821 + 5.88) = √9.721458821 = 3.117925403;
        //   z·√ = 6.111021497; 2(N + z²) = 21.682917641.
        //   lower = 1.930437324 / 21.682917641 = 0.089030330; upper = 14.152480318 / 21.682917641 = 0.652701844.
        var (lower, upper) = FunnelPlot.Limits(0.3, 7, WilsonInterval.Z95);

        Assert.Equal(8.9030330, lower, 6);
        Assert.Equal(65.2701844, upper, 6);
    }

    [Fact]
    public void Limits_AtFifty_AreTheWilsonIntervalOfHalf()
    {
        // Same formula with E = 50 of 100: 50 ∓ 100·z / (2√(100 + z²)) = 50 ∓ 9.61684696 (see WilsonIntervalTests).
        var (lower, upper) = FunnelPlot.Limits(0.5, 100, WilsonInterval.Z95);

        Assert.Equal(40.38315304, lower, 7);
        Assert.Equal(59.61684696, upper, 7);
    }

    [Fact]
    public void Limits_AtTheEdges_StayWithinZeroAndHundred()
    {
        // p₀ = 0: E = 0, lower = (z² − z·z) / (2(N + z²)) = 0 and upper = z² / (N + z²) = 3.841458821 / 23.841458821 = 0.161125158.
        var none = FunnelPlot.Limits(0.0, 20, WilsonInterval.Z95);
        var all = FunnelPlot.Limits(1.0, 20, WilsonInterval.Z95);

        Assert.Equal(0.0, none.Lower);
        Assert.Equal(16.1125158, none.Upper, 6);
        Assert.Equal(100.0, all.Upper);
        Assert.Equal(100.0 - 16.1125158, all.Lower, 6);
    }

    [Fact]
    public void Limits_NarrowAsTheDenominatorGrows()
    {
        var small = FunnelPlot.Limits(0.6, 20);
        var large = FunnelPlot.Limits(0.6, 2000);

        Assert.True(small.Lower998 < small.Lower95 && small.Lower95 < large.Lower95 && large.Lower95 < 60.0);
        Assert.True(small.Upper998 > small.Upper95 && small.Upper95 > large.Upper95 && large.Upper95 > 60.0);
    }

    [Theory]
    [InlineData(-0.1, 10)]
    [InlineData(1.1, 10)]
    [InlineData(double.NaN, 10)]
    [InlineData(0.5, 0)]
    public void Limits_RefuseMeaninglessInput(double target, int denominator) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FunnelPlot.Limits(target, denominator));
}
