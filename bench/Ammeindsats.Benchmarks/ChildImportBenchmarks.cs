using System.Text;
using Ammeindsats.Core.Indicators.Import;
using BenchmarkDotNet.Attributes;

namespace Ammeindsats.Benchmarks;

/// <summary>Reading, checking and counting a generated child-level file held in memory.</summary>
[MemoryDiagnoser]
public class ChildImportBenchmarks
{
    private byte[] _file = [];
    private ChildRecordImporter _importer = null!;

    [Params(100_000, 1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true))
        {
            ChildFileGenerator.Write(writer, Rows);
        }

        _file = buffer.ToArray();
        _importer = new ChildRecordImporter(ReferenceCodes.Municipalities, ReferenceCodes.BirthSites);
    }

    [Benchmark]
    public int Import() => _importer.Import(new MemoryStream(_file, writable: false)).DistinctChildren;
}
