using System.Globalization;
using System.IO.Compression;
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
/// <remarks>
/// A workbook is a ZIP archive of XML that any staff user can upload, so it is read defensively: every part is
/// streamed with <see cref="OpenXmlReader"/> (never loaded as a whole tree), the archive's declared uncompressed
/// size is checked before anything is unpacked and the bytes actually unpacked are counted as they are read,
/// row numbers and cell references beyond Excel's own limits are refused, and the CSV written is capped at the
/// size of a CSV upload. A file over any limit is refused with a message, in bounded memory.
/// </remarks>
public static class XlsxToCsv
{
    public sealed class UnreadableWorkbookException(string message, Exception? inner = null) : Exception(message, inner);

    /// <summary>The limits a workbook is read within. <see cref="Default"/> is what uploads use.</summary>
    public sealed record Limits(long MaxUncompressedBytes, long MaxCsvBytes, int MaxRows, int MaxColumns)
    {
        /// <summary>Excel's own sheet limits (1,048,576 rows, column XFD), 100 MB of XML and a CSV as large as a CSV upload.</summary>
        public static readonly Limits Default = new(100L * 1024 * 1024, IndexModel.MaxFileBytes, 1_048_576, 16_384);
    }

    private const string Unreadable = "Excel-filen kunne ikke læses. Gem den igen i Excel, eller gem den som \"CSV (semikolonsepareret)\".";

    /// <summary>An .xlsx file is a ZIP archive: it starts with "PK".</summary>
    public static bool IsWorkbook(string fileName, ReadOnlySpan<byte> content) =>
        content.Length >= 4 && content[0] == (byte)'P' && content[1] == (byte)'K'
        && Path.GetExtension(fileName).ToLowerInvariant() is ".xlsx" or ".xlsm";

    public static byte[] Convert(byte[] workbook) => Convert(workbook, Limits.Default);

