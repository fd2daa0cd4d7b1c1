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
/// Creates a user without a password, with their roles, and sends an invitation link. The areas offered
/// follow the chosen role; "Vis områder for rollen" updates them without JavaScript.
/// </summary>
public sealed class InviteModel(
    AmmeindsatsDbContext db,
    UserManager<AppUser> users,
    EmailOutbox outbox,
    IEmailTransport transport,
    TimeProvider clock) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Skriv brugerens e-mail.")]
    [EmailAddress(ErrorMessage = "Skriv en gyldig e-mailadresse.")]
    [StringLength(256, ErrorMessage = "E-mailen må højst være 256 tegn.")]
    public string Email { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Skriv brugerens navn.")]
    [StringLength(200, ErrorMessage = "Navnet må højst være 200 tegn.")]
    public string Name { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true, Name = "rolle")]
    public string? RoleToken { get; set; }

    [BindProperty]
    public List<string> Areas { get; set; } = [];

    public Role Role { get; private set; } = Role.Reporter;

    public IReadOnlyList<AreaGroup> AreaChoices { get; private set; } = [];

    /// <summary>Set after a successful invitation.</summary>
    public AppUser? Invited { get; private set; }

    /// <summary>The link, shown only when no SMTP server can send it.</summary>
    public string? ShownLink { get; private set; }

    public bool MailConfigured => transport.Configured;

    public async Task OnGetAsync(CancellationToken ct) => await LoadChoicesAsync(ct);

    /// <summary>Shows the areas that fit the chosen role, keeping what was typed; nothing is saved.</summary>
    public async Task<IActionResult> OnPostShowAreasAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Areas = [];
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Roles.TryParse(RoleToken, out var role))
        {
            ModelState.AddModelError("rolle", "Vælg en rolle.");
        }

        await LoadChoicesAsync(ct);
        var codes = Areas.Where(a => !string.IsNullOrWhiteSpace(a)).Select(AreaCode.Normalize).Distinct().ToList();
        var chosen = await db.Areas.AsNoTracking().Where(a => codes.Contains(a.Code)).ToListAsync(ct);
        if (ModelState.GetFieldValidationState("rolle") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
            && UserDirectory.CheckAreas(role, chosen, codes.Count) is { } areaError)
        {
            ModelState.AddModelError(nameof(Areas), areaError);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Email.Trim();
        var user = new AppUser { UserName = email, Email = email, DisplayName = Name.Trim(), CreatedAt = clock.GetUtcNow() };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(error.Code is "DuplicateEmail" or "DuplicateUserName" or "InvalidEmail" or "InvalidUserName" ? nameof(Email) : string.Empty, error.Description);
            }

            return Page();
        }

        foreach (var code in codes.DefaultIfEmpty())
        {
            db.UserGrants.Add(new UserGrant { UserId = user.Id, Role = role, AreaCode = code });
        }

        var link = await Invitations.LinkAsync(users, user, Url, Request);
        Invitations.MailInvitation(outbox, user, role, link);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        Invited = user;
        ShownLink = transport.Configured ? null : link;
        return Page();
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Role = Roles.TryParse(RoleToken, out var role) ? role : Role.Reporter;
        RoleToken = Role.Token();
        AreaChoices = await UserDirectory.AreaChoicesAsync(db, Role, ct);
    }
}
