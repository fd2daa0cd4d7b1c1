using Ammeindsats.Data;
using Ammeindsats.Web.Cli;
using Ammeindsats.Web.Features.Shared;
using Ammeindsats.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Accounts.Manage;

/// <summary>The signed-in user's own keys for the JSON API. A new key is shown once and stored only as a hash.</summary>
public sealed class ApiKeysModel(AmmeindsatsDbContext db, ApiKeyService keys, CurrentAccess access) : PageModel
{
    public sealed record KeyRow(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public int KeyId { get; set; }

    public TableState Table { get; private set; } = null!;

    public IReadOnlyList<KeyRow> Rows { get; private set; } = [];

    /// <summary>Set right after creating a key: the only time it is shown.</summary>
    public string? NewKey { get; private set; }

    public string? NewKeyName { get; private set; }

    public KeyRow? KeyToRevoke { get; private set; }

    public async Task OnGetAsync(int? tilbagekald, CancellationToken ct)
    {
        await LoadAsync(ct);
        var all = await QueryAsync(ct);
        KeyToRevoke = all.FirstOrDefault(k => k.Id == tilbagekald && k.RevokedAt is null);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        Table = NewTable();
        var rows = Sorted(await QueryAsync(ct));
        return TableExport.Csv(
            "api-noegler",
            "API-nøgler",
            ["Navn", "Begyndelse", "Oprettet", "Sidst brugt", "Tilbagekaldt"],
            rows.Select(r => (IReadOnlyList<object?>)[r.Name, $"ak_{r.Prefix}_…", DanishTime.Table(r.CreatedAt), DanishTime.Table(r.LastUsedAt), DanishTime.Table(r.RevokedAt)]));
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        try
        {
            var (key, secret) = await keys.CreateAsync(access.UserId!, Name?.Trim() ?? string.Empty, ct);
            NewKey = secret;
            NewKeyName = key.Name;
            Name = null;
        }
        catch (InvalidInputException ex)
        {
            ModelState.AddModelError(nameof(Name), ex.Message);
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        var userId = access.UserId!;
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == KeyId && k.UserId == userId, ct);
        if (key is null)
        {
            return NotFound();
        }

        if (key.RevokedAt is null)
        {
            await keys.RevokeAsync(userId, key.Name, ct);
        }

        TempData["Besked"] = $"API-nøglen '{key.Name}' er tilbagekaldt og virker ikke længere.";
        return RedirectToPage();
    }

    private TableState NewTable() => new(Request, "oprettet", true, "navn", "oprettet", "brugt", "tilbagekaldt");

    private async Task LoadAsync(CancellationToken ct)
    {
        Table = NewTable();
        Rows = Table.Apply(Sorted(await QueryAsync(ct)));
    }

    private async Task<List<KeyRow>> QueryAsync(CancellationToken ct)
    {
        var userId = access.UserId;
        return (await db.ApiKeys.AsNoTracking().Where(k => k.UserId == userId).ToListAsync(ct))
            .Select(k => new KeyRow(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt))
            .ToList();
    }

    private List<KeyRow> Sorted(List<KeyRow> rows) => Table.Sort switch
    {
        "navn" => Table.Order(rows, r => r.Name, StringComparer.CurrentCultureIgnoreCase).ToList(),
        "brugt" => Table.Order(rows, r => r.LastUsedAt ?? DateTimeOffset.MinValue).ToList(),
        "tilbagekaldt" => Table.Order(rows, r => r.RevokedAt ?? DateTimeOffset.MinValue).ThenByDescending(r => r.CreatedAt).ToList(),
        _ => Table.Order(rows, r => r.CreatedAt).ThenBy(r => r.Id).ToList(),
    };
}
