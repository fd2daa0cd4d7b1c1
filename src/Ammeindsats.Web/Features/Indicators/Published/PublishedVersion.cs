using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Ammeindsats.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Ammeindsats.Web.Features.Indicators.Published;

/// <summary>
/// One short version string for everything the published figures are made of: the data fingerprint, the
/// indicator definitions, the targets, the disclosure threshold and the day. Published pages, API answers and
/// the bulk download are cached under it. It is held in memory and checked against the database at most once a
/// second, so a repeat request costs no query; a write through this process (any SaveChanges, bulk statement or
/// commit) marks it stale at once, so this node never serves figures older than its own last write, and a
/// change made by another process or node is seen within a second.
/// </summary>
public sealed class PublishedVersion(IServiceScopeFactory scopes, TimeProvider clock, IOptions<DisclosureSettings> disclosure) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private sealed record Snapshot(string Value, long Taken, long Generation);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot? _current;
    private long _generation;

    public void Dispose() => _gate.Dispose();

    /// <summary>Marks the version stale: the next request reads the fingerprint again.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    public async ValueTask<string> GetAsync(CancellationToken ct)
    {
        var current = Volatile.Read(ref _current);
        var generation = Interlocked.Read(ref _generation);
        if (current is not null && current.Generation == generation)
        {
            if (clock.GetElapsedTime(current.Taken) < MaxAge)
            {
                return current.Value;
            }

            // Only old, not known to be changed here: while one request reads the database, the others go on
            // with the version of a second ago.
            if (!_gate.Wait(0, CancellationToken.None))
            {
                return current.Value;
            }
        }
        else
        {
            await _gate.WaitAsync(ct);
        }

        try
        {
            current = Volatile.Read(ref _current);
            generation = Interlocked.Read(ref _generation);
            if (current is not null && current.Generation == generation && clock.GetElapsedTime(current.Taken) < MaxAge)
            {
                return current.Value;
            }

            // The generation is read before the database, so a write during the reading makes the next request read again.
            var value = await ComputeAsync(ct);
            Volatile.Write(ref _current, new Snapshot(value, clock.GetTimestamp(), generation));
            return value;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> ComputeAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
        var figures = scope.ServiceProvider.GetRequiredService<IndicatorFigures>();
        var data = await figures.DataFingerprintAsync(ct);
        var indicators = await db.Indicators.AsNoTracking().OrderBy(i => i.Code)
            .Select(i => new { i.Code, i.Version, i.Active, i.SortOrder }).ToListAsync(ct);
        var targets = (await db.IndicatorTargets.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Versions = g.Sum(t => (long)t.Version), Max = g.Max(t => t.Id) }).ToListAsync(ct)).FirstOrDefault();
        var text = $"{data}|{string.Join(",", indicators.Select(i => $"{i.Code}:{i.Version}:{i.Active}:{i.SortOrder}"))}|{targets}|" +
            $"{disclosure.Value.CacheKey}|{DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime):yyyy-MM-dd}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..20];
    }
}

/// <summary>Marks the published version stale after every write this process makes through EF Core.</summary>
public sealed class PublishedDataChanges(PublishedVersion version) : DbCommandInterceptor, ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        version.Invalidate();
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        version.Invalidate();
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        version.Invalidate();
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        version.Invalidate();
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => version.Invalidate();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        version.Invalidate();
        return Task.CompletedTask;
    }
}
