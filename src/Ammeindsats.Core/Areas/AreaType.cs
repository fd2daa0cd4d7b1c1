namespace Ammeindsats.Core.Areas;

/// <summary>The kinds of area the effort is followed in. The token is what URLs, the API and files use.</summary>
public enum AreaType
{
    Country,
    Region,
    Cluster,
    Municipality,
    BirthSite,

    /// <summary>From 2027 the health reform replaces the clusters by health councils (sundhedsråd).</summary>
    HealthCouncil,
}

public static class AreaTypes
{
    public static string Token(this AreaType type) => type switch
    {
        AreaType.Country => "country",
        AreaType.Region => "region",
        AreaType.Cluster => "cluster",
        AreaType.Municipality => "municipality",
        AreaType.BirthSite => "birthSite",
        AreaType.HealthCouncil => "healthCouncil",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static string DanishName(this AreaType type) => type switch
    {
        AreaType.Country => "Land",
        AreaType.Region => "Region",
        AreaType.Cluster => "Sundhedsklynge",
        AreaType.Municipality => "Kommune",
        AreaType.BirthSite => "Fødested",
        AreaType.HealthCouncil => "Sundhedsråd",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static string EnglishName(this AreaType type) => type switch
    {
        AreaType.Country => "Country",
        AreaType.Region => "Region",
        AreaType.Cluster => "Health cluster",
        AreaType.Municipality => "Municipality",
        AreaType.BirthSite => "Birth site",
        AreaType.HealthCouncil => "Health council",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
