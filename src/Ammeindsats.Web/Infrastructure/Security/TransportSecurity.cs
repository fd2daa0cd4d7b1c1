using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;

namespace Ammeindsats.Web.Infrastructure.Security;

/// <summary>
/// How the app trusts what reaches it over the network: which proxies may tell it the client's address and
/// scheme (<c>Security:KnownProxies</c>, none by default), where HTTPS is (a redirect and HSTS outside
/// Development when an HTTPS address is known), and the public address links in e-mails use (<c>PublicBaseUrl</c>)
/// instead of whatever Host header a request carries.
/// </summary>
public static class TransportSecurity
{
    public const string KnownProxiesKey = "Security:KnownProxies";

    public const string RequireHttpsKey = "Security:RequireHttps";

    public const string PublicBaseUrlKey = "PublicBaseUrl";

    /// <summary>The proxies and networks from <c>Security:KnownProxies</c> ("10.0.0.5, 10.1.0.0/16"); nothing else is trusted.</summary>
    public static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in KnownProxies(config))
        {
            if (entry.Contains('/', StringComparison.Ordinal))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
            }
            else
            {
                options.KnownProxies.Add(IPAddress.Parse(entry));
            }
        }
    }

    public static bool TrustsProxies(IConfiguration config) => KnownProxies(config).Length > 0;

    private static string[] KnownProxies(IConfiguration config) =>
        (config[KnownProxiesKey] ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The configured public address, e.g. https://ammeindsats.example.dk, or null.</summary>
    public static Uri? PublicBaseUrl(IConfiguration config) =>
        Uri.TryCreate(config[PublicBaseUrlKey], UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri : null;

    /// <summary>The public host is always an allowed host.</summary>
    public static void AllowPublicHost(HostFilteringOptions options, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (PublicBaseUrl(config) is { } url && !options.AllowedHosts.Contains("*") && !options.AllowedHosts.Contains(url.Host))
        {
            options.AllowedHosts = [.. options.AllowedHosts, url.Host];
        }
    }

    /// <summary>
    /// The port HTTP requests are redirected to, or null for no redirect: the configured https_port, an HTTPS
    /// public address, an HTTPS address the server listens on, or 443 when <c>Security:RequireHttps</c> is set.
    /// </summary>
    public static int? HttpsPort(IConfiguration config)
    {
        if (int.TryParse(config["https_port"], NumberStyles.None, CultureInfo.InvariantCulture, out var configured))
        {
            return configured;
        }

        if (PublicBaseUrl(config) is { Scheme: "https" } url)
        {
            return url.Port;
        }

        foreach (var address in (config["urls"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (address.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                var port = address[(address.LastIndexOf(':') + 1)..].TrimEnd('/');
                return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 443;
            }
        }

        return config.GetValue<bool>(RequireHttpsKey) ? 443 : null;
    }
}
