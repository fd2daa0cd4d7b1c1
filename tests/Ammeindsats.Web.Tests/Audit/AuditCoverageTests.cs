using Ammeindsats.Core.Access;
using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Audit;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.People;
using Ammeindsats.Data;
using Ammeindsats.Data.Access;
using Ammeindsats.Web.Tests.Infrastructure;
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
        var userId = "audit-" + tag;
        var cases = new List<(object Entity, Action<object> Change)>
        {
            (new Area { Code = "T" + tag, Type = AreaType.HealthCouncil, Name = "Prøveråd " + tag }, e => ((Area)e).Name += " ændret"),
            (new AreaMembership { ChildCode = "751", ParentCode = "1082", ValidFrom = new DateOnly(1990, 1, 1), ValidTo = new DateOnly(1990, 12, 31) }, e => ((AreaMembership)e).Confirmed = false),
            (new AppUser { Id = userId, UserName = tag + "@example.dk", Email = tag + "@example.dk", CreatedAt = DateTimeOffset.UtcNow }, e => ((AppUser)e).DisplayName = "Navn " + tag),
            (new UserGrant { UserId = DemoUserId(app), Role = Role.Reader, AreaCode = null }, e => ((UserGrant)e).AreaCode = "751"),
            (new ApiKey { UserId = DemoUserId(app), Name = "revision-" + tag, Prefix = tag, SecretHash = "hash-" + tag, CreatedAt = DateTimeOffset.UtcNow }, e => ((ApiKey)e).RevokedAt = DateTimeOffset.UtcNow),
            (new Person { Name = "Prøveperson " + tag, AreaCode = "751" }, e => ((Person)e).JobTitle = "Sundhedsplejerske"),
            (new IndicatorDefinition { Code = "proeve-" + tag, NameDa = "Prøve", NameEn = "Trial", Definition = "Til revisionsprøven.", Source = "Prøve", Provider = "test" }, e => ((IndicatorDefinition)e).SortOrder = 99),
            (new IndicatorValue { IndicatorCode = "fuldamning-2uger", AreaCode = "751", Period = "1990", Breakdown = "b-" + tag, Numerator = 1, Denominator = 2, Origin = "manual" }, e => ((IndicatorValue)e).Numerator = 2),
            (new BirthCohort { AreaCode = "751", BirthYear = 1990, Breakdown = "b-" + tag, Counts = "1:1:0", Children = 1, Origin = "manual" }, e => ((BirthCohort)e).Status = ValueStatus.Submitted),
            (new IndicatorTarget { IndicatorCode = "fuldamning-2uger", AreaCode = "751", BaselineYear = 1990, BaselineValue = 50, TargetYear = 1995, TargetValue = 60, Note = tag }, e => ((IndicatorTarget)e).TargetValue = 65),
        };

        // Every audited entity type of the model has a case here.
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
