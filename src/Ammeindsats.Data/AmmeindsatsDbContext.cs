using Ammeindsats.Core.Access;
using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Audit;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.People;
using Ammeindsats.Data.Access;
using Ammeindsats.Data.Audit;
using Ammeindsats.Data.Platform;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Data;

/// <summary>
/// The one database. Each module adds its tables through an <see cref="IModelContributor"/> in its own
/// folder, so a new module never edits this file beyond its DbSets.
/// </summary>
public class AmmeindsatsDbContext(DbContextOptions<AmmeindsatsDbContext> options, IAuditContext? auditContext = null)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    private readonly IAuditContext _audit = auditContext ?? new FixedAuditContext("system", TimeProvider.System);
    private bool _bulk;

    public DbSet<Area> Areas => Set<Area>();

    public DbSet<AreaMembership> AreaMemberships => Set<AreaMembership>();

    public DbSet<UserGrant> UserGrants => Set<UserGrant>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<PersonalDataKey> PersonalDataKeys => Set<PersonalDataKey>();

    public DbSet<PersonalDataRead> PersonalDataReads => Set<PersonalDataRead>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<IndicatorDefinition> Indicators => Set<IndicatorDefinition>();

    public DbSet<IndicatorValue> IndicatorValues => Set<IndicatorValue>();

    public DbSet<BirthCohort> BirthCohorts => Set<BirthCohort>();

    public DbSet<IndicatorTarget> IndicatorTargets => Set<IndicatorTarget>();

    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<JobLease> JobLeases => Set<JobLease>();

    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();

    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AmmeindsatsDbContext).Assembly);

        // Optimistic concurrency on every editable record, the same way on SQLite and PostgreSQL.
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(IVersioned).IsAssignableFrom(e.ClrType)))
        {
            builder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        }

        // SQLite cannot order or compare DateTimeOffset; store UTC ticks there. PostgreSQL keeps timestamptz.
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties())
                         .Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)))
            {
                property.SetValueConverter(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter());
            }
        }
    }

    public IAuditContext AuditContext => _audit;

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Saves the change and its audit rows in one transaction. Audit rows are built after the first save
    /// so that generated keys are known, and every editable record's version moves on by one.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit trail is append-only: audit rows are never changed or deleted.");
        }

        foreach (var entry in ChangeTracker.Entries<IVersioned>().Where(e => e.State == EntityState.Modified))
        {
            entry.Entity.Version++;
        }

        if (_bulk)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var pending = AuditTrailWriter.Capture(ChangeTracker);
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            var rows = await AuditTrailWriter.BuildAsync(this, pending, _audit, cancellationToken);
            AuditEntries.AddRange(rows);
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return count;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Saves a bulk operation (an import) as one audit entry with the file's SHA-256 and the number of
    /// cells changed, instead of one audit row per cell.
    /// </summary>
    public async Task SaveBulkAsync(string entity, string entityKey, string fileSha256, int cellsChanged, string summary, CancellationToken ct = default)
    {
        AuditEntries.Add(new AuditEntry
        {
            At = _audit.Now,
            Actor = _audit.Actor,
            ActorUserId = _audit.UserId,
            ActorApiKeyId = _audit.ApiKeyId,
            Entity = entity,
            EntityKey = entityKey,
            Action = AuditActions.Bulk,
            FileSha256 = fileSha256,
            CellsChanged = cellsChanged,
            Summary = summary,
        });
        _bulk = true;
        try
        {
            await SaveChangesAsync(ct);
        }
        finally
        {
            _bulk = false;
        }
    }
}
