using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ammeindsats.Core.Indicators.Import;

namespace Ammeindsats.Core.Tests.Indicators.Import;

public class DelimitedFileReaderTests
{
    private static List<(int Line, string[] Fields)> ReadAll(DelimitedFileReader reader)
    {
        var rows = new List<(int, string[])>();
        while (reader.ReadRow())
        {
            var fields = new string[reader.FieldCount];
            for (int i = 0; i < fields.Length; i++)
            {
                fields[i] = reader.GetString(i);
            }

            rows.Add((reader.LineNumber, fields));
        }

        return rows;
    }

    [Fact]
    public void Utf8WithoutBom_CommaFile_ReadsHeaderAndRows()
    {
        using var reader = new DelimitedFileReader(TestFiles.Utf8(TestFiles.Lines("a,b,c", "1,2,3", "x,,z")));

        Assert.Equal(["a", "b", "c"], reader.ReadHeader());
        Assert.Equal(',', reader.Delimiter);
        var rows = ReadAll(reader);

        Assert.Equal(2, rows.Count);
        Assert.Equal([2, 3], rows.Select(r => r.Line));
        Assert.Equal(["1", "2", "3"], rows[0].Fields);
        Assert.Equal(["x", "", "z"], rows[1].Fields);
        Assert.Equal(Encoding.UTF8.WebName, reader.Encoding.WebName);
        Assert.False(reader.HasByteOrderMark);
    }

    [Fact]
    public void Utf8WithBom_BomIsNotPartOfTheFirstColumnName()
    {
        using var reader = new DelimitedFileReader(TestFiles.Utf8WithBom(TestFiles.Lines("navn,by", "Søren,Århus")));

        Assert.Equal("navn", reader.ReadHeader()[0]);
        Assert.True(reader.HasByteOrderMark);
        Assert.True(reader.ReadRow());
        Assert.Equal("Søren", reader.GetString(0));
        Assert.Equal("Århus", reader.GetString(1));
    }

    [Fact]
    public void Windows1252Bytes_AreReadAsDanishLetters()
    {
        // æ, ø and Å are single bytes (E6, F8, C5) in Windows-1252 and invalid as UTF-8.
        using var reader = new DelimitedFileReader(TestFiles.Windows1252(TestFiles.Lines("navn;by", "Søren;Århus", "Mæhle;Ærø")));

        reader.ReadHeader();
        var rows = ReadAll(reader);

        Assert.Equal(';', reader.Delimiter);
        Assert.Equal(["Søren", "Århus"], rows[0].Fields);
        Assert.Equal(["Mæhle", "Ærø"], rows[1].Fields);
        Assert.Equal(1252, reader.Encoding.CodePage);
    }

    [Fact]
    public void Windows1252_FirstLetterLateInTheFile_EarlierRowsAreUnchanged()
    {
        // The switch happens at row 3; rows before it were plain ASCII, which reads the same either way.
        using var reader = new DelimitedFileReader(TestFiles.Windows1252(TestFiles.Lines("a;b", "x;y", "ø;å")));

        var rows = ReadAll(reader);

        Assert.Equal(["x", "y"], rows[0].Fields);
        Assert.Equal(["ø", "å"], rows[1].Fields);
    }

    [Fact]
    public void SemicolonHeader_WithCommasInsideQuotes_PicksSemicolon()
    {
        using var reader = new DelimitedFileReader(TestFiles.Utf8(TestFiles.Lines("\"a,b,c\";d", "1,5;2")));

        Assert.Equal(["a,b,c", "d"], reader.ReadHeader());
        Assert.Equal(';', reader.Delimiter);
        Assert.True(reader.ReadRow());
        Assert.Equal("1,5", reader.GetString(0));
    }

    [Fact]
    public void QuotedFields_DelimitersDoubledQuotesAndLineBreaks()
    {
        string text = "id,note,n\r\n"
            + "1,\"Hansen, Jens\",2\r\n"
            + "2,\"sagde \"\"ja\"\"\",3\r\n"
            + "3,\"to\r\nlinjer\",4\r\n"
            + "4,\"\",5\r\n";
        using var reader = new DelimitedFileReader(TestFiles.Utf8(text));
        reader.ReadHeader();

        var rows = ReadAll(reader);

        Assert.Equal(["1", "Hansen, Jens", "2"], rows[0].Fields);
        Assert.Equal(["2", "sagde \"ja\"", "3"], rows[1].Fields);
        Assert.Equal(["3", "to\r\nlinjer", "4"], rows[2].Fields);
        Assert.Equal(["4", "", "5"], rows[3].Fields);
        // Row 3 takes file lines 4 and 5, so the next row starts on line 6.
        Assert.Equal([2, 3, 4, 6], rows.Select(r => r.Line));
    }

    [Fact]
    public void BlankLines_AreSkippedButCounted()
    {
        using var reader = new DelimitedFileReader(TestFiles.Utf8("\n\na,b\r\n1,2\n\n\r\n3,4"));

        Assert.Equal(["a", "b"], reader.ReadHeader());
        Assert.Equal(3, reader.HeaderLine);
        var rows = ReadAll(reader);

        Assert.Equal([4, 7], rows.Select(r => r.Line));
        Assert.Equal(["3", "4"], rows[1].Fields);
    }

