using System.Net;
using Ammeindsats.Data;
using Ammeindsats.Web.Infrastructure.Modules;
using Ammeindsats.Web.Tests.Administration;
using Ammeindsats.Web.Tests.Infrastructure;
using Ammeindsats.Web.Tests.Modules.Trial;
using Ammeindsats.Web.Tests.Security;
using AngleSharp.Dom;

namespace Ammeindsats.Web.Tests.Modules;

/// <summary>
/// A new module is one folder plus one line: the trial module, added to a test app through the module contract
/// only, shows in the menu at its place, is an endpoint the authorization matrix finds and that answers as its
/// policy says, labels its audit records and decides who reads their history, and brings its own English.
/// </summary>
public sealed class TrialModuleTests
{
    // The menu as the layout showed it before modules contributed it, with the trial module's entry (order 75) inserted.
    private static readonly string[] AnonymousMenu = ["/aftaler", "/indsatser", "/netvaerk", "/indikatorer", "/kompetencer", "/foraeldre", "/rapporter", TrialModule.Url, "/omraader"];

    [Fact]
    public async Task TheTrialModule_PlugsIntoMenuMatrixAuditAndTexts_ThroughTheContractAlone()
    {
        using var app = TestApp.Create(DatabaseProvider.Sqlite, modules: [new TrialModule()]);
        _ = app.Server;

        // Navigation: at its order, for everyone; administration only for administrators.
        var anonymous = app.NewClient();
        Assert.Equal(AnonymousMenu, MenuLinks(await Pages.GetAsync(anonymous, "/")));
        var admin = await app.LoginAsync(DemoUsers.Administrator);
        Assert.Equal([.. AnonymousMenu, "/administration"], MenuLinks(await Pages.GetAsync(admin, "/")));
        var menu = (await Pages.GetAsync(anonymous, "/")).QuerySelector($"#main-menu a[href='{TrialModule.Url}']");
        Assert.Equal("Prøvemodul", menu?.TextContent.Trim());
        // The roadmap entries still lead to their page, and only they do.
        Assert.Equal("Kompetencer", (await Pages.GetAsync(anonymous, "/kompetencer")).QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/ikke-et-modul")).StatusCode);

        // The matrix discovers the endpoint with the module's policy, and it answers by that policy.
        var endpoint = Assert.Single(AuthorizationMatrixTests.GetEndpoints(app), e => e.Pattern == TrialModule.Url);
        Assert.Contains(endpoint.Endpoint.Metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>(), a => a.Policy == Web.Infrastructure.Auth.Policies.Staff);
        var refused = await anonymous.GetAsync(TrialModule.Url);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("http://localhost/konto/log-ind", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.LoginAsync(DemoUsers.Reader)).GetAsync(TrialModule.Url)).StatusCode);
        var reporter = await app.LoginAsync(DemoUsers.Reporter);
        Assert.Equal("Prøvemodulet virker.", await reporter.GetStringAsync(TrialModule.Url));

        // Audit: the module's label and history rule (public: any staff user), and its record link.
        var modules = app.Service<ModuleCatalog>();
        Assert.Equal("Prøvepost", modules.AuditLabel(TrialModule.Entity));
        Assert.Contains(modules.Reports, r => r.Title == "Prøverapport" && r.Url == TrialModule.Url);
        // The "Rapporter" page lists the module's report by its policy: staff see it, anonymous visitors do not,
        // and both see the indicators' public downloads.
        var reportsForStaff = (await Pages.GetAsync(reporter, "/rapporter")).QuerySelectorAll("#reports a").Select(a => a.GetAttribute("href")).ToList();
        var reportsForAll = (await Pages.GetAsync(anonymous, "/rapporter")).QuerySelectorAll("#reports a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains(TrialModule.Url, reportsForStaff);
        Assert.Contains("/indikatorer/fuldstaendighed", reportsForStaff);
        Assert.DoesNotContain(TrialModule.Url, reportsForAll);
        Assert.DoesNotContain("/indikatorer/fuldstaendighed", reportsForAll);
        Assert.Contains("/api/v1/indicators/download?dialect=opendata", reportsForAll);
        var history = await Pages.GetAsync(reporter, $"/historik/{TrialModule.Entity}/7");
        Assert.Contains("Prøvepost", history.QuerySelector(".font-lead")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(history.QuerySelector($"a[href='{TrialModule.Url}/7']"));
        // A record kind no module knows stays refused for non-administrators.
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync("/historik/NoSuchRecord/7")).StatusCode);

        // Texts: Danish is the key; in English the module's own translation shows, in the endpoint and the menu.
        var token = TestApp.AntiforgeryToken(await reporter.GetStringAsync("/konto/to-faktor"));
        var switched = await reporter.PostAsync("/sprog", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["culture"] = "en-GB",
            ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("The trial module works.", await reporter.GetStringAsync(TrialModule.Url));
        var english = await Pages.GetAsync(reporter, "/");
        Assert.Equal("Trial module", english.QuerySelector($"#main-menu a[href='{TrialModule.Url}']")?.TextContent.Trim());
    }

    [Fact]
    public void WithoutItsLine_TheTrialModuleIsNowhere()
    {
        var modules = ModuleCatalog.Describe(Features.Modules.All);
        Assert.DoesNotContain(modules.Navigation, n => n.Url == TrialModule.Url);
        Assert.Null(modules.AuditEntity(TrialModule.Entity));
        Assert.Equal(AnonymousMenu.Where(u => u != TrialModule.Url), modules.Navigation.Where(n => n.Policy is null).Select(n => n.Url));
    }

    private static List<string> MenuLinks(IDocument page) =>
        page.QuerySelectorAll("#main-menu a.nav-link").Select(a => a.GetAttribute("href")!).ToList();
}
