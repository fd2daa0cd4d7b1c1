using System.Globalization;
using Ammeindsats.Core.Areas;
using Ammeindsats.Data;
using Ammeindsats.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Administration.Areas;

/// <summary>Every area with its state; filtered by type or to those the reference data could not confirm.</summary>
public sealed class IndexModel(AmmeindsatsDbContext db) : PageModel
{
    private static readonly StringComparer Danish = Ammeindsats.Core.Common.DanishText.Comparer;

    public sealed record AreaRow(string Code, AreaType Type, string Name, bool Confirmed, int UnconfirmedMemberships, bool Active)
    {
        public string State => !Confirmed ? "Ikke bekræftet"
            : UnconfirmedMemberships > 0 ? "Medlemskab ikke bekræftet"
            : "Bekræftet";
    }

    [BindProperty(SupportsGet = true, Name = "type")]
    public string? TypeToken { get; set; }

    [BindProperty(SupportsGet = true, Name = "ubekraeftede")]
    public bool OnlyUnconfirmed { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    public TableState Table { get; private set; } = null!;

    public IReadOnlyList<AreaRow> Rows { get; private set; } = [];

    public bool Filtered => TypeToken is { Length: > 0 } || OnlyUnconfirmed || !string.IsNullOrWhiteSpace(Search);

    public static IReadOnlyList<AreaType> Types { get; } = Enum.GetValues<AreaType>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await LoadAsync(ct);
        Rows = Table.Apply(rows);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var rows = await LoadAsync(ct);
        return TableExport.Csv(
            "omraader",
            "Områder",
            ["Kode", "Type", "Navn", "Status", "Ikke bekræftede medlemskaber", "Aktiv"],
            rows.Select(r => (IReadOnlyList<object?>)[r.Code, r.Type.DanishName(), r.Name, r.State, r.UnconfirmedMemberships, r.Active ? "ja" : "nej"]));
    }

    private async Task<IReadOnlyList<AreaRow>> LoadAsync(CancellationToken ct)
    {
        Table = new TableState(Request, "navn", false, "kode", "type", "navn", "status", "aktiv");
        var unconfirmed = (await db.AreaMemberships.AsNoTracking().Where(m => !m.Confirmed).Select(m => m.ChildCode).ToListAsync(ct))
            .GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        IEnumerable<AreaRow> rows = (await db.Areas.AsNoTracking().ToListAsync(ct))
            .Select(a => new AreaRow(a.Code, a.Type, a.Name, a.Confirmed, unconfirmed.GetValueOrDefault(a.Code), a.Active));
        var type = Types.Cast<AreaType?>().FirstOrDefault(t => t!.Value.Token() == TypeToken);
        if (type is not null)
        {
            rows = rows.Where(r => r.Type == type);
        }
        else
        {
            TypeToken = null;
        }

        if (OnlyUnconfirmed)
        {
            rows = rows.Where(r => !r.Confirmed || r.UnconfirmedMemberships > 0);
        }

        var search = Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            rows = rows.Where(r => r.Name.Contains(search, StringComparison.CurrentCultureIgnoreCase) || r.Code.Contains(search, StringComparison.OrdinalIgnoreCase));
        }

        return Table.Sort switch
        {
            "kode" => Table.Order(rows, r => r.Code, StringComparer.Ordinal).ToList(),
            "type" => Table.Order(rows, r => r.Type).ThenBy(r => r.Name, Danish).ToList(),
            "status" => Table.Order(rows, r => r.State, Danish).ThenBy(r => r.Name, Danish).ToList(),
            "aktiv" => Table.Order(rows, r => r.Active).ThenBy(r => r.Name, Danish).ToList(),
            _ => Table.Order(rows, r => r.Name, Danish).ThenBy(r => r.Code, StringComparer.Ordinal).ToList(),
        };
    }
}
