using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ammeindsats.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Ammeindsats.Data.Audit;

/// <summary>Turns tracked changes of audited entities into audit rows.</summary>
internal static class AuditTrailWriter
{
    private static readonly HashSet<string> IgnoredProperties =
    [
        "ConcurrencyStamp", "SecurityStamp", "Version", "NormalizedEmail", "NormalizedUserName",
    ];

    // Recorded as changed, never with their value.
    private static readonly HashSet<string> SecretProperties = ["PasswordHash", "TwoFactorSecret"];

    private static readonly string[] IdentityPersonalFields = ["Email", "UserName", "PhoneNumber"];

    // Enums by name ("Reporter"), as the database stores them: a number would change meaning when an enum
    // gains a member, and the audit trail must read the same in ten years.
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    internal sealed record Pending(EntityEntry Entry, string Action, Dictionary<string, object?>? Before);

    public static List<Pending> Capture(ChangeTracker tracker)
    {
        var result = new List<Pending>();
        foreach (var entry in tracker.Entries().Where(e => e.Entity is IAudited))
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    result.Add(new Pending(entry, AuditActions.Insert, null));
                    break;
                case EntityState.Modified:
                    // A change only to stamps (a new security stamp) tells a reader of the trail nothing and would fill it
                    // with empty rows.
                    var changed = entry.Properties
                        .Where(p => p.IsModified && !IgnoredProperties.Contains(p.Metadata.Name) && !Equals(p.OriginalValue, p.CurrentValue))
                        .ToList();
                    if (changed.Count > 0)
                    {
                        result.Add(new Pending(entry, AuditActions.Update, changed.ToDictionary(p => p.Metadata.Name, p => p.OriginalValue)));
                    }

                    break;
                case EntityState.Deleted:
                    result.Add(new Pending(entry, AuditActions.Delete, entry.Properties.ToDictionary(p => p.Metadata.Name, p => p.OriginalValue)));
                    break;
            }
        }

        return result;
    }

    public static async Task<List<AuditEntry>> BuildAsync(AmmeindsatsDbContext db, List<Pending> pending, IAuditContext context, CancellationToken ct)
    {
        var rows = new List<AuditEntry>(pending.Count);
        foreach (var p in pending)
        {
            var entity = p.Entry.Entity;
            var type = entity.GetType();
            var personal = type.GetProperties()
                .Where(pi => pi.GetCustomAttribute<PersonalDataFieldAttribute>() is not null)
                .Select(pi => pi.Name)
                .ToHashSet();
            if (entity is Microsoft.AspNetCore.Identity.IdentityUser)
            {
                // Identity's own fields cannot carry the attribute, but they are as personal as a name.
                personal.UnionWith(IdentityPersonalFields);
            }

            var subject = (entity as IPersonalRecord)?.PersonalDataSubject;
            var key = subject is not null && personal.Count > 0 ? await KeyForAsync(db, subject, context, ct) : null;

            Dictionary<string, object?>? before = p.Before is null ? null : Filter(p.Before, p.Action == AuditActions.Update ? p.Before.Keys : null);
            Dictionary<string, object?>? after = p.Action switch
            {
                AuditActions.Insert => p.Entry.Properties.ToDictionary(x => x.Metadata.Name, x => x.CurrentValue),
                AuditActions.Update => p.Before!.Keys.ToDictionary(k => k, k => p.Entry.Property(k).CurrentValue),
                _ => null,
            };
            after = after is null ? null : Filter(after, null);

            rows.Add(new AuditEntry
            {
                At = context.Now,
                Actor = context.Actor,
                ActorUserId = context.UserId,
                ActorApiKeyId = context.ApiKeyId,
                Entity = type.Name,
                EntityKey = ((IAudited)entity).AuditKey,
                Action = p.Action,
                Before = Serialize(before, personal, key),
                After = Serialize(after, personal, key),
                PersonalDataSubject = key is null ? null : subject,
            });
        }

        return rows;
    }

    private static Dictionary<string, object?> Filter(Dictionary<string, object?> values, IEnumerable<string>? only) =>
        values.Where(kv => !IgnoredProperties.Contains(kv.Key) && (only is null || only.Contains(kv.Key)))
            .ToDictionary(kv => kv.Key, kv => SecretProperties.Contains(kv.Key) && kv.Value is not null ? "***" : kv.Value);

    private static string? Serialize(Dictionary<string, object?>? values, HashSet<string> personal, byte[]? key)
    {
        if (values is null || values.Count == 0)
        {
            return null;
        }

        var output = new Dictionary<string, object?>(values.Count);
        foreach (var (name, value) in values)
        {
            output[name] = personal.Contains(name) && value is string text && key is not null
                ? PersonalDataCipher.Encrypt(key, text)
                : value;
        }

        return JsonSerializer.Serialize(output, Json);
    }

    private static async Task<byte[]> KeyForAsync(AmmeindsatsDbContext db, string subject, IAuditContext context, CancellationToken ct)
    {
        var local = db.PersonalDataKeys.Local.FirstOrDefault(k => k.Subject == subject);
        if (local is not null)
        {
            return local.Key;
        }

        var stored = await db.PersonalDataKeys.FirstOrDefaultAsync(k => k.Subject == subject, ct);
        if (stored is not null)
        {
            return stored.Key;
        }

        var created = new PersonalDataKey { Subject = subject, Key = PersonalDataCipher.NewKey(), CreatedAt = context.Now };
        db.PersonalDataKeys.Add(created);
        return created.Key;
    }
}
