using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Ammeindsats.Core.Access;
using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Audit;
using Ammeindsats.Core.Common;
using Ammeindsats.Data;
using Ammeindsats.Data.Audit;
using Ammeindsats.Web.Features.Shared;
using Ammeindsats.Web.Infrastructure.Modules;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.History;

/// <summary>One changed field of an audit row, as text: before → after.</summary>
public sealed record FieldChange(string Field, string Label, string? Before, string? After);

/// <summary>An audit row ready to show: Danish names, decrypted personal fields, formatted values.</summary>
public sealed record AuditRow(
    long Id,
    DateTimeOffset At,
    string Actor,
    string Entity,
    string EntityLabel,
    string EntityKey,
    string Action,
    string ActionLabel,
    IReadOnlyList<FieldChange> Changes,
    string? Summary)
{
    public string ChangesText => string.Join("; ", Changes.Select(c => c.Before is null && c.After is null
        ? c.Label
        : $"{c.Label}: {c.Before ?? "–"} → {c.After ?? "–"}"));
}

/// <summary>
/// Reads audit rows for people: personal fields are decrypted with the subject's key ("[slettet person]"
/// once the key is erased), and each subject whose data is shown in plain text is logged as a read.
/// </summary>
public static class AuditTrailView
{
    public const string Purpose = "revisionsspor";

