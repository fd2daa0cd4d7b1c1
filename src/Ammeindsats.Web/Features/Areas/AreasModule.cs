using Ammeindsats.Web.Infrastructure.Modules;

namespace Ammeindsats.Web.Features.Areas;

/// <summary>Regions, clusters, municipalities and birth sites: the reference data, their pages and the API.</summary>
public sealed class AreasModule : IModule
{
    public string Name => "Areas";

    public void Register(ModuleBuilder module)
    {
        module.Seeder<AreaSeeder>()
            .Api(AreasApi.Map)
            .Navigation("Områder", "/omraader", 80)
            .AuditEntity("Area", "Område", HistoryRules.Public, key => $"/omraader/{Uri.EscapeDataString(key)}")
            .AuditEntity("AreaMembership", "Medlemskab af område", HistoryRules.Public);
    }
}
