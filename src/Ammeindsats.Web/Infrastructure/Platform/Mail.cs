using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Ammeindsats.Data.Platform;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Ammeindsats.Web.Infrastructure.Platform;

/// <summary>A mail ready for the outbox: subject, plain text and its HTML alternative, in one language.</summary>
public sealed record RenderedMail(string Subject, string Text, string Html, string Language);

/// <summary>
/// The mail templates a module ships in its folder as <c>Mail/NAME_da.txt</c>, <c>NAME_da.html</c>,
/// <c>NAME_en.txt</c> and <c>NAME_en.html</c> (embedded by the project file). The text file's first line is the
/// subject and its body follows an empty line; the HTML file holds the body's inner HTML. Placeholders are
/// written <c>{{name}}</c>; a value is HTML-encoded in the HTML part. A placeholder without a value, or a value
/// the template does not use, is an error, so a template and its caller cannot drift apart unnoticed.
/// </summary>
public static partial class MailTemplates
{
    public const string ResourcePrefix = "Ammeindsats.Web.Mail.";

    /// <summary>"en" for an English culture, otherwise "da" (Danish is the product's language).</summary>
    public static string LanguageOf(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" ? "en" : "da";

    /// <summary>The names of every template shipped, e.g. "invitation".</summary>
    public static IReadOnlyList<string> Names() =>
        typeof(MailTemplates).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith("_da.txt", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^"_da.txt".Length])
            .Order(StringComparer.Ordinal)
            .ToList();

    public static RenderedMail Render(string name, CultureInfo culture, IReadOnlyDictionary<string, string?> values)
    {
        var language = LanguageOf(culture);
        var text = Read($"{name}_{language}.txt").ReplaceLineEndings("\n");
        var html = Read($"{name}_{language}.html").ReplaceLineEndings("\n");
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (split <= 0)
        {
            throw new InvalidOperationException($"The mail template {name}_{language}.txt must start with the subject line and an empty line.");
        }

        var subject = Fill(text[..split], values, encode: false, name);
        var body = Fill(text[(split + 2)..].TrimEnd('\n'), values, encode: false, name);
        var inner = Fill(html.Trim(), values, encode: true, name);
        var unused = values.Keys.Where(k => !text.Contains("{{" + k + "}}", StringComparison.Ordinal) && !html.Contains("{{" + k + "}}", StringComparison.Ordinal)).ToList();
        if (unused.Count > 0)
        {
            throw new InvalidOperationException($"The mail template {name}_{language} does not use {string.Join(", ", unused)}.");
        }

        var document = $"""
            <!DOCTYPE html>
            <html lang="{language}">
            <head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(subject)}</title></head>
            <body style="font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a;">
            {inner}
            </body>
            </html>
            """;
        return new RenderedMail(subject, body, document, language);
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string?> values, bool encode, string name) =>
        Placeholder().Replace(template, m =>
        {
            var key = m.Groups[1].Value;
            if (!values.TryGetValue(key, out var value))
            {
                throw new InvalidOperationException($"The mail template {name} needs a value for {{{{{key}}}}}.");
            }

            return encode ? WebUtility.HtmlEncode(value ?? string.Empty) : value ?? string.Empty;
        });

    private static string Read(string file)
    {
        using var stream = typeof(MailTemplates).Assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidOperationException($"There is no mail template {file}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\{\{([a-zA-Z]+)\}\}")]
    private static partial Regex Placeholder();
}

/// <summary>Sending failed in a way a later attempt may overcome: the message stays in the outbox.</summary>
public sealed class EmailDeliveryException(string message, Exception inner) : Exception(message, inner);

/// <summary>Sends outbox messages through the configured SMTP server with MailKit, both parts in one message.</summary>
public sealed class MailKitEmailTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public bool Configured => options.Value.Configured;

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var o = options.Value;
        var mime = Build(message, o.From);
        using var client = new MailKit.Net.Smtp.SmtpClient { Timeout = 30_000 };
        try
        {
            await client.ConnectAsync(o.SmtpHost ?? throw new InvalidOperationException("Email:SmtpHost is not set."), o.SmtpPort, Security(o), ct);
            if (!string.IsNullOrEmpty(o.SmtpUser))
            {
                await client.AuthenticateAsync(o.SmtpUser, o.SmtpPassword ?? string.Empty, ct);
            }

            await client.SendAsync(mime, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception ex) when (ex is MailKit.CommandException or MailKit.ProtocolException or MailKit.ServiceNotConnectedException
                                       or MailKit.ServiceNotAuthenticatedException or AuthenticationException or SslHandshakeException
                                       or IOException or SocketException or TimeoutException
                                       or System.Security.Authentication.AuthenticationException)
        {
            // The server's reply code says whether it refused for good (5xx) or for now (4xx).
            throw new EmailDeliveryException(ex is MailKit.Net.Smtp.SmtpCommandException command ? $"{(int)command.StatusCode} {command.Message}".TrimEnd() : ex.Message, ex);
        }
    }

    /// <summary>
    /// The message as sent: plain text with an HTML alternative when there is one, in the message's language.
    /// Its Message-Id comes from the outbox row, so a retry after a lost answer is recognisably the same mail.
    /// </summary>
    public static MimeMessage Build(OutboxMessage message, string from)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        var domain = from.Contains('@', StringComparison.Ordinal) ? from[(from.LastIndexOf('@') + 1)..] : "localhost";
        mime.MessageId = $"outbox-{message.Id}-{message.CreatedAt.ToUnixTimeMilliseconds()}@{domain}";
        var body = new BodyBuilder { TextBody = message.Body, HtmlBody = message.HtmlBody };
        mime.Body = body.ToMessageBody();
        if (message.Language is { Length: > 0 } language)
        {
            // A Content-* header belongs to the body entity (MimeKit parses it there too).
            mime.Body.Headers.Add(HeaderId.ContentLanguage, language);
        }

        return mime;
    }

    private static SecureSocketOptions Security(EmailOptions o) => o.SmtpSecurity switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => o.SmtpPort switch
        {
            465 => SecureSocketOptions.SslOnConnect,
            25 => SecureSocketOptions.StartTlsWhenAvailable,
            _ => SecureSocketOptions.StartTls,
        },
    };
}
