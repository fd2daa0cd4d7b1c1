using System.Globalization;
using Ammeindsats.Web.Infrastructure.Auth;
using Ammeindsats.Web.Infrastructure.Modules;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Administration;

/// <summary>The administrators' pages: users, staff contacts, areas and the audit trail.</summary>
public sealed class AdministrationModule : IModule
{
    public string Name => "Administration";

    public void Register(ModuleBuilder module)
    {
        module.Navigation("Administration", "/administration", 90, Policies.Administrator)
            .AuditEntity("Person", "Person", MaySeePersonAsync, key => $"/administration/personer/{Uri.EscapeDataString(key)}");
    }

    /// <summary>A staff contact's history is for users with a role for the person's area.</summary>
    private static async ValueTask<bool> MaySeePersonAsync(HistoryRequest request)
    {
        if (!int.TryParse(request.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        var area = await request.Db.People.AsNoTracking().Where(p => p.Id == id).Select(p => p.AreaCode).FirstOrDefaultAsync(request.CancellationToken);
        return area is not null && request.Scope.CanSeeUnpublished(area);
    }
}
