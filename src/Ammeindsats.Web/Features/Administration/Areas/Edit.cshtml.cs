using System.Globalization;
using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Common;
using Ammeindsats.Data;
using Ammeindsats.Web.Features.Administration.Users;
using Ammeindsats.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Administration.Areas;

/// <summary>
/// One area: its names and state, and its memberships over time, under the rules of <see cref="MembershipRules"/>.
/// Each form carries the version it was shown with; a save against a newer version is refused rather than
/// overwriting someone else's change.
/// </summary>
public sealed class EditModel(AmmeindsatsDbContext db, TimeProvider clock) : PageModel
{
    public const string AreaConflict = "Området er ændret af en anden imens, så dine ændringer er ikke gemt. Formularen viser nu de gemte oplysninger. Ret dem igen, hvis det stadig er nødvendigt.";
    public const string MembershipConflict = "Medlemskabet er ændret af en anden imens, så din ændring er ikke gemt. Se de nye oplysninger herunder.";

    private static readonly StringComparer Danish = Ammeindsats.Core.Common.DanishText.Comparer;

    public sealed record MembershipRow(int Id, string OtherCode, string OtherName, AreaType OtherType, DateOnly ValidFrom, DateOnly? ValidTo, bool Confirmed, int Version, bool Holds);

    public sealed record MembershipTable(string Caption, string OtherHeader, string AreaCode, IReadOnlyList<MembershipRow> Rows);

    public Area Area { get; private set; } = null!;

    /// <summary>The areas this area belongs to (its parents).</summary>
    public IReadOnlyList<MembershipRow> Parents { get; private set; } = [];

    /// <summary>The areas that belong to this area (its members).</summary>
    public IReadOnlyList<MembershipRow> Members { get; private set; } = [];

    public IReadOnlyList<AreaGroup> ParentChoices { get; private set; } = [];

    public MembershipRow? MembershipToEnd { get; private set; }

    public bool MembershipToEndIsParent { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? NameEn { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public bool Confirmed { get; set; }

    [BindProperty]
    public bool Active { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty(Name = "foraelder")]
    public string? ParentCode { get; set; }

    [BindProperty(Name = "gyldigFra")]
    public string? ValidFromText { get; set; }

    [BindProperty(Name = "gyldigTil")]
    public string? ValidToText { get; set; }

    [BindProperty]
    public int MembershipId { get; set; }

    [BindProperty]
    public int MembershipVersion { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, int? afslut, CancellationToken ct)
    {
        var area = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
        if (area is null)
        {
            return NotFound();
        }

        ShowArea(area);
        await LoadAsync(area, ct);
        if (afslut is not null)
        {
            MembershipToEnd = Parents.Concat(Members).FirstOrDefault(m => m.Id == afslut && m.ValidTo is null);
            MembershipToEndIsParent = MembershipToEnd is not null && Parents.Contains(MembershipToEnd);
            ValidToText = DanishFormat.TableDate(Today);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        var area = await db.Areas.FirstOrDefaultAsync(a => a.Code == code, ct);
        if (area is null)
        {
            return NotFound();
        }

        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            ModelState.AddModelError(nameof(Name), "Skriv områdets navn.");
        }
        else if (name.Length > 200)
        {
            ModelState.AddModelError(nameof(Name), "Navnet må højst være 200 tegn.");
        }

        if (NameEn?.Trim().Length > 200)
        {
            ModelState.AddModelError(nameof(NameEn), "Det engelske navn må højst være 200 tegn.");
        }

        if (Description?.Trim().Length > 400)
        {
            ModelState.AddModelError(nameof(Description), "Beskrivelsen må højst være 400 tegn.");
        }

        if (!ModelState.IsValid)
        {
            Area = area;
            await LoadAsync(area, ct);
            return Page();
        }

        if (Version != area.Version)
        {
            return await AreaConflictAsync(code, ct);
        }

        area.Name = name!;
        area.NameEn = Blank(NameEn);
        area.Description = Blank(Description);
        area.Confirmed = Confirmed;
        area.Active = Active;
        db.Entry(area).Property(a => a.Version).OriginalValue = Version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await AreaConflictAsync(code, ct);
        }

        TempData["Besked"] = $"{area.Name} er gemt.";
        return RedirectToPage(new { code });
    }

    public async Task<IActionResult> OnPostAddMembershipAsync(string code, CancellationToken ct)
    {
        var area = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
        if (area is null)
        {
            return NotFound();
        }

        var parentCode = string.IsNullOrWhiteSpace(ParentCode) ? null : AreaCode.Normalize(ParentCode);
        var parent = parentCode is null ? null : await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == parentCode, ct);
        if (MembershipRules.CheckParent(area, parent) is { } parentProblem)
        {
            ModelState.AddModelError("foraelder", parentProblem);
        }

        if (!DanishFormat.TryParseDate(ValidFromText, out var from))
        {
            ModelState.AddModelError("gyldigFra", "Skriv en gyldig dato, fx 01-01-2027.");
        }

        if (ModelState.IsValid
            && MembershipRules.CheckNew(area, parent!, from, await db.Areas.AsNoTracking().ToListAsync(ct), await db.AreaMemberships.AsNoTracking().ToListAsync(ct)) is { } membershipProblem)
        {
            ModelState.AddModelError("foraelder", membershipProblem);
        }

        if (!ModelState.IsValid)
        {
            ShowArea(area);
            await LoadAsync(area, ct);
            return Page();
        }

        db.AreaMemberships.Add(new AreaMembership { ChildCode = area.Code, ParentCode = parent!.Code, ValidFrom = from, Confirmed = true });
        await db.SaveChangesAsync(ct);
        TempData["Besked"] = $"{area.Name} hører nu til {parent.Name} fra {DanishFormat.TableDate(from)}.";
        return RedirectToPage(new { code });
    }

