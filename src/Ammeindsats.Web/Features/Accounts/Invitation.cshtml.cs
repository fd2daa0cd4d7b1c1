using Ammeindsats.Data.Access;
using Ammeindsats.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Ammeindsats.Web.Features.Accounts;

/// <summary>The invited (or reset) user chooses a password with the one-time link from the e-mail.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Login)]
public sealed class InvitationModel(UserManager<AppUser> users) : PageModel
{
    public const string PasswordPolicy = "Mindst 12 tegn med både store og små bogstaver og mindst ét tal.";

    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Repeat { get; set; }

    public string? Email { get; private set; }

    /// <summary>Why the link cannot be used; null when the form can be shown.</summary>
    public string? LinkProblem { get; private set; }

    public async Task OnGetAsync()
    {
        var user = await CheckLinkAsync();
        if (user is not null && !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, Token!))
        {
            LinkProblem = "Linket er udløbet eller allerede brugt. Bed administratoren om et nyt.";
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await CheckLinkAsync();
        if (user is null)
        {
            return Page();
        }

        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Password), "Skriv en adgangskode.");
        }
        else if (!string.Equals(Password, Repeat, StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(Repeat), "De to adgangskoder er ikke ens. Skriv den samme adgangskode to gange.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, Token!, Password!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                if (error.Code == nameof(IdentityErrorDescriber.InvalidToken))
                {
                    LinkProblem = error.Description;
                }
                else
                {
                    ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(Password) : string.Empty, error.Description);
                }
            }

            return Page();
        }

        // The link came by e-mail, so following it proves the address.
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }

        await users.ResetAccessFailedCountAsync(user);
        TempData["Besked"] = "Din adgangskode er gemt. Log ind med din e-mail og den nye adgangskode.";
        return RedirectToPage("/Accounts/Login");
    }

    private async Task<AppUser?> CheckLinkAsync()
    {
        if (string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Token))
        {
            LinkProblem = "Linket er ikke helt. Kopiér hele linket fra e-mailen, eller bed administratoren om et nyt.";
            return null;
        }

        var user = await users.FindByIdAsync(UserId);
        if (user is null || user.Disabled)
        {
            LinkProblem = "Linket er udløbet eller allerede brugt. Bed administratoren om et nyt.";
            return null;
        }

        Email = user.Email;
        return user;
    }
}
