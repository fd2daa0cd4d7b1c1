using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace Ammeindsats.Core.Indicators.Import;

/// <summary>
/// The one reader for the comma- or semicolon-separated files that users upload. Files come from
/// Excel (semicolon and Windows-1252 on a Danish PC), from registers (comma and UTF-8) and from
/// hand edits, so the reader works out the encoding and the delimiter itself.
/// </summary>
/// <remarks>
/// Rows are read one at a time and fields are handed out as spans into an internal buffer, so a
/// file of a million rows costs no more memory than one row. A span is valid until the next call
/// to <see cref="ReadRow"/>. The SHA-256 of the bytes is computed as they pass.
/// <para>
/// Encoding: UTF-8 with or without a byte order mark. If the bytes turn out not to be valid UTF-8
/// the file is read as Windows-1252, which is what Excel writes on a Danish PC. The decision is made
/// at the first byte that is not valid UTF-8; as long as everything before it was plain ASCII that
/// is the same as deciding for the whole file, because the two encodings agree on ASCII. A file that
/// has valid UTF-8 letters and later bytes that are not is two files glued together, and guessing
/// would spoil either æøå, so it is refused.
/// </para>
/// </remarks>
public sealed class DelimitedFileReader : IDisposable
{
    private const int ByteBufferSize = 1 << 16;
    private const int InitialCharBufferSize = 1 << 16;
    // A row longer than this is almost always a quote that was opened and never closed; stopping
    // keeps such a file from pulling everything after the quote into memory as one field.
    private const int MaxRowChars = 1 << 20;
    // Room for at least one surrogate pair, so decoding always makes progress.
    private const int MinFreeChars = 1024;

    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("Windows-1252 is part of the .NET runtime's code pages.");

    private static readonly SearchValues<char> CommaStops = SearchValues.Create(",\r\n");
    private static readonly SearchValues<char> SemicolonStops = SearchValues.Create(";\r\n");

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    private readonly byte[] _bytes = new byte[ByteBufferSize];
    private int _byteStart;
    private int _byteEnd;
    private bool _streamEnded;
    private bool _hasByteOrderMark;
    private bool _sawMultiByteUtf8;
    private Decoder? _windows1252Decoder;

    private char[] _chars = new char[InitialCharBufferSize];
    private int _pos;
    private int _charEnd;
    private bool _charsEnded;

    private char _delimiter = ',';
    private SearchValues<char> _stops = CommaStops;

    private FieldRange[] _fields = new FieldRange[16];
    private int _fieldCount;
    private int _nextLine = 1;
    private int _lineNumber;
    private string? _rowError;
    private string[] _header = [];
    private bool _headerRead;
    private string? _sha256Hex;

