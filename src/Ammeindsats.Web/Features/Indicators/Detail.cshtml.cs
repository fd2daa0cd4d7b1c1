using System.Globalization;
using System.Text.Json;
using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Documents;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.Statistics;
using Ammeindsats.Data;
using Ammeindsats.Web.Features.Shared;
using Ammeindsats.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PeriodGranularity = Ammeindsats.Core.Indicators.Import.PeriodGranularity;
using PeriodValue = Ammeindsats.Core.Indicators.Import.Period;

namespace Ammeindsats.Web.Features.Indicators;

/// <summary>One indicator: trend with CI band, areas ranked with CIs, funnel plot, and the tables behind them.</summary>
[AllowAnonymous]
public sealed class DetailModel(AmmeindsatsDbContext db, IndicatorFigures figures, CurrentAccess access, IOptions<DisclosureSettings> disclosure) : PageModel
{
    public CultureInfo Danish { get; } = CultureInfo.GetCultureInfo("da-DK");

    public IndicatorDefinition Indicator { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "area")]
    public string AreaCode { get; set; } = Core.Areas.AreaCode.Denmark;

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Breakdown { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string Benchmark { get; set; } = "DK";

    public string AreaName { get; private set; } = string.Empty;

    public IReadOnlyList<Area> AreaChoices { get; private set; } = [];

    public IReadOnlyList<string> Periods { get; private set; } = [];

    public IReadOnlyList<Figure> Series { get; private set; } = [];

    public Dictionary<string, Figure> DkSeries { get; private set; } = [];

    private static readonly JsonSerializerOptions ChartJsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default };

    public IReadOnlyList<Figure> Ranked { get; private set; } = [];

    /// <summary>The table of all areas: sorted by value (highest first), area, type, denominator or comparison, 50 a page.</summary>
    public TableState RankedTable { get; private set; } = null!;

    /// <summary>Every area in the table's order (the CSV has them all).</summary>
    public IReadOnlyList<Figure> RankedSorted { get; private set; } = [];

    public IReadOnlyList<Figure> RankedPage { get; private set; } = [];

    public TrendAssessment Trend { get; private set; }

    /// <summary>Run charts of the area's quarterly and monthly figures, with Anhøj's rules.</summary>
    public IReadOnlyList<RunChartView> RunCharts { get; private set; } = [];

    public string ChartJson { get; private set; } = "{}";

    public int Threshold => disclosure.Value.Threshold;

    public string CsvLink(string table) =>
        $"/indikatorer/{Indicator.Code}?handler=Csv&table={table}&area={AreaCode}&period={Period}&breakdown={Breakdown}&benchmark={Benchmark}";

    public async Task<IActionResult> OnGetAsync(string indicator, CancellationToken ct) =>
        await LoadAsync(indicator, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetCsvAsync(string indicator, string? table, CancellationToken ct)
    {
        table = table == "Trend" ? "Trend" : "Ranked";
        if (!await LoadAsync(indicator, ct))
        {
            return NotFound();
        }

        var rows = table == "Trend" ? Series : RankedSorted;
        var document = new DocumentTable(
            Indicator.NameDa,
            ["Område", "Kode", "Periode", "Opdeling", "Værdi", "95 % nedre", "95 % øvre", "99,8 % nedre", "99,8 % øvre", "KM-estimat", "Tæller", "Nævner", "Sammenligning", "Diskretioneret", "Status"],
            rows.Select(f => (IReadOnlyList<object?>)[
                f.Area.Name, f.Area.Code, f.Period, IndicatorView.BreakdownText(f.Breakdown),
                f.Suppressed ? null : PublishedPrecision.Round(f.Value, Indicator),
                f.Suppressed ? null : PublishedPrecision.RoundBound(f.Ci95?.Lower), f.Suppressed ? null : PublishedPrecision.RoundBound(f.Ci95?.Upper),
                f.Suppressed ? null : PublishedPrecision.RoundBound(f.Ci998?.Lower), f.Suppressed ? null : PublishedPrecision.RoundBound(f.Ci998?.Upper),
                f.Suppressed ? null : PublishedPrecision.Round(f.KmValue, Indicator),
                f.Suppressed ? null : f.Numerator, f.Suppressed ? null : f.Denominator,
                IndicatorView.ComparisonText(f.Comparison), f.Suppressed ? "ja" : "nej", IndicatorView.StatusText(f.Status)]).ToList());
        var stream = new MemoryStream();
        await CsvWriter.WriteAsync(stream, document, CsvDialect.Excel, ct);
        stream.Position = 0;
        return File(stream, CsvWriter.ContentType, $"{Indicator.Code}-{table.ToLowerInvariant()}.csv");
    }

    private async Task<bool> LoadAsync(string indicator, CancellationToken ct)
    {
        var definition = await db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Code == indicator && i.Active, ct);
        if (definition is null)
        {
            return false;
        }

        Indicator = definition;
        Benchmark = Benchmark == "region" ? "region" : "DK";
        Breakdown = IndicatorView.Breakdowns.Contains(Breakdown ?? string.Empty) ? Breakdown ?? string.Empty : string.Empty;
        var scope = await access.GetAsync();
        var all = (await figures.ForCallerAsync(definition, scope, Benchmark, ct)).Where(f => f.Breakdown == Breakdown).ToList();
        AreaCode = Core.Areas.AreaCode.Normalize(AreaCode);
        AreaChoices = all.Select(f => f.Area).DistinctBy(a => a.Code).OrderBy(a => a.Type).ThenBy(a => a.Name, Core.Common.DanishText.Comparer).ToList();
        if (AreaChoices.All(a => a.Code != AreaCode))
        {
            AreaCode = Core.Areas.AreaCode.Denmark;
        }

        AreaName = AreaChoices.FirstOrDefault(a => a.Code == AreaCode)?.Name ?? "Danmark";
        Periods = IndicatorView.PeriodsNewestFirst(all);
        Period = Period is not null && Periods.Contains(Period) ? Period : IndicatorView.DefaultPeriod(all);
        var areaFigures = all.Where(f => f.Area.Code == AreaCode)
            .Select(f => (Figure: f, Parsed: PeriodValue.TryParse(f.Period, out var p) ? p : (PeriodValue?)null))
            .ToList();
        var yearly = areaFigures.Where(x => x.Parsed?.Granularity == PeriodGranularity.Year).Select(x => x.Figure).ToList();
        // The trend is by year; quarters and months get their own run charts below, so the series do not interleave.
        Series = (yearly.Count > 0 ? yearly : areaFigures.Select(x => x.Figure)).OrderBy(f => f.Period, StringComparer.Ordinal).ToList();
        RunCharts = new[] { (PeriodGranularity.Quarter, "kvartal", "runchart-quarter"), (PeriodGranularity.Month, "måned", "runchart-month") }
            .Select(g => (g.Item2, g.Item3, Points: areaFigures.Where(x => x.Parsed?.Granularity == g.Item1).OrderBy(x => x.Parsed!.Value).Select(x => x.Figure).ToList()))
            .Where(x => x.Points.Count > 0)
            .Select(x =>
            {
                var values = x.Points.Where(f => !f.Suppressed && f.Value is not null).Select(f => f.Value!.Value).ToList();
                return new RunChartView(x.Item2, x.Item1, x.Points, values.Count == 0 ? null : RunChart.Analyse(values));
            })
            .ToList();
        DkSeries = all.Where(f => f.Area.Code == Core.Areas.AreaCode.Denmark).ToDictionary(f => f.Period);
        Trend = IndicatorView.Trend(Series, definition);
        Ranked = all.Where(f => f.Period == Period && f.Area.Type is AreaType.Municipality or AreaType.BirthSite or AreaType.Region or AreaType.Cluster)
            .OrderByDescending(f => f.Suppressed ? double.MinValue : f.Value ?? double.MinValue).ThenBy(f => f.Area.Code, StringComparer.Ordinal).ToList();
        RankedTable = new TableState(Request, "vaerdi", true, "vaerdi", "omraade", "type", "naevner", "sammenligning");
        RankedSorted = SortRanked(Ranked);
        RankedPage = RankedTable.Apply(RankedSorted);
        ChartJson = BuildChartJson(definition, DkSeries.GetValueOrDefault(Period ?? string.Empty));
        return true;
    }

    /// <summary>Withheld figures go last whichever way a number column is sorted.</summary>
    private List<Figure> SortRanked(IReadOnlyList<Figure> ranked)
    {
        var byName = Core.Common.DanishText.Comparer;
        List<Figure> Numbers(Func<Figure, double?> key)
        {
            var known = ranked.Where(f => !f.Suppressed && key(f) is not null).ToList();
            return [.. RankedTable.Order(known, f => key(f)!.Value).ThenBy(f => f.Area.Name, byName), .. ranked.Where(f => f.Suppressed || key(f) is null)];
        }

        return RankedTable.Sort switch
        {
            "omraade" => RankedTable.Order(ranked, f => f.Area.Name, byName).ToList(),
            "type" => RankedTable.Order(ranked, f => f.Area.Type).ThenBy(f => f.Area.Name, byName).ToList(),
            "naevner" => Numbers(f => f.Denominator),
            "sammenligning" => RankedTable.Order(ranked, f => f.Comparison is { } c ? (int)c : int.MaxValue).ThenBy(f => f.Area.Name, byName).ToList(),
            _ => Numbers(f => f.Value),
        };
    }

    private string BuildChartJson(IndicatorDefinition definition, Figure? benchmarkFigure)
    {
        var visible = Ranked.Where(f => !f.Suppressed && f.Value is not null && f.Area.Type == AreaType.Municipality).ToList();
        var p0 = benchmarkFigure is { Suppressed: false, Value: not null } ? benchmarkFigure.Value.Value / 100 : (double?)null;
        var maxN = visible.Select(f => f.Denominator ?? 0).DefaultIfEmpty(0).Max();
        var funnel = p0 is null || definition.Kind == IndicatorKind.Median || maxN == 0
            ? null
            // The lines pass through every point's own denominator, so a point is drawn against the same limits
            // that colour it.
            : Enumerable.Range(1, 60).Select(i => (int)Math.Max(5, Math.Round(maxN * 1.1 * i / 60.0)))
                .Concat(visible.Select(f => f.Denominator ?? 0).Where(n => n > 0))
                .Distinct()
                .Order()
                .Select(n => (n, l: FunnelPlot.Limits(p0.Value, n)))
                .Select(x => new { n = x.n, l95 = x.l.Lower95, u95 = x.l.Upper95, l998 = x.l.Lower998, u998 = x.l.Upper998 })
                .ToList();
        string? FunnelZone(Figure f) => funnel is null || f.Denominator is not > 0 || f.Value is null
            ? null
            : FunnelToken(FunnelPlot.Position(f.Value.Value, FunnelPlot.Limits(p0!.Value, f.Denominator.Value)), definition.Polarity);
        var data = new
        {
            unit = definition.Unit == IndicatorUnit.Days ? "dage" : "%",
            area = AreaName,
            trend = Series.Select(f => new { period = f.Period, value = f.Suppressed ? null : f.Value, draft = f.Status != ValueStatus.Approved, lower = f.Suppressed ? null : f.Ci95?.Lower, upper = f.Suppressed ? null : f.Ci95?.Upper, dk = DkSeries.TryGetValue(f.Period, out var d) && !d.Suppressed ? d.Value : null }),
            ranked = visible.Select(f => new { name = f.Area.Name, value = f.Value, lower = f.Ci95?.Lower, upper = f.Ci95?.Upper, n = f.Denominator, comparison = IndicatorsApi.Token(f.Comparison), funnel = FunnelZone(f) }),
            benchmark = p0 is null ? (double?)null : p0 * 100,
            runcharts = RunCharts.Select(rc => new { id = rc.Id, centre = rc.Analysis?.Centre, points = rc.Points.Select(f => new { period = f.Period, value = f.Suppressed ? null : f.Value, draft = f.Status != ValueStatus.Approved }) }),
            funnel,
        };
        // </script> can never occur in this JSON: every string is an area name or a token, and < is escaped.
        return JsonSerializer.Serialize(data, ChartJsonOptions);
    }

    /// <summary>
    /// The colour token of a funnel point, from its place against the exact binomial 95 % limits: outside them it is
    /// better or worse by the indicator's polarity (higher or lower where there is none), inside it is similar.
    /// </summary>
    public static string FunnelToken(FunnelPosition position, Polarity polarity) => position switch
    {
        FunnelPosition.Above95 or FunnelPosition.Above998 => polarity switch { Polarity.HigherIsBetter => "better", Polarity.LowerIsBetter => "worse", _ => "higher" },
        FunnelPosition.Below95 or FunnelPosition.Below998 => polarity switch { Polarity.HigherIsBetter => "worse", Polarity.LowerIsBetter => "better", _ => "lower" },
        _ => "similar",
    };
}

/// <summary>One run chart: the area's figures of one granularity in time order and Anhøj's rules applied to them.</summary>
public sealed record RunChartView(string Id, string Unit, IReadOnlyList<Figure> Points, RunChartAnalysis? Analysis);
