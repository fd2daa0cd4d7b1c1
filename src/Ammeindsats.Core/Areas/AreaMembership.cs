using Ammeindsats.Core.Audit;

namespace Ammeindsats.Core.Areas;

/// <summary>
/// "Child belongs to parent from ValidFrom until ValidTo". Memberships carry dates because the
/// structure changes (the 2027 health reform replaces regions and clusters), and a series is shown in
/// the structure of its time.
/// </summary>
public sealed class AreaMembership : IAudited, IVersioned
{
    public int Id { get; set; }

    public required string ChildCode { get; set; }

    public required string ParentCode { get; set; }

    public DateOnly ValidFrom { get; set; }

    /// <summary>Exclusive end; null while the membership holds.</summary>
    public DateOnly? ValidTo { get; set; }

    public bool Confirmed { get; set; } = true;

    public int Version { get; set; }

    public string AuditKey => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool HoldsOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date < ValidTo);
}
