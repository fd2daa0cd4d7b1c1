using System.ComponentModel.DataAnnotations;
using Ammeindsats.Data.Access;
using Ammeindsats.Web.Infrastructure;
using Ammeindsats.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Ammeindsats.Web.Features.Accounts;

[AllowAnonymous]
[EnableRateLimiting(RateLimits.Login)]
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IOptions<OpenIdConnectSettings> oidc, TimeProvider clock) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Skriv din e-mail.")]
    public string Email { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Skriv din adgangskode.")]
    public string Password { get; set; } = string.Empty;

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool RequiresCode { get; private set; }

    public string? ExternalProvider => oidc.Value.Enabled ? oidc.Value.DisplayName : null;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Email.Trim());
        if (user is null || user.Disabled)
        {
            ModelState.AddModelError(string.Empty, "E-mail eller adgangskode er forkert.");
            return Page();
        }

        if (await users.IsLockedOutAsync(user))
        {
            ModelState.AddModelError(string.Empty, "Kontoen er midlertidigt låst efter for mange forkerte forsøg. Prøv igen om 15 minutter.");
            return Page();
        }

        if (!await users.CheckPasswordAsync(user, Password))
        {
            await users.AccessFailedAsync(user);
            ModelState.AddModelError(string.Empty, "E-mail eller adgangskode er forkert.");
            return Page();
        }

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            var code = (Code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal);
            if (code.Length == 0)
            {
                RequiresCode = true;
                ModelState.AddModelError(nameof(Code), "Skriv koden fra din godkender-app.");
                return Page();
            }

            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await users.AccessFailedAsync(user);
                RequiresCode = true;
                ModelState.AddModelError(nameof(Code), "Koden er forkert eller udløbet.");
                return Page();
            }
        }

        await users.ResetAccessFailedCountAsync(user);
        user.LastLoginAt = clock.GetUtcNow();
        await users.UpdateAsync(user);
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    public IActionResult OnPostExternal()
    {
        if (!oidc.Value.Enabled)
        {
            return NotFound();
        }

        var redirect = Url.Page("/Accounts/ExternalCallback", new { ReturnUrl });
        var properties = signIn.ConfigureExternalAuthenticationProperties(OpenIdConnectDefaults.AuthenticationScheme, redirect);
        return Challenge(properties, OpenIdConnectDefaults.AuthenticationScheme);
    }
}
