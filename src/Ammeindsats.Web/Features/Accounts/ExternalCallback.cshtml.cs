using Ammeindsats.Data.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ammeindsats.Web.Features.Accounts;

/// <summary>
/// After MitID Erhverv or Entra ID: the e-mail from the provider must belong to an existing, enabled user
/// (invited by an administrator). An unknown e-mail gets no account automatically.
/// </summary>
[AllowAnonymous]
public sealed class ExternalCallbackModel(SignInManager<AppUser> signIn, UserManager<AppUser> users) : PageModel
{
    public string Message { get; private set; } = "Login via den eksterne udbyder mislykkedes.";

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        var email = info?.Principal.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value;
        if (info is null || email is null)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null || user.Disabled)
        {
            Message = $"Der findes ingen aktiv bruger med e-mailen {email}. Bed en administrator om en invitation.";
            return Page();
        }

        await signIn.SignInAsync(user, isPersistent: false, info.LoginProvider);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
