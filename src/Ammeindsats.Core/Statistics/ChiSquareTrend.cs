namespace Ammeindsats.Core.Statistics;

/// <summary>
/// Chi-square test for trend in proportions (Cochran–Armitage), in the form public-health profiles use:
/// always the latest five consecutive periods scored 1 to 5, judged at 99.8 % so that the many areas
/// and indicators tested side by side do not light up with chance trends.
/// </summary>
public static class ChiSquareTrend
{
    /// <summary>Number of consecutive periods the test looks at.</summary>
    public const int Periods = 5;

    /// <summary>
    /// 99.8 % point of chi-square with one degree of freedom (the square of <see cref="WilsonInterval.Z998"/>),
    /// written to four decimals as the profiles publish it.
    /// </summary>
    public const double CriticalValue = 9.5495;

    /// <summary>
    /// Tests the latest <see cref="Periods"/> entries of <paramref name="series"/>. The series must hold one entry per
    /// consecutive period, oldest first, with <see langword="null"/> for a period that is missing or suppressed,
    /// so that a gap is seen as a gap rather than silently closed up.
    /// </summary>
    /// <remarks>
    /// With scores x = 1..5, p̄ = Σk/Σn and N = Σn:
    /// χ² = [Σ x(k − n·p̄)]² / (p̄(1 − p̄)·(Σ n·x² − (Σ n·x)²/N)); significant when χ² &gt; <see cref="CriticalValue"/>,
    /// and the sign of Σ x(k − n·p̄) gives the direction.
    /// </remarks>
    public static TrendResult Test(IReadOnlyList<TrendPoint?> series)
    {
        ArgumentNullException.ThrowIfNull(series);

        var cannot = new TrendResult(TrendDirection.CannotBeCalculated, null);
        if (series.Count < Periods)
        {
            return cannot;
        }

        double totalK = 0, totalN = 0, sumNx = 0, sumNxx = 0, sumXk = 0;
        for (var i = 0; i < Periods; i++)
        {
            var point = series[series.Count - Periods + i];
            if (point is not { } p || p.Denominator == 0)
            {
                return cannot;
            }

            ArgumentOutOfRangeException.ThrowIfNegative(p.Numerator, nameof(series));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(p.Numerator, p.Denominator, nameof(series));

            var x = i + 1.0;
            totalK += p.Numerator;
            totalN += p.Denominator;
            sumNx += p.Denominator * x;
            sumNxx += p.Denominator * x * x;
            sumXk += p.Numerator * x;
        }

        var pBar = totalK / totalN;
        var variance = pBar * (1 - pBar) * (sumNxx - sumNx * sumNx / totalN);
        if (variance <= 0)
        {
            return cannot;
        }

        // Σ x(k − n·p̄) expanded, to avoid a second pass over the points.
        var deviation = sumXk - pBar * sumNx;
        var chiSquare = deviation * deviation / variance;

        var direction = chiSquare <= CriticalValue ? TrendDirection.NoSignificantChange
            : deviation > 0 ? TrendDirection.Increasing
            : TrendDirection.Decreasing;
        return new TrendResult(direction, chiSquare);
    }

    /// <summary>
    /// Reads a direction through the indicator's polarity. Indicators without a better direction keep
    /// Increasing and Decreasing, since calling them improving would take a side the indicator does not take.
    /// </summary>
    public static TrendAssessment Assess(TrendDirection direction, Polarity polarity) => (direction, polarity) switch
    {
        (TrendDirection.CannotBeCalculated, _) => TrendAssessment.CannotBeCalculated,
        (TrendDirection.NoSignificantChange, _) => TrendAssessment.NoSignificantChange,
        (TrendDirection.Increasing, Polarity.HigherIsBetter) => TrendAssessment.Improving,
        (TrendDirection.Increasing, Polarity.LowerIsBetter) => TrendAssessment.Worsening,
        (TrendDirection.Increasing, Polarity.NoJudgement) => TrendAssessment.Increasing,
        (TrendDirection.Decreasing, Polarity.HigherIsBetter) => TrendAssessment.Worsening,
        (TrendDirection.Decreasing, Polarity.LowerIsBetter) => TrendAssessment.Improving,
        (TrendDirection.Decreasing, Polarity.NoJudgement) => TrendAssessment.Decreasing,
        _ => throw new ArgumentOutOfRangeException(nameof(direction), $"Unknown combination {direction}, {polarity}."),
    };
}
