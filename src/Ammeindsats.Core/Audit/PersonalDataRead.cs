namespace Ammeindsats.Core.Audit;

/// <summary>Who looked at whose contact data, and when.</summary>
public sealed class PersonalDataRead
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Reader { get; set; }

    public required string Subject { get; set; }

    public required string Purpose { get; set; }
}

/// <summary>The key that encrypts one person's fields in the audit trail. Erasing a person deletes it.</summary>
public sealed class PersonalDataKey
{
    public required string Subject { get; set; }

    public required byte[] Key { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
