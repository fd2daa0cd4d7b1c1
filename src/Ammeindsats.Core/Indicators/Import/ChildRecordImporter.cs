using System.Globalization;
using Ammeindsats.Core.Common;

namespace Ammeindsats.Core.Indicators.Import;

/// <summary>The breakdowns a child-level file produces.</summary>
public static class ChildBreakdown
{
    /// <summary>Every child.</summary>
    public const string Total = "";

    /// <summary>First-born children (førstegangsfødende mothers).</summary>
    public const string FirstBorn = "parity-1";

    /// <summary>Second and later children.</summary>
    public const string LaterBorn = "parity-2plus";
}

/// <summary>
/// Children of one area, birth year and breakdown, counted by the day their full breastfeeding was
/// last known: <see cref="EndedByDay"/>[d] children stopped after d days, <see cref="CensoredByDay"/>[d]
/// were still fully breastfed when last seen at d days. Both arrays have the same length, one more
/// than the highest day in the cohort.
/// </summary>
public sealed record ChildCohort(string AreaCode, int BirthYear, string Breakdown, int[] EndedByDay, int[] CensoredByDay)
{
    public int Children
    {
        get
        {
            int sum = 0;
            for (int d = 0; d < EndedByDay.Length; d++)
            {
                sum += EndedByDay[d] + CensoredByDay[d];
            }

            return sum;
        }
    }
}

/// <summary>An area's birth year, the unit a new file replaces.</summary>
public readonly record struct AreaYear(string AreaCode, int BirthYear);

/// <param name="Problems">Empty when the file was accepted; otherwise <see cref="Cohorts"/> is empty.</param>
/// <param name="RowsRead">Data rows in the file, not counting the header and empty lines.</param>
/// <param name="DistinctChildren">Children among the rows that could be read.</param>
/// <param name="FileSha256">Of the file's bytes, lowercase hex: the same file uploaded twice has the same value.</param>
/// <param name="AreaYears">Every (area, birth year) that <see cref="Cohorts"/> covers.</param>
public sealed record ChildImportResult(
    IReadOnlyList<ImportProblem> Problems,
    IReadOnlyList<ChildCohort> Cohorts,
    int RowsRead,
    int DistinctChildren,
    string FileSha256,
    IReadOnlySet<AreaYear> AreaYears)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Reads a child-level breastfeeding file (one row per health-visitor record) and counts, per area,
/// birth year and parity, how many children stopped full breastfeeding on each day of age and how
/// many were still fully breastfed when last recorded. Rates at given ages are computed from these
/// counts elsewhere; regions and clusters are summed from their members by the app.
/// </summary>
/// <remarks>
/// One record per child counts, the latest by record_date, as in Den Nationale Børnedatabase.
/// A child without a municipality counts in <see cref="NationalAreaCode"/> only, also as there.
/// </remarks>
public sealed class ChildRecordImporter
{
    public const string NationalAreaCode = "DK";

    /// <summary>Ten years: more is a typing error, and the cap bounds the size of the day arrays.</summary>
    public const int MaxFullBreastfeedingDays = 3650;

    private const int ChildId = 0;
    private const int RecordDate = 1;
    private const int BirthDate = 2;
    private const int MunicipalityCode = 3;
    private const int BirthSite = 4;
    private const int Parity = 5;
    private const int FullDays = 6;
    private const int StillFull = 7;

    private static readonly string[] Columns =
    [
        "child_id", "record_date", "birth_date", "municipality_code", "birth_site", "parity",
        "full_breastfeeding_days", "still_fully_breastfed",
    ];

    private static readonly string[] Breakdowns = [ChildBreakdown.Total, ChildBreakdown.FirstBorn, ChildBreakdown.LaterBorn];

    private readonly CodeLookup _municipalities;
    private readonly CodeLookup _birthSites;

