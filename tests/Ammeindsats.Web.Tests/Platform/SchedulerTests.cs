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

    /// <summary>A job that runs until the test lets it finish.</summary>
    private sealed class LongJob(string name) : IScheduledJob
    {
        private int _runs;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Runs => _runs;

        public string Name { get; } = name;

        public TimeSpan Interval => TimeSpan.FromMinutes(1);

        public async Task RunAsync(IServiceProvider services, CancellationToken ct)
        {
            Interlocked.Increment(ref _runs);
            Started.TrySetResult();
            await Finish.Task.WaitAsync(ct);
        }
    }

    // A job running for longer than its lease keeps it: the lease is renewed while it runs, so another node
    // does not start it a second time; when it ends, it is due again after its interval.
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task LongRunningJob_RenewsItsLease_SoASecondNodeDoesNotStartItAgain(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var start = new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        var nodeA = new JobRunner(scopes, clock, NullLogger<JobRunner>.Instance);
        var nodeB = new JobRunner(scopes, clock, NullLogger<JobRunner>.Instance);
        var job = new LongJob("long-" + Guid.NewGuid().ToString("N")[..8]);

        var running = nodeA.TryRunAsync(job, CancellationToken.None);
        await job.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(start + JobRunner.Lease, await LeaseUntilAsync(app, job.Name));

        // Three times the lease, a renewal period at a time; after each, the lease reaches a full lease past that time.
        var steps = (int)Math.Ceiling(3 * JobRunner.Lease / JobRunner.RenewEvery);
        for (var step = 1; step <= steps; step++)
        {
            clock.Advance(JobRunner.RenewEvery);
            var expected = start + (step * JobRunner.RenewEvery) + JobRunner.Lease;
            await WaitForAsync(async () => await LeaseUntilAsync(app, job.Name) >= expected, $"the lease renewed to {expected:O} after step {step}");
            Assert.False(await nodeB.TryRunAsync(job, CancellationToken.None), $"Node B started the job at step {step}, while node A still runs it.");
        }

        Assert.True(clock.GetUtcNow() > start + (2 * JobRunner.Lease), "The test ran past the first lease.");
        job.Finish.SetResult();
        Assert.True(await running.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, job.Runs);

        // Finished: the lease is released, and the job is due again after its interval, on any node.
        var finished = clock.GetUtcNow();
        Assert.Equal(finished, await LeaseUntilAsync(app, job.Name));
        Assert.False(await nodeB.TryRunAsync(job, CancellationToken.None));
        clock.Advance(job.Interval);
        var again = nodeB.TryRunAsync(job, CancellationToken.None);
        Assert.True(await again.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, job.Runs);
    }

    // A node that stops renewing (it stopped, here: its lease is moved to another holder) loses the job, which is cancelled.
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task RunningJob_WhoseLeaseIsTakenOver_IsCancelled_AndLeavesTheLeaseToItsNewHolder(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        var node = new JobRunner(app.Services.GetRequiredService<IServiceScopeFactory>(), clock, NullLogger<JobRunner>.Instance);
        var job = new LongJob("lost-" + Guid.NewGuid().ToString("N")[..8]);

        var running = node.TryRunAsync(job, CancellationToken.None);
        await job.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await using (var db = app.NewDbContext())
        {
            await db.JobLeases.Where(j => j.Name == job.Name).ExecuteUpdateAsync(s => s.SetProperty(j => j.Holder, "another-node"));
        }

        clock.Advance(JobRunner.RenewEvery);
        Assert.True(await running.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(job.Finish.Task.IsCompleted);
        await using (var db = app.NewDbContext())
        {
            var lease = await db.JobLeases.AsNoTracking().SingleAsync(j => j.Name == job.Name);
            Assert.Equal("another-node", lease.Holder);
        }
    }

    private static async Task<DateTimeOffset> LeaseUntilAsync(TestApp app, string name)
    {
        await using var db = app.NewDbContext();
        return (await db.JobLeases.AsNoTracking().SingleAsync(j => j.Name == name)).LeaseUntil;
    }

    /// <summary>Polls until the condition holds, for at most 30 seconds.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Timed out waiting for {what}.");
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
