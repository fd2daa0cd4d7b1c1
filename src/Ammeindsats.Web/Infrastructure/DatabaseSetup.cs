using Ammeindsats.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Infrastructure;

/// <summary>The provider and connection string this process uses (for backup, restore and health).</summary>
public sealed record DatabaseConnection(DatabaseProvider Provider, string ConnectionString);

public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/ammeindsats.db";

    public static string ResolveConnectionString(DatabaseProvider provider, string? configured, string contentRoot)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            return string.IsNullOrWhiteSpace(configured)
                ? throw new InvalidOperationException("Database:Provider er Postgres, men ConnectionStrings:Default er ikke sat.")
                : configured;
        }

        // A relative SQLite path is placed under the content root, and its folder is created.
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultSqlite : configured);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        var folder = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        if (builder.DataSource != ":memory:")
        {
            CreateOwnerOnly(builder.DataSource);
        }

        builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    /// <summary>Read and write for the owner only (0600): the file holds password hashes and signing keys.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates an empty file that only its owner can read (SQLite takes an empty file as an empty database and gives
    /// its journal and WAL files the same mode), or takes group and other access away from an existing one.
    /// </summary>
    public static void CreateOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(path))
        {
            try
            {
                using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
                return;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Created meanwhile by another process; tightened below.
            }
        }

        try
        {
            if ((File.GetUnixFileMode(path) & ~(OwnerOnly | UnixFileMode.UserExecute)) != 0)
            {
                File.SetUnixFileMode(path, OwnerOnly);
            }
        }
        catch (UnauthorizedAccessException)
        {
            // Owned by another user (a shared installation): left as its owner set it.
        }
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString, o => o.MigrationsAssembly(DatabaseProviders.SqliteMigrationsAssembly));
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(connectionString, o => o.MigrationsAssembly(DatabaseProviders.PostgresMigrationsAssembly));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider));
        }
    }
}
