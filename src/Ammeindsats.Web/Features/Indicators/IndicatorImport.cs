using Ammeindsats.Core.Access;
using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Common;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.Indicators.Import;
using Ammeindsats.Core.Workflow;
using Ammeindsats.Data;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Indicators;

public enum ImportKind
{
    ChildRecords,
    IndicatorValues,
}

/// <summary>
/// Whose rights apply to an import: a user's scope, or the installation itself (command line without --as). The
/// rights are the approval workflow's: writing a cell is reporting for its area, approving it is approving there.
/// </summary>
public sealed record ImportActor(AccessScope? Scope, string Label)
{
    private static readonly ApprovalWorkflow Rights = ApprovalWorkflow.Standard();

    public bool IsInstallation => Scope is null;

    public bool MayWrite(string area) => Scope is null || Rights.MayReport(Scope, area);

    public bool MayApprove(string area) => Scope is null || Rights.MayApprove(Scope, area);

    /// <summary>May ask for approval at all: the installation, an administrator, or someone with an approving role somewhere.</summary>
    public bool MayApproveSomewhere => Scope is null || Rights.MayApproveSomewhere(Scope);
}

/// <summary>
/// One cell an import changes, for the user to see before confirming: which cell, its value and status
/// before (empty for a new cell) and after (empty for a removed one).
/// </summary>
public sealed record CellChange(string Area, string AreaName, string Indicator, string Period, string Breakdown, string Before, string After, string StatusBefore, string StatusAfter);

/// <summary>What an import would do (dry run) or did.</summary>
public sealed class ImportOutcome
{
    public List<ImportProblem> Problems { get; } = [];

    public int RowsRead { get; set; }

    public int Children { get; set; }

    public int Inserted { get; set; }

    public int Updated { get; set; }

    public int Deleted { get; set; }

    public int Unchanged { get; set; }

    public string FileSha256 { get; set; } = string.Empty;

    public List<string> Notes { get; } = [];

    /// <summary>The changed cells, each with its value before and after, the first <see cref="MaxChangesListed"/> of them.</summary>
    public List<CellChange> Changes { get; } = [];

    /// <summary>Changed cells beyond <see cref="MaxChangesListed"/>, counted but not listed.</summary>
    public int ChangesNotListed { get; set; }

    public const int MaxChangesListed = 1000;

    public int CellsChanged => Inserted + Updated + Deleted;

    public void AddChange(CellChange change)
    {
        if (Changes.Count < MaxChangesListed)
        {
            Changes.Add(change);
        }
        else
        {
            ChangesNotListed++;
        }
    }

    public bool Succeeded => Problems.Count == 0;

    public string Describe() =>
        $"{Core.Common.DanishFormat.Number(RowsRead)} rækker læst; {Core.Common.DanishFormat.Number(Inserted)} nye, {Core.Common.DanishFormat.Number(Updated)} ændrede, {Core.Common.DanishFormat.Number(Deleted)} fjernede og {Core.Common.DanishFormat.Number(Unchanged)} uændrede celler.";
}

/// <summary>
/// Imports child-level files and aggregated files: checks everything first, reports every problem at once,
/// and then applies the whole file in one transaction or nothing. A file replaces exactly the cells it
/// contains; identical values change nothing; an approved value that would change needs --approve by
/// someone who may approve. The change is one audit entry with the file's SHA-256.
/// </summary>
public sealed class IndicatorImporter(AmmeindsatsDbContext db, TimeProvider clock)
{
    private const int LargeFileRows = 100_000;
    private const int InsertBatch = 500;

    /// <summary>At most this many problems of one kind are listed: more helps nobody.</summary>
    private const int ProblemsListed = 100;

    /// <summary>The one problem reported when the database has no areas yet (migrated before migrate loaded them).</summary>
    public const string AreasMissing = "Områderne er ikke indlæst: kør seed (eller migrate), og importér filen igen. Filens rækker er ikke kontrolleret.";

    public Task<ImportOutcome> RunAsync(ImportKind kind, Stream file, ImportActor actor, bool dryRun, bool approve, string fileName, CancellationToken ct = default) =>
        RunAsync(kind, file, actor, dryRun, approve, fileName, latestRowWins: false, ct);

