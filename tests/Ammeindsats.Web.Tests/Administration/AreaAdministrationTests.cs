using System.Net;
using Ammeindsats.Core.Areas;
using Ammeindsats.Data;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Tests.Administration;

[Collection(AdministrationCollection.Name)]
public sealed class AreaAdministrationTests(TestApps apps)
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task EditingAnArea_WithAStaleVersion_IsRefused_AndNothingChanges(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var code = await CreateAreaAsync(app, "Sundhedsråd Prøve");
        var admin = await app.LoginAsync(DemoUsers.Administrator);
        var first = await Pages.GetAsync(admin, $"/administration/omraader/{code}");
        var second = await Pages.GetAsync(admin, $"/administration/omraader/{code}");

        var saved = await Pages.SubmitAndFollowAsync(admin, first, "main form button.button-primary", new() { ["Name"] = "Sundhedsråd Vest", ["NameEn"] = "Health council West" });
        Assert.Contains("Sundhedsråd Vest er gemt.", saved.Text());
        Assert.Equal("Sundhedsråd Vest", saved.QuerySelector("h1").Text());

        var refused = await Pages.SubmitAndFollowAsync(admin, second, "main form button.button-primary", new() { ["Name"] = "Sundhedsråd Øst" });

        Assert.Contains("Området er ændret af en anden imens", refused.QuerySelector("#error-summary").Text());
        Assert.Equal("Sundhedsråd Vest", refused.QuerySelector("#Name")!.GetAttribute("value"));
        var stored = await Pages.InScopeAsync(app, db => db.Areas.AsNoTracking().SingleAsync(a => a.Code == code));
        Assert.Equal("Sundhedsråd Vest", stored.Name);
        Assert.Equal("Health council West", stored.NameEn);
        Assert.Equal(1, stored.Version);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task UnconfirmedFilter_ListsTheAreaUntilAnAdministratorConfirmsIt(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var code = await CreateAreaAsync(app, "Sundhedsråd Ubekræftet", confirmed: false);
        var admin = await app.LoginAsync(DemoUsers.Administrator);

        var unconfirmed = await Pages.GetAsync(admin, "/administration/omraader?type=healthCouncil&ubekraeftede=true&q=" + code);
        Assert.Contains("Ikke bekræftet", unconfirmed.QuerySelector("tbody").Text());

        var edit = await Pages.GetAsync(admin, $"/administration/omraader/{code}");
        await Pages.SubmitAndFollowAsync(admin, edit, "main form button.button-primary", new() { ["Confirmed"] = "true", ["Active"] = "true" });

        var after = await Pages.GetAsync(admin, "/administration/omraader?type=healthCouncil&ubekraeftede=true&q=" + code);
        Assert.Null(after.QuerySelector("tbody"));
        Assert.Contains("Ingen områder passer til filteret.", after.Text());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Memberships_AreAddedWithADanishDate_EndedAfterConfirming_AndBadDatesAreRefused(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var code = await CreateAreaAsync(app, "Sundhedsråd Medlem");
        var admin = await app.LoginAsync(DemoUsers.Administrator);
        var page = await Pages.GetAsync(admin, $"/administration/omraader/{code}");
        Assert.Contains("Området hører ikke til noget andet område.", page.Text());

        var badDate = await Pages.SubmitAndFollowAsync(admin, page, "main form[action*='AddMembership'] button", new() { ["foraelder"] = "1082", ["gyldigFra"] = "32-13-2027" });
        Assert.Contains("Skriv en gyldig dato", badDate.QuerySelector("#gyldigFra")!.ParentElement.Text());
        Assert.Equal(0, await Pages.InScopeAsync(app, db => db.AreaMemberships.CountAsync(m => m.ChildCode == code)));

        var added = await Pages.SubmitAndFollowAsync(admin, page, "main form[action*='AddMembership'] button", new() { ["foraelder"] = "1082", ["gyldigFra"] = "1.1.2027" });
        Assert.Contains("hører nu til Region Midtjylland fra 01-01-2027", added.Text());
        var row = added.QuerySelectorAll("tbody tr").Single(r => r.Text().Contains("Region Midtjylland", StringComparison.Ordinal));
        Assert.Contains("01-01-2027", row.Text());
        Assert.Contains("Gælder stadig", row.Text());

        var confirm = await Pages.FollowAsync(admin, added, "Afslut Region Midtjylland");
        Assert.Contains("Vil du afslutte medlemskabet?", confirm.Text());
        var tooEarly = await Pages.SubmitAndFollowAsync(admin, confirm, ".alert-warning button.button-primary", new() { ["gyldigTil"] = "31-12-2026" });
        Assert.Contains("Slutdatoen skal ligge efter startdatoen 01-01-2027", tooEarly.Text());

        var ended = await Pages.SubmitAndFollowAsync(admin, confirm, ".alert-warning button.button-primary", new() { ["gyldigTil"] = "2028-07-01" });
        Assert.Contains("Medlemskabet slutter 01-07-2028.", ended.Text());
        var membership = await Pages.InScopeAsync(app, db => db.AreaMemberships.AsNoTracking().SingleAsync(m => m.ChildCode == code));
        Assert.Equal(new DateOnly(2028, 7, 1), membership.ValidTo);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AreaPage_ForAnUnknownCode_IsNotFound(DatabaseProvider provider)
    {
        var admin = await apps.Get(provider).LoginAsync(DemoUsers.Administrator);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/administration/omraader/FINDES-IKKE")).StatusCode);
    }

    /// <summary>A health council of its own, so no other test's area counts or names change.</summary>
    internal static async Task<string> CreateAreaAsync(TestApp app, string name, bool confirmed = true)
    {
        var code = "T-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        await Pages.InScopeAsync(app, async db =>
        {
            db.Areas.Add(new Area { Code = code, Type = AreaType.HealthCouncil, Name = name, Confirmed = confirmed });
            return await db.SaveChangesAsync();
        });
        return code;
    }
}
