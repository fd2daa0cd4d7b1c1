namespace Ammeindsats.Core.Audit;

/// <summary>One line of the append-only audit trail.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The user, API key or command line that made the change, as shown to administrators.</summary>
    public required string Actor { get; set; }

    public string? ActorUserId { get; set; }

    public int? ActorApiKeyId { get; set; }

    public required string Entity { get; set; }

    public required string EntityKey { get; set; }

    /// <summary>insert, update, delete, or bulk for an import.</summary>
    public required string Action { get; set; }

    /// <summary>JSON of the changed fields before; personal fields encrypted.</summary>
    public string? Before { get; set; }

    /// <summary>JSON of the changed fields after; personal fields encrypted.</summary>
    public string? After { get; set; }

    /// <summary>The subject whose key encrypts the personal fields in Before/After.</summary>
    public string? PersonalDataSubject { get; set; }

    /// <summary>For a bulk operation: the SHA-256 of the imported file.</summary>
    public string? FileSha256 { get; set; }

    /// <summary>For a bulk operation: the number of cells the import changed.</summary>
    public int? CellsChanged { get; set; }

    public string? Summary { get; set; }
}

public static class AuditActions
{
    public const string Insert = "insert";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Bulk = "bulk";
}
