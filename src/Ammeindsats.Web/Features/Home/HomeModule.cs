using Ammeindsats.Web.Infrastructure.Modules;

namespace Ammeindsats.Web.Features.Home;

/// <summary>The front page, the fixed pages (privacy, accessibility, language, errors) and the modules on the roadmap.</summary>
public sealed class HomeModule : IModule
{
    /// <summary>The modules on the roadmap, each with its menu entry; a module takes over its route when it lands.</summary>
    public static IReadOnlyList<(string Slug, string Name, string Description, int Order)> Upcoming { get; } =
    [
        ("aftaler", "Aftaler", "Samarbejdsaftaler med parter, tiltrædelser og godkendelser.", 10),
        ("indsatser", "Indsatser", "Programmer og indsatser med budgetter, monitorering og teknisk gennemgang.", 20),
        ("netvaerk", "MenuNetworks", "Implementeringsnetværk i hver sundhedsklynge: medlemmer, møder og statusrapporter.", 30),
        ("kompetencer", "Kompetencer", "Kompetenceudvikling og register over IBCLC-certificerede ammekonsulenter.", 50),
        ("foraeldre", "Forældre", "Anonyme flersprogede spørgeskemaer, feedbackmøder og materialer.", 60),
        ("rapporter", "Rapporter", "Rapporter til styregrupper og ministeriet, dannet ud fra data.", 70),
    ];

    public string Name => "Home";

    public void Register(ModuleBuilder module)
    {
        foreach (var (slug, name, _, order) in Upcoming)
        {
            module.Navigation(name, "/" + slug, order);
        }
    }
}
