using Ammeindsats.Core.Areas;

namespace Ammeindsats.Core.Tests.Areas;

/// <summary>
/// A small piece of the real structure: Denmark; Region Midtjylland (1082) with the Aarhus cluster, Aarhus (751,
/// in the cluster), Randers (730, not in it) and the birth site at Aarhus University Hospital (RM-AUH, in the
/// cluster); Region Hovedstaden (1084) with København (101).
/// </summary>
internal static class TestAreas
{
    public static readonly DateOnly On = new(2026, 6, 1);

    public static Area Denmark { get; } = new() { Code = "DK", Type = AreaType.Country, Name = "Danmark" };

    public static Area Midtjylland { get; } = new() { Code = "1082", Type = AreaType.Region, Name = "Region Midtjylland" };

    public static Area Hovedstaden { get; } = new() { Code = "1084", Type = AreaType.Region, Name = "Region Hovedstaden" };

    public static Area AarhusCluster { get; } = new() { Code = "K-AARHUS", Type = AreaType.Cluster, Name = "Klynge Aarhus" };

    public static Area Aarhus { get; } = new() { Code = "751", Type = AreaType.Municipality, Name = "Aarhus" };

    public static Area Randers { get; } = new() { Code = "730", Type = AreaType.Municipality, Name = "Randers" };

    public static Area Copenhagen { get; } = new() { Code = "101", Type = AreaType.Municipality, Name = "København" };

    public static Area Auh { get; } = new() { Code = "RM-AUH", Type = AreaType.BirthSite, Name = "Aarhus Universitetshospital" };

    public static IReadOnlyList<Area> All => [Denmark, Midtjylland, Hovedstaden, AarhusCluster, Aarhus, Randers, Copenhagen, Auh];

    public static List<AreaMembership> Memberships() =>
    [
        Member("1082", "DK"), Member("1084", "DK"),
        Member("K-AARHUS", "1082"),
        Member("751", "1082"), Member("751", "K-AARHUS"),
        Member("730", "1082"),
        Member("101", "1084"),
        Member("RM-AUH", "1082"), Member("RM-AUH", "K-AARHUS"),
    ];

    public static AreaHierarchy Hierarchy() => new(All, Memberships(), On);

    public static AreaMembership Member(string child, string parent, DateOnly? from = null, DateOnly? to = null) =>
        new() { ChildCode = child, ParentCode = parent, ValidFrom = from ?? new DateOnly(2007, 1, 1), ValidTo = to };
}
