using System.Globalization;
using System.Text;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.Seeding;
using Ammeindsats.Data;
using Ammeindsats.Web.Features.Indicators;
using Ammeindsats.Web.Infrastructure;
using Ammeindsats.Web.Infrastructure.Seeding;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Ammeindsats.Benchmarks;

/// <summary>
/// The figures behind an indicator's detail page for every area: a fresh SQLite database with the
/// reference data and a generated child-level file of births 2015–2024 imported (all 98
/// municipalities, the birth sites and DK, three breakdowns, ten years: 3,630 cohorts), then
/// <see cref="IndicatorFigures.ComputeAsync"/> as the page calls it.
/// </summary>
/// <remarks>
/// "Uncached" gives each call an empty cache, which is what the first request after an import or
/// an approval pays when the warm-up has not yet run; "Cached" is every later request: the data
/// fingerprint queries, the cache hit and the copy of the figures.
/// </remarks>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The cache is disposed in GlobalCleanup, the end of a benchmark class's life.")]
public class DetailFiguresBenchmarks
{
    private string _folder = string.Empty;
    private WebApplication _app = null!;
    private IndicatorDefinition _threshold = null!;
    private IndicatorDefinition _median = null!;
    private readonly MemoryCache _sharedCache = new(new MemoryCacheOptions { SizeLimit = 2_000_000 });

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _folder = Directory.CreateTempSubdirectory("ammeindsats-bench-").FullName;
        _app = AppBuilder.Build(
            [
                "--Database:Provider=Sqlite",
                $"--ConnectionStrings:Default=Data Source={Path.Combine(_folder, "figures.db")}",
                "--Logging:LogLevel:Default=Warning",
            ],
            AppMode.CommandLine);
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
        await db.Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<Seeder>().RunAsync(SeedKind.Reference);

        using var file = new MemoryStream();
        using (var writer = new StreamWriter(file, new UTF8Encoding(false), leaveOpen: true))
        {
            ChildFileGenerator.Write(writer, 200_000);
        }

        file.Position = 0;
        var outcome = await scope.ServiceProvider.GetRequiredService<IndicatorImporter>()
            .RunAsync(ImportKind.ChildRecords, file, new ImportActor(null, "benchmark"), dryRun: false, approve: true, "children.csv");
        if (!outcome.Succeeded || outcome.Inserted != 3630)
        {
            throw new InvalidOperationException($"Setup import: {outcome.Describe()} {string.Join("; ", outcome.Problems.Select(p => p.Message))}");
        }

        _threshold = await db.Indicators.AsNoTracking().SingleAsync(i => i.Code == "fuldamning-2uger");
        _median = await db.Indicators.AsNoTracking().SingleAsync(i => i.Code == "fuldamning-median-dage");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sharedCache.Dispose();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task<int> ThresholdUncached() => ComputeAsync(_threshold, cached: false);

    [Benchmark]
    public Task<int> ThresholdCached() => ComputeAsync(_threshold, cached: true);

    [Benchmark]
    public Task<int> MedianUncached() => ComputeAsync(_median, cached: false);

    /// <summary>
    /// The threshold indicator computed afresh when another indicator has already been computed for the same
    /// data: the decoded cohorts and their sums over municipalities come from the cache, the figures do not.
    /// This is the warm-up's case after a change, and a request's when another indicator was asked for first.
    /// </summary>
    [Benchmark]
    public async Task<int> ThresholdSharedData()
    {
        foreach (var key in _sharedCache.Keys.OfType<string>().Where(k => k.StartsWith("figures|", StringComparison.Ordinal)).ToList())
        {
            _sharedCache.Remove(key);
        }

        using var scope = _app.Services.CreateScope();
        var figures = ActivatorUtilities.CreateInstance<IndicatorFigures>(scope.ServiceProvider, _sharedCache);
        return (await figures.ComputeAsync(_threshold, publishedOnly: true, "DK", CancellationToken.None)).Count;
    }

    /// <summary>
    /// Writes every figure of every indicator (published and working, benchmark DK and region),
    /// computed afresh, one line each in a fixed order, so two builds can be compared with cmp.
    /// </summary>
    public async Task DumpAsync(TextWriter output)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
        var indicators = await db.Indicators.AsNoTracking().OrderBy(i => i.Code).ToListAsync();
        var lines = new List<string>();
        // One cache for the whole dump: every figure is computed afresh (the keys differ), while data shared
        // between indicators is reused as on a running server.
        using var cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = 2_000_000 });
        foreach (var indicator in indicators)
        {
            foreach (var publishedOnly in new[] { true, false })
            {
                foreach (var benchmark in new[] { "DK", "region" })
                {
                    var figures = ActivatorUtilities.CreateInstance<IndicatorFigures>(scope.ServiceProvider, cache);
                    foreach (var f in await figures.ComputeAsync(indicator, publishedOnly, benchmark, CancellationToken.None))
                    {
                        lines.Add(string.Join(
                            '\t',
                            indicator.Code,
                            publishedOnly ? "published" : "working",
                            benchmark,
                            f.Area.Code,
                            f.Period,
                            f.Breakdown,
                            Whole(f.Numerator),
                            Whole(f.Denominator),
                            Text(f.Value),
                            Text(f.Ci95?.Lower),
                            Text(f.Ci95?.Upper),
                            Text(f.Ci998?.Lower),
                            Text(f.Ci998?.Upper),
                            f.Comparison?.ToString() ?? "-",
                            f.Suppressed ? "suppressed" : "shown",
                            Text(f.KmValue),
                            f.Status.ToString(),
                            f.Preliminary ? "preliminary" : "final",
                            f.IsDemo ? "demo" : "real",
                            Curve(f.Ended),
                            Curve(f.Censored)));
                    }
                }
            }
        }

        lines.Sort(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line);
        }

        static string Text(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "-";

        static string Whole(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

        // Length, total and a position-weighted checksum: any change in a daily count changes the checksum.
        static string Curve(int[]? counts)
        {
            if (counts is null)
            {
                return "-";
            }

            long total = 0;
            long weighted = 0;
            for (var i = 0; i < counts.Length; i++)
            {
                total += counts[i];
                weighted += (i + 1L) * counts[i];
            }

            return FormattableString.Invariant($"{counts.Length}/{total}/{weighted}");
        }
    }

    private async Task<int> ComputeAsync(IndicatorDefinition indicator, bool cached)
    {
        // A scope per call, as a request has.
        using var scope = _app.Services.CreateScope();
        var figures = cached
            ? scope.ServiceProvider.GetRequiredService<IndicatorFigures>()
            : ActivatorUtilities.CreateInstance<IndicatorFigures>(scope.ServiceProvider, new MemoryCache(new MemoryCacheOptions { SizeLimit = 2_000_000 }));
        return (await figures.ComputeAsync(indicator, publishedOnly: true, "DK", CancellationToken.None)).Count;
    }
}
