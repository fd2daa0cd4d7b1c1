using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ammeindsats.Web.Features.Home;

/// <summary>The modules on the roadmap (<see cref="HomeModule.Upcoming"/>); each takes over its own route when it lands.</summary>
[AllowAnonymous]
public sealed class UpcomingModel : PageModel
{
    private static readonly Dictionary<string, (string Name, string Description)> Modules =
        HomeModule.Upcoming.ToDictionary(m => m.Slug, m => (m.Name, m.Description), StringComparer.OrdinalIgnoreCase);

    public string Name { get; private set; } = string.Empty;

    public string Description { get; private set; } = string.Empty;

    public void OnGet(string module) => (Name, Description) = Modules[module];
}
