using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ammeindsats.Benchmarks;
using Ammeindsats.Core.Indicators.Import;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// --generate N FILE   writes a child-level file of N rows
// --time FILE [K]     imports FILE K times (default 1) and prints time, CPU time and memory
// --time-figures [K]  computes the detail figures K times (default 20) uncached and cached, with CPU time
// --duckdb FILE      the peer: the same counting of FILE in one DuckDB query (DuckDbPeer)
// --dump-figures FILE writes every figure of every indicator, computed afresh, sorted (to compare builds)
// anything else       BenchmarkDotNet (e.g. --filter '*ChildImport*')
if (args is ["--generate", var rowsText, var path])
{
    int rows = int.Parse(rowsText, CultureInfo.InvariantCulture);
    using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
    ChildFileGenerator.Write(writer, rows);
    writer.Flush();
    Console.WriteLine($"{rows:N0} rows, {new FileInfo(path).Length / 1e6:F1} MB written to {path}");
    return 0;
}

if (args is ["--duckdb", var duckFile])
{
    return DuckDbPeer.Run(duckFile);
}

if (args is ["--time", var file, ..])
{
    int repeat = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
    var importer = new ChildRecordImporter(ReferenceCodes.Municipalities, ReferenceCodes.BirthSites);
    for (int run = 1; run <= repeat; run++)
    {
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        ChildImportResult result;
        // No FileStream buffer: the reader has its own.
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        {
            result = importer.Import(stream);
        }

        watch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Console.WriteLine(
            $"run {run}: {watch.Elapsed.TotalMilliseconds:F0} ms, CPU {cpu.TotalMilliseconds:F0} ms, {result.RowsRead:N0} rows, {result.DistinctChildren:N0} children, " +
            $"{result.Cohorts.Count:N0} cohorts, {result.Problems.Count} problems, allocated {allocated / 1e6:F1} MB, " +
            $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F1} MB, GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
        if (run == repeat && result.Problems.Count > 0)
        {
            foreach (var problem in result.Problems.Take(10))
            {
                Console.WriteLine($"  row {problem.Row} {problem.Column}: {problem.Message}");
            }
        }
    }

    return 0;
}

if (args is ["--dump-figures", var dumpPath])
{
    var figures = new DetailFiguresBenchmarks();
    figures.Setup();
    try
    {
        await using var output = new StreamWriter(dumpPath, append: false, new UTF8Encoding(false));
        await figures.DumpAsync(output);
    }
    finally
    {
        figures.Cleanup();
    }

    return 0;
}

if (args is ["--time-figures", ..])
{
    // On a shared machine BenchmarkDotNet's wall-clock times include the wait for a core; the
    // process's CPU time does not (it includes the garbage collector's and SQLite's work).
    int repeat = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
    var figures = new DetailFiguresBenchmarks();
    figures.Setup();
    try
    {
        foreach (var (name, call) in new (string, Func<Task<int>>)[]
                 {
                     ("threshold uncached", figures.ThresholdUncached),
                     ("threshold cached", figures.ThresholdCached),
                     ("median uncached", figures.MedianUncached),
                     ("threshold uncached, cohorts shared", figures.ThresholdSharedData),
                 })
        {
            int count = await call(); // warm-up: JIT and first query compilation
            var walls = new List<double>();
            // CPU time is counted in clock ticks of 10 ms, so it is taken over all the calls together.
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            for (int i = 0; i < repeat; i++)
            {
                var watch = Stopwatch.StartNew();
                count = await call();
                walls.Add(watch.Elapsed.TotalMilliseconds);
            }

            double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / repeat;
            walls.Sort();
            Console.WriteLine($"{name}: {count:N0} figures; {repeat} calls: {cpu:F1} ms CPU a call (mean), wall median {walls[repeat / 2]:F1} ms, fastest {walls[0]:F1} ms");
        }
    }
    finally
    {
        figures.Cleanup();
    }

    return 0;
}

// In process: the generated benchmark project would otherwise be built under this repository's
// strict build rules, and the in-process run is quicker on a two-core machine.
var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkSwitcher.FromAssembly(typeof(ChildImportBenchmarks).Assembly).Run(args, config);
return 0;
