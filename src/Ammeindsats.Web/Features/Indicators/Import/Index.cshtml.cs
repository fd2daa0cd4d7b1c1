using Ammeindsats.Core.Indicators;
using Ammeindsats.Web.Features.Shared;
using Ammeindsats.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Indicators.Import;

/// <summary>Upload a child-level or aggregated file; it is checked before anything changes. Below: the user's recent imports.</summary>
[Authorize(Policy = Policies.Staff)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes + (1024 * 1024))]
[RequestSizeLimit(MaxFileBytes + (1024 * 1024))]
public sealed class IndexModel(ImportRuns runs, CurrentAccess access) : PageModel
{
    public const int MaxFileBytes = 64 * 1024 * 1024;

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public bool Approve { get; set; }

    public bool MayApprove { get; private set; }

    public TableState Table { get; private set; } = null!;

    public IReadOnlyList<ImportRun> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var userId = access.UserId!;
        var rows = await runs.ForUser(userId).ToListAsync(ct);
        return TableExport.Csv(
            "mine-importer",
            "Mine importer",
            ["Tidspunkt", "Fil", "Type", "Tilstand", "Resultat"],
            rows.OrderByDescending(r => r.CreatedAt).Select(r => (IReadOnlyList<object?>)[DanishTime.Table(r.CreatedAt), r.FileName, ImportKinds.Label(r.Kind), RunText.State(r.State), RunText.Result(r)]));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var scope = await access.GetAsync();
        MayApprove = ImportActors.MayApprove(scope);
        if (ImportKinds.Parse(Kind) is null)
        {
            ModelState.AddModelError(nameof(Kind), "Vælg hvilken slags fil du indlæser.");
        }

        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Vælg en fil. Filen må ikke være tom.");
        }
        else if (Upload.Length > MaxFileBytes)
        {
            ModelState.AddModelError(nameof(Upload), "Filen er større end 64 MB. Del den op i flere filer, eller brug kommandolinjen.");
        }
        else if (Path.GetExtension(Upload.FileName).Equals(".xls", StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(Upload), "Filen er i Excels gamle format (.xls). Gem den i Excel som \"Excel-projektmappe (.xlsx)\" eller \"CSV (semikolonsepareret)\", og indlæs den igen.");
        }

        if (Approve && !MayApprove)
        {
            ModelState.AddModelError(nameof(Approve), "Du må ikke godkende værdier ved import. Det kræver rollen sekretariat eller administrator.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        await using var content = Upload!.OpenReadStream();
        var run = await runs.CheckAsync(Kind!, content, Upload.FileName, string.IsNullOrEmpty(Upload.ContentType) ? "text/csv" : Upload.ContentType, Approve, access.UserId!, ct);
        return Redirect($"/indikatorer/import/{run.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        MayApprove = ImportActors.MayApprove(await access.GetAsync());
        Table = new TableState(Request, "tid", true, "tid");
        var query = runs.ForUser(access.UserId!);
        query = Table.Descending ? query.OrderByDescending(r => r.CreatedAt) : query.OrderBy(r => r.CreatedAt);
        Recent = await Table.ApplyAsync(query, q => q.CountAsync(ct), q => q.ToListAsync(ct));
    }
}

/// <summary>The words the import pages use for a run's state and result.</summary>
public static class RunText
{
    public static string State(ImportRunState state) => state switch
    {
        ImportRunState.Checked => "Afventer bekræftelse",
        ImportRunState.Running => "Importeres",
        ImportRunState.Done => "Importeret",
        ImportRunState.Failed => "Afvist",
        _ => state.ToString(),
    };

    public static string Result(ImportRun run)
    {
        var s = ImportSummary.Read(run.Summary);
        return s.Problems.Count > 0
            ? $"{s.Problems.Count} {(s.Problems.Count == 1 ? "problem" : "problemer")}"
            : $"{s.Inserted} nye, {s.Updated} ændrede, {s.Deleted} fjernede, {s.Unchanged} uændrede celler";
    }
}
