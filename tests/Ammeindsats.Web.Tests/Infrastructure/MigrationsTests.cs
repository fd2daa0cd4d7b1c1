using Ammeindsats.Data;
using Ammeindsats.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Tests.Infrastructure;

public sealed class MigrationsTests
{
    // A model change without a migration would break the next installation's upgrade.
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=unused.db")]
    [InlineData(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=unused")]
    public void Model_HasNoChangesThatAMigrationDoesNotCover(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<AmmeindsatsDbContext>();
        DatabaseSetup.Configure(options, provider, connectionString);
        using var db = new AmmeindsatsDbContext(options.Options);

        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} migrations do not cover the current model: run dotnet ef migrations add.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }
}
