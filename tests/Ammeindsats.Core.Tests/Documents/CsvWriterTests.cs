using System.Text;
using Ammeindsats.Core.Documents;

namespace Ammeindsats.Core.Tests.Documents;

public sealed class CsvWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static DocumentTable Table(params IReadOnlyList<object?>[] rows) =>
        new("Amning", ["Kommune", "Antal", "Andel", "Dato", "Note"], rows);

    private byte[] WriteFile(DocumentTable table, CsvDialect dialect)
    {
        var path = _folder.File("tabel.csv");
        using (var file = File.Create(path))
        {
            CsvWriter.Write(file, table, dialect);
        }

        return File.ReadAllBytes(path);
    }

    private static string Utf8(byte[] bytes, int skip = 0) => Encoding.UTF8.GetString(bytes, skip, bytes.Length - skip);

    [Fact]
    public void Excel_starts_with_the_utf8_byte_order_mark()
    {
        var bytes = WriteFile(Table(), CsvDialect.Excel);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'K' }, bytes[..4]);
    }

    [Fact]
    public void OpenData_starts_directly_with_the_first_header()
    {
        var bytes = WriteFile(Table(), CsvDialect.OpenData);

        Assert.Equal((byte)'K', bytes[0]);
    }

    [Fact]
    public void Excel_uses_semicolons_decimal_comma_danish_dates_and_crlf()
    {
        var bytes = WriteFile(Table(["Aarhus", 1234, 51.1, new DateOnly(2023, 3, 21), null]), CsvDialect.Excel);

        Assert.Equal("Kommune;Antal;Andel;Dato;Note\r\nAarhus;1234;51,1;21-03-2023;\r\n", Utf8(bytes, skip: 3));
    }

    [Fact]
    public void OpenData_uses_commas_decimal_point_iso_dates_and_crlf()
    {
        var bytes = WriteFile(Table(["Aarhus", 1234, 51.1, new DateOnly(2023, 3, 21), null]), CsvDialect.OpenData);

        Assert.Equal("Kommune,Antal,Andel,Dato,Note\r\nAarhus,1234,51.1,2023-03-21,\r\n", Utf8(bytes));
    }

    [Fact]
    public void Numbers_keep_their_value_without_thousands_separators()
    {
        var table = new DocumentTable("Tal", ["A", "B", "C", "D", "E"], [[1234567.5, 0.25m, -3.5, 9876543210L, -0.0]]);

        Assert.Equal("A;B;C;D;E\r\n1234567,5;0,25;-3,5;9876543210;0\r\n", Utf8(WriteFile(table, CsvDialect.Excel), skip: 3));
        Assert.Equal("A,B,C,D,E\r\n1234567.5,0.25,-3.5,9876543210,0\r\n", Utf8(WriteFile(table, CsvDialect.OpenData)));
    }

    [Fact]
    public void A_field_with_separator_quote_and_newline_is_quoted_with_doubled_quotes()
    {
        var tricky = "Syd; \"Hvidovre\"\r\nlinje 2";
        var table = new DocumentTable("Noter", ["Id", "Note"], [[1, tricky]]);

        Assert.Equal("Id;Note\r\n1;\"Syd; \"\"Hvidovre\"\"\r\nlinje 2\"\r\n", Utf8(WriteFile(table, CsvDialect.Excel), skip: 3));
        Assert.Equal("Id,Note\r\n1,\"Syd; \"\"Hvidovre\"\"\r\nlinje 2\"\r\n", Utf8(WriteFile(table, CsvDialect.OpenData)));
    }

    [Fact]
    public void A_comma_only_needs_quotes_where_it_is_the_separator()
    {
        var table = new DocumentTable("Noter", ["Sted"], [["Aabenraa, Sønderborg"]]);

        Assert.Equal("Sted\r\nAabenraa, Sønderborg\r\n", Utf8(WriteFile(table, CsvDialect.Excel), skip: 3));
        Assert.Equal("Sted\r\n\"Aabenraa, Sønderborg\"\r\n", Utf8(WriteFile(table, CsvDialect.OpenData)));
    }

    [Theory]
    [InlineData("Excel")]
    [InlineData("OpenData")]
    public void Danish_letters_are_written_as_utf8_and_read_back(string dialectName)
    {
        var dialect = dialectName == "Excel" ? CsvDialect.Excel : CsvDialect.OpenData;
        var table = new DocumentTable("Steder", ["Sted"], [["Ærø Ålborg Sønderø æøå"]]);

        var bytes = WriteFile(table, dialect);
        var skip = dialect.ByteOrderMark ? 3 : 0;

        Assert.Equal("Sted\r\nÆrø Ålborg Sønderø æøå\r\n", Utf8(bytes, skip));
        // æ is two bytes in UTF-8 (C3 A6); Windows-1252 would have written the single byte E6.
        Assert.True(bytes.AsSpan().IndexOf(new byte[] { 0xC3, 0xA6 }) > 0);
        Assert.DoesNotContain((byte)0xE6, bytes);
    }

    [Fact]
    public void Excel_guards_text_that_would_start_a_formula()
    {
        var table = new DocumentTable(
            "Navne",
            ["Navn"],
            [["=HYPERLINK(\"http://x\")"], ["+4512345678"], ["-"], ["@SUM(A1)"], ["\t=1+1"], ["Anne=Mor"], ["=1;2"]]);

        var text = Utf8(WriteFile(table, CsvDialect.Excel), skip: 3);

        Assert.Equal(
            "Navn\r\n"
            + "\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"
            + "'+4512345678\r\n"
            + "'-\r\n"
            + "'@SUM(A1)\r\n"
            + "'\t=1+1\r\n"
            + "Anne=Mor\r\n"
            + "\"'=1;2\"\r\n",
            text);
    }

    [Fact]
    public void Excel_leaves_negative_numbers_as_numbers()
    {
        var table = new DocumentTable("Tal", ["Ændring", "Procent"], [[-5, -2.5]]);

        Assert.Equal("Ændring;Procent\r\n-5;-2,5\r\n", Utf8(WriteFile(table, CsvDialect.Excel), skip: 3));
    }

    [Fact]
    public void OpenData_keeps_text_exactly_as_given()
    {
        var table = new DocumentTable("Navne", ["Navn"], [["=SUM(A1)"], ["-"]]);

        Assert.Equal("Navn\r\n=SUM(A1)\r\n-\r\n", Utf8(WriteFile(table, CsvDialect.OpenData)));
    }

    [Fact]
    public async Task WriteAsync_writes_the_same_bytes_as_Write()
    {
        var table = Table(["Aarhus", 1234, 51.1, new DateOnly(2023, 3, 21), "\"citat\""], ["Ærø", null, null, null, "=1"]);
        var expected = WriteFile(table, CsvDialect.Excel);

        using var stream = new MemoryStream();
        await CsvWriter.WriteAsync(stream, table, CsvDialect.Excel);

        Assert.Equal(expected, stream.ToArray());
    }

    [Fact]
    public void The_stream_is_left_open_for_the_caller()
    {
        using var stream = new MemoryStream();

        CsvWriter.Write(stream, Table(), CsvDialect.OpenData);

        Assert.True(stream.CanWrite);
        Assert.Equal("Kommune,Antal,Andel,Dato,Note\r\n", Utf8(stream.ToArray()));
    }

    [Fact]
    public void The_byte_order_mark_is_written_even_when_the_stream_already_holds_data()
    {
        using var stream = new MemoryStream();
        stream.Write("x"u8);

        CsvWriter.Write(stream, Table(), CsvDialect.Excel);

        Assert.Equal(new byte[] { (byte)'x', 0xEF, 0xBB, 0xBF, (byte)'K' }, stream.ToArray()[..5]);
    }
}
