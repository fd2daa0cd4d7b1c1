using Ammeindsats.Core.Indicators;
using Ammeindsats.Web.Features.Shared;
using Ammeindsats.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ammeindsats.Web.Features.Indicators.Import;

/// <summary>
/// One upload: the check's result with confirm and cancel, then the progress (polled by htmx every second,
/// or the "Opdater" link without JavaScript), then the outcome or every problem. Only the uploader and
/// administrators see it; anyone else gets 404.
/// </summary>
[Authorize(Policy = Policies.Staff)]
[OwnerScoped]
public sealed class RunModel(ImportRuns runs, CurrentAccess access, LocalImportProgress local) : PageModel
{
    public ImportRun Run { get; private set; } = null!;

    public ImportSummary Summary { get; private set; } = ImportSummary.Empty;

    /// <summary>When the checked upload is deleted unless confirmed; null when it is gone.</summary>
    public DateTimeOffset? UploadExpires { get; private set; }

    public bool IsUploader { get; private set; }

    /// <summary>An interrupted run whose upload is still kept: it can be checked and confirmed again.</summary>
    public bool CanRetry { get; private set; }

    public bool Running => Run.State == ImportRunState.Running;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>The state box alone, for htmx polling while the import runs.</summary>
    public async Task<IActionResult> OnGetStatusAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Partial("_RunStatus", this) : NotFound();

    public async Task<IActionResult> OnGetProblemsCsvAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        return TableExport.Csv(
            "importproblemer",
            $"Problemer i {Run.FileName}",
            ["Række", "Kolonne", "Problem"],
            Summary.Problems.Select(p => (IReadOnlyList<object?>)[p.Row == 0 ? "hele filen" : p.Row, p.Column ?? string.Empty, p.Message]));
    }

    /// <summary>Every listed changed cell, with its value and status before and after.</summary>
    public async Task<IActionResult> OnGetChangesCsvAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        return TableExport.Csv(
            "importaendringer",
            $"Ændringer fra {Run.FileName}",
            ["Område", "Områdenavn", "Indikator", "Periode", "Opdeling", "Før", "Efter", "Status før", "Status efter"],
            Summary.ChangedCells.Select(c => (IReadOnlyList<object?>)[c.Area, c.AreaName, c.Indicator, c.Period, c.Breakdown, c.Before, c.After, c.StatusBefore, c.StatusAfter]));
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!IsUploader)
        {
            return Forbid();
        }

        var result = await runs.ConfirmAsync(id, access.UserId!, ct);
        if (result == ImportRuns.ConfirmResult.UploadGone)
        {
            TempData["Besked"] = "Filen var slettet, så importen er ikke gennemført.";
        }

        return Redirect($"/indikatorer/import/{id}");
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!IsUploader)
        {
            return Forbid();
        }

        if (!await runs.RetryAsync(id, access.UserId!, ct))
        {
            TempData["Besked"] = "Filen er ikke længere gemt. Indlæs den igen.";
        }

        return Redirect($"/indikatorer/import/{id}");
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!IsUploader)
        {
            return Forbid();
        }

        if (await runs.CancelAsync(id, access.UserId!, ct))
        {
            TempData["Besked"] = $"Importen af {Run.FileName} er annulleret, og filen er slettet. Intet er ændret.";
            return Redirect("/indikatorer/import");
        }

        return Redirect($"/indikatorer/import/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var scope = await access.GetAsync();
        var userId = access.UserId;
        if (userId is null)
        {
            return false;
        }

        var run = await runs.FindAsync(id, userId, scope.IsAdministrator, ct);
        if (run is null)
        {
            return false;
        }

        if (run.State == ImportRunState.Running && await runs.MarkIfAbandonedAsync(id, ct) > 0)
        {
            run = await runs.FindAsync(id, userId, scope.IsAdministrator, ct) ?? run;
        }

        if (run.State == ImportRunState.Running && local.Of(run.Id) is { } percent && percent > run.Percent)
        {
            run.Percent = percent;
        }

        Run = run;
        IsUploader = run.UserId == userId;
        Summary = ImportSummary.Read(run.Summary);
        if (run.State == ImportRunState.Checked)
        {
            UploadExpires = await runs.UploadExpiresAsync(run, ct);
        }

        CanRetry = IsUploader && await runs.CanRetryAsync(run, ct);
        return true;
    }
}
