using Ammeindsats.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Administration;

/// <summary>The administrator's start page: what needs attention, and where to go.</summary>
public sealed class IndexModel(AmmeindsatsDbContext db) : PageModel
{
    public int Users { get; private set; }

    public int DisabledUsers { get; private set; }

    public int UnconfirmedAreas { get; private set; }

    public int UnconfirmedMemberships { get; private set; }

    public int AuditEntries { get; private set; }

    public int People { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Users = await db.Users.CountAsync(ct);
        DisabledUsers = await db.Users.CountAsync(u => u.Disabled, ct);
        UnconfirmedAreas = await db.Areas.CountAsync(a => !a.Confirmed, ct);
        UnconfirmedMemberships = await db.AreaMemberships.CountAsync(m => !m.Confirmed, ct);
        AuditEntries = await db.AuditEntries.CountAsync(ct);
        People = await db.People.CountAsync(p => p.ErasedAt == null, ct);
    }
}
