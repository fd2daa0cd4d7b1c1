using Ammeindsats.Core.Areas;
using Ammeindsats.Data;
using Ammeindsats.Web.Infrastructure;
using Ammeindsats.Web.Tests.Indicators;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Tests.Cli;

/// <summary>
/// The reference areas are part of what a migrated database means: after `migrate` alone a child file with
/// real municipality codes imports, and a database without areas makes the import name the missing step.
/// </summary>
public sealed class ReferenceDataTests
{
    private const string Header = "child_id,record_date,birth_date,municipality_code,birth_site,parity,full_breastfeeding_days,still_fully_breastfed\n";

    // Three children born 2012 in Silkeborg (740): two first-born, one later-born.
    private const string SilkeborgFile = Header +
        "ref-1,2013-01-10,2012-02-01,740,,1,20,false\n" +
        "ref-2,2013-01-10,2012-02-01,740,,1,40,true\n" +
        "ref-3,2013-01-10,2012-02-01,740,,2,100,false\n";

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Migrate_OnAnEmptyDatabase_LoadsTheAreas_SoAChildFileImports(DatabaseProvider provider)
    {
        SkipIfNoServer(provider);
        using var app = TestApp.Create(provider, demo: false);

        var migrate = await CommandLineProcess.RunAsync(app, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        Assert.Contains("Referencedata er indlæst.", migrate.StandardError, StringComparison.Ordinal);
        await using (var db = OpenDatabase(app))
        {
            // The shipped reference: DK, 5 regions, 98 municipalities, 22 birth sites, Silkeborg among them.
            Assert.Equal(98, await db.Areas.CountAsync(a => a.Type == AreaType.Municipality));
            Assert.Equal(5, await db.Areas.CountAsync(a => a.Type == AreaType.Region));
            Assert.Equal(22, await db.Areas.CountAsync(a => a.Type == AreaType.BirthSite));
            Assert.Equal("Silkeborg", (await db.Areas.SingleAsync(a => a.Code == "740")).Name);
        }

        // Loading them again adds nothing.
        var areasBefore = await CountAreasAsync(app);
        var again = await CommandLineProcess.RunAsync(app, "migrate");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Databasen er allerede opdateret.", again.StandardError, StringComparison.Ordinal);
        Assert.Equal(areasBefore, await CountAreasAsync(app));

        var import = await CommandLineProcess.RunAsync(app, "import", "child-records", CommandLineProcess.WriteFile("silkeborg-2012.csv", SilkeborgFile));

        Assert.True(import.ExitCode == 0, import.ToString());
        // Silkeborg and DK, each with the total, parity-1 and parity-2plus cohort: 6 new cells.
        Assert.StartsWith("inserted=6 updated=0 deleted=0 unchanged=0 ", import.StandardOutput, StringComparison.Ordinal);
        await using (var db = OpenDatabase(app))
        {
            var silkeborg = await db.BirthCohorts.Where(c => c.AreaCode == "740" && c.BirthYear == 2012).ToDictionaryAsync(c => c.Breakdown, c => c.Children);
            Assert.Equal(3, silkeborg[string.Empty]);
            Assert.Equal(2, silkeborg["parity-1"]);
            Assert.Equal(1, silkeborg["parity-2plus"]);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Import_OnADatabaseWithoutAreas_NamesTheMissingStep_InsteadOfAnErrorPerRow(DatabaseProvider provider)
    {
        SkipIfNoServer(provider);
        using var app = TestApp.Create(provider, demo: false);
        // The schema alone, as an installation migrated before migrate loaded the reference areas.
        await using (var db = OpenDatabase(app))
        {
            await db.Database.MigrateAsync();
            Assert.Equal(0, await db.Areas.CountAsync());
        }

        var file = CommandLineProcess.WriteFile("silkeborg-2012.csv", SilkeborgFile);
        var refused = await CommandLineProcess.RunAsync(app, "import", "child-records", file);

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(["row 0: Områderne er ikke indlæst: kør seed (eller migrate), og importér filen igen. Filens rækker er ikke kontrolleret.", "Filen er ikke importeret; intet er ændret."], refused.ErrorLines);
        Assert.DoesNotContain("Kommunekoden", refused.StandardError, StringComparison.Ordinal);

        var values = await CommandLineProcess.RunAsync(app, "import", "indicator-values", CommandLineProcess.WriteFile("vaerdier.csv", "indicator_code,area_code,period,numerator,denominator\n"));
        Assert.Equal(2, values.ExitCode);
        Assert.Contains("Områderne er ikke indlæst", values.StandardError, StringComparison.Ordinal);

        // The step the message names makes the same file import.
        var seed = await CommandLineProcess.RunAsync(app, "seed");
        Assert.True(seed.ExitCode == 0, seed.ToString());
        var import = await CommandLineProcess.RunAsync(app, "import", "child-records", file);
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.StartsWith("inserted=6 ", import.StandardOutput, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task StartUpMigration_OfAPublishedInstallation_LoadsTheAreas(DatabaseProvider provider)
    {
        SkipIfNoServer(provider);
        using var app = TestApp.Create(provider, environment: "Production", demo: false);

        await using (var db = app.NewDbContext())
        {
            Assert.Equal(98, await db.Areas.CountAsync(a => a.Type == AreaType.Municipality));
            Assert.False(await db.Users.AnyAsync(), "A published installation gets no demo users.");
        }

        var import = await CommandLineProcess.RunAsync(app, "import", "child-records", CommandLineProcess.WriteFile("silkeborg-2012.csv", SilkeborgFile));
        Assert.True(import.ExitCode == 0, import.ToString());
    }

    private static void SkipIfNoServer(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            PostgresServer.SkipIfUnavailable();
        }
    }

    /// <summary>A context on the app's database that does not start the app (whose start would load the areas itself).</summary>
    private static AmmeindsatsDbContext OpenDatabase(TestApp app)
    {
        var options = new DbContextOptionsBuilder<AmmeindsatsDbContext>();
        DatabaseSetup.Configure(options, app.Provider, app.ConnectionString);
        return new AmmeindsatsDbContext(options.Options);
    }

    private static async Task<int> CountAreasAsync(TestApp app)
    {
        await using var db = OpenDatabase(app);
        return await db.Areas.CountAsync();
    }
}
