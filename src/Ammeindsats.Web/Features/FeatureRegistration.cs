using Ammeindsats.Web.Infrastructure.Modules;

namespace Ammeindsats.Web.Features;

/// <summary>Plugs every module of <see cref="Modules.All"/> into the app through its <see cref="IModule"/>.</summary>
public static class FeatureRegistration
{
    public static void AddFeatures(IServiceCollection services)
    {
        foreach (var module in Modules.All)
        {
            services.AddModule(module);
        }
    }

    public static void MapFeatures(WebApplication app) => app.MapModules();
}
