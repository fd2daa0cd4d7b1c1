using Ammeindsats.Core.People;
using Ammeindsats.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ammeindsats.Web.Features.Administration.People;

public sealed class CreateModel(AmmeindsatsDbContext db) : PageModel
{
    [BindProperty]
    public PersonForm Form { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await Form.LoadChoicesAsync(db, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await Form.ValidateAsync(db, ModelState, ct))
        {
            await Form.LoadChoicesAsync(db, ct);
            return Page();
        }

        var person = new Person { Name = Form.Name! };
        Form.ApplyTo(person);
        db.People.Add(person);
        await db.SaveChangesAsync(ct);
        TempData["Besked"] = $"{person.Name} er oprettet.";
        return RedirectToPage("Edit", new { personId = person.Id });
    }
}
