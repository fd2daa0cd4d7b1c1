using Ammeindsats.Core.Access;
using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.Workflow;
using Ammeindsats.Data;
using Ammeindsats.Data.Audit;
using Ammeindsats.Web.Features.Shared;
using Ammeindsats.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeriodValue = Ammeindsats.Core.Indicators.Import.Period;

namespace Ammeindsats.Web.Features.Indicators.Workflow;

/// <summary>
/// The approval page per area × period: indicator values and birth cohorts move draft → submitted → approved, and
/// back to draft when reopened with a reason, under the rules of <see cref="ApprovalWorkflow"/> (who may take which
/// step for which area, and the four-eyes rule). Approved is locked and published. The page binds, loads the cells,
/// lets the workflow move them, saves and tells the outcome; every change is audited by the database.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ApprovalModel(AmmeindsatsDbContext db, CurrentAccess access, IAuditContext audit, Microsoft.Extensions.Options.IOptions<WorkflowSettings> settings) : PageModel
{
    public const string FourEyesMessage = "Du har selv indberettet eller indsendt tallene, så en anden med ret til at godkende for området skal godkende dem (fire øjne-princippet).";

    public WorkflowSettings Settings => settings.Value;

    private ApprovalWorkflow Workflow => Settings.Workflow;

    public const string ConcurrencyMessage = "Nogle af tallene blev ændret af en anden imens, så intet er ændret. Se listen igen, og prøv på ny.";

    /// <summary>One area × period: its indicator values and birth cohorts together.</summary>
    /// <param name="OwnSubmitted">Submitted cells that the current user last entered or submitted.</param>
    public sealed record Group(Area Area, string Period, int Values, int Cohorts, int Drafts, int Submitted, int Approved, DateTimeOffset Updated, string? UpdatedBy, string? ReopenReason, int OwnSubmitted = 0)
    {
        public int Cells => Values + Cohorts;

        /// <summary>The step still to take: the lowest status among the cells.</summary>
        public ValueStatus Status => Drafts > 0 ? ValueStatus.Draft : Submitted > 0 ? ValueStatus.Submitted : ValueStatus.Approved;

        public string StatusText =>
            Drafts == Cells ? "Kladde" : Submitted == Cells ? "Indsendt" : Approved == Cells ? "Godkendt"
            : string.Join(", ", new[] { (Drafts, "kladde"), (Submitted, "indsendt"), (Approved, "godkendt") }.Where(p => p.Item1 > 0).Select(p => $"{p.Item1} {p.Item2}"));
    }

    private sealed record CellRow(string Area, string Period, bool IsCohort, ValueStatus Status, DateTimeOffset Updated, string? UpdatedBy, string? ReopenReason);

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? StatusFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "omraade")]
    public string? AreaFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "periode")]
    public string? PeriodFilter { get; set; }

    /// <summary>genaabn or godkend-alle: shows the confirmation before the action.</summary>
    [BindProperty(SupportsGet = true, Name = "bekraeft")]
    public string? Confirm { get; set; }

    [BindProperty(SupportsGet = true, Name = "celleOmraade")]
    public string? CellArea { get; set; }

    [BindProperty(SupportsGet = true, Name = "cellePeriode")]
    public string? CellPeriod { get; set; }

    [BindProperty(Name = "begrundelse")]
    public string? Reason { get; set; }

    public TableState Table { get; private set; } = null!;

    public IReadOnlyList<Group> Rows { get; private set; } = [];

    public IReadOnlyList<Area> AreaChoices { get; private set; } = [];

    public AccessScope Scope { get; private set; } = null!;

    public Group? ReopenTarget { get; private set; }

    public IReadOnlyList<Group> ApproveAllTargets { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var groups = await LoadAsync(ct);
        Rows = Table.Apply(groups);
        if (Confirm == "genaabn")
        {
            ReopenTarget = groups.FirstOrDefault(g => g.Area.Code == CellArea && g.Period == CellPeriod && g.Approved > 0 && Scope.MayApprove(g.Area.Code));
        }
        else if (Confirm == "godkend-alle")
        {
            ApproveAllTargets = ApprovableOf(groups);
        }
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var groups = await LoadAsync(ct);
        return TableExport.Csv(
            "godkendelse",
            "Godkendelse af indikatortal",
            ["Områdekode", "Område", "Periode", "Status", "Kladder", "Indsendte", "Godkendte", "Indikatorværdier", "Fødselsårgange", "Sidst ændret", "Ændret af", "Genåbnet med begrundelsen"],
            groups.Select(g => (IReadOnlyList<object?>)[g.Area.Code, g.Area.Name, g.Period, g.StatusText, g.Drafts, g.Submitted, g.Approved, g.Values, g.Cohorts, DanishTime.Table(g.Updated), g.UpdatedBy, g.ReopenReason]));
    }

    [AreaScoped("celleOmraade", Role.Secretariat, Role.Network, Role.Reporter)]
    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct)
    {
        var scope = await access.GetAsync();
        if (!TryCell(out var area, out var period))
        {
            return NotFound();
        }

        if (!Workflow.MayTake(ApprovalStep.Submit, scope, area))
        {
            return Forbid();
        }

        var (changed, _) = await MoveAsync([(area, period)], ApprovalStep.Submit, scope, null, ct);
        return changed switch
        {
            null => await ShowErrorAsync(ConcurrencyMessage, ct),
            0 => Back($"Der var ingen kladder at indsende for {await AreaNameAsync(area, ct)}, {period}."),
            _ => Back($"{await AreaNameAsync(area, ct)}, {period}: {changed} {(changed == 1 ? "tal" : "tal")} er indsendt til godkendelse."),
        };
    }

    [AreaScoped("celleOmraade", Role.Secretariat)]
    public async Task<IActionResult> OnPostApproveAsync(CancellationToken ct)
    {
        var scope = await access.GetAsync();
        if (!TryCell(out var area, out var period))
        {
            return NotFound();
        }

        if (!Workflow.MayTake(ApprovalStep.Approve, scope, area))
        {
            return Forbid();
        }

        var (changed, own) = await MoveAsync([(area, period)], ApprovalStep.Approve, scope, null, ct);
        return changed switch
        {
            null => await ShowErrorAsync(ConcurrencyMessage, ct),
            0 when own > 0 => await ShowErrorAsync($"{await AreaNameAsync(area, ct)}, {period}: {FourEyesMessage}", ct),
            0 => Back($"Der var ingen indsendte tal at godkende for {await AreaNameAsync(area, ct)}, {period}."),
            _ when own > 0 => Back($"{await AreaNameAsync(area, ct)}, {period}: {changed} tal er godkendt og offentliggjort. {own} tal, som du selv har indsendt, venter på en anden godkender."),
            _ => Back($"{await AreaNameAsync(area, ct)}, {period}: {changed} tal er godkendt og offentliggjort."),
        };
    }

    [AreaScoped("celleOmraade", Role.Secretariat)]
    public async Task<IActionResult> OnPostReopenAsync(CancellationToken ct)
    {
        var scope = await access.GetAsync();
        if (!TryCell(out var area, out var period))
        {
            return NotFound();
        }

        if (!Workflow.MayTake(ApprovalStep.Reopen, scope, area))
        {
            return Forbid();
        }

        var refusal = ApprovalWorkflow.CheckReason(Reason);
        if (refusal != ApprovalRefusal.None)
        {
            ModelState.AddModelError("begrundelse", refusal == ApprovalRefusal.ReasonMissing
                ? "Skriv, hvorfor tallet skal genåbnes. Begrundelsen gemmes i ændringshistorikken."
                : "Begrundelsen må højst være 1.000 tegn.");
            Confirm = "genaabn";
            await OnGetAsync(ct);
            return Page();
        }

        var (changed, _) = await MoveAsync([(area, period)], ApprovalStep.Reopen, scope, Reason, ct);
        return changed switch
        {
            null => await ShowErrorAsync(ConcurrencyMessage, ct),
            0 => Back($"Der var ingen godkendte tal at genåbne for {await AreaNameAsync(area, ct)}, {period}."),
            _ => Back($"{await AreaNameAsync(area, ct)}, {period}: {changed} tal er genåbnet og er nu kladder. De er ikke længere offentlige."),
        };
    }

    public async Task<IActionResult> OnPostApproveAllAsync(CancellationToken ct)
    {
        var groups = await LoadAsync(ct);
        var targets = ApprovableOf(groups);
        if (targets.Count == 0)
        {
            return Back("Der var ingen indsendte tal at godkende.");
        }

        var (changed, own) = await MoveAsync(targets.Select(g => (g.Area.Code, g.Period)).ToList(), ApprovalStep.Approve, Scope, null, ct);
        return changed is null
            ? await ShowErrorAsync(ConcurrencyMessage, ct)
            : Back($"{changed} tal i {targets.Count} {(targets.Count == 1 ? "område og periode" : "kombinationer af område og periode")} er godkendt og offentliggjort." +
                (own > 0 ? $" {own} tal, som du selv har indsendt, venter på en anden godkender." : string.Empty));
    }

    public string ListUrl => QueryLinks.With(Request, ("bekraeft", null), ("celleOmraade", null), ("cellePeriode", null));

    public string ActionUrl(string handler) => QueryLinks.With(Request, ("handler", handler), ("bekraeft", null), ("celleOmraade", null), ("cellePeriode", null));

    public string ReopenUrl(Group g) => QueryLinks.With(Request, ("bekraeft", "genaabn"), ("celleOmraade", g.Area.Code), ("cellePeriode", g.Period));

    public string ApproveAllUrl => QueryLinks.With(Request, ("bekraeft", "godkend-alle"), ("celleOmraade", null), ("cellePeriode", null));

    public bool CanApproveAny => Rows.Count > 0 && Workflow.MayApproveSomewhere(Scope);

    private IReadOnlyList<Group> ApprovableOf(IEnumerable<Group> groups) =>
        groups.Where(g => g.Submitted > g.OwnSubmitted && Scope.MayApprove(g.Area.Code)).ToList();

    /// <summary>The approve button is offered when some submitted cell of the group was submitted by someone else.</summary>
    public bool CanApprove(Group g) => g.Submitted > g.OwnSubmitted && Scope.MayApprove(g.Area.Code);

    /// <summary>Submitted cells the user may approve for the area but not under the four-eyes rule.</summary>
    public bool BlockedByFourEyes(Group g) => g.OwnSubmitted > 0 && Scope.MayApprove(g.Area.Code);

    private bool TryCell(out string area, out string period)
    {
        area = CellArea?.Trim() ?? string.Empty;
        period = CellPeriod?.Trim() ?? string.Empty;
        return area.Length > 0 && PeriodValue.TryParse(period, out _);
    }

    private IActionResult Back(string message)
    {
        TempData["Besked"] = message;
        return Redirect(ListUrl);
    }

    private async Task<IActionResult> ShowErrorAsync(string message, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, message);
        Confirm = null;
        await OnGetAsync(ct);
        return Page();
    }

    private async Task<string> AreaNameAsync(string code, CancellationToken ct) =>
        await db.Areas.Where(a => a.Code == code).Select(a => a.Name).FirstOrDefaultAsync(ct) ?? code;

    /// <summary>
    /// Lets the workflow take the step on every cell of the given area × periods that is in the step's starting
    /// status; null on a concurrent change. Cells the four-eyes rule keeps from the user are left as they are and
    /// counted as the user's own.
    /// </summary>
    private async Task<(int? Changed, int Own)> MoveAsync(IReadOnlyList<(string Area, string Period)> cells, ApprovalStep step, AccessScope scope, string? reason, CancellationToken ct)
    {
        var from = ApprovalWorkflow.From(step);
        var changed = 0;
        var own = 0;
        foreach (var byArea in cells.GroupBy(c => c.Area))
        {
            var area = byArea.Key;
            var periods = byArea.Select(c => c.Period).Distinct().ToList();
            var years = periods.Select(p => PeriodValue.TryParse(p, out var parsed) && parsed.Granularity == Core.Indicators.Import.PeriodGranularity.Year ? parsed.Year : (int?)null)
                .Where(y => y is not null).Select(y => y!.Value).ToList();
            var values = await db.IndicatorValues.Where(v => v.AreaCode == area && periods.Contains(v.Period) && v.Status == from).ToListAsync(ct);
            var cohorts = years.Count == 0 ? [] : await db.BirthCohorts.Where(c => c.AreaCode == area && years.Contains(c.BirthYear) && c.Status == from).ToListAsync(ct);
            foreach (var item in values.Cast<IApprovalItem>().Concat(cohorts))
            {
                switch (Workflow.Apply(step, item, scope, audit.Actor, audit.Now, reason))
                {
                    case ApprovalRefusal.None:
                        changed++;
                        break;
                    case ApprovalRefusal.FourEyes:
                        own++;
                        break;
                }
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (null, own);
        }

        return (changed, own);
    }

    private async Task<List<Group>> LoadAsync(CancellationToken ct)
    {
        Table = new TableState(Request, "periode", true, "omraade", "periode", "status", "opdateret");
        Scope = await access.GetAsync();
        var hierarchy = await access.HierarchyAsync();
        var visible = hierarchy.Areas.Where(a => Scope.MayReport(a.Code)).ToDictionary(a => a.Code);
        AreaChoices = visible.Values.Where(WorkflowRules.IsReportingArea).OrderBy(a => a.Type).ThenBy(a => a.Name, WorkflowRules.Danish).ToList();

        var areaFilter = string.IsNullOrWhiteSpace(AreaFilter) ? null : AreaFilter.Trim();
        var periodFilter = PeriodValue.TryParse(PeriodFilter, out var parsedPeriod) ? parsedPeriod.ToString() : null;
        var yearFilter = parsedPeriod.Granularity == Core.Indicators.Import.PeriodGranularity.Year && periodFilter is not null ? parsedPeriod.Year : (int?)null;

        var valueQuery = db.IndicatorValues.AsNoTracking();
        var cohortQuery = db.BirthCohorts.AsNoTracking();
        if (areaFilter is not null)
        {
            valueQuery = valueQuery.Where(v => v.AreaCode == areaFilter);
            cohortQuery = cohortQuery.Where(c => c.AreaCode == areaFilter);
        }

        if (periodFilter is not null)
        {
            valueQuery = valueQuery.Where(v => v.Period == periodFilter);
            cohortQuery = yearFilter is null ? cohortQuery.Where(c => false) : cohortQuery.Where(c => c.BirthYear == yearFilter);
        }

        var cells = (await valueQuery.Select(v => new { v.AreaCode, v.Period, v.Status, v.UpdatedAt, v.UpdatedBy, v.ReopenReason }).ToListAsync(ct))
            .Select(v => new CellRow(v.AreaCode, v.Period, false, v.Status, v.UpdatedAt, v.UpdatedBy, v.ReopenReason))
            .Concat((await cohortQuery.Select(c => new { c.AreaCode, c.BirthYear, c.Status, c.UpdatedAt, c.UpdatedBy, c.ReopenReason }).ToListAsync(ct))
                .Select(c => new CellRow(c.AreaCode, WorkflowRules.Year(c.BirthYear), true, c.Status, c.UpdatedAt, c.UpdatedBy, c.ReopenReason)))
            .Where(c => visible.ContainsKey(c.Area));

        var groups = cells.GroupBy(c => (c.Area, c.Period)).Select(g =>
        {
            var latest = g.MaxBy(c => c.Updated)!;
            return new Group(
                visible[g.Key.Area], g.Key.Period,
                g.Count(c => !c.IsCohort), g.Count(c => c.IsCohort),
                g.Count(c => c.Status == ValueStatus.Draft), g.Count(c => c.Status == ValueStatus.Submitted), g.Count(c => c.Status == ValueStatus.Approved),
                latest.Updated, latest.UpdatedBy, g.Select(c => c.ReopenReason).FirstOrDefault(r => r is not null && g.Any(x => x.Status == ValueStatus.Draft)),
                g.Count(c => c.Status == ValueStatus.Submitted && Workflow.IsOwn(c.UpdatedBy, audit.Actor)));
        });

        if (WorkflowRules.TryParseStatus(StatusFilter, out var status))
        {
            groups = groups.Where(g => g.Status == status);
        }

        return Table.Sort switch
        {
            "omraade" => Table.Order(groups, g => g.Area.Name, WorkflowRules.Danish).ThenByDescending(g => g.Period, PeriodOrder).ToList(),
            "status" => Table.Order(groups, g => g.Status).ThenBy(g => g.Area.Name, WorkflowRules.Danish).ToList(),
            "opdateret" => Table.Order(groups, g => g.Updated).ThenBy(g => g.Area.Name, WorkflowRules.Danish).ToList(),
            _ => Table.Order(groups, g => g.Period, PeriodOrder).ThenBy(g => g.Area.Name, WorkflowRules.Danish).ToList(),
        };
    }

    private static readonly IComparer<string> PeriodOrder = Comparer<string>.Create((a, b) =>
        PeriodValue.TryParse(a, out var pa) && PeriodValue.TryParse(b, out var pb) ? pa.CompareTo(pb) : string.CompareOrdinal(a, b));
}