    /// <param name="latestRowWins">Child-level files: of two records of one child on one date that disagree, the later row counts instead of the file being refused.</param>
    public async Task<ImportOutcome> RunAsync(ImportKind kind, Stream file, ImportActor actor, bool dryRun, bool approve, string fileName, bool latestRowWins, CancellationToken ct = default)
    {
        var outcome = new ImportOutcome();
        if (!await db.Areas.AnyAsync(ct))
        {
            // Without the reference areas every row would fail on its area code: name the missing step instead.
            outcome.Problems.Add(new ImportProblem(0, null, AreasMissing));
            return outcome;
        }

        var status = approve ? ValueStatus.Approved : ValueStatus.Draft;
        var now = clock.GetUtcNow();
        await using var transaction = dryRun ? null : await db.Database.BeginTransactionAsync(ct);

        List<BirthCohort> newCohorts = [];
        if (kind == ImportKind.ChildRecords)
        {
            newCohorts = await PlanChildRecordsAsync(file, actor, approve, status, now, !dryRun, outcome, latestRowWins, ct);
        }
        else
        {
            await PlanIndicatorValuesAsync(file, actor, approve, status, now, outcome, ct);
        }

        if (!outcome.Succeeded || dryRun)
        {
            db.ChangeTracker.Clear();
            return outcome;
        }

        if (outcome.CellsChanged > 0)
        {
            await db.InsertBulkAsync(newCohorts, ct);
            await db.SaveBulkAsync(
                kind == ImportKind.ChildRecords ? nameof(BirthCohort) : nameof(IndicatorValue),
                Path.GetFileName(fileName),
                outcome.FileSha256,
                outcome.CellsChanged,
                $"Import af {Path.GetFileName(fileName)}{(approve ? " (godkendt)" : string.Empty)}: {outcome.Describe()}",
                ct);
        }

        await transaction!.CommitAsync(ct);
        return outcome;
    }

