using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ammeindsats.Web.Features.Home;

/// <summary>The modules on the roadmap; each takes over its own route when it lands.</summary>
[AllowAnonymous]
public sealed class UpcomingModel : PageModel
{
    private static readonly Dictionary<string, (string Name, string Description)> Modules = new(StringComparer.Ordinal)
    {
        ["aftaler"] = ("Aftaler", "Samarbejdsaftaler med parter, tiltrædelser og godkendelser."),
        ["indsatser"] = ("Indsatser", "Programmer og indsatser med budgetter, monitorering og teknisk gennemgang."),
        ["netvaerk"] = ("MenuNetworks", "Implementeringsnetværk i hver sundhedsklynge: medlemmer, møder og statusrapporter."),
        ["kompetencer"] = ("Kompetencer", "Kompetenceudvikling og register over IBCLC-certificerede ammekonsulenter."),
        ["foraeldre"] = ("Forældre", "Anonyme flersprogede spørgeskemaer, feedbackmøder og materialer."),
        ["rapporter"] = ("Rapporter", "Rapporter til styregrupper og ministeriet, dannet ud fra data."),
    };

    public string Name { get; private set; } = string.Empty;

    public string Description { get; private set; } = string.Empty;

    public void OnGet(string module) => (Name, Description) = Modules[module];
}
