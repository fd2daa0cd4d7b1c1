using Ammeindsats.Core.People;
using Ammeindsats.Data;
using Ammeindsats.Data.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Administration.People;

/// <summary>
/// One staff contact: edit with optimistic concurrency, or erase. Erasing blanks the personal fields and
/// deletes the person's key, so the audit trail keeps every row but can no longer show who it was.
/// </summary>
public sealed class EditModel(AmmeindsatsDbContext db, IAuditContext audit) : PageModel
{
    public const string Conflict = "Personen er ændret af en anden imens, så dine ændringer er ikke gemt. Formularen viser nu de gemte oplysninger.";

    [BindProperty]
    public PersonForm Form { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public Person Person { get; private set; } = null!;

    public bool ConfirmErase { get; private set; }

    public string? AreaName { get; private set; }

    public async Task<IActionResult> OnGetAsync(int personId, string? bekraeft, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return NotFound();
        }

        await ShowAsync(person, ct);
        ConfirmErase = bekraeft == "slet" && person.ErasedAt is null;
        await PersonForm.LogReadAsync(db, [person], audit.Actor, audit.Now, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int personId, CancellationToken ct)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return NotFound();
        }

        if (person.ErasedAt is not null)
        {
            ModelState.AddModelError(string.Empty, "Personen er slettet og kan ikke rettes.");
            await ShowAsync(person, ct);
            return Page();
        }

        if (!await Form.ValidateAsync(db, ModelState, ct))
        {
            Person = person;
            await Form.LoadChoicesAsync(db, ct);
            return Page();
        }

        if (Version != person.Version)
        {
            return await ConflictAsync(personId, ct);
        }

        Form.ApplyTo(person);
        db.Entry(person).Property(p => p.Version).OriginalValue = Version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(personId, ct);
        }

        TempData["Besked"] = $"{person.Name} er gemt.";
        return RedirectToPage(new { personId });
    }

    public async Task<IActionResult> OnPostEraseAsync(int personId, CancellationToken ct)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return NotFound();
        }

        if (person.ErasedAt is not null)
        {
            TempData["Besked"] = "Personen var allerede slettet.";
            return RedirectToPage(new { personId });
        }

        if (Version != person.Version)
        {
            return await ConflictAsync(personId, ct);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        person.Name = PersonForm.ErasedText;
        person.Email = person.Email is null ? null : PersonForm.ErasedText;
        person.Phone = person.Phone is null ? null : PersonForm.ErasedText;
        person.ErasedAt = audit.Now;
        db.Entry(person).Property(p => p.Version).OriginalValue = Version;
        try
        {
            // First the change, whose audit row is encrypted with the person's key ...
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(ct);
            return await ConflictAsync(personId, ct);
        }

        // ... then the key, which makes that row and every earlier one unreadable.
        await db.PersonalDataKeys.Where(k => k.Subject == person.PersonalDataSubject).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Besked"] = "Personen er slettet. Navn, e-mail og telefon er fjernet, også i ændringshistorikken.";
        return RedirectToPage(new { personId });
    }

    private async Task<IActionResult> ConflictAsync(int personId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var fresh = await db.People.AsNoTracking().FirstAsync(p => p.Id == personId, ct);
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, Conflict);
        await ShowAsync(fresh, ct);
        return Page();
    }

    private async Task ShowAsync(Person person, CancellationToken ct)
    {
        Person = person;
        Form = PersonForm.From(person);
        Version = person.Version;
        await Form.LoadChoicesAsync(db, ct);
        AreaName = person.AreaCode is null ? null : await db.Areas.Where(a => a.Code == person.AreaCode).Select(a => a.Name).FirstOrDefaultAsync(ct);
    }
}
