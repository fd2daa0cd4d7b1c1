using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace Ammeindsats.EndToEnd.Tests;

/// <summary>
/// The real executable on a real port with a fresh SQLite database, and Debian's Chromium driven by
/// Playwright. Skips with a clear reason when Chromium is missing, unless AMMEINDSATS_REQUIRE_ALL=1.
/// </summary>
public sealed class AppServer : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private Process? _process;
    private IPlaywright? _playwright;
    private string? _dataFolder;

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser? Browser { get; private set; }

    /// <summary>Says once, at the test run's default verbosity, why the browser tests are skipped.</summary>
    public AppServer(Xunit.Abstractions.IMessageSink diagnostics)
    {
        if (MissingReason is { } reason && Environment.GetEnvironmentVariable("AMMEINDSATS_REQUIRE_ALL") != "1")
        {
            diagnostics.OnMessage(new Xunit.Sdk.DiagnosticMessage(reason));
        }
    }

    public static string? MissingReason =>
        File.Exists(ChromiumPath) ? null : $"Browser tests skipped: Chromium not found at {ChromiumPath} (apt-get install chromium).";

    public async Task InitializeAsync()
    {
        if (MissingReason is not null)
        {
            return;
        }

        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _dataFolder = Path.Combine(Path.GetTempPath(), $"ammeindsats-e2e-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dataFolder);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ammeindsats.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(WebProjectFolder());
        start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_dataFolder, "e2e.db")}";
        start.Environment["Logging__Format"] = "text";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__SeedDemoOnFirstRun"] = "true";
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the web app.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                if ((await http.GetAsync(BaseUrl + "/health")).StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new InvalidOperationException("The web app did not answer /health within 90 seconds.");
            }

            await Task.Delay(250);
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Runs a command-line verb against the server's database, as an operator would beside it.</summary>
    public async Task<int> RunCommandAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ammeindsats.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_dataFolder!, "e2e.db")}";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the command.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await Task.WhenAll(stdout, stderr);
        return process.ExitCode;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (_dataFolder is not null)
        {
            try
            {
                Directory.Delete(_dataFolder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // The content root holds wwwroot (the vendored design system); found by walking up to the repository.
    private static string WebProjectFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ammeindsats.slnx")))
        {
            dir = dir.Parent;
        }

        return dir is null
            ? throw new InvalidOperationException("Could not find the repository root (Ammeindsats.slnx).")
            : Path.Combine(dir.FullName, "src", "Ammeindsats.Web");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<AppServer>
{
    public const string Name = "browser";
}
