using System.Data.Common;
using System.Text.Json;
using System.Threading.Channels;
using Ammeindsats.Core.Access;
using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.Indicators.Import;
using Ammeindsats.Data;
using Ammeindsats.Data.Audit;
using Ammeindsats.Web.Infrastructure.Platform;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Indicators.Import;

public static class ImportRegistration
{
    public static IServiceCollection AddIndicatorImportPages(this IServiceCollection services)
    {
        services.AddScoped<ImportRuns>();
        services.AddSingleton<ImportQueue>();
        services.AddSingleton<LocalImportProgress>();
        services.AddHostedService<ImportRunWorker>();
        return services;
    }
}

/// <summary>What a check (dry run) or an applied import found, kept as JSON in <see cref="ImportRun.Summary"/>.</summary>
public sealed record ImportSummary(
    int RowsRead,
    int Children,
    int Inserted,
    int Updated,
    int Deleted,
    int Unchanged,
    IReadOnlyList<string> Notes,
    IReadOnlyList<ImportProblem> Problems,
    IReadOnlyList<CellChange>? Changes = null,
    int ChangesNotListed = 0)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ImportSummary Empty { get; } = new(0, 0, 0, 0, 0, 0, [], []);

    public int CellsChanged => Inserted + Updated + Deleted;

    public static ImportSummary From(ImportOutcome outcome) =>
        new(outcome.RowsRead, outcome.Children, outcome.Inserted, outcome.Updated, outcome.Deleted, outcome.Unchanged, outcome.Notes.ToList(), outcome.Problems.ToList(),
            outcome.Changes.ToList(), outcome.ChangesNotListed);

    public IReadOnlyList<CellChange> ChangedCells => Changes ?? [];

    public static ImportSummary Problem(string message) => Empty with { Problems = [new ImportProblem(0, null, message)] };

    public static ImportSummary Read(string json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return Empty;
        }

        try
        {
            return JsonSerializer.Deserialize<ImportSummary>(json, Json) ?? Empty;
        }
        catch (JsonException)
        {
            return Empty;
        }
    }

    public string Write() => JsonSerializer.Serialize(this, Json);
}

/// <summary>The kinds of file the page offers, by the names the command line uses.</summary>
public static class ImportKinds
{
    public const string ChildRecords = "child-records";
    public const string IndicatorValues = "indicator-values";

    public static ImportKind? Parse(string? kind) => kind switch
    {
        ChildRecords => ImportKind.ChildRecords,
        IndicatorValues => ImportKind.IndicatorValues,
        _ => null,
    };

    public static string Label(string kind) => kind switch
    {
        ChildRecords => "Børneniveau",
        IndicatorValues => "Aggregerede værdier",
        _ => kind,
    };
}

/// <summary>
/// The web import: an upload is stored for an hour, checked as a dry run and shown; on confirmation the
/// run is handed to <see cref="ImportRunWorker"/>, which applies it and writes its progress to the run's row,
/// so every web node can show it.
/// </summary>
public sealed class ImportRuns(AmmeindsatsDbContext db, IFileStore files, ImportQueue queue, IndicatorImporter importer, TimeProvider clock, LocalImportProgress local)
{
    public const string Purpose = "indicator-import";

    /// <summary>An upload that is not confirmed within this time is deleted.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    /// <summary>Stores the upload, checks it as a dry run and records the run. A file with problems is deleted at once.</summary>
    public async Task<ImportRun> CheckAsync(string kind, Stream content, string fileName, string contentType, bool approve, string userId, CancellationToken ct)
    {
        var importKind = ImportKinds.Parse(kind) ?? throw new ArgumentException("Unknown import kind", nameof(kind));
        var stored = await files.SaveAsync(fileName, contentType, content, Purpose, userId, Retention, ct);
        var summary = await DryRunAsync(importKind, stored, approve, userId, ct);

        var now = clock.GetUtcNow();
        var run = new ImportRun
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            FileId = stored.Id,
            FileName = stored.FileName,
            FileSha256 = stored.Sha256,
            State = summary.Problems.Count == 0 ? ImportRunState.Checked : ImportRunState.Failed,
            Approve = approve,
            Percent = 0,
            Summary = summary.Write(),
            UserId = userId,
            CreatedAt = now,
            FinishedAt = summary.Problems.Count == 0 ? null : now,
        };
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(ct);
        if (run.State == ImportRunState.Failed)
        {
            await files.DeleteAsync(stored.Id, ct);
        }

