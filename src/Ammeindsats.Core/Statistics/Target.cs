namespace Ammeindsats.Core.Statistics;

/// <summary>
/// Progress towards a target such as "80 % fully breastfed at four months by 2030". Progress is judged against a
/// straight line from the baseline to the target, so an area is told early when it falls behind rather than only
/// in the target year.
/// </summary>
public static class Target
{
    // Values are percentages entered or computed with a few decimals; the line through them picks up binary
    // rounding (63.66 comes out as 63.660000000000004), which must not decide whether an area is on track.
    private const double Tolerance = 1e-9;

    /// <summary>
    /// The value on the straight line from (<paramref name="baselineYear"/>, <paramref name="baselineValue"/>) to
    /// (<paramref name="targetYear"/>, <paramref name="targetValue"/>) in <paramref name="year"/>. After the target
    /// year the line stays at the target: the target does not keep moving once its year has passed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The target year is not after the baseline year, or <paramref name="year"/> is before the baseline.</exception>
    public static double Trajectory(int baselineYear, double baselineValue, int targetYear, double targetValue, int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(targetYear, baselineYear);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, baselineYear);

        if (year >= targetYear)
        {
            return targetValue;
        }

        return baselineValue + (targetValue - baselineValue) * (year - baselineYear) / (targetYear - baselineYear);
    }

    /// <summary>
    /// On track when the latest value is at or above the line (higher is better) or at or below it (lower is better).
    /// A difference smaller than 10⁻⁹ percentage points counts as on the line.
    /// </summary>
    /// <returns><see langword="null"/> for an indicator without a better direction, where "on track" has no meaning.</returns>
    public static bool? OnTrack(
        int baselineYear, double baselineValue,
        int targetYear, double targetValue,
        int latestYear, double latestValue,
        Polarity polarity)
    {
        var expected = Trajectory(baselineYear, baselineValue, targetYear, targetValue, latestYear);
        return polarity switch
        {
            Polarity.HigherIsBetter => latestValue >= expected - Tolerance,
            Polarity.LowerIsBetter => latestValue <= expected + Tolerance,
            Polarity.NoJudgement => null,
            _ => throw new ArgumentOutOfRangeException(nameof(polarity), polarity, "Unknown polarity."),
        };
    }
}
