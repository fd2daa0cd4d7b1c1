using System.Net;
using Ammeindsats.Core.Access;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.People;
using Ammeindsats.Data;
using Ammeindsats.Web.Tests.Administration;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ammeindsats.Web.Tests.Security;

/// <summary>
/// A record's change history shows what the record shows, so it obeys the record's scoping: a staff contact only
/// to users with a role for the person's area, an unpublished figure only to those who may see the area's
/// unpublished figures. Keys with slashes (an indicator value's) reach their history.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class HardeningHistoryTests(TestApps apps)
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task PersonHistory_IsRefusedToStaffOfAnotherArea_PageAndCsv(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var name = "Kontakt Thisted " + Guid.NewGuid().ToString("N")[..6];
        var id = await AddPersonAsync(app, name, "787");

        var (_, reporterEmail) = await Pages.CreateUserAsync(app, Role.Reporter, "101", "historik");
        var reporter = await app.LoginAsync(reporterEmail, Pages.Password);
        foreach (var url in new[] { $"/historik/Person/{id}", $"/historik/Person/{id}?handler=Csv" })
        {
            var response = await reporter.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain(name, body, StringComparison.Ordinal);
            Assert.DoesNotContain("thisted@example.dk", body, StringComparison.Ordinal);
        }

        // A reporter for the person's own municipality, and the region's secretariat, still see it.
        var (_, ownEmail) = await Pages.CreateUserAsync(app, Role.Reporter, "787", "historik");
        var own = await app.LoginAsync(ownEmail, Pages.Password);
        Assert.Contains("thisted@example.dk", (await Pages.GetAsync(own, $"/historik/Person/{id}")).QuerySelector("tbody").Text());
        var (_, regionEmail) = await Pages.CreateUserAsync(app, Role.Secretariat, "1081", "historik");
        var region = await app.LoginAsync(regionEmail, Pages.Password);
        Assert.Contains(name, (await Pages.GetAsync(region, $"/historik/Person/{id}")).QuerySelector("tbody").Text());

        // The region next door does not.
        var midt = await app.LoginAsync(DemoUsers.Secretariat);
        Assert.Equal(HttpStatusCode.Forbidden, (await midt.GetAsync($"/historik/Person/{id}")).StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task IndicatorValueHistory_IsReachableByItsSlashedKey_AndOnlyForTheAreasStaff(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var period = "2031-0" + Random.Shared.Next(1, 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
            var value = new IndicatorValue
            {
                IndicatorCode = "fuldamning-1uge",
                AreaCode = "787",
                Period = period,
                Breakdown = "firstborn",
                Numerator = 31,
                Denominator = 47,
                Status = ValueStatus.Draft,
                Origin = "manual",
                UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.IndicatorValues.Add(value);
            await db.SaveChangesAsync();
            value.Numerator = 33;
            await db.SaveChangesAsync();
        }

        var key = $"fuldamning-1uge/787/{period}/firstborn";
        var admin = await app.LoginAsync(DemoUsers.Administrator);

        // The audit page links to the history, and the link leads to both changes.
        var audit = await Pages.GetAsync(admin, "/administration/revision?post=IndicatorValue");
        var link = audit.QuerySelectorAll("tbody a").Select(a => a.GetAttribute("href")!).First(h => h.Contains(period, StringComparison.Ordinal));
        Assert.Equal($"/historik/IndicatorValue/fuldamning-1uge/787/{period}/firstborn", link);
        var history = await Pages.GetAsync(admin, link);
        var rows = history.QuerySelectorAll("tbody tr").Select(r => r.Visible()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("31 → 33", rows[0]);
        Assert.Contains("Oprettet", rows[1]);

        var (_, ownEmail) = await Pages.CreateUserAsync(app, Role.Reporter, "787", "vaerdi");
        var own = await app.LoginAsync(ownEmail, Pages.Password);
        Assert.Equal(2, (await Pages.GetAsync(own, "/historik/IndicatorValue/" + key)).QuerySelectorAll("tbody tr").Length);

        var other = await app.LoginAsync(DemoUsers.Reporter);
        var refused = await other.GetAsync("/historik/IndicatorValue/" + key);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/historik/IndicatorValue/" + key + "?handler=Csv")).StatusCode);

        // A record kind the page does not know is refused rather than shown.
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/historik/ImportRun/1")).StatusCode);
    }

    private static async Task<int> AddPersonAsync(TestApp app, string name, string area)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
        var person = new Person { Name = name, Email = "thisted@example.dk", Organisation = "Thisted Kommune", AreaCode = area };
        db.People.Add(person);
        await db.SaveChangesAsync();
        return person.Id;
    }
}
