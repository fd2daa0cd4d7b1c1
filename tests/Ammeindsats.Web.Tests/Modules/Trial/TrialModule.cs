using Ammeindsats.Web.Infrastructure.Auth;
using Ammeindsats.Web.Infrastructure.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace Ammeindsats.Web.Tests.Modules.Trial;

/// <summary>
/// The smallest module: one endpoint for staff, one menu entry, one audited record kind, one report and its own
/// texts, plugged in through the contract alone (see <see cref="TrialModuleTests"/>).
/// </summary>
public sealed class TrialModule : IModule
{
    public const string Url = "/proevemodul";
    public const string Entity = "TrialRecord";

    public string Name => "Trial";

    public void Register(ModuleBuilder module) =>
        module
            .Endpoints(app => app.MapGet(Url, (IStringLocalizer<SharedResource> l) => Results.Text(l["Prøvemodulet virker."].Value, "text/plain; charset=utf-8"))
                .RequireAuthorization(Policies.Staff))
            .Navigation("Prøvemodul", Url, 75)
            .AuditEntity(Entity, "Prøvepost", HistoryRules.Public, key => $"{Url}/{Uri.EscapeDataString(key)}")
            .Report("Prøverapport", "Prøvemodulets rapport.", Url, Policies.Staff)
            .Text("Prøvemodul", "Trial module")
            .Text("Prøvemodulet virker.", "The trial module works.");
}
