using System.Text;
using Ammeindsats.Data.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ammeindsats.Web.Features.Accounts.Manage;

/// <summary>
/// Optional two-factor login with an authenticator app (TOTP). The shared key is shown as text and as an
/// otpauth:// address, which most apps accept when typed or pasted.
/// </summary>
public sealed class TwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public const string Issuer = "Ammeindsats";

    public bool Enabled { get; private set; }

    /// <summary>The shared key in groups of four, or null before one is made.</summary>
    public string? SharedKey { get; private set; }

    public string? AuthenticatorUri { get; private set; }

    public bool ConfirmDisable { get; private set; }

    [BindProperty]
    public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync(string? bekraeft)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user);
        ConfirmDisable = Enabled && bekraeft == "slaa-fra";
        return Page();
    }

    /// <summary>Makes a new shared key (replacing any earlier one that was never confirmed).</summary>
    public async Task<IActionResult> OnPostNewKeyAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!user.TwoFactorEnabled)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            // The key change renews the security stamp; keep this browser signed in.
            await signIn.RefreshSignInAsync(user);
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var code = (Code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (code.Length == 0)
        {
            ModelState.AddModelError(nameof(Code), "Skriv koden fra din godkender-app.");
        }
        else if (await users.GetAuthenticatorKeyAsync(user) is null)
        {
            ModelState.AddModelError(string.Empty, "Lav først en nøgle, og tilføj den i din godkender-app.");
        }
        else if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), "Koden er forkert eller udløbet. Skriv den kode, appen viser lige nu.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.RefreshSignInAsync(user);
        TempData["Besked"] = "To-faktor-login er slået til. Næste gang du logger ind, skal du også skrive koden fra appen.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        // The old key stops working, so a lost phone cannot be used if it is turned on again.
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        TempData["Besked"] = "To-faktor-login er slået fra. Du logger nu ind med adgangskoden alene.";
        return RedirectToPage();
    }

    /// <summary>"abcd efgh ijkl …": easier to type from the screen.</summary>
    public static string FormatKey(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
            {
                result.Append(' ');
            }

            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return result.ToString().ToLowerInvariant();
    }

    public static string OtpAuthUri(string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";

    private async Task LoadAsync(AppUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (Enabled)
        {
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (key is not null)
        {
            SharedKey = FormatKey(key);
            AuthenticatorUri = OtpAuthUri(user.Email ?? user.UserName ?? user.Id, key);
        }
    }
}