        return run;
    }

    /// <summary>The run, when the user may see it: their own, or any for an administrator.</summary>
    public async Task<ImportRun?> FindAsync(Guid id, string userId, bool administrator, CancellationToken ct)
    {
        var run = await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        return run is not null && (run.UserId == userId || administrator) ? run : null;
    }

    /// <summary>When the checked upload will be deleted, or null when it is already gone.</summary>
    public async Task<DateTimeOffset?> UploadExpiresAsync(ImportRun run, CancellationToken ct)
    {
        var file = await files.FindAsync(run.FileId, Purpose, run.UserId, ct);
        return file?.ExpiresAt;
    }

    public enum ConfirmResult
    {
        Started,
        NotWaiting,
        UploadGone,
    }

    /// <summary>
    /// Starts applying a checked run. The state changes from Checked to Running in one conditional UPDATE,
    /// so a double click or a second node cannot start the same run twice.
    /// </summary>
    public async Task<ConfirmResult> ConfirmAsync(Guid id, string userId, CancellationToken ct)
    {
        var run = await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.UserId == userId, ct);
        if (run is null || run.State != ImportRunState.Checked)
        {
            return ConfirmResult.NotWaiting;
        }

        if (await files.FindAsync(run.FileId, Purpose, userId, ct) is null)
        {
            await FinishAsync(db, id, ImportRunState.Failed, ImportSummary.Problem(UploadGoneMessage), clock, ct);
            return ConfirmResult.UploadGone;
        }

        var lease = clock.GetUtcNow() + ImportRunWorker.Lease;
        local.Hold(id);
        var taken = await db.ImportRuns
            .Where(r => r.Id == id && r.State == ImportRunState.Checked)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ImportRunState.Running).SetProperty(r => r.Percent, 0).SetProperty(r => r.LeaseUntil, lease), ct);
        if (taken != 1)
        {
            local.Release(id);
            return ConfirmResult.NotWaiting;
        }

        await queue.EnqueueAsync(id, ct);
        return ConfirmResult.Started;
    }

    /// <summary>
    /// Checks a failed run's upload again, when it is still kept: after an interruption the same file can be
    /// confirmed again without uploading it anew. The run is checked as a dry run, as on upload.
    /// </summary>
    public async Task<bool> RetryAsync(Guid id, string userId, CancellationToken ct)
    {
        var run = await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.UserId == userId && r.State == ImportRunState.Failed, ct);
        var stored = run is null ? null : await files.FindAsync(run.FileId, Purpose, userId, ct);
        if (run is null || stored is null)
        {
            return false;
        }

        var summary = await DryRunAsync(ImportKinds.Parse(run.Kind) ?? ImportKind.ChildRecords, stored, run.Approve, userId, ct);

        // The dry run leaves the context empty, so the run is updated by its id, and only if it is still failed.
        var ok = summary.Problems.Count == 0;
        var json = summary.Write();
        DateTimeOffset? finished = ok ? null : clock.GetUtcNow();
        return await db.ImportRuns.Where(r => r.Id == id && r.State == ImportRunState.Failed).ExecuteUpdateAsync(
            s => s.SetProperty(r => r.State, ok ? ImportRunState.Checked : ImportRunState.Failed)
                .SetProperty(r => r.Summary, json)
                .SetProperty(r => r.Percent, 0)
                .SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(r => r.FinishedAt, finished),
            ct) == 1;
    }

    /// <summary>Marks this one run failed when the node that took it has stopped (see <see cref="MarkAbandonedAsync"/>).</summary>
    public Task<int> MarkIfAbandonedAsync(Guid id, CancellationToken ct) =>
        MarkAbandonedAsync(db, local, clock, db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite", id, ct);

    /// <summary>Checks a stored upload as a dry run with the uploader's rights: what it would change, or every problem.</summary>
    private async Task<ImportSummary> DryRunAsync(ImportKind kind, Data.Platform.StoredFile stored, bool approve, string userId, CancellationToken ct)
    {
        var actor = await ImportActors.ForUserAsync(db, userId, clock, ct);
        try
        {
            await using var check = await OpenReadableAsync(files, stored, ct);
            return ImportSummary.From(await importer.RunAsync(kind, check, actor, dryRun: true, approve, stored.FileName, ct));
        }
        catch (XlsxToCsv.UnreadableWorkbookException e)
        {
            return ImportSummary.Problem(e.Message);
        }
    }

    /// <summary>Whether a failed run's upload is still kept, so that it can be checked again.</summary>
    public async Task<bool> CanRetryAsync(ImportRun run, CancellationToken ct) =>
        run.State == ImportRunState.Failed && run.UserId is not null && run.Summary.Contains(InterruptedMarker, StringComparison.Ordinal)
        && await files.FindAsync(run.FileId, Purpose, run.UserId, ct) is not null;

    /// <summary>Part of the message of an interrupted run; such a run may be checked again.</summary>
    public const string InterruptedMarker = "Importen blev afbrudt";

    public const string InterruptedMessage =
        InterruptedMarker + ", fordi serveren stoppede, mens den kørte. Intet er ændret: en import gemmes helt eller slet ikke. " +
        "Kør importen igen med «Kontrollér filen igen», så længe filen er gemt, eller indlæs filen på ny.";

    /// <summary>
    /// Marks runs left running by a node that stopped as failed, with the reason. A run is left when its lease has run
    /// out and this node is not applying it; on SQLite, which runs one node, every run this node is not applying is
    /// left, so a restart shows them at once. <paramref name="only"/> limits the sweep to one run (the page being shown).
    /// </summary>
    public static async Task<int> MarkAbandonedAsync(AmmeindsatsDbContext db, LocalImportProgress local, TimeProvider clock, bool singleNode, Guid? only, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var candidates = db.ImportRuns.AsNoTracking().Where(r => r.State == ImportRunState.Running);
        if (only is { } id)
        {
            candidates = candidates.Where(r => r.Id == id);
        }

        var rows = await candidates.Select(r => new { r.Id, r.LeaseUntil, r.CreatedAt }).ToListAsync(ct);
        var json = ImportSummary.Problem(InterruptedMessage).Write();
        var marked = 0;
        foreach (var row in rows)
        {
            if (local.IsHeld(row.Id) || local.Of(row.Id) is not null)
            {
                continue;
            }

            var leaseUntil = row.LeaseUntil ?? row.CreatedAt + ImportRunWorker.Abandoned;
            if (!singleNode && leaseUntil > now)
            {
                continue;
            }

            // Conditional on the lease read above: a node that renewed it meanwhile keeps its run.
            marked += await db.ImportRuns
                .Where(r => r.Id == row.Id && r.State == ImportRunState.Running && r.LeaseUntil == row.LeaseUntil)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ImportRunState.Failed).SetProperty(r => r.Summary, json).SetProperty(r => r.FinishedAt, now).SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null), ct);
        }

        return marked;
    }

    /// <summary>Cancels a checked run: the upload and the run are deleted.</summary>
    public async Task<bool> CancelAsync(Guid id, string userId, CancellationToken ct)
    {
        var run = await db.ImportRuns.FirstOrDefaultAsync(r => r.Id == id && r.UserId == userId && r.State == ImportRunState.Checked, ct);
        if (run is null)
        {
            return false;
        }

        await files.DeleteAsync(run.FileId, ct);
        db.ImportRuns.Remove(run);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// The stored upload as the importers read it: a CSV streamed from the store as uploaded; an Excel workbook (a ZIP
    /// archive, which is read as a whole) its first sheet as CSV.
    /// </summary>
    public static async Task<Stream> OpenReadableAsync(IFileStore files, Data.Platform.StoredFile stored, CancellationToken ct)
    {
        var content = await files.OpenReadAsync(stored, ct);
        if (Path.GetExtension(stored.FileName).ToLowerInvariant() is not (".xlsx" or ".xlsm"))
        {
            return content;
        }

        await using (content)
        {
            var bytes = new byte[stored.Size];
            await content.ReadExactlyAsync(bytes, ct);
            return new MemoryStream(Readable(stored.FileName, bytes), writable: false);
        }
    }

    /// <summary>The file as the importers read it: CSV as uploaded, an Excel workbook's first sheet as CSV.</summary>
    public static byte[] Readable(string fileName, byte[] content) =>
        XlsxToCsv.IsWorkbook(fileName, content) ? XlsxToCsv.Convert(content) : content;

    public IQueryable<ImportRun> ForUser(string userId) =>
        db.ImportRuns.AsNoTracking().Where(r => r.UserId == userId);

    public const string UploadGoneMessage =
        "Filen er slettet, fordi importen ikke blev bekræftet inden for en time. Indlæs filen igen.";

    internal static Task<int> FinishAsync(AmmeindsatsDbContext db, Guid id, ImportRunState state, ImportSummary summary, TimeProvider clock, CancellationToken ct)
    {
        var json = summary.Write();
        var now = clock.GetUtcNow();
        return db.ImportRuns.Where(r => r.Id == id).ExecuteUpdateAsync(
            s => s.SetProperty(r => r.State, state)
                .SetProperty(r => r.Percent, 100)
                .SetProperty(r => r.Summary, json)
                .SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null),
            ct);
    }
}