    /// <param name="municipalityCodes">Known municipality codes, e.g. "101", "751".</param>
    /// <param name="birthSiteIds">Known birth-site ids, e.g. "RM-AUH".</param>
    public ChildRecordImporter(IEnumerable<string> municipalityCodes, IEnumerable<string> birthSiteIds)
    {
        ArgumentNullException.ThrowIfNull(municipalityCodes);
        ArgumentNullException.ThrowIfNull(birthSiteIds);
        _municipalities = new CodeLookup(municipalityCodes);
        _birthSites = new CodeLookup(birthSiteIds);
        // Indexes are kept in 16 bits per child.
        if (_municipalities.Count > short.MaxValue || _birthSites.Count > short.MaxValue)
        {
            throw new ArgumentException("Too many codes.");
        }
    }

    /// <summary>Reads the whole stream. The stream is left open.</summary>
    public ChildImportResult Import(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var reader = new DelimitedFileReader(file, leaveOpen: true);
        var problems = new ImportProblemList();
        var table = new ChildTable();
        int rowsRead = 0;
        ImportProblem? rejection = null;
        try
        {
            var header = reader.ReadHeader();
            if (header.Count == 0)
            {
                problems.Add(1, null, "Filen er tom. Første linje skal være overskriften med kolonnernes navne.");
            }
            else if (ColumnMap.Resolve(header, reader.HeaderLine, Columns, problems) is { } columns)
            {
                rejection = ReadRows(reader, columns, problems, table, ref rowsRead);
            }
        }
        catch (DelimitedFileException e)
        {
            problems.Add(e.Line, null, e.Message);
        }

        string sha256 = reader.ComputeSha256();
        if (rejection is not null)
        {
            return new ChildImportResult([rejection], [], rowsRead, 0, sha256, new HashSet<AreaYear>());
        }

        if (problems.Count > 0)
        {
            return new ChildImportResult(problems.ToList(), [], rowsRead, table.Count, sha256, new HashSet<AreaYear>());
        }

        var cohorts = Aggregate(table);
        var areaYears = new HashSet<AreaYear>();
        foreach (var cohort in cohorts)
        {
            areaYears.Add(new AreaYear(cohort.AreaCode, cohort.BirthYear));
        }

        return new ChildImportResult([], cohorts, rowsRead, table.Count, sha256, areaYears);
    }

