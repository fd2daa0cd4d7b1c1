using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Ammeindsats.Core.Access;
using Ammeindsats.Data;
using Ammeindsats.Web.Infrastructure.Auth;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ammeindsats.Web.Tests.Administration;

[Collection(AdministrationCollection.Name)]
public sealed class UserAdministrationTests(TestApps apps)
{
    private sealed record MeDto(string Email, List<string> Roles, List<string> Areas);

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Invite_ShowsTheLinkWithoutMailServer_NewUserSetsPasswordThroughIt_AndCanLogIn(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var admin = await app.LoginAsync(DemoUsers.Administrator);
        var email = $"ny-{Guid.NewGuid():N}@example.dk";

        var form = await Pages.GetAsync(admin, "/administration/brugere/inviter?rolle=reporter");
        var done = await Pages.SubmitAndFollowAsync(admin, form, "main form button.button-primary", new()
        {
            ["Email"] = email,
            ["Name"] = "Hanne Invitationsen",
            ["Areas"] = "751",
        });

        Assert.Contains("Invitationen er oprettet", done.Text());
        var link = done.QuerySelector("#invitation-link").Text();
        Assert.StartsWith("http://localhost/konto/invitation?userId=", link, StringComparison.Ordinal);
        var mail = await Pages.InScopeAsync(app, db => db.OutboxMessages.SingleAsync(m => m.To == email));
        Assert.Contains(link, mail.Body, StringComparison.Ordinal);
        Assert.Contains("Indberetter", mail.Body, StringComparison.Ordinal);

        var list = await Pages.GetAsync(admin, "/administration/brugere?q=" + Uri.EscapeDataString(email));
        var row = list.QuerySelectorAll("tbody tr").Single();
        Assert.Contains("Hanne Invitationsen", row.Text());
        Assert.Contains("Indberetter: Aarhus", row.Text());
        Assert.Contains("Inviteret", row.Text());

        var newcomer = app.NewClient();
        var path = new Uri(link).PathAndQuery;
        var choose = await Pages.GetAsync(newcomer, path);
        Assert.Contains(email, choose.Text());

        var mismatch = await Pages.SubmitAndFollowAsync(newcomer, choose, "main form button.button-primary", new() { ["Password"] = "Ammestue-2026-ok", ["Repeat"] = "Ammestue-2026-ko" });
        Assert.Contains("De to adgangskoder er ikke ens", mismatch.Text());

        var tooWeak = await Pages.SubmitAndFollowAsync(newcomer, choose, "main form button.button-primary", new() { ["Password"] = "kort1", ["Repeat"] = "kort1" });
        Assert.Contains("Adgangskoden skal være mindst 12 tegn.", tooWeak.Text());
        Assert.Contains("Adgangskoden skal indeholde mindst ét stort bogstav.", tooWeak.Text());

        var login = await Pages.SubmitAndFollowAsync(newcomer, choose, "main form button.button-primary", new() { ["Password"] = "Ammestue-2026-ok", ["Repeat"] = "Ammestue-2026-ok" });
        Assert.Equal("http://localhost/konto/log-ind", login.Url);
        Assert.Contains("Din adgangskode er gemt", login.Text());

        var signedIn = await app.LoginAsync(email, "Ammestue-2026-ok");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/konto/api-noegler")).StatusCode);

        var again = await Pages.GetAsync(app.NewClient(), path);
        Assert.Contains("Linket er udløbet eller allerede brugt", again.Text());
        Assert.Null(again.QuerySelector("#Password"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Invite_AreaThatDoesNotFitTheRole_IsRefusedWithAFieldMessage(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var admin = await app.LoginAsync(DemoUsers.Administrator);
        var email = $"forkert-{Guid.NewGuid():N}@example.dk";

        var form = await Pages.GetAsync(admin, "/administration/brugere/inviter?rolle=secretariat");
        Assert.NotNull(form.QuerySelector("#area-picker input[name=Areas][value='1082']"));
        Assert.Null(form.QuerySelector("#area-picker input[name=Areas][value='751']"));
        var refused = await Pages.SubmitAndFollowAsync(admin, form, "main form button.button-primary", new()
        {
            ["Email"] = email,
            ["Name"] = "Forkert Område",
            ["Areas"] = "751",
        });

        Assert.Contains("passer ikke til rollen Sekretariat", refused.QuerySelector(".form-error-message").Text());
        Assert.False(await Pages.InScopeAsync(app, db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ChangingGrants_ChangesWhatTheApiReportsForTheUser(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var (userId, email) = await Pages.CreateUserAsync(app, Role.Reader, null, "roller");
        string key;
        using (var scope = app.Services.CreateScope())
        {
            (_, key) = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(userId, "roller-test");
        }

        var api = app.NewClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var before = await api.GetFromJsonAsync<MeDto>("/api/v1/me");
        Assert.Equal(["reader"], before!.Roles);

        var admin = await app.LoginAsync(DemoUsers.Administrator);
        var page = await Pages.GetAsync(admin, $"/administration/brugere/{userId}");
        var forSecretariat = await Pages.SubmitAndFollowAsync(admin, page, "button[formaction*='ShowGrantAreas']", new() { ["rolle"] = "secretariat" });
        Assert.NotNull(forSecretariat.QuerySelector("#omraade option[value='1082']"));
        var granted = await Pages.SubmitAndFollowAsync(admin, forSecretariat, "main form[action*='AddGrant'] button.button-primary", new() { ["omraade"] = "1082" });
        Assert.Contains("Rollen er givet.", granted.Text());
        Assert.Contains("Region Midtjylland", granted.QuerySelector("table").Text());

        var middle = await api.GetFromJsonAsync<MeDto>("/api/v1/me");
        Assert.Equal(["reader", "secretariat"], middle!.Roles.Order());
        Assert.Equal(["1082"], middle.Areas);

        var confirm = await Pages.FollowAsync(admin, granted, "Fjern Læser");
        Assert.Contains("Vil du fjerne rollen?", confirm.Text());
        Assert.Contains("Læser", confirm.QuerySelector(".alert-warning").Text());
        var removed = await Pages.SubmitAndFollowAsync(admin, confirm, ".alert-warning button.button-primary");
        Assert.Contains("Rollen er fjernet.", removed.Text());

        var after = await api.GetFromJsonAsync<MeDto>("/api/v1/me");
        Assert.Equal(["secretariat"], after!.Roles);
        Assert.Equal(email, after.Email);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task DisablingAUser_AfterConfirming_RefusesTheirLoginAndEndsTheirAccess(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var (userId, email) = await Pages.CreateUserAsync(app, Role.Reporter, "751", "deaktiver");
        var user = await app.LoginAsync(email, Pages.Password);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/konto/api-noegler")).StatusCode);

        var admin = await app.LoginAsync(DemoUsers.Administrator);
        var page = await Pages.GetAsync(admin, $"/administration/brugere/{userId}");
        var confirm = await Pages.FollowAsync(admin, page, "Deaktiver brugeren");
        Assert.Contains("Vil du deaktivere brugeren?", confirm.Text());
        Assert.False(await Pages.InScopeAsync(app, db => db.Users.Where(u => u.Id == userId).Select(u => u.Disabled).SingleAsync()));

        var disabled = await Pages.SubmitAndFollowAsync(admin, confirm, ".alert-warning button.button-primary");
        Assert.Contains("Brugeren er deaktiveret", disabled.Text());
        Assert.Contains("Deaktiveret", disabled.QuerySelector("dl").Text());

        var refused = await Pages.TryLoginAsync(app.NewClient(), email, Pages.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("E-mail eller adgangskode er forkert.", await refused.Content.ReadAsStringAsync());

        // The new security stamp ends the open session at its next request: back to the login page.
        var ended = await user.GetAsync("/konto/api-noegler");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Contains("/konto/log-ind", ended.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task EditingAUserChangedByAnotherMeanwhile_IsRefusedAndNothingIsSaved(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var (userId, _) = await Pages.CreateUserAsync(app, Role.Reader, null, "samtidig");
        var admin = await app.LoginAsync(DemoUsers.Administrator);
        var first = await Pages.GetAsync(admin, $"/administration/brugere/{userId}");
        var second = await Pages.GetAsync(admin, $"/administration/brugere/{userId}");

        var saved = await Pages.SubmitAndFollowAsync(admin, first, "main form[action*='Rename'] button", new() { ["Name"] = "Første Navn" });
        Assert.Contains("Navnet er gemt.", saved.Text());
        var refused = await Pages.SubmitAndFollowAsync(admin, second, "main form[action*='Rename'] button", new() { ["Name"] = "Andet Navn" });

        Assert.Contains("ændret af en anden imens", refused.QuerySelector("#error-summary").Text());
        Assert.Equal("Første Navn", refused.QuerySelector("#Name")!.GetAttribute("value"));
        Assert.Equal("Første Navn", await Pages.InScopeAsync(app, db => db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleAsync()));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task UserPage_ForAnUnknownId_IsNotFound(DatabaseProvider provider)
    {
        var admin = await apps.Get(provider).LoginAsync(DemoUsers.Administrator);

        var response = await admin.GetAsync($"/administration/brugere/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task UserList_Csv_HoldsTheUsersForExcel(DatabaseProvider provider)
    {
        var admin = await apps.Get(provider).LoginAsync(DemoUsers.Administrator);

        var response = await admin.GetAsync("/administration/brugere?q=demo.ammeindsats.dk&handler=Csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith("E-mail;Navn;Roller;Status;Sidste login\r\n", text, StringComparison.Ordinal);
        Assert.Contains("sekretariat@demo.ammeindsats.dk;Demo Sekretariat (Region Midtjylland);Sekretariat: Region Midtjylland;Aktiv;", text, StringComparison.Ordinal);
    }
}
