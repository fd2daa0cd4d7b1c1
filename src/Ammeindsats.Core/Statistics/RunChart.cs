using System.Numerics;

namespace Ammeindsats.Core.Statistics;

/// <summary>
/// Anhøj's run-chart rules (Anhøj &amp; Olesen 2014): a shift shows as an unusually long run on one side
/// of the median or as unusually few crossings of it. Both limits grow with the number of points,
/// which keeps the false-signal rate roughly constant where fixed rules of thumb do not.
/// </summary>
public static class RunChart
{
    /// <summary>
    /// Applies both rules to <paramref name="values"/>, in time order, around <paramref name="centre"/>,
    /// or around the series' own median when no centre is given.
    /// Points exactly on the centre line neither break nor extend a run and do not count towards n.
    /// </summary>
    /// <exception cref="ArgumentException">The series is empty or holds NaN.</exception>
    public static RunChartAnalysis Analyse(IReadOnlyList<double> values, double? centre = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("A run chart needs at least one point.", nameof(values));
        }

        if (values.Any(double.IsNaN) || (centre is { } c && double.IsNaN(c)))
        {
            throw new ArgumentException("A run chart cannot place NaN above or below the centre line.", nameof(values));
        }

        var line = centre ?? Median(values);

        int useful = 0, longestRun = 0, run = 0, crossings = 0, previousSide = 0;
        foreach (var value in values)
        {
            var side = value.CompareTo(line);
            if (side == 0)
            {
                continue;
            }

            useful++;
            if (side == previousSide)
            {
                run++;
            }
            else
            {
                if (previousSide != 0)
                {
                    crossings++;
                }

                run = 1;
                previousSide = side;
            }

            longestRun = Math.Max(longestRun, run);
        }

        return useful == 0
            ? new RunChartAnalysis(line, 0, 0, null, 0, null)
            : new RunChartAnalysis(line, useful, longestRun, LongestRunLimit(useful), crossings, CrossingsLimit(useful));
    }

    /// <summary>round(log₂ n + 3): the longest run expected by chance among <paramref name="usefulObservations"/> points.</summary>
    public static int LongestRunLimit(int usefulObservations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(usefulObservations, 1);

        // log₂ n + 3 is never exactly half-way between integers for whole n, so the rounding rule does not matter.
        return (int)Math.Round(Math.Log2(usefulObservations) + 3);
    }

    /// <summary>
    /// The fewest crossings expected by chance among <paramref name="usefulObservations"/> points: the smallest c with
    /// P(X ≤ c) ≥ 0.05 for X ~ Binomial(n − 1, ½), as R's qbinom(0.05, n − 1, 0.5).
    /// </summary>
    /// <remarks>
    /// Worked in whole numbers, Σ C(n − 1, i) for i ≤ c against 2ⁿ⁻¹/20, so a long series cannot tip over the
    /// boundary through rounding. 20·Σ is never equal to 2ⁿ⁻¹ (no power of two is divisible by 5), so there are no ties.
    /// </remarks>
    public static int CrossingsLimit(int usefulObservations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(usefulObservations, 1);

        var trials = usefulObservations - 1;
        var all = BigInteger.One << trials;
        var coefficient = BigInteger.One;
        var cumulative = BigInteger.Zero;
        for (var c = 0; c <= trials; c++)
        {
            cumulative += coefficient;
            if (20 * cumulative >= all)
            {
                return c;
            }

            coefficient = coefficient * (trials - c) / (c + 1);
        }

        return trials;
    }

    /// <summary>The usual median: the middle value, or the mean of the two middle values.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("The median of nothing is undefined.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
