namespace Ammeindsats.Data.Platform;

/// <summary>
/// An e-mail waiting to be sent. Writing to the outbox happens in the same transaction as the change
/// that causes it; the scheduler's dispatch job sends it, so a failed SMTP server loses nothing.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    public required string To { get; set; }

    public required string Subject { get; set; }

    /// <summary>The plain-text part, always there.</summary>
    public required string Body { get; set; }

    /// <summary>The HTML alternative of <see cref="Body"/>, when the message came from a template.</summary>
    public string? HtmlBody { get; set; }

    /// <summary>The language the message is written in ("da" or "en"), sent as its Content-Language.</summary>
    public string? Language { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

/// <summary>A lease on a scheduled job, so that it runs once even with several web nodes.</summary>
public sealed class JobLease
{
    public required string Name { get; set; }

    public string? Holder { get; set; }

    public DateTimeOffset LeaseUntil { get; set; }

    public DateTimeOffset NextRunAt { get; set; }

    public DateTimeOffset? LastRunAt { get; set; }

    public string? LastError { get; set; }
}

/// <summary>
/// An uploaded file or attachment, kept in the database so every web node sees it, until it expires. Its content is
/// in <see cref="StoredFileChunk"/> rows, written and read a chunk at a time, so no file is ever held whole in memory.
/// </summary>
public sealed class StoredFile
{
    public Guid Id { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    public required string Sha256 { get; set; }

    /// <summary>What the file is for (e.g. "indicator-upload"), so each module can find its own.</summary>
    public required string Purpose { get; set; }

    public string? OwnerUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Deleted by the retention job after this time; null keeps it until deleted by hand.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}

/// <summary>One piece of a stored file's content, in order of <see cref="Index"/>; deleted with its file.</summary>
public sealed class StoredFileChunk
{
    public Guid FileId { get; set; }

    public int Index { get; set; }

    public required byte[] Data { get; set; }
}
