using System.Net;
using System.Net.Http.Headers;
using Ammeindsats.Core.Access;
using Ammeindsats.Data;
using Ammeindsats.Web.Infrastructure.Auth;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ammeindsats.Web.Tests.Security;

/// <summary>
/// Every GET page and API endpoint, read from the app's own endpoint data source, requested by every role,
/// by an anonymous caller and by a user of a foreign area. A new endpoint is covered without anyone adding it
/// here; an endpoint with a route parameter this test has no sample value for fails the test.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class AuthorizationMatrixTests(TestApps apps)
{
    private const string Anonymous = "anonymous";

    // Who each policy lets in: written here independently of the app's own policy table.
    private static readonly Dictionary<string, Role[]> AllowedByPolicy = new()
    {
        [Policies.SignedIn] = [Role.Administrator, Role.Secretariat, Role.Network, Role.Reporter, Role.Reader],
        [Policies.ApiKey] = [Role.Administrator, Role.Secretariat, Role.Network, Role.Reporter, Role.Reader],
        [Policies.Staff] = [Role.Administrator, Role.Secretariat, Role.Network, Role.Reporter],
        [Policies.Secretariat] = [Role.Administrator, Role.Secretariat],
        [Policies.Administrator] = [Role.Administrator],
    };

    private static readonly Dictionary<Role, string> UserOf = new()
    {
        [Role.Administrator] = DemoUsers.Administrator,
        [Role.Secretariat] = DemoUsers.Secretariat,
        [Role.Network] = DemoUsers.Network,
        [Role.Reporter] = DemoUsers.Reporter,
        [Role.Reader] = DemoUsers.Reader,
    };

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task EveryEndpoint_AnswersEachRoleAsItsPolicySays(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var samples = await SampleValuesAsync(app);
        var endpoints = GetEndpoints(app);
        Assert.NotEmpty(endpoints);

        var callers = new Dictionary<string, (HttpClient Page, HttpClient Api)> { [Anonymous] = (app.NewClient(), app.NewClient()) };
        foreach (var (role, email) in UserOf)
        {
            callers[role.Token()] = (await app.LoginAsync(email), await ApiClientAsync(app, email));
        }

        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var endpoint in endpoints)
        {
            var path = Fill(endpoint.Pattern, samples, failures);
            if (path is null)
            {
                continue;
            }

            var allowed = AllowedRoles(endpoint, failures);
            if (allowed is null)
            {
                continue;
            }

            var isApi = path.StartsWith("/api/", StringComparison.Ordinal);
            foreach (var (caller, clients) in callers)
            {
                var response = await (isApi ? clients.Api : clients.Page).GetAsync(path);
                var status = (int)response.StatusCode;
                var expected = allowed.Value.Anonymous || (caller != Anonymous && allowed.Value.Roles.Any(r => r.Token() == caller))
                    ? endpoint.OwnerScoped ? [404] : [200]
                    : caller == Anonymous
                        ? isApi ? [401] : [302]
                        : new[] { 403 };
                if (!expected.Contains(status) && !(status is 301 or 302 && expected.Contains(200) && endpoint.Redirects))
                {
                    failures.Add($"{caller} GET {path}: {status}, expected {string.Join("/", expected)}"
                        + (status == 500 ? "\n" + TestApp.RecentErrors() : string.Empty));
                }

                if (caller == Anonymous && status == 302 && !allowed.Value.Anonymous)
                {
                    Assert.StartsWith("http://localhost/konto/log-ind", response.Headers.Location!.ToString(), StringComparison.Ordinal);
                }

                checkedCount++;
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(checkedCount >= endpoints.Count * callers.Count / 2, $"Only {checkedCount} requests were checked.");
    }

    /// <summary>
    /// Every page handler marked [AreaScoped], posted by a caller with the marked role for Aarhus (751, in Region
    /// Midtjylland): a foreign area (101 København) is refused with 403 before the handler runs; the own area is not.
    /// The period 1999-01 has no figures, so an allowed post changes nothing.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AreaScopedHandlers_ForeignAreaIsForbiddenBeforeTheHandlerRuns_OwnAreaIsNot(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var byRole = new Dictionary<Role, HttpClient>
        {
            [Role.Reporter] = await app.LoginAsync(DemoUsers.Reporter),
            [Role.Secretariat] = await app.LoginAsync(DemoUsers.Secretariat),
        };
        var failures = new List<string>();
        var checkedHandlers = 0;
        foreach (var endpoint in GetEndpoints(app, HttpMethods.Post))
        {
            var page = endpoint.Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>();
            var model = page is null ? null : typeof(Program).Assembly.GetType("Ammeindsats.Web" + page.RelativePath[..^".cshtml".Length].Replace('/', '.') + "Model");
            foreach (var method in model?.GetMethods().Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal)) ?? [])
            {
                if (method.GetCustomAttributes(typeof(AreaScopedAttribute), false).FirstOrDefault() is not AreaScopedAttribute scoped)
                {
                    continue;
                }

                checkedHandlers++;
                var role = scoped.Roles.Contains(Role.Reporter) ? Role.Reporter : Role.Secretariat;
                var client = byRole[role];
                var handler = method.Name["OnPost".Length..].Replace("Async", string.Empty, StringComparison.Ordinal);
                var url = endpoint.Pattern + (handler.Length == 0 ? string.Empty : "?handler=" + handler);
                foreach (var (area, forbidden) in new[] { ("101", true), ("751", false) })
                {
                    var token = TestApp.AntiforgeryToken(await client.GetStringAsync("/konto/to-faktor"));
                    var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["__RequestVerificationToken"] = token,
                        [scoped.Field] = area,
                        ["cellePeriode"] = "1999-01",
                        ["periode"] = "1999-01",
                    }));
                    if ((response.StatusCode == HttpStatusCode.Forbidden) != forbidden)
                    {
                        failures.Add($"{role.Token()} POST {url} with {scoped.Field}={area}: {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.Empty(failures);
        // Submit, approve and reopen on the approval page, manual entry, and the target form.
        Assert.True(checkedHandlers >= 5, $"Only {checkedHandlers} area-scoped handlers were found.");
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task EveryForm_RefusesAPostWithoutAntiforgeryToken(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var admin = await app.LoginAsync(DemoUsers.Administrator);
        var samples = await SampleValuesAsync(app);
        var posts = GetEndpoints(app, HttpMethods.Post)
            .Where(e => e.Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null
                        || e.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not null)
            .Where(e => !e.Pattern.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(posts);

        foreach (var endpoint in posts)
        {
            var path = Fill(endpoint.Pattern, samples, []);
            if (path is null)
            {
                continue;
            }

            var response = await admin.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {path} without token: {(int)response.StatusCode}");
        }
    }

    /// <summary>
    /// Every POST handler of every page (found on its page model by the OnPost… naming), posted with a valid
    /// antiforgery token by each caller its policy does not let in: anonymous callers are sent to the login page,
    /// signed-in callers get 403, and nothing is handled. GET alone would not show that a handler is covered.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task EveryPostHandler_RefusesTheRolesItsPolicyDoesNotLetIn(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var samples = await SampleValuesAsync(app);
        var callers = new Dictionary<string, (HttpClient Client, string Token)>();
        var anonymous = app.NewClient();
        callers[Anonymous] = (anonymous, TestApp.AntiforgeryToken(await anonymous.GetStringAsync("/konto/log-ind")));
        foreach (var (role, email) in UserOf)
        {
            var client = await app.LoginAsync(email);
            callers[role.Token()] = (client, TestApp.AntiforgeryToken(await client.GetStringAsync("/konto/to-faktor")));
        }

        var failures = new List<string>();
        var handlers = 0;
        foreach (var endpoint in GetEndpoints(app, HttpMethods.Post))
        {
            var page = endpoint.Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>();
            if (page is null)
            {
                continue;
            }

            var modelName = "Ammeindsats.Web" + page.RelativePath[..^".cshtml".Length].Replace('/', '.') + "Model";
            var model = typeof(Program).Assembly.GetType(modelName);
            var names = model?.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
                .Select(m => m.Name).Where(n => n.StartsWith("OnPost", StringComparison.Ordinal))
                .Select(n => n["OnPost".Length..] is var rest && rest.EndsWith("Async", StringComparison.Ordinal) ? rest[..^"Async".Length] : n["OnPost".Length..])
                .Distinct().ToList() ?? [];
            if (names.Count == 0)
            {
                continue;
            }

            var allowed = AllowedRoles(endpoint, failures);
            var path = Fill(endpoint.Pattern, samples, failures);
            if (allowed is null || path is null || allowed.Value.Anonymous)
            {
                continue;
            }

            foreach (var name in names)
            {
                handlers++;
                var url = name.Length == 0 ? path : $"{path}?handler={name}";
                foreach (var (caller, (client, token)) in callers)
                {
                    if (caller != Anonymous && allowed.Value.Roles.Any(r => r.Token() == caller))
                    {
                        continue;
                    }

                    var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
                    var expected = caller == Anonymous ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden;
                    if (response.StatusCode != expected)
                    {
                        failures.Add($"{caller} POST {url}: {(int)response.StatusCode}, expected {(int)expected}");
                    }
                    else if (caller == Anonymous)
                    {
                        Assert.StartsWith("http://localhost/konto/log-ind", response.Headers.Location!.ToString(), StringComparison.Ordinal);
                    }
                }
            }
        }

        Assert.Empty(failures);
        // The approval page alone has five handlers (submit, approve, reopen, approve all, and the reopen confirmation's page post).
        Assert.True(handlers >= 15, $"Only {handlers} POST handlers were found.");
    }

    internal sealed record EndpointInfo(string Pattern, Endpoint Endpoint, bool AreaScoped, bool Redirects, bool OwnerScoped = false);

    internal static List<EndpointInfo> GetEndpoints(TestApp app, string method = "GET")
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        return source.Endpoints.OfType<RouteEndpoint>()
            // Razor pages carry no method metadata: they answer every method and pick the handler at run time.
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method) ?? true)
            .Select(e => new EndpointInfo(
                "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'),
                e,
                e.Metadata.GetMetadata<AreaScopedAttribute>() is not null,
                e.Metadata.GetMetadata<RedirectsAttribute>() is not null,
                e.Metadata.GetMetadata<OwnerScopedAttribute>() is not null))
            .Where(e => !e.Pattern.StartsWith("/fejl", StringComparison.Ordinal)) // error pages answer with the code they show
            .DistinctBy(e => e.Pattern)
            .ToList();
    }

    private static (bool Anonymous, Role[] Roles)? AllowedRoles(EndpointInfo endpoint, List<string> failures)
    {
        var metadata = endpoint.Endpoint.Metadata;
        if (metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return (true, []);
        }

        var policies = metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? Policies.SignedIn).DefaultIfEmpty(Policies.SignedIn).ToList();
        Role[]? roles = null;
        foreach (var policy in policies)
        {
            if (!AllowedByPolicy.TryGetValue(policy, out var allowed))
            {
                failures.Add($"{endpoint.Pattern}: unknown policy '{policy}'; add it to AllowedByPolicy.");
                return null;
            }

            roles = roles is null ? allowed : roles.Intersect(allowed).ToArray();
        }

        return (false, roles!);
    }

    private static string? Fill(string pattern, Dictionary<string, string> samples, List<string> failures)
    {
        var path = pattern;
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(pattern, "\\{\\*{0,2}([^}:?=*]+)[^}]*\\}"))
        {
            if (!samples.TryGetValue(m.Groups[1].Value, out var value))
            {
                failures.Add($"{pattern}: no sample value for route parameter '{m.Groups[1].Value}'; add one to the matrix test.");
                return null;
            }

            path = path.Replace(m.Value, value, StringComparison.Ordinal);
        }

        return path;
    }

    private static async Task<Dictionary<string, string>> SampleValuesAsync(TestApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
        var userId = await db.Users.Where(u => u.Email == DemoUsers.Reader).Select(u => u.Id).SingleAsync();
        var person = await db.People.OrderBy(p => p.Id).FirstOrDefaultAsync();
        if (person is null)
        {
            person = new Core.People.Person { Name = "Matrix Kontaktperson", Organisation = "Aarhus Kommune", AreaCode = "751" };
            db.People.Add(person);
            await db.SaveChangesAsync();
        }

        return new Dictionary<string, string>
        {
            ["code"] = "751",
            ["module"] = Features.Home.HomeModule.Upcoming[0].Slug,
            ["id"] = userId,
            ["entity"] = "Area",
            ["key"] = "751",
            ["documentName"] = "v1",
            ["indicator"] = "fuldamning-2uger",
            ["personId"] = person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    internal static async Task<HttpClient> ApiClientAsync(TestApp app, string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var (_, key) = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(userId, "matrix-" + Guid.NewGuid().ToString("N")[..8]);
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
