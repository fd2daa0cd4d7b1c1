using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Ammeindsats.Core.Documents;

/// <summary>
/// Writes tables as an Excel workbook, one sheet per table: bold header row kept in view while scrolling,
/// numbers as numbers and dates as real dates shown dd-mm-yyyy.
/// </summary>
/// <remarks>
/// Sheets are streamed with <see cref="OpenXmlWriter"/> rather than built as an element tree, so a table of
/// 100,000 rows costs a few megabytes of output and little more. Text goes to the shared string table as
/// Excel itself does, which keeps repeated names such as municipalities small. Text in an xlsx cell is never
/// evaluated, so unlike CSV no formula guard is needed here.
/// </remarks>
public static class XlsxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string FileExtension = ".xlsx";

    /// <summary>Excel's limit on sheet name length.</summary>
    internal const int MaxSheetNameLength = 31;

    /// <summary>Excel refuses to open a cell with more characters than this.</summary>
    internal const int MaxCellTextLength = 32_767;

    // Indexes into the cellXfs list written by BuildStylesheet.
    private const uint HeaderStyle = 1;
    private const uint DateStyle = 2;

    // Custom number formats start at 164; lower ids are Excel's built-in ones.
    private const uint DateNumberFormatId = 164;

    // How many rows are looked at to size columns; enough to be representative, cheap for huge tables.
    private const int RowsMeasuredForWidth = 200;

    /// <summary>Writes one sheet per table, named from the table titles, and leaves the stream open.</summary>
    public static void Write(Stream stream, params IReadOnlyList<DocumentTable> tables)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tables);
        if (tables.Count == 0)
        {
            throw new ArgumentException("A workbook needs at least one table.", nameof(tables));
        }

        PackageOutput.Write(stream, output => WritePackage(output, tables));
    }

    /// <summary>
    /// Makes a title a legal sheet name: at most 31 characters, none of [ ] : * ? / \, not starting or
    /// ending with an apostrophe, not blank and not the reserved name History. Slashes, backslashes and
    /// colons become dashes so "2023/24" stays readable; the other forbidden characters are dropped.
    /// </summary>
    internal static string SanitizeSheetName(string title, int position)
    {
        var sb = new StringBuilder(title.Length);
        foreach (var c in title)
        {
            if (c is '/' or '\\' or ':')
            {
                sb.Append('-');
            }
            else if (c is not ('[' or ']' or '*' or '?') && !char.IsControl(c))
            {
                sb.Append(c);
            }
        }

        var name = TrimSheetName(DocumentCell.XmlSafe(sb.ToString()));
        if (name.Length > MaxSheetNameLength)
        {
            name = TrimSheetName(Truncate(name, MaxSheetNameLength));
        }

        return name.Length == 0 || name.Equals("History", StringComparison.OrdinalIgnoreCase)
            ? "Ark" + position.ToString(CultureInfo.InvariantCulture)
            : name;
    }

    /// <summary>Excel compares sheet names without regard to case; clashes get " (2)", " (3)" and so on.</summary>
    internal static IReadOnlyList<string> UniqueSheetNames(IReadOnlyList<DocumentTable> tables)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>(tables.Count);
        for (var i = 0; i < tables.Count; i++)
        {
            var name = SanitizeSheetName(tables[i].Title, i + 1);
            for (var n = 2; !taken.Add(name); n++)
            {
                var suffix = " (" + n.ToString(CultureInfo.InvariantCulture) + ")";
                name = TrimSheetName(Truncate(SanitizeSheetName(tables[i].Title, i + 1), MaxSheetNameLength - suffix.Length)) + suffix;
            }

            names.Add(name);
        }

        return names;
    }

    /// <summary>A1-style column letters: 0 is A, 25 is Z, 26 is AA.</summary>
    internal static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private static string TrimSheetName(string name) => name.Trim().Trim('\'').Trim();

    /// <summary>Cuts to a length without splitting a surrogate pair, which would leave invalid text.</summary>
    private static string Truncate(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        return char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] : text[..length];
    }

    private static void WritePackage(Stream output, IReadOnlyList<DocumentTable> tables)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = BuildStylesheet();

        var strings = new SharedStrings();
        var names = UniqueSheetNames(tables);
        var sheets = new Sheets();
        for (var i = 0; i < tables.Count; i++)
        {
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            WriteSheet(worksheetPart, tables[i], strings, selected: i == 0);
            sheets.Append(new Sheet
            {
                Name = names[i],
                SheetId = (uint)(i + 1),
                Id = workbookPart.GetIdOfPart(worksheetPart),
            });
        }

        strings.WriteTo(workbookPart.AddNewPart<SharedStringTablePart>());
        workbookPart.Workbook = new Workbook(sheets);
    }

    private static void WriteSheet(WorksheetPart part, DocumentTable table, SharedStrings strings, bool selected)
    {
        var columns = table.Headers.Count;
        var columnNames = new string[columns];
        for (var c = 0; c < columns; c++)
        {
            columnNames[c] = ColumnName(c);
        }

        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());

        var lastRow = (table.Rows.Count + 1).ToString(CultureInfo.InvariantCulture);
        writer.WriteElement(new SheetDimension { Reference = "A1:" + columnNames[^1] + lastRow });

        // Freezing the pane below row 1 keeps the headers on screen while scrolling.
        writer.WriteElement(new SheetViews(
            new SheetView(
                new Pane
                {
                    VerticalSplit = 1D,
                    TopLeftCell = "A2",
                    ActivePane = PaneValues.BottomLeft,
                    State = PaneStateValues.Frozen,
                },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
            {
                TabSelected = selected,
                WorkbookViewId = 0U,
            }));

        writer.WriteElement(BuildColumns(table));

        writer.WriteStartElement(new SheetData());
        var row = new Row();
        var cell = new Cell();
        var value = new CellValue();
        var rowAttributes = new List<OpenXmlAttribute>(1);
        var cellAttributes = new List<OpenXmlAttribute>(3);

        void WriteRow<T>(int rowIndex, IReadOnlyList<T> cells, bool header)
        {
            var rowNumber = (rowIndex + 1).ToString(CultureInfo.InvariantCulture);
            rowAttributes.Clear();
            rowAttributes.Add(new OpenXmlAttribute("r", string.Empty, rowNumber));
            writer.WriteStartElement(row, rowAttributes);
            for (var c = 0; c < columns; c++)
            {
                object? content = cells[c];
                if (content is null)
                {
                    continue;
                }

                cellAttributes.Clear();
                cellAttributes.Add(new OpenXmlAttribute("r", string.Empty, columnNames[c] + rowNumber));
                string text;
                switch (content)
                {
                    case string s:
                        cellAttributes.Add(new OpenXmlAttribute("t", string.Empty, "s"));
                        text = strings.IndexOf(Truncate(DocumentCell.XmlSafe(s), MaxCellTextLength)).ToString(CultureInfo.InvariantCulture);
                        break;
                    case DateOnly date:
                        // A date is the number of days since Excel's epoch; the style makes it show as a date.
                        cellAttributes.Add(new OpenXmlAttribute("s", string.Empty, DateStyle.ToString(CultureInfo.InvariantCulture)));
                        text = date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture);
                        break;
                    default:
                        text = DocumentCell.InvariantNumber(content);
                        break;
                }

                if (header)
                {
                    cellAttributes.Add(new OpenXmlAttribute("s", string.Empty, HeaderStyle.ToString(CultureInfo.InvariantCulture)));
                }

                writer.WriteStartElement(cell, cellAttributes);
                writer.WriteStartElement(value);
                writer.WriteString(text);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        WriteRow(0, table.Headers, header: true);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            WriteRow(r + 1, table.Rows[r], header: false);
        }

        writer.WriteEndElement(); // sheetData
        writer.WriteEndElement(); // worksheet
    }

    /// <summary>Widths from the header and the first rows, so columns open readable without manual resizing.</summary>
    private static Columns BuildColumns(DocumentTable table)
    {
        var columns = new Columns();
        for (var c = 0; c < table.Headers.Count; c++)
        {
            var widest = table.Headers[c].Length + 2; // bold header text is a little wider
            var measured = Math.Min(table.Rows.Count, RowsMeasuredForWidth);
            for (var r = 0; r < measured; r++)
            {
                var length = table.Rows[r][c] switch
                {
                    null => 0,
                    string s => s.Length,
                    DateOnly => 10,
                    var number => DocumentCell.InvariantNumber(number).Length,
                };
                widest = Math.Max(widest, length);
            }

            var index = (uint)(c + 1);
            columns.Append(new Column
            {
                Min = index,
                Max = index,
                Width = Math.Clamp(widest + 2, 8, 60),
                CustomWidth = true,
            });
        }

        return columns;
    }

    private static Stylesheet BuildStylesheet()
    {
        static Font NewFont(bool bold)
        {
            var font = new Font();
            if (bold)
            {
                font.Append(new Bold());
            }

            font.Append(new FontSize { Val = 11D }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 });
            return font;
        }

        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = DateNumberFormatId, FormatCode = "dd-mm-yyyy" }) { Count = 1U },
            new Fonts(NewFont(bold: false), NewFont(bold: true)) { Count = 2U },
            // Excel expects the first two fills to be these two, whatever the workbook uses.
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
            { Count = 2U },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1U },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U },
            new CellFormats(
                new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U },
                new CellFormat { NumberFormatId = 0U, FontId = 1U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyFont = true },
                new CellFormat { NumberFormatId = DateNumberFormatId, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true })
            { Count = 3U },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U });
    }

    /// <summary>The workbook's shared string table, filled while the sheets are written.</summary>
    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
        private readonly List<string> _texts = [];
        private int _references;

        public int IndexOf(string text)
        {
            _references++;
            if (!_indexes.TryGetValue(text, out var index))
            {
                index = _texts.Count;
                _indexes.Add(text, index);
                _texts.Add(text);
            }

            return index;
        }

        public void WriteTo(SharedStringTablePart part)
        {
            using var writer = OpenXmlWriter.Create(part);
            writer.WriteStartElement(new SharedStringTable(), [
                new OpenXmlAttribute("count", string.Empty, _references.ToString(CultureInfo.InvariantCulture)),
                new OpenXmlAttribute("uniqueCount", string.Empty, _texts.Count.ToString(CultureInfo.InvariantCulture)),
            ]);
            foreach (var text in _texts)
            {
                writer.WriteStartElement(new SharedStringItem());
                // Without preserve, readers drop leading and trailing spaces.
                writer.WriteElement(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }
    }
}
