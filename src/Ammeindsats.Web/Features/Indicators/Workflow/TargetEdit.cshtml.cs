using System.Globalization;
using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Common;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Data;
using Ammeindsats.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Indicators.Workflow;

/// <summary>
/// Creates, edits (with optimistic concurrency) and deletes (after a confirmation) a target for an area the
/// secretariat or administrator is responsible for. Without an id the form makes a new target.
/// </summary>
[Authorize(Policy = Policies.Secretariat)]
public sealed class TargetEditModel(AmmeindsatsDbContext db, CurrentAccess access) : PageModel
{
    public const string ConflictMessage = "Målet er ændret af en anden, siden du åbnede det, så dine ændringer er ikke gemt. Formularen viser nu det gemte mål.";

    [BindProperty(SupportsGet = true, Name = "id")]
    public int? Id { get; set; }

    [BindProperty(SupportsGet = true, Name = "bekraeft")]
    public string? Confirm { get; set; }

    [BindProperty(Name = "indikator")]
    public string? Indicator { get; set; }

    [BindProperty(Name = "omraade")]
    public string? Area { get; set; }

    [BindProperty(Name = "basisaar")]
    public string? BaselineYear { get; set; }

    [BindProperty(Name = "basisvaerdi")]
    public string? BaselineValue { get; set; }

    [BindProperty(Name = "maalaar")]
    public string? TargetYear { get; set; }

    [BindProperty(Name = "maalvaerdi")]
    public string? TargetValue { get; set; }

    [BindProperty(Name = "note")]
    public string? Note { get; set; }

    [BindProperty(Name = "version")]
    public int Version { get; set; }

    public IndicatorTarget? Existing { get; private set; }

    public IReadOnlyList<IndicatorDefinition> Indicators { get; private set; } = [];

    public IReadOnlyList<Area> Areas { get; private set; } = [];

    public bool ConfirmDelete => Existing is not null && Confirm == "slet";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (Id is null)
        {
            return Page();
        }

