using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using Ammeindsats.Data;
using Ammeindsats.Data.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ammeindsats.Web.Infrastructure.Platform;

/// <summary>
/// Where uploads and attachments are kept, with a retention time. Content goes in and comes out as a stream: no
/// implementation may hold a whole file in memory, so a file's size is limited by the store, not by the process.
/// </summary>
public interface IFileStore
{
    /// <summary>Stores the content read from <paramref name="content"/> (to its end) and returns the file's description.</summary>
    Task<StoredFile> SaveAsync(string fileName, string contentType, Stream content, string purpose, string? ownerUserId, TimeSpan? lifetime, CancellationToken ct = default);

    /// <summary>The file's description, unless it has expired or belongs to someone else.</summary>
    Task<StoredFile?> FindAsync(Guid id, string purpose, string? ownerUserId, CancellationToken ct = default);

    /// <summary>A read-only stream of the file's content (its Length is the file's size). Dispose it when done.</summary>
    Task<Stream> OpenReadAsync(StoredFile file, CancellationToken ct = default);

    Task DeleteAsync(Guid id, CancellationToken ct = default);
}

/// <summary>
/// The default store: the database, so every web node sees every file, and a backup holds them. The content is
/// written as rows of <see cref="ChunkSize"/> bytes, one insert at a time through one reused buffer, and read
/// back a row at a time, so the memory a file costs is one chunk, whatever its size.
/// </summary>
public sealed class FileStore(AmmeindsatsDbContext db, TimeProvider clock) : IFileStore
{
    public const int ChunkSize = 1024 * 1024;

    public async Task<StoredFile> SaveAsync(string fileName, string contentType, Stream content, string purpose, string? ownerUserId, TimeSpan? lifetime, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var file = new StoredFile
        {
            Id = Guid.NewGuid(),
            FileName = Path.GetFileName(fileName),
            ContentType = contentType,
            Sha256 = string.Empty,
            Purpose = purpose,
            OwnerUserId = ownerUserId,
            CreatedAt = now,
            ExpiresAt = lifetime is null ? null : now + lifetime,
        };

        // One transaction: a file is stored whole or not at all (inside the caller's, when there is one).
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            db.StoredFiles.Add(file);
            await db.SaveChangesAsync(ct);

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[ChunkSize];
            long size = 0;
            var index = 0;
            await using (var insert = await ChunkCommands.InsertAsync(db, file.Id, ct))
            {
                while (true)
                {
                    var filled = await FillAsync(content, buffer, ct);
                    if (filled == 0)
                    {
                        break;
                    }

                    hash.AppendData(buffer, 0, filled);
                    size += filled;
                    // A full chunk goes from the reused buffer; only a shorter last one needs its own array.
                    await insert.RunAsync(index++, filled == buffer.Length ? buffer : buffer.AsSpan(0, filled).ToArray(), ct);
                    if (filled < buffer.Length)
                    {
                        break;
                    }
                }
            }

            file.Size = size;
            file.Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            await db.SaveChangesAsync(ct);
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }
        }
        catch
        {
            db.Entry(file).State = EntityState.Detached;
            throw;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }

        return file;
    }

    public Task<StoredFile?> FindAsync(Guid id, string purpose, string? ownerUserId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return db.StoredFiles.FirstOrDefaultAsync(f => f.Id == id && f.Purpose == purpose && f.OwnerUserId == ownerUserId && (f.ExpiresAt == null || f.ExpiresAt > now), ct);
    }

    public Task<Stream> OpenReadAsync(StoredFile file, CancellationToken ct = default) =>
        Task.FromResult<Stream>(new ChunkReadStream(db, file.Id, file.Size));

    /// <summary>Deletes the file; its chunks go with it (a cascading foreign key).</summary>
    public Task DeleteAsync(Guid id, CancellationToken ct = default) =>
        db.StoredFiles.Where(f => f.Id == id).ExecuteDeleteAsync(ct);

    /// <summary>Reads until the buffer is full or the stream ends; a network stream may return less at a time.</summary>
    private static async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken ct)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled), ct);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    /// <summary>
    /// The content of one file, a chunk at a time: each read past the current chunk asks the database for the next
    /// row (a short query of its own, so the context stays free for other queries between reads) and copies it into
    /// one reused buffer.
    /// </summary>
    private sealed class ChunkReadStream(AmmeindsatsDbContext db, Guid fileId, long length) : Stream
    {
        private byte[] _buffer = [];
        private int _filled;
        private int _offset;
        private int _next;
        private long _position;
        private bool _ended;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_offset == _filled && !_ended)
            {
                LoadNextAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }

            return Copy(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_offset == _filled && !_ended)
            {
                await LoadNextAsync(cancellationToken);
            }

            return Copy(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Copy(Span<byte> destination)
        {
            var n = Math.Min(destination.Length, _filled - _offset);
            _buffer.AsSpan(_offset, n).CopyTo(destination);
            _offset += n;
            _position += n;
            return n;
        }

        private async ValueTask LoadNextAsync(CancellationToken ct)
        {
            _offset = 0;
            _filled = await ChunkCommands.ReadAsync(db, fileId, _next++, size => _buffer.Length >= size ? _buffer : _buffer = new byte[Math.Max(size, ChunkSize)], ct);
            if (_filled <= 0)
            {
                _filled = 0;
                _ended = true;
            }
        }
    }
}

