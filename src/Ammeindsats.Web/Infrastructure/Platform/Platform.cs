using Ammeindsats.Data;
using Ammeindsats.Data.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ammeindsats.Web.Infrastructure.Platform;

public static class PlatformRegistration
{
    public static IServiceCollection AddPlatform(this IServiceCollection services, AppMode mode)
    {
        services.AddScoped<EmailOutbox>();
        services.AddScoped<FileStore>();
        services.AddScoped<IFileStore>(sp => sp.GetRequiredService<FileStore>());
        services.AddSingleton<IEmailTransport, MailKitEmailTransport>();
        services.AddSingleton<IScheduledJob, OutboxDispatchJob>();
        services.AddSingleton<IScheduledJob, RetentionJob>();
        services.AddSingleton<JobRunner>();
        if (mode == AppMode.Serve)
        {
            services.AddHostedService<Scheduler>();
        }

        return services;
    }
}

/// <summary>Queues e-mail in the database; the dispatch job sends it.</summary>
public sealed class EmailOutbox(AmmeindsatsDbContext db, TimeProvider clock)
{
    /// <summary>Adds the message to the outbox; it is saved with the caller's next SaveChanges.</summary>
    public void Enqueue(string to, string subject, string body) =>
        db.OutboxMessages.Add(new OutboxMessage { To = to, Subject = subject, Body = body, CreatedAt = clock.GetUtcNow() });

    /// <summary>Adds a mail rendered from a template (see <see cref="MailTemplates"/>): both parts and its language.</summary>
    public void Enqueue(string to, RenderedMail mail) =>
        db.OutboxMessages.Add(new OutboxMessage
        {
            To = to,
            Subject = mail.Subject,
            Body = mail.Text,
            HtmlBody = mail.Html,
            Language = mail.Language,
            CreatedAt = clock.GetUtcNow(),
        });
}

/// <summary>Sends one outbox message; throws <see cref="EmailDeliveryException"/> when a later attempt may succeed.</summary>
public interface IEmailTransport
{
    bool Configured { get; }

    Task SendAsync(OutboxMessage message, CancellationToken ct);
}

public interface IScheduledJob
{
    string Name { get; }

    TimeSpan Interval { get; }

    Task RunAsync(IServiceProvider services, CancellationToken ct);
}

/// <summary>
/// Runs a job when its lease in the database can be taken. The lease is taken with one conditional
/// UPDATE, so with several web nodes exactly one of them runs each due job. While the job runs, the lease is
/// renewed every <see cref="RenewEvery"/> (from a scope of its own), so a job that runs longer than
/// <see cref="Lease"/> is not started a second time by another node; a node that stops stops renewing, and its
/// lease runs out. A renewal that finds the lease taken by another node cancels the job.
/// </summary>
public sealed class JobRunner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<JobRunner> log)
{
    /// <summary>How long a taken or renewed lease holds.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>How often a running job's lease is renewed: well within <see cref="Lease"/>, so one slow renewal does not lose it.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(100);

    private readonly string _node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public async Task<bool> TryRunAsync(IScheduledJob job, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
        var now = clock.GetUtcNow();
        if (!await db.JobLeases.AnyAsync(j => j.Name == job.Name, ct))
        {
            try
            {
                db.JobLeases.Add(new JobLease { Name = job.Name, LeaseUntil = DateTimeOffset.MinValue.ToUniversalTime(), NextRunAt = now });
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another node created the row first; fine.
                db.ChangeTracker.Clear();
            }
        }

        var leaseUntil = now + Lease;
        var taken = await db.JobLeases
            .Where(j => j.Name == job.Name && j.LeaseUntil < now && j.NextRunAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Holder, _node).SetProperty(j => j.LeaseUntil, leaseUntil), ct);
        if (taken != 1)
        {
            return false;
        }

        string? error = null;
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var stopRenewing = new CancellationTokenSource();
        var renewing = RenewWhileRunningAsync(job.Name, lost, stopRenewing.Token);
        try
        {
            await job.RunAsync(scope.ServiceProvider, lost.Token);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            error = "Jobbets lease blev overtaget af en anden node, mens det kørte.";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = ex.Message;
            log.LogError(ex, "Job {Job} failed", job.Name);
        }
        finally
        {
            await stopRenewing.CancelAsync();
            await renewing;
        }

        var done = clock.GetUtcNow();
        await db.JobLeases.Where(j => j.Name == job.Name && j.Holder == _node).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.LeaseUntil, done)
            .SetProperty(j => j.LastRunAt, done)
            .SetProperty(j => j.NextRunAt, done + job.Interval)
            .SetProperty(j => j.LastError, error), ct);
        return true;
    }

    /// <summary>Extends this node's lease every <see cref="RenewEvery"/> until stopped; cancels <paramref name="lost"/> if another node holds it.</summary>
    private async Task RenewWhileRunningAsync(string name, CancellationTokenSource lost, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(RenewEvery, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
                    var until = clock.GetUtcNow() + Lease;
                    var renewed = await db.JobLeases.Where(j => j.Name == name && j.Holder == _node)
                        .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, until), stop);
                    if (renewed != 1)
                    {
                        log.LogWarning("Job {Job} lost its lease while running; it is cancelled", name);
                        await lost.CancelAsync();
                        return;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database may be busy for a moment; the lease still holds, and the next tick tries again.
                    log.LogWarning(ex, "Could not renew the lease of job {Job}", name);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The job has finished.
        }
    }
}

public sealed class Scheduler(IEnumerable<IScheduledJob> jobs, JobRunner runner, ILogger<Scheduler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        do
        {
            foreach (var job in jobs)
            {
                try
                {
                    await runner.TryRunAsync(job, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning(ex, "Could not run job {Job}", job.Name);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public sealed class OutboxDispatchJob(IEmailTransport transport, TimeProvider clock) : IScheduledJob
{
    public string Name => "email-outbox";

    public TimeSpan Interval => TimeSpan.FromMinutes(1);

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        if (!transport.Configured)
        {
            return;
        }

        var db = services.GetRequiredService<AmmeindsatsDbContext>();
        var due = await db.OutboxMessages.Where(m => m.SentAt == null && m.Attempts < 10).OrderBy(m => m.Id).Take(50).ToListAsync(ct);
        foreach (var message in due)
        {
            message.Attempts++;
            try
            {
                await transport.SendAsync(message, ct);
                message.SentAt = clock.GetUtcNow();
                message.LastError = null;
            }
            catch (EmailDeliveryException ex)
            {
                message.LastError = ex.Message;
            }

            await db.SaveChangesAsync(ct);
        }
    }
}

/// <summary>Enforces the retention rules in docs/PRIVACY.md.</summary>
public sealed class RetentionJob(IOptions<RetentionOptions> options, TimeProvider clock) : IScheduledJob
{
    public string Name => "retention";

    public TimeSpan Interval => TimeSpan.FromMinutes(10);

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AmmeindsatsDbContext>();
        var now = clock.GetUtcNow();
        var sentBefore = now.AddDays(-options.Value.SentEmailDays);
        var readsBefore = now.AddDays(-options.Value.PersonalDataReadDays);
        await db.StoredFiles.Where(f => f.ExpiresAt != null && f.ExpiresAt <= now).ExecuteDeleteAsync(ct);
        await db.OutboxMessages.Where(m => m.SentAt != null && m.SentAt < sentBefore).ExecuteDeleteAsync(ct);
        await db.PersonalDataReads.Where(r => r.At < readsBefore).ExecuteDeleteAsync(ct);
    }
}
