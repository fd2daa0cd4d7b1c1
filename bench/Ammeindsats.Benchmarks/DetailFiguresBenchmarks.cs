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
public class DetailFiguresBenchmarks
{
    private string _folder = string.Empty;
    private WebApplication _app = null!;
    private IndicatorDefinition _threshold = null!;
    private IndicatorDefinition _median = null!;

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
