using System.Globalization;
using Ammeindsats.Core.People;
using Ammeindsats.Data;
using Ammeindsats.Data.Audit;
using Ammeindsats.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Administration.People;

/// <summary>Staff contacts, registered once and shared by the modules. Showing contact data is logged.</summary>
public sealed class IndexModel(AmmeindsatsDbContext db, IAuditContext audit) : PageModel
{
    private static readonly StringComparer Danish = Ammeindsats.Core.Common.DanishText.Comparer;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "slettede")]
    public bool IncludeErased { get; set; }

    public TableState Table { get; private set; } = null!;

    public IReadOnlyList<Person> Rows { get; private set; } = [];

    public IReadOnlyDictionary<string, string> AreaNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var people = await LoadAsync(ct);
        Rows = Table.Apply(people);
        await PersonForm.LogReadAsync(db, Rows, audit.Actor, audit.Now, ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var people = await LoadAsync(ct);
        await PersonForm.LogReadAsync(db, people, audit.Actor, audit.Now, ct);
        return TableExport.Csv(
            "kontaktpersoner",
            "Kontaktpersoner",
            ["Navn", "E-mail", "Telefon", "Organisation", "Stilling", "Område", "Slettet"],
            people.Select(p => (IReadOnlyList<object?>)[p.Name, p.Email, p.Phone, p.Organisation, p.JobTitle, AreaName(p.AreaCode), p.ErasedAt is null ? null : DanishTime.Date(p.ErasedAt.Value)]));
    }

    public string? AreaName(string? code) => code is null ? null : AreaNames.GetValueOrDefault(code, code);

    private async Task<IReadOnlyList<Person>> LoadAsync(CancellationToken ct)
    {
        Table = new TableState(Request, "navn", false, "navn", "organisation", "omraade", "email");
        AreaNames = await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, ct);
        IEnumerable<Person> people = await db.People.AsNoTracking().ToListAsync(ct);
        if (!IncludeErased)
        {
            people = people.Where(p => p.ErasedAt is null);
        }

        var search = Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            people = people.Where(p => p.Name.Contains(search, StringComparison.CurrentCultureIgnoreCase)
                                       || (p.Email?.Contains(search, StringComparison.OrdinalIgnoreCase) ?? false)
                                       || (p.Organisation?.Contains(search, StringComparison.CurrentCultureIgnoreCase) ?? false));
        }

        return Table.Sort switch
        {
            "organisation" => Table.Order(people, p => p.Organisation ?? string.Empty, Danish).ThenBy(p => p.Name, Danish).ToList(),
            "omraade" => Table.Order(people, p => AreaName(p.AreaCode) ?? string.Empty, Danish).ThenBy(p => p.Name, Danish).ToList(),
            "email" => Table.Order(people, p => p.Email ?? string.Empty, StringComparer.OrdinalIgnoreCase).ToList(),
            _ => Table.Order(people, p => p.Name, Danish).ThenBy(p => p.Id).ToList(),
        };
    }
}