    /// <summary>Reads from the stream's current position; nothing is read until the header is asked for.</summary>
    public DelimitedFileReader(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    /// <summary>
    /// Reads the header line (the first line with text) and settles the delimiter. Throws
    /// <see cref="DelimitedFileException"/> when the file cannot be read as text at all (UTF-16,
    /// mixed encodings, a runaway quote); <see cref="ComputeSha256"/> still works afterwards.
    /// </summary>
    public IReadOnlyList<string> ReadHeader()
    {
        if (_headerRead)
        {
            return _header;
        }

        _headerRead = true;
        ReadFirstBytes();
        DetectDelimiter();
        if (ReadRecord())
        {
            HeaderLine = _lineNumber;
            _header = new string[_fieldCount];
            for (int i = 0; i < _fieldCount; i++)
            {
                _header[i] = this[i].Trim().ToString();
            }
        }

        return _header;
    }

    /// <summary>The header's column names, trimmed. Empty before <see cref="ReadHeader"/> and when the file has no text.</summary>
    public IReadOnlyList<string> Header => _header;

    /// <summary>File line of the header: 1 unless the file starts with blank lines.</summary>
    public int HeaderLine { get; private set; } = 1;

    /// <summary><c>,</c> or <c>;</c>, whichever the header line has more of.</summary>
    public char Delimiter => _delimiter;

    /// <summary>UTF-8 or Windows-1252; final once the file has been read to the end.</summary>
    public Encoding Encoding => _windows1252Decoder is null ? Encoding.UTF8 : Windows1252;

    public bool HasByteOrderMark => _hasByteOrderMark;

    /// <summary>File line where the current row starts (the header is line 1).</summary>
    public int LineNumber => _lineNumber;

    public int FieldCount => _fieldCount;

    /// <summary>
    /// Set when the current row's quotes are broken (text after a closing quote, or a quote that is
    /// never closed). The fields are still there, but their values cannot be trusted.
    /// </summary>
    public string? RowError => _rowError;

    /// <summary>The field's text without its quotes; valid until the next <see cref="ReadRow"/>.</summary>
    public ReadOnlySpan<char> this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_fieldCount)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            var field = _fields[index];
            return new ReadOnlySpan<char>(_chars, field.Start, field.Length);
        }
    }

    public string GetString(int index) => new(this[index]);

    /// <summary>Moves to the next row after the header, skipping empty lines. False at the end of the file.</summary>
    public bool ReadRow()
    {
        if (!_headerRead)
        {
            ReadHeader();
        }

        return ReadRecord();
    }

    /// <summary>
    /// Reads whatever is left of the stream without parsing it and returns the SHA-256 of every byte
    /// the stream gave, as lowercase hex. Call it last: rows can no longer be read after it.
    /// </summary>
    public string ComputeSha256()
    {
        if (_sha256Hex is not null)
        {
            return _sha256Hex;
        }

        if (!_streamEnded)
        {
            var buffer = _bytes.AsSpan();
            int read;
            while ((read = _stream.Read(buffer)) > 0)
            {
                _sha256.AppendData(buffer[..read]);
            }

            _streamEnded = true;
            _byteStart = _byteEnd = 0;
        }

        _charsEnded = true;
        _pos = _charEnd = 0;
        _fieldCount = 0;
        _sha256Hex = Convert.ToHexStringLower(_sha256.GetHashAndReset());
        return _sha256Hex;
    }

    public void Dispose()
    {
        _sha256.Dispose();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private void ReadFirstBytes()
    {
        while (_byteEnd < 3 && !_streamEnded)
        {
            ReadBytes();
        }

        var start = _bytes.AsSpan(0, _byteEnd);
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            _hasByteOrderMark = true;
            _byteStart = 3;
        }
        else if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            // Excel's "Unicode text" format. Reading it as bytes would give a NUL between every letter.
            throw new DelimitedFileException(1,
                "Filen er gemt som UTF-16 (\"Unicode-tekst\"). Gem den igen som \"CSV UTF-8\" eller \"CSV (semikolonsepareret)\".");
        }
    }

    private void DetectDelimiter()
    {
        // Count delimiters on the first line that has text, outside quotes. Ties go to comma,
        // which also covers a file with a single column.
        while (true)
        {
            var text = _chars.AsSpan(_pos, _charEnd - _pos).TrimStart("\r\n");
            int newline = text.IndexOfAny('\r', '\n');
            if (newline >= 0 || _charsEnded)
            {
                var line = newline >= 0 ? text[..newline] : text;
                int commas = 0, semicolons = 0;
                bool quoted = false;
                foreach (char c in line)
                {
                    if (c == '"')
                    {
                        quoted = !quoted;
                    }
                    else if (!quoted && c == ',')
                    {
                        commas++;
                    }
                    else if (!quoted && c == ';')
                    {
                        semicolons++;
                    }
                }

                if (semicolons > commas)
                {
                    _delimiter = ';';
                    _stops = SemicolonStops;
                }

                return;
            }

            Fill();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadRecord()
    {
        while (true)
        {
            if (_pos >= _charEnd)
            {
                if (_charsEnded)
                {
                    _fieldCount = 0;
                    return false;
                }

                Fill();
                continue;
            }

            if (TryParseRecord(out bool blank))
            {
                if (blank)
                {
                    continue;
                }

                return true;
            }

            Fill();
        }
    }

    /// <summary>
    /// Parses the record at <see cref="_pos"/>. Returns false, changing nothing, when the buffer ends
    /// before the record does and more text may come; the caller then fills the buffer and retries.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryParseRecord(out bool blank)
    {
        char[] buf = _chars;
        int end = _charEnd;
        bool final = _charsEnded;
        char delimiter = _delimiter;
        var stops = _stops;
        int p = _pos;
        int count = 0;
        int innerLines = 0;
        bool anyEscapes = false;
        bool firstQuoted = false;
        string? error = null;
        blank = false;

        while (true)
        {
            if (p >= end)
            {
                if (!final)
                {
                    return false;
                }

                // A delimiter at the very end of the file: the last field is empty.
                AddField(ref count, p, 0, false);
                break;
            }

            if (buf[p] == '"')
            {
                firstQuoted |= count == 0;
                int start = p + 1;
                int q = start;
                bool escapes = false;
                bool closed = false;
                while (true)
                {
                    int rel = buf.AsSpan(q, end - q).IndexOf('"');
                    if (rel < 0)
                    {
                        if (!final)
                        {
                            return false;
                        }

                        q = end;
                        break;
                    }

                    q += rel;
                    if (q + 1 >= end)
                    {
                        if (!final)
                        {
                            // The next character decides between "" and a closing quote.
                            return false;
                        }

                        closed = true;
                        break;
                    }

                    if (buf[q + 1] == '"')
                    {
                        escapes = true;
                        q += 2;
                        continue;
                    }

                    closed = true;
                    break;
                }

                innerLines += buf.AsSpan(start, q - start).Count('\n');
                AddField(ref count, start, q - start, escapes);
                anyEscapes |= escapes;
                if (!closed)
                {
                    error ??= "Et felt begynder med anførselstegn, men det afsluttende anførselstegn mangler.";
                    p = end;
                }
                else
                {
                    p = q + 1;
                    if (p < end && buf[p] != delimiter && buf[p] != '\r' && buf[p] != '\n')
                    {
                        error ??= "Der står tekst efter et afsluttende anførselstegn. Et anførselstegn inde i et felt skal skrives to gange (\"\").";
                        int rel = buf.AsSpan(p, end - p).IndexOfAny(stops);
                        if (rel < 0)
                        {
                            if (!final)
                            {
                                return false;
                            }

                            p = end;
                        }
                        else
                        {
                            p += rel;
                        }
                    }
                }
            }
            else
            {
                int rel = buf.AsSpan(p, end - p).IndexOfAny(stops);
                if (rel < 0)
                {
                    if (!final)
                    {
                        return false;
                    }

                    AddField(ref count, p, end - p, false);
                    p = end;
                }
                else
                {
                    AddField(ref count, p, rel, false);
                    p += rel;
                }
            }

            if (p >= end)
            {
                // Only reached at the end of the file: the last record has no line break.
                break;
            }

            char c = buf[p];
            if (c == delimiter)
            {
                p++;
                continue;
            }

            if (c == '\r')
            {
                if (p + 1 < end)
                {
                    p += buf[p + 1] == '\n' ? 2 : 1;
                }
                else if (!final)
                {
                    // A CR at the buffer's end may be the first half of CRLF.
                    return false;
                }
                else
                {
                    p++;
                }
            }
            else
            {
                p++;
            }

            break;
        }

        _pos = p;
        _lineNumber = _nextLine;
        _nextLine += 1 + innerLines;
        _fieldCount = count;
        _rowError = error;
        // A line with nothing on it; "" on its own is an empty value and counts as a row.
        blank = count == 1 && _fields[0].Length == 0 && !firstQuoted;
        if (anyEscapes)
        {
            Unescape();
        }

        return true;
    }

    private void AddField(ref int count, int start, int length, bool escapes)
    {
        if (count == _fields.Length)
        {
            Array.Resize(ref _fields, _fields.Length * 2);
        }

        _fields[count++] = new FieldRange(start, length, escapes);
    }

    // Done only once the record is known to be complete, because a retry after a refill parses the
    // same characters again.
    private void Unescape()
    {
        for (int i = 0; i < _fieldCount; i++)
        {
            ref var field = ref _fields[i];
            if (!field.HasEscapes)
            {
                continue;
            }

            var span = _chars.AsSpan(field.Start, field.Length);
            int write = 0;
            for (int read = 0; read < span.Length; read++)
            {
                span[write++] = span[read];
                if (span[read] == '"' && read + 1 < span.Length && span[read + 1] == '"')
                {
                    read++;
                }
            }

            field = new FieldRange(field.Start, write, false);
        }
    }

    /// <summary>Keeps the unfinished record, moves it to the front and decodes more text after it.</summary>
    private void Fill()
    {
        int keep = _charEnd - _pos;
        if (_pos > 0)
        {
            _chars.AsSpan(_pos, keep).CopyTo(_chars);
            _pos = 0;
            _charEnd = keep;
        }

        if (_chars.Length - _charEnd < MinFreeChars)
        {
            if (_chars.Length >= MaxRowChars)
            {
                throw new DelimitedFileException(_nextLine, string.Create(CultureInfo.InvariantCulture,
                    $"Rækken på linje {_nextLine} er over en million tegn lang. Mangler der et afsluttende anførselstegn?"));
            }

            Array.Resize(ref _chars, _chars.Length * 2);
        }

        while (!Decode())
        {
            if (_charsEnded)
            {
                return;
            }

            ReadBytes();
        }
    }

    private void ReadBytes()
    {
        int left = _byteEnd - _byteStart;
        if (_byteStart > 0)
        {
            _bytes.AsSpan(_byteStart, left).CopyTo(_bytes);
            _byteStart = 0;
            _byteEnd = left;
        }

        int read = _stream.Read(_bytes, _byteEnd, _bytes.Length - _byteEnd);
        if (read == 0)
        {
            _streamEnded = true;
            return;
        }

        _sha256.AppendData(_bytes, _byteEnd, read);
        _byteEnd += read;
    }

    /// <summary>Decodes buffered bytes into free char space. True if any text was produced.</summary>
    private bool Decode()
    {
        var source = _bytes.AsSpan(_byteStart, _byteEnd - _byteStart);
        if (source.IsEmpty)
        {
            if (_streamEnded)
            {
                _charsEnded = true;
            }

            return false;
        }

        var target = _chars.AsSpan(_charEnd);
        int read;
        int written;
        if (_windows1252Decoder is not null)
        {
            _windows1252Decoder.Convert(source, target, _streamEnded, out read, out written, out _);
        }
        else
        {
            var status = Utf8.ToUtf16(source, target, out read, out written, replaceInvalidSequences: false, isFinalBlock: _streamEnded);
            // ASCII is one byte per char; any difference means a multi-byte letter was read as UTF-8.
            _sawMultiByteUtf8 |= read != written;
            if (status == OperationStatus.InvalidData && read == 0)
            {
                if (_sawMultiByteUtf8 || _hasByteOrderMark)
                {
                    int line = _nextLine + _chars.AsSpan(_pos, _charEnd - _pos).Count('\n');
                    throw new DelimitedFileException(line, string.Create(CultureInfo.InvariantCulture,
                        $"Filen blander to tegnsæt: linje {line} er ikke UTF-8, men tidligere linjer er. Gem hele filen igen som \"CSV UTF-8\"."));
                }

                _windows1252Decoder = Windows1252.GetDecoder();
                return Decode();
            }
        }

        _byteStart += read;
        _charEnd += written;
        return written > 0;
    }

    private readonly record struct FieldRange(int Start, int Length, bool HasEscapes);
}

/// <summary>A file that cannot be read as delimited text at all; the message is for the user, in Danish.</summary>
public sealed class DelimitedFileException(int line, string message) : Exception(message)
{
    /// <summary>File line where reading stopped.</summary>
    public int Line { get; } = line;
}
