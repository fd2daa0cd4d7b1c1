using System.Globalization;
using Ammeindsats.Core.Access;
using Ammeindsats.Data;
using Ammeindsats.Data.Access;
using Ammeindsats.Web.Features.Administration.Users;
using Ammeindsats.Web.Infrastructure;
using Ammeindsats.Web.Infrastructure.Platform;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Ammeindsats.Web.Tests.Platform;

/// <summary>
/// The outbox delivers through MailKit to a real SMTP server on 127.0.0.1: each mail with its plain-text part and
/// its HTML alternative, in the language of the page that sent it, to its recipient; a refusal keeps it for retry.
/// </summary>
public sealed class MailTests
{
    private const string Link = "https://ammeindsats.example/konto/invitation?userId=u-1&token=CfDJ8%2Bab";

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Outbox_DeliversTemplatedMails_WithBothParts_InTheSendersLanguage_ToTheRecipient(DatabaseProvider provider)
    {
        SkipIfNoServer(provider);
        using var app = TestApp.Create(provider, demo: false);
        await using var sink = await SmtpSink.StartAsync();
        using var scope = app.Services.CreateScope();
        var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();

        InCulture("en-GB", () => Invitations.MailInvitation(outbox, new AppUser { Email = "ann@example.dk", DisplayName = "Ann <Example>" }, Role.Reporter, Link));
        InCulture("da-DK", () => Invitations.MailReset(outbox, new AppUser { Email = "bo@example.dk", DisplayName = "Bo Ærø" }, Link));
        await db.SaveChangesAsync();

        await Job(sink.Port).RunAsync(scope.ServiceProvider, CancellationToken.None);

        Assert.Equal(2, sink.Received.Count);
        var invitation = sink.Received.Single(r => r.EnvelopeTo.SequenceEqual(["ann@example.dk"]));
        var reset = sink.Received.Single(r => r.EnvelopeTo.SequenceEqual(["bo@example.dk"]));

        var en = invitation.Message;
        Assert.Equal("ann@example.dk", Assert.Single(en.To.Mailboxes).Address);
        Assert.Equal("ammeindsats@example.dk", Assert.Single(en.From.Mailboxes).Address);
        Assert.Equal("Invitation to Ammeindsats", en.Subject);
        Assert.Equal("en", en.Body!.Headers[HeaderId.ContentLanguage]);
        AssertAlternative(en);
        Assert.Contains("Hello Ann <Example>", en.TextBody, StringComparison.Ordinal);
        Assert.Contains("You have been invited to Ammeindsats with the role Reporter.", en.TextBody, StringComparison.Ordinal);
        Assert.Contains(Link, en.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Venlig hilsen", en.TextBody, StringComparison.Ordinal);
        // The HTML part: the name encoded, the link as an href with its & encoded, the page's language.
        Assert.Contains("<html lang=\"en\">", en.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Hello Ann &lt;Example&gt;", en.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://ammeindsats.example/konto/invitation?userId=u-1&amp;token=CfDJ8%2Bab\"", en.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<strong>Reporter</strong>", en.HtmlBody, StringComparison.Ordinal);

        var da = reset.Message;
        Assert.Equal("bo@example.dk", Assert.Single(da.To.Mailboxes).Address);
        Assert.Equal("Ny adgangskode til Ammeindsats", da.Subject);
        Assert.Equal("da", da.Body!.Headers[HeaderId.ContentLanguage]);
        AssertAlternative(da);
        Assert.StartsWith("Hej Bo Ærø\n\nEn administrator har bedt om, at du vælger en ny adgangskode til Ammeindsats.", (da.TextBody ?? string.Empty).ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"da\">", da.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Vælg en ny adgangskode", da.HtmlBody, StringComparison.Ordinal);

        db.ChangeTracker.Clear();
        var rows = await db.OutboxMessages.ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, m => Assert.True(m.SentAt is not null && m.Attempts == 1 && m.LastError is null, $"{m.To}: sent {m.SentAt}, attempts {m.Attempts}, {m.LastError}"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task RefusedOrUnreachableServer_LeavesTheMessageInTheOutbox_AndALaterRunDeliversIt(DatabaseProvider provider)
    {
        SkipIfNoServer(provider);
        using var app = TestApp.Create(provider, demo: false);
        await using var sink = await SmtpSink.StartAsync();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
        InCulture("da-DK", () => Invitations.MailInvitation(scope.ServiceProvider.GetRequiredService<EmailOutbox>(), new AppUser { Email = "cy@example.dk", DisplayName = "Cy" }, Role.Reader, Link));
        await db.SaveChangesAsync();

        // No server at all on the port.
        await Job(SmtpSink.FreePort()).RunAsync(scope.ServiceProvider, CancellationToken.None);
        var afterUnreachable = await ReadAsync(db);
        Assert.Null(afterUnreachable.SentAt);
        Assert.Equal(1, afterUnreachable.Attempts);
        Assert.False(string.IsNullOrEmpty(afterUnreachable.LastError));

        // A server that refuses the message.
        sink.Refuse = true;
        await Job(sink.Port).RunAsync(scope.ServiceProvider, CancellationToken.None);
        var afterRefusal = await ReadAsync(db);
        Assert.Empty(sink.Received);
        Assert.Null(afterRefusal.SentAt);
        Assert.Equal(2, afterRefusal.Attempts);
        Assert.Contains("554", afterRefusal.LastError ?? string.Empty, StringComparison.Ordinal);

        sink.Refuse = false;
        await Job(sink.Port).RunAsync(scope.ServiceProvider, CancellationToken.None);
        var delivered = await ReadAsync(db);
        Assert.NotNull(delivered.SentAt);
        Assert.Equal(3, delivered.Attempts);
        Assert.Null(delivered.LastError);
        var mail = Assert.Single(sink.Received);
        Assert.Equal(["cy@example.dk"], mail.EnvelopeTo);
        Assert.Equal("Invitation til Ammeindsats", mail.Message.Subject);
        Assert.Contains("med rollen Læser.", mail.Message.TextBody, StringComparison.Ordinal);

        // Sent once: a further run sends nothing again.
        await Job(sink.Port).RunAsync(scope.ServiceProvider, CancellationToken.None);
        Assert.Single(sink.Received);
    }

    [Fact]
    public void EveryTemplate_HasBothLanguagesAndBothParts()
    {
        var names = MailTemplates.Names();
        Assert.Contains("invitation", names);
        Assert.Contains("password-reset", names);
        var resources = typeof(MailTemplates).Assembly.GetManifestResourceNames();
        foreach (var name in names)
        {
            foreach (var file in new[] { "_da.txt", "_da.html", "_en.txt", "_en.html" })
            {
                Assert.Contains(MailTemplates.ResourcePrefix + name + file, resources);
            }
        }

        // A template and its caller must agree on the values.
        var missing = Assert.Throws<InvalidOperationException>(() => MailTemplates.Render("password-reset", new CultureInfo("da-DK"), new Dictionary<string, string?> { ["name"] = "x" }));
        Assert.Contains("{{link}}", missing.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => MailTemplates.Render("password-reset", new CultureInfo("en-GB"), new Dictionary<string, string?> { ["name"] = "x", ["link"] = "y", ["role"] = "z" }));
    }

    private static OutboxDispatchJob Job(int port) =>
        new(new MailKitEmailTransport(Options.Create(new EmailOptions
        {
            SmtpHost = "127.0.0.1",
            SmtpPort = port,
            SmtpSecurity = SmtpSecurity.None,
            From = "ammeindsats@example.dk",
        })), TimeProvider.System);

    private static async Task<Data.Platform.OutboxMessage> ReadAsync(AmmeindsatsDbContext db)
    {
        db.ChangeTracker.Clear();
        return await db.OutboxMessages.SingleAsync();
    }

    private static void AssertAlternative(MimeMessage message)
    {
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType).ToArray());
    }

    private static void InCulture(string culture, Action action)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static void SkipIfNoServer(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            PostgresServer.SkipIfUnavailable();
        }
    }
}
