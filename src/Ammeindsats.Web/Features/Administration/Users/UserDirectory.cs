using Ammeindsats.Core.Access;
using Ammeindsats.Core.Areas;
using Ammeindsats.Data;
using Ammeindsats.Data.Access;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Administration.Users;

/// <summary>How a user's state reads in the administration pages.</summary>
public enum UserStatus
{
    Active,
    Invited,
    Locked,
    Disabled,
}

/// <summary>Shared by the user pages: statuses, grant texts and which areas fit which role.</summary>
public static class UserDirectory
{
    public static UserStatus StatusOf(AppUser user, DateTimeOffset now) =>
        user.Disabled ? UserStatus.Disabled
        : user.LockoutEnd is { } end && end > now ? UserStatus.Locked
        : user.PasswordHash is null ? UserStatus.Invited
        : UserStatus.Active;

    public static string DanishName(this UserStatus status) => status switch
    {
        UserStatus.Active => "Aktiv",
        UserStatus.Invited => "Inviteret, har ikke valgt adgangskode",
        UserStatus.Locked => "Låst efter forkerte forsøg",
        UserStatus.Disabled => "Deaktiveret",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>"Sekretariat: Region Midtjylland", or just "Administrator" for a grant without an area.</summary>
    public static string GrantText(Role role, string? areaCode, IReadOnlyDictionary<string, Area> areas) =>
        areaCode is null
            ? role.DanishName()
            : $"{role.DanishName()}: {(areas.TryGetValue(areaCode, out var area) ? area.Name : areaCode)}";

    /// <summary>The kinds of area a role is granted for; none for administrators and readers.</summary>
    public static IReadOnlyList<AreaType> AreaTypesFor(Role role) => role switch
    {
        Role.Secretariat => [AreaType.Region],
        Role.Network => [AreaType.Cluster, AreaType.HealthCouncil],
        Role.Reporter => [AreaType.Municipality, AreaType.BirthSite],
        _ => [],
    };

    public static string AreaHint(Role role) => role switch
    {
        Role.Secretariat => "Et sekretariat arbejder for en eller flere regioner.",
        Role.Network => "Et netværk hører til en sundhedsklynge.",
        Role.Reporter => "En indberetter indberetter for en kommune eller et fødested.",
        _ => "Rollen gælder hele systemet og skal ikke have et område.",
    };

    /// <summary>The active areas a role can be granted for, grouped by type and sorted by Danish name.</summary>
    public static async Task<IReadOnlyList<AreaGroup>> AreaChoicesAsync(AmmeindsatsDbContext db, Role role, CancellationToken ct)
    {
        var types = AreaTypesFor(role);
        if (types.Count == 0)
        {
            return [];
        }

        var areas = await db.Areas.AsNoTracking().Where(a => a.Active && types.Contains(a.Type)).ToListAsync(ct);
        var danish = Ammeindsats.Core.Common.DanishText.Comparer;
        return types
            .Select(t => new AreaGroup(t, areas.Where(a => a.Type == t).OrderBy(a => a.Name, danish).ToList()))
            .Where(g => g.Areas.Count > 0)
            .ToList();
    }

    /// <summary>Checks that the chosen areas suit the role; returns a Danish message or null.</summary>
    public static string? CheckAreas(Role role, IReadOnlyCollection<Area> chosen, int requested)
    {
        var types = AreaTypesFor(role);
        if (types.Count == 0)
        {
            return requested > 0 ? $"Rollen {role.DanishName()} gælder hele systemet. Vælg ikke noget område." : null;
        }

        if (requested == 0)
        {
            return $"Vælg mindst ét område. {AreaHint(role)}";
        }

        if (chosen.Count != requested || chosen.Any(a => !types.Contains(a.Type) || !a.Active))
        {
            return $"Et af de valgte områder passer ikke til rollen {role.DanishName()}. {AreaHint(role)}";
        }

        return null;
    }
}

public sealed record AreaGroup(AreaType Type, IReadOnlyList<Area> Areas);