/// <summary>Whose rights apply to a web import: the uploader's grants, read fresh from the database.</summary>
public static class ImportActors
{
    public static async Task<ImportActor> ForUserAsync(AmmeindsatsDbContext db, string userId, TimeProvider clock, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.Disabled }).FirstOrDefaultAsync(ct);
        var grants = user is null || user.Disabled
            ? []
            : await db.UserGrants.AsNoTracking().Where(g => g.UserId == userId).Select(g => new { g.Role, g.AreaCode }).ToListAsync(ct);
        var hierarchy = new AreaHierarchy(
            await db.Areas.AsNoTracking().ToListAsync(ct),
            await db.AreaMemberships.AsNoTracking().ToListAsync(ct),
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return new ImportActor(new AccessScope(grants.Select(g => (g.Role, g.AreaCode)), hierarchy), user?.Email ?? userId);
    }

    public static bool MayApprove(AccessScope scope) => new ImportActor(scope, string.Empty).MayApproveSomewhere;
}

/// <summary>Confirmed runs waiting for this node's worker. The run's state is in the database; this only wakes the worker.</summary>
/// <summary>
/// The percent of the imports this node is applying, as the importer reports it. The run's row is the shared
/// record; this only fills in while SQLite's single write lock, held by the import's transaction, keeps the row
/// from being updated. SQLite runs one node, so the node that shows the page is the node that imports.
/// </summary>
public sealed class LocalImportProgress
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> _percent = new();

    public void Report(Guid id, int percent) => _percent[id] = percent;

    public void Forget(Guid id) => _percent.TryRemove(id, out _);

    public int? Of(Guid id) => _percent.TryGetValue(id, out var p) ? p : null;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, bool> _held = new();

    /// <summary>This node has taken the run (confirmed here, queued or applying) and renews its lease.</summary>
    public void Hold(Guid id) => _held[id] = true;

    public void Release(Guid id) => _held.TryRemove(id, out _);

    public bool IsHeld(Guid id) => _held.ContainsKey(id);

    public IReadOnlyCollection<Guid> Held => _held.Keys.ToList();
}

