using Ammeindsats.Core.Access;
using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Common;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.Indicators.Import;
using Ammeindsats.Core.Statistics;
using Ammeindsats.Core.Workflow;
using Ammeindsats.Data;
using Ammeindsats.Data.Audit;
using Ammeindsats.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeriodValue = Ammeindsats.Core.Indicators.Import.Period;

namespace Ammeindsats.Web.Features.Indicators.Workflow;

/// <summary>
/// Manual entry of one numerator/denominator for an indicator × area × period × breakdown, checked by the cell
/// rules the import uses too (<see cref="IndicatorCellRules"/>). Saved as a draft; an existing cell is edited with optimistic concurrency, and an approved
/// cell must be reopened before it can be changed.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class EntryModel(AmmeindsatsDbContext db, CurrentAccess access, IAuditContext audit) : PageModel
{
    public const string ConflictMessage = "Tallet er ændret af en anden, siden du åbnede formularen, så dit tal er ikke gemt. Formularen viser nu det gemte tal; ret det igen, hvis det stadig er forkert.";

    [BindProperty(SupportsGet = true, Name = "indikator")]
    public string? Indicator { get; set; }

    [BindProperty(SupportsGet = true, Name = "omraade")]
    public string? Area { get; set; }

    [BindProperty(SupportsGet = true, Name = "periode")]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true, Name = "opdeling")]
    public string? Breakdown { get; set; }

    [BindProperty(Name = "taeller")]
    public string? Numerator { get; set; }

    [BindProperty(Name = "naevner")]
    public string? Denominator { get; set; }

    /// <summary>The version of the cell the form was opened on; empty for a new cell.</summary>
    [BindProperty(Name = "version")]
    public int? Version { get; set; }

    /// <summary>
    /// "numerator/denominator" when the user has seen the history warning for exactly these counts and keeps them;
    /// changed counts are checked again.
    /// </summary>
    [BindProperty(Name = "bekraeftet")]
    public string? ConfirmedFor { get; set; }

    public IReadOnlyList<IndicatorDefinition> Indicators { get; private set; } = [];

    public IReadOnlyList<Area> Areas { get; private set; } = [];

    public IndicatorValue? Existing { get; private set; }

    public HistoryWarning? Warning { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        var scope = await access.GetAsync();
        var hierarchy = await access.HierarchyAsync();
        if (!string.IsNullOrWhiteSpace(Area) && hierarchy.Find(Area) is { } requested && !scope.MayReport(requested.Code))
        {
            return Forbid();
        }

        if (!string.IsNullOrWhiteSpace(Indicator) && !string.IsNullOrWhiteSpace(Area) && PeriodValue.TryParse(Period, out var period))
        {
            var code = Area.Trim();
            var breakdown = Breakdown ?? string.Empty;
            var periodText = period.ToString();
            Existing = await db.IndicatorValues.AsNoTracking().FirstOrDefaultAsync(
                v => v.IndicatorCode == Indicator && v.AreaCode == code && v.Period == periodText && v.Breakdown == breakdown, ct);
            if (Existing is not null && scope.MayReport(code))
            {
                Show(Existing);
            }
        }

        return Page();
    }

    [AreaScoped("omraade", Role.Secretariat, Role.Network, Role.Reporter)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        var scope = await access.GetAsync();
        var hierarchy = await access.HierarchyAsync();
        ModelState.Clear();

        var indicator = Indicators.FirstOrDefault(i => i.Code == Indicator);
        if (string.IsNullOrWhiteSpace(Indicator))
        {
            ModelState.AddModelError("indikator", "Vælg en indikator.");
        }
        else if (indicator is null)
        {
            ModelState.AddModelError("indikator", $"Indikatoren \"{Indicator}\" findes ikke, eller den kan ikke indberettes med tæller og nævner.");
        }

        var areaCode = Area?.Trim() ?? string.Empty;
        var area = hierarchy.Find(areaCode);
        if (areaCode.Length == 0)
        {
            ModelState.AddModelError("omraade", "Vælg et område.");
        }
        else if (area is null)
        {
            ModelState.AddModelError("omraade", $"Området \"{areaCode}\" findes ikke.");
        }
        else if (!scope.MayReport(area.Code))
        {
            return Forbid();
        }
        else if (IndicatorCellRules.CheckEnteredArea(area) is { } notReporting)
        {
            ModelState.AddModelError("omraade", notReporting);
        }
        else
        {
            areaCode = area.Code;
        }

        var periodOk = PeriodValue.TryParse(Period, out var period);
        var today = DateOnly.FromDateTime(audit.Now.UtcDateTime);
        if (string.IsNullOrWhiteSpace(Period))
        {
            ModelState.AddModelError("periode", "Skriv perioden.");
        }
        else if (!periodOk)
        {
            ModelState.AddModelError("periode", $"Perioden \"{Period.Trim()}\" kan ikke læses. Skriv et år (2023), et halvår (2023H1), et kvartal (2023Q2) eller en måned (2023-05).");
        }
        else if (IndicatorCellRules.CheckPeriodStarted(period, today) is { } notStarted)
        {
            ModelState.AddModelError("periode", notStarted);
            periodOk = false;
        }

        var breakdown = Breakdown ?? string.Empty;
        if (!IndicatorCellRules.Breakdowns.Contains(breakdown))
        {
            ModelState.AddModelError("opdeling", "Vælg en opdeling: i alt, førstegangsfødende eller flergangsfødende.");
        }

        var numeratorOk = CheckCount(Numerator, "taeller", "Tælleren", out var numerator);
        var denominatorOk = CheckCount(Denominator, "naevner", "Nævneren", out var denominator);
        if (numeratorOk && denominatorOk && IndicatorCellRules.CheckCounts(numerator, denominator) is { } countProblem)
        {
            ModelState.AddModelError("taeller", countProblem + " Tælleren er dem, der opfylder indikatoren, blandt dem i nævneren.");
        }

        if (ModelState.IsValid && indicator!.Kind == IndicatorKind.Threshold && period.Granularity == PeriodGranularity.Year
            && await db.BirthCohorts.AnyAsync(c => c.AreaCode == areaCode && c.BirthYear == period.Year, ct))
        {
            // The share is computed from the child-level cohort; a hand-entered year would contradict it and the
            // sums of the parents (region, DK) that include the cohort.
            ModelState.AddModelError("periode", $"{area!.Name} har børnedata for fødselsåret {period.Year}, og {indicator.NameDa.ToLowerInvariant()} regnes ud fra dem. Ret børnedataene og importér dem igen, eller indberet et halvår, kvartal eller en måned.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var periodText = period.ToString();
        Period = periodText;
        var existing = await db.IndicatorValues.FirstOrDefaultAsync(
            v => v.IndicatorCode == indicator!.Code && v.AreaCode == areaCode && v.Period == periodText && v.Breakdown == breakdown, ct);
        if (existing is not null && ApprovalWorkflow.IsLocked(existing.Status))
        {
            Existing = existing;
            ModelState.AddModelError(string.Empty, $"Tallet for {area!.Name}, {periodText} er godkendt og låst. Det skal genåbnes på godkendelsessiden, før det kan rettes.");
            return Page();
        }

        if ((existing is null && Version is not null) || (existing is not null && existing.Version != Version))
        {
            return ShowConflict(existing);
        }

        // The confirmation carries the figures as typed ("1.003/1.234"), so it is compared as counts.
        if (!(ConfirmedFor?.Split('/') is [var confirmedNumerator, var confirmedDenominator]
              && IndicatorCellRules.TryParseTypedCount(confirmedNumerator, out var n) && n == numerator
              && IndicatorCellRules.TryParseTypedCount(confirmedDenominator, out var d) && d == denominator))
        {
            Warning = HistoryCheck.Check(numerator, denominator, await EarlierAsync(indicator!, areaCode, breakdown, period, ct));
            if (Warning is not null)
            {
                Existing = existing;
                return Page();
            }
        }

        if (existing is null)
        {
            db.IndicatorValues.Add(new IndicatorValue
            {
                IndicatorCode = indicator!.Code,
                AreaCode = areaCode,
                Period = periodText,
                Breakdown = breakdown,
                Numerator = numerator,
                Denominator = denominator,
                Status = ValueStatus.Draft,
                Origin = "manual",
                UpdatedAt = audit.Now,
                UpdatedBy = audit.Actor,
            });
        }
        else
        {
            existing.Numerator = numerator;
            existing.Denominator = denominator;
            existing.Status = ValueStatus.Draft;
            existing.Origin = "manual";
            existing.UpdatedAt = audit.Now;
            existing.UpdatedBy = audit.Actor;
            existing.IsDemo = false;
            db.Entry(existing).Property(v => v.Version).OriginalValue = Version!.Value;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone else saved the same cell between our read and our write (a changed version or a new row).
            db.ChangeTracker.Clear();
            var fresh = await db.IndicatorValues.AsNoTracking().FirstOrDefaultAsync(
                v => v.IndicatorCode == indicator!.Code && v.AreaCode == areaCode && v.Period == periodText && v.Breakdown == breakdown, ct);
            return ShowConflict(fresh);
        }

        TempData["Besked"] = $"Tallet for {indicator!.NameDa}, {area!.Name}, {periodText} ({WorkflowRules.BreakdownName(breakdown).ToLowerInvariant()}) er gemt som kladde. Indsend det på godkendelsessiden, når det er klar.";
        return RedirectToPage(new { indikator = indicator.Code, omraade = areaCode, periode = periodText, opdeling = breakdown });
    }

    public string? AreaName(string code) => Areas.FirstOrDefault(a => a.Code == code)?.Name;

    private bool CheckCount(string? text, string key, string what, out int value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            ModelState.AddModelError(key, $"{what} mangler.");
            value = 0;
            return false;
        }

        if (!IndicatorCellRules.TryParseTypedCount(text, out value))
        {
            ModelState.AddModelError(key, $"{what} skal være et helt tal på 0 eller mere, eventuelt med punktum mellem tusinderne (1.234), men uden decimaler. Der står \"{text.Trim()}\".");
            return false;
        }

        return true;
    }

    private PageResult ShowConflict(IndicatorValue? fresh)
    {
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, ConflictMessage);
        ConfirmedFor = null;
        if (fresh is null)
        {
            Version = null;
            Numerator = null;
            Denominator = null;
        }
        else
        {
            Existing = fresh;
            Show(fresh);
        }

        return Page();
    }

    private void Show(IndicatorValue value)
    {
        Numerator = value.Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Denominator = value.Denominator.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Version = value.Version;
    }

    // Earlier approved periods of the same indicator, area and breakdown; for threshold indicators the area's
    // approved birth cohorts of earlier years count as history too.
    private async Task<List<EarlierCount>> EarlierAsync(IndicatorDefinition indicator, string areaCode, string breakdown, PeriodValue period, CancellationToken ct)
    {
        var values = await db.IndicatorValues.AsNoTracking()
            .Where(v => v.IndicatorCode == indicator.Code && v.AreaCode == areaCode && v.Breakdown == breakdown && v.Status == ValueStatus.Approved)
            .Select(v => new { v.Period, v.Numerator, v.Denominator })
            .ToListAsync(ct);
        var earlier = values
            .Where(v => PeriodValue.TryParse(v.Period, out var p) && p.End < period.Start)
            .Select(v => new EarlierCount(v.Numerator, v.Denominator))
            .ToList();
        if (indicator.Kind == IndicatorKind.Threshold && indicator.ThresholdDays is int threshold)
        {
            var cohorts = await db.BirthCohorts.AsNoTracking()
                .Where(c => c.AreaCode == areaCode && c.Breakdown == breakdown && c.Status == ValueStatus.Approved && c.BirthYear < period.Year)
                .Select(c => c.Counts)
                .ToListAsync(ct);
            foreach (var counts in cohorts)
            {
                var (ended, censored) = DailyCounts.Decode(counts);
                var (n, d) = KaplanMeier.ThresholdCounts(ended, censored, threshold);
                earlier.Add(new EarlierCount(n, d));
            }
        }

        return earlier;
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Indicators = await db.Indicators.AsNoTracking()
            .Where(i => i.Active && (i.Kind == IndicatorKind.Threshold || i.Kind == IndicatorKind.Proportion))
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Code)
            .ToListAsync(ct);
        Areas = WorkflowRules.ReportableAreas(await access.GetAsync(), await access.HierarchyAsync());
    }
}
