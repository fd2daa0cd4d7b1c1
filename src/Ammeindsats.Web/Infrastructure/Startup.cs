using Ammeindsats.Core.Seeding;
using Ammeindsats.Data;
using Ammeindsats.Web.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ammeindsats.Web.Infrastructure;

public static class Startup
{
    /// <summary>
    /// On start: apply migrations, and on an empty database load reference data, and demo content only when
    /// <see cref="DatabaseOptions.SeedDemoOnFirstRun"/> is set (appsettings.Development.json sets it; the published
    /// default does not, so an installation never gets known credentials). Then print the URL and how to log in:
    /// the demo logins, where to find them on a later start, or how to create the first administrator.
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
            report.Add("Der er endnu ingen brugere. Opret den første administrator med kommandoen");
            report.Add("  users add --email DIN@EMAIL --role administrator");
            report.Add("  (fra kildekoden: dotnet run --project src/Ammeindsats.Web -- users add --email DIN@EMAIL --role administrator);");
            report.Add("  adgangskoden læses fra standard input, eller du bliver spurgt om den.");
        }
        else if (!firstRun && await db.Users.AnyAsync(u => u.IsDemo))
        {
            report.Add($"Demo-brugerne fra første start findes stadig, med adgangskoden {Features.Accounts.DemoUserSeeder.Password} (medmindre den er ændret):");
            foreach (var user in Features.Accounts.DemoUserSeeder.Users)
            {
                report.Add($"  {user.Email}");
            }

            report.Add("  Se alle brugere med kommandoen users list.");
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