    /// <summary>Checks every row and offers the good ones to the table. Returns a problem that rejects the whole file.</summary>
    private ImportProblem? ReadRows(DelimitedFileReader reader, int[] column, ImportProblemList problems, ChildTable table, ref int rowsRead)
    {
        int headerCount = reader.Header.Count;
        while (reader.ReadRow())
        {
            int line = reader.LineNumber;
            if (IsBlank(reader))
            {
                // Spreadsheets save emptied rows as a line of delimiters.
                continue;
            }

            rowsRead++;
            if (reader.RowError is { } rowError)
            {
                problems.Add(line, null, rowError);
                continue;
            }

            if (!HasHeaderWidth(reader, headerCount, line, problems))
            {
                continue;
            }

            var childId = reader[column[ChildId]].Trim();
            bool ok = true;
            if (childId.IsEmpty)
            {
                problems.Add(line, Columns[ChildId], "Barnets id mangler.");
                ok = false;
            }
            else if (FieldText.LooksLikeCpr(childId))
            {
                // Stop at once: nothing more of a file with personal identifiers is processed, and
                // the value itself is never repeated back.
                return new ImportProblem(line, Columns[ChildId], string.Create(CultureInfo.InvariantCulture,
                    $"Filen er afvist, fordi kolonnen child_id indeholder noget, der ligner et CPR-nummer (første gang i række {line}). Filen må kun indeholde pseudonymiserede id'er. Erstat CPR-numrene med pseudonymer, og indlæs filen igen."));
            }

            ok &= TryDate(reader, column[RecordDate], Columns[RecordDate], "Registreringsdatoen", line, problems, out var recordDate);
            bool birthOk = TryDate(reader, column[BirthDate], Columns[BirthDate], "Fødselsdatoen", line, problems, out var birthDate);
            ok &= birthOk;
            if (ok && recordDate < birthDate)
            {
                problems.Add(line, Columns[RecordDate], "Registreringsdatoen ligger før barnets fødselsdato.");
                ok = false;
            }

            short municipality = -1;
            var municipalityText = reader[column[MunicipalityCode]];
            if (!municipalityText.IsWhiteSpace())
            {
                if (_municipalities.TryFind(municipalityText, out int index))
                {
                    municipality = (short)index;
                }
                else
                {
                    problems.Add(line, Columns[MunicipalityCode],
                        $"Kommunekoden {FieldText.Quote(municipalityText)} findes ikke. Brug den officielle kommunekode, fx 751 for Aarhus, eller lad feltet stå tomt.");
                    ok = false;
                }
            }

            short birthSite = -1;
            var birthSiteText = reader[column[BirthSite]];
            if (!birthSiteText.IsWhiteSpace())
            {
                if (_birthSites.TryFind(birthSiteText, out int index))
                {
                    birthSite = (short)index;
                }
                else
                {
                    problems.Add(line, Columns[BirthSite],
                        $"Fødestedet {FieldText.Quote(birthSiteText)} findes ikke på listen over fødesteder. Brug fødestedets id, fx RM-AUH, eller lad feltet stå tomt.");
                    ok = false;
                }
            }

            byte parity = 0;
            var parityText = reader[column[Parity]];
            if (!parityText.IsWhiteSpace())
            {
                if (FieldText.TryParseCount(parityText, out int value) && value >= 1)
                {
                    parity = value == 1 ? (byte)1 : (byte)2;
                }
                else
                {
                    problems.Add(line, Columns[Parity],
                        $"Paritet skal være et helt tal på 1 eller mere, eller stå tomt. Der står {FieldText.Quote(parityText)}.");
                    ok = false;
                }
            }

            int days = 0;
            var daysText = reader[column[FullDays]];
            if (daysText.IsWhiteSpace())
            {
                problems.Add(line, Columns[FullDays], "Antal dage med fuld amning mangler.");
                ok = false;
            }
            else if (!FieldText.TryParseCount(daysText, out days))
            {
                problems.Add(line, Columns[FullDays],
                    $"Antal dage med fuld amning skal være et helt tal på 0 eller mere. Der står {FieldText.Quote(daysText)}.");
                ok = false;
            }
            else if (days > MaxFullBreastfeedingDays)
            {
                problems.Add(line, Columns[FullDays], string.Create(CultureInfo.InvariantCulture,
                    $"{DanishFormat.Number(days)} dage med fuld amning er mere end {DanishFormat.Number(MaxFullBreastfeedingDays)} (10 år). Tjek tallet."));
                ok = false;
            }

            var stillText = reader[column[StillFull]];
            if (!FieldText.TryParseYesNo(stillText, out bool still))
            {
                problems.Add(line, Columns[StillFull], stillText.IsWhiteSpace()
                    ? "Det mangler, om barnet stadig er fuldt ammet. Skriv true eller false."
                    : $"Skriv true/false, 1/0 eller ja/nej for, om barnet stadig er fuldt ammet. Der står {FieldText.Quote(stillText)}.");
                ok = false;
            }

            if (ok)
            {
                var (low, high) = ChildIdHash.Of(childId);
                table.Offer(new ChildRecord
                {
                    KeyLow = low,
                    KeyHigh = high,
                    RecordDay = recordDate.DayNumber,
                    BirthYear = (short)birthDate.Year,
                    Municipality = municipality,
                    BirthSite = birthSite,
                    FullDays = (short)days,
                    Parity = parity,
                    StillFull = still,
                });
            }
        }

        return null;
    }

    private static bool TryDate(DelimitedFileReader reader, int index, string column, string what, int line, ImportProblemList problems, out DateOnly date)
    {
        var text = reader[index];
        if (FieldText.TryParseDate(text, out date))
        {
            return true;
        }

        problems.Add(line, column, text.IsWhiteSpace()
            ? $"{what} mangler."
            : $"{what} {FieldText.Quote(text)} er ikke en gyldig dato. Skriv fx 2023-03-21 eller 21-03-2023.");
        return false;
    }

