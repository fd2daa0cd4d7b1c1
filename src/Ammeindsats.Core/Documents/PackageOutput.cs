namespace Ammeindsats.Core.Documents;

/// <summary>Where the Office writers put their zip package.</summary>
internal static class PackageOutput
{
    /// <summary>
    /// System.IO.Packaging reads back and rewinds what it writes, so it needs a stream that can seek.
    /// A forward-only stream (an entry in a zip being built, a network stream) gets the package built
    /// in memory first and then copied over.
    /// </summary>
    public static void Write(Stream destination, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The stream cannot be written to.", nameof(destination));
        }

        if (destination.CanSeek && destination.CanRead)
        {
            write(destination);
            return;
        }

        using var buffer = new MemoryStream();
        write(buffer);
        buffer.Position = 0;
        buffer.CopyTo(destination);
    }
}