public sealed class ImportQueue
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public ValueTask EnqueueAsync(Guid id, CancellationToken ct) => _channel.Writer.WriteAsync(id, ct);

    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}

/// <summary>
/// Applies confirmed imports one at a time in the background. The percentage comes from the bytes the
/// importer has read of the stored file; it is written to the run's row about four times a second.
/// </summary>
public sealed class ImportRunWorker(ImportQueue queue, IServiceScopeFactory scopes, TimeProvider clock, ILogger<ImportRunWorker> log, LocalImportProgress local) : BackgroundService
{
    /// <summary>A running run without a lease (from before leases) is left after this long; imports take seconds to minutes.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromHours(2);

    /// <summary>How long a node holds a run it has taken without renewing it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>How often the held leases are renewed and left runs are looked for.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await SweepAsync(stoppingToken);
        var renewals = RenewLoopAsync(stoppingToken);
        await foreach (var id in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await ApplyAsync(id, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Import run {Run} failed", id);
                try
                {
                    using var scope = scopes.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
                    await ImportRuns.FinishAsync(db, id, ImportRunState.Failed, ImportSummary.Problem("Importen mislykkedes på grund af en fejl i systemet. Intet er ændret. Prøv igen, eller kontakt en administrator."), clock, stoppingToken);
                }
                catch (Exception inner) when (inner is DbException or InvalidOperationException)
                {
                    log.LogError(inner, "Could not mark import run {Run} as failed", id);
                }
            }
            finally
            {
                local.Release(id);
            }
        }

