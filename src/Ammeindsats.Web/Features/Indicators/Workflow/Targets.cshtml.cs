using Ammeindsats.Core.Access;
using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Common;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.Statistics;
using Ammeindsats.Data;
using Ammeindsats.Web.Features.Shared;
using Ammeindsats.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeriodValue = Ammeindsats.Core.Indicators.Import.Period;

namespace Ammeindsats.Web.Features.Indicators.Workflow;

/// <summary>One target with the latest published value and whether the area is on track towards it.</summary>
/// <param name="LatestYear">The latest birth year with a published (approved, not suppressed) value since the baseline.</param>
/// <param name="Expected">The straight line from the baseline to the target, in the latest year.</param>
public sealed record TargetProgress(IndicatorTarget Target, IndicatorDefinition Indicator, Area Area, int? LatestYear, double? LatestValue, double? Expected, bool? OnTrack)
{
    public string Judgement => OnTrack switch
    {
        true => "På rette spor",
        false => "Ikke på rette spor",
        null when LatestValue is null => "Kan ikke vurderes: intet offentliggjort tal siden basisåret",
        _ => "Kan ikke vurderes: indikatoren har ingen retning",
    };

    public string Unit => Indicator.Unit == IndicatorUnit.Days ? " dage" : " %";

    public string Direction => Indicator.Polarity == Polarity.LowerIsBetter ? "≤" : "≥";

    public string Format(double value) => DanishFormat.Number(value) + Unit;
}

/// <summary>
/// Targets such as "fuldamning-2uger ≥ 70 % in 2027" per indicator and area, with on track / off track from the
/// latest published yearly value: on track when it is at or above (or, for lower is better, at or below) the
/// straight line from the baseline value in the baseline year to the target value in the target year.
/// Everyone may read the list; the secretariat and administrators keep the targets of their areas.
/// </summary>
[AllowAnonymous]
public sealed class TargetsModel(AmmeindsatsDbContext db, IndicatorFigures figures, CurrentAccess access) : PageModel
{
    public TableState Table { get; private set; } = null!;

    public IReadOnlyList<TargetProgress> Rows { get; private set; } = [];

    public AccessScope Scope { get; private set; } = null!;

    public bool MayCreate => Scope.IsAdministrator || Scope.Has(Role.Secretariat);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await LoadAsync(ct);
        Rows = Table.Apply(rows);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var rows = await LoadAsync(ct);
        return TableExport.Csv(
            "maal",
            "Mål for indikatorer",
            ["Indikator", "Områdekode", "Område", "Basisår", "Basisværdi", "Målår", "Målværdi", "Seneste år", "Seneste værdi", "Forventet efter linjen", "Vurdering", "Note"],
            rows.Select(r => (IReadOnlyList<object?>)[r.Indicator.NameDa, r.Area.Code, r.Area.Name, r.Target.BaselineYear, r.Target.BaselineValue, r.Target.TargetYear, r.Target.TargetValue, r.LatestYear, r.LatestValue, r.Expected, r.Judgement, r.Target.Note]));
    }

    /// <summary>Works out the progress of each target from the published figures of its indicator.</summary>
    public static async Task<List<TargetProgress>> ProgressAsync(AmmeindsatsDbContext db, IndicatorFigures figures, IEnumerable<IndicatorTarget> targets, CancellationToken ct)
    {
        var list = targets.ToList();
        var indicators = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Code, ct);
        var areas = await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Code, ct);
        var result = new List<TargetProgress>(list.Count);
        foreach (var byIndicator in list.GroupBy(t => t.IndicatorCode))
        {
            if (!indicators.TryGetValue(byIndicator.Key, out var indicator))
            {
                continue;
            }

            var published = await figures.ComputeAsync(indicator, publishedOnly: true, "DK", ct);
            foreach (var t in byIndicator)
            {
                if (!areas.TryGetValue(t.AreaCode, out var area))
                {
                    continue;
                }

                var latest = published
                    .Where(f => f.Area.Code == t.AreaCode && f.Breakdown.Length == 0 && !f.Suppressed && f.Value is not null)
                    .Select(f => (Figure: f, Ok: PeriodValue.TryParse(f.Period, out var p) && p.Granularity == Core.Indicators.Import.PeriodGranularity.Year, Year: p.Year))
                    .Where(x => x.Ok && x.Year >= t.BaselineYear)
                    .OrderByDescending(x => x.Year)
                    .Select(x => ((int Year, double Value)?)(x.Year, x.Figure.Value!.Value))
                    .FirstOrDefault();
                if (latest is null || t.TargetYear <= t.BaselineYear)
                {
                    result.Add(new TargetProgress(t, indicator, area, null, null, null, null));
                    continue;
                }

                var (year, value) = latest.Value;
                var expected = Target.Trajectory(t.BaselineYear, t.BaselineValue, t.TargetYear, t.TargetValue, year);
                var onTrack = Target.OnTrack(t.BaselineYear, t.BaselineValue, t.TargetYear, t.TargetValue, year, value, indicator.Polarity);
                result.Add(new TargetProgress(t, indicator, area, year, value, expected, onTrack));
            }
        }

        return result;
    }

    private async Task<List<TargetProgress>> LoadAsync(CancellationToken ct)
    {
        Table = new TableState(Request, "indikator", false, "indikator", "omraade", "maalaar", "vurdering");
        Scope = await access.GetAsync();
        var targets = await db.IndicatorTargets.AsNoTracking().ToListAsync(ct);
        var rows = await ProgressAsync(db, figures, targets, ct);
        return Table.Sort switch
        {
            "omraade" => Table.Order(rows, r => r.Area.Name, WorkflowRules.Danish).ThenBy(r => r.Indicator.SortOrder).ToList(),
            "maalaar" => Table.Order(rows, r => r.Target.TargetYear).ThenBy(r => r.Area.Name, WorkflowRules.Danish).ToList(),
            "vurdering" => Table.Order(rows, r => r.OnTrack switch { false => 0, true => 1, null => 2 }).ThenBy(r => r.Area.Name, WorkflowRules.Danish).ToList(),
            _ => Table.Order(rows, r => r.Indicator.SortOrder).ThenBy(r => r.Area.Name, WorkflowRules.Danish).ThenBy(r => r.Target.TargetYear).ToList(),
        };
    }
}
