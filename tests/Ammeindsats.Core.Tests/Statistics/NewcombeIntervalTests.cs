using Ammeindsats.Core.Statistics;

namespace Ammeindsats.Core.Tests.Statistics;

public class NewcombeIntervalTests
{
    // Newcombe RG. Interval estimation for the difference between independent proportions: comparison of eleven
    // methods. Stat Med 1998;17:873–890, Table II, method 10 (score interval based on Wilson limits), 95 %.
    // The table gives fractions to four decimals, so limits are checked to ±0.005 percentage points.
    [Theory]
    [InlineData(56, 70, 48, 80, 5.24, 33.39)]
    [InlineData(9, 10, 3, 10, 17.05, 80.90)]
    [InlineData(6, 7, 2, 7, 5.82, 80.62)]
    [InlineData(5, 56, 0, 29, -3.81, 19.26)]
    [InlineData(0, 10, 0, 20, -16.11, 27.75)]
    [InlineData(0, 10, 0, 10, -27.75, 27.75)]
    [InlineData(10, 10, 0, 20, 67.91, 100.00)]
    [InlineData(10, 10, 0, 10, 60.75, 100.00)]
    public void Difference_MatchesNewcombeTableII(int k1, int n1, int k2, int n2, double lower, double upper)
    {
        var result = NewcombeInterval.Difference(k1, n1, k2, n2)!.Value;

        Assert.Equal(100.0 * k1 / n1 - 100.0 * k2 / n2, result.Value, 10);
        Assert.InRange(result.Lower, lower - 0.005, lower + 0.005);
        Assert.InRange(result.Upper, upper - 0.005, upper + 0.005);
    }

    [Fact]
    public void Difference_WorkedFromWilsonLimits()
    {
        // 56/70 = 0.8 with Wilson limits 0.6918336–0.8769526; 48/80 = 0.6 with 0.4904547–0.7003817.
        // lower = 0.2 − √((0.8 − 0.6918336)² + (0.7003817 − 0.6)²) = 0.2 − √(0.1081664² + 0.1003817²)
        //       = 0.2 − √(0.0116999 + 0.0100765) = 0.2 − √0.0217764 = 0.2 − 0.1475687 = 0.0524313
        // upper = 0.2 + √((0.8769526 − 0.8)² + (0.6 − 0.4904547)²) = 0.2 + √(0.0769526² + 0.1095453²)
        //       = 0.2 + √(0.0059217 + 0.0120002) = 0.2 + √0.0179219 = 0.2 + 0.1338727 = 0.3338727
        var result = NewcombeInterval.Difference(56, 70, 48, 80)!.Value;

        Assert.Equal(20.0, result.Value, 10);
        Assert.Equal(5.24313, result.Lower, 4);
        Assert.Equal(33.38727, result.Upper, 4);
    }

    [Fact]
    public void Difference_IsAntisymmetric()
    {
        // Swapping the groups swaps and negates the limits: 48/80 − 56/70 runs from −33.39 to −5.24.
        var result = NewcombeInterval.Difference(48, 80, 56, 70)!.Value;

        Assert.InRange(result.Lower, -33.395, -33.385);
        Assert.InRange(result.Upper, -5.245, -5.235);
    }

    [Fact]
    public void Difference_WithAnEmptyGroup_HasNoValue()
    {
        Assert.Null(NewcombeInterval.Difference(0, 0, 3, 10));
        Assert.Null(NewcombeInterval.Difference(3, 10, 0, 0));
    }
}
