using System.Globalization;
using System.Runtime.CompilerServices;
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

    private readonly int _latestDay;

    /// <param name="municipalityCodes">Known municipality codes, e.g. "101", "751".</param>
    /// <param name="birthSiteIds">Known birth-site ids, e.g. "RM-AUH".</param>
    /// <param name="today">
    /// The date of the import: a birth or a record after it is refused. One day of slack covers the hour in which
    /// Danish time is a day ahead of UTC. Without it dates are not checked against the calendar.
    /// </param>
    public ChildRecordImporter(IEnumerable<string> municipalityCodes, IEnumerable<string> birthSiteIds, DateOnly? today = null)
    {
        _latestDay = today is { } d ? d.DayNumber + 1 : int.MaxValue;
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

    /// <summary>
    /// Two records of one child with the same record date that disagree: when false (the default) the file is
    /// refused with both rows named; when true the later row counts, as it does when the two agree.
    /// </summary>
    public bool LatestRowWins { get; init; }

    /// <summary>Reads the whole stream. The stream is left open.</summary>
    public ChildImportResult Import(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var reader = new DelimitedFileReader(file, leaveOpen: true);
        var problems = new ImportProblemList();
        // About 60 bytes a row in practice; a wrong guess only costs regrowing the index.
        var table = new ChildTable(file.CanSeek ? (int)Math.Min((file.Length - file.Position) / 60, 1 << 26) : 0, LatestRowWins);
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
                AddConflicts(table.Conflicts, problems);
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

        int children = table.Count;
        var cohorts = Aggregate(table);
        var areaYears = new HashSet<AreaYear>();
        foreach (var cohort in cohorts)
        {
            areaYears.Add(new AreaYear(cohort.AreaCode, cohort.BirthYear));
        }

        return new ChildImportResult([], cohorts, rowsRead, children, sha256, areaYears);
    }

    /// <summary>Checks every row and offers the good ones to the table. Returns a problem that rejects the whole file.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ImportProblem? ReadRows(DelimitedFileReader reader, int[] column, ImportProblemList problems, ChildTable table, ref int rowsRead)
    {
        int headerCount = reader.Header.Count;
        while (reader.ReadRow())
        {
            int line = reader.LineNumber;
            if (RowChecks.IsBlank(reader))
            {
                // Spreadsheets save emptied rows as a line of delimiters.
                continue;
            }

            rowsRead++;
            if (!RowChecks.IsWellFormed(reader, headerCount, line, problems))
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
            if (birthOk && birthDate.DayNumber > _latestDay)
            {
                problems.Add(line, Columns[BirthDate], $"Fødselsdatoen {DanishFormat.TableDate(birthDate)} ligger i fremtiden.");
                ok = false;
            }
            else if (ok && recordDate.DayNumber > _latestDay)
            {
                problems.Add(line, Columns[RecordDate], $"Registreringsdatoen {DanishFormat.TableDate(recordDate)} ligger i fremtiden.");
                ok = false;
            }
            else if (ok && recordDate < birthDate)
            {
                problems.Add(line, Columns[RecordDate], "Registreringsdatoen ligger før barnets fødselsdato.");
                ok = false;
            }

            // The child's age in days at the record: no child is breastfed for longer than it has lived.
            int ageAtRecord = ok ? recordDate.DayNumber - birthDate.DayNumber : int.MaxValue;

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
            else if (days > ageAtRecord)
            {
                problems.Add(line, Columns[FullDays], string.Create(CultureInfo.InvariantCulture,
                    $"{DanishFormat.Number(days)} dage med fuld amning er flere, end barnet var gammelt ved registreringen ({DanishFormat.Number(ageAtRecord)} dage fra fødselsdatoen til registreringsdatoen). Tjek tallet og datoerne."));
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
                    KeyHigh = (uint)high,
                    RecordDay = recordDate.DayNumber,
                    BirthYear = (short)birthDate.Year,
                    Municipality = municipality,
                    BirthSite = birthSite,
                    FullDays = (short)days,
                    Parity = parity,
                    StillFull = still,
                }, line);
            }
        }

        return null;
    }

    private static void AddConflicts(IReadOnlyList<(int Earlier, int Later)> conflicts, ImportProblemList problems)
    {
        foreach (var (earlier, later) in conflicts)
        {
            problems.Add(later, Columns[RecordDate], string.Create(CultureInfo.InvariantCulture,
                $"Række {earlier} og {later} er registreringer af samme barn med samme dato, men de siger noget forskelligt. Ret eller fjern den ene række. (På kommandolinjen lader --latest-row-wins den sidste af to sådanne rækker gælde i hele filen.)"));
        }
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

    /// <summary>
    /// Turns the children into cohorts, one birth year at a time. Each child adds to up to six
    /// cohorts; with every year at once those writes land all over several megabytes of counts, a
    /// cache miss each, while one year's counts (about a megabyte) stay in the cache. So the
    /// children are first sorted by birth year, packed into 8 bytes each, and then counted into one
    /// flat array per year.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<ChildCohort> Aggregate(ChildTable table)
    {
        const int Years = 10_000;
        int cellsPerYear = (1 + _municipalities.Count + _birthSites.Count) * Breakdowns.Length;
        int firstSite = 1 + _municipalities.Count;

        var childrenByYear = new int[Years];
        var maxDayByYear = new int[Years];
        foreach (var chunk in table.Chunks())
        {
            foreach (ref readonly var child in chunk.AsSpan())
            {
                childrenByYear[child.BirthYear]++;
                maxDayByYear[child.BirthYear] = Math.Max(maxDayByYear[child.BirthYear], child.FullDays);
            }
        }

        var next = new int[Years];
        for (int year = 1; year < Years; year++)
        {
            next[year] = next[year - 1] + childrenByYear[year - 1];
        }

        // The table goes as it is repacked: its records and index are free for the counts below.
        var byYear = new ulong[table.Count];
        foreach (var chunk in table.TakeChunks())
        {
            foreach (ref readonly var child in chunk.AsSpan())
            {
                byYear[next[child.BirthYear]++] = Pack(child);
            }
        }

        // One counting array for every year, cleared in between: a new one a year would leave
        // several megabytes of large-object garbage behind.
        int widest = 1;
        foreach (int maxDay in maxDayByYear)
        {
            widest = Math.Max(widest, maxDay + 1);
        }

        var counts = new int[cellsPerYear * 2 * widest];
        var cohorts = new List<ChildCohort>();
        int start = 0;
        for (int year = 0; year < Years; year++)
        {
            int children = childrenByYear[year];
            if (children == 0)
            {
                continue;
            }

            // counts[(cell * 2 + censored) * width + day]
            int width = maxDayByYear[year] + 1;
            Array.Clear(counts, 0, cellsPerYear * 2 * width);
            foreach (ulong packed in byYear.AsSpan(start, children))
            {
                int day = (int)(packed & 0xFFF);
                int censored = (int)(packed >> 12) & 1;
                int parity = (int)(packed >> 13) & 3;
                int municipality = (int)(packed >> 16) & 0xFFFF;
                int site = (int)(packed >> 32) & 0xFFFF;
                int offset = censored * width + day;
                Count(counts, 0, parity, width, offset);
                if (municipality != 0)
                {
                    Count(counts, municipality, parity, width, offset);
                }

                if (site != 0)
                {
                    Count(counts, firstSite + site - 1, parity, width, offset);
                }
            }

            start += children;
            for (int cell = 0; cell < cellsPerYear; cell++)
            {
                var ended = counts.AsSpan(cell * 2 * width, width);
                var censored = counts.AsSpan((cell * 2 + 1) * width, width);
                int length = Math.Max(ended.LastIndexOfAnyExcept(0), censored.LastIndexOfAnyExcept(0)) + 1;
                if (length == 0)
                {
                    continue;
                }

                int area = cell / Breakdowns.Length;
                string areaCode = area == 0 ? NationalAreaCode
                    : area < firstSite ? _municipalities[area - 1]
                    : _birthSites[area - firstSite];
                cohorts.Add(new ChildCohort(areaCode, year, Breakdowns[cell % Breakdowns.Length],
                    ended[..length].ToArray(), censored[..length].ToArray()));
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

    /// <summary>Days (12 bits, up to 4095), censored (1), parity class (2), municipality + 1 (16), birth site + 1 (16).</summary>
    private static ulong Pack(in ChildRecord child) =>
        (ulong)(ushort)child.FullDays
        | (child.StillFull ? 1UL << 12 : 0UL)
        | (ulong)child.Parity << 13
        | (ulong)(ushort)(child.Municipality + 1) << 16
        | (ulong)(ushort)(child.BirthSite + 1) << 32;

    private static void Count(int[] counts, int area, int parity, int width, int offset)
    {
        int cell = area * Breakdowns.Length;
        counts[cell * 2 * width + offset]++;
        if (parity != 0)
        {
            counts[(cell + parity) * 2 * width + offset]++;
        }
    }
}
