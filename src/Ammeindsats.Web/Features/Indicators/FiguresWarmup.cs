using Ammeindsats.Data;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Indicators;

/// <summary>
/// Keeps each node's cache of published figures warm: at start and whenever the data fingerprint changes,
/// it computes the published figures of every indicator, so the first visitor after an import or an approval
/// does not wait for the disclosure computation. Runs on every node (each has its own cache); it holds no
/// state that another node would need.
/// </summary>
public sealed class FiguresWarmup(IServiceScopeFactory scopes, ILogger<FiguresWarmup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(20));
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
                var figures = scope.ServiceProvider.GetRequiredService<IndicatorFigures>();
                foreach (var indicator in await db.Indicators.AsNoTracking().Where(i => i.Active).ToListAsync(stoppingToken))
                {
                    foreach (var benchmark in new[] { "DK", "region" })
                    {
                        await figures.ComputeAsync(indicator, publishedOnly: true, benchmark, stoppingToken);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Could not warm the indicator figures");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
