using System.Diagnostics;
using System.Net;
using Ammeindsats.Core.Access;
using Ammeindsats.Data;
using Ammeindsats.Web.Features.Accounts;
using Ammeindsats.Web.Tests.Administration;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ammeindsats.Web.Tests.Security;

/// <summary>
/// Login, sessions, transport and host through HTTP against the real app: one answer in comparable time for unknown
/// and wrong, a back-off that holds back only the guessing address, forwarded headers ignored unless configured,
/// the login limit spent only by attempts, sessions ended by logout, Secure cookies over HTTPS, the Host header
/// not followed, and the public address in e-mailed links.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class HardeningLoginTests(TestApps apps)
{
    [Fact]
    public async Task UnknownEmailAndWrongPassword_GetTheSameAnswer_InComparableTime()
    {
        var app = apps.Get(DatabaseProvider.Sqlite);
        var (_, email) = await Pages.CreateUserAsync(app, Role.Reader, null, "tid");
        var client = app.NewClient();

        // Warm up both paths, then time them alternately, fewer than the free failures for each account.
        await Pages.TryLoginAsync(client, $"ukendt-{Guid.NewGuid():N}@example.dk", "Forkert-Kode-2026");
        var unknown = new List<double>();
        var wrong = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            var (u, uHtml) = await TimedLoginAsync(client, $"ukendt-{Guid.NewGuid():N}@example.dk");
            var (w, wHtml) = await TimedLoginAsync(client, email);
            unknown.Add(u);
            wrong.Add(w);
            Assert.Contains(LoginModel.Refused, uHtml, StringComparison.Ordinal);
            Assert.Contains(LoginModel.Refused, wHtml, StringComparison.Ordinal);
        }

        // A password hash costs tens of milliseconds; without it an unknown e-mail answered in about 2 ms.
        // Medians, generously bounded: a busy machine adds noise, not a 10x difference.
        var unknownMedian = unknown.Order().ElementAt(unknown.Count / 2);
        var wrongMedian = wrong.Order().ElementAt(wrong.Count / 2);
        Assert.True(unknownMedian > wrongMedian * 0.3, $"unknown {unknownMedian:F1} ms, wrong password {wrongMedian:F1} ms");
    }

    [Fact]
    public async Task FailedLogins_HoldBackOnlyTheGuessingAddress_AndAnAdministratorCanClearThem()
    {
        using var proxied = With(apps.Get(DatabaseProvider.Sqlite), ("Security:KnownProxies", "10.9.8.7"));
        var (userId, email) = await Pages.CreateUserAsync(apps.Get(DatabaseProvider.Sqlite), Role.Reader, null, "tilbage");

        var guesser = Client(proxied, "203.0.113.10");
        for (var i = 0; i < LoginThrottle.FreeFailures; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Pages.TryLoginAsync(guesser, email, "Forkert-Kode-2026")).StatusCode);
        }

        // The right password from the guessing address is held back, with the same answer as a wrong one...
        var held = await Pages.TryLoginAsync(guesser, email, Pages.Password);
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Contains(LoginModel.Refused, await held.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // ...but the owner, from another address, is not locked out.
        Assert.Equal(HttpStatusCode.Redirect, (await Pages.TryLoginAsync(Client(proxied, "198.51.100.20"), email, Pages.Password)).StatusCode);

        // The administrator sees it and clears it; then the first address may log in again.
        var admin = Client(proxied, "198.51.100.30");
        Assert.Equal(HttpStatusCode.Redirect, (await Pages.TryLoginAsync(admin, DemoUsers.Administrator, "Amning-Demo-2026")).StatusCode);
        var detail = await Pages.GetAsync(admin, $"/administration/brugere/{userId}");
        Assert.NotNull(detail.QuerySelector("#held-back"));
        var unlocked = await Pages.SubmitAndFollowAsync(admin, detail, "form[action*='Unlock'] button");
        Assert.Contains("Brugeren er låst op.", unlocked.Text());
        Assert.Null(unlocked.QuerySelector("#held-back"));
        Assert.Equal(HttpStatusCode.Redirect, (await Pages.TryLoginAsync(guesser, email, Pages.Password)).StatusCode);
    }

    [Fact]
    public async Task LoginLimit_CountsAttemptsOnly_AndAForgedForwardedForDoesNotEscapeIt()
    {
        using var limited = With(apps.Get(DatabaseProvider.Sqlite), ("Security:LoginRequestsPerMinute", "3"));
        var client = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Browsing: the login page, the favicon and unknown files, far more often than the limit.
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/konto/log-ind")).StatusCode);
            var icon = await client.GetAsync("/favicon.ico");
            Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
            Assert.Equal("image/x-icon", icon.Content.Headers.ContentType?.MediaType);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.GetAsync($"/mangler-{i}.png")).StatusCode);
        }

        // Three attempts pass the limit (and fail on the missing token); the fourth is refused, whatever
        // address the request claims to be forwarded for, because no proxy is trusted.
        for (var i = 0; i < 4; i++)
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, "/konto/log-ind") { Content = new FormUrlEncodedContent([]) };
            post.Headers.Add("X-Forwarded-For", $"192.0.2.{i + 1}");
            var status = (await client.SendAsync(post)).StatusCode;
            if (i < 3)
            {
                Assert.NotEqual(HttpStatusCode.TooManyRequests, status);
            }
            else
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, status);
            }
        }
    }

    [Fact]
    public async Task Logout_EndsTheSession_SoAReplayedCookieNoLongerOpensEntry_AndOtherSessionsEnd()
    {
        var app = apps.Get(DatabaseProvider.Sqlite);
        var (_, email) = await Pages.CreateUserAsync(app, Role.Reporter, "751", "udlog");
        var cookie = await LoginCookieAsync(app, email);
        var other = await app.LoginAsync(email, Pages.Password);
        Assert.Equal(HttpStatusCode.OK, (await Replay(app, cookie, "/indikatorer/indberet")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/indikatorer/indberet")).StatusCode);

        var session = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        session.DefaultRequestHeaders.Add("Cookie", cookie);
        var logoutPage = await session.GetStringAsync("/konto/log-ud");
        var logout = await session.PostAsync("/konto/log-ud", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = TestApp.AntiforgeryToken(logoutPage) }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        var replayed = await Replay(app, cookie, "/indikatorer/indberet");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Contains("/konto/log-ind", replayed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/indikatorer/indberet")).StatusCode);
    }

    [Fact]
    public async Task OverHttps_AuthAndAntiforgeryCookiesAreSecure_OverHttpNot()
    {
        var app = apps.Get(DatabaseProvider.Sqlite);
        var https = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var page = await https.GetAsync("/konto/log-ind");
        Assert.Contains(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ammeindsats.af=", StringComparison.Ordinal) && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        var login = await Pages.TryLoginAsync(https, DemoUsers.Reader, "Amning-Demo-2026");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ammeindsats.auth=", StringComparison.Ordinal) && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));

        var http = await app.NewClient().GetAsync("/konto/log-ind");
        Assert.DoesNotContain(http.Headers.GetValues("Set-Cookie"), c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task HttpsRedirect_WhenHttpsIsConfigured_AndNotOverPlainHttpByDefault()
    {
        var app = apps.Get(DatabaseProvider.Sqlite);
        Assert.Equal(HttpStatusCode.OK, (await app.NewClient().GetAsync("/")).StatusCode);

        using var secure = With(app, ("Security:RequireHttps", "true"));
        var response = await secure.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/indikatorer");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://localhost/indikatorer", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ForgedHost_IsRefused_SoTheLoginRedirectOnlyEverNamesAnAllowedHost()
    {
        var app = apps.Get(DatabaseProvider.Sqlite);
        var client = app.NewClient();
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/indikatorer/indberet");
        forged.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(forged)).StatusCode);

        var redirect = await client.GetAsync("/indikatorer/indberet");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("http://localhost/konto/log-ind?ReturnUrl=", redirect.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordLink_UsesTheConfiguredPublicAddress_NotTheRequestHost()
    {
        using var configured = With(apps.Get(DatabaseProvider.Sqlite), ("PublicBaseUrl", "https://ammeindsats.example.dk"));
        var (userId, _) = await Pages.CreateUserAsync(apps.Get(DatabaseProvider.Sqlite), Role.Reader, null, "link");
        // An HTTPS public address also turns on the redirect to HTTPS, so the administrator works over HTTPS.
        var admin = configured.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        Assert.Equal(HttpStatusCode.Redirect, (await Pages.TryLoginAsync(admin, DemoUsers.Administrator, "Amning-Demo-2026")).StatusCode);

        var detail = await Pages.GetAsync(admin, $"/administration/brugere/{userId}");
        var reset = await Pages.SubmitAsync(admin, detail, "form[action*='ResetPassword'] button");
        var page = await Pages.ParseAsync(await reset.Content.ReadAsStringAsync(), $"/administration/brugere/{userId}");
        Assert.StartsWith("https://ammeindsats.example.dk/konto/invitation?", page.QuerySelector("#invitation-link").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeforeAfter_WithAnEmptyExclusion_Answers()
    {
        var response = await apps.Get(DatabaseProvider.Sqlite).NewClient().GetAsync("/indikatorer/foer-efter?exclude=");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Password1234", true)]
    [InlineData("P4ssw0rd!2024", true)]
    [InlineData("Sommer-2026!!", true)]
    [InlineData("København2026", true)]
    [InlineData("Qwerty123456", true)]
    [InlineData("111111111111", true)]
    [InlineData("Aaaaaaaaaaa1", true)]
    [InlineData("Amning-Demo-2026", false)]
    [InlineData("Korrekt-Hest-2026", false)]
    [InlineData("Blå-Cykel-Under-Træet-9", false)]
    public void PasswordPolicy_RefusesCommonPasswordsAndWordsWithDigitsAround(string password, bool common)
    {
        Assert.Equal(common, CommonPasswordValidator.IsCommon(password));
    }

    [Fact]
    public void PasswordPolicy_RefusesTheUsersOwnEmailName_AndShipsAList()
    {
        Assert.True(CommonPasswordValidator.IsCommon("Mette.Hjortkjaer-2026", "mette.hjortkjaer@example.dk"));
        Assert.True(CommonPasswordValidator.Passwords.Count > 300);
        Assert.Contains("password", CommonPasswordValidator.Passwords);
    }

    private static WebApplicationFactory<Program> With(TestApp app, params (string Key, string Value)[] settings) =>
        app.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });

    /// <summary>A client whose requests come through the trusted proxy on behalf of <paramref name="address"/>.</summary>
    private static HttpClient Client(WebApplicationFactory<Program> factory, string address)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    private static async Task<(double Milliseconds, string Html)> TimedLoginAsync(HttpClient client, string email)
    {
        var token = TestApp.AntiforgeryToken(await client.GetStringAsync("/konto/log-ind"));
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = email, ["Password"] = "Forkert-Kode-2026", ["__RequestVerificationToken"] = token });
        var watch = Stopwatch.StartNew();
        var response = await client.PostAsync("/konto/log-ind", form);
        var html = await response.Content.ReadAsStringAsync();
        return (watch.Elapsed.TotalMilliseconds, html);
    }

    /// <summary>Logs in without a cookie jar and returns the Cookie header a browser would send afterwards.</summary>
    private static async Task<string> LoginCookieAsync(TestApp app, string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = await client.GetAsync("/konto/log-ind");
        var antiforgery = Cookies(page);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/konto/log-ind")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email,
                ["Password"] = Pages.Password,
                ["__RequestVerificationToken"] = TestApp.AntiforgeryToken(await page.Content.ReadAsStringAsync()),
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return antiforgery + "; " + Cookies(response);
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

    private static async Task<HttpResponseMessage> Replay(TestApp app, string cookie, string url)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
