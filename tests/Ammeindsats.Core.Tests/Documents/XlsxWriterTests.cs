using System.Globalization;
using Ammeindsats.Core.Documents;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using MiniExcelLibs;

namespace Ammeindsats.Core.Tests.Documents;

public sealed class XlsxWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static DocumentTable Amning() => new(
        "Amning",
        ["Kommune", "Fødsler", "Andel fuldt ammet", "Opgjort", "Note"],
        [
            ["København", 1234, 51.1, new DateOnly(2023, 3, 21), null],
            ["Ærø", 12, 0.25m, new DateOnly(2024, 1, 1), " indrykket"],
        ]);

    private string WriteFile(params DocumentTable[] tables)
    {
        var path = _folder.File("tabeller.xlsx");
        using var file = File.Create(path);
        XlsxWriter.Write(file, tables);
        return path;
    }

    private static Cell CellAt(SpreadsheetDocument document, string sheetName, string reference)
    {
        var part = SheetPart(document, sheetName);
        return part.Worksheet.Descendants<Cell>().Single(c => c.CellReference?.Value == reference);
    }

    private static WorksheetPart SheetPart(SpreadsheetDocument document, string sheetName)
    {
        var workbookPart = document.WorkbookPart!;
        var sheet = workbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        return (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
    }

    private static string SharedText(SpreadsheetDocument document, Cell cell)
    {
        Assert.Equal(CellValues.SharedString, cell.DataType!.Value);
        var index = int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture);
        return document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(index).InnerText;
    }

    private static CellFormat FormatOf(SpreadsheetDocument document, Cell cell) =>
        document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>()
            .ElementAt((int)cell.StyleIndex!.Value);

    private static string[] SheetNames(SpreadsheetDocument document) =>
        document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToArray();

    [Fact]
    public void The_workbook_passes_the_open_xml_schema_validator()
    {
        using var document = SpreadsheetDocument.Open(WriteFile(Amning(), Amning()), false);

        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document)
            .Select(e => $"{e.Path?.XPath}: {e.Description}");

        Assert.Empty(errors);
    }

    [Fact]
    public void An_independent_reader_sees_names_numbers_and_dates()
    {
        var path = WriteFile(Amning());

        var rows = MiniExcel.Query(path, useHeaderRow: true, sheetName: "Amning")
            .Cast<IDictionary<string, object?>>()
            .ToList();

        Assert.Equal(["Amning"], MiniExcel.GetSheetNames(path));
        Assert.Equal(2, rows.Count);
        Assert.Equal("København", rows[0]["Kommune"]);
        Assert.Equal(1234d, rows[0]["Fødsler"]);
        Assert.Equal(51.1d, rows[0]["Andel fuldt ammet"]);
        Assert.Equal(new DateTime(2023, 3, 21), rows[0]["Opgjort"]);
        Assert.Null(rows[0]["Note"]);
        Assert.Equal("Ærø", rows[1]["Kommune"]);
    }

    [Fact]
    public void Numbers_are_numeric_cells_with_the_exact_value()
    {
        using var document = SpreadsheetDocument.Open(WriteFile(Amning()), false);

        var births = CellAt(document, "Amning", "B2");
        var share = CellAt(document, "Amning", "C2");
        var decimalShare = CellAt(document, "Amning", "C3");

        // No type or type n both mean number; anything else would make Excel treat it as text.
        Assert.True(births.DataType is null || births.DataType.Value == CellValues.Number);
        Assert.True(share.DataType is null || share.DataType.Value == CellValues.Number);
        Assert.Equal("1234", births.CellValue!.Text);
        Assert.Equal(51.1, double.Parse(share.CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Equal(0.25, double.Parse(decimalShare.CellValue!.Text, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Dates_are_serial_numbers_with_a_day_month_year_format()
    {
        using var document = SpreadsheetDocument.Open(WriteFile(Amning()), false);

        var date = CellAt(document, "Amning", "D2");

        // 21 March 2023 is day 45006 counted Excel's way.
        Assert.True(date.DataType is null || date.DataType.Value == CellValues.Number);
        Assert.Equal("45006", date.CellValue!.Text);
        var format = FormatOf(document, date);
        Assert.True(format.ApplyNumberFormat?.Value);
        var numberFormat = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.NumberingFormats!
            .Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == format.NumberFormatId!.Value);
        Assert.Equal("dd-mm-yyyy", numberFormat.FormatCode!.Value);
    }

    [Fact]
    public void The_header_row_is_bold_text_and_body_text_is_not()
    {
        using var document = SpreadsheetDocument.Open(WriteFile(Amning()), false);
        var fonts = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.Fonts!.Elements<Font>().ToArray();

        var header = CellAt(document, "Amning", "C1");
        var body = CellAt(document, "Amning", "A2");

        Assert.Equal("Andel fuldt ammet", SharedText(document, header));
        Assert.NotNull(fonts[(int)FormatOf(document, header).FontId!.Value].Bold);
        Assert.Equal("København", SharedText(document, body));
        Assert.True(body.StyleIndex is null || fonts[(int)FormatOf(document, body).FontId!.Value].Bold is null);
    }

    [Fact]
    public void Text_keeps_danish_letters_and_leading_spaces_and_empty_cells_are_left_out()
    {
        using var document = SpreadsheetDocument.Open(WriteFile(Amning()), false);

        Assert.Equal("Ærø", SharedText(document, CellAt(document, "Amning", "A3")));
        Assert.Equal(" indrykket", SharedText(document, CellAt(document, "Amning", "E3")));
        Assert.DoesNotContain(SheetPart(document, "Amning").Worksheet.Descendants<Cell>(), c => c.CellReference == "E2");
    }

    [Fact]
    public void The_header_row_is_frozen()
    {
        using var document = SpreadsheetDocument.Open(WriteFile(Amning()), false);

        var pane = SheetPart(document, "Amning").Worksheet.Descendants<Pane>().Single();

        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1D, pane.VerticalSplit!.Value);
        Assert.Equal("A2", pane.TopLeftCell!.Value);
        Assert.Null(pane.HorizontalSplit);
    }

    [Fact]
    public void Each_table_becomes_a_sheet_with_a_name_excel_accepts()
    {
        var tables = new[]
        {
            new DocumentTable("Amning 2023/24 [foreløbig]", ["A"], [[1]]),
            new DocumentTable("Udvikling i fuld amning ved 4 måneder efter kommune", ["A"], [[2]]),
            new DocumentTable("'Noter'", ["A"], [[3]]),
            new DocumentTable("a:b\\c*d?e", ["A"], [[4]]),
            new DocumentTable("Data", ["A"], [[5]]),
            new DocumentTable("data", ["A"], [[6]]),
            new DocumentTable("  ", ["A"], [[7]]),
            new DocumentTable("History", ["A"], [[8]]),
        };

        using var document = SpreadsheetDocument.Open(WriteFile(tables), false);

        Assert.Equal(
            [
                "Amning 2023-24 foreløbig",
                "Udvikling i fuld amning ved 4 m",
                "Noter",
                "a-b-cde",
                "Data",
                "data (2)",
                "Ark7",
                "Ark8",
            ],
            SheetNames(document));
        // The sheets keep their own rows in order.
        Assert.Equal("6", CellAt(document, "data (2)", "A2").CellValue!.Text);
    }

    [Fact]
    public void A_clash_on_a_long_name_still_fits_in_31_characters()
    {
        var title = new string('x', 40);

        var names = XlsxWriter.UniqueSheetNames([new DocumentTable(title, ["A"], []), new DocumentTable(title, ["A"], [])]);

        Assert.Equal(new string('x', 31), names[0]);
        Assert.Equal(new string('x', 27) + " (2)", names[1]);
    }

    [Fact]
    public void Truncating_a_sheet_name_does_not_split_a_surrogate_pair()
    {
        var title = new string('x', 30) + "👶";

        Assert.Equal(new string('x', 30), XlsxWriter.SanitizeSheetName(title, 1));
    }

    [Fact]
    public void A_workbook_without_tables_is_refused() =>
        Assert.Throws<ArgumentException>(() => XlsxWriter.Write(new MemoryStream()));

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void Columns_are_lettered_the_excel_way(int index, string expected) =>
        Assert.Equal(expected, XlsxWriter.ColumnName(index));

    [Fact]
    public void Control_characters_in_text_are_dropped_instead_of_breaking_the_file()
    {
        var table = new DocumentTable("Noter", ["Note"], [["før\u0001efter\u000Bslut"]]);

        using var document = SpreadsheetDocument.Open(WriteFile(table), false);

        Assert.Equal("førefterslut", SharedText(document, CellAt(document, "Noter", "A2")));
    }

    [Fact]
    public void A_forward_only_stream_gets_a_complete_workbook()
    {
        using var buffer = new MemoryStream();
        using (var forwardOnly = new ForwardOnlyStream(buffer))
        {
            XlsxWriter.Write(forwardOnly, Amning());
        }

        using var document = SpreadsheetDocument.Open(new MemoryStream(buffer.ToArray()), false);
        Assert.Equal("1234", CellAt(document, "Amning", "B2").CellValue!.Text);
    }

    [Fact]
    public void The_stream_is_left_open_for_the_caller()
    {
        using var stream = new MemoryStream();

        XlsxWriter.Write(stream, Amning());

        Assert.True(stream.CanWrite);
        Assert.True(stream.Length > 0);
    }

    [Fact]
    public void A_hundred_thousand_rows_are_written_and_read_back()
    {
        const int count = 100_000;
        var rows = new List<IReadOnlyList<object?>>(count);
        for (var i = 0; i < count; i++)
        {
            rows.Add([i % 2 == 0 ? "Aarhus" : "Odense", i, i / 4.0, new DateOnly(2020, 1, 1).AddDays(i % 1000)]);
        }

        var path = WriteFile(new DocumentTable("Stort", ["Kommune", "Nr", "Kvart", "Dato"], rows));

        // Read with the forward-only reader; loading 400,000 cells as a tree is not what is being tested.
        using var document = SpreadsheetDocument.Open(path, false);
        using var reader = OpenXmlReader.Create(SheetPart(document, "Stort"));
        var rowCount = 0;
        string? lastQuarter = null;
        while (reader.Read())
        {
            if (reader.ElementType == typeof(Row) && reader.IsStartElement)
            {
                rowCount++;
            }
            else if (reader.ElementType == typeof(Cell) && reader.IsStartElement
                && reader.Attributes.Any(a => a.LocalName == "r" && a.Value == "C100001"))
            {
                lastQuarter = ((Cell)reader.LoadCurrentElement()!).CellValue!.Text;
            }
        }

        Assert.Equal(count + 1, rowCount);
        Assert.Equal("24999.75", lastQuarter);
        // Four headers and two municipality names: repeated text is stored once.
        Assert.Equal(6, document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Count());
    }

    /// <summary>Like a zip entry or a network stream: writes go forward only.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
