using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ammeindsats.Core.Audit;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Data;
using Ammeindsats.Web.Features.Indicators;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>
/// What a child-level import leaves in the database, on both providers: the cohorts it inserts
/// (written in bulk, without change tracking), the ones it changes and removes, and the one audit
/// entry per import. Birth year 2001 is used because the demo data has no cohorts that old.
/// </summary>
[Collection(IndicatorsCollection.Name)]
public sealed class ChildRecordImportSaveTests(TestApps apps)
{
    private const string Header = "child_id,record_date,birth_date,municipality_code,birth_site,parity,full_breastfeeding_days,still_fully_breastfed";

    // a1 has two records; the later one (45 days, stopped) counts. b2 is still fully breastfed at 20 days.
    // c3 has no municipality (national figure and birth site only) and no parity (total only).
    private const string First = Header + "\n"
        + "a1,2001-03-01,2001-01-10,751,RM-AUH,1,30,false\n"
        + "a1,2001-05-01,2001-01-10,751,RM-AUH,1,45,false\n"
        + "b2,2001-04-01,2001-02-01,751,,2,20,true\n"
        + "c3,2001-06-01,2001-03-01,,RM-AUH,,10,false\n";

    // a1 now stopped at 50 days; b2 is gone, so the parity-2plus cohorts of DK and 751 have no children.
    private const string Second = Header + "\n"
        + "a1,2001-05-01,2001-01-10,751,RM-AUH,1,50,false\n"
        + "c3,2001-06-01,2001-03-01,,RM-AUH,,10,false\n";

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Import_InsertsCohorts_ThenChangesNothingOnTheSameFile_ThenUpdatesAndRemoves(DatabaseProvider provider)
    {
        var app = apps.Get(provider);

        // Dry run: the same counts, nothing stored.
        var dry = await RunAsync(app, First, dryRun: true);
        Assert.True(dry.Succeeded);
        Assert.Equal(8, dry.Inserted);
        Assert.Empty(await CohortsAsync(app));

        var first = await RunAsync(app, First);
        Assert.True(first.Succeeded, string.Join("; ", first.Problems.Select(p => p.Message)));
        Assert.Equal((8, 0, 0, 0), (first.Inserted, first.Updated, first.Deleted, first.Unchanged));
        // By hand: "day:ended:censored", one entry per day with children, in day order.
        Assert.Equal(
            new Dictionary<(string, string), (string, int)>
            {
                [("DK", "")] = ("10:1:0;20:0:1;45:1:0", 3),
                [("DK", "parity-1")] = ("45:1:0", 1),
                [("DK", "parity-2plus")] = ("20:0:1", 1),
                [("751", "")] = ("20:0:1;45:1:0", 2),
                [("751", "parity-1")] = ("45:1:0", 1),
                [("751", "parity-2plus")] = ("20:0:1", 1),
                [("RM-AUH", "")] = ("10:1:0;45:1:0", 2),
                [("RM-AUH", "parity-1")] = ("45:1:0", 1),
            }.OrderBy(k => k.Key).ToList(),
            (await CohortsAsync(app)).ToDictionary(c => (c.AreaCode, c.Breakdown), c => (c.Counts, c.Children)).OrderBy(k => k.Key).ToList());
        var stored = await CohortsAsync(app);
        Assert.All(stored, c =>
        {
            Assert.Equal(ValueStatus.Approved, c.Status);
            Assert.Equal(0, c.Version);
            Assert.Equal("test", c.UpdatedBy);
            Assert.False(c.IsDemo);
            Assert.Equal("fil:" + Sha256(First)[..16], c.Origin);
        });
        var audit = await AuditAsync(app, First);
        Assert.Equal((AuditActions.Bulk, nameof(BirthCohort), 8), (audit.Action, audit.Entity, audit.CellsChanged));

        // The same file again changes nothing and writes no audit entry.
        var again = await RunAsync(app, First);
        Assert.Equal((0, 0, 0, 8), (again.Inserted, again.Updated, again.Deleted, again.Unchanged));
        Assert.Equal(1, await AuditCountAsync(app, First));
        Assert.All(await CohortsAsync(app), c => Assert.Equal(0, c.Version));

        var second = await RunAsync(app, Second);
        Assert.Equal((0, 6, 2, 0), (second.Inserted, second.Updated, second.Deleted, second.Unchanged));
        Assert.Equal(
            new Dictionary<(string, string), (string, int, int)>
            {
                [("DK", "")] = ("10:1:0;50:1:0", 2, 1),
                [("DK", "parity-1")] = ("50:1:0", 1, 1),
                [("751", "")] = ("50:1:0", 1, 1),
                [("751", "parity-1")] = ("50:1:0", 1, 1),
                [("RM-AUH", "")] = ("10:1:0;50:1:0", 2, 1),
                [("RM-AUH", "parity-1")] = ("50:1:0", 1, 1),
            }.OrderBy(k => k.Key).ToList(),
            (await CohortsAsync(app)).ToDictionary(c => (c.AreaCode, c.Breakdown), c => (c.Counts, c.Children, c.Version)).OrderBy(k => k.Key).ToList());
        Assert.Equal(8, (await AuditAsync(app, Second)).CellsChanged);
    }

