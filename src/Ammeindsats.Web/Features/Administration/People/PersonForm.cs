using System.ComponentModel.DataAnnotations;
using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Audit;
using Ammeindsats.Core.People;
using Ammeindsats.Data;
using Ammeindsats.Web.Features.Administration.Users;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Administration.People;

/// <summary>The fields of a staff contact, shared by the create and edit pages.</summary>
public sealed class PersonForm
{
    public const string ErasedText = "[slettet]";

    /// <summary>Why contact data is read on the administration pages, as logged.</summary>
    public const string ReadPurpose = "personadministration";

    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Organisation { get; set; }

    public string? JobTitle { get; set; }

    public string? AreaCode { get; set; }

    public IReadOnlyList<AreaGroup> AreaChoices { get; set; } = [];

    public static PersonForm From(Person p) => new()
    {
        Name = p.Name,
        Email = p.Email,
        Phone = p.Phone,
        Organisation = p.Organisation,
        JobTitle = p.JobTitle,
        AreaCode = p.AreaCode,
    };

    /// <summary>Checks the fields; messages go on the keys "Form.Name" etc.</summary>
    public async Task<bool> ValidateAsync(AmmeindsatsDbContext db, ModelStateDictionary state, CancellationToken ct)
    {
        Name = Name?.Trim();
        Email = Blank(Email);
        Phone = Blank(Phone);
        Organisation = Blank(Organisation);
        JobTitle = Blank(JobTitle);
        AreaCode = string.IsNullOrWhiteSpace(AreaCode) ? null : Core.Areas.AreaCode.Normalize(AreaCode);
        if (string.IsNullOrEmpty(Name))
        {
            state.AddModelError("Form.Name", "Skriv personens navn.");
        }
        else if (Name.Length > 200)
        {
            state.AddModelError("Form.Name", "Navnet må højst være 200 tegn.");
        }

        if (Email is not null && (Email.Length > 256 || !new EmailAddressAttribute().IsValid(Email)))
        {
            state.AddModelError("Form.Email", "Skriv en gyldig e-mailadresse, eller lad feltet stå tomt.");
        }

        if (Phone is not null && (Phone.Length > 40 || Phone.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '+' or '-'))))
        {
            state.AddModelError("Form.Phone", "Skriv telefonnummeret med tal, fx 12 34 56 78 eller +45 12345678.");
        }

        if (Organisation?.Length > 200)
        {
            state.AddModelError("Form.Organisation", "Organisationen må højst være 200 tegn.");
        }

        if (JobTitle?.Length > 200)
        {
            state.AddModelError("Form.JobTitle", "Stillingen må højst være 200 tegn.");
        }

        if (AreaCode is not null && !await db.Areas.AnyAsync(a => a.Code == AreaCode, ct))
        {
            state.AddModelError("Form.AreaCode", "Vælg et område fra listen.");
        }

        return state.IsValid;
    }

    public void ApplyTo(Person p)
    {
        p.Name = Name!;
        p.Email = Email;
        p.Phone = Phone;
        p.Organisation = Organisation;
        p.JobTitle = JobTitle;
        p.AreaCode = AreaCode;
    }

    public async Task LoadChoicesAsync(AmmeindsatsDbContext db, CancellationToken ct)
    {
        var danish = Ammeindsats.Core.Common.DanishText.Comparer;
        AreaChoices = (await db.Areas.AsNoTracking().Where(a => a.Active || a.Code == AreaCode).ToListAsync(ct))
            .GroupBy(a => a.Type)
            .OrderBy(g => g.Key)
            .Select(g => new AreaGroup(g.Key, g.OrderBy(a => a.Name, danish).ToList()))
            .ToList();
    }

    /// <summary>Logs that the signed-in administrator was shown these people's contact data.</summary>
    public static async Task LogReadAsync(AmmeindsatsDbContext db, IEnumerable<Person> shown, string reader, DateTimeOffset now, CancellationToken ct)
    {
        var subjects = shown.Where(p => p.ErasedAt is null).Select(p => p.PersonalDataSubject).Distinct().ToList();
        if (subjects.Count == 0)
        {
            return;
        }

        db.PersonalDataReads.AddRange(subjects.Select(s => new PersonalDataRead { At = now, Reader = reader, Subject = s, Purpose = ReadPurpose }));
        await db.SaveChangesAsync(ct);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
