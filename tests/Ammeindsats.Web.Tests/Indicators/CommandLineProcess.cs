using System.Diagnostics;
using Ammeindsats.Web.Tests.Infrastructure;

namespace Ammeindsats.Web.Tests.Indicators;

public sealed record CommandLineResult(int ExitCode, string StandardOutput, string StandardError)
{
    public IReadOnlyList<string> ErrorLines =>
        StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}";
}

/// <summary>Runs the app's executable with a verb, as an operator would, against a test app's database.</summary>
public static class CommandLineProcess
{
    public static Task<CommandLineResult> RunAsync(TestApp app, params string[] args) => RunWithInputAsync(app, string.Empty, args);

    /// <summary>Runs a verb with <paramref name="input"/> on its standard input, which is then closed.</summary>
    public static async Task<CommandLineResult> RunWithInputAsync(TestApp app, string input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ammeindsats.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Database__Provider"] = app.Provider.ToString();
        start.Environment["ConnectionStrings__Default"] = app.ConnectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the command line.");
        // "users add" without --password reads its password from standard input; most verbs get it empty.
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' did not finish within 3 minutes.");
        }

        return new CommandLineResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A file in a fresh temporary folder, written as UTF-8 without BOM.</summary>
    public static string WriteFile(string name, string content)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"ammeindsats-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content, new System.Text.UTF8Encoding(false));
        return path;
    }
}
