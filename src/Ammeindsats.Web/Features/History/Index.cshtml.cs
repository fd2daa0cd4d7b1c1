using Ammeindsats.Data;
using Ammeindsats.Data.Audit;
using Ammeindsats.Web.Features.Shared;
using Ammeindsats.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.History;

/// <summary>The change history of one record: every audit row for it, newest first.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(AmmeindsatsDbContext db, CurrentAccess access, IAuditContext audit) : PageModel
{
    /// <summary>Records whose content is public anyway: any staff user may read their history.</summary>
    private static readonly HashSet<string> PublicRecords = new(StringComparer.Ordinal) { "Area", "AreaMembership", "IndicatorDefinition", "IndicatorTarget" };

    public string Entity { get; private set; } = string.Empty;

    public string Key { get; private set; } = string.Empty;

    public string EntityLabel => AuditTrailView.EntityLabel(Entity);

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
        Rows = await AuditTrailView.ReadAsync(db, entries, audit.Actor, audit.Now, ct);
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
        var rows = await AuditTrailView.ReadAsync(db, entries, audit.Actor, audit.Now, ct);
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
        RecordUrl = entity switch
        {
            "Area" => $"/omraader/{Uri.EscapeDataString(key)}",
            "AppUser" => $"/administration/brugere/{Uri.EscapeDataString(key)}",
            "Person" => $"/administration/personer/{Uri.EscapeDataString(key)}",
            _ => null,
        };
        var scope = await access.GetAsync();
        if (!scope.IsAdministrator && RecordUrl?.StartsWith("/administration", StringComparison.Ordinal) == true)
        {
            RecordUrl = null;
        }

        return await MaySeeAsync(scope, entity, key, ct);
    }

    /// <summary>
    /// A record's history shows what the record itself showed, so it follows the record's own scoping:
    /// logins, grants and keys are for administrators; a staff contact for users with a role for the
    /// person's area; an unpublished figure for those who may see the area's unpublished figures.
    /// A record kind this page does not know is refused.
    /// </summary>
    private async Task<bool> MaySeeAsync(Core.Access.AccessScope scope, string entity, string key, CancellationToken ct)
    {
        if (scope.IsAdministrator)
        {
            return true;
        }

        if (PublicRecords.Contains(entity))
        {
            return true;
        }

        var parts = key.Split('/');
        switch (entity)
        {
            case "Person":
                if (!int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
                {
                    return false;
                }

                var area = await db.People.AsNoTracking().Where(p => p.Id == id).Select(p => p.AreaCode).FirstOrDefaultAsync(ct);
                return area is not null && scope.CanSeeUnpublished(area);
            case "IndicatorValue":
                return parts.Length == 4 && scope.CanSeeUnpublished(parts[1]);
            case "BirthCohort":
                return parts.Length == 3 && scope.CanSeeUnpublished(parts[0]);
            default:
                return false;
        }
    }

    private IQueryable<Core.Audit.AuditEntry> Filtered() =>
        db.AuditEntries.AsNoTracking().Where(e => e.Entity == Entity && e.EntityKey == Key);

    private IQueryable<Core.Audit.AuditEntry> Ordered(IQueryable<Core.Audit.AuditEntry> query) =>
        Table.Descending ? query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id) : query.OrderBy(e => e.At).ThenBy(e => e.Id);
}
