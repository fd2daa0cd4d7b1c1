using System.Globalization;
using System.Text;

namespace Ammeindsats.Core.Documents;

/// <summary>Writes a <see cref="DocumentTable"/> as CSV: the header row, then one line per row.</summary>
public static class CsvWriter
{
    public const string ContentType = "text/csv; charset=utf-8";

    public const string FileExtension = ".csv";

    private static readonly byte[] Utf8ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary>Writes the table to <paramref name="stream"/> and leaves the stream open.</summary>
    public static void Write(Stream stream, DocumentTable table, CsvDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(dialect);

        // The mark is written by hand rather than left to StreamWriter, which skips it
        // whenever the stream is not at position 0.
        if (dialect.ByteOrderMark)
        {
            stream.Write(Utf8ByteOrderMark);
        }

        using var writer = new StreamWriter(stream, CsvDialect.Utf8, bufferSize: 64 * 1024, leaveOpen: true);
        var line = new StringBuilder(256);
        AppendLine(line, table.Headers, dialect);
        writer.Write(line);
        foreach (var row in table.Rows)
        {
            AppendLine(line.Clear(), row, dialect);
            writer.Write(line);
        }
    }

    /// <summary>
    /// As <see cref="Write"/>, for streams that must not block, such as an ASP.NET Core response body.
    /// </summary>
    public static async Task WriteAsync(Stream stream, DocumentTable table, CsvDialect dialect, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(dialect);

        if (dialect.ByteOrderMark)
        {
            await stream.WriteAsync(Utf8ByteOrderMark, cancellationToken);
        }

        var writer = new StreamWriter(stream, CsvDialect.Utf8, bufferSize: 64 * 1024, leaveOpen: true);
        await using (writer)
        {
            var line = new StringBuilder(256);
            AppendLine(line, table.Headers, dialect);
            await writer.WriteAsync(line, cancellationToken);
            foreach (var row in table.Rows)
            {
                AppendLine(line.Clear(), row, dialect);
                await writer.WriteAsync(line, cancellationToken);
            }

            await writer.FlushAsync(cancellationToken);
        }
    }

    private static void AppendLine<T>(StringBuilder line, IReadOnlyList<T> cells, CsvDialect dialect)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                line.Append(dialect.Separator);
            }

            AppendField(line, FieldText(cells[i], dialect), dialect);
        }

        line.Append(dialect.NewLine);
    }

    private static string FieldText(object? value, CsvDialect dialect) => value switch
    {
        null => string.Empty,
        string text => dialect.GuardFormulas ? GuardFormula(text) : text,
        DateOnly date => date.ToString(dialect.DateFormat, CultureInfo.InvariantCulture),
        _ when dialect.DecimalMark == '.' => DocumentCell.InvariantNumber(value),
        // Only the decimal mark changes: no thousands separators, which would make the number text.
        _ => DocumentCell.InvariantNumber(value).Replace('.', dialect.DecimalMark),
    };

    /// <summary>
    /// Spreadsheet programs run a cell starting with = + - @ as a formula, so a name typed as
    /// <c>=HYPERLINK(...)</c> or <c>=cmd|...</c> would execute on the reader's machine when the export is
    /// opened (CSV injection, OWASP). A leading apostrophe makes Excel show the cell as plain text.
    /// Tab and carriage return are included because Excel strips them and then sees the formula.
    /// Only text cells are guarded: real numbers, including negative ones, are written as numbers.
    /// The OpenData dialect is read by programs, not spreadsheets, and must keep the text exactly as it is.
    /// </summary>
    private static string GuardFormula(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    /// <summary>RFC 4180: quote a field holding the separator, a quote, CR or LF, and double its quotes.</summary>
    private static void AppendField(StringBuilder line, string text, CsvDialect dialect)
    {
        var needsQuotes = text.AsSpan().ContainsAny(dialect.QuoteTriggers);
        if (!needsQuotes)
        {
            line.Append(text);
            return;
        }

        line.Append('"');
        foreach (var c in text)
        {
            if (c == '"')
            {
                line.Append('"');
            }

            line.Append(c);
        }

        line.Append('"');
    }
}