    /// <summary>
    /// Checks the file and works out the change: changed and removed cohorts are attached to the
    /// context; new ones are inserted a batch at a time as they come (when <paramref name="write"/>;
    /// the caller's transaction makes that whole-or-nothing still), and the last batch is returned
    /// for the caller to insert. Holding every new cohort's text until the end would add its size
    /// (about 12 MB for ten years of the whole country) to the import's peak memory.
    /// </summary>
    private async Task<List<BirthCohort>> PlanChildRecordsAsync(Stream file, ImportActor actor, bool approve, ValueStatus status, DateTimeOffset now, bool write, ImportOutcome outcome, bool latestRowWins, CancellationToken ct)
    {
        List<BirthCohort> inserts = [];
        var areas = await db.Areas.AsNoTracking().Select(a => new { a.Code, a.Type }).ToListAsync(ct);
        var importer = new ChildRecordImporter(
            areas.Where(a => a.Type == AreaType.Municipality).Select(a => a.Code),
            areas.Where(a => a.Type == AreaType.BirthSite).Select(a => a.Code),
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
        {
            LatestRowWins = latestRowWins,
        };
        var result = importer.Import(file);
        // Reading a large file leaves its working tables behind (about 50 MB for a million rows, in
        // large-object memory that is only swept by a full collection). Sweeping them now lets the
        // database work below reuse that memory instead of adding to the process's peak.
        if (result.RowsRead >= LargeFileRows)
        {
            GC.Collect();
        }

        outcome.RowsRead = result.RowsRead;
        outcome.Children = result.DistinctChildren;
        outcome.FileSha256 = result.FileSha256;
        if (!result.Succeeded)
        {
            outcome.Problems.AddRange(result.Problems);
            return inserts;
        }

        var cohorts = result.Cohorts.ToList();
        if (!actor.IsInstallation && !actor.MayWrite(AreaCode.Denmark))
        {
            // A regional file does not hold every child in the country, so it must not replace DK's cohorts.
            cohorts.RemoveAll(c => c.AreaCode == AreaCode.Denmark);
            outcome.Notes.Add(
                "Landstallet (DK) er ikke opdateret: det kræver rettigheder for hele landet. En fil fra en del af landet har ikke alle landets børn, " +
                "så DK's tal for årene i filen bliver stående, som de er. De offentlige tal for DK og sammenligningen med landstallet bygger derfor på de hidtidige tal, " +
                "indtil en med rettigheder for hele landet (en administrator) importerer en landsdækkende fil for de samme år.");
        }
        else
        {
            cohorts = await ReconcileNationalAsync(cohorts, areas.Where(a => a.Type == AreaType.Municipality).Select(a => a.Code).ToHashSet(StringComparer.Ordinal), outcome, ct);
        }

        var names = await AreaNamesAsync(ct);
        var forbidden = cohorts.Select(c => c.AreaCode).Distinct().Where(a => !actor.MayWrite(a)).Order(StringComparer.Ordinal).ToList();
        if (forbidden.Count > 0)
        {
            outcome.Problems.Add(new ImportProblem(0, "municipality_code",
                $"Filen har børn fra områder, du ikke har rettigheder til at indberette for: {string.Join(", ", forbidden.Select(a => AreaLabel(names, a)))}. Fjern deres rækker, eller lad en med rettigheder for dem importere filen."));
            return inserts;
        }

        if (approve)
        {
            // Approving through an import is approving: it needs the right to approve every area in the file.
            var unapprovable = cohorts.Select(c => c.AreaCode).Distinct().Where(a => !actor.MayApprove(a)).Order(StringComparer.Ordinal).ToList();
            if (unapprovable.Count > 0)
            {
                outcome.Problems.Add(new ImportProblem(0, "municipality_code",
                    $"Du må ikke godkende tal for {string.Join(", ", unapprovable.Select(a => AreaLabel(names, a)))}. Importér uden «Godkend ved import», så tallene bliver kladder, som en med ret til at godkende for områderne kan godkende."));
                return inserts;
            }
        }

        var years = cohorts.Select(c => c.BirthYear).Distinct().ToList();
        var codes = cohorts.Select(c => c.AreaCode).Distinct().ToList();
        var contained = cohorts.Select(c => (c.AreaCode, c.BirthYear)).ToHashSet();
        // Read without tracking: after an identical file nothing needs tracking at all, and a changed
        // row is attached below before it is changed, so its update still checks and moves its version.
        var existing = (await db.BirthCohorts.AsNoTracking().Where(c => years.Contains(c.BirthYear) && codes.Contains(c.AreaCode)).ToListAsync(ct))
            .Where(c => contained.Contains((c.AreaCode, c.BirthYear)))
            .ToDictionary(c => (c.AreaCode, c.BirthYear, c.Breakdown));
        var refused = new List<string>();
        var origin = "fil:" + result.FileSha256[..16];
        var text = new System.Text.StringBuilder(8192);

        foreach (var cohort in cohorts)
        {
            var counts = EncodeCounts(cohort.EndedByDay, cohort.CensoredByDay, text);
            if (existing.Remove((cohort.AreaCode, cohort.BirthYear, cohort.Breakdown), out var row))
            {
                if (row.Counts == counts)
                {
                    if (approve && row.Status != ValueStatus.Approved)
                    {
                        // The same figures, now approved: the status is the change.
                        outcome.AddChange(CohortChange(names, row.AreaCode, row.BirthYear, row.Breakdown, row.Children, row.Children, row.Status, ValueStatus.Approved));
                        db.BirthCohorts.Attach(row);
                        row.Status = ValueStatus.Approved;
                        row.UpdatedAt = now;
                        row.UpdatedBy = actor.Label;
                        outcome.Updated++;
                    }
                    else
                    {
                        outcome.Unchanged++;
                    }

                    continue;
                }

                if (!CheckApproved(row.Status, row.AuditKey, row.AreaCode, approve, actor, refused))
                {
                    continue;
                }

                outcome.AddChange(CohortChange(names, row.AreaCode, row.BirthYear, row.Breakdown, row.Children, cohort.Children, row.Status, status));
                db.BirthCohorts.Attach(row);
                row.Counts = counts;
                row.Children = cohort.Children;
                row.Status = status;
                row.Origin = origin;
                row.UpdatedAt = now;
                row.UpdatedBy = actor.Label;
                row.IsDemo = false;
                outcome.Updated++;
            }
            else
            {
                outcome.AddChange(CohortChange(names, cohort.AreaCode, cohort.BirthYear, cohort.Breakdown, null, cohort.Children, null, status));
                outcome.Inserted++;
                if (!write)
                {
                    continue;
                }

                if (inserts.Count == InsertBatch)
                {
                    await db.InsertBulkAsync(inserts, ct);
                    inserts.Clear();
                }

                inserts.Add(new BirthCohort
                {
                    AreaCode = cohort.AreaCode,
                    BirthYear = cohort.BirthYear,
                    Breakdown = cohort.Breakdown,
                    Counts = counts,
                    Children = cohort.Children,
                    Status = status,
                    Origin = origin,
                    UpdatedAt = now,
                    UpdatedBy = actor.Label,
                });
            }
        }

        // Breakdowns of a contained area × year that the file no longer has (a parity group with no children).
        foreach (var stale in existing.Values)
        {
            if (CheckApproved(stale.Status, stale.AuditKey, stale.AreaCode, approve, actor, refused))
            {
                outcome.AddChange(CohortChange(names, stale.AreaCode, stale.BirthYear, stale.Breakdown, stale.Children, null, stale.Status, null));
                db.BirthCohorts.Remove(stale);
                outcome.Deleted++;
            }
        }

        AddRefusals(refused, outcome);
        return inserts;
    }

    /// <summary>
    /// A file that does not have every municipality already stored for a birth year does not replace the country's
    /// cohort: the country becomes the stored one with the file's municipalities swapped in (<see cref="NationalCohorts"/>).
    /// </summary>
    private async Task<List<ChildCohort>> ReconcileNationalAsync(List<ChildCohort> cohorts, HashSet<string> municipalities, ImportOutcome outcome, CancellationToken ct)
    {
        var years = cohorts.Select(c => c.BirthYear).Distinct().ToList();
        var stored = (await db.BirthCohorts.AsNoTracking()
                .Where(c => years.Contains(c.BirthYear))
                .Select(c => new { c.AreaCode, c.BirthYear, c.Breakdown, c.Counts })
                .ToListAsync(ct))
            .Where(c => c.AreaCode == AreaCode.Denmark || municipalities.Contains(c.AreaCode))
            .Select(c => new StoredCohort(c.AreaCode, c.BirthYear, c.Breakdown, c.Counts))
            .ToList();
        var reconciled = NationalCohorts.Reconcile(cohorts, stored, municipalities, AreaCode.Denmark);
        if (reconciled.PartialYears.Count > 0)
        {
            var yearsText = string.Join(", ", reconciled.PartialYears);
            outcome.Notes.Add(
                $"Filen har ikke alle de kommuner, der allerede er tal for i {yearsText}. Landstallet (DK) for {(reconciled.PartialYears.Count == 1 ? "året" : "årene")} er derfor ikke erstattet af filens, " +
                "men er det hidtidige landstal med filens kommuner skiftet ind, så DK stadig er summen af alle kommuner plus børnene uden kommune.");
        }

        if (reconciled.UnplacedLeftOut > 0)
        {
            outcome.Notes.Add(
                $"{DanishFormat.Number(reconciled.UnplacedLeftOut)} {(reconciled.UnplacedLeftOut == 1 ? "barn" : "børn")} uden kommune i filen er ikke talt med i DK: en fil fra en del af landet kan ikke vise, om landstallet allerede har dem. Importér en landsdækkende fil for at få dem med.");
        }

        if (reconciled.RebuiltYears.Count > 0)
        {
            outcome.Notes.Add(
                $"Landstallet (DK) for {string.Join(", ", reconciled.RebuiltYears)} passede ikke med kommunernes tal og er lagt sammen på ny af alle kommunerne; børn uden kommune er ikke med, før en landsdækkende fil importeres.");
        }

        return [.. reconciled.Cohorts];
    }

    /// <summary>
    /// The same text as <see cref="DailyCounts.Encode"/>, built in one reused buffer: a million-row
    /// file has thousands of cohorts of a few kilobytes each, and a new growing builder for every
    /// one would allocate several times their size on top of the import's peak.
    /// </summary>
    internal static string EncodeCounts(ReadOnlySpan<int> ended, ReadOnlySpan<int> censored, System.Text.StringBuilder text)
    {
        text.Clear();
        var length = Math.Max(ended.Length, censored.Length);
        Span<char> number = stackalloc char[11];
        for (var day = 0; day < length; day++)
        {
            var e = day < ended.Length ? ended[day] : 0;
            var c = day < censored.Length ? censored[day] : 0;
            if (e == 0 && c == 0)
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(';');
            }

            Append(text, day, number).Append(':');
            Append(text, e, number).Append(':');
            Append(text, c, number);
        }

        return text.ToString();

        static System.Text.StringBuilder Append(System.Text.StringBuilder text, int value, Span<char> number) =>
            text.Append(value.TryFormat(number, out var written, default, System.Globalization.CultureInfo.InvariantCulture)
                ? number[..written]
                : value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task PlanIndicatorValuesAsync(Stream file, ImportActor actor, bool approve, ValueStatus status, DateTimeOffset now, ImportOutcome outcome, CancellationToken ct)
    {
        var indicatorCodes = await db.Indicators.AsNoTracking().Select(i => i.Code).ToListAsync(ct);
        var areaCodes = await db.Areas.AsNoTracking().Select(a => a.Code).ToListAsync(ct);
        // The cell rules of manual entry apply to a file's cells too; a period not yet begun is refused.
        var result = new AggregatedValueImporter(indicatorCodes, areaCodes, DateOnly.FromDateTime(now.UtcDateTime)).Import(file);
        outcome.RowsRead = result.RowsRead;
        outcome.FileSha256 = result.FileSha256;
        if (!result.Succeeded)
        {
            outcome.Problems.AddRange(result.Problems);
            return;
        }

        var names = await AreaNamesAsync(ct);
        foreach (var value in result.Values.Where(v => !actor.MayWrite(v.AreaCode)).Take(ProblemsListed))
        {
            outcome.Problems.Add(new ImportProblem(value.Row, "area", $"Du har ikke rettigheder til at indberette for {AreaLabel(names, value.AreaCode)}."));
        }

        if (approve)
        {
            // Approving through an import is approving: it needs the right to approve every area in the file.
            foreach (var value in result.Values.Where(v => actor.MayWrite(v.AreaCode) && !actor.MayApprove(v.AreaCode)).Take(ProblemsListed))
            {
                outcome.Problems.Add(new ImportProblem(value.Row, "area",
                    $"Du må ikke godkende tal for {AreaLabel(names, value.AreaCode)}. Importér uden «Godkend ved import», så tallene bliver kladder, som en med ret til at godkende for området kan godkende."));
            }
        }

        if (!outcome.Succeeded)
        {
            return;
        }

        var areas = result.Values.Select(v => v.AreaCode).Distinct().ToList();
        var existing = (await db.IndicatorValues.Where(v => areas.Contains(v.AreaCode)).ToListAsync(ct))
            .ToDictionary(v => (v.IndicatorCode, v.AreaCode, v.Period, v.Breakdown));
        var refused = new List<string>();
        var refusedRows = new List<ImportProblem>();
        var origin = "fil:" + result.FileSha256[..16];
        foreach (var value in result.Values)
        {
            var period = value.Period.ToString();
            if (existing.TryGetValue((value.Indicator, value.AreaCode, period, value.Breakdown), out var row))
            {
                if (row.Numerator == value.Numerator && row.Denominator == value.Denominator)
                {
                    if (approve && row.Status != ValueStatus.Approved)
                    {
                        outcome.AddChange(new CellChange(row.AreaCode, names.GetValueOrDefault(row.AreaCode, row.AreaCode), row.IndicatorCode, period, BreakdownText(row.Breakdown),
                            Share(row.Numerator, row.Denominator), Share(row.Numerator, row.Denominator), StatusText(row.Status), StatusText(ValueStatus.Approved)));
                        row.Status = ValueStatus.Approved;
                        row.UpdatedAt = now;
                        row.UpdatedBy = actor.Label;
                        outcome.Updated++;
                    }
                    else
                    {
                        outcome.Unchanged++;
                    }

                    continue;
                }

                if (!CheckApproved(row.Status, row.AuditKey, row.AreaCode, approve, actor, refused))
                {
                    refusedRows.Add(new ImportProblem(value.Row, "numerator",
                        $"{AreaLabel(names, row.AreaCode)}, {row.IndicatorCode}, {period}, {BreakdownText(row.Breakdown)} er godkendt ({Share(row.Numerator, row.Denominator)}) og ville blive ændret til {Share(value.Numerator, value.Denominator)}."));
                    continue;
                }

                outcome.AddChange(new CellChange(row.AreaCode, names.GetValueOrDefault(row.AreaCode, row.AreaCode), row.IndicatorCode, period, BreakdownText(row.Breakdown),
                    Share(row.Numerator, row.Denominator), Share(value.Numerator, value.Denominator), StatusText(row.Status), StatusText(status)));
                row.Numerator = value.Numerator;
                row.Denominator = value.Denominator;
                row.Status = status;
                row.Origin = origin;
                row.UpdatedAt = now;
                row.UpdatedBy = actor.Label;
                row.IsDemo = false;
                outcome.Updated++;
            }
            else
            {
                outcome.AddChange(new CellChange(value.AreaCode, names.GetValueOrDefault(value.AreaCode, value.AreaCode), value.Indicator, period, BreakdownText(value.Breakdown),
                    string.Empty, Share(value.Numerator, value.Denominator), string.Empty, StatusText(status)));
                db.IndicatorValues.Add(new IndicatorValue
                {
                    IndicatorCode = value.Indicator,
                    AreaCode = value.AreaCode,
                    Period = period,
                    Breakdown = value.Breakdown,
                    Numerator = value.Numerator,
                    Denominator = value.Denominator,
                    Status = status,
                    Origin = origin,
                    UpdatedAt = now,
                    UpdatedBy = actor.Label,
                });
                outcome.Inserted++;
            }
        }

        if (refusedRows.Count > 0)
        {
            outcome.Problems.AddRange(refusedRows.Take(ProblemsListed));
            AddRefusals(refused, outcome);
        }
    }

    /// <summary>A birth cohort's change, told by its number of children: the counts by day are too many to show.</summary>
    private static CellChange CohortChange(IReadOnlyDictionary<string, string> names, string area, int year, string breakdown, int? before, int? after, ValueStatus? statusBefore, ValueStatus? statusAfter) =>
        new(area, names.GetValueOrDefault(area, area), "fødselsårgang", year.ToString(System.Globalization.CultureInfo.InvariantCulture), BreakdownText(breakdown),
            before is { } b ? Core.Common.DanishFormat.Number(b) + " børn" : string.Empty,
            after is { } a ? Core.Common.DanishFormat.Number(a) + " børn" : string.Empty,
            statusBefore is { } sb ? StatusText(sb) : string.Empty,
            statusAfter is { } sa ? StatusText(sa) : string.Empty);

    private static string StatusText(ValueStatus status) => status switch
    {
        ValueStatus.Draft => "Kladde",
        ValueStatus.Submitted => "Indsendt",
        _ => "Godkendt",
    };

    private static string Share(int numerator, int denominator) =>
        denominator > 0
            ? $"{Core.Common.DanishFormat.Number(numerator)}/{Core.Common.DanishFormat.Number(denominator)} ({Core.Common.DanishFormat.Number(100.0 * numerator / denominator)} %)"
            : $"{Core.Common.DanishFormat.Number(numerator)}/{Core.Common.DanishFormat.Number(denominator)}";

    private static string BreakdownText(string breakdown) => breakdown.Length == 0 ? "total" : breakdown;

    private async Task<Dictionary<string, string>> AreaNamesAsync(CancellationToken ct) =>
        await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, ct);

    private static string AreaLabel(IReadOnlyDictionary<string, string> names, string code) =>
        names.TryGetValue(code, out var name) ? $"{name} ({code})" : code;

    private static bool CheckApproved(ValueStatus current, string key, string area, bool approve, ImportActor actor, List<string> refused)
    {
        if (!ApprovalWorkflow.IsLocked(current))
        {
            return true;
        }

        if (approve && actor.MayApprove(area))
        {
            return true;
        }

        refused.Add(key);
        return false;
    }

    private static void AddRefusals(List<string> refused, ImportOutcome outcome)
    {
        if (refused.Count == 0)
        {
            return;
        }

        outcome.Problems.Add(new ImportProblem(0, null,
            $"{refused.Count} godkendte værdier ville blive ændret ({string.Join(", ", refused.Take(10))}{(refused.Count > 10 ? ", …" : string.Empty)}). " +
            "Godkendte værdier ændres kun, når importen samtidig godkender dem: sæt kryds i «Godkend ved import» og indlæs filen igen (på kommandolinjen: --approve). Det kræver ret til at godkende for områderne."));
    }
}