        var target = await db.IndicatorTargets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == Id, ct);
        if (target is null)
        {
            return NotFound();
        }

        if (!(await access.GetAsync()).MayApprove(target.AreaCode))
        {
            return Forbid();
        }

        Show(target);
        return Page();
    }

    [AreaScoped("omraade", Core.Access.Role.Secretariat)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        var scope = await access.GetAsync();
        IndicatorTarget? target = null;
        if (Id is not null)
        {
            target = await db.IndicatorTargets.FirstOrDefaultAsync(t => t.Id == Id, ct);
            if (target is null)
            {
                return NotFound();
            }

            if (!scope.MayApprove(target.AreaCode))
            {
                return Forbid();
            }

            Existing = target;
        }

        ModelState.Clear();
        var indicator = Indicators.FirstOrDefault(i => i.Code == Indicator);
        if (indicator is null)
        {
            ModelState.AddModelError("indikator", string.IsNullOrWhiteSpace(Indicator) ? "Vælg en indikator." : $"Indikatoren \"{Indicator}\" findes ikke.");
        }

        var areaCode = Area?.Trim() ?? string.Empty;
        var hierarchy = await access.HierarchyAsync();
        var area = hierarchy.Find(areaCode);
        if (areaCode.Length == 0)
        {
            ModelState.AddModelError("omraade", "Vælg et område.");
        }
        else if (area is null)
        {
            ModelState.AddModelError("omraade", $"Området \"{areaCode}\" findes ikke.");
        }
        else if (!scope.MayApprove(area.Code))
        {
            return Forbid();
        }

        var baselineYearOk = CheckYear(BaselineYear, "basisaar", "Basisåret", out var baselineYear);
        var targetYearOk = CheckYear(TargetYear, "maalaar", "Målåret", out var targetYear);
        if (baselineYearOk && targetYearOk && targetYear <= baselineYear)
        {
            ModelState.AddModelError("maalaar", $"Målåret ({targetYear}) skal ligge efter basisåret ({baselineYear}).");
        }

        var maximum = indicator?.Unit == IndicatorUnit.Days ? 10_000 : 100;
        CheckValue(BaselineValue, "basisvaerdi", "Basisværdien", maximum, out var baselineValue);
        CheckValue(TargetValue, "maalvaerdi", "Målværdien", maximum, out var targetValue);
        var note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim();
        if (note is { Length: > 500 })
        {
            ModelState.AddModelError("note", "Noten må højst være 500 tegn.");
        }

        if (ModelState.IsValid)
        {
            var code = area!.Code;
            var duplicate = await db.IndicatorTargets.AnyAsync(t => t.IndicatorCode == indicator!.Code && t.AreaCode == code && t.TargetYear == targetYear && t.Id != (Id ?? 0), ct);
            if (duplicate)
            {
                ModelState.AddModelError("maalaar", $"Der findes allerede et mål for {indicator!.NameDa} i {area.Name} med målår {targetYear}. Ret det mål i stedet.");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (target is null)
        {
            target = new IndicatorTarget { IndicatorCode = indicator!.Code, AreaCode = area!.Code };
            db.IndicatorTargets.Add(target);
        }
        else if (target.Version != Version)
        {
            return ShowConflict(target);
        }
        else
        {
            db.Entry(target).Property(t => t.Version).OriginalValue = Version;
            target.IndicatorCode = indicator!.Code;
            target.AreaCode = area!.Code;
        }

        target.BaselineYear = baselineYear;
        target.BaselineValue = baselineValue;
        target.TargetYear = targetYear;
        target.TargetValue = targetValue;
        target.Note = note;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var fresh = Id is null ? null : await db.IndicatorTargets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == Id, ct);
            if (fresh is null && Id is not null)
            {
                TempData["Besked"] = "Målet er slettet af en anden imens.";
                return Redirect("/indikatorer/maal");
            }

            if (fresh is null)
            {
                ModelState.AddModelError("maalaar", "Målet kunne ikke gemmes, fordi en anden netop har oprettet et mål for samme indikator, område og målår.");
                return Page();
            }

            return ShowConflict(fresh);
        }

        TempData["Besked"] = $"Målet for {indicator!.NameDa}, {area!.Name} i {targetYear} er gemt.";
        return Redirect("/indikatorer/maal");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        var target = Id is null ? null : await db.IndicatorTargets.FirstOrDefaultAsync(t => t.Id == Id, ct);
        if (target is null)
        {
            TempData["Besked"] = "Målet var allerede slettet.";
            return Redirect("/indikatorer/maal");
        }

        if (!(await access.GetAsync()).MayApprove(target.AreaCode))
        {
            return Forbid();
        }

        await LoadChoicesAsync(ct);
        if (target.Version != Version)
        {
            return ShowConflict(target);
        }

        db.Entry(target).Property(t => t.Version).OriginalValue = Version;
        db.IndicatorTargets.Remove(target);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var fresh = await db.IndicatorTargets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == Id, ct);
            if (fresh is null)
            {
                TempData["Besked"] = "Målet var allerede slettet.";
                return Redirect("/indikatorer/maal");
            }

            return ShowConflict(fresh);
        }

        TempData["Besked"] = "Målet er slettet.";
        return Redirect("/indikatorer/maal");
    }

    private PageResult ShowConflict(IndicatorTarget fresh)
    {
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, ConflictMessage);
        Confirm = null;
        Show(fresh);
        return Page();
    }

    private void Show(IndicatorTarget target)
    {
        Existing = target;
        Indicator = target.IndicatorCode;
        Area = target.AreaCode;
        BaselineYear = target.BaselineYear.ToString(CultureInfo.InvariantCulture);
        BaselineValue = DanishFormat.Number(target.BaselineValue, 2).Replace(".", string.Empty, StringComparison.Ordinal).TrimEnd('0').TrimEnd(',');
        TargetYear = target.TargetYear.ToString(CultureInfo.InvariantCulture);
        TargetValue = DanishFormat.Number(target.TargetValue, 2).Replace(".", string.Empty, StringComparison.Ordinal).TrimEnd('0').TrimEnd(',');
        Note = target.Note;
        Version = target.Version;
    }

    private bool CheckYear(string? text, string key, string what, out int year)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            ModelState.AddModelError(key, $"{what} mangler.");
            year = 0;
            return false;
        }

        if (!WorkflowRules.TryParseCount(text, out year) || year < 2000 || year > 2100)
        {
            ModelState.AddModelError(key, $"{what} skal være et årstal mellem 2000 og 2100, fx 2027. Der står \"{text.Trim()}\".");
            return false;
        }

        return true;
    }

    private void CheckValue(string? text, string key, string what, int maximum, out double value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            ModelState.AddModelError(key, $"{what} mangler.");
            value = 0;
            return;
        }

        if (!WorkflowRules.TryParseDecimal(text, out value) || value < 0 || value > maximum)
        {
            ModelState.AddModelError(key, $"{what} skal være et tal fra 0 til {DanishFormat.Number(maximum)}, fx 70 eller 72,5. Der står \"{text.Trim()}\".");
        }
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Indicators = await db.Indicators.AsNoTracking().Where(i => i.Active).OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct);
        var scope = await access.GetAsync();
        Areas = (await access.HierarchyAsync()).Areas
            .Where(a => a.Active && scope.MayApprove(a.Code))
            .OrderBy(a => a.Type).ThenBy(a => a.Name, WorkflowRules.Danish)
            .ToList();
    }
}
