using Ammeindsats.Core.Common;

namespace Ammeindsats.Core.Areas;

/// <summary>
/// The rules for an area's memberships over time: which areas may be chosen as a parent, when a new membership is
/// allowed (one parent, one membership at a time; no area under itself), and when one may end. Each check gives
/// the Danish message to show, or null when the membership passes it.
/// </summary>
public static class MembershipRules
{
    /// <summary>The areas offered as parents: active areas that can have members (not municipalities or birth sites), other than the area itself.</summary>
    public static bool MayBeOfferedAsParent(Area candidate, Area child)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(child);
        return candidate.Active && candidate.Code != child.Code && candidate.Type is not (AreaType.Municipality or AreaType.BirthSite);
    }

    /// <summary>A parent must be chosen, and it must be another area.</summary>
    public static string? CheckParent(Area child, Area? parent)
    {
        ArgumentNullException.ThrowIfNull(child);
        return parent is null ? "Vælg det område, som området skal høre til."
            : parent.Code == child.Code ? "Et område kan ikke høre til sig selv."
            : null;
    }

    /// <summary>
    /// A new membership of <paramref name="child"/> in <paramref name="parent"/> from <paramref name="from"/>: refused
    /// while an earlier membership in the same parent has not ended by that date, and when the parent lies under the
    /// child on that date (except the whole country, which every area lies within).
    /// </summary>
    /// <param name="areas">Every area.</param>
    /// <param name="memberships">Every membership, of every area.</param>
    public static string? CheckNew(Area child, Area parent, DateOnly from, IEnumerable<Area> areas, IEnumerable<AreaMembership> memberships)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(parent);
        var all = memberships.ToList();
        if (all.Any(m => m.ChildCode == child.Code && m.ParentCode == parent.Code && (m.ValidTo is null || m.ValidTo > from)))
        {
            return $"{child.Name} hører allerede til {parent.Name} på den dato. Afslut det gamle medlemskab først, eller vælg en senere dato.";
        }

        var hierarchy = new AreaHierarchy(areas, all, from);
        if (hierarchy.IsWithin(parent.Code, child.Code) && parent.Code != AreaCode.Denmark)
        {
            return $"{parent.Name} hører selv til {child.Name}. Et område kan ikke høre til et område under sig selv.";
        }

        return null;
    }

    /// <summary>A membership ends after it began (the end date is exclusive).</summary>
    public static string? CheckEnd(AreaMembership membership, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(membership);
        return to <= membership.ValidFrom
            ? $"Slutdatoen skal ligge efter startdatoen {DanishFormat.TableDate(membership.ValidFrom)}."
            : null;
    }
}
