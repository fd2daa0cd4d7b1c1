using System.Globalization;

namespace Ammeindsats.Core.Indicators.Import;

/// <summary>One already-computed indicator value from an aggregated file.</summary>
/// <param name="Row">File line it came from.</param>
/// <param name="Indicator">The indicator code as the app knows it.</param>
/// <param name="AreaCode">The area code as the app knows it (municipality codes without leading zeros).</param>
/// <param name="Breakdown">Empty for the total.</param>
public sealed record AggregatedValue(int Row, string Indicator, string AreaCode, Period Period, string Breakdown, int Numerator, int Denominator);

/// <param name="Problems">Empty when the file was accepted; otherwise <see cref="Values"/> is empty.</param>
/// <param name="RowsRead">Data rows, not counting the header and empty lines.</param>
/// <param name="FileSha256">Of the file's bytes, lowercase hex.</param>
public sealed record AggregatedImportResult(
    IReadOnlyList<ImportProblem> Problems,
    IReadOnlyList<AggregatedValue> Values,
    int RowsRead,
    string FileSha256)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Reads a file of indicator values that someone else has already counted (numerator and
/// denominator per indicator, area, period and breakdown), such as tables from eSundhed. The cell rules are
/// <see cref="IndicatorCellRules"/>, shared with manual entry.
/// </summary>
public sealed class AggregatedValueImporter
{
    private const int Indicator = 0;
    private const int Area = 1;
    private const int PeriodColumn = 2;
    private const int Breakdown = 3;
    private const int Numerator = 4;
    private const int Denominator = 5;

    private static readonly string[] Columns = ["indicator", "area", "period", "breakdown", "numerator", "denominator"];

    private readonly CodeLookup _indicators;
    private readonly CodeLookup _areas;
    private readonly DateOnly? _today;

    /// <param name="indicatorCodes">Known indicator codes.</param>
    /// <param name="areaCodes">Known area codes of every kind: "DK", regions, municipalities, clusters, birth sites.</param>
    /// <param name="today">When given, a period that begins after this date is refused, as on the entry page.</param>
    public AggregatedValueImporter(IEnumerable<string> indicatorCodes, IEnumerable<string> areaCodes, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(indicatorCodes);
        ArgumentNullException.ThrowIfNull(areaCodes);
        _indicators = new CodeLookup(indicatorCodes);
        _areas = new CodeLookup(areaCodes);
        _today = today;
    }

    /// <summary>Reads the whole stream. The stream is left open.</summary>
    public AggregatedImportResult Import(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var reader = new DelimitedFileReader(file, leaveOpen: true);
        var problems = new ImportProblemList();
        var values = new List<AggregatedValue>();
        int rowsRead = 0;
        try
        {
            var header = reader.ReadHeader();
            if (header.Count == 0)
            {
                problems.Add(1, null, "Filen er tom. Første linje skal være overskriften med kolonnernes navne.");
            }
            else if (ColumnMap.Resolve(header, reader.HeaderLine, Columns, problems) is { } columns)
            {
                ReadRows(reader, columns, problems, values, ref rowsRead);
            }
        }
        catch (DelimitedFileException e)
        {
            problems.Add(e.Line, null, e.Message);
        }

        string sha256 = reader.ComputeSha256();
        return problems.Count > 0
            ? new AggregatedImportResult(problems.ToList(), [], rowsRead, sha256)
            : new AggregatedImportResult([], values, rowsRead, sha256);
    }

    private void ReadRows(DelimitedFileReader reader, int[] column, ImportProblemList problems, List<AggregatedValue> values, ref int rowsRead)
    {
        int headerCount = reader.Header.Count;
        var firstRowOfKey = new Dictionary<(string, string, Period, string), int>();
        while (reader.ReadRow())
        {
            int line = reader.LineNumber;
            if (RowChecks.IsBlank(reader))
            {
                continue;
            }

            rowsRead++;
            if (!RowChecks.IsWellFormed(reader, headerCount, line, problems))
            {
                continue;
            }

            bool ok = true;
            string? indicator = null;
            var indicatorText = reader[column[Indicator]];
            if (indicatorText.IsWhiteSpace())
            {
                problems.Add(line, Columns[Indicator], "Indikatoren mangler.");
                ok = false;
            }
            else if (_indicators.TryFind(indicatorText, out int indicatorIndex))
            {
                indicator = _indicators[indicatorIndex];
            }
            else
            {
                problems.Add(line, Columns[Indicator], $"Indikatoren {FieldText.Quote(indicatorText)} findes ikke.");
                ok = false;
            }

            string? area = null;
            var areaText = reader[column[Area]];
            if (areaText.IsWhiteSpace())
            {
                problems.Add(line, Columns[Area], "Området mangler.");
                ok = false;
            }
            else if (_areas.TryFind(areaText, out int areaIndex))
            {
                area = _areas[areaIndex];
            }
            else
            {
                problems.Add(line, Columns[Area],
                    $"Området {FieldText.Quote(areaText)} findes ikke. Brug fx DK, en regionskode (1082), en kommunekode (751) eller et fødesteds id (RM-AUH).");
                ok = false;
            }

            var periodText = reader[column[PeriodColumn]];
            bool periodOk = Period.TryParse(periodText, out var period);
            if (!periodOk)
            {
                problems.Add(line, Columns[PeriodColumn], periodText.IsWhiteSpace()
                    ? "Perioden mangler."
                    : $"Perioden {FieldText.Quote(periodText)} kan ikke læses. Skriv et år (2023), et halvår (2023H1), et kvartal (2023Q2) eller en måned (2023-05).");
                ok = false;
            }
            else if (_today is { } today && IndicatorCellRules.CheckPeriodStarted(period, today) is { } notStarted)
            {
                problems.Add(line, Columns[PeriodColumn], notStarted);
                ok = false;
                periodOk = false;
            }

            var breakdownText = reader[column[Breakdown]].ToString();
            if (!IndicatorCellRules.TryReadBreakdown(breakdownText, out var breakdown))
            {
                problems.Add(line, Columns[Breakdown], IndicatorCellRules.UnknownBreakdownInFile(breakdownText));
                ok = false;
            }

            ok &= TryCount(reader, column[Numerator], Columns[Numerator], "Tælleren", line, problems, out int numerator);
            bool denominatorOk = TryCount(reader, column[Denominator], Columns[Denominator], "Nævneren", line, problems, out int denominator);
            ok &= denominatorOk;
            if (ok && IndicatorCellRules.CheckCounts(numerator, denominator) is { } countProblem)
            {
                problems.Add(line, Columns[Numerator], countProblem);
                ok = false;
            }

            if (indicator is not null && area is not null && periodOk)
            {
                var key = (indicator, area, period, breakdown);
                if (firstRowOfKey.TryGetValue(key, out int firstRow))
                {
                    problems.Add(line, null, string.Create(CultureInfo.InvariantCulture,
                        $"Række {line} har samme indikator, område, periode og opdeling som række {firstRow}. Hver kombination må kun stå én gang."));
                    ok = false;
                }
                else
                {
                    firstRowOfKey.Add(key, line);
                }
            }

            if (ok)
            {
                values.Add(new AggregatedValue(line, indicator!, area!, period, breakdown, numerator, denominator));
            }
        }
    }

    private static bool TryCount(DelimitedFileReader reader, int index, string column, string what, int line, ImportProblemList problems, out int value)
    {
        var text = reader[index];
        if (FieldText.TryParseCount(text, out value))
        {
            return true;
        }

        problems.Add(line, column, text.IsWhiteSpace()
            ? $"{what} mangler."
            : $"{what} skal være et helt tal på 0 eller mere, uden punktum eller komma. Der står {FieldText.Quote(text)}.");
        return false;
    }
}
