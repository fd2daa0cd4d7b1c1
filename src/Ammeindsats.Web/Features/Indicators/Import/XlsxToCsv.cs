using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Ammeindsats.Web.Features.Indicators.Import;

/// <summary>
/// Turns the first sheet of an Excel workbook into the CSV text the importers read, so a spreadsheet can be
/// uploaded as it is. Sheet row N becomes file line N, so problems are reported with the row numbers Excel
/// shows. Date cells become yyyy-MM-dd; numbers are written as Excel stores them.
/// </summary>
public static class XlsxToCsv
{
    public sealed class UnreadableWorkbookException(string message, Exception? inner = null) : Exception(message, inner);

    /// <summary>An .xlsx file is a ZIP archive: it starts with "PK".</summary>
    public static bool IsWorkbook(string fileName, ReadOnlySpan<byte> content) =>
        content.Length >= 4 && content[0] == (byte)'P' && content[1] == (byte)'K'
        && Path.GetExtension(fileName).ToLowerInvariant() is ".xlsx" or ".xlsm";

    public static byte[] Convert(byte[] workbook)
    {
        try
        {
            using var input = new MemoryStream(workbook, writable: false);
            using var document = SpreadsheetDocument.Open(input, false);
            var book = document.WorkbookPart ?? throw new UnreadableWorkbookException("Excel-filen har ingen ark.");
            var first = book.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()
                        ?? throw new UnreadableWorkbookException("Excel-filen har ingen ark.");
            var sheet = (WorksheetPart)book.GetPartById(first.Id!.Value!);
            var strings = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
            var dateStyles = DateStyles(book.WorkbookStylesPart?.Stylesheet);

            var csv = new StringBuilder();
            var line = 0;
            foreach (var row in sheet.Worksheet.Descendants<Row>())
            {
                var number = (int)(row.RowIndex?.Value ?? (uint)(line + 1));
                while (line < number - 1)
                {
                    csv.Append('\n');
                    line++;
                }

                var fields = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : fields.Count;
                    while (fields.Count < column)
                    {
                        fields.Add(string.Empty);
                    }

                    fields.Add(Text(cell, strings, dateStyles));
                }

                csv.AppendJoin(',', fields.Select(Quote)).Append('\n');
                line++;
            }

            return Encoding.UTF8.GetBytes(csv.ToString());
        }
        catch (Exception ex) when (ex is not UnreadableWorkbookException and not OutOfMemoryException and not OperationCanceledException)
        {
            throw new UnreadableWorkbookException("Excel-filen kunne ikke læses. Gem den igen i Excel, eller gem den som \"CSV (semikolonsepareret)\".", ex);
        }
    }

    private static string Text(Cell cell, string[] strings, HashSet<uint> dateStyles)
    {
        var raw = cell.CellValue?.Text ?? string.Empty;
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < strings.Length ? strings[i] : string.Empty;
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? string.Empty;
        }

        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "true" : "false";
        }

        if (type is null || type == CellValues.Number)
        {
            if (cell.StyleIndex?.Value is { } style && dateStyles.Contains(style)
                && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial))
            {
                return DateTime.FromOADate(serial).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
        }

        return raw;
    }

    /// <summary>The cell formats that show a number as a date: Excel's built-in date formats and custom ones with day and year.</summary>
    private static HashSet<uint> DateStyles(Stylesheet? styles)
    {
        var result = new HashSet<uint>();
        if (styles?.CellFormats is null)
        {
            return result;
        }

        var customDates = styles.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.FormatCode?.Value is { } code && code.Contains('d', StringComparison.OrdinalIgnoreCase) && code.Contains('y', StringComparison.OrdinalIgnoreCase))
            .Select(f => f.NumberFormatId!.Value)
            .ToHashSet() ?? [];
        uint index = 0;
        foreach (var format in styles.CellFormats.Elements<CellFormat>())
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (id is >= 14 and <= 17 or 22 || customDates.Contains(id))
            {
                result.Add(index);
            }

            index++;
        }

        return result;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index - 1;
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
