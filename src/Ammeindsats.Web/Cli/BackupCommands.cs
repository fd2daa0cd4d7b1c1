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

        // The copy holds what the database holds (password hashes, signing keys): readable by its owner only.
        DatabaseSetup.CreateOwnerOnly(file);
        try
        {
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
        }
        catch
        {
            // No half-written copy is left behind to block the next try.
            File.Delete(file);
            throw;
        }

        await Console.Error.WriteLineAsync($"Sikkerhedskopi skrevet til {file} ({new FileInfo(file).Length.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("da-DK"))} bytes).");
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
                string? result;
                try
                {
                    result = await check.ExecuteScalarAsync() as string;
                }
                catch (SqliteException)
                {
                    // Not an SQLite file at all (a text file, a PostgreSQL dump).
                    result = null;
                }

                if (result != "ok")
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
            // Reading the archive's table of contents touches no database: a file that is not a pg_dump
            // archive is refused before anything is dropped.
            if (await RunToolAsync("pg_restore", ["--list", file], null) is { } notAnArchive)
            {
                throw new InvalidInputException($"{file} er ikke en gyldig sikkerhedskopi ({notAnArchive}).");
            }

            await RunPgToolAsync("pg_restore", db.ConnectionString, ["--clean", "--if-exists", "--no-owner", "--single-transaction", file]);
        }

        await Console.Error.WriteLineAsync($"Databasen er gendannet fra {file}.");
        return ExitCodes.Done;
    }

    private static async Task RunPgToolAsync(string tool, string connectionString, string[] arguments)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        string[] connection = ["--host", cs.Host ?? "127.0.0.1", "--port", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", cs.Username ?? "postgres", "--dbname", cs.Database ?? "postgres"];
        if (await RunToolAsync(tool, [.. connection, .. arguments], cs.Password ?? string.Empty) is { } errors)
        {
            throw new InvalidOperationException($"{tool} fejlede: {errors}");
        }
    }

    /// <summary>Runs a PostgreSQL tool; returns its error output when it fails, null when it succeeds.</summary>
    private static async Task<string?> RunToolAsync(string tool, string[] arguments, string? password)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        if (password is not null)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Kunne ikke starte {tool}.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{tool} findes ikke på maskinen. Installer klientprogrammerne til PostgreSQL (pakken postgresql-client).");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            await output;
            return process.ExitCode == 0 ? null : (await errors).Trim();
        }
    }
}
