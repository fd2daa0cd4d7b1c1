using System.Net;
using System.Text.Json;
using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Data;
using Ammeindsats.Web.Tests.Administration;
using Ammeindsats.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>
/// Manual entry, approval, completeness and targets, driven through the pages as a browser would. Each test uses
/// its own indicator × period cells (old months and quarters) so that the shared demo database stays as the other
/// tests expect it.
/// </summary>
[Collection(IndicatorsCollection.Name)]
public sealed class WorkflowTests(TestApps apps)
{
    private const string Entry = "/indikatorer/indberet";
    private const string Approval = "/indikatorer/godkendelse";
    private const string SaveButton = "main form button.button-primary";

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Entry_OwnMunicipality_IsSavedAsDraft_ForeignMunicipality_IsForbidden(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var reporter = await app.LoginAsync(DemoUsers.Reporter); // reporter for 751 Aarhus
        var form = await Pages.GetAsync(reporter, Entry);

        var saved = await Pages.SubmitAndFollowAsync(reporter, form, SaveButton, Cell("fuldamning-4mdr", "751", "2016-03", "120", "250"));

        Assert.Contains("er gemt som kladde", saved.Text());
        var stored = await StoredAsync(app, "fuldamning-4mdr", "751", "2016-03");
        Assert.NotNull(stored);
        Assert.Equal((120, 250, ValueStatus.Draft, "manual"), (stored.Numerator, stored.Denominator, stored.Status, stored.Origin));
        Assert.Equal(string.Empty, stored.Breakdown);

        var foreign = await Pages.SubmitAsync(reporter, form, SaveButton, Cell("fuldamning-4mdr", "101", "2016-03", "120", "250"));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Null(await StoredAsync(app, "fuldamning-4mdr", "101", "2016-03"));
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync(Entry + "?omraade=101")).StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Entry_NumeratorAboveDenominator_ShowsAFieldError_AndStoresNothing(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var reporter = await app.LoginAsync(DemoUsers.Reporter);
        var form = await Pages.GetAsync(reporter, Entry);

        var refused = await Pages.SubmitAndFollowAsync(reporter, form, SaveButton, Cell("fuldamning-4mdr", "751", "2016Q3", "260", "250"));

        Assert.Contains("Tælleren (260) er større end nævneren (250)", refused.QuerySelector("#taeller-error").Text());
        Assert.Contains("Tælleren (260) er større end nævneren (250)", refused.QuerySelector("#error-summary").Text());
        var badCount = await Pages.SubmitAndFollowAsync(reporter, form, SaveButton, Cell("fuldamning-4mdr", "751", "2016Q5", "-3", "2,5"));
        Assert.Contains("Perioden \"2016Q5\" kan ikke læses", badCount.QuerySelector("#periode-error").Text());
        Assert.Contains("Tælleren skal være et helt tal", badCount.QuerySelector("#taeller-error").Text());
        Assert.Contains("Nævneren skal være et helt tal", badCount.QuerySelector("#naevner-error").Text());
        Assert.Null(await StoredAsync(app, "fuldamning-4mdr", "751", "2016Q3"));

        // A whole birth year of a threshold indicator comes from Aarhus' child-level cohort and is not typed in.
        var cohortYear = await Pages.SubmitAndFollowAsync(reporter, form, SaveButton, Cell("fuldamning-4mdr", "751", "2020", "100", "200"));
        Assert.Contains("Aarhus har børnedata for fødselsåret 2020", cohortYear.QuerySelector("#periode-error").Text());
        Assert.Null(await StoredAsync(app, "fuldamning-4mdr", "751", "2020"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Entry_TwoEditsOfTheSameVersion_TheSecondIsRefusedWithAMessage(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var reporter = await app.LoginAsync(DemoUsers.Reporter);
        var network = await app.LoginAsync(DemoUsers.Network); // network RM-AARHUS covers 751
        await Pages.SubmitAndFollowAsync(reporter, await Pages.GetAsync(reporter, Entry), SaveButton, Cell("fuldamning-4mdr", "751", "2016-04", "100", "200"));
        var cell = Entry + "?indikator=fuldamning-4mdr&omraade=751&periode=2016-04&opdeling=";
        var first = await Pages.GetAsync(reporter, cell);
        var second = await Pages.GetAsync(network, cell);
        Assert.Equal("100", first.QuerySelector("#taeller")!.GetAttribute("value"));

        var saved = await Pages.SubmitAndFollowAsync(reporter, first, SaveButton, new() { ["taeller"] = "110" });
        Assert.Contains("er gemt som kladde", saved.Text());
        var refused = await Pages.SubmitAndFollowAsync(network, second, SaveButton, new() { ["taeller"] = "90" });

        Assert.Contains("Tallet er ændret af en anden", refused.QuerySelector("#error-summary").Text());
        Assert.Equal("110", refused.QuerySelector("#taeller")!.GetAttribute("value"));
        var stored = await StoredAsync(app, "fuldamning-4mdr", "751", "2016-04");
        Assert.Equal(110, stored!.Numerator);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Entry_FarOutsideTheAreasHistory_WarnsFirst_AndSavesOnceConfirmed(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var reporter = await app.LoginAsync(DemoUsers.Reporter);
        var form = await Pages.GetAsync(reporter, Entry);

        // Aarhus' approved demo cohorts 2015–2024 have about 85 % fully breastfed at 2 weeks; 10 of 100 is far below
        // any 99.8 % limit at N = 100 (the lower limit at 85 % would be about 72 %).
        var warned = await Pages.SubmitAndFollowAsync(reporter, form, SaveButton, Cell("fuldamning-2uger", "751", "2025-02", "10", "100"));
        Assert.Contains("Andelen 10,0 % ligger langt fra områdets tidligere tal", warned.QuerySelector("#history-warning").Text());
        Assert.Null(await StoredAsync(app, "fuldamning-2uger", "751", "2025-02"));

        var saved = await Pages.SubmitAndFollowAsync(reporter, warned, SaveButton, new() { ["bekraeftet"] = "10/100" });
        Assert.Contains("er gemt som kladde", saved.Text());
        Assert.Equal(10, (await StoredAsync(app, "fuldamning-2uger", "751", "2025-02"))!.Numerator);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task SubmittedAndApproved_ValueIsPublishedInTheOpenApi_WithItsWilsonInterval(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var reporter = await app.LoginAsync(DemoUsers.Reporter);
        var anonymous = app.NewClient();
        const string api = "/api/v1/indicators/fuldamning-1mdr/values?area=751&period=2016-05";
        await Pages.SubmitAndFollowAsync(reporter, await Pages.GetAsync(reporter, Entry), SaveButton, Cell("fuldamning-1mdr", "751", "2016-05", "150", "200"));
        Assert.Empty(await ApiValuesAsync(anonymous, api));

        var list = await Pages.GetAsync(reporter, Approval + "?omraade=751&periode=2016-05");
        Assert.Null(list.QuerySelector("button.approve-button")); // a reporter does not approve
        var submitted = await Pages.SubmitAndFollowAsync(reporter, list, "main form[action*='handler=Submit'] button");
        Assert.Contains("1 tal er indsendt", submitted.Text());
        Assert.Equal(ValueStatus.Submitted, (await StoredAsync(app, "fuldamning-1mdr", "751", "2016-05"))!.Status);
        Assert.Empty(await ApiValuesAsync(anonymous, api));

        // A reporter who posts the approval anyway is refused, and the value stays submitted.
        var forged = await reporter.PostAsync(Approval + "?handler=Approve", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestApp.AntiforgeryToken(await reporter.GetStringAsync(Entry)),
            ["celleOmraade"] = "751",
            ["cellePeriode"] = "2016-05",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(ValueStatus.Submitted, (await StoredAsync(app, "fuldamning-1mdr", "751", "2016-05"))!.Status);

        var secretariat = await app.LoginAsync(DemoUsers.Secretariat);
        var toApprove = await Pages.GetAsync(secretariat, Approval + "?omraade=751&periode=2016-05&status=indsendt");
        Assert.Contains("Indsendt", toApprove.QuerySelector("#approval-table tbody").Text());
        var approved = await Pages.SubmitAndFollowAsync(secretariat, toApprove, "main form[action*='handler=Approve'] button");
        Assert.Contains("1 tal er godkendt", approved.Text());

        var published = Assert.Single(await ApiValuesAsync(anonymous, api));
        Assert.False(published.GetProperty("suppressed").GetBoolean());
        Assert.Equal(150, published.GetProperty("numerator").GetInt32());
        Assert.Equal(200, published.GetProperty("denominator").GetInt32());
        Assert.Equal(75.0, published.GetProperty("value").GetDouble(), 9);
        // Wilson 95 % by hand for 150 of 200, z = 1.959963984540054, z² = 3.8414588206941254:
        // centre 2·150 + z² = 303.84145882069413; spread z·√(z² + 4·150·(1 − 150/200)) = z·√153.84145882069413
        // = 1.959963984540054 · 12.403284194949906 = 24.309990312116696; scale 2·(200 + z²) = 407.68291764138826;
        // lower (303.84145882 − 24.30999031) / 407.68291764 = 68.56590168795417 %, upper 80.49183199318252 %.
        var ci95 = published.GetProperty("ci95");
        Assert.Equal(68.56590168795417, ci95.GetProperty("lower").GetDouble(), 9);
        Assert.Equal(80.49183199318252, ci95.GetProperty("upper").GetDouble(), 9);

        var csv = await CsvAsync(secretariat, Approval + "?handler=Csv&omraade=751&periode=2016-05");
        Assert.Contains("751;Aarhus;2016-05;Godkendt;0;0;1;1;0", csv, StringComparison.Ordinal);

        // Approved is locked: the entry page refuses to change it.
        var locked = await Pages.SubmitAndFollowAsync(reporter, await Pages.GetAsync(reporter, Entry), SaveButton, Cell("fuldamning-1mdr", "751", "2016-05", "151", "200"));
        Assert.Contains("er godkendt og låst", locked.QuerySelector("#error-summary").Text());
        Assert.Equal(150, (await StoredAsync(app, "fuldamning-1mdr", "751", "2016-05"))!.Numerator);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Reopen_WithoutAReason_IsRefused_WithAReason_IsADraftAgain_AndAudited(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        await Pages.InScopeAsync(app, async db =>
        {
            db.IndicatorValues.Add(new IndicatorValue
            {
                IndicatorCode = "fuldamning-2mdr",
                AreaCode = "751",
                Period = "2016-07",
                Numerator = 80,
                Denominator = 100,
                Status = ValueStatus.Approved,
                Origin = "test",
                UpdatedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        var secretariat = await app.LoginAsync(DemoUsers.Secretariat);
        var list = await Pages.GetAsync(secretariat, Approval + "?omraade=751&periode=2016-07");
        Assert.Contains("Godkendt", list.QuerySelector("#approval-table tbody").Text());

        var confirm = await Pages.FollowAsync(secretariat, list, "Genåbn");
        Assert.Contains("Vil du genåbne Aarhus, 2016-07?", confirm.QuerySelector("#confirm-reopen").Text());
        var refused = await Pages.SubmitAndFollowAsync(secretariat, confirm, "#confirm-reopen button.button-primary", new() { ["begrundelse"] = "  " });
        Assert.Contains("Skriv, hvorfor tallet skal genåbnes", refused.QuerySelector("#begrundelse-error").Text());
        Assert.Equal(ValueStatus.Approved, (await StoredAsync(app, "fuldamning-2mdr", "751", "2016-07"))!.Status);

        var reopened = await Pages.SubmitAndFollowAsync(secretariat, confirm, "#confirm-reopen button.button-primary", new() { ["begrundelse"] = "Nævneren talte tvillinger dobbelt" });
        Assert.Contains("1 tal er genåbnet", reopened.Text());
        var stored = await StoredAsync(app, "fuldamning-2mdr", "751", "2016-07");
        Assert.Equal(ValueStatus.Draft, stored!.Status);
        Assert.Equal("Nævneren talte tvillinger dobbelt", stored.ReopenReason);
        var audit = await Pages.InScopeAsync(app, db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(IndicatorValue) && a.EntityKey == "fuldamning-2mdr/751/2016-07/total" && a.Action == "update")
            .ToListAsync());
        var row = Assert.Single(audit);
        Assert.Contains("sekretariat@demo.ammeindsats.dk", row.Actor, StringComparison.Ordinal);
        using var after = JsonDocument.Parse(row.After!);
        Assert.Equal("Nævneren talte tvillinger dobbelt", after.RootElement.GetProperty(nameof(IndicatorValue.ReopenReason)).GetString());
        Assert.Equal("Draft", after.RootElement.GetProperty(nameof(IndicatorValue.Status)).GetString());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Completeness_ShowsMissing_ForAnAreaWithoutData_AndLateAfterTheDeadline(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var code = await NewBirthSiteAsync(app, "Fødested Uden Tal");
        var admin = await app.LoginAsync(DemoUsers.Administrator);

        var page = await Pages.GetAsync(admin, $"/indikatorer/fuldstaendighed?q={code}&til=2024");
        var cells = page.QuerySelectorAll($"tr[data-area='{code}'] td").Skip(1).Select(c => c.Text()).ToList();

        // Years 2020–2024; each is due by 1 July two years later (2022 … 2026), so all are late after 1 July 2026.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var expected = Enumerable.Range(2020, 5).Select(y => today > new DateOnly(y + 2, 7, 1) ? "Mangler – for sent" : "Mangler").ToList();
        Assert.Equal(expected, cells);
        var csv = await CsvAsync(admin, $"/indikatorer/fuldstaendighed?handler=Csv&q={code}&til=2024");
        Assert.Contains($"{code};Fødested Uden Tal;Fødested;{string.Join(';', expected)}", csv, StringComparison.Ordinal);

        // The secretariat of Midtjylland sees Aarhus' approved demo cohorts, and not an area outside its region.
        var secretariat = await app.LoginAsync(DemoUsers.Secretariat);
        var region = await Pages.GetAsync(secretariat, "/indikatorer/fuldstaendighed?q=Aarhus&til=2024&type=kommune");
        Assert.Equal(Enumerable.Repeat("Godkendt", 5), region.QuerySelectorAll("tr[data-area='751'] td").Skip(1).Select(c => c.Text()));
        var foreign = await Pages.GetAsync(secretariat, "/indikatorer/fuldstaendighed?q=101");
        Assert.Null(foreign.QuerySelector("tr[data-area='101']"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Targets_AreJudgedAgainstTheStraightLine_FromTheLatestApprovedValue(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var code = await NewBirthSiteAsync(app, "Fødested Med Mål");
        await Pages.InScopeAsync(app, async db =>
        {
            // Years without demo cohorts, so that no stored DK cohort has to add up with this birth site.
            db.IndicatorValues.Add(Approved("fuldamning-1mdr", code, "2012", 280, 400));
            db.IndicatorValues.Add(Approved("fuldamning-1mdr", code, "2013", 300, 400));
            return await db.SaveChangesAsync();
        });
        var admin = await app.LoginAsync(DemoUsers.Administrator);
        await Pages.SubmitAndFollowAsync(admin, await Pages.GetAsync(admin, "/indikatorer/maal/rediger"), SaveButton, Target("fuldamning-1mdr", code, "2009", "70", "2017", "80"));
        var created = await Pages.SubmitAndFollowAsync(admin, await Pages.GetAsync(admin, "/indikatorer/maal/rediger"), SaveButton, Target("fuldamning-1mdr", code, "2009", "70", "2015", "82,0"));
        Assert.Contains("er gemt", created.Text());

        var list = await Pages.GetAsync(app.NewClient(), "/indikatorer/maal?sorter=maalaar");
        var rows = list.QuerySelectorAll("#targets-table tbody tr").Where(r => r.Text().Contains(code, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        // Latest approved value: 2013, 300/400 = 75 %.
        // Target 2015: line in 2013 = 70 + (82 − 70)·(2013 − 2009)/(2015 − 2009) = 70 + 12·4/6 = 78 → 75 < 78, off track.
        Assert.Contains("75,0 % i 2013", rows[0].Text());
        Assert.Contains("78,0 %", rows[0].Text());
        Assert.Equal("Ikke på rette spor", rows[0].QuerySelector(".judgement").Text());
        // Target 2017: line in 2013 = 70 + (80 − 70)·(2013 − 2009)/(2017 − 2009) = 70 + 10·4/8 = 75 → 75 ≥ 75, on track.
        Assert.Contains("75,0 %", rows[1].QuerySelectorAll("td")[5].Text());
        Assert.Equal("På rette spor", rows[1].QuerySelector(".judgement").Text());
        Assert.Null(list.QuerySelector("a[href^='/indikatorer/maal/rediger']")); // the public reads only
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Targets_StaleEditIsRefused_ForeignAreaIsForbidden_AndDeleteAsksFirst(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var admin = await app.LoginAsync(DemoUsers.Administrator);
        var secretariat = await app.LoginAsync(DemoUsers.Secretariat);
        await Pages.SubmitAndFollowAsync(admin, await Pages.GetAsync(admin, "/indikatorer/maal/rediger"), SaveButton, Target("fuldamning-4mdr", "101", "2021", "40", "2031", "50"));
        await Pages.SubmitAndFollowAsync(secretariat, await Pages.GetAsync(secretariat, "/indikatorer/maal/rediger"), SaveButton, Target("fuldamning-4mdr", "751", "2021", "40", "2031", "50"));
        var foreignId = await Pages.InScopeAsync(app, db => db.IndicatorTargets.Where(t => t.AreaCode == "101" && t.IndicatorCode == "fuldamning-4mdr" && t.TargetYear == 2031).Select(t => t.Id).SingleAsync());
        var ownId = await Pages.InScopeAsync(app, db => db.IndicatorTargets.Where(t => t.AreaCode == "751" && t.IndicatorCode == "fuldamning-4mdr" && t.TargetYear == 2031).Select(t => t.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await secretariat.GetAsync($"/indikatorer/maal/rediger?id={foreignId}")).StatusCode);
        var refusedArea = await Pages.SubmitAsync(secretariat, await Pages.GetAsync(secretariat, "/indikatorer/maal/rediger"), SaveButton, Target("fuldamning-4mdr", "101", "2021", "40", "2032", "50"));
        Assert.Equal(HttpStatusCode.Forbidden, refusedArea.StatusCode);

        var first = await Pages.GetAsync(secretariat, $"/indikatorer/maal/rediger?id={ownId}");
        var second = await Pages.GetAsync(admin, $"/indikatorer/maal/rediger?id={ownId}");
        await Pages.SubmitAndFollowAsync(secretariat, first, SaveButton, new() { ["maalvaerdi"] = "55" });
        var stale = await Pages.SubmitAndFollowAsync(admin, second, SaveButton, new() { ["maalvaerdi"] = "60" });
        Assert.Contains("Målet er ændret af en anden", stale.QuerySelector("#error-summary").Text());
        Assert.Equal("55", stale.QuerySelector("#maalvaerdi")!.GetAttribute("value"));

        var confirm = await Pages.GetAsync(secretariat, $"/indikatorer/maal/rediger?id={ownId}&bekraeft=slet");
        Assert.Contains("Vil du slette målet?", confirm.QuerySelector("#confirm-delete").Text());
        Assert.True(await Pages.InScopeAsync(app, db => db.IndicatorTargets.AnyAsync(t => t.Id == ownId)));
        var deleted = await Pages.SubmitAndFollowAsync(secretariat, confirm, "#confirm-delete button.button-primary");
        Assert.Contains("Målet er slettet.", deleted.Text());
        Assert.False(await Pages.InScopeAsync(app, db => db.IndicatorTargets.AnyAsync(t => t.Id == ownId)));
    }

    private static Dictionary<string, string> Cell(string indicator, string area, string period, string numerator, string denominator) => new()
    {
        ["indikator"] = indicator,
        ["omraade"] = area,
        ["periode"] = period,
        ["opdeling"] = string.Empty,
        ["taeller"] = numerator,
        ["naevner"] = denominator,
    };

    private static Dictionary<string, string> Target(string indicator, string area, string baselineYear, string baselineValue, string targetYear, string targetValue) => new()
    {
        ["indikator"] = indicator,
        ["omraade"] = area,
        ["basisaar"] = baselineYear,
        ["basisvaerdi"] = baselineValue,
        ["maalaar"] = targetYear,
        ["maalvaerdi"] = targetValue,
    };

    private static IndicatorValue Approved(string indicator, string area, string period, int numerator, int denominator) => new()
    {
        IndicatorCode = indicator,
        AreaCode = area,
        Period = period,
        Numerator = numerator,
        Denominator = denominator,
        Status = ValueStatus.Approved,
        Origin = "test",
        UpdatedAt = DateTimeOffset.UtcNow,
    };

    private static Task<IndicatorValue?> StoredAsync(TestApp app, string indicator, string area, string period) =>
        Pages.InScopeAsync(app, db => db.IndicatorValues.AsNoTracking()
            .FirstOrDefaultAsync(v => v.IndicatorCode == indicator && v.AreaCode == area && v.Period == period && v.Breakdown == string.Empty));

    // A birth site that belongs to no region: only an administrator acts on it, and no other figure sums it.
    private static async Task<string> NewBirthSiteAsync(TestApp app, string name)
    {
        var code = "T-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        await Pages.InScopeAsync(app, async db =>
        {
            db.Areas.Add(new Area { Code = code, Type = AreaType.BirthSite, Name = name });
            return await db.SaveChangesAsync();
        });
        return code;
    }

    private static async Task<string> CsvAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<List<JsonElement>> ApiValuesAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
