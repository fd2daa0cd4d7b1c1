using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Common;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.Statistics;
using Ammeindsats.Data;
using Ammeindsats.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Indicators;

/// <summary>
/// Before/after for an agreement: a start date and the participating areas (the agreements module will pass
/// an agreement's in-force date and parties). Defaults to Region Midtjylland's agreement in force on
/// 1 May 2023, where Samsø (741) did not accede. Pools only published, unsuppressed municipal figures, so
/// nothing here can reveal a suppressed value.
/// </summary>
[AllowAnonymous]
public sealed class BeforeAfterModel(AmmeindsatsDbContext db, IndicatorFigures figures, CurrentAccess access) : PageModel
{
    public IReadOnlyList<IndicatorDefinition> Indicators { get; private set; } = [];

    public IReadOnlyList<Area> Regions { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "indicator")]
    public string? IndicatorCode { get; set; } = "fuldamning-4mdr";

    [BindProperty(SupportsGet = true, Name = "start")]
    public string? StartText { get; set; } = "01-05-2023";

    [BindProperty(SupportsGet = true, Name = "region")]
    public string? RegionCode { get; set; } = "1082";

    [BindProperty(SupportsGet = true)]
    public string? Exclude { get; set; } = "741";

    public DateOnly Start { get; private set; }

    public string IndicatorName { get; private set; } = string.Empty;

    public BeforeAfterComparison? Result { get; private set; }

    public int ParticipantCount { get; private set; }

    public int ComparisonCount { get; private set; }

    public List<string> Omitted { get; } = [];

    public bool AnyDemo { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Indicators = await db.Indicators.AsNoTracking().Where(i => i.Active && i.Kind != IndicatorKind.Median).OrderBy(i => i.SortOrder).ToListAsync(ct);
        var hierarchy = await access.HierarchyAsync();
        Regions = hierarchy.ChildrenOf(AreaCode.Denmark, AreaType.Region).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        var indicator = Indicators.FirstOrDefault(i => i.Code == IndicatorCode);
        if (indicator is null)
        {
            ModelState.AddModelError("indicator", "Vælg en indikator.");
            return;
        }

        if (!DanishFormat.TryParseDate(StartText, out var start))
        {
            ModelState.AddModelError("start", "Skriv datoen som dd-mm-åååå, fx 01-05-2023.");
            return;
        }

        // Nullable, so that an empty field gets the page's own Danish message, not the framework's English one.
        if (RegionCode is not { } regionCode || Regions.All(r => r.Code != regionCode))
        {
            ModelState.AddModelError("region", "Vælg en region.");
            return;
        }

        Start = start;
        IndicatorName = indicator.NameDa;
        // "?exclude=" binds as null: nothing is excluded.
        var excluded = (Exclude ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(AreaCode.Normalize).ToHashSet();
        var participants = hierarchy.MunicipalitiesOf(regionCode).Where(m => !excluded.Contains(m)).ToHashSet();
        var comparison = hierarchy.Areas.Where(a => a.Type == AreaType.Municipality && !hierarchy.IsWithin(a.Code, regionCode)).Select(a => a.Code).ToHashSet();
        ParticipantCount = participants.Count;
        ComparisonCount = comparison.Count;

        var published = (await figures.ComputeAsync(indicator, publishedOnly: true, "DK", ct))
            .Where(f => f.Breakdown.Length == 0 && f.Period.Length == 4 && f.Area.Type == AreaType.Municipality)
            .ToList();
        AnyDemo = published.Any(f => f.IsDemo);
        Omitted.AddRange(published.Where(f => f.Suppressed && (participants.Contains(f.Area.Code) || comparison.Contains(f.Area.Code)))
            .Select(f => $"{f.Area.Name} {f.Period}").Order(StringComparer.Ordinal));
        Result = Core.Statistics.BeforeAfter.Compare(Pool(published, participants), Pool(published, comparison), start);
    }

    private static IEnumerable<CohortCount> Pool(List<Figure> published, HashSet<string> areas) =>
        published.Where(f => areas.Contains(f.Area.Code) && !f.Suppressed && f.Numerator is not null)
            .Select(f => new CohortCount(int.Parse(f.Period, System.Globalization.CultureInfo.InvariantCulture), f.Numerator!.Value, f.Denominator!.Value));
}
