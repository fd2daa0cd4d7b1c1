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
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

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

    public DbSet<StoredFileChunk> StoredFileChunks => Set<StoredFileChunk>();

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

    /// <summary>
    /// Inserts new rows of a bulk operation (an import) without change tracking: multi-row INSERT
    /// statements in the current transaction, with column names, value conversions and parameter
    /// syntax taken from the model, so the same code serves SQLite and PostgreSQL. Generated keys are
    /// not read back, and no audit rows are written: the operation's one audit entry comes from
    /// <see cref="SaveBulkAsync"/>. Tracking a few thousand imported rows only to insert them costs
    /// more than reading the file they came from.
    /// </summary>
    public async Task InsertBulkAsync<T>(IReadOnlyList<T> rows, CancellationToken ct = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var entityType = Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .Select(p => new BulkColumn(
                p.GetColumnName(table) ?? throw new InvalidOperationException($"{p.Name} has no column in {table.Name}."),
                p.PropertyInfo ?? throw new NotSupportedException($"{typeof(T).Name}.{p.Name} is not a CLR property."),
                (RelationalTypeMapping)p.GetRelationalTypeMapping(),
                p.IsNullable))
            .ToList();
        var sql = this.GetService<ISqlGenerationHelper>();
        string head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ";

        // SQLite finds each bound parameter by name with a linear search, so one statement with
        // thousands of parameters costs time that grows with the square of their number; a handful of
        // rows a statement, prepared once and run again with new values, is the fast way there.
        // PostgreSQL pays a round trip per statement instead, so there a statement carries many rows
        // (well below its limit of 65,535 parameters).
        bool sqlite = Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";
        int rowsPerStatement = Math.Max(1, (sqlite ? 100 : 4000) / columns.Count);
        var connection = Database.GetDbConnection();
        var transaction = Database.CurrentTransaction?.GetDbTransaction();
        await Database.OpenConnectionAsync(ct);
        System.Data.Common.DbCommand? command = null;
        try
        {
            for (int start = 0; start < rows.Count; start += rowsPerStatement)
            {
                int count = Math.Min(rowsPerStatement, rows.Count - start);
                if (command is null || command.Parameters.Count != count * columns.Count)
                {
                    if (command is not null)
                    {
                        await command.DisposeAsync();
                    }

                    command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = head + string.Join(", ", Enumerable.Range(0, count).Select(r =>
                        "(" + string.Join(", ", columns.Select((_, c) => sql.GenerateParameterNamePlaceholder(ParameterName(r, c)))) + ")"));
                }

                // Parameters are made afresh (the type mapping converts the value on the way), but the
                // statement text stays the same, so the prepared statement is used again.
                command.Parameters.Clear();
                for (int r = 0; r < count; r++)
                {
                    var row = rows[start + r];
                    for (int c = 0; c < columns.Count; c++)
                    {
                        var column = columns[c];
                        command.Parameters.Add(column.Mapping.CreateParameter(
                            command, sql.GenerateParameterName(ParameterName(r, c)), column.Property.GetValue(row), column.Nullable));
                    }
                }

                await command.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }

            await Database.CloseConnectionAsync();
        }

        string ParameterName(int row, int column) =>
            "p" + (row * columns.Count + column).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed record BulkColumn(string Name, System.Reflection.PropertyInfo Property, RelationalTypeMapping Mapping, bool Nullable);
}
