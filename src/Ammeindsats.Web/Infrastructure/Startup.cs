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
        if (!await db.Users.AnyAsync())
        {
            report.Add("Der er endnu ingen brugere. Opret den første administrator med:");
            report.Add("  dotnet run --project src/Ammeindsats.Web -- users add --email E --role administrator --password P");
        }
        else if (!firstRun && await db.Users.AnyAsync(u => u.Email != null && u.Email.EndsWith("@demo.ammeindsats.dk")))
        {
            report.Add("Demo-brugerne står i README.md og i src/Ammeindsats.Web/Features/Accounts/DemoUserSeeder.cs.");
        }

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
