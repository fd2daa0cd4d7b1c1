using Ammeindsats.Core.Audit;

namespace Ammeindsats.Core.Areas;

/// <summary>A country, region, cluster, municipality, birth site or health council.</summary>
public sealed class Area : IAudited, IVersioned
{
    public required string Code { get; set; }

    public AreaType Type { get; set; }

    public required string Name { get; set; }

    public string? NameEn { get; set; }

    /// <summary>For clusters the acute hospital, for birth sites the city.</summary>
    public string? Description { get; set; }

    /// <summary>False where the reference data could not confirm the row; an administrator checks it.</summary>
    public bool Confirmed { get; set; } = true;

    /// <summary>False for areas that no longer exist (a birth site that closed), kept for their history.</summary>
    public bool Active { get; set; } = true;

    public int Version { get; set; }

    public string AuditKey => Code;
}