    internal static bool IsBlank(DelimitedFileReader reader)
    {
        // Cheap for real rows: the first field is almost never empty.
        for (int i = 0; i < reader.FieldCount; i++)
        {
            if (!reader[i].IsWhiteSpace())
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A row with fewer fields than the header is cut short, and one with more has usually had a
    /// delimiter typed inside a value, which shifts every later value one column: either way the
    /// values cannot be trusted. Extra empty fields at the end are harmless spreadsheet leftovers.
    /// </summary>
    internal static bool HasHeaderWidth(DelimitedFileReader reader, int headerCount, int line, ImportProblemList problems)
    {
        int count = reader.FieldCount;
        if (count > headerCount)
        {
            for (int i = count - 1; i >= headerCount && reader[i].IsWhiteSpace(); i--)
            {
                count--;
            }
        }

        if (count == headerCount)
        {
            return true;
        }

        string hint = count > headerCount
            ? $" Står der et \"{reader.Delimiter}\" inde i et felt? Så skal feltet stå i anførselstegn."
            : "";
        problems.Add(line, null, string.Create(CultureInfo.InvariantCulture,
            $"Rækken har {count} felter, men overskriften har {headerCount}.{hint}"));
        return false;
    }

    private List<ChildCohort> Aggregate(ChildTable table)
    {
        int areaCount = 1 + _municipalities.Count + _birthSites.Count;
        int firstSite = 1 + _municipalities.Count;
        var years = new Dictionary<int, DayCounts?[]>();
        int currentYear = int.MinValue;
        DayCounts?[] cells = [];
        for (int i = 0; i < table.Count; i++)
        {
            ref var child = ref table[i];
            if (child.BirthYear != currentYear)
            {
                currentYear = child.BirthYear;
                if (!years.TryGetValue(currentYear, out var found))
                {
                    found = new DayCounts?[areaCount * Breakdowns.Length];
                    years.Add(currentYear, found);
                }

                cells = found;
            }

            Count(cells, 0, in child);
            if (child.Municipality >= 0)
            {
                Count(cells, 1 + child.Municipality, in child);
            }

            if (child.BirthSite >= 0)
            {
                Count(cells, firstSite + child.BirthSite, in child);
            }
        }

        var cohorts = new List<ChildCohort>();
        foreach (var (year, yearCells) in years)
        {
            for (int cell = 0; cell < yearCells.Length; cell++)
            {
                if (yearCells[cell] is not { } counts)
                {
                    continue;
                }

                int area = cell / Breakdowns.Length;
                string areaCode = area == 0 ? NationalAreaCode
                    : area < firstSite ? _municipalities[area - 1]
                    : _birthSites[area - firstSite];
                var (ended, censored) = counts.ToArrays();
                cohorts.Add(new ChildCohort(areaCode, year, Breakdowns[cell % Breakdowns.Length], ended, censored));
            }
        }

        cohorts.Sort(static (a, b) =>
        {
            int byArea = string.CompareOrdinal(a.AreaCode, b.AreaCode);
            if (byArea != 0)
            {
                return byArea;
            }

            int byYear = a.BirthYear.CompareTo(b.BirthYear);
            return byYear != 0 ? byYear : string.CompareOrdinal(a.Breakdown, b.Breakdown);
        });
        return cohorts;
    }

    private static void Count(DayCounts?[] cells, int area, in ChildRecord child)
    {
        int first = area * Breakdowns.Length;
        (cells[first] ??= new DayCounts()).Add(child.FullDays, child.StillFull);
        if (child.Parity != 0)
        {
            (cells[first + child.Parity] ??= new DayCounts()).Add(child.FullDays, child.StillFull);
        }
    }

    private sealed class DayCounts
    {
        private int[] _ended = new int[256];
        private int[] _censored = new int[256];
        private int _maxDay = -1;

        public void Add(int day, bool censored)
        {
            if (day >= _ended.Length)
            {
                int size = Math.Min(Math.Max(day + 1, _ended.Length * 2), MaxFullBreastfeedingDays + 1);
                Array.Resize(ref _ended, size);
                Array.Resize(ref _censored, size);
            }

            if (censored)
            {
                _censored[day]++;
            }
            else
            {
                _ended[day]++;
            }

            _maxDay = Math.Max(_maxDay, day);
        }

        public (int[] Ended, int[] Censored) ToArrays() => (_ended[..(_maxDay + 1)], _censored[..(_maxDay + 1)]);
    }
}
