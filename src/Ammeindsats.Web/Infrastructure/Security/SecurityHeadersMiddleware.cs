using System.Security.Cryptography;

namespace Ammeindsats.Web.Infrastructure.Security;

/// <summary>
/// CSP with a fresh nonce per response: only our own scripts and scripts carrying the nonce run.
/// Styles allow 'unsafe-inline' because the chart library sets element styles; scripts never do.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string NonceKey = "csp-nonce";

    public Task InvokeAsync(HttpContext context)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // A page answered from a cache carries the nonce it was rendered with; that one is named instead.
            var named = context.CspNonce() is { Length: > 0 } cached ? cached : nonce;
            headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src 'self' 'nonce-{named}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }
}

public static class CspExtensions
{
    public static string CspNonce(this HttpContext context) => context.Items[SecurityHeadersMiddleware.NonceKey] as string ?? string.Empty;
}
