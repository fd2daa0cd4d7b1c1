using Ammeindsats.Core.Audit;

namespace Ammeindsats.Data.Access;

/// <summary>
/// A key for the JSON API, scoped like its user. Only the SHA-256 of the secret is stored; the secret is
/// shown once when created. Keys are random 256-bit values, so a plain hash is enough (no password stretching).
/// </summary>
public sealed class ApiKey : IAudited
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>The public part of the key, used to find the row without scanning hashes.</summary>
    public required string Prefix { get; set; }

    public required string SecretHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public string AuditKey => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
