using System.Security.Claims;
using Ammeindsats.Data.Audit;

namespace Ammeindsats.Web.Infrastructure.Auth;

/// <summary>The actor of a web request: the logged-in user or the API key's owner; "system" outside a request.</summary>
public sealed class HttpAuditContext(IHttpContextAccessor accessor, TimeProvider clock) : IAuditContext
{
    /// <summary>The request item that names the user a login request is logging in, so its changes are theirs.</summary>
    public const string LoggingInKey = "ammeindsats:logging-in";

    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public string Actor
    {
        get
        {
            if (accessor.HttpContext is null)
            {
                // Outside a request: seeding at start-up and scheduled jobs.
                return "system";
            }

            var user = User;
            if (user?.Identity?.IsAuthenticated != true)
            {
                // During a login the request is still anonymous; the login page names the user who logs in.
                return accessor.HttpContext.Items[LoggingInKey] as string ?? "anonym";
            }

            var name = user.FindFirstValue(ClaimTypes.Email) ?? user.Identity.Name ?? "ukendt";
            var key = user.FindFirstValue(AppClaims.ApiKeyName);
            return key is null ? name : $"{name} (API-nøgle {key})";
        }
    }

    public string? UserId => User?.FindFirstValue(ClaimTypes.NameIdentifier);

    public int? ApiKeyId => int.TryParse(User?.FindFirstValue(AppClaims.ApiKeyId), out var id) ? id : null;

    public DateTimeOffset Now => clock.GetUtcNow();
}

/// <summary>The command line's actor: "kommandolinje", or the user named with --as.</summary>
public sealed class CommandLineActor(TimeProvider clock)
{
    public IAuditContext Context { get; private set; } = new FixedAuditContext("kommandolinje", clock);

    public void ActAs(string email, string userId) => Context = new FixedAuditContext($"{email} (kommandolinje)", clock, userId);
}

public static class AppClaims
{
    public const string ApiKeyId = "ammeindsats:api_key_id";
    public const string ApiKeyName = "ammeindsats:api_key_name";
}
