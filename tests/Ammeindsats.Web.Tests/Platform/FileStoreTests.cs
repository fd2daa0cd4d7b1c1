using System.Security.Cryptography;
using Ammeindsats.Data;
using Ammeindsats.Data.Platform;
using Ammeindsats.Web.Infrastructure;
using Ammeindsats.Web.Infrastructure.Platform;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Ammeindsats.Web.Tests.Platform;

/// <summary>Runs alone, after the parallel tests, so that the process's allocation count is this test's own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}

/// <summary>
/// The database file store streams: a file larger than the upload limit goes in and comes out a chunk at a time,
/// with the memory it allocates far below the file's size, and the bytes read back are the bytes written.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class FileStoreTests
{
    private const long LargeFile = 60L * 1024 * 1024;

    /// <summary>What the process may allocate to store or read the file: a quarter of it (whole buffering costs at least all of it).</summary>
    private const long AllocationBudget = LargeFile / 4;

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task LargeFile_IsStoredAndReadBack_AChunkAtATime_WithBoundedMemory(DatabaseProvider provider)
    {
        SkipIfNoServer(provider);
        using var app = TestApp.Create(provider, demo: false);
        await using var db = await MigratedAsync(app);
        var store = new FileStore(db, TimeProvider.System);
        // The expected hash, from the generator alone.
        var expected = Convert.ToHexStringLower(await SHA256.HashDataAsync(new GeneratedStream(LargeFile, seed: 7)));

        // Warm up EF and the provider on a small file, so the count below is the large file's.
        await store.SaveAsync("lille.csv", "text/csv", new GeneratedStream(10, seed: 1), "test", null, null);
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var stored = await store.SaveAsync("stor.csv", "text/csv", new GeneratedStream(LargeFile, seed: 7), "test", "u-1", TimeSpan.FromHours(1));
        var savedWith = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(LargeFile, stored.Size);
        Assert.Equal(expected, stored.Sha256);
        Assert.True(savedWith < AllocationBudget, $"Storing {LargeFile:N0} bytes allocated {savedWith:N0} bytes.");
        // 60 MB in 1 MB chunks.
        Assert.Equal(60, await db.StoredFileChunks.CountAsync(c => c.FileId == stored.Id));

        db.ChangeTracker.Clear();
        var found = await store.FindAsync(stored.Id, "test", "u-1");
        Assert.NotNull(found);
        Assert.Null(await store.FindAsync(stored.Id, "test", "someone-else"));
        GC.Collect();
        before = GC.GetTotalAllocatedBytes(precise: true);
        string actual;
        await using (var read = await store.OpenReadAsync(found))
        {
            Assert.Equal(LargeFile, read.Length);
            actual = Convert.ToHexStringLower(await HashInPiecesAsync(read));
        }

        var readWith = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(expected, actual);
        Assert.True(readWith < AllocationBudget, $"Reading {LargeFile:N0} bytes allocated {readWith:N0} bytes.");

        // Deleting the file deletes its chunks.
        await store.DeleteAsync(stored.Id);
        Assert.False(await db.StoredFileChunks.AnyAsync(c => c.FileId == stored.Id));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task EmptyAndExactChunkSizes_ReadBackExactly_AndTheRetentionJobTakesTheChunksWithTheFile(DatabaseProvider provider)
    {
        SkipIfNoServer(provider);
        using var app = TestApp.Create(provider, demo: false);
        await using var db = await MigratedAsync(app);
        var store = new FileStore(db, TimeProvider.System);

        var empty = await store.SaveAsync("tom.csv", "text/csv", new MemoryStream(), "test", null, TimeSpan.FromMilliseconds(1));
        // SHA-256 of nothing: printf '' | sha256sum
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", empty.Sha256);
        Assert.Equal(0, empty.Size);
        await using (var read = await store.OpenReadAsync(empty))
        {
            Assert.Equal(-1, read.ReadByte());
        }

        foreach (var size in new long[] { FileStore.ChunkSize, (2L * FileStore.ChunkSize) + 1 })
        {
            var file = await store.SaveAsync("fil.csv", "text/csv", new GeneratedStream(size, seed: 3), "test", null, null);
            using var copy = new MemoryStream();
            await using (var read = await store.OpenReadAsync(file))
            {
                await read.CopyToAsync(copy);
            }

            using var original = new MemoryStream();
            await new GeneratedStream(size, seed: 3).CopyToAsync(original);
            Assert.Equal(original.ToArray(), copy.ToArray());
            Assert.Equal((int)((size + FileStore.ChunkSize - 1) / FileStore.ChunkSize), await db.StoredFileChunks.CountAsync(c => c.FileId == file.Id));
        }

        await Task.Delay(20);
        await new RetentionJob(Microsoft.Extensions.Options.Options.Create(new RetentionOptions()), TimeProvider.System).RunAsync(new SingleService(db), CancellationToken.None);
        Assert.False(await db.StoredFiles.AnyAsync(f => f.Id == empty.Id));
        Assert.Equal(2, await db.StoredFiles.CountAsync());
    }

    // An upload kept while the installation is upgraded is still there afterwards, as one chunk.
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Upgrade_KeepsAnUploadStoredWhole_AsOneChunk(DatabaseProvider provider)
    {
        SkipIfNoServer(provider);
        using var app = TestApp.Create(provider, demo: false);
        await using var db = Open(app);
        var migrations = db.Database.GetMigrations().ToList();
        var chunks = migrations.FindIndex(m => m.EndsWith("_StoredFileChunks", StringComparison.Ordinal));
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[chunks - 1]);

        var id = Guid.NewGuid();
        var content = "child_id,record_date\nx,2020-01-01\n"u8.ToArray();
        var now = DateTimeOffset.UtcNow;
        object created = provider == DatabaseProvider.Sqlite ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(now)! : now;
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "StoredFiles" ("Id", "FileName", "ContentType", "Size", "Sha256", "Purpose", "OwnerUserId", "Content", "CreatedAt") VALUES ({id}, 'gammel.csv', 'text/csv', {(long)content.Length}, 'x', 'test', NULL, {content}, {created})""");

        await migrator.MigrateAsync();

        var store = new FileStore(db, TimeProvider.System);
        var file = await store.FindAsync(id, "test", null);
        Assert.NotNull(file);
        using var copy = new MemoryStream();
        await using (var read = await store.OpenReadAsync(file))
        {
            await read.CopyToAsync(copy);
        }

        Assert.Equal(content, copy.ToArray());
    }

    private static async Task<byte[]> HashInPiecesAsync(Stream stream)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, n);
        }

        return hash.GetHashAndReset();
    }

    private static AmmeindsatsDbContext Open(TestApp app)
    {
        var options = new DbContextOptionsBuilder<AmmeindsatsDbContext>();
        DatabaseSetup.Configure(options, app.Provider, app.ConnectionString);
        return new AmmeindsatsDbContext(options.Options);
    }

    private static async Task<AmmeindsatsDbContext> MigratedAsync(TestApp app)
    {
        var db = Open(app);
        await db.Database.MigrateAsync();
        return db;
    }

    private static void SkipIfNoServer(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            PostgresServer.SkipIfUnavailable();
        }
    }

    /// <summary>Gives the retention job the test's context.</summary>
    private sealed class SingleService(AmmeindsatsDbContext db) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(AmmeindsatsDbContext) ? db : null;
    }

    /// <summary>
    /// <paramref name="length"/> pseudo-random bytes made as they are read (never held), at most 64 KB a read, as
    /// a network upload arrives.
    /// </summary>
    private sealed class GeneratedStream(long length, uint seed) : Stream
    {
        private uint _state = seed == 0 ? 1u : seed;
        private long _position;

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
            var n = (int)Math.Min(Math.Min(buffer.Length, 65536), length - _position);
            for (var i = 0; i < n; i++)
            {
                _state ^= _state << 13;
                _state ^= _state >> 17;
                _state ^= _state << 5;
                buffer[i] = (byte)_state;
            }

            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
