using Ammeindsats.Core.Audit;
using Microsoft.AspNetCore.Identity;

namespace Ammeindsats.Data.Access;

/// <summary>A login. Its grants (role, area) live in <see cref="Core.Access.UserGrant"/>.</summary>
public sealed class AppUser : IdentityUser, IAudited, IPersonalRecord
{
    [PersonalDataField]
    public string? DisplayName { get; set; }

    /// <summary>A disabled user cannot log in or use API keys; the account and its history stay.</summary>
    public bool Disabled { get; set; }

    public bool IsDemo { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastLoginAt { get; set; }

    public string AuditKey => Id;

    public string PersonalDataSubject => "user:" + Id;
}
