using Ammeindsats.Core.Seeding;
using Ammeindsats.Data;
using Ammeindsats.Web.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Cli;

public static class DatabaseCommands
{
    /// <summary>migrate: applies the provider's migrations and loads the reference data (areas).</summary>
    public static async Task<int> MigrateAsync(IServiceProvider services, CommandArgs args)
    {
        args.EnsureNoUnknownOptions();
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        await Console.Error.WriteLineAsync(pending.Count == 0 ? "Databasen er allerede opdateret." : $"Anvendte {pending.Count} migrering(er).");

        // The reference areas are part of what the schema means: an import needs the municipality codes, so a
        // migrated database has them (idempotent, as seed is; demo content still needs seed --demo).
        await scope.ServiceProvider.GetRequiredService<Seeder>().RunAsync(SeedKind.Reference);
        await Console.Error.WriteLineAsync("Referencedata er indlæst.");
        return ExitCodes.Done;
    }

    /// <summary>seed [--demo]: reference data, and with --demo the demo content. Migrates first.</summary>
    public static async Task<int> SeedAsync(IServiceProvider services, CommandArgs args)
    {
        var demo = args.Flag("demo");
        args.EnsureNoUnknownOptions();
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>().Database.MigrateAsync();
        var report = await scope.ServiceProvider.GetRequiredService<Seeder>().RunAsync(demo ? SeedKind.Demo : SeedKind.Reference);
        foreach (var line in report.Lines)
        {
            Console.WriteLine(line);
        }

        await Console.Error.WriteLineAsync(demo ? "Referencedata og demoindhold er indlæst." : "Referencedata er indlæst.");
        return ExitCodes.Done;
    }
}
