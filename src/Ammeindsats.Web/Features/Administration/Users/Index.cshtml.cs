using System.Globalization;
using Ammeindsats.Core.Areas;
using Ammeindsats.Data;
using Ammeindsats.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Administration.Users;

/// <summary>Every login with its roles and state, searchable, sortable and as CSV.</summary>
public sealed class IndexModel(AmmeindsatsDbContext db, TimeProvider clock) : PageModel
{
    private static readonly StringComparer Danish = Ammeindsats.Core.Common.DanishText.Comparer;

    public sealed record UserRow(string Id, string Email, string Name, IReadOnlyList<string> Grants, UserStatus Status, DateTimeOffset? LastLogin);

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    public TableState Table { get; private set; } = null!;

    public IReadOnlyList<UserRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await LoadAsync(ct);
        Rows = Table.Apply(rows);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var rows = await LoadAsync(ct);
        return TableExport.Csv(
            "brugere",
            "Brugere",
            ["E-mail", "Navn", "Roller", "Status", "Sidste login"],
            rows.Select(r => (IReadOnlyList<object?>)[r.Email, r.Name, string.Join(", ", r.Grants), r.Status.DanishName(), DanishTime.Table(r.LastLogin)]));
    }

    private async Task<IReadOnlyList<UserRow>> LoadAsync(CancellationToken ct)
    {
        Table = new TableState(Request, "email", false, "email", "navn", "status", "login");
        var now = clock.GetUtcNow();
        var areas = await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Code, ct);
        var grants = (await db.UserGrants.AsNoTracking().ToListAsync(ct))
            .GroupBy(g => g.UserId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.OrderBy(x => x.Role).ThenBy(x => x.AreaCode is null ? string.Empty : areas.GetValueOrDefault(x.AreaCode)?.Name ?? x.AreaCode, Danish)
                .Select(x => UserDirectory.GrantText(x.Role, x.AreaCode, areas)).ToList());
        var users = await db.Users.AsNoTracking().ToListAsync(ct);
        var rows = users.Select(u => new UserRow(
            u.Id,
            u.Email ?? u.UserName ?? string.Empty,
            u.DisplayName ?? string.Empty,
            grants.GetValueOrDefault(u.Id) ?? [],
            UserDirectory.StatusOf(u, now),
            u.LastLoginAt));

        var search = Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            rows = rows.Where(r => r.Email.Contains(search, StringComparison.OrdinalIgnoreCase)
                                   || r.Name.Contains(search, StringComparison.CurrentCultureIgnoreCase)
                                   || r.Grants.Any(g => g.Contains(search, StringComparison.CurrentCultureIgnoreCase)));
        }

        return Table.Sort switch
        {
            "navn" => Table.Order(rows, r => r.Name, Danish).ToList(),
            "status" => Table.Order(rows, r => r.Status).ThenBy(r => r.Email, StringComparer.OrdinalIgnoreCase).ToList(),
            "login" => Table.Order(rows, r => r.LastLogin ?? DateTimeOffset.MinValue).ToList(),
            _ => Table.Order(rows, r => r.Email, StringComparer.OrdinalIgnoreCase).ToList(),
        };
    }
}
