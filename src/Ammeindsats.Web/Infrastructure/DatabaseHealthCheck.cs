using Ammeindsats.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ammeindsats.Web.Infrastructure;

/// <summary>/health answers Healthy only when the database answers.</summary>
public sealed class DatabaseHealthCheck(AmmeindsatsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("Databasen svarer.")
            : HealthCheckResult.Unhealthy("Databasen svarer ikke.");
}
