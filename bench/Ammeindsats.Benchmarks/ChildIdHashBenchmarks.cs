using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Ammeindsats.Core.Indicators.Import;
using BenchmarkDotNet.Attributes;

namespace Ammeindsats.Benchmarks;

/// <summary>
/// The child key: MurmurHash3 (what the import uses) against SHA-256 cut to 128 bits, for ids of
/// the length pseudonyms have.
/// </summary>
public class ChildIdHashBenchmarks
{
    private readonly string[] _ids = Enumerable.Range(0, 1024).Select(i => "c" + (i * 2654435761L).ToString("x11", System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [Benchmark(Baseline = true, OperationsPerInvoke = 1024)]
    public ulong Murmur3()
    {
        ulong sum = 0;
        foreach (string id in _ids)
        {
            sum += ChildIdHash.Of(id).Low;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = 1024)]
    public ulong Sha256Truncated()
    {
        ulong sum = 0;
        Span<byte> hash = stackalloc byte[32];
        foreach (string id in _ids)
        {
            SHA256.HashData(MemoryMarshal.AsBytes(id.AsSpan()), hash);
            sum += MemoryMarshal.Read<ulong>(hash);
        }

        return sum;
    }
}
