using Ammeindsats.Core.Audit;
using Ammeindsats.Core.Common;
using Ammeindsats.Data;
using Ammeindsats.Data.Audit;
using Ammeindsats.Web.Features.History;
using Ammeindsats.Web.Features.Shared;
using Ammeindsats.Web.Infrastructure.Modules;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Administration.Audit;

/// <summary>The whole audit trail: who changed what and when, filtered, paged and as CSV.</summary>
public sealed class IndexModel(AmmeindsatsDbContext db, IAuditContext audit, ModuleCatalog modules) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "post")]
    public string? Entity { get; set; }

    [BindProperty(SupportsGet = true, Name = "af")]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true, Name = "handling")]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true, Name = "fra")]
    public string? FromText { get; set; }

    [BindProperty(SupportsGet = true, Name = "til")]
    public string? ToText { get; set; }

    public IReadOnlyList<string> Entities { get; private set; } = [];

    public ModuleCatalog Modules => modules;

    public TableState Table { get; private set; } = null!;

    public IReadOnlyList<AuditRow> Rows { get; private set; } = [];

    public bool Filtered => !string.IsNullOrWhiteSpace(Entity) || !string.IsNullOrWhiteSpace(Actor) || !string.IsNullOrWhiteSpace(Action)
                            || !string.IsNullOrWhiteSpace(FromText) || !string.IsNullOrWhiteSpace(ToText);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Entities = await db.AuditEntries.AsNoTracking().Select(e => e.Entity).Distinct().OrderBy(e => e).ToListAsync(ct);
        var query = Query();
        if (!ModelState.IsValid)
        {
            Table.SetTotal(0);
            return;
        }

        var entries = await Table.ApplyAsync(query, q => q.CountAsync(ct), q => q.ToListAsync(ct));
        Rows = await AuditTrailView.ReadAsync(db, modules, entries, audit.Actor, audit.Now, ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var query = Query();
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var rows = await AuditTrailView.ReadAsync(db, modules, await query.ToListAsync(ct), audit.Actor, audit.Now, ct);
        return TableExport.Csv(
            "revisionsspor",
            "Revisionsspor",
            ["Tidspunkt", "Af", "Post", "Nøgle", "Handling", "Ændringer"],
            rows.Select(r => (IReadOnlyList<object?>)[DanishTime.Table(r.At), r.Actor, r.EntityLabel, r.EntityKey, r.ActionLabel, r.Summary is null ? r.ChangesText : (r.Summary + " " + r.ChangesText).Trim()]));
    }

    private IQueryable<AuditEntry> Query()
    {
        Table = new TableState(Request, "tid", true, "tid");
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Entity))
        {
            query = query.Where(e => e.Entity == Entity);
        }

        if (!string.IsNullOrWhiteSpace(Action))
        {
            query = query.Where(e => e.Action == Action);
        }

        if (!string.IsNullOrWhiteSpace(Actor))
        {
            // The actor is an e-mail or "kommandolinje"/"system"; lower-case both sides so it works the same on every database.
            var actor = Actor.Trim().ToLowerInvariant();
            // Translated to SQL (lower(...) LIKE ...): the culture and comparison overloads the analyzers ask for do not translate.
#pragma warning disable CA1304, CA1311, CA1862
            query = query.Where(e => e.Actor.ToLower().Contains(actor));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (!string.IsNullOrWhiteSpace(FromText))
        {
            if (DanishFormat.TryParseDate(FromText, out var from))
            {
                var start = DanishTime.StartOfDay(from);
                query = query.Where(e => e.At >= start);
            }
            else
            {
                ModelState.AddModelError("fra", "Skriv fra-datoen som dd-mm-åååå, fx 01-01-2026.");
            }
        }

        if (!string.IsNullOrWhiteSpace(ToText))
        {
            if (DanishFormat.TryParseDate(ToText, out var to))
            {
                var end = DanishTime.StartOfDay(to.AddDays(1));
                query = query.Where(e => e.At < end);
            }
            else
            {
                ModelState.AddModelError("til", "Skriv til-datoen som dd-mm-åååå, fx 31-12-2026.");
            }
        }

        return Table.Descending ? query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id) : query.OrderBy(e => e.At).ThenBy(e => e.Id);
    }
}
