using Ammeindsats.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ammeindsats.Migrations.Postgres;

/// <summary>Lets `dotnet ef` build the model for this provider without starting the web app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AmmeindsatsDbContext>
{
    public AmmeindsatsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AmmeindsatsDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=design_time;Username=postgres;Password=postgres", o => o.MigrationsAssembly(DatabaseProviders.PostgresMigrationsAssembly))
            .Options);
}
