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

/// <summary>All indicators for one area against its region and DK, with trend and target.</summary>
[AllowAnonymous]
[Redirects]
public sealed class AreaProfileModel(AmmeindsatsDbContext db, IndicatorFigures figures, CurrentAccess access) : PageModel
{
    public sealed record Row(Figure Own, Figure? Region, Figure? Dk, TrendAssessment Trend, string TargetText);

    public Area Area { get; private set; } = null!;

    public string? RegionName { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var hierarchy = await access.HierarchyAsync();
        var area = hierarchy.Find(code);
        if (area is null)
        {
            return NotFound();
        }

        if (area.Code != code)
        {
            return RedirectPermanent($"/indikatorer/omraade/{area.Code}");
        }

        Area = area;
        var region = hierarchy.ParentsOf(area.Code).Select(hierarchy.Find).FirstOrDefault(a => a?.Type == AreaType.Region);
        RegionName = region?.Name;
        var scope = await access.GetAsync();
        var targets = await db.IndicatorTargets.AsNoTracking().Where(t => t.AreaCode == area.Code).ToListAsync(ct);
        var rows = new List<Row>();
        foreach (var indicator in await db.Indicators.AsNoTracking().Where(i => i.Active).OrderBy(i => i.SortOrder).ToListAsync(ct))
        {
            var all = (await figures.ForCallerAsync(indicator, scope, "DK", ct)).Where(f => f.Breakdown.Length == 0).ToList();
            var own = all.Where(f => f.Area.Code == area.Code).OrderBy(f => f.Period, StringComparer.Ordinal).ToList();
            var period = IndicatorView.DefaultPeriod(own);
            var latest = own.FirstOrDefault(f => f.Period == period);
            if (latest is null)
            {
                continue;
            }

            var target = targets.Where(t => t.IndicatorCode == indicator.Code).OrderBy(t => t.TargetYear).FirstOrDefault();
            var targetText = string.Empty;
            if (target is not null && int.TryParse(latest.Period[..4], out var year) && latest.Value is not null && !latest.Suppressed)
            {
                // The line to the target starts in the baseline year: a latest published figure from before it (the
                // newer ones withheld, say) cannot be judged against it.
                var judgement = year < target.BaselineYear || target.TargetYear <= target.BaselineYear
                    ? $"ingen offentliggjorte tal siden {target.BaselineYear}"
                    : Target.OnTrack(target.BaselineYear, target.BaselineValue, target.TargetYear, target.TargetValue, year, latest.Value.Value, indicator.Polarity) switch
                    {
                        true => "på vej",
                        false => "ikke på vej",
                        _ => "kan ikke vurderes",
                    };
                targetText = $"{DanishFormat.Number(target.TargetValue, 1)} i {target.TargetYear}: {judgement}";
            }

            rows.Add(new Row(
                latest,
                region is null ? null : all.FirstOrDefault(f => f.Area.Code == region.Code && f.Period == latest.Period),
                all.FirstOrDefault(f => f.Area.Code == AreaCode.Denmark && f.Period == latest.Period),
                IndicatorView.Trend(own, indicator),
                targetText));
        }

        Rows = rows;
        return Page();
    }
}
