using System.ComponentModel.DataAnnotations;
using Ammeindsats.Core.Access;
using Ammeindsats.Core.Areas;
using Ammeindsats.Data;
using Ammeindsats.Data.Access;
using Ammeindsats.Web.Infrastructure.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Administration.Users;

/// <summary>
/// One user: name, roles, password link, disabling and unlocking. Every change carries the user's
/// concurrency stamp from the page it was made on, so two administrators never overwrite each other.
/// </summary>
public sealed class DetailModel(
    AmmeindsatsDbContext db,
    UserManager<AppUser> users,
    EmailOutbox outbox,
    IEmailTransport transport,
    Accounts.LoginThrottle throttle,
    TimeProvider clock) : PageModel
{
    public const string ConflictMessage = "Brugeren er ændret af en anden imens, så din ændring er ikke gemt. Siden viser nu de nye oplysninger. Prøv igen.";

    public sealed record GrantRow(int Id, Role Role, string? AreaCode, string? AreaName, string Text);

    public AppUser Account { get; private set; } = null!;

    public UserStatus Status { get; private set; }

    public IReadOnlyList<GrantRow> Grants { get; private set; } = [];

    public int ActiveApiKeys { get; private set; }

    /// <summary>The confirmation asked for: "deaktiver", "fjern" or "to-faktor".</summary>
    public string? Confirm { get; private set; }

    public GrantRow? GrantToRemove { get; private set; }

    public bool IsSelf { get; private set; }

    /// <summary>Logins to the account are being held back after failed attempts from some address.</summary>
    public bool HeldBack { get; private set; }

    /// <summary>The link, shown only when no SMTP server can send it.</summary>
    public string? ShownLink { get; private set; }

    public bool ResetMailed { get; private set; }

    [BindProperty]
    public string? Stamp { get; set; }

    [BindProperty(Name = "rolle")]
    public string? GrantRole { get; set; }

    [BindProperty(Name = "omraade")]
    public string? GrantArea { get; set; }

    [BindProperty]
    public int GrantId { get; set; }

    [BindProperty]
    [StringLength(200, ErrorMessage = "Navnet må højst være 200 tegn.")]
    public string? Name { get; set; }

    public Role ChosenRole { get; private set; } = Role.Reporter;

    public IReadOnlyList<AreaGroup> AreaChoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, string? bekraeft, int? tildeling, string? stempel, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        await LoadAsync(user, ct);
        // A confirmation keeps the stamp of the page the administrator came from.
        Stamp = stempel ?? user.ConcurrencyStamp;
        Confirm = bekraeft is "deaktiver" or "fjern" or "to-faktor" ? bekraeft : null;
        if (Confirm == "fjern")
        {
            GrantToRemove = Grants.FirstOrDefault(g => g.Id == tildeling);
            Confirm = GrantToRemove is null ? null : Confirm;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostShowGrantAreasAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        GrantArea = null;
        await LoadAsync(user, ct);
        return Page();
    }

    public Task<IActionResult> OnPostRenameAsync(string id, CancellationToken ct) => EditAsync(id, async user =>
    {
        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            ModelState.AddModelError(nameof(Name), "Skriv brugerens navn.");
            return null;
        }

        user.DisplayName = name;
        return await users.UpdateAsync(user);
    }, "Navnet er gemt.", ct);

    public Task<IActionResult> OnPostAddGrantAsync(string id, CancellationToken ct) => EditAsync(id, async user =>
    {
        if (!Roles.TryParse(GrantRole, out var role))
        {
            ModelState.AddModelError("rolle", "Vælg en rolle.");
            return null;
        }

        var code = string.IsNullOrWhiteSpace(GrantArea) ? null : AreaCode.Normalize(GrantArea);
        var chosen = code is null ? [] : await db.Areas.AsNoTracking().Where(a => a.Code == code).ToListAsync(ct);
        if (UserDirectory.CheckAreas(role, chosen, code is null ? 0 : 1) is { } error)
        {
            ModelState.AddModelError("omraade", error.Replace("mindst ét område", "et område", StringComparison.Ordinal));
            return null;
        }

        if (await db.UserGrants.AnyAsync(g => g.UserId == user.Id && g.Role == role && g.AreaCode == code, ct))
        {
            ModelState.AddModelError("omraade", "Brugeren har allerede den rolle for det område.");
            return null;
        }

        db.UserGrants.Add(new UserGrant { UserId = user.Id, Role = role, AreaCode = code });
        return await users.UpdateAsync(user);
    }, "Rollen er givet.", ct);

    public Task<IActionResult> OnPostRemoveGrantAsync(string id, CancellationToken ct) => EditAsync(id, async user =>
    {
        var grant = await db.UserGrants.FirstOrDefaultAsync(g => g.Id == GrantId && g.UserId == user.Id, ct);
        if (grant is null)
        {
            ModelState.AddModelError(string.Empty, "Rollen er allerede fjernet.");
            return null;
        }

        if (grant.Role == Role.Administrator && IsCurrentUser(user))
        {
            ModelState.AddModelError(string.Empty, "Du kan ikke fjerne din egen administratorrolle. Bed en anden administrator om det.");
            return null;
        }

        db.UserGrants.Remove(grant);
        return await users.UpdateAsync(user);
    }, "Rollen er fjernet.", ct);

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct) => EditAsync(id, async user =>
    {
        if (IsCurrentUser(user))
        {
            ModelState.AddModelError(string.Empty, "Du kan ikke deaktivere dig selv.");
            return null;
        }

        user.Disabled = true;
        var result = await users.UpdateAsync(user);
        // A new security stamp ends the user's sessions and makes open password links useless.
        return result.Succeeded ? await users.UpdateSecurityStampAsync(user) : result;
    }, "Brugeren er deaktiveret og kan ikke længere logge ind eller bruge API-nøgler.", ct);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct) => EditAsync(id, async user =>
    {
        user.Disabled = false;
        return await users.UpdateAsync(user);
    }, "Brugeren er aktiveret igen.", ct);

    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct) => EditAsync(id, async user =>
    {
        throttle.Clear(user.Email ?? string.Empty);
        var result = await users.SetLockoutEndDateAsync(user, null);
        return result.Succeeded ? await users.ResetAccessFailedCountAsync(user) : result;
    }, "Brugeren er låst op.", ct);

    public Task<IActionResult> OnPostDisableTwoFactorAsync(string id, CancellationToken ct) => EditAsync(id, async user =>
    {
        var result = await users.SetTwoFactorEnabledAsync(user, false);
        return result.Succeeded ? await users.ResetAuthenticatorKeyAsync(user) : result;
    }, "To-faktor-login er slået fra. Brugeren kan slå det til igen med en ny nøgle.", ct);

    /// <summary>A new password link, like an invitation. The current password works until a new one is chosen.</summary>
    public async Task<IActionResult> OnPostResetPasswordAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        if (user.Disabled)
        {
            ModelState.AddModelError(string.Empty, "Brugeren er deaktiveret. Aktivér brugeren først.");
        }
        else
        {
            var link = await Invitations.LinkAsync(users, user, Url, Request);
            Invitations.MailReset(outbox, user, link);
            await db.SaveChangesAsync(ct);
            ResetMailed = true;
            ShownLink = transport.Configured ? null : link;
        }

        await LoadAsync(user, ct);
        Stamp = user.ConcurrencyStamp;
        return Page();
    }

    private async Task<IActionResult> EditAsync(string id, Func<AppUser, Task<IdentityResult?>> change, string success, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(user, ct);
        }

        if (!string.Equals(Stamp, user.ConcurrencyStamp, StringComparison.Ordinal))
        {
            return await ConflictAsync(id, ct);
        }

        // Saves only if nobody has changed the user since the page was shown, also between this read and the save.
        db.Entry(user).Property(u => u.ConcurrencyStamp).OriginalValue = Stamp;
        var result = await change(user);
        if (result is null)
        {
            return await ShowAsync(user, ct);
        }

        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            {
                return await ConflictAsync(id, ct);
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            return await ShowAsync(user, ct);
        }

        TempData["Besked"] = success;
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> ShowAsync(AppUser user, CancellationToken ct)
    {
        await LoadAsync(user, ct);
        return Page();
    }

    private async Task<IActionResult> ConflictAsync(string id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var fresh = await users.FindByIdAsync(id);
        if (fresh is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        ModelState.AddModelError(string.Empty, ConflictMessage);
        Name = null;
        await LoadAsync(fresh, ct);
        Stamp = fresh.ConcurrencyStamp;
        return Page();
    }

    private bool IsCurrentUser(AppUser user) => users.GetUserId(User) == user.Id;

    private async Task LoadAsync(AppUser user, CancellationToken ct)
    {
        Account = user;
        IsSelf = IsCurrentUser(user);
        Status = UserDirectory.StatusOf(user, clock.GetUtcNow());
        HeldBack = throttle.IsHeldBack(user.Email ?? string.Empty);
        Name ??= user.DisplayName;
        var areas = await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Code, ct);
        Grants = (await db.UserGrants.AsNoTracking().Where(g => g.UserId == user.Id).ToListAsync(ct))
            .OrderBy(g => g.Role)
            .ThenBy(g => g.AreaCode is null ? string.Empty : areas.GetValueOrDefault(g.AreaCode)?.Name, Ammeindsats.Core.Common.DanishText.Comparer)
            .Select(g => new GrantRow(g.Id, g.Role, g.AreaCode, g.AreaCode is null ? null : areas.GetValueOrDefault(g.AreaCode)?.Name ?? g.AreaCode, UserDirectory.GrantText(g.Role, g.AreaCode, areas)))
            .ToList();
        ActiveApiKeys = await db.ApiKeys.CountAsync(k => k.UserId == user.Id && k.RevokedAt == null, ct);
        ChosenRole = Roles.TryParse(GrantRole, out var role) ? role : Role.Reporter;
        AreaChoices = await UserDirectory.AreaChoicesAsync(db, ChosenRole, ct);
        Stamp ??= user.ConcurrencyStamp;
    }
}
