using Ammeindsats.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Home;

[AllowAnonymous]
public sealed class IndexModel(AmmeindsatsDbContext db) : PageModel
{
    public int AreaCount { get; private set; }

    public async Task OnGetAsync() => AreaCount = await db.Areas.CountAsync();
}
