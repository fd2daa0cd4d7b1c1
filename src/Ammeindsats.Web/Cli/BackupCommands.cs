using System.Diagnostics;
using Ammeindsats.Data;
using Ammeindsats.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ammeindsats.Web.Cli;

/// <summary>
/// backup FILE / restore FILE. SQLite uses the online backup API, which gives a consistent copy while the
/// server runs; PostgreSQL uses pg_dump/pg_restore (custom format), which read one snapshot.
/// </summary>
public static class BackupCommands
{
    public static async Task<int> BackupAsync(IServiceProvider services, CommandArgs args)
    {
        var file = Path.GetFullPath(args.PositionalAt(0, "filnavn til sikkerhedskopien"));
        args.EnsureNoUnknownOptions();
        var db = services.GetRequiredService<DatabaseConnection>();
        if (File.Exists(file))
        {
            throw new InvalidInputException($"Filen {file} findes allerede. Vælg et nyt navn; en sikkerhedskopi overskrives ikke.");
        }

        if (db.Provider == DatabaseProvider.Sqlite)
        {
            await using var source = new SqliteConnection(db.ConnectionString);
            await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            await source.OpenAsync();
            await target.OpenAsync();
            source.BackupDatabase(target);
        }
        else
        {
            await RunPgToolAsync("pg_dump", db.ConnectionString, ["--format=custom", "--no-owner", "--file", file]);
        }

        await Console.Error.WriteLineAsync($"Sikkerhedskopi skrevet til {file} ({new FileInfo(file).Length:N0} bytes).");
        return ExitCodes.Done;
    }

    public static async Task<int> RestoreAsync(IServiceProvider services, CommandArgs args)
    {
        var file = Path.GetFullPath(args.PositionalAt(0, "sikkerhedskopiens filnavn"));
        args.EnsureNoUnknownOptions();
        if (!File.Exists(file))
        {
            throw new InvalidInputException($"Filen {file} findes ikke.");
        }

        var db = services.GetRequiredService<DatabaseConnection>();
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await source.OpenAsync();
            await using (var check = source.CreateCommand())
            {
                check.CommandText = "PRAGMA integrity_check";
                if (await check.ExecuteScalarAsync() as string != "ok")
                {
                    throw new InvalidInputException($"{file} er ikke en gyldig sikkerhedskopi.");
                }
            }

            await using var target = new SqliteConnection(db.ConnectionString);
            await target.OpenAsync();
            source.BackupDatabase(target);
        }
        else
        {
            await RunPgToolAsync("pg_restore", db.ConnectionString, ["--clean", "--if-exists", "--no-owner", "--single-transaction", file]);
        }

        await Console.Error.WriteLineAsync($"Databasen er gendannet fra {file}.");
        return ExitCodes.Done;
    }

    private static async Task RunPgToolAsync(string tool, string connectionString, string[] arguments)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--host", cs.Host ?? "127.0.0.1", "--port", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", cs.Username ?? "postgres", "--dbname", cs.Database ?? "postgres" }.Concat(arguments))
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["PGPASSWORD"] = cs.Password ?? string.Empty;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Kunne ikke starte {tool}.");
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} fejlede: {errors.Trim()}");
        }
    }
}
