using Ammeindsats.Data;
using Ammeindsats.Web.Infrastructure.Platform;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Ammeindsats.Web.Tests.Platform;

[Collection(WebCollection.Name)]
public sealed class SchedulerTests(TestApps apps)
{
    private sealed class CountingJob(string name) : IScheduledJob
    {
        private int _runs;

        public int Runs => _runs;

        public string Name { get; } = name;

        public TimeSpan Interval => TimeSpan.FromMinutes(5);

        public async Task RunAsync(IServiceProvider services, CancellationToken ct)
        {
            Interlocked.Increment(ref _runs);
            await Task.Delay(200, ct); // long enough for the other node to try while the lease is held
        }
    }

    // Two web nodes share one database: each due job runs on exactly one of them.
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task DueJob_TriedByTwoNodesAtOnce_RunsOnce_ThenWaitsForItsInterval(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        var nodeA = new JobRunner(scopes, clock, NullLogger<JobRunner>.Instance);
        var nodeB = new JobRunner(scopes, clock, NullLogger<JobRunner>.Instance);
        var job = new CountingJob("test-" + Guid.NewGuid().ToString("N")[..8]);

        var results = await Task.WhenAll(nodeA.TryRunAsync(job, CancellationToken.None), nodeB.TryRunAsync(job, CancellationToken.None));

        Assert.Equal(1, job.Runs);
        Assert.Single(results, r => r);

        // Not due again until its interval has passed.
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.False(await nodeB.TryRunAsync(job, CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await nodeB.TryRunAsync(job, CancellationToken.None));
        Assert.Equal(2, job.Runs);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task RetentionJob_DeletesExpiredUploadsAndKeepsTheRest(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        using var scope = app.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<FileStore>();
        var expired = await store.SaveAsync("gammel.csv", "text/csv", new MemoryStream("a,b\n1,2\n"u8.ToArray()), "test", null, TimeSpan.FromMilliseconds(1));
        var kept = await store.SaveAsync("ny.csv", "text/csv", new MemoryStream("a,b\n3,4\n"u8.ToArray()), "test", null, TimeSpan.FromHours(1));
        await Task.Delay(50);

        var job = scope.ServiceProvider.GetServices<IScheduledJob>().OfType<RetentionJob>().Single();
        await job.RunAsync(scope.ServiceProvider, CancellationToken.None);

        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
        Assert.False(await db.StoredFiles.AnyAsync(f => f.Id == expired.Id));
        var left = await db.StoredFiles.SingleAsync(f => f.Id == kept.Id);
        // SHA-256 of "a,b\n3,4\n", computed independently: printf 'a,b\n3,4\n' | sha256sum
        Assert.Equal("57f6579a0b708406e70a305ed12e45b74c383b82abb6ac2f23556d65d5d0b807", left.Sha256);
    }
}