    // More new cohorts than one insert batch (500): one first-born child per municipality and year,
    // births 1996–1998 (older than the demo data). A year has DK and 98 municipalities, each with a
    // total and a parity-1 cohort: 3 × (1 + 98) × 2 = 594.
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Import_OfMoreCohortsThanOneBatch_InsertsEveryOne(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        List<string> municipalities;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
            municipalities = await db.Areas.Where(a => a.Type == Core.Areas.AreaType.Municipality).Select(a => a.Code).ToListAsync();
        }

        Assert.Equal(98, municipalities.Count);
        var file = new StringBuilder(Header).Append('\n');
        foreach (var year in new[] { 1996, 1997, 1998 })
        {
            foreach (var code in municipalities)
            {
                file.Append(CultureInfo.InvariantCulture, $"m{code}-{year},{year}-03-01,{year}-01-30,{code},,1,30,false\n");
            }
        }

        var text = file.ToString();
        var first = await RunAsync(app, text);
        Assert.True(first.Succeeded, string.Join("; ", first.Problems.Select(p => p.Message)));
        Assert.Equal((594, 0, 0, 0), (first.Inserted, first.Updated, first.Deleted, first.Unchanged));

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
            var stored = await db.BirthCohorts.AsNoTracking().Where(c => c.BirthYear >= 1996 && c.BirthYear <= 1998).ToListAsync();
            Assert.Equal(594, stored.Count);
            Assert.Equal(3 * 98 * 2, stored.Count(c => c.AreaCode != "DK" && c.Counts == "30:1:0" && c.Children == 1));
            Assert.Equal(6, stored.Count(c => c.AreaCode == "DK" && c.Counts == "30:98:0" && c.Children == 98));
        }

        Assert.Equal(594, (await AuditAsync(app, text)).CellsChanged);
        var again = await RunAsync(app, text);
        Assert.Equal((0, 0, 0, 594), (again.Inserted, again.Updated, again.Deleted, again.Unchanged));

        // Whole or nothing: without --approve a file that would change the approved 1996 cohorts is
        // refused, and the 594 new cohorts of 1993–1995 it also holds (more than one batch, so some
        // were already written when the refusal was found) are not kept either.
        var refused = new StringBuilder(Header).Append('\n');
        foreach (var year in new[] { 1993, 1994, 1995, 1996 })
        {
            foreach (var code in municipalities)
            {
                refused.Append(CultureInfo.InvariantCulture, $"r{code}-{year},{year}-03-01,{year}-01-30,{code},,1,{(year == 1996 ? 31 : 30)},false\n");
            }
        }

        var outcome = await RunAsync(app, refused.ToString(), approve: false);
        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Problems, p => p.Message.StartsWith("198 godkendte værdier ville blive ændret", StringComparison.Ordinal));
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
            Assert.Equal(0, await db.BirthCohorts.CountAsync(c => c.BirthYear >= 1993 && c.BirthYear <= 1995));
            Assert.Equal(198, await db.BirthCohorts.CountAsync(c => c.BirthYear == 1996 && c.Counts == (c.AreaCode == "DK" ? "30:98:0" : "30:1:0")));
        }
    }

    // The import's own encoder must write exactly what DailyCounts.Encode writes, or an identical
    // file would no longer compare equal to what an earlier import stored.
    [Fact]
    public void EncodeCounts_WritesTheSameTextAsDailyCounts()
    {
        Assert.Equal("1:2:0;3:0:7;10:11:12", IndicatorImporter.EncodeCounts([0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 11], [0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 12, 0], new StringBuilder()));
        var random = new Random(17);
        var buffer = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            var ended = Enumerable.Range(0, random.Next(0, 400)).Select(_ => random.Next(3) == 0 ? random.Next(0, 100_000) : 0).ToArray();
            var censored = Enumerable.Range(0, random.Next(0, 400)).Select(_ => random.Next(3) == 0 ? random.Next(0, 2_000_000_000) : 0).ToArray();
            Assert.Equal(DailyCounts.Encode(ended, censored), IndicatorImporter.EncodeCounts(ended, censored, buffer));
        }
    }

    private static async Task<ImportOutcome> RunAsync(TestApp app, string text, bool dryRun = false, bool approve = true)
    {
        using var scope = app.Services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<IndicatorImporter>();
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return await importer.RunAsync(ImportKind.ChildRecords, file, new ImportActor(null, "test"), dryRun, approve, "born-2001.csv");
    }

    private static async Task<List<BirthCohort>> CohortsAsync(TestApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
        return await db.BirthCohorts.AsNoTracking().Where(c => c.BirthYear == 2001).ToListAsync();
    }

    private static async Task<AuditEntry> AuditAsync(TestApp app, string text)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
        var sha = Sha256(text);
        return await db.AuditEntries.AsNoTracking().SingleAsync(a => a.FileSha256 == sha);
    }

    private static async Task<int> AuditCountAsync(TestApp app, string text)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
        var sha = Sha256(text);
        return await db.AuditEntries.CountAsync(a => a.FileSha256 == sha);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
