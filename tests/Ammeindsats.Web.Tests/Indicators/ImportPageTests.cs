using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ammeindsats.Core.Documents;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Data;
using Ammeindsats.Web.Features.Indicators;
using Ammeindsats.Web.Features.Indicators.Import;
using Ammeindsats.Web.Infrastructure.Auth;
using Ammeindsats.Web.Infrastructure.Platform;
using Ammeindsats.Web.Tests.Administration;
using Ammeindsats.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>The web import at /indikatorer/import: upload, check (dry run), confirm, progress and outcome, through HTTP.</summary>
[Collection(IndicatorsCollection.Name)]
public sealed class ImportPageTests(TestApps apps)
{
    private const string Header = "child_id,record_date,birth_date,municipality_code,birth_site,parity,full_breastfeeding_days,still_fully_breastfed";

    /// <summary>
    /// Ten children in 751 Aarhus born 2013 (a year the demo data does not use), eleven rows: b09 appears twice
    /// and its later record (60 days, ended) counts.
    /// fuldamning-2uger (14 days), by hand:
    ///   numerator, days ≥ 14: b01 (120), b03 (14), b06 (150, still at 179 days of age), b07 (30), b09 (60), b10 (20) = 6;
    ///   ended before 14 days: b02 (10), b04 (13), b08 (0) = 3, so the denominator is 6 + 3 = 9;
    ///   b05 was last seen still fully breastfed at 5 days, before the threshold, and is left out.
    /// Cohorts: total 10 children; parity-1 (b01, b03, b05, b08, b09) 5; parity-2plus (b02, b04, b07, b10) 4;
    /// b06 has no parity and counts in the total only. The secretariat may not write DK, so 3 cells are new.
    /// </summary>
    private static string TenChildren(int year) => string.Join('\n',
        Header,
        $"b01,{year}-09-01,{year}-03-01,751,,1,120,false",
        $"b02,{year}-09-01,{year}-03-02,751,,2,10,false",
        $"b03,{year}-09-01,{year}-03-03,751,,1,14,false",
        $"b04,{year}-09-01,{year}-03-04,751,,2,13,nej",
        $"b05,{year}-09-01,{year}-03-05,751,,1,5,true",
        $"b06,{year}-09-01,{year}-03-06,751,,,150,ja",
        $"b07,{year}-09-01,{year}-03-07,751,,2,30,0",
        $"b08,{year}-09-01,{year}-03-08,751,,1,0,false",
        $"b09,{year}-04-01,{year}-03-09,751,,1,7,true",
        $"b09,{year}-10-01,{year}-03-09,751,,1,60,false",
        $"b10,{year}-09-01,{year}-03-10,751,,2,20,1") + "\n";

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ChildFile_CheckedThenConfirmed_StoresHandCountedCohorts_AndApiGivesHandComputedShare(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        const int year = 2013;
        var secretariat = await app.LoginAsync(DemoUsers.Secretariat);
        int cohortsBefore;
        await using (var db = app.NewDbContext())
        {
            cohortsBefore = await db.BirthCohorts.CountAsync();
        }

        var runUrl = await UploadAsync(secretariat, ImportKinds.ChildRecords, TenChildren(year), "aarhus-2013.csv", approve: true);
        var check = await Pages.GetAsync(secretariat, runUrl);

        // The dry run shows what would change, and nothing has changed yet.
        Assert.Equal("11", check.QuerySelector("#rows-read").Text());
        Assert.Equal("10", check.QuerySelector("#children").Text());
        Assert.Equal("3", check.QuerySelector("#inserted").Text());
        Assert.Equal("0", check.QuerySelector("#updated").Text());
        Assert.Equal("0", check.QuerySelector("#unchanged").Text());
        Assert.Contains("Landstallet (DK) er ikke opdateret", check.Text(), StringComparison.Ordinal);
        Assert.Matches(@"Filen gemmes til \d{1,2}\. [a-z]+ \d{4} kl\. \d{2}:\d{2}\.", check.Text());
        await using (var db = app.NewDbContext())
        {
            Assert.Equal(cohortsBefore, await db.BirthCohorts.CountAsync());
            Assert.Equal(ImportRunState.Checked, (await db.ImportRuns.SingleAsync(r => r.Id == RunId(runUrl))).State);
        }

        var confirmed = await Pages.SubmitAsync(secretariat, check, "#confirm");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var done = await WaitUntilFinishedAsync(app, secretariat, runUrl);
        Assert.Equal("Importeret", done.QuerySelector("#run-state").Text());
        Assert.Equal("3", done.QuerySelector("#inserted").Text());

        await using (var db = app.NewDbContext())
        {
            var cohorts = await db.BirthCohorts.AsNoTracking().Where(c => c.AreaCode == "751" && c.BirthYear == year).ToListAsync();
            Assert.Equal(10, cohorts.Single(c => c.Breakdown == "").Children);
            Assert.Equal(5, cohorts.Single(c => c.Breakdown == "parity-1").Children);
            Assert.Equal(4, cohorts.Single(c => c.Breakdown == "parity-2plus").Children);
            Assert.All(cohorts, c => Assert.Equal(ValueStatus.Approved, c.Status));
            Assert.Equal(cohortsBefore + 3, await db.BirthCohorts.CountAsync());

            // One audit entry for the whole file, naming the uploader and the file's SHA-256.
            var run = await db.ImportRuns.AsNoTracking().SingleAsync(r => r.Id == RunId(runUrl));
            var audit = await db.AuditEntries.AsNoTracking().Where(a => a.FileSha256 == run.FileSha256).ToListAsync();
            Assert.Single(audit);
            Assert.Equal(DemoUsers.Secretariat, audit[0].Actor);

            // The upload is deleted once it has been applied.
            Assert.False(await db.StoredFiles.AnyAsync(f => f.Id == run.FileId));
        }

        var values = await ApiValuesAsync(app, DemoUsers.Secretariat, "fuldamning-2uger", "751", "2013");
        var total = values.EnumerateArray().Single(v => v.GetProperty("breakdown").GetString() == "");
        Assert.Equal(6, total.GetProperty("numerator").GetInt32());
        Assert.Equal(9, total.GetProperty("denominator").GetInt32());
        Assert.Equal(100.0 * 6 / 9, total.GetProperty("value").GetDouble(), 9);

        // The same file again: the check says nothing would change, and applying it changes nothing.
        var againUrl = await UploadAsync(secretariat, ImportKinds.ChildRecords, TenChildren(year), "aarhus-2013.csv", approve: true);
        var again = await Pages.GetAsync(secretariat, againUrl);
        Assert.Equal("0", again.QuerySelector("#inserted").Text());
        Assert.Equal("0", again.QuerySelector("#updated").Text());
        Assert.Equal("0", again.QuerySelector("#deleted").Text());
        Assert.Equal("3", again.QuerySelector("#unchanged").Text());
        Assert.NotNull(again.QuerySelector("#nothing-changes"));
        await Pages.SubmitAsync(secretariat, again, "#confirm");
        var againDone = await WaitUntilFinishedAsync(app, secretariat, againUrl);
        Assert.Equal("Importeret", againDone.QuerySelector("#run-state").Text());
        Assert.Contains("Filen ændrede intet", againDone.Text(), StringComparison.Ordinal);

        // Both runs are listed on the upload page with Danish dates.
        var list = await Pages.GetAsync(secretariat, "/indikatorer/import");
        var rows = list.QuerySelectorAll("table tbody tr").Where(r => r.Text().Contains("aarhus-2013.csv", StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count >= 2);
        Assert.Matches(@"^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$", rows[0].QuerySelector("td")!.Text());
        var export = await secretariat.GetStringAsync("/indikatorer/import?handler=Csv");
        Assert.Contains("aarhus-2013.csv", export, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AggregatedFile_WithSemicolons_IsCheckedAndApplied_AsDraft(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var network = await app.LoginAsync(DemoUsers.Network); // network for the cluster RM-AARHUS, which holds 751
        var bad = "indicator;area;period;breakdown;numerator;denominator\n" +
                  "fuldamning-2uger;751;2010Q2;;41;40\n" + // row 2: numerator above denominator
                  "fuldamning-2uger;751;2010Q3;;30;40\n" +
                  "fuldamning-2uger;751;2010Q3;;31;40\n"; // row 4: the same cell again
        var rejected = await Pages.GetAsync(network, await UploadAsync(network, ImportKinds.IndicatorValues, bad, "kvartaler-fejl.csv", approve: false));
        var rows = rejected.QuerySelectorAll("#problems tbody tr").Select(r => r.QuerySelector("td")!.Text()).ToList();
        Assert.Contains("2", rows);
        Assert.Contains("4", rows);

        var good = "indicator;area;period;breakdown;numerator;denominator\nfuldamning-2uger;751;2010Q2;;30;40\nfuldamning-2uger;751;2010Q2;parity-1;12;20\n";
        var runUrl = await UploadAsync(network, ImportKinds.IndicatorValues, good, "kvartaler.csv", approve: false);
        var check = await Pages.GetAsync(network, runUrl);
        Assert.Equal("2", check.QuerySelector("#rows-read").Text());
        Assert.Equal("2", check.QuerySelector("#inserted").Text());
        Assert.Null(check.QuerySelector("#children")); // an aggregated file has no children to count

        await Pages.SubmitAsync(network, check, "#confirm");
        var done = await WaitUntilFinishedAsync(app, network, runUrl);
        Assert.Equal("Importeret", done.QuerySelector("#run-state").Text());
        await using var db = app.NewDbContext();
        var values = await db.IndicatorValues.AsNoTracking().Where(v => v.AreaCode == "751" && v.Period == "2010Q2").ToListAsync();
        Assert.Equal((30, 40), values.Where(v => v.Breakdown == "").Select(v => (v.Numerator, v.Denominator)).Single());
        Assert.Equal((12, 20), values.Where(v => v.Breakdown == "parity-1").Select(v => (v.Numerator, v.Denominator)).Single());
        Assert.All(values, v => Assert.Equal(ValueStatus.Draft, v.Status));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task BadFile_ShowsEveryProblemWithRowAndColumn_AndChangesNothing(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var secretariat = await app.LoginAsync(DemoUsers.Secretariat);
        var csv = string.Join('\n',
            Header,
            "c01,2014-09-01,2014-03-01,751,,1,120,false",
            "c02,2014-09-01,2014-13-45,751,,1,20,false", // row 3: birth_date is not a date
            "c03,2014-09-01,2014-03-03,9999,,1,20,false", // row 4: no municipality 9999
            "c04,2014-09-01,2014-03-04,751,,1,-3,false", // row 5: negative days
            "c05,2014-09-01,2014-03-05,751,,1,20,måske") + "\n"; // row 6: not true/false
        var (cohorts, audits) = await CountsAsync(app);

        var runUrl = await UploadAsync(secretariat, ImportKinds.ChildRecords, csv, "fejl.csv", approve: false);
        var page = await Pages.GetAsync(secretariat, runUrl);

        Assert.Equal("Afvist", page.QuerySelector("#run-state").Text());
        Assert.Null(page.QuerySelector("#confirm"));
        var problems = page.QuerySelectorAll("#problems tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.Text()).ToArray()).ToList();
        Assert.Contains(problems, p => p[0] == "3" && p[1] == "birth_date");
        Assert.Contains(problems, p => p[0] == "4" && p[1] == "municipality_code" && p[2].Contains("9999", StringComparison.Ordinal));
        Assert.Contains(problems, p => p[0] == "5" && p[1] == "full_breastfeeding_days");
        Assert.Contains(problems, p => p[0] == "6" && p[1] == "still_fully_breastfed");
        Assert.Equal(4, problems.Count);
        Assert.Equal((cohorts, audits), await CountsAsync(app));

        // The problems can be downloaded as a table, and the rejected upload is not kept.
        var csvProblems = await secretariat.GetStringAsync(runUrl + "?handler=ProblemsCsv");
        Assert.Contains("birth_date", csvProblems, StringComparison.Ordinal);
        await using var db = app.NewDbContext();
        var run = await db.ImportRuns.AsNoTracking().SingleAsync(r => r.Id == RunId(runUrl));
        Assert.False(await db.StoredFiles.AnyAsync(f => f.Id == run.FileId));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task CprLikeChildId_RejectsTheWholeFile_WithoutRepeatingTheNumber(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var secretariat = await app.LoginAsync(DemoUsers.Secretariat);
        var csv = string.Join('\n',
            Header,
            "d01,2014-09-01,2014-03-01,751,,1,120,false",
            "010314-1234,2014-09-01,2014-03-01,751,,1,20,false") + "\n";
        var (cohorts, audits) = await CountsAsync(app);

        var page = await Pages.GetAsync(secretariat, await UploadAsync(secretariat, ImportKinds.ChildRecords, csv, "cpr.csv", approve: false));

        var problem = Assert.Single(page.QuerySelectorAll("#problems tbody tr"));
        Assert.Equal("3", problem.QuerySelector("td")!.Text());
        Assert.Contains("pseudonym", problem.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("010314-1234", page.Text(), StringComparison.Ordinal);
        Assert.Equal((cohorts, audits), await CountsAsync(app));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Reporter_ForeignMunicipality_IsRefused_AndCannotApprove(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var reporter = await app.LoginAsync(DemoUsers.Reporter); // reporter for 751 Aarhus
        var upload = await Pages.GetAsync(reporter, "/indikatorer/import");
        Assert.Null(upload.QuerySelector("#Approve")); // only those who may approve see the box

        var csv = string.Join('\n', Header, "e01,2014-09-01,2014-03-01,101,,1,120,false", "e02,2014-09-01,2014-03-01,101,,1,3,false") + "\n";
        var (cohorts, audits) = await CountsAsync(app);
        var page = await Pages.GetAsync(reporter, await UploadAsync(reporter, ImportKinds.ChildRecords, csv, "koebenhavn.csv", approve: false));

        var problem = Assert.Single(page.QuerySelectorAll("#problems tbody tr"));
        Assert.Contains("101", problem.Text(), StringComparison.Ordinal);
        Assert.Contains("rettigheder", problem.Text(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#confirm"));
        Assert.Equal((cohorts, audits), await CountsAsync(app));

        // Asking to approve anyway is refused with a field message.
        var token = TestApp.AntiforgeryToken(await reporter.GetStringAsync("/indikatorer/import"));
        var response = await reporter.PostAsync("/indikatorer/import", Form(token, ImportKinds.ChildRecords, csv, "x.csv", approve: true));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Du må ikke godkende værdier", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Confirm_WithoutAntiforgeryToken_IsRefused_AndOthersCannotSeeTheRun(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var secretariat = await app.LoginAsync(DemoUsers.Secretariat);
        var csv = string.Join('\n', Header, "f01,2012-09-01,2012-03-01,751,,1,120,false") + "\n";
        var runUrl = await UploadAsync(secretariat, ImportKinds.ChildRecords, csv, "token.csv", approve: false);

        var response = await secretariat.PostAsync(runUrl + "?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using (var db = app.NewDbContext())
        {
            Assert.Equal(ImportRunState.Checked, (await db.ImportRuns.AsNoTracking().SingleAsync(r => r.Id == RunId(runUrl))).State);
            Assert.False(await db.BirthCohorts.AnyAsync(c => c.BirthYear == 2012));
        }

        // Another staff user gets 404, as if the run did not exist; an administrator may look.
        var network = await app.LoginAsync(DemoUsers.Network);
        Assert.Equal(HttpStatusCode.NotFound, (await network.GetAsync(runUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await network.GetAsync(runUrl + "?handler=Status")).StatusCode);
        var admin = await app.LoginAsync(DemoUsers.Administrator);
        var seen = await Pages.GetAsync(admin, runUrl);
        Assert.Null(seen.QuerySelector("#confirm"));

        // Cancelling deletes the upload and the run.
        var page = await Pages.GetAsync(secretariat, runUrl);
        var cancelled = await Pages.SubmitAsync(secretariat, page, "#cancel");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        await using (var db = app.NewDbContext())
        {
            Assert.False(await db.ImportRuns.AnyAsync(r => r.Id == RunId(runUrl)));
            Assert.False(await db.StoredFiles.AnyAsync(f => f.Purpose == ImportRuns.Purpose && f.FileName == "token.csv"));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task UploadNotConfirmedWithinAnHour_IsDeletedByRetention_AndCannotBeConfirmed(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AmmeindsatsDbContext>();
        var userId = await db.Users.Where(u => u.Email == DemoUsers.Secretariat).Select(u => u.Id).SingleAsync();
        var files = new FileStore(db, clock);
        var runs = new ImportRuns(db, files, sp.GetRequiredService<ImportQueue>(), new IndicatorImporter(db, clock), clock, sp.GetRequiredService<LocalImportProgress>());
        var csv = string.Join('\n', Header, "g01,2011-09-01,2011-03-01,751,,1,120,false") + "\n";

        var run = await runs.CheckAsync(ImportKinds.ChildRecords, new MemoryStream(Encoding.UTF8.GetBytes(csv)), "glemt.csv", "text/csv", false, userId, CancellationToken.None);
        Assert.Equal(ImportRunState.Checked, run.State);
        var retention = new RetentionJob(sp.GetRequiredService<IOptions<Ammeindsats.Web.Infrastructure.RetentionOptions>>(), clock);

        // 59 minutes: still there.
        clock.Advance(TimeSpan.FromMinutes(59));
        await retention.RunAsync(sp, CancellationToken.None);
        Assert.True(await db.StoredFiles.AnyAsync(f => f.Id == run.FileId));

        // 61 minutes: deleted, and confirming now fails plainly and changes nothing.
        clock.Advance(TimeSpan.FromMinutes(2));
        await retention.RunAsync(sp, CancellationToken.None);
        Assert.False(await db.StoredFiles.AnyAsync(f => f.Id == run.FileId));
        Assert.Equal(ImportRuns.ConfirmResult.UploadGone, await runs.ConfirmAsync(run.Id, userId, CancellationToken.None));
        var after = await db.ImportRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id);
        Assert.Equal(ImportRunState.Failed, after.State);
        Assert.False(await db.BirthCohorts.AnyAsync(c => c.BirthYear == 2011));

        var secretariat = await app.LoginAsync(DemoUsers.Secretariat);
        var page = await Pages.GetAsync(secretariat, $"/indikatorer/import/{run.Id}");
        Assert.Contains("inden for en time", page.QuerySelector("#problems")!.Text(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task RunningImport_ShowsPercentFromTheDatabase_PollsWithHtmx_AndOffersARefreshLink(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var secretariat = await app.LoginAsync(DemoUsers.Secretariat);
        var csv = string.Join('\n', Header, "h01,2010-09-01,2010-03-01,751,,1,120,false") + "\n";
        var runUrl = await UploadAsync(secretariat, ImportKinds.ChildRecords, csv, "koerer.csv", approve: false);

        // As another web node would leave it while applying the file: running, 42 % read, its lease renewed.
        await using (var db = app.NewDbContext())
        {
            var lease = DateTimeOffset.UtcNow.AddMinutes(2);
            await db.ImportRuns.Where(r => r.Id == RunId(runUrl)).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ImportRunState.Running).SetProperty(r => r.Percent, 42).SetProperty(r => r.LeaseUntil, lease));
        }

        // SQLite runs one node: there, the node showing the page is the node applying the run.
        app.Service<LocalImportProgress>().Hold(RunId(runUrl));

        var page = await Pages.GetAsync(secretariat, runUrl);
        var status = page.QuerySelector("#run-status")!;
        Assert.Equal("every 1s", status.GetAttribute("hx-trigger"));
        Assert.Equal(runUrl + "?handler=Status", status.GetAttribute("hx-get"));
        Assert.Equal("42", page.QuerySelector("#run-progress")!.GetAttribute("value"));
        Assert.Contains("42 %", status.Text(), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelectorAll("#run-status a").FirstOrDefault(a => a.GetAttribute("href") == runUrl && a.Text() == "Opdater"));
        Assert.Null(page.QuerySelector("#confirm"));

        // The fragment htmx fetches; once the run is finished it no longer asks to be fetched again.
        var fragment = await secretariat.GetStringAsync(runUrl + "?handler=Status");
        Assert.Contains("hx-trigger=\"every 1s\"", fragment, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", fragment, StringComparison.Ordinal);
        await using (var db = app.NewDbContext())
        {
            await db.ImportRuns.Where(r => r.Id == RunId(runUrl)).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ImportRunState.Done).SetProperty(r => r.Percent, 100));
        }

        app.Service<LocalImportProgress>().Release(RunId(runUrl));
        var finished = await secretariat.GetStringAsync(runUrl + "?handler=Status");
        Assert.DoesNotContain("hx-trigger", finished, StringComparison.Ordinal);
        Assert.Contains("Importeret", finished, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task RunningImport_OnTheNodeApplyingIt_ShowsItsOwnNewerPercent(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var secretariat = await app.LoginAsync(DemoUsers.Secretariat);
        var csv = string.Join('\n', Header, "h02,2010-09-01,2010-03-01,751,,1,120,false") + "\n";
        var runUrl = await UploadAsync(secretariat, ImportKinds.ChildRecords, csv, "laast.csv", approve: false);

        // The row still says 0 % (SQLite's write lock is held by the import); this node's importer has read 77 %.
        await using (var db = app.NewDbContext())
        {
            await db.ImportRuns.Where(r => r.Id == RunId(runUrl)).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ImportRunState.Running).SetProperty(r => r.Percent, 0));
        }

        var local = app.Service<LocalImportProgress>();
        local.Report(RunId(runUrl), 77);
        try
        {
            var page = await Pages.GetAsync(secretariat, runUrl);
            Assert.Equal("77", page.QuerySelector("#run-progress")!.GetAttribute("value"));
        }
        finally
        {
            local.Forget(RunId(runUrl));
            await using var db = app.NewDbContext();
            await db.ImportRuns.Where(r => r.Id == RunId(runUrl)).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ImportRunState.Failed));
        }
    }

    [Fact]
    public void ProgressStream_ReportsTheShareOfBytesRead_AndNever100BeforeTheEnd()
    {
        var reports = new List<int>();
        using var stream = new ProgressStream(new MemoryStream(new byte[1000]), 1000, reports.Add);
        var buffer = new byte[250];
        while (stream.Read(buffer, 0, buffer.Length) > 0)
        {
        }

        // 250, 500, 750, 1000 of 1000 bytes; the last read returns 0 bytes. 100 % is shown only when the run is finished.
        Assert.Equal([25, 50, 75, 99, 99], reports);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task UploadPage_OldExcelFormatOrNoFile_GivesFieldMessages_AndABrokenWorkbookIsAProblem(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var reporter = await app.LoginAsync(DemoUsers.Reporter);
        var token = TestApp.AntiforgeryToken(await reporter.GetStringAsync("/indikatorer/import"));
        var xls = await reporter.PostAsync("/indikatorer/import", Form(token, ImportKinds.ChildRecords, "gammelt", "data.xls", approve: false));
        Assert.Equal(HttpStatusCode.OK, xls.StatusCode);
        Assert.Contains("Excels gamle format (.xls)", await xls.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var empty = await reporter.PostAsync("/indikatorer/import", Form(token, ImportKinds.ChildRecords, string.Empty, "tom.csv", approve: false));
        Assert.Contains("Vælg en fil", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var broken = await Pages.GetAsync(reporter, await UploadAsync(reporter, ImportKinds.ChildRecords, "PK\u0003\u0004ikke en projektmappe", "data.xlsx", approve: false));
        Assert.Contains("Excel-filen kunne ikke læses", broken.QuerySelector("#problems")!.Text(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ExcelWorkbook_IsReadFromItsFirstSheet_WithDateCellsAndSheetRowNumbers(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var secretariat = await app.LoginAsync(DemoUsers.Secretariat);

        // The ten children of TenChildren, typed into a sheet as Excel would hold them: real date cells,
        // numbers as numbers, an empty birth_site cell. Same hand counts: 11 rows, 10 children, 3 new cells.
        var rows = TenChildren(2008).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(','))
            .Select(f => (IReadOnlyList<object?>)[
                f[0], DateOnly.Parse(f[1], CultureInfo.InvariantCulture), DateOnly.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture), null,
                f[5].Length == 0 ? null : int.Parse(f[5], CultureInfo.InvariantCulture), int.Parse(f[6], CultureInfo.InvariantCulture), f[7]])
            .ToList();
        var check = await Pages.GetAsync(secretariat, await UploadAsync(secretariat, ImportKinds.ChildRecords, Workbook(rows), "aarhus-2008.xlsx", approve: false));
        Assert.Equal("11", check.QuerySelector("#rows-read").Text());
        Assert.Equal("10", check.QuerySelector("#children").Text());
        Assert.Equal("3", check.QuerySelector("#inserted").Text());
        await Pages.SubmitAsync(secretariat, check, "#cancel");

        // A problem in sheet row 3 is reported as row 3.
        rows[1] = [.. rows[1].Take(3), 9999, .. rows[1].Skip(4)];
        var bad = await Pages.GetAsync(secretariat, await UploadAsync(secretariat, ImportKinds.ChildRecords, Workbook(rows), "fejl-2008.xlsx", approve: false));
        var problem = Assert.Single(bad.QuerySelectorAll("#problems tbody tr")).QuerySelectorAll("td").Select(td => td.Text()).ToArray();
        Assert.Equal(["3", "municipality_code"], problem[..2]);
    }

    private static byte[] Workbook(List<IReadOnlyList<object?>> rows)
    {
        using var buffer = new MemoryStream();
        XlsxWriter.Write(buffer, new DocumentTable("Børn", Header.Split(','), rows));
        return buffer.ToArray();
    }

    internal static Guid RunId(string runUrl) => Guid.Parse(runUrl[(runUrl.LastIndexOf('/') + 1)..]);

    private static MultipartFormDataContent Form(string token, string kind, string csv, string fileName, bool approve) =>
        Form(token, kind, Encoding.UTF8.GetBytes(csv), fileName, approve);

    private static MultipartFormDataContent Form(string token, string kind, byte[] content, string fileName, bool approve)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(kind), "Kind" },
        };
        if (approve)
        {
            form.Add(new StringContent("true"), "Approve");
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", fileName);
        return form;
    }

    /// <summary>Uploads through the form and returns the run page it redirects to.</summary>
    internal static Task<string> UploadAsync(HttpClient client, string kind, string csv, string fileName, bool approve) =>
        UploadAsync(client, kind, Encoding.UTF8.GetBytes(csv), fileName, approve);

    internal static async Task<string> UploadAsync(HttpClient client, string kind, byte[] content, string fileName, bool approve)
    {
        var token = TestApp.AntiforgeryToken(await client.GetStringAsync("/indikatorer/import"));
        var response = await client.PostAsync("/indikatorer/import", Form(token, kind, content, fileName, approve));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Upload of {fileName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!.ToString();
        Assert.Matches("^/indikatorer/import/[0-9a-f-]{36}$", location);
        return location;
    }

    internal static async Task<IDocument> WaitUntilFinishedAsync(TestApp app, HttpClient client, string runUrl)
    {
        var id = RunId(runUrl);
        for (var i = 0; i < 300; i++)
        {
            await using (var db = app.NewDbContext())
            {
                var state = await db.ImportRuns.AsNoTracking().Where(r => r.Id == id).Select(r => r.State).SingleAsync();
                if (state is ImportRunState.Done or ImportRunState.Failed)
                {
                    return await Pages.GetAsync(client, runUrl);
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{runUrl} did not finish within 30 seconds.");
    }

    private static async Task<(int Cohorts, int Audits)> CountsAsync(TestApp app)
    {
        await using var db = app.NewDbContext();
        return (await db.BirthCohorts.CountAsync(), await db.AuditEntries.CountAsync());
    }

    private static async Task<JsonElement> ApiValuesAsync(TestApp app, string email, string indicator, string area, string period)
    {
        string key;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            (_, key) = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(userId, "import-" + Guid.NewGuid().ToString("N")[..8]);
        }

        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var json = await client.GetStringAsync($"/api/v1/indicators/{indicator}/values?area={area}&period={period}");
        return JsonDocument.Parse(json).RootElement.Clone();
    }
}
