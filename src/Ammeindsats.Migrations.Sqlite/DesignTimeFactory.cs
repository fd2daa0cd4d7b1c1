using Ammeindsats.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ammeindsats.Migrations.Sqlite;

/// <summary>Lets `dotnet ef` build the model for this provider without starting the web app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AmmeindsatsDbContext>
{
    public AmmeindsatsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AmmeindsatsDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(DatabaseProviders.SqliteMigrationsAssembly))
            .Options);
}
