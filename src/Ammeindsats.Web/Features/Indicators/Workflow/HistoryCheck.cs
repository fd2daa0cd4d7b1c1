using Ammeindsats.Core.Common;
using Ammeindsats.Core.Statistics;

namespace Ammeindsats.Web.Features.Indicators.Workflow;

/// <summary>One earlier approved count of the same indicator, area and breakdown.</summary>
public readonly record struct EarlierCount(int Numerator, int Denominator);

/// <summary>The result of comparing an entered share with the area's own history.</summary>
/// <param name="Mean">The area's pooled share of the earlier periods, in percent.</param>
/// <param name="Lower">Lower 99.8 % funnel limit at the entered denominator, in percent.</param>
/// <param name="Upper">Upper 99.8 % funnel limit at the entered denominator, in percent.</param>
public sealed record HistoryWarning(double Share, double Mean, double Lower, double Upper, int Periods)
{
    public string Text =>
        $"Andelen {DanishFormat.Number(Share)} % ligger langt fra områdets tidligere tal: gennemsnittet af {Periods} tidligere godkendte perioder er {DanishFormat.Number(Mean)} %, " +
        $"og med den nævner, du har skrevet, ligger 99,8 % af tilfældige udsving mellem {DanishFormat.Number(Lower)} % og {DanishFormat.Number(Upper)} %. Kontrollér tallene.";
}

/// <summary>
/// Warns (never blocks) when an entered share is far outside the area's history: outside the 99.8 % funnel
/// limits around the pooled share of the area's earlier approved periods, at the entered denominator. With
/// fewer than <see cref="MinimumPeriods"/> earlier periods there is no history to compare with.
/// </summary>
public static class HistoryCheck
{
    public const int MinimumPeriods = 2;

    public static HistoryWarning? Check(int numerator, int denominator, IReadOnlyCollection<EarlierCount> earlier)
    {
        var usable = earlier.Where(e => e.Denominator > 0).ToList();
        if (denominator < 1 || usable.Count < MinimumPeriods)
        {
            return null;
        }

        var mean = (double)usable.Sum(e => (long)e.Numerator) / usable.Sum(e => (long)e.Denominator);
        var (lower, upper) = FunnelPlot.Limits(mean, denominator, FunnelPlot.Lower998Probability);
        var share = 100.0 * numerator / denominator;
        return share < lower || share > upper ? new HistoryWarning(share, 100.0 * mean, lower, upper, usable.Count) : null;
    }
}
