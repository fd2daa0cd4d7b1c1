using Ammeindsats.Core.Audit;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Data;
using Ammeindsats.Web.Infrastructure.Modules;
using Ammeindsats.Web.Tests.Infrastructure;
using Ammeindsats.Web.Tests.Modules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Ammeindsats.Web.Tests.Audit;

/// <summary>
/// Every table of domain data is audited, and every insert, update and delete of each audited entity writes
/// its audit row: a new module's entity that forgets <see cref="IAudited"/> fails the first test.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AuditCoverageTests(TestApps apps)
{
    // Tables that are not domain data: the audit itself, keys and logs that serve it, platform machinery
    // (outbox, leases, uploads in transit, import progress), Identity's own link tables and Data Protection keys.
    private static readonly HashSet<string> NotDomainData = new(StringComparer.Ordinal)
    {
        nameof(AuditEntry), nameof(PersonalDataKey), nameof(PersonalDataRead), nameof(ImportRun),
        "OutboxMessage", "JobLease", "StoredFile", "StoredFileChunk", "DataProtectionKey",
        "IdentityUserClaim`1", "IdentityUserLogin`1", "IdentityUserToken`1", "IdentityRole", "IdentityUserRole`1", "IdentityRoleClaim`1",
    };

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public void EveryDomainTable_IsAudited(DatabaseProvider provider)
    {
        using var db = apps.Get(provider).NewDbContext();
        var unaudited = db.Model.GetEntityTypes()
            .Where(t => !t.IsOwned() && !typeof(IAudited).IsAssignableFrom(t.ClrType) && !NotDomainData.Contains(t.ClrType.Name))
            .Select(t => t.ClrType.Name)
            .ToList();

        Assert.Empty(unaudited);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task InsertUpdateAndDelete_OfEachAuditedEntity_WriteOneAuditRowEach(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var tag = Guid.NewGuid().ToString("N")[..8];
        // Each module's samples, from its own test folder (IAuditSamples).
        var cases = AuditSamples.All(new AuditSampleContext(tag, DemoUserId(app))).Select(c => (c.Entity, c.Change)).ToList();

        // Every audited entity type of the model has a sample in some module's test folder.
        await using (var db = app.NewDbContext())
        {
            var audited = db.Model.GetEntityTypes().Where(t => typeof(IAudited).IsAssignableFrom(t.ClrType)).Select(t => t.ClrType).ToHashSet();
            Assert.Equal(audited.OrderBy(t => t.Name), cases.Select(c => c.Entity.GetType()).Distinct().OrderBy(t => t.Name));
        }

        foreach (var (entity, change) in cases)
        {
            var name = entity.GetType().Name;
            var before = await MaxAuditIdAsync(app);
            await using (var db = app.NewDbContext())
            {
                db.Add(entity);
                await db.SaveChangesAsync();
            }

            var key = ((IAudited)entity).AuditKey;
            await using (var db = app.NewDbContext())
            {
                db.Attach(entity);
                change(entity);
                await db.SaveChangesAsync();
            }

            await using (var db = app.NewDbContext())
            {
                db.Remove(entity);
                await db.SaveChangesAsync();
            }

            await using var check = app.NewDbContext();
            var rows = await check.AuditEntries.Where(a => a.Id > before && a.Entity == name && a.EntityKey == key).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
            Assert.True(rows.SequenceEqual([AuditActions.Insert, AuditActions.Update, AuditActions.Delete]), $"{name} {key}: {string.Join(", ", rows)}");
        }
    }

    /// <summary>
    /// Every audited entity of the model is owned by a module, which labels it on the history pages and says who may
    /// read its history; and every entity a module labels exists in the model.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public void EveryAuditedEntity_IsLabelledByExactlyTheModules(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        using var db = app.NewDbContext();
        var audited = db.Model.GetEntityTypes().Where(t => typeof(IAudited).IsAssignableFrom(t.ClrType)).Select(t => t.ClrType.Name).Order(StringComparer.Ordinal).ToList();
        var labelled = app.Service<ModuleCatalog>().AuditEntities.Select(e => e.Entity).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(audited, labelled);
        Assert.Contains("IndicatorValue", labelled);
    }

    private static string DemoUserId(TestApp app)
    {
        using var db = app.NewDbContext();
        return db.Users.Where(u => u.Email == DemoUsers.Reader).Select(u => u.Id).Single();
    }

    private static async Task<long> MaxAuditIdAsync(TestApp app)
    {
        await using var db = app.NewDbContext();
        return await db.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0;
    }
}
