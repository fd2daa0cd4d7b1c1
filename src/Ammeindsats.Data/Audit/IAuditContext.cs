namespace Ammeindsats.Data.Audit;

/// <summary>Who is making the change: a logged-in user, an API key, or the command line.</summary>
public interface IAuditContext
{
    string Actor { get; }

    string? UserId { get; }

    int? ApiKeyId { get; }

    DateTimeOffset Now { get; }
}

/// <summary>The command line and seeding: no user, a named actor.</summary>
public sealed class FixedAuditContext(string actor, TimeProvider clock, string? userId = null) : IAuditContext
{
    public string Actor { get; } = actor;

    public string? UserId { get; } = userId;

    public int? ApiKeyId => null;

    public DateTimeOffset Now => clock.GetUtcNow();
}
