namespace Ammeindsats.Core.Statistics;

/// <summary>
/// Kaplan–Meier survival of full breastfeeding from day-by-day counts. Index d of
/// <c>endedByDay</c> holds the children whose full breastfeeding ended on day d; index d of
/// <c>censoredByDay</c> those last seen still fully breastfed on day d (follow-up stopped, moved away,
/// too young yet). The two spans may differ in length; days past the end count as zero.
/// </summary>
/// <remarks>
/// On a day with both endings and censorings, the endings are counted first, so a child censored on day t
/// is still at risk for the endings on day t. This is the usual convention and matches what a censoring
/// on day t means here: the child was seen fully breastfed on that day.
/// </remarks>
public static class KaplanMeier
{
    /// <summary>Fewest children on each side of the median before it may be shown, with the default disclosure threshold.</summary>
    public const int MinimumCountAroundMedian = 5;

    /// <summary>
    /// S(t) = Π over days d ≤ t of (1 − ended_d / atRisk_d), where atRisk_d is everyone not ended or censored before day d.
    /// For t &lt; 0 this is 1; past the last recorded day it stays at its last value.
    /// </summary>
    /// <returns><see langword="null"/> when there are no children at all.</returns>
    public static double? SurvivalAt(ReadOnlySpan<int> endedByDay, ReadOnlySpan<int> censoredByDay, int day)
    {
        var total = Total(endedByDay, censoredByDay);
        if (total == 0)
        {
            return null;
        }

        var survival = 1.0;
        var atRisk = total;
        var lastDay = Math.Min(day, Math.Max(endedByDay.Length, censoredByDay.Length) - 1);
        for (var d = 0; d <= lastDay; d++)
        {
            var ended = At(endedByDay, d);
            if (ended > 0)
            {
                survival *= 1.0 - (double)ended / atRisk;
            }

            atRisk -= ended + At(censoredByDay, d);
        }

        return survival;
    }

    /// <summary>
    /// The whole curve: element t is S(t), for every day covered by the longer of the two spans.
    /// Empty when there are no children.
    /// </summary>
    public static double[] Curve(ReadOnlySpan<int> endedByDay, ReadOnlySpan<int> censoredByDay)
    {
        var total = Total(endedByDay, censoredByDay);
        if (total == 0)
        {
            return [];
        }

        var curve = new double[Math.Max(endedByDay.Length, censoredByDay.Length)];
        var survival = 1.0;
        var atRisk = total;
        for (var d = 0; d < curve.Length; d++)
        {
            var ended = At(endedByDay, d);
            if (ended > 0)
            {
                survival *= 1.0 - (double)ended / atRisk;
            }

            curve[d] = survival;
            atRisk -= ended + At(censoredByDay, d);
        }

        return curve;
    }

    /// <summary>The median duration: the first day t with S(t) ≤ 0.5.</summary>
    /// <returns><see langword="null"/> when the curve never gets down to one half, or there are no children.</returns>
    public static int? Median(ReadOnlySpan<int> endedByDay, ReadOnlySpan<int> censoredByDay)
    {
        var curve = Curve(endedByDay, censoredByDay);
        for (var t = 0; t < curve.Length; t++)
        {
            if (curve[t] <= 0.5)
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>
    /// Percent still fully breastfed at <paramref name="thresholdDay"/>: 100·S(T − 1). A child whose full
    /// breastfeeding ended on day T itself was still fully breastfed on reaching T, so day T's endings do not count.
    /// </summary>
    /// <returns><see langword="null"/> when there are no children.</returns>
    public static double? KmValue(ReadOnlySpan<int> endedByDay, ReadOnlySpan<int> censoredByDay, int thresholdDay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(thresholdDay);
        return 100.0 * SurvivalAt(endedByDay, censoredByDay, thresholdDay - 1);
    }

    /// <summary>
    /// The simple share the product shows: children known to have reached day <paramref name="thresholdDay"/> fully
    /// breastfed over those whose status at that day is known.
    /// </summary>
    /// <returns>
    /// Numerator: every child with a duration of at least T days, ended or censored.
    /// Denominator: the numerator plus the children who ended before day T. Children censored before T are left
    /// out of both, as nobody knows whether they reached it.
    /// </returns>
    public static (int Numerator, int Denominator) ThresholdCounts(
        ReadOnlySpan<int> endedByDay, ReadOnlySpan<int> censoredByDay, int thresholdDay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(thresholdDay);
        Validate(endedByDay);
        Validate(censoredByDay);

        int reached = 0, endedBefore = 0;
        for (var d = 0; d < endedByDay.Length; d++)
        {
            if (d < thresholdDay)
            {
                endedBefore += endedByDay[d];
            }
            else
            {
                reached += endedByDay[d];
            }
        }

        for (var d = thresholdDay; d < censoredByDay.Length; d++)
        {
            reached += censoredByDay[d];
        }

        return (reached, reached + endedBefore);
    }

    /// <summary>
    /// Whether a median of <paramref name="medianDay"/> may be published under the default threshold
    /// <see cref="MinimumCountAroundMedian"/>. Publication decides with the configured threshold through
    /// <see cref="CountsAroundMedian"/> and <c>DisclosurePolicy.CanPublishMedian</c>.
    /// </summary>
    public static bool IsMedianPublishable(ReadOnlySpan<int> endedByDay, ReadOnlySpan<int> censoredByDay, int medianDay)
    {
        var (endedByMedian, atRiskAfter) = CountsAroundMedian(endedByDay, censoredByDay, medianDay);
        return endedByMedian >= MinimumCountAroundMedian && atRiskAfter >= MinimumCountAroundMedian;
    }

    /// <summary>
    /// The children on either side of a median of <paramref name="medianDay"/>: those whose full breastfeeding
    /// ended on or before the median day, and those still at risk on the day after it (the total less everyone
    /// ended or censored on or before the median day). A median is close to identifying them, so each side must
    /// reach the disclosure threshold before it is shown.
    /// </summary>
    public static (int EndedAtOrBefore, int AtRiskAfter) CountsAroundMedian(ReadOnlySpan<int> endedByDay, ReadOnlySpan<int> censoredByDay, int medianDay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(medianDay);
        var total = Total(endedByDay, censoredByDay);

        int endedByMedian = 0, leftByMedian = 0;
        var lastDay = Math.Min(medianDay, Math.Max(endedByDay.Length, censoredByDay.Length) - 1);
        for (var d = 0; d <= lastDay; d++)
        {
            endedByMedian += At(endedByDay, d);
            leftByMedian += At(endedByDay, d) + At(censoredByDay, d);
        }

        return (endedByMedian, total - leftByMedian);
    }

    private static int Total(ReadOnlySpan<int> endedByDay, ReadOnlySpan<int> censoredByDay)
    {
        Validate(endedByDay);
        Validate(censoredByDay);
        var total = 0;
        foreach (var count in endedByDay)
        {
            total += count;
        }

        foreach (var count in censoredByDay)
        {
            total += count;
        }

        return total;
    }

    private static void Validate(ReadOnlySpan<int> counts)
    {
        foreach (var count in counts)
        {
            if (count < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(counts), count, "A day cannot have a negative number of children.");
            }
        }
    }

    private static int At(ReadOnlySpan<int> counts, int day) => day < counts.Length ? counts[day] : 0;
}
