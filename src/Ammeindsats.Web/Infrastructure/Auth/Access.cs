using System.Security.Claims;
using Ammeindsats.Core.Access;
using Ammeindsats.Core.Areas;
using Ammeindsats.Data;
using Ammeindsats.Data.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ammeindsats.Web.Infrastructure.Auth;

/// <summary>Policy names used on pages and endpoints. The authorization matrix test knows each one.</summary>
public static class Policies
{
    /// <summary>Any user with at least one grant (readers included).</summary>
    public const string SignedIn = "signed-in";

    /// <summary>Staff who work with unpublished data: administrator, secretariat, network, reporter.</summary>
    public const string Staff = "staff";

    /// <summary>Approves and edits across a region: administrator, secretariat.</summary>
    public const string Secretariat = "secretariat";

    public const string Administrator = "administrator";

    /// <summary>The JSON API with an API key.</summary>
    public const string ApiKey = "api-key";

    public static void Configure(AuthorizationOptions o)
    {
        // An endpoint that declares nothing is for signed-in users: forgetting [AllowAnonymous] fails closed.
        o.FallbackPolicy = new AuthorizationPolicyBuilder().AddRequirements(new RoleRequirement(Roles.All.ToArray())).Build();
        o.AddPolicy(SignedIn, p => p.AddRequirements(new RoleRequirement(Roles.All.ToArray())));
        o.AddPolicy(Staff, p => p.AddRequirements(new RoleRequirement(Role.Administrator, Role.Secretariat, Role.Network, Role.Reporter)));
        o.AddPolicy(Secretariat, p => p.AddRequirements(new RoleRequirement(Role.Administrator, Role.Secretariat)));
        o.AddPolicy(Administrator, p => p.AddRequirements(new RoleRequirement(Role.Administrator)));
        o.AddPolicy(ApiKey, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).AddRequirements(new RoleRequirement(Roles.All.ToArray())));
    }
}

public sealed class RoleRequirement(params Role[] roles) : IAuthorizationRequirement
{
    public IReadOnlyList<Role> Roles { get; } = roles;
}

/// <summary>Grants live in the database, so a changed grant takes effect on the next request on every node.</summary>
public sealed class RoleRequirementHandler(CurrentAccess access) : AuthorizationHandler<RoleRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var scope = await access.GetAsync();
        if (requirement.Roles.Any(scope.Has))
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>The caller's grants and the area structure for this request, loaded once per request.</summary>
public sealed class CurrentAccess(IHttpContextAccessor http, AmmeindsatsDbContext db, TimeProvider clock)
{
    private AccessScope? _scope;
    private AreaHierarchy? _hierarchy;

    public string? UserId => http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public async Task<AreaHierarchy> HierarchyAsync(DateOnly? on = null)
    {
        var date = on ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (_hierarchy is not null && _hierarchy.On == date)
        {
            return _hierarchy;
        }

        var hierarchy = new AreaHierarchy(await db.Areas.AsNoTracking().ToListAsync(), await db.AreaMemberships.AsNoTracking().ToListAsync(), date);
        if (on is null)
        {
            _hierarchy = hierarchy;
        }

        return hierarchy;
    }

    public async Task<AccessScope> GetAsync()
    {
        if (_scope is not null)
        {
            return _scope;
        }

        var hierarchy = await HierarchyAsync();
        var userId = UserId;
        if (userId is null)
        {
            return _scope = AccessScope.Anonymous(hierarchy);
        }

        var disabled = await db.Users.Where(u => u.Id == userId).Select(u => u.Disabled).FirstOrDefaultAsync();
        var grants = disabled
            ? []
            : await db.UserGrants.Where(g => g.UserId == userId).Select(g => new { g.Role, g.AreaCode }).ToListAsync();
        return _scope = new AccessScope(grants.Select(g => (g.Role, g.AreaCode)), hierarchy);
    }
}

/// <summary>Adds e-mail to the cookie; roles and areas are read from the database on each request.</summary>
public sealed class GrantClaimsPrincipalFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.Email is not null && !identity.HasClaim(c => c.Type == ClaimTypes.Email))
        {
            identity.AddClaim(new Claim(ClaimTypes.Email, user.Email));
        }

        return identity;
    }
}

public static class RateLimits
{
    public const string Login = "login";
}
