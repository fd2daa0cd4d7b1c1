using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Ammeindsats.Web.Tests.Security;

/// <summary>
/// The published build started as an operator would (the executable, Production, an empty SQLite database) creates
/// no known credentials and says how to create the first administrator; demo logins come only when asked for,
/// and <c>dotnet run</c> asks for them through the Development launch profile.
/// </summary>
public sealed class HardeningStartupTests
{
    [Fact]
    public async Task ProductionStart_OnAnEmptyDatabase_CreatesNoUser_AndPrintsHowToAddTheFirstAdministrator()
    {
        var database = TempDatabase();
        var output = await StartAndStopAsync(database, demo: null);

        Assert.Equal(0L, Scalar(database, "SELECT COUNT(*) FROM AspNetUsers"));
        Assert.True(Scalar(database, "SELECT COUNT(*) FROM Areas") > 0, "reference data is loaded");
        Assert.Contains("users add --email DIN@EMAIL --role administrator", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Amning-Demo-2026", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoSetting_SeedsDemoLogins_AndASecondStartSaysWhereTheyAre()
    {
        var database = TempDatabase();
        var first = await StartAndStopAsync(database, demo: true);
        Assert.Equal(5L, Scalar(database, "SELECT COUNT(*) FROM AspNetUsers WHERE IsDemo = 1"));
        Assert.Contains("Demo-brugere (adgangskode for alle: Amning-Demo-2026)", first, StringComparison.Ordinal);

        var second = await StartAndStopAsync(database, demo: true);
        Assert.Contains("Demo-brugerne fra første start findes stadig, med adgangskoden Amning-Demo-2026", second, StringComparison.Ordinal);
        Assert.Contains("admin@demo.ammeindsats.dk", second, StringComparison.Ordinal);
        Assert.DoesNotContain("users add --email", second, StringComparison.Ordinal);
    }

    [Fact]
    public void DotnetRun_UsesTheDevelopmentProfile_WhichSeedsDemoContent()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Ammeindsats.Web");
        using var launch = JsonDocument.Parse(File.ReadAllText(Path.Combine(web, "Properties", "launchSettings.json")));
        var profile = launch.RootElement.GetProperty("profiles").EnumerateObject().First().Value;
        Assert.Equal("Development", profile.GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString());

        using var development = JsonDocument.Parse(File.ReadAllText(Path.Combine(web, "appsettings.Development.json")));
        Assert.True(development.RootElement.GetProperty("Database").GetProperty("SeedDemoOnFirstRun").GetBoolean());
        using var published = JsonDocument.Parse(File.ReadAllText(Path.Combine(web, "appsettings.json")));
        Assert.False(published.RootElement.GetProperty("Database").GetProperty("SeedDemoOnFirstRun").GetBoolean());
    }

    internal static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Ammeindsats.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    private static string TempDatabase() => Path.Combine(Path.GetTempPath(), $"ammeindsats-start-{Guid.NewGuid():N}.db");

    private static long Scalar(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Starts the executable in Production, waits until it answers /health and its start-up lines are out, then stops it.</summary>
    private static async Task<string> StartAndStopAsync(string database, bool? demo)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ammeindsats.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={database}";
        start.Environment["Logging__Format"] = "text";
        if (demo is { } value)
        {
            start.Environment["Database__SeedDemoOnFirstRun"] = value ? "true" : "false";
        }

        var output = new StringBuilder();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the web app.");
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient();
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (true)
            {
                try
                {
                    if ((await http.GetAsync($"http://127.0.0.1:{port}/health")).StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }

                Assert.False(process.HasExited, $"The app stopped: {output}");
                Assert.True(DateTime.UtcNow < deadline, $"No answer on /health within 120 seconds: {output}");
                await Task.Delay(250);
            }

            // The start-up lines are written when the host has started, just before it answers.
            await Task.Delay(500);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        lock (output)
        {
            return output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
