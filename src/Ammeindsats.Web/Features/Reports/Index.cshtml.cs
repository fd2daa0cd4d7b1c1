using Ammeindsats.Web.Infrastructure.Modules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ammeindsats.Web.Features.Reports;

/// <summary>The reports the caller may generate, from every module, in the modules' order.</summary>
[AllowAnonymous]
public sealed class IndexModel(ModuleCatalog modules, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<ReportEntry> Reports { get; private set; } = [];

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public async Task OnGetAsync()
    {
        var allowed = new List<ReportEntry>();
        foreach (var report in modules.Reports)
        {
            if (report.Policy is null || (SignedIn && (await authorization.AuthorizeAsync(User, report.Policy)).Succeeded))
            {
                allowed.Add(report);
            }
        }

        Reports = allowed;
    }
}