        await renewals;
    }

    /// <summary>Renews the leases of the runs this node holds and marks left runs failed, until the node stops.</summary>
    private async Task RenewLoopAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(RenewEvery, clock, ct);
                await RenewAsync(ct);
                await SweepAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The node is stopping: its leases run out, and another node or the next start marks its runs.
        }
    }

    private async Task RenewAsync(CancellationToken ct)
    {
        var held = local.Held;
        if (held.Count == 0)
        {
            return;
        }

        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
            db.Database.SetCommandTimeout(5);
            var until = clock.GetUtcNow() + Lease;
            await db.ImportRuns.Where(r => held.Contains(r.Id) && r.State == ImportRunState.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseUntil, until), ct);
        }
        catch (DbException ex)
        {
            // On SQLite the import's own transaction may hold the database; one node there, so no other node takes the run.
            log.LogDebug(ex, "Import leases not renewed this time");
        }
    }

    /// <summary>Runs left running by a node that stopped mid-import are shown as failed; their transaction never committed.</summary>
    private async Task SweepAsync(CancellationToken ct)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
            var marked = await ImportRuns.MarkAbandonedAsync(db, local, clock, db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite", null, ct);
            if (marked > 0)
            {
                log.LogWarning("{Count} import runs left by a stopped server are marked as failed", marked);
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            // The database may not be migrated yet on a first start; the next sweep tries again.
            log.LogWarning(ex, "Could not look for abandoned import runs");
        }
    }

    private async Task ApplyAsync(Guid id, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AmmeindsatsDbContext>();
        var run = await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.State == ImportRunState.Running, ct);
        if (run is null || run.UserId is null)
        {
            return;
        }

        var file = await sp.GetRequiredService<IFileStore>().FindAsync(run.FileId, ImportRuns.Purpose, run.UserId, ct);
        if (file is null)
        {
            await ImportRuns.FinishAsync(db, id, ImportRunState.Failed, ImportSummary.Problem(ImportRuns.UploadGoneMessage), clock, ct);
            return;
        }

        var actor = await ImportActors.ForUserAsync(db, run.UserId, clock, ct);

        // The audit entry names the uploader, not the background worker.
        var options = sp.GetRequiredService<DbContextOptions<AmmeindsatsDbContext>>();
        await using var importDb = new AmmeindsatsDbContext(options, new FixedAuditContext(actor.Label, clock, run.UserId));
        var importer = new IndicatorImporter(importDb, clock);
        ImportOutcome outcome;
        await using (var progress = new ProgressWriter(scopes, id, log, sp.GetRequiredService<LocalImportProgress>()))
        {
            await using var content = await ImportRuns.OpenReadableAsync(sp.GetRequiredService<IFileStore>(), file, ct);
            await using var stream = new ProgressStream(content, content.Length, progress.Report);
            outcome = await importer.RunAsync(ImportKinds.Parse(run.Kind) ?? ImportKind.ChildRecords, stream, actor, dryRun: false, run.Approve, run.FileName, ct);
        }

        await ImportRuns.FinishAsync(db, id, outcome.Succeeded ? ImportRunState.Done : ImportRunState.Failed, ImportSummary.From(outcome), clock, ct);
        await sp.GetRequiredService<IFileStore>().DeleteAsync(file.Id, ct);
    }
}

/// <summary>A read-only stream that reports how much of it has been read, in whole percent (at most 99 until the run is finished).</summary>
public sealed class ProgressStream(Stream inner, long length, Action<int> report) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Counted(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Counted(int n)
    {
        _read += n;
        report(length <= 0 ? 99 : (int)Math.Min(99, _read * 100 / length));
        return n;
    }
}

/// <summary>
/// Writes the latest percentage to the run's row from its own connection, a few times a second, so the
/// importer never waits for it. A write that fails (e.g. SQLite busy while the import's transaction holds the
/// database) is skipped; the next one carries the newer figure.
/// </summary>
internal sealed class ProgressWriter : IAsyncDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly Guid _id;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _latest;

    private readonly LocalImportProgress _local;

    public ProgressWriter(IServiceScopeFactory scopes, Guid id, ILogger log, LocalImportProgress local)
    {
        _scopes = scopes;
        _id = id;
        _log = log;
        _local = local;
        _loop = Task.Run(LoopAsync);
    }

    public void Report(int percent)
    {
        Volatile.Write(ref _latest, percent);
        _local.Report(_id, percent);
    }

    public async ValueTask DisposeAsync()
    {
        _local.Forget(_id);
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting or writing: the final state is written by the worker.
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        var written = 0;
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(250, _stop.Token);
            var percent = Volatile.Read(ref _latest);
            if (percent == written)
            {
                continue;
            }

            try
            {
                using var scope = _scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
                db.Database.SetCommandTimeout(1);
                await db.ImportRuns
                    .Where(r => r.Id == _id && r.State == ImportRunState.Running)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Percent, percent), _stop.Token);
                written = percent;
            }
            catch (DbException ex)
            {
                _log.LogDebug(ex, "Progress of import run {Run} not written this time", _id);
            }
        }
    }
}
