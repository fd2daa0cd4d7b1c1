using System.Globalization;
using Ammeindsats.Core.Access;
using Ammeindsats.Data.Access;
using Ammeindsats.Web.Infrastructure.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Ammeindsats.Web.Features.Administration.Users;

/// <summary>
/// A link to /konto/invitation with a one-time password token, mailed through the outbox. Without an SMTP
/// server the administrator is shown the link to pass on.
/// </summary>
public static class Invitations
{
    public static async Task<string> LinkAsync(UserManager<AppUser> users, AppUser user, IUrlHelper url, HttpRequest request)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        // The configured public address, never the request's Host header, when there is one.
        if (Infrastructure.Security.TransportSecurity.PublicBaseUrl(request.HttpContext.RequestServices.GetRequiredService<IConfiguration>()) is { } publicUrl)
        {
            var path = url.Page("/Accounts/Invitation", pageHandler: null, values: new { userId = user.Id, token })
                       ?? throw new InvalidOperationException("The invitation page has no route.");
            return new Uri(publicUrl, path).ToString();
        }

        return url.Page("/Accounts/Invitation", pageHandler: null, values: new { userId = user.Id, token }, protocol: request.Scheme, host: request.Host.ToString())
               ?? throw new InvalidOperationException("The invitation page has no route.");
    }

    /// <summary>The invitation in the language of the page that sent it (templates in Mail/invitation_*).</summary>
    public static void MailInvitation(EmailOutbox outbox, AppUser user, Role role, string link)
    {
        var culture = CultureInfo.CurrentUICulture;
        outbox.Enqueue(user.Email!, MailTemplates.Render("invitation", culture, new Dictionary<string, string?>
        {
            ["name"] = user.DisplayName,
            ["role"] = MailTemplates.LanguageOf(culture) == "en" ? role.EnglishName() : role.DanishName(),
            ["link"] = link,
        }));
    }

    /// <summary>The password reset in the language of the page that asked for it (templates in Mail/password-reset_*).</summary>
    public static void MailReset(EmailOutbox outbox, AppUser user, string link) =>
        outbox.Enqueue(user.Email!, MailTemplates.Render("password-reset", CultureInfo.CurrentUICulture, new Dictionary<string, string?>
        {
            ["name"] = user.DisplayName,
            ["link"] = link,
        }));
}
