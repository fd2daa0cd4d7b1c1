using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.Indicators.Import;
using Ammeindsats.Core.Seeding;
using Ammeindsats.Data;
using Ammeindsats.Web.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Indicators;

/// <summary>
/// Reference: the built-in indicator catalogue (existing rows are left as an administrator edited them).
/// Demo: invented birth cohorts 2015–2025 for every municipality, birth site and DK, marked as demo data,
/// with levels near those Den Nationale Børnedatabase published for 2015 (about 87 % at 2 weeks falling to
/// about 11 % at 6 months) and a small rise in Region Midtjylland after the 2023 agreement.
/// </summary>
public sealed class IndicatorSeeder(TimeProvider clock) : IModuleSeeder
{
    public const int FirstDemoYear = 2015;
    public const int LastDemoYear = 2025;

    public int Order => 100;

    public async Task SeedAsync(AmmeindsatsDbContext db, SeedKind kind, SeedReport report, CancellationToken ct)
    {
        var known = (await db.Indicators.Select(i => i.Code).ToListAsync(ct)).ToHashSet();
        foreach (var indicator in IndicatorCatalogue.BuiltIn.Where(i => !known.Contains(i.Code)))
        {
            db.Indicators.Add(indicator);
        }

        await db.SaveChangesAsync(ct);
        if (kind != SeedKind.Demo || await db.BirthCohorts.AnyAsync(ct))
        {
            return;
        }

        var areas = await db.Areas.AsNoTracking().ToListAsync(ct);
        var memberships = await db.AreaMemberships.AsNoTracking().ToListAsync(ct);
        var hierarchy = new AreaHierarchy(areas, memberships, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var cohorts = DemoCohorts.Generate(hierarchy, FirstDemoYear, LastDemoYear);
        var now = clock.GetUtcNow();
        foreach (var c in cohorts)
        {
            db.BirthCohorts.Add(new BirthCohort
            {
                AreaCode = c.AreaCode,
                BirthYear = c.BirthYear,
                Breakdown = c.Breakdown,
                Counts = DailyCounts.Encode(c.EndedByDay, c.CensoredByDay),
                Children = c.Children,
                // The last cohort is still being reported: draft, so it shows in the approval flow.
                Status = c.BirthYear < LastDemoYear ? ValueStatus.Approved : ValueStatus.Draft,
                Origin = "demo",
                UpdatedAt = now,
                UpdatedBy = "demo",
                IsDemo = true,
            });
        }

        await db.SaveBulkAsync(nameof(BirthCohort), "demo", new string('0', 64), cohorts.Count, "Demodata: opfundne fødselsårgange til demonstration", ct);
        report.Add($"Demodata for indikatorer: {Core.Common.DanishFormat.Number(cohorts.Count)} fødselsårgange ({FirstDemoYear}–{LastDemoYear}).");
    }
}

/// <summary>Deterministic invented cohorts for the demo.</summary>
public static class DemoCohorts
{
    // Survival of full breastfeeding at day d (piecewise linear), chosen near BDB's 2015 national levels.
    private static readonly (int Day, double Survival)[] Curve =
        [(0, 1.0), (3, 0.95), (7, 0.90), (14, 0.86), (30, 0.76), (61, 0.66), (122, 0.55), (150, 0.40), (183, 0.12), (240, 0.03), (300, 0.0)];

    public static List<ChildCohort> Generate(AreaHierarchy hierarchy, int firstYear, int lastYear)
    {
        var random = new Random(20230501);
        var municipalities = hierarchy.Areas.Where(a => a.Type == AreaType.Municipality).OrderBy(a => a.Code, StringComparer.Ordinal).ToList();
        var sums = new Dictionary<(string Area, int Year, string Breakdown), (int[] Ended, int[] Censored)>();

        foreach (var municipality in municipalities)
        {
            var region = hierarchy.ParentsOf(municipality.Code).FirstOrDefault(p => hierarchy.Find(p)!.Type == AreaType.Region) ?? string.Empty;
            var sites = region.Length == 0 ? [] : hierarchy.ChildrenOf(region, AreaType.BirthSite);
            // About 58,000 births a year in all, as in Denmark.
            var size = municipality.Code == "101" ? 4500 : 60 + random.Next(900);
            var areaEffect = (random.NextDouble() - 0.5) * 0.16;
            for (var year = firstYear; year <= lastYear; year++)
            {
                // Midtjylland's agreement came into force on 1 May 2023: a small invented rise from the 2024 cohort.
                var effect = areaEffect + (region == "1082" && year >= 2024 ? 0.06 : 0) - (year - firstYear) * 0.004;
                var children = (int)(size * (0.9 + random.NextDouble() * 0.2));
                for (var i = 0; i < children; i++)
                {
                    var firstBorn = random.NextDouble() < 0.43;
                    var day = EndDay(random.NextDouble(), effect - (firstBorn ? 0.04 : 0));
                    // About one child in ten was last seen while still fully breastfed (censored).
                    var censorAt = random.NextDouble() < 0.10 ? random.Next(0, 200) : int.MaxValue;
                    var censored = censorAt < day;
                    var observed = censored ? censorAt : day;
                    var breakdown = random.NextDouble() < 0.1 ? null : firstBorn ? ChildBreakdown.FirstBorn : ChildBreakdown.LaterBorn;
                    var site = sites.Count == 0 ? null : sites[random.Next(sites.Count)].Code;
                    foreach (var area in new[] { municipality.Code, site, AreaCode.Denmark })
                    {
                        if (area is null)
                        {
                            continue;
                        }

                        Add(sums, (area, year, ChildBreakdown.Total), observed, censored);
                        if (breakdown is not null)
                        {
                            Add(sums, (area, year, breakdown), observed, censored);
                        }
                    }
                }

                // Children with no municipality count only in DK.
                for (var i = 0; i < 3; i++)
                {
                    Add(sums, (AreaCode.Denmark, year, ChildBreakdown.Total), EndDay(random.NextDouble(), 0), false);
                }
            }
        }

        return sums.Select(kv => new ChildCohort(kv.Key.Area, kv.Key.Year, kv.Key.Breakdown, kv.Value.Ended, kv.Value.Censored)).ToList();
    }

    private static int EndDay(double u, double shift)
    {
        // Find the day where the (shifted) survival curve falls below u.
        for (var i = 1; i < Curve.Length; i++)
        {
            var s0 = Math.Clamp(Curve[i - 1].Survival + shift * Curve[i - 1].Survival * (1 - Curve[i - 1].Survival) * 4, 0, 1);
            var s1 = Math.Clamp(Curve[i].Survival + shift * Curve[i].Survival * (1 - Curve[i].Survival) * 4, 0, 1);
            if (u > s1)
            {
                var fraction = s0 == s1 ? 0 : (s0 - u) / (s0 - s1);
                return Curve[i - 1].Day + (int)Math.Max(0, fraction * (Curve[i].Day - Curve[i - 1].Day));
            }
        }

        return Curve[^1].Day;
    }

    private static void Add(Dictionary<(string, int, string), (int[] Ended, int[] Censored)> sums, (string, int, string) key, int day, bool censored)
    {
        if (!sums.TryGetValue(key, out var arrays))
        {
            arrays = (new int[301], new int[301]);
            sums[key] = arrays;
        }

        if (censored)
        {
            arrays.Censored[day]++;
        }
        else
        {
            arrays.Ended[day]++;
        }
    }
}