/// <summary>
/// The two statements the database store runs outside EF's change tracking, so that a chunk's bytes go from one
/// buffer to the database and back without copies. Table, columns and the file id's parameter come from the EF
/// model and the provider's type mapping, so both providers store exactly what EF would.
/// </summary>
internal static class ChunkCommands
{
    public static async Task<Insert> InsertAsync(AmmeindsatsDbContext db, Guid fileId, CancellationToken ct)
    {
        var (table, file, index, data) = Names(db);
        await db.Database.OpenConnectionAsync(ct);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"INSERT INTO {table} ({file}, {index}, {data}) VALUES (@file, @index, @data)";
        command.Parameters.Add(FileParameter(db, command, fileId));
        var indexParameter = command.CreateParameter();
        indexParameter.ParameterName = "@index";
        indexParameter.DbType = DbType.Int32;
        command.Parameters.Add(indexParameter);
        var dataParameter = command.CreateParameter();
        dataParameter.ParameterName = "@data";
        dataParameter.DbType = DbType.Binary;
        command.Parameters.Add(dataParameter);
        return new Insert(db, command, indexParameter, dataParameter);
    }

    /// <summary>Copies chunk <paramref name="chunk"/> into the buffer <paramref name="bufferFor"/> gives for its size; 0 when there is none.</summary>
    public static async Task<int> ReadAsync(AmmeindsatsDbContext db, Guid fileId, int chunk, Func<int, byte[]> bufferFor, CancellationToken ct)
    {
        var (table, file, index, data) = Names(db);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var sqlite = connection as Microsoft.Data.Sqlite.SqliteConnection;
            // SQLite's reader copies a whole blob to read any of it; its incremental blob I/O reads it in place.
            command.CommandText = sqlite is null
                ? $"SELECT {data} FROM {table} WHERE {file} = @file AND {index} = @index"
                : $"SELECT rowid, length({data}) FROM {table} WHERE {file} = @file AND {index} = @index";
            command.Parameters.Add(FileParameter(db, command, fileId));
            var indexParameter = command.CreateParameter();
            indexParameter.ParameterName = "@index";
            indexParameter.DbType = DbType.Int32;
            indexParameter.Value = chunk;
            command.Parameters.Add(indexParameter);
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, ct);
            if (!await reader.ReadAsync(ct))
            {
                return 0;
            }

            if (sqlite is not null)
            {
                var rowid = reader.GetInt64(0);
                var length = reader.GetInt32(1);
                var target = bufferFor(length);
                using var blob = new Microsoft.Data.Sqlite.SqliteBlob(sqlite, Unquoted(db), nameof(StoredFileChunk.Data), rowid, readOnly: true);
                await blob.ReadExactlyAsync(target.AsMemory(0, length), ct);
                return length;
            }

            var size = checked((int)reader.GetBytes(0, 0, null, 0, 0));
            var buffer = bufferFor(size);
            var copied = 0;
            while (copied < size)
            {
                var n = (int)reader.GetBytes(0, copied, buffer, copied, size - copied);
                if (n == 0)
                {
                    break;
                }

                copied += n;
            }

            return copied;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Unquoted(AmmeindsatsDbContext db) =>
        db.Model.FindEntityType(typeof(StoredFileChunk))!.GetTableName()!;

    private static DbParameter FileParameter(AmmeindsatsDbContext db, DbCommand command, Guid fileId)
    {
        var mapping = db.GetService<IRelationalTypeMappingSource>().FindMapping(typeof(Guid))
                      ?? throw new InvalidOperationException("The provider has no mapping for Guid.");
        return mapping.CreateParameter(command, "@file", fileId);
    }

    private static (string Table, string File, string Index, string Data) Names(AmmeindsatsDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(StoredFileChunk)) ?? throw new InvalidOperationException("StoredFileChunk is not in the model.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
        return (sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema()), Column(nameof(StoredFileChunk.FileId)), Column(nameof(StoredFileChunk.Index)), Column(nameof(StoredFileChunk.Data)));
    }

    public sealed class Insert(AmmeindsatsDbContext db, DbCommand command, DbParameter index, DbParameter data) : IAsyncDisposable
    {
        public async Task RunAsync(int chunk, byte[] bytes, CancellationToken ct)
        {
            index.Value = chunk;
            data.Value = bytes;
            data.Size = bytes.Length;
            await command.ExecuteNonQueryAsync(ct);
        }

        public async ValueTask DisposeAsync()
        {
            await command.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }
}
