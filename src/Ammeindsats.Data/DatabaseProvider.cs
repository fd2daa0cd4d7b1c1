using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Data;

/// <summary>The two supported databases. SQLite for a single installation, PostgreSQL for several web nodes.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DatabaseProviders
{
    public const string SqliteMigrationsAssembly = "Ammeindsats.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Ammeindsats.Migrations.Postgres";
}
