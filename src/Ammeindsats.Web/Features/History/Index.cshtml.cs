using Ammeindsats.Data;
using Ammeindsats.Data.Audit;
using Ammeindsats.Web.Features.Shared;
using Ammeindsats.Web.Infrastructure.Auth;
using Ammeindsats.Web.Infrastructure.Modules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.History;

/// <summary>The change history of one record: every audit row for it, newest first.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(AmmeindsatsDbContext db, CurrentAccess access, IAuditContext audit, ModuleCatalog modules) : PageModel
{
    public string Entity { get; private set; } = string.Empty;

    public string Key { get; private set; } = string.Empty;

    public string EntityLabel => modules.AuditLabel(Entity);

    /// <summary>Where the record itself is shown, when there is such a page.</summary>
    public string? RecordUrl { get; private set; }

    public TableState Table { get; private set; } = null!;

    public IReadOnlyList<AuditRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string entity, string key, CancellationToken ct)
    {
        if (!await PrepareAsync(entity, key, ct))
        {
            return Forbid();
        }

        Table = new TableState(Request, "tid", true, "tid");
        var query = Ordered(Filtered());
        var entries = await Table.ApplyAsync(query, q => q.CountAsync(ct), q => q.ToListAsync(ct));
        Rows = await AuditTrailView.ReadAsync(db, modules, entries, audit.Actor, audit.Now, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(string entity, string key, CancellationToken ct)
    {
        if (!await PrepareAsync(entity, key, ct))
        {
            return Forbid();
        }

        Table = new TableState(Request, "tid", true, "tid");
        var entries = await Ordered(Filtered()).ToListAsync(ct);
        var rows = await AuditTrailView.ReadAsync(db, modules, entries, audit.Actor, audit.Now, ct);
        return TableExport.Csv(
            $"historik-{entity}-{key.Replace('/', '-')}",
            "Ændringshistorik",
            ["Tidspunkt", "Af", "Handling", "Ændringer"],
            rows.Select(r => (IReadOnlyList<object?>)[DanishTime.Table(r.At), r.Actor, r.ActionLabel, r.Summary ?? r.ChangesText]));
    }

    private async Task<bool> PrepareAsync(string entity, string key, CancellationToken ct)
    {
        Entity = entity;
        Key = key;
        var record = modules.AuditEntity(entity);
        RecordUrl = record?.RecordUrl?.Invoke(key);
        var scope = await access.GetAsync();
        if (!scope.IsAdministrator && RecordUrl?.StartsWith("/administration", StringComparison.Ordinal) == true)
        {
            RecordUrl = null;
        }

        // A record's history shows what the record itself showed, so it follows the rule of the module that owns
        // the record (see HistoryRules): administrators read every history; a record kind no module knows is refused.
        return scope.IsAdministrator || (record is not null && await record.History(new HistoryRequest(scope, key, db, ct)));
    }

    private IQueryable<Core.Audit.AuditEntry> Filtered() =>
        db.AuditEntries.AsNoTracking().Where(e => e.Entity == Entity && e.EntityKey == Key);

    private IQueryable<Core.Audit.AuditEntry> Ordered(IQueryable<Core.Audit.AuditEntry> query) =>
        Table.Descending ? query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id) : query.OrderBy(e => e.At).ThenBy(e => e.Id);
}
