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
    ];

    public string Name => "Home";

    public void Register(ModuleBuilder module)
    {
        // The roadmap page answers exactly the slugs above: "/{module:upcoming}".
        module.Services.Configure<RouteOptions>(o => o.ConstraintMap["upcoming"] = typeof(UpcomingModuleConstraint));
        foreach (var (slug, name, _, order) in Upcoming)
        {
            module.Navigation(name, "/" + slug, order);
        }
    }
}

/// <summary>Matches a slug of <see cref="HomeModule.Upcoming"/>, so the roadmap page gives way when a module lands.</summary>
public sealed class UpcomingModuleConstraint : IRouteConstraint
{
    private static readonly HashSet<string> Slugs = HomeModule.Upcoming.Select(m => m.Slug).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string slug && Slugs.Contains(slug);
}
