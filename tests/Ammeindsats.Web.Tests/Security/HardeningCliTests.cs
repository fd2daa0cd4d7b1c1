using System.Net;
using Ammeindsats.Data;
using Ammeindsats.Web.Features.Accounts;
using Ammeindsats.Web.Tests.Administration;
using Ammeindsats.Web.Tests.Indicators;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Ammeindsats.Web.Tests.Security;

/// <summary>
/// The operator's side: the SQLite database and its backups readable by their owner only, a password given to
/// <c>users add</c> on standard input instead of the process list, and a common password refused there too.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class HardeningCliTests(TestApps apps)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [SkippableFact]
    public async Task DatabaseAndBackup_AreReadableByTheirOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip.If(true, "File modes are a Unix matter.");
            return;
        }

        var app = apps.Get(DatabaseProvider.Sqlite);
        var database = new SqliteConnectionStringBuilder(app.ConnectionString).DataSource;
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(database));

        var backup = Path.Combine(Path.GetTempPath(), $"ammeindsats-kopi-{Guid.NewGuid():N}.db");
        try
        {
            var result = await CommandLineProcess.RunAsync(app, "backup", backup);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(backup));
            Assert.True(new FileInfo(backup).Length > 0);
        }
        finally
        {
            File.Delete(backup);
        }
    }

    [Fact]
    public async Task UsersAdd_WithoutPasswordOption_ReadsThePasswordFromStandardInput()
    {
        var app = apps.Get(DatabaseProvider.Sqlite);
        var email = $"stdin-{Guid.NewGuid():N}@example.dk";
        const string password = "Rolig-Gravko-Sejler-48";
        var add = await CommandLineProcess.RunWithInputAsync(app, password + "\n", "users", "add", "--email", email, "--role", "reader");
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.DoesNotContain(password, add.StandardOutput + add.StandardError, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await Pages.TryLoginAsync(app.NewClient(), email, password)).StatusCode);
    }

    [Fact]
    public async Task UsersAdd_RefusesACommonPassword_OnTheCommandLineAndOnStandardInput()
    {
        var app = apps.Get(DatabaseProvider.Sqlite);
        var option = await CommandLineProcess.RunAsync(app, "users", "add", "--email", $"faelles-{Guid.NewGuid():N}@example.dk", "--role", "reader", "--password", "Password1234");
        Assert.Equal(2, option.ExitCode);
        Assert.Contains(CommonPasswordValidator.Message, option.StandardError, StringComparison.Ordinal);

        var refused = await CommandLineProcess.RunWithInputAsync(app, "Velkommen-2026\n", "users", "add", "--email", $"faelles-{Guid.NewGuid():N}@example.dk", "--role", "reader");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(CommonPasswordValidator.Message, refused.StandardError, StringComparison.Ordinal);
    }
}
