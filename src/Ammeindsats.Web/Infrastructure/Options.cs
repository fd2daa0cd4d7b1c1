using System.ComponentModel.DataAnnotations;
using Ammeindsats.Data;

namespace Ammeindsats.Web.Infrastructure;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>On the first start of an empty database: load demo content and demo logins (off unless configured, as in Development).</summary>
    public bool SeedDemoOnFirstRun { get; set; }

    /// <summary>Apply migrations when the web app starts (on for a single installation).</summary>
    public bool MigrateOnStart { get; set; } = true;
}

public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>Without an SMTP host, e-mails stay in the outbox and invitation links are shown to the administrator.</summary>
    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    [Required]
    [EmailAddress]
    public string From { get; set; } = "ammeindsats@localhost.localdomain";

    /// <summary>
    /// How the connection is secured. Auto: TLS from the start on port 465, STARTTLS when the server offers it on
    /// port 25, and STARTTLS required on any other port (587).
    /// </summary>
    public SmtpSecurity SmtpSecurity { get; set; } = SmtpSecurity.Auto;

    public bool Configured => !string.IsNullOrWhiteSpace(SmtpHost);
}

public enum SmtpSecurity
{
    Auto,

    /// <summary>No TLS at all: only for a relay on the same machine or a closed network.</summary>
    None,

    StartTls,

    SslOnConnect,
}

public sealed class OpenIdConnectSettings
{
    public const string Section = "Authentication:OpenIdConnect";

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Shown on the login button, e.g. "MitID Erhverv".</summary>
    public string DisplayName { get; set; } = "MitID Erhverv";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Uploaded files waiting for confirmation are deleted after this.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan UploadLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Sent e-mails are kept in the outbox for this many days, then deleted.</summary>
    [Range(1, 3650)]
    public int SentEmailDays { get; set; } = 90;

    /// <summary>Records of who read whose contact data are kept this many days.</summary>
    [Range(30, 3650)]
    public int PersonalDataReadDays { get; set; } = 730;
}
