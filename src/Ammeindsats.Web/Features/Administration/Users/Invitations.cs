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

    public static void MailInvitation(EmailOutbox outbox, AppUser user, Role role, string link) =>
        outbox.Enqueue(
            user.Email!,
            "Invitation til Ammeindsats",
            $"""
            Hej {user.DisplayName}

            Du er inviteret til Ammeindsats med rollen {role.DanishName()}.

            Vælg din adgangskode her:
            {link}

            Linket kan bruges én gang. Har du ikke bedt om at komme ind i Ammeindsats, kan du se bort fra denne e-mail.

            Venlig hilsen
            Ammeindsats
            """);

    public static void MailReset(EmailOutbox outbox, AppUser user, string link) =>
        outbox.Enqueue(
            user.Email!,
            "Ny adgangskode til Ammeindsats",
            $"""
            Hej {user.DisplayName}

            En administrator har bedt om, at du vælger en ny adgangskode til Ammeindsats.

            Vælg den her:
            {link}

            Linket kan bruges én gang. Din nuværende adgangskode virker, indtil du har valgt en ny.

            Venlig hilsen
            Ammeindsats
            """);
}
