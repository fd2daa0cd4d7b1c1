using System.Collections.Concurrent;
using System.Security.Cryptography;
using Ammeindsats.Core.Documents;
using Ammeindsats.Data;
using Ammeindsats.Web.Infrastructure;
using Npgsql;

namespace Ammeindsats.Web.Features.Indicators.Published;

/// <summary>
/// The bulk download as files: one zip per published version and dialect, built once (never twice at the same
/// time: whoever asks while it is being built waits for the same build) and then served from disk. The files
/// live in Downloads:Directory, by default a "downloads" folder next to the SQLite database (under data/ for
/// PostgreSQL); files of older versions are deleted when a new one is built.
/// </summary>
public sealed class BulkDownloadFiles(
    PublishedVersion version,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    DatabaseConnection database,
    IConfiguration configuration,
    IWebHostEnvironment environment,
    ILogger<BulkDownloadFiles> log)
{
    public sealed record File(string Path, string ETag, DateTimeOffset LastModified);

    private readonly ConcurrentDictionary<string, Lazy<Task<File>>> _builds = new(StringComparer.Ordinal);

    /// <summary>Where the files are kept.</summary>
    public string Directory { get; } = ResolveDirectory(configuration, environment, database);

    public async Task<File> GetAsync(CsvDialect dialect, CancellationToken ct)
    {
        var current = await version.GetAsync(ct);
        var name = $"ammeindsats-{(dialect == CsvDialect.Excel ? "excel" : "opendata")}-{current}.zip";
        var build = _builds.GetOrAdd(name, n => new Lazy<Task<File>>(() => BuildAsync(n, current), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            // The build goes on if this caller leaves: the next one gets it.
            return await build.Value.WaitAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed build is not kept: the next request tries again.
            _builds.TryRemove(new KeyValuePair<string, Lazy<Task<File>>>(name, build));
            throw;
        }
    }

    private async Task<File> BuildAsync(string name, string current)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name);
        if (!System.IO.File.Exists(path))
        {
            var partial = path + $".{Guid.NewGuid():N}.tmp";
            try
            {
                await using (var output = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    using var scope = scopes.CreateScope();
                    await IndicatorsApi.WriteDownloadAsync(
                        output,
                        name.Contains("-excel-", StringComparison.Ordinal) ? CsvDialect.Excel : CsvDialect.OpenData,
                        scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>(),
                        scope.ServiceProvider.GetRequiredService<IndicatorFigures>(),
                        clock,
                        CancellationToken.None);
                }

                System.IO.File.Move(partial, path, overwrite: true);
            }
            finally
            {
                System.IO.File.Delete(partial);
            }

            RemoveOlder(current);
        }

        byte[] hash;
        await using (var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true))
        {
            hash = await SHA256.HashDataAsync(input);
        }

        return new File(path, $"\"{Convert.ToHexStringLower(hash)[..24]}\"", new DateTimeOffset(System.IO.File.GetLastWriteTimeUtc(path), TimeSpan.Zero));
    }

    // Files of other versions are never served again. A file being sent right now is only unlinked, not cut short.
    private void RemoveOlder(string current)
    {
        foreach (var old in System.IO.Directory.EnumerateFiles(Directory, "ammeindsats-*.zip"))
        {
            if (old.Contains(current, StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                System.IO.File.Delete(old);
            }
            catch (IOException ex)
            {
                log.LogDebug(ex, "Could not delete the old download {File}", old);
            }
        }

        foreach (var key in _builds.Keys.Where(k => !k.Contains(current, StringComparison.Ordinal)))
        {
            _builds.TryRemove(key, out _);
        }
    }

    private static string ResolveDirectory(IConfiguration configuration, IWebHostEnvironment environment, DatabaseConnection database)
    {
        if (configuration["Downloads:Directory"] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured, environment.ContentRootPath);
        }

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
            if (file != ":memory:" && Path.GetDirectoryName(file) is { Length: > 0 } folder)
            {
                return Path.Combine(folder, "downloads", Path.GetFileNameWithoutExtension(file));
            }
        }

        var name = database.Provider == DatabaseProvider.Postgres ? new NpgsqlConnectionStringBuilder(database.ConnectionString).Database ?? "postgres" : "memory";
        return Path.Combine(environment.ContentRootPath, "data", "downloads", name);
    }
}
