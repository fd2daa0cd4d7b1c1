using Ammeindsats.Core.Areas;

namespace Ammeindsats.Core.Access;

/// <summary>
/// What one caller may see and do, worked out from their grants and the area structure.
/// Secretariat: every area within its regions. Network: its cluster, the cluster's municipalities and
/// birth sites. Reporter: its own municipality or birth site. Reader: published figures only.
/// </summary>
public sealed class AccessScope
{
    private readonly IReadOnlyList<(Role Role, string? Area)> _grants;
    private readonly AreaHierarchy _hierarchy;

    public AccessScope(IEnumerable<(Role Role, string? Area)> grants, AreaHierarchy hierarchy)
    {
        _grants = grants.ToList();
        _hierarchy = hierarchy;
    }

    public static AccessScope Anonymous(AreaHierarchy hierarchy) => new([], hierarchy);

    public bool IsAuthenticatedWithRoles => _grants.Count > 0;

    public bool IsAdministrator => _grants.Any(g => g.Role == Role.Administrator);

    public IReadOnlySet<Role> Roles => _grants.Select(g => g.Role).ToHashSet();

    public bool Has(Role role) => _grants.Any(g => g.Role == role);

    /// <summary>True when the caller holds one of the roles for an area that covers <paramref name="areaCode"/>.</summary>
    public bool CanActOn(string areaCode, params Role[] roles)
    {
        if (IsAdministrator)
        {
            return true;
        }

        foreach (var (role, area) in _grants)
        {
            if (!roles.Contains(role) || area is null)
            {
                continue;
            }

            if (Covers(role, area, areaCode))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>May see unpublished (draft, unsuppressed) figures for the area: any role but reader, own areas.</summary>
    public bool CanSeeUnpublished(string areaCode) =>
        CanActOn(areaCode, Role.Secretariat, Role.Network, Role.Reporter);

    private bool Covers(Role role, string grantArea, string target)
    {
        if (grantArea == target)
        {
            return true;
        }

        return role switch
        {
            Role.Secretariat or Role.Network => _hierarchy.IsWithin(target, grantArea) || BirthSiteOrClusterInside(target, grantArea),
            _ => false,
        };
    }

    // A cluster lies within its region through its own membership; a birth site through its region or cluster.
    private bool BirthSiteOrClusterInside(string target, string grantArea)
    {
        var area = _hierarchy.Find(target);
        if (area is null || area.Type is not (AreaType.Cluster or AreaType.BirthSite))
        {
            return false;
        }

        return _hierarchy.ParentsOf(target).Any(p => p == grantArea);
    }
}
