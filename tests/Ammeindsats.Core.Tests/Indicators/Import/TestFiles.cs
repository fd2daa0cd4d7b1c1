using System.Text;

namespace Ammeindsats.Core.Tests.Indicators.Import;

/// <summary>Small files written as text in the tests, turned into the bytes a user's program would save.</summary>
internal static class TestFiles
{
    public static readonly Encoding Windows1252Encoding = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    public static byte[] Utf8Bytes(string text) => new UTF8Encoding(false).GetBytes(text);

    public static MemoryStream Utf8(string text) => new(Utf8Bytes(text));

    public static MemoryStream Utf8WithBom(string text) => new([0xEF, 0xBB, 0xBF, .. Utf8Bytes(text)]);

    public static MemoryStream Windows1252(string text) => new(Windows1252Encoding.GetBytes(text));
}

/// <summary>A stream that hands out a few bytes per read, so every buffer boundary gets hit.</summary>
internal sealed class TrickleStream(byte[] bytes, int bytesPerRead) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(Math.Min(count, bytesPerRead), bytes.Length - _position);
        Array.Copy(bytes, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
