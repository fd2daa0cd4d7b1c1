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
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IOptions<OpenIdConnectSettings> oidc, LoginThrottle throttle, TimeProvider clock) : PageModel
{
    /// <summary>
    /// The one answer to an unknown e-mail, a wrong password, a disabled or locked account and a held-back
    /// address, so the answer says nothing about which accounts exist.
    /// </summary>
    public const string Refused = "E-mail eller adgangskode er forkert. Efter flere forkerte forsøg skal du vente lidt, før du prøver igen.";

    // A hash to check unknown e-mails against, so they cost the same time as a wrong password.
    private static readonly Lazy<string> UnknownUserHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

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

        var account = Email.Trim();
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var user = await users.FindByEmailAsync(account);

        // Every path checks a password hash, so the time taken does not tell an unknown e-mail from a known one.
        var allowed = throttle.IsAllowed(account, address);
        var passwordOk = false;
        if (user is null)
        {
            _ = users.PasswordHasher.VerifyHashedPassword(new AppUser(), UnknownUserHash.Value, Password);
        }
        else
        {
            passwordOk = await users.CheckPasswordAsync(user, Password);
        }

        if (user is null || user.Disabled || !allowed || !passwordOk || await users.IsLockedOutAsync(user))
        {
            if (allowed && !passwordOk)
            {
                throttle.Failed(account, address);
            }

            ModelState.AddModelError(string.Empty, Refused);
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
                throttle.Failed(account, address);
                RequiresCode = true;
                ModelState.AddModelError(nameof(Code), "Koden er forkert eller udløbet.");
                return Page();
            }
        }

        throttle.Succeeded(account, address);
        HttpContext.Items[HttpAuditContext.LoggingInKey] = user.Email;
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