    public static byte[] Convert(byte[] workbook, Limits limits)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentNullException.ThrowIfNull(limits);
        try
        {
            CheckDeclaredSize(workbook, limits);
            var budget = new Budget(limits.MaxUncompressedBytes);
            using var input = new MemoryStream(workbook, writable: false);
            using var document = SpreadsheetDocument.Open(input, false);
            var book = document.WorkbookPart ?? throw new UnreadableWorkbookException("Excel-filen har ingen ark.");
            var sheetId = FirstSheetId(book, budget) ?? throw new UnreadableWorkbookException("Excel-filen har ingen ark.");
            if (book.GetPartById(sheetId) is not WorksheetPart sheet)
            {
                throw new UnreadableWorkbookException("Excel-filen har ingen ark.");
            }

            var strings = book.SharedStringTablePart is { } stringsPart ? SharedStrings(stringsPart, budget) : [];
            var dateStyles = book.WorkbookStylesPart is { } stylesPart ? DateStyles(stylesPart, budget) : [];
            return Sheet(sheet, strings, dateStyles, budget, limits);
        }
        catch (Exception ex) when (Refusal(ex) is { } refusal)
        {
            throw refusal;
        }
        catch (Exception ex) when (ex is not UnreadableWorkbookException and not OutOfMemoryException and not OperationCanceledException)
        {
            throw new UnreadableWorkbookException(Unreadable, ex);
        }
    }

    /// <summary>A refusal thrown inside the XML reader may come out wrapped; this finds it.</summary>
    private static UnreadableWorkbookException? Refusal(Exception ex)
    {
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
        {
            if (e is UnreadableWorkbookException refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private static UnreadableWorkbookException TooLarge(Limits limits) => new(
        $"Excel-filen fylder for meget, når den pakkes ud (over {limits.MaxUncompressedBytes / (1024 * 1024)} MB). "
        + "Gem arket som \"CSV (semikolonsepareret)\", eller del det i flere filer.");

    /// <summary>The sizes the archive declares for its entries, checked before anything is unpacked.</summary>
    private static void CheckDeclaredSize(byte[] workbook, Limits limits)
    {
        using var input = new MemoryStream(workbook, writable: false);
        using var zip = new ZipArchive(input, ZipArchiveMode.Read);
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            total += entry.Length;
            if (entry.Length > limits.MaxUncompressedBytes || total > limits.MaxUncompressedBytes)
            {
                throw TooLarge(limits);
            }
        }
    }

    private static OpenXmlPartReader Reader(OpenXmlPart part, Budget budget) =>
        new OpenXmlPartReader(new CountingStream(part.GetStream(FileMode.Open, FileAccess.Read), budget), part.Features, new OpenXmlPartReaderOptions { CloseStream = true });

    private static string? FirstSheetId(WorkbookPart book, Budget budget)
    {
        using var reader = Reader(book, budget);
        while (reader.Read())
        {
            if (reader.IsStartElement && reader.ElementType == typeof(Sheet))
            {
                return reader.Attributes.FirstOrDefault(a => a.LocalName == "id" && a.NamespaceUri.Length > 0).Value;
            }
        }

        return null;
    }

    private static string[] SharedStrings(SharedStringTablePart part, Budget budget)
    {
        var result = new List<string>();
        using var reader = Reader(part, budget);
        while (reader.Read())
        {
            while (reader.IsStartElement && reader.ElementType == typeof(SharedStringItem))
            {
                // Loading the item moves the reader to what follows it, which may be the next item.
                result.Add(reader.LoadCurrentElement()!.InnerText);
            }
        }

        return [.. result];
    }

    private static byte[] Sheet(WorksheetPart sheet, string[] strings, HashSet<uint> dateStyles, Budget budget, Limits limits)
    {
        using var csv = new MemoryStream();
        var output = new CsvOutput(csv, limits);
        var line = 0;
        var fields = new List<string>();
        using var reader = Reader(sheet, budget);
        var more = reader.Read();
        while (more)
        {
            if (!(reader.IsStartElement && reader.ElementType == typeof(Row)))
            {
                more = reader.Read();
                continue;
            }

            var number = RowNumber(reader, line + 1, limits);
            while (line < number - 1)
            {
                output.EndLine();
                line++;
            }

            fields.Clear();
            more = reader.Read();
            while (more && !(reader.IsEndElement && reader.ElementType == typeof(Row)))
            {
                if (reader.IsStartElement && reader.ElementType == typeof(Cell))
                {
                    var cell = (Cell)reader.LoadCurrentElement()!;
                    var text = Text(cell, strings, dateStyles);
                    var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference, limits) : fields.Count;

                    // Padding costs output, so the output cap also bounds what a claimed column can cost.
                    output.Reserve(Math.Max(column - fields.Count, 0) + text.Length + 1);
                    while (fields.Count < column)
                    {
                        fields.Add(string.Empty);
                    }

                    fields.Add(text);
                    more = !reader.EOF;
                    continue;
                }

                more = reader.Read();
            }

            output.WriteLine(fields);
            line++;
            more = more && reader.Read();
        }

        return csv.ToArray();
    }

    private static int RowNumber(OpenXmlReader reader, int next, Limits limits)
    {
        var attribute = reader.Attributes.FirstOrDefault(a => a.LocalName == "r" && a.NamespaceUri.Length == 0);
        if (attribute.Value is null)
        {
            return next;
        }

        if (!long.TryParse(attribute.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            throw new UnreadableWorkbookException($"Excel-filen har et ugyldigt rækkenummer (\"{Shorten(attribute.Value)}\"). {Unreadable}");
        }

        if (number > limits.MaxRows)
        {
            throw new UnreadableWorkbookException(
                $"Excel-filen har en række med nummer {number.ToString("N0", Danish)}, men et ark kan højst have {limits.MaxRows.ToString("N0", Danish)} rækker. Gem arket igen i Excel, eller gem det som CSV.");
        }

        return (int)number;
    }

    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    private static string Shorten(string value) => value.Length <= 20 ? value : value[..20] + "…";

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
                && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial)
                && serial is > -657435.0 and < 2958466.0)
            {
                return DateTime.FromOADate(serial).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
        }

        return raw;
    }

    /// <summary>The cell formats that show a number as a date: Excel's built-in date formats and custom ones with day and year.</summary>
    private static HashSet<uint> DateStyles(WorkbookStylesPart part, Budget budget)
    {
        var customDates = new HashSet<uint>();
        var formats = new List<uint>();
        var inCellFormats = false;
        using var reader = Reader(part, budget);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(CellFormats))
            {
                inCellFormats = reader.IsStartElement;
            }
            else if (reader.IsStartElement && reader.ElementType == typeof(NumberingFormat))
            {
                var code = Attribute(reader, "formatCode");
                if (code is not null && code.Contains('d', StringComparison.OrdinalIgnoreCase) && code.Contains('y', StringComparison.OrdinalIgnoreCase)
                    && uint.TryParse(Attribute(reader, "numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    customDates.Add(id);
                }
            }
            else if (inCellFormats && reader.IsStartElement && reader.ElementType == typeof(CellFormat))
            {
                formats.Add(uint.TryParse(Attribute(reader, "numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0);
            }
        }

        var result = new HashSet<uint>();
        for (var index = 0; index < formats.Count; index++)
        {
            if (formats[index] is >= 14 and <= 17 or 22 || customDates.Contains(formats[index]))
            {
                result.Add((uint)index);
            }
        }

        return result;
    }

    private static string? Attribute(OpenXmlReader reader, string name) =>
        reader.Attributes.FirstOrDefault(a => a.LocalName == name && a.NamespaceUri.Length == 0).Value;

    /// <summary>The zero-based column of a cell reference such as "B7"; a column beyond the limit is refused, whatever its length.</summary>
    private static int ColumnIndex(string reference, Limits limits)
    {
        long index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
            if (index > limits.MaxColumns)
            {
                throw new UnreadableWorkbookException(
                    $"Excel-filen har en celle ({Shorten(reference)}) uden for de {limits.MaxColumns.ToString("N0", Danish)} kolonner et ark kan have. Gem arket igen i Excel, eller gem det som CSV.");
            }
        }

        return (int)Math.Max(index - 1, 0);
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Writes CSV lines and refuses the workbook when the CSV would outgrow a CSV upload.</summary>
    private sealed class CsvOutput(MemoryStream stream, Limits limits)
    {
        private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
        private long pending;

        /// <summary>Counts bytes of the line being built before they are allocated.</summary>
        public void Reserve(long bytes)
        {
            pending += bytes;
            Check(0);
        }

        public void EndLine()
        {
            Check(1);
            stream.WriteByte((byte)'\n');
        }

        public void WriteLine(List<string> fields)
        {
            var text = string.Join(',', fields.Select(Quote)) + "\n";
            pending = 0;
            Check(Utf8.GetByteCount(text));
            var bytes = Utf8.GetBytes(text);
            stream.Write(bytes);
        }

        private void Check(long adding)
        {
            if (stream.Length + pending + adding > limits.MaxCsvBytes)
            {
                throw new UnreadableWorkbookException(
                    $"Arket i Excel-filen er for stort (over {limits.MaxCsvBytes / (1024 * 1024)} MB som CSV). Del det i flere filer.");
            }
        }
    }

    /// <summary>The bytes all parts of one workbook may unpack to, shared by the streams that read them.</summary>
    private sealed class Budget(long bytes)
    {
        public long Remaining { get; private set; } = bytes;

        public long Limit { get; } = bytes;

        public void Spend(int read)
        {
            Remaining -= read;
            if (Remaining < 0)
            {
                throw new UnreadableWorkbookException(
                    $"Excel-filen fylder for meget, når den pakkes ud (over {Limit / (1024 * 1024)} MB). "
                    + "Gem arket som \"CSV (semikolonsepareret)\", eller del det i flere filer.");
            }
        }
    }

    /// <summary>Counts the unpacked bytes of a part against the workbook's budget, whatever the archive claims.</summary>
    private sealed class CountingStream(Stream inner, Budget budget) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            budget.Spend(read);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
