using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Documents;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Data;
using Ammeindsats.Web.Features.Shared;
using Ammeindsats.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Indicators;

/// <summary>The overview: areas × indicators for one period, coloured by comparison with DK.</summary>
[AllowAnonymous]
public sealed class IndexModel(AmmeindsatsDbContext db, IndicatorFigures figures, CurrentAccess access) : PageModel
{
    public sealed record Row(Area Area, Dictionary<string, Figure> Figures);

    public IReadOnlyList<IndicatorDefinition> Indicators { get; private set; } = [];

    public IReadOnlyList<Area> Regions { get; private set; } = [];

    public IReadOnlyList<string> Periods { get; private set; } = [];

    /// <summary>Every row in the chosen order (the CSV has them all).</summary>
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>The rows of the current page.</summary>
    public IReadOnlyList<Row> PageRows { get; private set; } = [];

    /// <summary>Sorted by area (type, then name) or by an indicator's value, 50 rows a page.</summary>
    public TableState Table { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Breakdown { get; set; } = string.Empty;

    public bool AnyDemo => Rows.Any(r => r.Figures.Values.Any(f => f.IsDemo));

    public bool AnyUnpublished => Rows.Any(r => r.Figures.Values.Any(f => f.NotForPublication));

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var table = new DocumentTable(
            "Indikatorer",
            ["Område", "Kode", "Type", .. Indicators.Select(i => i.NameDa), .. Indicators.Select(i => i.NameDa + " – sammenligning"),
                .. Indicators.SelectMany(i => new[] { i.NameDa + " – 95 % nedre", i.NameDa + " – 95 % øvre" })],
            Rows.Select(r => (IReadOnlyList<object?>)[
                r.Area.Name, r.Area.Code, r.Area.Type.DanishName(),
                .. Indicators.Select(i => Published(r, i) is { } f ? (object?)PublishedPrecision.Round(f.Value, i) : null),
                .. Indicators.Select(i => r.Figures.TryGetValue(i.Code, out var f) ? (object?)IndicatorView.ComparisonText(f.Comparison) : null),
                .. Indicators.SelectMany(i => Published(r, i) is { } f
                    ? new object?[] { PublishedPrecision.RoundBound(f.Ci95?.Lower), PublishedPrecision.RoundBound(f.Ci95?.Upper) }
                    : [null, null])]).ToList());
        var stream = new MemoryStream();
        await CsvWriter.WriteAsync(stream, table, CsvDialect.Excel, ct);
        stream.Position = 0;
        return File(stream, CsvWriter.ContentType, $"indikatorer-{Period}.csv");
    }

    private static Figure? Published(Row row, IndicatorDefinition indicator) =>
        row.Figures.TryGetValue(indicator.Code, out var f) && !f.Suppressed ? f : null;

    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = await access.GetAsync();
        var hierarchy = await access.HierarchyAsync();
        Indicators = await db.Indicators.AsNoTracking().Where(i => i.Active).OrderBy(i => i.SortOrder).ToListAsync(ct);
        Regions = hierarchy.ChildrenOf(AreaCode.Denmark, AreaType.Region).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        var all = new List<Figure>();
        foreach (var indicator in Indicators)
        {
            all.AddRange(await figures.ForCallerAsync(indicator, scope, "DK", ct));
        }

        Periods = IndicatorView.PeriodsNewestFirst(all);
        Period = Period is not null && Periods.Contains(Period) ? Period : IndicatorView.DefaultPeriod(all);
        Breakdown = IndicatorView.Breakdowns.Contains(Breakdown ?? string.Empty) ? Breakdown ?? string.Empty : string.Empty;
        var region = Region is null ? null : AreaCode.Normalize(Region);
        Rows = all.Where(f => f.Period == Period && f.Breakdown == Breakdown)
            .Where(f => region is null || f.Area.Code == region || hierarchy.IsWithin(f.Area.Code, region))
            .GroupBy(f => f.Area.Code)
            .Select(g => new Row(g.First().Area, g.ToDictionary(f => f.Indicator.Code)))
            .OrderBy(r => r.Area.Type).ThenBy(r => r.Area.Name, Core.Common.DanishText.Comparer)
            .ToList();
        Table = new TableState(Request, "omraade", false, ["omraade", .. Indicators.Select(i => i.Code)]);
        Rows = Sorted(Rows);
        PageRows = Table.Apply(Rows);
    }

    private List<Row> Sorted(IReadOnlyList<Row> rows)
    {
        var indicator = Indicators.FirstOrDefault(i => i.Code == Table.Sort);
        if (indicator is null)
        {
            return Table.Descending ? rows.Reverse().ToList() : rows.ToList();
        }

        // By the published value; withheld and missing figures last in either direction.
        var withValue = rows.Where(r => Published(r, indicator)?.Value is not null).ToList();
        return [.. Table.Order(withValue, r => Published(r, indicator)!.Value!.Value).ThenBy(r => r.Area.Name, Core.Common.DanishText.Comparer),
            .. rows.Where(r => Published(r, indicator)?.Value is null)];
    }
}
