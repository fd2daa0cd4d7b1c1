using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Ammeindsats.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;

namespace Ammeindsats.Web.Features.Indicators.Published;

/// <summary>
/// The published figures as rendered bytes: the indicator pages and the open API answers an anonymous caller
/// gets are rendered once per published version, language and address, and a repeat request costs a lookup.
/// Each answer carries an ETag and is answered 304 when the caller already has it.
/// <para>
/// Only anonymous requests are served from, or stored in, the cache: a request with a login cookie, an
/// Authorization header or an authenticated user always goes to the page, and its answer is marked
/// <c>private, no-store</c>, so neither this cache nor any other ever hands a staff view (own areas unsuppressed)
/// to someone else, nor the anonymous view to staff.
/// </para>
/// <para>
/// A page holds two per-response values. The CSP nonce is kept with the stored page and sent again in the
/// header of every answer from it (a 304 included), so the scripts keep running. The antiforgery token of the
/// language form belongs to each browser's own cookie, so it is cut out of the stored page and a fresh one is
/// put in for every answer; a page's ETag is therefore weak (the same page, not the same bytes), while the
/// JSON and CSV answers are byte-identical and have a strong one.
/// </para>
/// </summary>
public sealed partial class PublishedResponseCache(RequestDelegate next, PublishedVersion version, IAntiforgery antiforgery, ILogger<PublishedResponseCache> log)
{
    /// <summary>The Razor pages whose anonymous answers are cached (all their GET handlers, the CSV exports too).</summary>
    public static readonly IReadOnlySet<string> Pages = new HashSet<string>(StringComparer.Ordinal)
    {
        "/Indicators/Index", "/Indicators/Detail", "/Indicators/AreaProfile",
    };

    /// <summary>The API endpoints (by name) whose anonymous answers are cached.</summary>
    public static readonly IReadOnlySet<string> Endpoints = new HashSet<string>(StringComparer.Ordinal)
    {
        "GetIndicators", "GetIndicatorValues", "GetAreas",
    };

    public const long SizeLimitBytes = 256L * 1024 * 1024;

    private const string AuthCookiePrefix = "ammeindsats.auth";
    private const string TokenPlaceholder = "\u0001antiforgery\u0001";
    private const string Vary = "Cookie, Authorization";

    private sealed record Entry(int Status, string ContentType, string? ContentDisposition, byte[][] Segments, string ETag, string Nonce, bool Html, long Length);

    private readonly ConcurrentDictionary<string, Task<Entry?>> _rendering = new(StringComparer.Ordinal);
    private MemoryCache _entries = NewCache();
    private string? _version;

