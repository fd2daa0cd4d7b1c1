namespace Ammeindsats.Core.Statistics;

/// <summary>
/// Compares an area with a benchmark the way public-health profiles do: the benchmark is treated
/// as a fixed value and the area's own 95 % interval carries all the uncertainty.
/// </summary>
public static class Benchmark
{
    /// <summary>
    /// <see cref="BenchmarkComparison.Similar"/> when the benchmark lies inside the area's 95 % interval,
    /// limits included; otherwise better or worse according to <paramref name="polarity"/>, or higher or
    /// lower when the indicator has no better direction.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The interval is reversed or does not contain the area's value. Five doubles in a row are easy to pass
    /// in the wrong order, and a swapped call would otherwise give a confident wrong colour on the map.
    /// </exception>
    public static BenchmarkComparison Compare(
        double areaCi95Lower, double areaCi95Upper, double areaValue, double benchmarkValue, Polarity polarity)
    {
        if (double.IsNaN(areaCi95Lower) || double.IsNaN(areaCi95Upper) || double.IsNaN(areaValue) || double.IsNaN(benchmarkValue))
        {
            throw new ArgumentException("A comparison needs numbers, not NaN.");
        }

        if (areaCi95Lower > areaCi95Upper || areaValue < areaCi95Lower || areaValue > areaCi95Upper)
        {
            throw new ArgumentException(
                $"The area's value {areaValue} must lie within its interval [{areaCi95Lower}, {areaCi95Upper}].");
        }

        if (benchmarkValue >= areaCi95Lower && benchmarkValue <= areaCi95Upper)
        {
            return BenchmarkComparison.Similar;
        }

        var areaIsHigher = areaValue > benchmarkValue;
        return polarity switch
        {
            Polarity.HigherIsBetter => areaIsHigher ? BenchmarkComparison.Better : BenchmarkComparison.Worse,
            Polarity.LowerIsBetter => areaIsHigher ? BenchmarkComparison.Worse : BenchmarkComparison.Better,
            Polarity.NoJudgement => areaIsHigher ? BenchmarkComparison.Higher : BenchmarkComparison.Lower,
            _ => throw new ArgumentOutOfRangeException(nameof(polarity), polarity, "Unknown polarity."),
        };
    }
}
