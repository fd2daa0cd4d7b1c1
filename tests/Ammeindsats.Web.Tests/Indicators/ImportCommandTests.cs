using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Ammeindsats.Core.Audit;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Data;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>
/// `import child-records` and `import indicator-values` run as the real executable against the test app's
/// database. Each test uses its own birth year or period, so the tests do not see each other's data.
/// </summary>
[Collection(IndicatorApiCollection.Name)]
public sealed partial class ImportCommandTests(IndicatorApiApps apps)
{
    private const string Header = "child_id,record_date,birth_date,municipality_code,birth_site,parity,full_breastfeeding_days,still_fully_breastfed\n";

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ChildRecords_DryRun_ExitsZero_TellsWhatWouldChange_AndStoresNothing(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        // Six children born 2009 in Odense: two first-born, three later-born, one with no parity.
        var file = CommandLineProcess.WriteFile("boern-2009.csv", Header +
            "dry-1,2010-01-10,2009-02-01,461,,1,20,false\n" +
            "dry-2,2010-01-10,2009-02-01,461,,1,40,true\n" +
            "dry-3,2010-01-10,2009-02-01,0461,,2,100,false\n" +
            "dry-4,2010-01-10,2009-02-01,461,,3,5,false\n" +
            "dry-5,2010-01-10,2009-02-01,461,,2,200,false\n" +
            "dry-6,2010-01-10,2009-02-01,461,,,60,ja\n");
        var auditBefore = await LastAuditIdAsync(app);

        var result = await CommandLineProcess.RunAsync(app, "import", "child-records", file, "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        // Cohorts per area × breakdown: Odense and DK, each with the total, parity-1 and parity-2plus = 6 new.
        Assert.Equal(6, Counts(result)["inserted"]);
        Assert.Equal(0, Counts(result)["updated"]);
        Assert.Contains("Prøvekørsel", result.StandardError, StringComparison.Ordinal);
        await using var db = app.NewDbContext();
        Assert.Equal(0, await db.BirthCohorts.CountAsync(c => c.BirthYear == 2009));
        Assert.Empty(await ImportAuditsSinceAsync(app, auditBefore));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ChildRecords_BadFile_ExitsTwo_ListsEveryProblemByRow_AndStoresNothing(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        // Row 1 is the header. Rows 3, 4, 6 and 7 each have one problem; rows 2 and 5 are fine.
        var file = CommandLineProcess.WriteFile("fejl-2008.csv", Header +
            "bad-1,2009-01-10,2008-02-01,461,,1,20,false\n" +
            "bad-2,2009-01-10,2008-02-01,9999,,1,20,false\n" +
            "bad-3,2009-01-10,2008-02-31,461,,1,20,false\n" +
            "bad-4,2009-01-10,2008-02-01,461,,2,30,true\n" +
            "bad-5,2009-01-10,2008-02-01,461,,1,-3,false\n" +
            "bad-6,2009-01-10,2008-02-01,461,,1,20,maaske\n");
        var auditBefore = await LastAuditIdAsync(app);

        var result = await CommandLineProcess.RunAsync(app, "import", "child-records", file);

        Assert.True(result.ExitCode == 2, result.ToString());
        var problems = result.ErrorLines.Where(l => RowPrefix().IsMatch(l)).ToList();
        Assert.Equal([3, 4, 6, 7], problems.Select(l => int.Parse(RowPrefix().Match(l).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("municipality_code", problems[0], StringComparison.Ordinal);
        Assert.Contains("birth_date", problems[1], StringComparison.Ordinal);
        Assert.Contains("full_breastfeeding_days", problems[2], StringComparison.Ordinal);
        Assert.Contains("still_fully_breastfed", problems[3], StringComparison.Ordinal);
        // Besides the problems, only the closing line that nothing was imported.
        Assert.Equal(["Filen er ikke importeret; intet er ændret."], result.ErrorLines.Except(problems));
        Assert.Equal(string.Empty, result.StandardOutput.Trim());
        await using var db = app.NewDbContext();
        Assert.Equal(0, await db.BirthCohorts.CountAsync(c => c.BirthYear == 2008));
        Assert.Empty(await ImportAuditsSinceAsync(app, auditBefore));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ChildRecords_SameFileTwice_SecondRunExitsZeroAndChangesNothing(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var file = CommandLineProcess.WriteFile("boern-2007.csv", Header +
            "twice-1,2008-01-10,2007-05-01,147,,,20,false\n" +
            "twice-2,2008-01-10,2007-05-01,147,,,50,false\n" +
            "twice-3,2008-01-10,2007-05-01,147,,,90,true\n");

        var first = await CommandLineProcess.RunAsync(app, "import", "child-records", file);
        var auditAfterFirst = await LastAuditIdAsync(app);
        DateTimeOffset updatedAfterFirst;
        await using (var db = app.NewDbContext())
        {
            updatedAfterFirst = (await db.BirthCohorts.SingleAsync(c => c.BirthYear == 2007 && c.AreaCode == "147" && c.Breakdown == "")).UpdatedAt;
        }

        var second = await CommandLineProcess.RunAsync(app, "import", "child-records", file);

        Assert.True(first.ExitCode == 0, first.ToString());
        // Frederiksberg and DK, total only: two cohorts.
        Assert.Equal(2, Counts(first)["inserted"]);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(0, Counts(second)["inserted"] + Counts(second)["updated"] + Counts(second)["deleted"]);
        Assert.Equal(2, Counts(second)["unchanged"]);
        Assert.Empty(await ImportAuditsSinceAsync(app, auditAfterFirst));
        await using (var db = app.NewDbContext())
        {
            Assert.Equal(updatedAfterFirst, (await db.BirthCohorts.SingleAsync(c => c.BirthYear == 2007 && c.AreaCode == "147" && c.Breakdown == "")).UpdatedAt);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task IndicatorValues_ChangingAnApprovedCell_NeedsApproveBySomeoneWhoMayApprove_AndIsOneAuditEntryWithTheFilesSha256(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var original = CommandLineProcess.WriteFile("odder-2010.csv",
            "indicator,area,period,breakdown,numerator,denominator\nfuldamning-4mdr,727,2010,,60,100\n");
        var changed = CommandLineProcess.WriteFile("odder-2010-rettet.csv",
            "indicator;area;period;breakdown;numerator;denominator\r\nfuldamning-4mdr;0727;2010;;62;100\r\n");
        var loaded = await CommandLineProcess.RunAsync(app, "import", "indicator-values", original, "--approve");
        Assert.True(loaded.ExitCode == 0, loaded.ToString());
        var auditBefore = await LastAuditIdAsync(app);

        var refused = await CommandLineProcess.RunAsync(app, "import", "indicator-values", changed);

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains(refused.ErrorLines, l => l.StartsWith("row ", StringComparison.Ordinal) && l.Contains("--approve", StringComparison.Ordinal));
        Assert.Equal(60, (await OdderAsync(app)).Numerator);
        Assert.Empty(await ImportAuditsSinceAsync(app, auditBefore));

        // The secretariat of Region Midtjylland may approve for Odder.
        var approved = await CommandLineProcess.RunAsync(app, "import", "indicator-values", changed, "--approve", "--as", DemoUsers.Secretariat);

        Assert.True(approved.ExitCode == 0, approved.ToString());
        var odder = await OdderAsync(app);
        Assert.Equal(62, odder.Numerator);
        Assert.Equal(ValueStatus.Approved, odder.Status);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(changed)));
        Assert.Contains("sha256=" + sha256, approved.StandardOutput, StringComparison.Ordinal);
        var added = Assert.Single(await ImportAuditsSinceAsync(app, auditBefore));
        Assert.Equal(AuditActions.Bulk, added.Action);
        Assert.Equal(sha256, added.FileSha256);
        Assert.Equal(1, added.CellsChanged);
        Assert.Contains(DemoUsers.Secretariat, added.Actor, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task IndicatorValues_AsAReporterForAForeignMunicipality_IsRefused(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        // The reporter's own municipality is Aarhus (751); Randers (730) is not theirs.
        var file = CommandLineProcess.WriteFile("randers-2006.csv",
            "indicator,area,period,breakdown,numerator,denominator\nfuldamning-6mdr,751,2006,,10,100\nfuldamning-6mdr,730,2006,,12,100\n");
        var auditBefore = await LastAuditIdAsync(app);

        var foreign = await CommandLineProcess.RunAsync(app, "import", "indicator-values", file, "--as", DemoUsers.Reporter);
        var approve = await CommandLineProcess.RunAsync(app, "import", "indicator-values", file, "--approve", "--as", DemoUsers.Reporter);

        Assert.True(foreign.ExitCode == 2, foreign.ToString());
        Assert.Equal(["row 3, column area"], foreign.ErrorLines.Where(l => RowPrefix().IsMatch(l)).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]));
        Assert.True(approve.ExitCode == 2, approve.ToString());
        Assert.Contains("må ikke godkende", approve.StandardError, StringComparison.Ordinal);
        await using var db = app.NewDbContext();
        Assert.Equal(0, await db.IndicatorValues.CountAsync(v => v.Period == "2006"));
        Assert.Empty(await ImportAuditsSinceAsync(app, auditBefore));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ChildRecords_AsAReporter_ForeignMunicipalityIsRefused_AndACprNumberRejectsTheWholeFile(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var foreign = CommandLineProcess.WriteFile("randers-2005.csv", Header +
            "own-1,2006-01-10,2005-02-01,751,,1,20,false\n" +
            "own-2,2006-01-10,2005-02-01,730,,1,20,false\n");
        var cpr = CommandLineProcess.WriteFile("cpr-2005.csv", Header +
            "pseudo-1,2006-01-10,2005-02-01,751,,1,20,false\n" +
            "010205-1234,2006-01-10,2005-02-01,751,,1,20,false\n");
        var auditBefore = await LastAuditIdAsync(app);

        var refused = await CommandLineProcess.RunAsync(app, "import", "child-records", foreign, "--as", DemoUsers.Reporter);
        var rejected = await CommandLineProcess.RunAsync(app, "import", "child-records", cpr);

        Assert.True(refused.ExitCode == 2, refused.ToString());
        var problem = Assert.Single(refused.ErrorLines, l => RowPrefix().IsMatch(l));
        Assert.Contains("730", problem, StringComparison.Ordinal);
        Assert.True(rejected.ExitCode == 2, rejected.ToString());
        Assert.Contains(rejected.ErrorLines, l => RowPrefix().IsMatch(l) && l.Contains("CPR", StringComparison.Ordinal) && l.Contains("pseudonym", StringComparison.Ordinal));
        await using var db = app.NewDbContext();
        Assert.Equal(0, await db.BirthCohorts.CountAsync(c => c.BirthYear == 2005));
        Assert.Empty(await ImportAuditsSinceAsync(app, auditBefore));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ChildRecords_APartialFile_SwapsItsMunicipalitiesIntoTheCountry_AndNeverMakesItSmallerThanARegion(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        // A national file for 2003: Odense (461, Region Syddanmark 1083) 3 children, Svendborg (479, 1083) 2,
        // København (101, Region Hovedstaden 1084) 4, and 1 child with no municipality: DK 10.
        var national = CommandLineProcess.WriteFile("land-2003.csv", Header +
            "nat-1,2004-01-10,2003-02-01,461,,1,20,false\n" +
            "nat-2,2004-01-10,2003-02-01,461,,1,40,false\n" +
            "nat-3,2004-01-10,2003-02-01,461,,2,140,false\n" +
            "nat-4,2004-01-10,2003-02-01,479,,1,10,false\n" +
            "nat-5,2004-01-10,2003-02-01,479,,2,130,false\n" +
            "nat-6,2004-01-10,2003-02-01,101,,1,30,false\n" +
            "nat-7,2004-01-10,2003-02-01,101,,1,50,false\n" +
            "nat-8,2004-01-10,2003-02-01,101,,2,150,false\n" +
            "nat-9,2004-01-10,2003-02-01,101,,,5,false\n" +
            "nat-10,2004-01-10,2003-02-01,,,1,60,false\n");
        // Then a file from Odense alone, with a late registration: Odense 4 children. And one child with no
        // municipality, which a partial file cannot place in the country.
        var odense = CommandLineProcess.WriteFile("odense-2003.csv", Header +
            "nat-1,2004-01-10,2003-02-01,461,,1,20,false\n" +
            "nat-2,2004-01-10,2003-02-01,461,,1,40,false\n" +
            "nat-3,2004-01-10,2003-02-01,461,,2,140,false\n" +
            "late-1,2004-03-10,2003-02-01,461,,2,100,false\n" +
            "odense-x,2004-01-10,2003-02-01,,,1,15,false\n");

        var first = await CommandLineProcess.RunAsync(app, "import", "child-records", national);
        var second = await CommandLineProcess.RunAsync(app, "import", "child-records", odense);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains(second.ErrorLines, l => l.Contains("Landstallet (DK)", StringComparison.Ordinal) && l.Contains("skiftet ind", StringComparison.Ordinal));
        Assert.Contains(second.ErrorLines, l => l.StartsWith("1 barn uden kommune", StringComparison.Ordinal));
        await using var db = app.NewDbContext();
        var totals = await db.BirthCohorts.AsNoTracking().Where(c => c.BirthYear == 2003 && c.Breakdown == "")
            .ToDictionaryAsync(c => c.AreaCode, c => c.Children);
        // DK = 10 − Odense's 3 + Odense's 4 = 11; the file's child with no municipality is not added.
        Assert.Equal(11, totals["DK"]);
        Assert.Equal(4, totals["461"]);
        // Each region is the sum of its municipalities; the country holds them all plus the one unplaced child.
        var region1083 = totals["461"] + totals["479"];
        var region1084 = totals["101"];
        Assert.Equal((6, 4), (region1083, region1084));
        Assert.Equal(region1083 + region1084 + 1, totals["DK"]);
        Assert.True(totals["DK"] >= region1083 && totals["DK"] >= region1084);
        // First-borns move the same way: 6 − Odense's 2 + 2 = 6 (nat-1, nat-2, nat-4, nat-6, nat-7, nat-10).
        Assert.Equal(6, await db.BirthCohorts.Where(c => c.BirthYear == 2003 && c.AreaCode == "DK" && c.Breakdown == "parity-1").Select(c => c.Children).SingleAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ChildRecords_TwoRecordsOfOneChildOnOneDateThatDisagree_AreRefusedNamingBothRows_UnlessTheLatestRowWins(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var file = CommandLineProcess.WriteFile("dobbelt-2002.csv", Header +
            "dup-1,2003-01-10,2002-02-01,461,,1,20,false\n" +
            "dup-2,2003-01-10,2002-02-01,461,,1,40,false\n" +
            "dup-1,2003-01-10,2002-02-01,461,,1,25,false\n");

        var refused = await CommandLineProcess.RunAsync(app, "import", "child-records", file);
        await using (var db = app.NewDbContext())
        {
            Assert.Equal(0, await db.BirthCohorts.CountAsync(c => c.BirthYear == 2002));
        }

        var taken = await CommandLineProcess.RunAsync(app, "import", "child-records", file, "--latest-row-wins");

        Assert.True(refused.ExitCode == 2, refused.ToString());
        var problem = Assert.Single(refused.ErrorLines, l => RowPrefix().IsMatch(l));
        Assert.StartsWith("row 4, column record_date: Række 2 og 4", problem, StringComparison.Ordinal);
        Assert.True(taken.ExitCode == 0, taken.ToString());
        await using var after = app.NewDbContext();
        var odense = await after.BirthCohorts.AsNoTracking().SingleAsync(c => c.BirthYear == 2002 && c.AreaCode == "461" && c.Breakdown == "");
        // dup-1 by its later row (25 days) and dup-2 (40 days), both ended.
        Assert.Equal("25:1:0;40:1:0", odense.Counts);
    }

    private static Dictionary<string, int> Counts(CommandLineResult result)
    {
        // stdout: inserted=N updated=N deleted=N unchanged=N sha256=…
        var line = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        return line.Split(' ').Select(p => p.Split('=')).Where(p => p[0] != "sha256")
            .ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<long> LastAuditIdAsync(TestApp app)
    {
        await using var db = app.NewDbContext();
        return await db.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0;
    }

    // Audit entries of indicator data written after the given entry.
    private static async Task<List<AuditEntry>> ImportAuditsSinceAsync(TestApp app, long lastId)
    {
        await using var db = app.NewDbContext();
        return await db.AuditEntries.AsNoTracking()
            .Where(a => a.Id > lastId && (a.Entity == nameof(BirthCohort) || a.Entity == nameof(IndicatorValue)))
            .OrderBy(a => a.Id).ToListAsync();
    }

    private static async Task<IndicatorValue> OdderAsync(TestApp app)
    {
        await using var db = app.NewDbContext();
        return await db.IndicatorValues.AsNoTracking().SingleAsync(v => v.IndicatorCode == "fuldamning-4mdr" && v.AreaCode == "727" && v.Period == "2010");
    }

    [GeneratedRegex(@"^row (\d+)")]
    private static partial Regex RowPrefix();
}
