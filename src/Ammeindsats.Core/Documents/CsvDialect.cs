using System.Buffers;
using System.Text;

namespace Ammeindsats.Core.Documents;

/// <summary>The two kinds of CSV the system hands out.</summary>
public sealed class CsvDialect
{
    /// <summary>
    /// For opening in Danish Excel by double-click: UTF-8 with a byte order mark (without it Excel reads
    /// æøå as Windows-1252), semicolon between fields because the comma is the decimal mark, dd-MM-yyyy dates
    /// and text cells that could start a formula made harmless.
    /// </summary>
    public static readonly CsvDialect Excel = new(
        name: "Excel", separator: ';', decimalMark: ',', dateFormat: "dd-MM-yyyy", byteOrderMark: true, guardFormulas: true);

    /// <summary>
    /// For open data and other programs: RFC 4180 with comma and decimal point, UTF-8 without a byte order
    /// mark (many parsers would take it as part of the first header) and ISO 8601 dates.
    /// </summary>
    public static readonly CsvDialect OpenData = new(
        name: "OpenData", separator: ',', decimalMark: '.', dateFormat: "yyyy-MM-dd", byteOrderMark: false, guardFormulas: false);

    private CsvDialect(string name, char separator, char decimalMark, string dateFormat, bool byteOrderMark, bool guardFormulas)
    {
        Name = name;
        Separator = separator;
        DecimalMark = decimalMark;
        DateFormat = dateFormat;
        ByteOrderMark = byteOrderMark;
        GuardFormulas = guardFormulas;
        QuoteTriggers = SearchValues.Create([separator, '"', '\r', '\n']);
    }

    public string Name { get; }

    public char Separator { get; }

    public char DecimalMark { get; }

    /// <summary>A .NET custom date format, applied with the invariant culture.</summary>
    public string DateFormat { get; }

    /// <summary>Whether the file starts with the UTF-8 byte order mark EF BB BF.</summary>
    public bool ByteOrderMark { get; }

    /// <summary>Whether text cells starting with = + - @ (or tab, CR) get a leading apostrophe.</summary>
    public bool GuardFormulas { get; }

    /// <summary>Both dialects end lines with CRLF, as RFC 4180 says and Excel expects.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "A property of each dialect, read through the dialect a writer is given.")]
    public string NewLine => "\r\n";

    /// <summary>Characters that make a field need quotes under RFC 4180.</summary>
    internal SearchValues<char> QuoteTriggers { get; }

    /// <summary>UTF-8 without preamble: the writer emits the byte order mark itself, see <see cref="ByteOrderMark"/>.</summary>
    internal static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public override string ToString() => Name;
}
