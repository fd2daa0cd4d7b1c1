using Ammeindsats.Core.Areas;
using Ammeindsats.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ammeindsats.Web.Features.Areas;

[AllowAnonymous]
public sealed class IndexModel(CurrentAccess access) : PageModel
{
    public sealed record RegionRow(string Code, string Name, int Clusters, int Municipalities, int BirthSites);

    public IReadOnlyList<RegionRow> Regions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var h = await access.HierarchyAsync();
        Regions = h.ChildrenOf(AreaCode.Denmark, AreaType.Region)
            .OrderBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => new RegionRow(
                r.Code,
                r.Name,
                h.ChildrenOf(r.Code, AreaType.Cluster).Count,
                h.ChildrenOf(r.Code, AreaType.Municipality).Count,
                h.ChildrenOf(r.Code, AreaType.BirthSite).Count))
            .ToList();
    }
}
