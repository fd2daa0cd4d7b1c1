using Ammeindsats.Data;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Indicators;

/// <summary>
/// Keeps each node's cache of published figures warm: at start and whenever the data fingerprint changes,
/// it computes the published figures of every indicator, and then the working figures staff see, so the first visitor after an import or an approval
/// does not wait for the disclosure computation. It looks at the fingerprint (four small aggregate queries)
/// every two seconds, so a change made on any node is picked up by every node within seconds. Runs on every
/// node (each has its own cache); it holds no state that another node would need.
/// </summary>
public sealed class FiguresWarmup(IServiceScopeFactory scopes, TimeProvider clock, ILogger<FiguresWarmup> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        string? warmed = null;
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var figures = scope.ServiceProvider.GetRequiredService<IndicatorFigures>();
                // The figures' cache key holds the day too (a birth cohort stops being preliminary on a date).
                // An edited definition (a new threshold) has a new version, and so new figures.
                var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
                var indicators = await db.Indicators.AsNoTracking().Where(i => i.Active).OrderBy(i => i.Code).ToListAsync(stoppingToken);
                var current = $"{await figures.DataFingerprintAsync(stoppingToken)}|{DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)}|" +
                    string.Join(",", indicators.Select(i => $"{i.Code}:{i.Version}"));
                if (current == warmed)
                {
                    continue;
                }

                foreach (var indicator in indicators)
                {
                    foreach (var benchmark in new[] { "DK", "region" })
                    {
                        await figures.ComputeAsync(indicator, publishedOnly: true, benchmark, stoppingToken);
                    }
                }

                // Then the working figures staff see for their own areas, so the first page after a login
                // does not compute them for every indicator (the published ones come first: anonymous visitors
                // are the many).
                foreach (var indicator in indicators)
                {
                    foreach (var benchmark in new[] { "DK", "region" })
                    {
                        await figures.ComputeAsync(indicator, publishedOnly: false, benchmark, stoppingToken);
                    }
                }

                warmed = current;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Could not warm the indicator figures");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