    [Fact]
    public void TrailingDelimiterAtEndOfFile_GivesAnEmptyLastField()
    {
        using var reader = new DelimitedFileReader(TestFiles.Utf8("a,b\n1,"));
        reader.ReadHeader();

        Assert.True(reader.ReadRow());
        Assert.Equal(2, reader.FieldCount);
        Assert.Equal("", reader.GetString(1));
        Assert.False(reader.ReadRow());
    }

    [Fact]
    public void TextAfterClosingQuote_IsReportedOnTheRow()
    {
        using var reader = new DelimitedFileReader(TestFiles.Utf8(TestFiles.Lines("a,b", "\"x\"y,1", "2,3")));
        reader.ReadHeader();

        Assert.True(reader.ReadRow());
        Assert.NotNull(reader.RowError);
        Assert.True(reader.ReadRow());
        Assert.Null(reader.RowError);
        Assert.Equal("2", reader.GetString(0));
    }

    [Fact]
    public void QuoteNeverClosed_IsReportedOnTheRow()
    {
        using var reader = new DelimitedFileReader(TestFiles.Utf8("a,b\n1,\"open\n2,3\n"));
        reader.ReadHeader();

        Assert.True(reader.ReadRow());
        Assert.Equal(2, reader.LineNumber);
        Assert.Contains("anførselstegn", reader.RowError, StringComparison.Ordinal);
        Assert.False(reader.ReadRow());
    }

    [Fact]
    public void Utf8LettersFollowedByWindows1252Bytes_IsRefusedWithTheLine()
    {
        byte[] bytes = [.. TestFiles.Utf8Bytes("a,b\nø,1\nx,2\n"), .. TestFiles.Windows1252Encoding.GetBytes("å,3\n")];
        using var reader = new DelimitedFileReader(new MemoryStream(bytes));
        reader.ReadHeader();

        var error = Assert.Throws<DelimitedFileException>(() => ReadAll(reader));

        Assert.Equal(4, error.Line);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16File_IsRefusedWithAPlainExplanation()
    {
        byte[] bytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("a,b\n1,2\n")];
        using var reader = new DelimitedFileReader(new MemoryStream(bytes));

        var error = Assert.Throws<DelimitedFileException>(() => reader.ReadHeader());

        Assert.Contains("UTF-16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunawayQuote_StopsAtAMillionCharacters()
    {
        string text = "a,b\n1,\"" + new string('x', 1_100_000) + "\n";
        using var reader = new DelimitedFileReader(TestFiles.Utf8(text));
        reader.ReadHeader();

        var error = Assert.Throws<DelimitedFileException>(() => reader.ReadRow());

        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void EmptyFile_HasNoHeader()
    {
        using var reader = new DelimitedFileReader(new MemoryStream());

        Assert.Empty(reader.ReadHeader());
        Assert.False(reader.ReadRow());
    }

    [Fact]
    public void Sha256_IsOfEveryByteIncludingTheBom()
    {
        var stream = TestFiles.Utf8WithBom(TestFiles.Lines("a,b", "1,2", "3,4"));
        byte[] bytes = stream.ToArray();
        using var reader = new DelimitedFileReader(stream);
        reader.ReadHeader();
        reader.ReadRow();

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), reader.ComputeSha256());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void FewBytesPerRead_GivesTheSameRows(int bytesPerRead)
    {
        // Multi-byte letters, CRLF and doubled quotes all get split across reads somewhere.
        var text = new StringBuilder("id;tekst;tal\r\n");
        for (int i = 0; i < 3000; i++)
        {
            text.Append(i).Append(";\"æ;ø \"\"").Append(i % 7).Append("\"\" å\r\nnæste\";").Append(i * 3).Append("\r\n");
        }

        byte[] bytes = TestFiles.Utf8Bytes(text.ToString());
        using var reader = new DelimitedFileReader(new TrickleStream(bytes, bytesPerRead));
        reader.ReadHeader();

        var rows = ReadAll(reader);

        Assert.Equal(3000, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal([i.ToString(CultureInfo.InvariantCulture), $"æ;ø \"{i % 7}\" å\r\nnæste", (i * 3).ToString(CultureInfo.InvariantCulture)], rows[i].Fields);
            Assert.Equal(2 + 2 * i, rows[i].Line);
        }

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), reader.ComputeSha256());
    }

    [Fact]
    public void ManyRows_CrossingBufferBoundaries_AllArrive()
    {
        var text = new StringBuilder("a,b\n");
        for (int i = 0; i < 200_000; i++)
        {
            text.Append(i).Append(",\"v").Append(i).Append("\"\n");
        }

        using var reader = new DelimitedFileReader(TestFiles.Utf8(text.ToString()));
        reader.ReadHeader();
        int count = 0;
        while (reader.ReadRow())
        {
            Assert.Equal("v" + count, reader.GetString(1));
            count++;
        }

        Assert.Equal(200_000, count);
    }
}
