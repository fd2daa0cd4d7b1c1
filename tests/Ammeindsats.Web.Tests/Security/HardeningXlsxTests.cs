using System.IO.Compression;
using System.Text;
using Ammeindsats.Web.Features.Indicators.Import;

namespace Ammeindsats.Web.Tests.Security;

/// <summary>
/// Workbooks built to exhaust memory (a claimed column far out, a claimed row far down, a zip bomb) are refused
/// with a Danish message while the converting thread allocates little; ordinary sheets convert as before.
/// </summary>
public sealed class HardeningXlsxTests
{
    // The old converter allocated gigabytes for each bomb; a refusal costs far less than this.
    private const long AllocationBound = 200L * 1024 * 1024;

    [Fact]
    public void FarColumnCell_IsRefused_InBoundedMemory()
    {
        var workbook = Workbook(Sheet("""<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row r="2"><c r="ZZZZZZ2"><v>1</v></c></row>"""));
        Assert.True(workbook.Length < 2048);

        var message = Refused(workbook);
        Assert.Contains("uden for de 16.384 kolonner", message, StringComparison.Ordinal);
    }

    [Fact]
    public void FarRow_IsRefused_InBoundedMemory()
    {
        var workbook = Workbook(Sheet("""<row r="1"><c r="A1"><v>1</v></c></row><row r="2000000000"><c r="A2000000000"><v>1</v></c></row>"""));
        Assert.True(workbook.Length < 2048);

        var message = Refused(workbook);
        Assert.Contains("række med nummer 2.000.000.000", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZipBomb_IsRefused_InBoundedMemory()
    {
        // About 200 MB of rows that deflate to well under 1 MB.
        var workbook = Workbook(sheet =>
        {
            sheet.Write(Encoding.UTF8.GetBytes(SheetStart));
            var row = Encoding.UTF8.GetBytes("""<row><c t="inlineStr"><is><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></is></c></row>""");
            var block = new byte[row.Length * 1000];
            for (var i = 0; i < 1000; i++)
            {
                row.CopyTo(block, i * row.Length);
            }

            long written = 0;
            while (written < 200L * 1024 * 1024)
            {
                sheet.Write(block);
                written += block.Length;
            }

            sheet.Write(Encoding.UTF8.GetBytes(SheetEnd));
        });
        Assert.True(workbook.Length < 1024 * 1024, $"bomb is {workbook.Length} bytes");

        var message = Refused(workbook);
        Assert.Contains("for meget, når den pakkes ud", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZipBomb_WhoseArchiveUnderstatesItsSize_IsStillRefused()
    {
        // The sheet says it unpacks to 1 KB; the bytes actually unpacked are what count.
        var sheetXml = Sheet(string.Concat(Enumerable.Repeat("""<row><c t="inlineStr"><is><t>bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb</t></is></c></row>""", 200_000)));
        var workbook = Understate(Workbook(sheetXml), "xl/worksheets/sheet1.xml", 1024);

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var refusal = Assert.Throws<XlsxToCsv.UnreadableWorkbookException>(() => XlsxToCsv.Convert(workbook, new XlsxToCsv.Limits(4 * 1024 * 1024, 64 * 1024 * 1024, 1_048_576, 16_384)));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < AllocationBound);
        Assert.StartsWith("Excel-filen", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyRowsOfPaddedColumns_StopAtTheCsvCap()
    {
        // Every row claims column XFD: under Excel's limits, but 16,384 fields a row soon outgrow the cap.
        var rows = string.Concat(Enumerable.Range(1, 5000).Select(r => $"""<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>"""));
        var message = Assert.Throws<XlsxToCsv.UnreadableWorkbookException>(() =>
            XlsxToCsv.Convert(Workbook(Sheet(rows)), new XlsxToCsv.Limits(100L * 1024 * 1024, 1024 * 1024, 1_048_576, 16_384))).Message;
        Assert.Contains("for stort (over 1 MB som CSV)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void OrdinarySheet_KeepsRowNumbersGapsEmptyCellsSharedStringsAndDates()
    {
        // Row 1 header (shared strings), row 2 empty and left out of the file, row 3 with a gap in column B,
        // a date cell (style 1 = numFmt 14) and a self-closing row 4; row 6 after a gap. Hand-written expectation.
        const string sheet = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
            <row r="3"><c r="A3"><v>7</v></c><c r="C3" s="1"><v>39448</v></c></row>
            <row r="4"/>
            <row r="6"><c r="A6" t="inlineStr"><is><t>a,b</t></is></c><c r="B6" t="b"><v>1</v></c></row>
            """;
        var workbook = Workbook(Sheet(sheet), sharedStrings: ["id", "navn", "dato"], styles: true);

        var csv = Encoding.UTF8.GetString(XlsxToCsv.Convert(workbook));

        Assert.Equal("id,navn,dato\n\n7,,2008-01-01\n\n\n\"a,b\",true\n", csv);
    }

    private static string Refused(byte[] workbook)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var refusal = Assert.Throws<XlsxToCsv.UnreadableWorkbookException>(() => XlsxToCsv.Convert(workbook));
        var used = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.True(used < AllocationBound, $"allocated {used} bytes");
        return refusal.Message;
    }

    private const string SheetStart = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""";

    private const string SheetEnd = "</sheetData></worksheet>";

    private static string Sheet(string rows) => SheetStart + rows + SheetEnd;

    private static byte[] Workbook(string sheet, string[]? sharedStrings = null, bool styles = false) =>
        Workbook(s => s.Write(Encoding.UTF8.GetBytes(sheet)), sharedStrings, styles);

    /// <summary>A minimal workbook written entry by entry, so a test can make the sheet as large or odd as it likes.</summary>
    private static byte[] Workbook(Action<Stream> writeSheet, string[]? sharedStrings = null, bool styles = false)
    {
        const string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Entry(string name, string text)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                s.Write(Encoding.UTF8.GetBytes(text));
            }

            Entry("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
                <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
                </Types>
                """);
            Entry("_rels/.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Entry("xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            var rels = new StringBuilder($"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>""");
            if (sharedStrings is not null)
            {
                rels.Append($"""<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>""");
                Entry("xl/sharedStrings.xml", $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}">{string.Concat(sharedStrings.Select(s => $"<si><t>{s}</t></si>"))}</sst>""");
            }

            if (styles)
            {
                rels.Append($"""<Relationship Id="rId3" Type="{rel}/styles" Target="styles.xml"/>""");
                Entry("xl/styles.xml", $"""<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{main}"><cellStyleXfs count="2"><xf numFmtId="0"/><xf numFmtId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>""");
            }

            Entry("xl/_rels/workbook.xml.rels", rels.Append("</Relationships>").ToString());
            using var sheetStream = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            writeSheet(sheetStream);
        }

        return buffer.ToArray();
    }

    /// <summary>Rewrites the uncompressed size an archive declares for one entry, in its local header and its central directory record.</summary>
    private static byte[] Understate(byte[] zip, string entryName, uint size)
    {
        var result = (byte[])zip.Clone();
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i + 46 < result.Length; i++)
        {
            var signature = BitConverter.ToUInt32(result, i);
            if (signature == 0x04034b50 && result.AsSpan(i + 30, Math.Min(name.Length, result.Length - i - 30)).SequenceEqual(name))
            {
                BitConverter.TryWriteBytes(result.AsSpan(i + 22, 4), size);
            }
            else if (signature == 0x02014b50 && result.AsSpan(i + 46, Math.Min(name.Length, result.Length - i - 46)).SequenceEqual(name))
            {
                BitConverter.TryWriteBytes(result.AsSpan(i + 24, 4), size);
            }
        }

        return result;
    }
}
