using Ammeindsats.Core.Common;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.Statistics;
using PeriodGranularity = Ammeindsats.Core.Indicators.Import.PeriodGranularity;
using PeriodValue = Ammeindsats.Core.Indicators.Import.Period;

namespace Ammeindsats.Web.Features.Indicators;

/// <summary>How figures are written on pages: one place for formats, colours and words.</summary>
public static class IndicatorView
{
    public static string FormatValue(Figure f) =>
        f.Suppressed ? "–" : f.Value is null ? "" : f.Indicator.Unit == IndicatorUnit.Days ? DanishFormat.Number(f.Value.Value, 0) : DanishFormat.Number(f.Value.Value, 1);

    public static string FormatInterval(Figure f) =>
        f.Suppressed || f.Ci95 is null ? "" : $"{DanishFormat.Number(f.Ci95.Value.Lower, 1)}–{DanishFormat.Number(f.Ci95.Value.Upper, 1)}";

    public static string ComparisonText(BenchmarkComparison? c) => c switch
    {
        BenchmarkComparison.Better => "Bedre",
        BenchmarkComparison.Similar => "Som benchmark",
        BenchmarkComparison.Worse => "Dårligere",
        BenchmarkComparison.Higher => "Højere",
        BenchmarkComparison.Lower => "Lavere",
        _ => "Ikke sammenlignet",
    };

    public static string ComparisonClass(BenchmarkComparison? c) => c switch
    {
        BenchmarkComparison.Better => "cmp-better",
        BenchmarkComparison.Similar => "cmp-similar",
        BenchmarkComparison.Worse => "cmp-worse",
        BenchmarkComparison.Higher or BenchmarkComparison.Lower => "cmp-nojudgement",
        _ => "cmp-none",
    };

    public static string BreakdownText(string breakdown) => breakdown switch
    {
        "" => "Alle",
        "parity-1" => "Førstegangsfødende",
        "parity-2plus" => "Flergangsfødende",
        _ => breakdown,
    };

    public static string StatusText(ValueStatus s) => s switch
    {
        ValueStatus.Draft => "Kladde",
        ValueStatus.Submitted => "Indsendt",
        _ => "Godkendt",
    };

    public static string TrendText(TrendAssessment t) => t switch
    {
        TrendAssessment.Improving => "Forbedring",
        TrendAssessment.Worsening => "Forværring",
        TrendAssessment.Increasing => "Stigende",
        TrendAssessment.Decreasing => "Faldende",
        TrendAssessment.NoSignificantChange => "Ingen signifikant ændring",
        _ => "Kan ikke beregnes",
    };

    public static readonly string[] Breakdowns = ["", "parity-1", "parity-2plus"];

    /// <summary>The periods of the figures, newest first; at the same end date a year before its parts.</summary>
    public static List<string> PeriodsNewestFirst(IEnumerable<Figure> figures) =>
        figures.Select(f => f.Period).Distinct()
            .Select(p => (Text: p, Parsed: PeriodValue.TryParse(p, out var v) ? v : (PeriodValue?)null))
            .OrderByDescending(x => x.Parsed?.End ?? DateOnly.MinValue)
            .ThenBy(x => x.Parsed?.Granularity ?? PeriodGranularity.Month)
            .ThenByDescending(x => x.Text, StringComparer.Ordinal)
            .Select(x => x.Text)
            .ToList();

    /// <summary>
    /// The period a page opens on: the latest whole year that is published and complete, so areas are compared
    /// like with like; a half, quarter or month only when the figures hold no years.
    /// </summary>
    public static string? DefaultPeriod(IReadOnlyCollection<Figure> figures)
    {
        var settled = figures.Where(f => !f.NotForPublication && !f.Preliminary).ToList();
        var periods = PeriodsNewestFirst(settled.Count > 0 ? settled : figures);
        return periods.FirstOrDefault(p => PeriodValue.TryParse(p, out var v) && v.Granularity == PeriodGranularity.Year) ?? periods.FirstOrDefault();
    }

    /// <summary>The trend over the latest five consecutive yearly figures of one area.</summary>
    public static TrendAssessment Trend(IEnumerable<Figure> areaFigures, IndicatorDefinition indicator)
    {
        var years = areaFigures.Where(f => f.Period.Length == 4 && int.TryParse(f.Period, out _))
            .ToDictionary(f => int.Parse(f.Period, System.Globalization.CultureInfo.InvariantCulture));
        if (years.Count == 0 || indicator.Kind == IndicatorKind.Median)
        {
            return TrendAssessment.CannotBeCalculated;
        }

        var last = years.Keys.Max();
        var series = Enumerable.Range(last - 4, 5)
            .Select(y => years.TryGetValue(y, out var f) && !f.Suppressed && f.Numerator is not null ? new TrendPoint(f.Numerator.Value, f.Denominator!.Value) : (TrendPoint?)null)
            .ToList();
        var result = ChiSquareTrend.Test(series);
        return ChiSquareTrend.Assess(result.Direction, indicator.Polarity);
    }
}