    private static readonly Dictionary<string, string> ActionNames = new(StringComparer.Ordinal)
    {
        [AuditActions.Insert] = "Oprettet",
        [AuditActions.Update] = "Ændret",
        [AuditActions.Delete] = "Slettet",
        [AuditActions.Bulk] = "Indlæst fra fil",
    };

    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
    {
        ["Name"] = "Navn",
        ["NameEn"] = "Engelsk navn",
        ["Description"] = "Beskrivelse",
        ["Confirmed"] = "Bekræftet",
        ["Active"] = "Aktiv",
        ["Type"] = "Type",
        ["Code"] = "Kode",
        ["ChildCode"] = "Område",
        ["ParentCode"] = "Hører til",
        ["ValidFrom"] = "Gyldig fra",
        ["ValidTo"] = "Gyldig til",
        ["DisplayName"] = "Navn",
        ["Email"] = "E-mail",
        ["UserName"] = "Brugernavn",
        ["EmailConfirmed"] = "E-mail bekræftet",
        ["Disabled"] = "Deaktiveret",
        ["LastLoginAt"] = "Sidste login",
        ["CreatedAt"] = "Oprettet",
        ["LockoutEnd"] = "Låst til",
        ["LockoutEnabled"] = "Kan låses",
        ["AccessFailedCount"] = "Forkerte forsøg",
        ["TwoFactorEnabled"] = "To-faktor",
        ["PhoneNumber"] = "Telefon",
        ["Phone"] = "Telefon",
        ["Organisation"] = "Organisation",
        ["JobTitle"] = "Stilling",
        ["AreaCode"] = "Område",
        ["Role"] = "Rolle",
        ["UserId"] = "Bruger",
        ["RevokedAt"] = "Tilbagekaldt",
        ["LastUsedAt"] = "Sidst brugt",
        ["ErasedAt"] = "Slettet",
        ["IsDemo"] = "Demodata",
        ["IndicatorCode"] = "Indikator",
        ["BaselineYear"] = "Basisår",
        ["BaselineValue"] = "Basisværdi",
        ["TargetYear"] = "Målår",
        ["TargetValue"] = "Målværdi",
        ["Note"] = "Note",
        ["Period"] = "Periode",
        ["Breakdown"] = "Opdeling",
        ["Numerator"] = "Tæller",
        ["Denominator"] = "Nævner",
        ["Status"] = "Status",
        ["BirthYear"] = "Fødselsår",
        ["Counts"] = "Optællinger",
        ["UpdatedAt"] = "Opdateret",
        ["NameDa"] = "Navn",
        ["Definition"] = "Definition",
        ["Unit"] = "Enhed",
        ["Kind"] = "Slags",
    };

    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal) { "Id", "Version", "SecretHash", "Prefix", "AuthenticatorKey" };

    /// <summary>The history page of a record. Keys such as an indicator value's keep their slashes as path segments.</summary>
    public static string HistoryUrl(string entity, string key) =>
        "/historik/" + Uri.EscapeDataString(entity) + "/" + string.Join('/', key.Split('/').Select(Uri.EscapeDataString));

    public static string ActionLabel(string action) => ActionNames.GetValueOrDefault(action, action);

    public static IReadOnlyDictionary<string, string> Actions => ActionNames;

    /// <summary>
    /// Turns rows into text, decrypting what can be decrypted, and logs who read whose data. The record kinds are
    /// labelled by the modules that own them (<see cref="ModuleCatalog.AuditLabel"/>).
    /// </summary>
    public static async Task<List<AuditRow>> ReadAsync(AmmeindsatsDbContext db, ModuleCatalog modules, IReadOnlyList<AuditEntry> entries, string reader, DateTimeOffset now, CancellationToken ct = default)
    {
        var subjects = entries.Where(e => e.PersonalDataSubject is not null).Select(e => e.PersonalDataSubject!).Distinct().ToList();
        var keys = subjects.Count == 0
            ? []
            : await db.PersonalDataKeys.AsNoTracking().Where(k => subjects.Contains(k.Subject)).ToDictionaryAsync(k => k.Subject, k => k.Key, ct);
        var read = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<AuditRow>(entries.Count);
        foreach (var entry in entries)
        {
            var key = entry.PersonalDataSubject is null ? null : keys.GetValueOrDefault(entry.PersonalDataSubject);
            var decrypted = false;
            var before = Parse(entry.Before, key, ref decrypted);
            var after = Parse(entry.After, key, ref decrypted);
            if (decrypted)
            {
                read.Add(entry.PersonalDataSubject!);
            }

            var fields = before.Keys.Concat(after.Keys).Distinct().Where(f => !Hidden.Contains(f));
            var changes = fields
                .Select(f => new FieldChange(f, FieldNames.GetValueOrDefault(f, f), Named(entry.Entity, f, before.GetValueOrDefault(f)), Named(entry.Entity, f, after.GetValueOrDefault(f))))
                .Where(c => c.Before is not null || c.After is not null)
                .ToList();
            var summary = entry.Action == AuditActions.Bulk
                ? string.Join(" ", new[]
                {
                    entry.Summary,
                    entry.CellsChanged is null ? null : $"{DanishFormat.Number(entry.CellsChanged.Value)} celler ændret.",
                    entry.FileSha256 is null ? null : $"Fil (SHA-256): {entry.FileSha256}",
                }.Where(s => !string.IsNullOrEmpty(s)))
                : entry.Summary;
            rows.Add(new AuditRow(entry.Id, entry.At, entry.Actor, entry.Entity, modules.AuditLabel(entry.Entity), entry.EntityKey, entry.Action, ActionLabel(entry.Action), changes, summary));
        }

        if (read.Count > 0)
        {
            db.PersonalDataReads.AddRange(read.Select(s => new PersonalDataRead { At = now, Reader = reader, Subject = s, Purpose = Purpose }));
            await db.SaveChangesAsync(ct);
        }

        return rows;
    }

    // Enums are stored as numbers; roles and area types read better by name.
    private static string? Named(string entity, string field, string? value)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return value;
        }

        return (entity, field) switch
        {
            ("UserGrant", "Role") when Enum.IsDefined((Role)number) => ((Role)number).DanishName(),
            ("Area", "Type") when Enum.IsDefined((AreaType)number) => ((AreaType)number).DanishName(),
            ("IndicatorValue" or "BirthCohort", "Status") when Enum.IsDefined((Core.Indicators.ValueStatus)number) => Indicators.IndicatorView.StatusText((Core.Indicators.ValueStatus)number),
            _ => value,
        };
    }

    private static Dictionary<string, string?> Parse(string? json, byte[]? key, ref bool decrypted)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json))
        {
            return result;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            // Years are whole numbers without a thousands separator (2022, not 2.022).
            result[property.Name] = property.Value.ValueKind == JsonValueKind.Number && property.Name.EndsWith("Year", StringComparison.Ordinal)
                ? property.Value.GetRawText()
                : Format(property.Value, key, ref decrypted);
        }

        return result;
    }

    private static string? Format(JsonElement value, byte[]? key, ref bool decrypted)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return null;
            case JsonValueKind.True:
                return "ja";
            case JsonValueKind.False:
                return "nej";
            case JsonValueKind.Number:
                return value.TryGetInt64(out var whole) ? DanishFormat.Number(whole, 0) : DanishFormat.Number(value.GetDouble(), 2);
            case JsonValueKind.String:
                var text = value.GetString() ?? string.Empty;
                if (PersonalDataCipher.IsEncrypted(text))
                {
                    if (key is null)
                    {
                        return PersonalDataCipher.Erased;
                    }

                    try
                    {
                        var plain = PersonalDataCipher.Decrypt(key, text);
                        decrypted = true;
                        return plain;
                    }
                    catch (Exception ex) when (ex is CryptographicException or FormatException)
                    {
                        return "[kan ikke læses]";
                    }
                }

                if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return DanishFormat.TableDate(date);
                }

                if (text.Length > 10 && text[10] == 'T' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
                {
                    return DanishTime.Table(at);
                }

                return text;
            default:
                return value.GetRawText();
        }
    }
}