    private static MemoryCache NewCache() => new(new MemoryCacheOptions { SizeLimit = SizeLimitBytes });

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsPublished(context))
        {
            await next(context);
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method) || !IsAnonymous(context))
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.CacheControl = "private, no-store";
                headers.Vary = Vary;
                return Task.CompletedTask;
            });
            await next(context);
            return;
        }

        var current = await version.GetAsync(context.RequestAborted);
        var entries = EntriesFor(current);
        var key = $"{CultureInfo.CurrentUICulture.Name}|{context.Request.Path.Value}{context.Request.QueryString.Value}";
        if (entries.TryGetValue(key, out Entry? entry) && entry is not null)
        {
            await ServeAsync(context, entry);
            return;
        }

        var mine = new TaskCompletionSource<Entry?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var renderKey = current + "|" + key;
        var rendering = _rendering.GetOrAdd(renderKey, mine.Task);
        if (rendering != mine.Task)
        {
            // Someone else renders this answer right now: wait for it rather than render it twice.
            entry = await rendering.WaitAsync(context.RequestAborted);
            if (entry is not null)
            {
                await ServeAsync(context, entry);
            }
            else
            {
                await next(context);
            }

            return;
        }

        try
        {
            entry = await RenderAsync(context);
            if (entry is not null)
            {
                entries.Set(key, entry, new MemoryCacheEntryOptions { Size = entry.Length + key.Length, SlidingExpiration = TimeSpan.FromMinutes(30) });
            }

            mine.SetResult(entry);
        }
        catch (Exception ex)
        {
            mine.SetResult(null);
            if (ex is not OperationCanceledException)
            {
                log.LogDebug(ex, "Rendering {Path} for the published cache failed", context.Request.Path);
            }

            throw;
        }
        finally
        {
            _rendering.TryRemove(renderKey, out _);
        }

        if (entry is not null)
        {
            await ServeAsync(context, entry);
        }
    }

    private MemoryCache EntriesFor(string current)
    {
        if (Volatile.Read(ref _version) == current)
        {
            return Volatile.Read(ref _entries);
        }

        // A new published version: the answers of the old one are never served again.
        lock (_rendering)
        {
            if (_version != current)
            {
                // The old cache is dropped, not disposed: a request still serving from it must not fail.
                _entries = NewCache();
                Volatile.Write(ref _version, current);
            }

            return _entries;
        }
    }

    private static bool IsPublished(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            return false;
        }

        if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
        {
            return Pages.Contains(page.ViewEnginePath);
        }

        return endpoint.Metadata.GetMetadata<IEndpointNameMetadata>() is { } name && Endpoints.Contains(name.EndpointName);
    }

    /// <summary>No login of any kind: no user, no login cookie (valid or not) and no API key.</summary>
    public static bool IsAnonymous(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true || context.Request.Headers.ContainsKey(HeaderNames.Authorization))
        {
            return false;
        }

        foreach (var cookie in context.Request.Cookies)
        {
            if (cookie.Key.StartsWith(AuthCookiePrefix, StringComparison.Ordinal) || cookie.Key.StartsWith(".AspNetCore.Identity", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Runs the page or endpoint into a buffer; a 200 in HTML, JSON or CSV becomes an entry, anything else is passed on.</summary>
    private async Task<Entry?> RenderAsync(HttpContext context)
    {
        var response = context.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }

        var contentType = response.ContentType ?? string.Empty;
        var html = contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
        var cacheable = response.StatusCode == StatusCodes.Status200OK && !response.HasStarted &&
            (html || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase)) &&
            OnlyAntiforgeryCookie(response);
        if (!cacheable)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
            return null;
        }

        var bytes = buffer.ToArray();
        byte[][] segments;
        if (html)
        {
            // The page's own token (one per request, however many forms) is cut out; each answer gets its own.
            var text = Encoding.UTF8.GetString(bytes);
            foreach (var token in TokenPattern().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal))
            {
                text = text.Replace(token, TokenPlaceholder, StringComparison.Ordinal);
            }

            segments = [.. text.Split(TokenPlaceholder).Select(Encoding.UTF8.GetBytes)];
        }
        else
        {
            segments = [bytes];
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var segment in segments)
        {
            hash.AppendData(segment);
            hash.AppendData([0]);
        }

        var tag = Convert.ToHexStringLower(hash.GetHashAndReset())[..24];
        // The answer is sent from the entry, with the cache's own headers. The antiforgery cookie the page set (when
        // the browser had none) stays: this answer's token belongs to it.
        response.Headers.Remove(HeaderNames.CacheControl);
        response.Headers.Remove(HeaderNames.Pragma);
        response.Headers.Remove(HeaderNames.Expires);
        return new Entry(
            response.StatusCode, contentType, response.Headers.ContentDisposition.ToString() is { Length: > 0 } d ? d : null, segments,
            html ? $"W/\"{tag}\"" : $"\"{tag}\"", context.CspNonce(), html, segments.Sum(s => (long)s.Length));
    }

    private static bool OnlyAntiforgeryCookie(HttpResponse response)
    {
        foreach (var cookie in response.Headers.SetCookie)
        {
            if (cookie is null || !cookie.StartsWith("ammeindsats.af=", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private async Task ServeAsync(HttpContext context, Entry entry)
    {
        var response = context.Response;
        // The stored page's nonce is the one its scripts carry; the CSP header of this answer names it.
        context.Items[SecurityHeadersMiddleware.NonceKey] = entry.Nonce;

        string? token = null;
        var notModified = Matches(context.Request.Headers.IfNoneMatch, entry.ETag);
        if (!notModified && entry.Segments.Length > 1)
        {
            // Sets the browser's antiforgery cookie when it has none; the token belongs to that cookie.
            token = antiforgery.GetAndStoreTokens(context).RequestToken;
        }

        var headers = response.Headers;
        headers.ETag = entry.ETag;
        headers.CacheControl = entry.Html ? "private, no-cache" : "public, max-age=60";
        headers.Vary = Vary;
        headers.Remove(HeaderNames.Pragma);
        if (notModified)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = entry.Status;
        response.ContentType = entry.ContentType;
        if (entry.ContentDisposition is not null)
        {
            headers.ContentDisposition = entry.ContentDisposition;
        }

        var tokenBytes = token is null ? [] : Encoding.UTF8.GetBytes(token);
        response.ContentLength = entry.Length + (tokenBytes.LongLength * (entry.Segments.Length - 1));
        for (var i = 0; i < entry.Segments.Length; i++)
        {
            if (i > 0)
            {
                await response.Body.WriteAsync(tokenBytes, context.RequestAborted);
            }

            await response.Body.WriteAsync(entry.Segments[i], context.RequestAborted);
        }
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0)
        {
            return false;
        }

        var opaque = etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag;
        foreach (var value in ifNoneMatch)
        {
            foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                // Weak comparison, as If-None-Match asks for.
                if (part == "*" || (part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part) == opaque)
                {
                    return true;
                }
            }
        }

        return false;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
