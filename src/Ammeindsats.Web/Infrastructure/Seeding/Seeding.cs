using Ammeindsats.Core.Seeding;
using Ammeindsats.Data;

namespace Ammeindsats.Web.Infrastructure.Seeding;

/// <summary>
/// How a module adds its reference and demo data: one class in the module's folder, registered with
/// <c>services.AddModuleSeeder&lt;T&gt;()</c>. Seeders must be idempotent: running seed twice changes nothing.
/// </summary>
public interface IModuleSeeder
{
    /// <summary>Lower runs first (areas 10, users 20, modules 100+).</summary>
    int Order { get; }

    Task SeedAsync(AmmeindsatsDbContext db, SeedKind kind, SeedReport report, CancellationToken ct);
}

/// <summary>What a seeding run did, printed at start so the user knows how to log in.</summary>
public sealed class SeedReport
{
    public List<string> Lines { get; } = [];

    public void Add(string line) => Lines.Add(line);
}

public sealed class Seeder(IEnumerable<IModuleSeeder> seeders, AmmeindsatsDbContext db)
{
    public async Task<SeedReport> RunAsync(SeedKind kind, CancellationToken ct = default)
    {
        var report = new SeedReport();
        foreach (var seeder in seeders.OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(db, kind, report, ct);
            db.ChangeTracker.Clear();
        }

        return report;
    }
}

public static class SeedingRegistration
{
    public static IServiceCollection AddSeeding(this IServiceCollection services)
    {
        services.AddScoped<Seeder>();
        return services;
    }

    public static IServiceCollection AddModuleSeeder<T>(this IServiceCollection services)
        where T : class, IModuleSeeder =>
        services.AddScoped<IModuleSeeder, T>();

    /// <summary>Reads a CSV shipped inside the assembly (the running product never reads ../shared).</summary>
    public static IEnumerable<Dictionary<string, string>> ReadEmbeddedCsv(string fileName)
    {
        var assembly = typeof(SeedingRegistration).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + fileName, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var header = reader.ReadLine()!.Split(',');
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            yield return header.Select((h, i) => (h, v: i < cells.Length ? cells[i].Trim() : string.Empty)).ToDictionary(x => x.h, x => x.v);
        }
    }
}
