using Ammeindsats.Core.Seeding;
using Ammeindsats.Data;
using Ammeindsats.Web.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ammeindsats.Web.Infrastructure;

public static class Startup
{
    /// <summary>
    /// On start: apply migrations, and on an empty database load reference data and (by default) demo
    /// content, then print the URL and how to log in.
    /// </summary>
    public static async Task PrepareDatabaseOnStartAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (!options.MigrateOnStart)
        {
            return;
        }

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
        await db.Database.MigrateAsync();
        var firstRun = !await db.Areas.AnyAsync();
        var report = await scope.ServiceProvider.GetRequiredService<Seeder>()
            .RunAsync(firstRun && options.SeedDemoOnFirstRun ? SeedKind.Demo : SeedKind.Reference);

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", app.Urls);
            Console.WriteLine($"Ammeindsats kører på {urls}");
            foreach (var line in report.Lines)
            {
                Console.WriteLine(line);
            }
        });
    }
}
