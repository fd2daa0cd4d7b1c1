using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Ammeindsats.Data;
using Ammeindsats.Data.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ammeindsats.Web.Infrastructure.Auth;

public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions;

/// <summary>
/// "Authorization: Bearer ak_&lt;prefix&gt;_&lt;secret&gt;". The prefix finds the row; the secret's SHA-256 is
/// compared in constant time. A key acts with its user's grants, and stops working when the key is revoked
/// or the user disabled.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AmmeindsatsDbContext db,
    IUserClaimsPrincipalFactory<AppUser> principalFactory,
    TimeProvider clock)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => ApiProblems.UnauthorizedAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => ApiProblems.ForbiddenAsync(Context);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeySecrets.TryParse(header["Bearer ".Length..].Trim(), out var prefix, out var secret))
        {
            return AuthenticateResult.Fail("Ugyldig API-nøgle.");
        }

        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Prefix == prefix && k.RevokedAt == null);
        if (key is null || !ApiKeySecrets.Matches(secret, key.SecretHash))
        {
            return AuthenticateResult.Fail("Ugyldig API-nøgle.");
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == key.UserId);
        if (user is null || user.Disabled)
        {
            return AuthenticateResult.Fail("Brugeren er deaktiveret.");
        }

        var principal = await principalFactory.CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, SchemeName);
        identity.AddClaim(new Claim(AppClaims.ApiKeyId, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(AppClaims.ApiKeyName, key.Name));

        // Recording use is best effort; the audit trail does not need a row per request.
        await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, clock.GetUtcNow()));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

public static class ApiKeySecrets
{
    public static (string Prefix, string Secret, string FullKey) Create()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (prefix, secret, $"ak_{prefix}_{secret}");
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    public static bool TryParse(string key, out string prefix, out string secret)
    {
        prefix = secret = string.Empty;
        var parts = key.Split('_', 3);
        if (parts.Length != 3 || parts[0] != "ak" || parts[1].Length != 12 || parts[2].Length < 20)
        {
            return false;
        }

        prefix = parts[1];
        secret = parts[2];
        return true;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>The API's answers to a missing or wrong key and to a missing right, as problem+json like its other errors.</summary>
public static class ApiProblems
{
    public static Task UnauthorizedAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Ikke logget ind",
            detail: "Kaldet kræver en gyldig API-nøgle i headeren «Authorization: Bearer ak_…». Nøgler oprettes under «Min konto» › «API-nøgler» eller med kommandoen «api-keys create».")
            .ExecuteAsync(context);
    }

    public static Task ForbiddenAsync(HttpContext context) =>
        Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Ingen adgang",
            detail: "API-nøglens bruger har ikke en rolle, der giver adgang til dette kald.")
            .ExecuteAsync(context);
}
