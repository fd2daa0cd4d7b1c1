using System.Net;
using Ammeindsats.Data;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Tests.Administration;

[Collection(AdministrationCollection.Name)]
public sealed class AuditAndHistoryTests(TestApps apps)
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AuditPage_ShowsWhoChangedAnAreaName_FromWhatToWhat(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var code = await AreaAdministrationTests.CreateAreaAsync(app, "Sundhedsråd Før");
        var admin = await app.LoginAsync(DemoUsers.Administrator);
        var edit = await Pages.GetAsync(admin, $"/administration/omraader/{code}");
        await Pages.SubmitAndFollowAsync(admin, edit, "main form button.button-primary", new() { ["Name"] = "Sundhedsråd Efter" });

        var audit = await Pages.GetAsync(admin, "/administration/revision?post=Area&handling=update&af=admin%40demo");
        var row = audit.QuerySelectorAll("tbody tr").First(r => r.Text().Contains(code, StringComparison.Ordinal));

        Assert.Contains(DemoUsers.Administrator, row.Text());
        Assert.Contains("Ændret", row.Text());
        Assert.Contains("Navn: Sundhedsråd Før → Sundhedsråd Efter", row.Visible());

        var csv = await admin.GetStringAsync("/administration/revision?post=Area&handling=update&handler=Csv");
        Assert.Contains($"{DemoUsers.Administrator};Område;{code};Ændret;Navn: Sundhedsråd Før → Sundhedsråd Efter", csv, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AuditPage_WithAnInvalidDate_SaysSoAtTheField(DatabaseProvider provider)
    {
        var admin = await apps.Get(provider).LoginAsync(DemoUsers.Administrator);

        var page = await Pages.GetAsync(admin, "/administration/revision?fra=i-går");

        Assert.Contains("Skriv fra-datoen som dd-mm-åååå", page.QuerySelector("#fra")!.ParentElement.Text());
        Assert.Null(page.QuerySelector("tbody"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task History_ShowsAPersonsName_LogsTheRead_AndAfterErasureShowsDeletedPerson(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var name = "Birthe Ammesen " + Guid.NewGuid().ToString("N")[..6];
        var admin = await app.LoginAsync(DemoUsers.Administrator);

        var create = await Pages.GetAsync(admin, "/administration/personer/ny");
        var person = await Pages.SubmitAndFollowAsync(admin, create, "main form button.button-primary", new()
        {
            ["Form.Name"] = name,
            ["Form.Email"] = "birthe@example.dk",
            ["Form.Phone"] = "+45 12 34 56 78",
            ["Form.Organisation"] = "Aarhus Kommune",
            ["Form.AreaCode"] = "751",
        });
        Assert.Contains($"{name} er oprettet.", person.Text());
        var id = person.Url.Split('/')[^1];

        var secretariat = await app.LoginAsync(DemoUsers.Secretariat);
        var history = await Pages.GetAsync(secretariat, $"/historik/Person/{id}");
        Assert.Contains("Oprettet", history.QuerySelector("tbody").Text());
        Assert.Contains(name, history.QuerySelector("tbody").Text());
        Assert.Contains("birthe@example.dk", history.QuerySelector("tbody").Text());
        var reads = await Pages.InScopeAsync(app, db => db.PersonalDataReads.Where(r => r.Subject == "person:" + id && r.Purpose == "revisionsspor").Select(r => r.Reader).ToListAsync());
        Assert.Contains(DemoUsers.Secretariat, reads);

        var confirm = await Pages.FollowAsync(admin, person, "Slet personen");
        Assert.Contains("Vil du slette personen?", confirm.Text());
        var erased = await Pages.SubmitAndFollowAsync(admin, confirm, ".alert-warning button.button-primary");
        Assert.Contains("Personen er slettet.", erased.Text());
        Assert.Equal("[slettet]", erased.QuerySelector("h1").Text());

        var after = await Pages.GetAsync(secretariat, $"/historik/Person/{id}");
        var text = after.QuerySelector("tbody").Text();
        Assert.Contains("[slettet person]", text);
        Assert.DoesNotContain(name, text);
        Assert.DoesNotContain("birthe@example.dk", text);
        Assert.Contains("Aarhus Kommune", text);
        Assert.Equal(2, after.QuerySelectorAll("tbody tr").Length);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task History_OfAnArea_ListsItsChangesNewestFirst(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var code = await AreaAdministrationTests.CreateAreaAsync(app, "Sundhedsråd A");
        var admin = await app.LoginAsync(DemoUsers.Administrator);
        foreach (var name in new[] { "Sundhedsråd B", "Sundhedsråd C" })
        {
            var edit = await Pages.GetAsync(admin, $"/administration/omraader/{code}");
            await Pages.SubmitAndFollowAsync(admin, edit, "main form button.button-primary", new() { ["Name"] = name });
        }

        var reporter = await app.LoginAsync(DemoUsers.Reporter);
        var history = await Pages.GetAsync(reporter, $"/historik/Area/{code}");
        var rows = history.QuerySelectorAll("tbody tr").Select(r => r.Visible()).ToList();

        Assert.Equal(3, rows.Count);
        Assert.Contains("Navn: Sundhedsråd B → Sundhedsråd C", rows[0]);
        Assert.Contains("Navn: Sundhedsråd A → Sundhedsråd B", rows[1]);
        Assert.Contains("Oprettet", rows[2]);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task History_OfALogin_IsForAdministratorsOnly(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var readerId = await Pages.UserIdAsync(app, DemoUsers.Reader);
        var secretariat = await app.LoginAsync(DemoUsers.Secretariat);
        var admin = await app.LoginAsync(DemoUsers.Administrator);

        Assert.Equal(HttpStatusCode.Forbidden, (await secretariat.GetAsync($"/historik/AppUser/{readerId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/historik/AppUser/{readerId}")).StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Audit_OfANewLogin_StoresTheEmailEncrypted_AndThePasswordOnlyAsChanged(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var (id, email) = await Pages.CreateUserAsync(app, Core.Access.Role.Reader, null, "krypteret");

        var rows = await Pages.InScopeAsync(app, db => db.AuditEntries.Where(a => a.Entity == "AppUser" && a.EntityKey == id).ToListAsync());
        var insert = Assert.Single(rows, r => r.Action == "insert");
        Assert.DoesNotContain(email, insert.After!, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AQAAAA", insert.After!, StringComparison.Ordinal); // the start of every Identity v3 hash
        Assert.Equal("user:" + id, insert.PersonalDataSubject);
        Assert.DoesNotContain(rows, r => r.Action == "update" && (r.After is null || r.After == "{}"));

        var admin = await app.LoginAsync(DemoUsers.Administrator);
        var history = await Pages.GetAsync(admin, $"/historik/AppUser/{id}");
        Assert.Contains(email, history.QuerySelector("tbody").Text(), StringComparison.OrdinalIgnoreCase);
    }
}
