using Ammeindsats.Core.Areas;
using Ammeindsats.Data;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Areas;

/// <summary>GET /api/v1/areas: every area with its type and current parents. Open data, no login.</summary>
public static class AreasApi
{
    /// <summary>Confirmed is false where the reference data could not confirm the area or its membership.</summary>
    public sealed record AreaDto(string Code, string Name, string Type, IReadOnlyList<string> Parents, bool Confirmed);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/areas", GetAreas).AllowAnonymous().WithName("GetAreas").WithSummary("Områder: land, regioner, klynger, kommuner, fødesteder")
            .Produces<List<AreaDto>>(StatusCodes.Status200OK, "application/json");

    private static async Task<IResult> GetAreas(AmmeindsatsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var areas = await db.Areas.AsNoTracking().ToListAsync(ct);
        var memberships = await db.AreaMemberships.AsNoTracking().ToListAsync(ct);
        var hierarchy = new AreaHierarchy(areas, memberships, today);

        var result = areas
            .OrderBy(a => a.Type).ThenBy(a => a.Code, StringComparer.Ordinal)
            .Select(a => new AreaDto(a.Code, a.Name, a.Type.Token(), hierarchy.ParentsOf(a.Code).Order(StringComparer.Ordinal).ToList(), a.Confirmed))
            .ToList();
        return Results.Ok(result);
    }
}
