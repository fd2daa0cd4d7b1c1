using Ammeindsats.Core.Audit;

namespace Ammeindsats.Core.Access;

/// <summary>A user holds grants of (role, area). An administrator's or reader's grant may name no area.</summary>
public sealed class UserGrant : IAudited
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public Role Role { get; set; }

    public string? AreaCode { get; set; }

    public string AuditKey => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
