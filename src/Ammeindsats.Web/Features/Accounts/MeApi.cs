using Ammeindsats.Core.Access;
using Ammeindsats.Data;
using Ammeindsats.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Accounts;

/// <summary>GET /api/v1/me: the caller's e-mail, roles and areas. 401 without a valid API key.</summary>
public static class MeApi
{
    public sealed record MeDto(string Email, IReadOnlyList<string> Roles, IReadOnlyList<string> Areas, IReadOnlyList<GrantDto> Grants);

    public sealed record GrantDto(string Role, string? Area);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/me", GetMe).RequireAuthorization(Policies.ApiKey).WithName("GetMe").WithSummary("Den kaldende bruger")
            .Produces<MeDto>(StatusCodes.Status200OK, "application/json");

    private static async Task<IResult> GetMe(CurrentAccess access, AmmeindsatsDbContext db, CancellationToken ct)
    {
        var userId = access.UserId;
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return Results.Unauthorized();
        }

        var grants = await db.UserGrants.AsNoTracking().Where(g => g.UserId == user.Id).OrderBy(g => g.Role).ThenBy(g => g.AreaCode).ToListAsync(ct);
        return Results.Ok(new MeDto(
            user.Email ?? string.Empty,
            grants.Select(g => g.Role.Token()).Distinct().ToList(),
            grants.Where(g => g.AreaCode is not null).Select(g => g.AreaCode!).Distinct().ToList(),
            grants.Select(g => new GrantDto(g.Role.Token(), g.AreaCode)).ToList()));
    }
}
