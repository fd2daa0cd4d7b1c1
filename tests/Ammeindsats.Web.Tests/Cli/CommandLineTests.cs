using System.Net;
using System.Net.Http.Headers;
using Ammeindsats.Data;
using Ammeindsats.Web.Tests.Indicators;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Tests.Cli;

/// <summary>
/// The foundation's verbs run as the real executable, on an empty database of each provider, in the order an
/// operator installing the system would use them. Exit codes: 0 done, 1 failure, 2 invalid input.
/// </summary>
public sealed class CommandLineTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Operator_MigratesSeedsAddsUsersAndKeys_BacksUpAndRestores(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            PostgresServer.SkipIfUnavailable();
        }

        using var app = TestApp.Create(provider);
        var email = "sekretariat-cli@example.dk";

        var migrate = await CommandLineProcess.RunAsync(app, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        var again = await CommandLineProcess.RunAsync(app, "migrate");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Databasen er allerede opdateret.", again.StandardError, StringComparison.Ordinal);

        var seed = await CommandLineProcess.RunAsync(app, "seed");
        Assert.True(seed.ExitCode == 0, seed.ToString());
        await using (var db = app.NewDbContext())
        {
            // The reference data: DK, 5 regions, 98 municipalities, 22 birth sites (and the clusters).
            Assert.Equal(98, await db.Areas.CountAsync(a => a.Type == Core.Areas.AreaType.Municipality));
            Assert.Equal(5, await db.Areas.CountAsync(a => a.Type == Core.Areas.AreaType.Region));
            Assert.Equal(22, await db.Areas.CountAsync(a => a.Type == Core.Areas.AreaType.BirthSite));
            Assert.Equal(0, await db.Users.CountAsync());
        }

        // Role tokens are case-insensitive; a municipality code with a leading zero is accepted.
        var add = await CommandLineProcess.RunAsync(app, "users", "add", "--email", email, "--role", "SECRETARIAT", "--area", "1082", "--password", "Sekretariat-2026");
        Assert.True(add.ExitCode == 0, add.ToString());
        var reporter = await CommandLineProcess.RunAsync(app, "users", "add", "--email", "indberetter-cli@example.dk", "--role", "reporter", "--area", "0751");
        Assert.True(reporter.ExitCode == 0, reporter.ToString());

        var badRole = await CommandLineProcess.RunAsync(app, "users", "add", "--email", "x@example.dk", "--role", "chef");
        Assert.Equal(2, badRole.ExitCode);
        Assert.NotEmpty(badRole.StandardError.Trim());
        var badArea = await CommandLineProcess.RunAsync(app, "users", "add", "--email", "y@example.dk", "--role", "reporter", "--area", "9999");
        Assert.Equal(2, badArea.ExitCode);
        var unknownVerb = await CommandLineProcess.RunAsync(app, "sow");
        Assert.Equal(2, unknownVerb.ExitCode);
        Assert.Contains("Ukendt kommando 'sow'", unknownVerb.StandardError, StringComparison.Ordinal);

        var list = await CommandLineProcess.RunAsync(app, "users", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        var lines = list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("email\tstatus\tgrants", lines[0]);
        Assert.Contains(lines, l => l.StartsWith(email + "\tactive\t", StringComparison.Ordinal) && l.Contains("1082", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("indberetter-cli@example.dk\tactive\t", StringComparison.Ordinal) && l.Contains("751", StringComparison.Ordinal) && !l.Contains("0751", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("x@example.dk", StringComparison.Ordinal) || l.StartsWith("y@example.dk", StringComparison.Ordinal));

        var create = await CommandLineProcess.RunAsync(app, "api-keys", "create", "--email", email, "--name", "rapporter");
        Assert.True(create.ExitCode == 0, create.ToString());
        var key = create.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        await using (var db = app.NewDbContext())
        {
            // Stored hashed: the key itself is nowhere in the table.
            var stored = await db.ApiKeys.ToListAsync();
            Assert.DoesNotContain(stored, k => System.Text.Json.JsonSerializer.Serialize(k).Contains(key, StringComparison.Ordinal));
        }

        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var me = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains(email, await me.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var backupFile = Path.Combine(Path.GetTempPath(), $"ammeindsats-backup-{Guid.NewGuid():N}.bak");
        try
        {
            var backup = await CommandLineProcess.RunAsync(app, "backup", backupFile);
            Assert.True(backup.ExitCode == 0, backup.ToString());
            Assert.True(new FileInfo(backupFile).Length > 0);
            var overwrite = await CommandLineProcess.RunAsync(app, "backup", backupFile);
            Assert.Equal(2, overwrite.ExitCode);

            // After the backup: the key is revoked and a user disabled; the restore brings both back.
            var revoke = await CommandLineProcess.RunAsync(app, "api-keys", "revoke", "--email", email, "--name", "rapporter");
            Assert.True(revoke.ExitCode == 0, revoke.ToString());
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
            var disable = await CommandLineProcess.RunAsync(app, "users", "disable", "--email", "indberetter-cli@example.dk");
            Assert.True(disable.ExitCode == 0, disable.ToString());
            Assert.Contains("indberetter-cli@example.dk\tdisabled", (await CommandLineProcess.RunAsync(app, "users", "list")).StandardOutput, StringComparison.Ordinal);

            var notABackup = CommandLineProcess.WriteFile("ikke-en-kopi.bak", "det her er ikke en sikkerhedskopi");
            var refused = await CommandLineProcess.RunAsync(app, "restore", notABackup);
            Assert.Equal(2, refused.ExitCode);

            var restore = await CommandLineProcess.RunAsync(app, "restore", backupFile);
            Assert.True(restore.ExitCode == 0, restore.ToString());
            var restored = await CommandLineProcess.RunAsync(app, "users", "list");
            Assert.Contains("indberetter-cli@example.dk\tactive", restored.StandardOutput, StringComparison.Ordinal);
            await using var db = app.NewDbContext();
            Assert.Equal(1, await db.ApiKeys.CountAsync(k => k.RevokedAt == null));
        }
        finally
        {
            File.Delete(backupFile);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task SeedDemo_LoadsDemoUsersForEveryRole(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            PostgresServer.SkipIfUnavailable();
        }

        using var app = TestApp.Create(provider);
        Assert.Equal(0, (await CommandLineProcess.RunAsync(app, "migrate")).ExitCode);
        var seed = await CommandLineProcess.RunAsync(app, "seed", "--demo");
        Assert.True(seed.ExitCode == 0, seed.ToString());

        var list = (await CommandLineProcess.RunAsync(app, "users", "list")).StandardOutput;
        foreach (var user in new[] { DemoUsers.Administrator, DemoUsers.Secretariat, DemoUsers.Network, DemoUsers.Reporter, DemoUsers.Reader })
        {
            Assert.Contains(user + "\tactive", list, StringComparison.Ordinal);
        }

        await using var db = app.NewDbContext();
        Assert.True(await db.BirthCohorts.AnyAsync(c => c.IsDemo), "The indicator module adds its demo cohorts through the seeding mechanism.");

        // The report writes its counts the Danish way: the number of demo cohorts with a thousands point.
        var cohorts = await db.BirthCohorts.CountAsync(c => c.IsDemo);
        Assert.True(cohorts >= 1000, $"{cohorts} demo cohorts");
        var danish = $"{cohorts / 1000}.{cohorts % 1000:000} fødselsårgange";
        Assert.Contains(danish, seed.StandardOutput + seed.StandardError, StringComparison.Ordinal);
    }
}
