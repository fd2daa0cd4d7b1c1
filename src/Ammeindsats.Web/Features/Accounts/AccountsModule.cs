using Ammeindsats.Web.Cli;
using Ammeindsats.Web.Infrastructure.Modules;

namespace Ammeindsats.Web.Features.Accounts;

/// <summary>Logins, invitations, the own account and API keys; the users and their roles.</summary>
public sealed class AccountsModule : IModule
{
    public string Name => "Accounts";

    public void Register(ModuleBuilder module)
    {
        module.Seeder<DemoUserSeeder>()
            .Api(MeApi.Map)
            .Verb("users", UserCommands.RunAsync)
            .Verb("api-keys", ApiKeyCommands.RunAsync)
            .AuditEntity("AppUser", "Bruger", HistoryRules.AdministratorsOnly, key => $"/administration/brugere/{Uri.EscapeDataString(key)}")
            .AuditEntity("UserGrant", "Rolle", HistoryRules.AdministratorsOnly)
            .AuditEntity("ApiKey", "API-nøgle", HistoryRules.AdministratorsOnly);
    }
}