    public async Task<IActionResult> OnPostEndMembershipAsync(string code, CancellationToken ct)
    {
        var (area, membership) = await FindMembershipAsync(code, ct);
        if (area is null || membership is null)
        {
            return NotFound();
        }

        if (!DanishFormat.TryParseDate(ValidToText, out var to))
        {
            ModelState.AddModelError("gyldigTil", "Skriv en gyldig dato, fx 31-12-2026.");
        }
        else if (MembershipRules.CheckEnd(membership, to) is { } endProblem)
        {
            ModelState.AddModelError("gyldigTil", endProblem);
        }

        if (!ModelState.IsValid)
        {
            ShowArea(area);
            await LoadAsync(area, ct);
            MembershipToEnd = Parents.Concat(Members).FirstOrDefault(m => m.Id == membership.Id);
            MembershipToEndIsParent = MembershipToEnd is not null && Parents.Contains(MembershipToEnd);
            return Page();
        }

        membership.ValidTo = to;
        return await SaveMembershipAsync(area, membership, $"Medlemskabet slutter {DanishFormat.TableDate(to)}.", ct);
    }

    public async Task<IActionResult> OnPostConfirmMembershipAsync(string code, CancellationToken ct)
    {
        var (area, membership) = await FindMembershipAsync(code, ct);
        if (area is null || membership is null)
        {
            return NotFound();
        }

        membership.Confirmed = true;
        return await SaveMembershipAsync(area, membership, "Medlemskabet er bekræftet.", ct);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private DateOnly Today => DanishTime.Date(clock.GetUtcNow());

    private async Task<(Area? Area, AreaMembership? Membership)> FindMembershipAsync(string code, CancellationToken ct)
    {
        var area = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
        var membership = area is null
            ? null
            : await db.AreaMemberships.FirstOrDefaultAsync(m => m.Id == MembershipId && (m.ChildCode == code || m.ParentCode == code), ct);
        return (area, membership);
    }

    private async Task<IActionResult> SaveMembershipAsync(Area area, AreaMembership membership, string success, CancellationToken ct)
    {
        var stale = membership.Version != MembershipVersion;
        if (!stale)
        {
            db.Entry(membership).Property(m => m.Version).OriginalValue = MembershipVersion;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                stale = true;
            }
        }

        if (stale)
        {
            db.ChangeTracker.Clear();
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, MembershipConflict);
            ShowArea(area);
            await LoadAsync(area, ct);
            return Page();
        }

        TempData["Besked"] = success;
        return RedirectToPage(new { code = area.Code });
    }

    private async Task<IActionResult> AreaConflictAsync(string code, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var fresh = await db.Areas.AsNoTracking().FirstAsync(a => a.Code == code, ct);
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, AreaConflict);
        ShowArea(fresh);
        await LoadAsync(fresh, ct);
        return Page();
    }

    /// <summary>Fills the edit form with the saved values.</summary>
    private void ShowArea(Area area)
    {
        Area = area;
        Name = area.Name;
        NameEn = area.NameEn;
        Description = area.Description;
        Confirmed = area.Confirmed;
        Active = area.Active;
        Version = area.Version;
    }

    private async Task LoadAsync(Area area, CancellationToken ct)
    {
        Area = area;
        var areas = await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Code, ct);
        var memberships = await db.AreaMemberships.AsNoTracking().Where(m => m.ChildCode == area.Code || m.ParentCode == area.Code).ToListAsync(ct);
        var today = Today;
        MembershipRow Row(AreaMembership m, string other) =>
            new(m.Id, other, areas.GetValueOrDefault(other)?.Name ?? other, areas.GetValueOrDefault(other)?.Type ?? AreaType.Country, m.ValidFrom, m.ValidTo, m.Confirmed, m.Version, m.HoldsOn(today));
        Parents = memberships.Where(m => m.ChildCode == area.Code).Select(m => Row(m, m.ParentCode))
            .OrderByDescending(r => r.Holds).ThenBy(r => r.OtherType).ThenBy(r => r.OtherName, Danish).ThenBy(r => r.ValidFrom).ToList();
        Members = memberships.Where(m => m.ParentCode == area.Code).Select(m => Row(m, m.ChildCode))
            .OrderByDescending(r => r.Holds).ThenBy(r => r.OtherType).ThenBy(r => r.OtherName, Danish).ThenBy(r => r.ValidFrom).ToList();
        ParentChoices = areas.Values
            .Where(a => MembershipRules.MayBeOfferedAsParent(a, area))
            .GroupBy(a => a.Type)
            .OrderBy(g => g.Key)
            .Select(g => new AreaGroup(g.Key, g.OrderBy(a => a.Name, Danish).ToList()))
            .ToList();
    }
}
