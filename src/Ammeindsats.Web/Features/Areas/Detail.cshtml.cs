using Ammeindsats.Core.Areas;
using Ammeindsats.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ammeindsats.Web.Features.Areas;

[AllowAnonymous]
[Redirects]
public sealed class DetailModel(CurrentAccess access) : PageModel
{
    public sealed record ChildGroup(string Title, IReadOnlyList<Area> Areas);

    public Area Area { get; private set; } = null!;

    /// <summary>The path up through the regions (the main line of the breadcrumb).</summary>
    public IReadOnlyList<Area> Parents { get; private set; } = [];

    /// <summary>Clusters a municipality or birth site also belongs to (København is in two).</summary>
    public IReadOnlyList<Area> OtherParents { get; private set; } = [];

    public IReadOnlyList<ChildGroup> Children { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code)
    {
        var h = await access.HierarchyAsync();
        var area = h.Find(code);
        if (area is null)
        {
            return NotFound();
        }

        if (area.Code != code)
        {
            // 0751 and 751 are the same municipality; the address always shows 751.
            return RedirectPermanent($"/omraader/{area.Code}");
        }

        Area = area;
        var parents = h.ParentsOf(area.Code).Select(c => h.Find(c)!).ToList();
        var region = parents.FirstOrDefault(p => p.Type == AreaType.Region);
        Parents = area.Type == AreaType.Country ? [] : region is null ? [h.Find(AreaCode.Denmark)!] : [h.Find(AreaCode.Denmark)!, region];
        OtherParents = parents.Where(p => p.Type != AreaType.Region && p.Type != AreaType.Country).ToList();
        Children = new[]
            {
                new ChildGroup("Regioner", h.ChildrenOf(area.Code, AreaType.Region)),
                new ChildGroup("Sundhedsklynger", h.ChildrenOf(area.Code, AreaType.Cluster)),
                new ChildGroup("Kommuner", h.ChildrenOf(area.Code, AreaType.Municipality)),
                new ChildGroup("Fødesteder", h.ChildrenOf(area.Code, AreaType.BirthSite)),
            }
            .Where(g => g.Areas.Count > 0)
            .ToList();
        return Page();
    }
}
