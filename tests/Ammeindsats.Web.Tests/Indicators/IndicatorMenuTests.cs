using Ammeindsats.Data;
using Ammeindsats.Web.Tests.Administration;
using Ammeindsats.Web.Tests.Infrastructure;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>The indicator menu offers the staff pages to staff only; everyone sees overview, before/after, targets and open data.</summary>
[Collection(IndicatorsCollection.Name)]
public sealed class IndicatorMenuTests(TestApps apps)
{
    private static readonly string[] StaffPages = ["/indikatorer/import", "/indikatorer/indberet", "/indikatorer/godkendelse", "/indikatorer/fuldstaendighed"];

    private static readonly string[] PublicPages = ["/indikatorer", "/indikatorer/foer-efter", "/indikatorer/maal"];

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Menu_ShowsStaffPagesToStaffOnly(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var anonymous = await MenuLinksAsync(app.NewClient());
        var reader = await MenuLinksAsync(await app.LoginAsync(DemoUsers.Reader));
        var reporter = await MenuLinksAsync(await app.LoginAsync(DemoUsers.Reporter));

        foreach (var links in new[] { anonymous, reader, reporter })
        {
            Assert.Superset(PublicPages.ToHashSet(), links);
        }

        Assert.Empty(anonymous.Intersect(StaffPages));
        Assert.Empty(reader.Intersect(StaffPages));
        Assert.Superset(StaffPages.ToHashSet(), reporter);
    }

    private static async Task<HashSet<string>> MenuLinksAsync(HttpClient client)
    {
        var page = await Pages.GetAsync(client, "/indikatorer");
        return page.QuerySelectorAll("nav.sub-menu a").Select(a => a.GetAttribute("href") ?? string.Empty).ToHashSet();
    }
}
