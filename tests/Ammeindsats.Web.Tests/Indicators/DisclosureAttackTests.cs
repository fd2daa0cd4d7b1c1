using System.Diagnostics;
using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Disclosure;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.Indicators.Import;
using Ammeindsats.Core.Tests.Disclosure;
using Ammeindsats.Data;
using Ammeindsats.Web.Features.Indicators;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>
/// The interval attack over every threshold figure an anonymous visitor can fetch from the demo data: all areas
/// (overlapping clusters, København, birth sites), all breakdowns, with non-negativity and the inequalities between
/// thresholds. Opt-in, as it takes long: set AMMEINDSATS_ATTACK_DEMO to birth years ("2023", "2015,2023") or "all".
/// It prints the withheld cells for the per-threshold rule (re-run here on the same tables) and for what the product
/// publishes; with AMMEINDSATS_ATTACK_DEMO_LP=1 it also runs the linear programmes on both (more than 25 minutes for
/// one birth year on a loaded two-core machine).
/// </summary>
public class DisclosureAttackTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task DemoData_PublishedFigures_UnderTheIntervalAttack()
    {
        var years = Environment.GetEnvironmentVariable("AMMEINDSATS_ATTACK_DEMO");
        Skip.If(string.IsNullOrWhiteSpace(years), "Set AMMEINDSATS_ATTACK_DEMO to birth years or \"all\" to run the interval attack on the demo data.");
        bool InYears(string period) => years == "all" || years!.Split(',').Contains(period);

        using var app = TestApp.Create(DatabaseProvider.Sqlite);
        _ = app.Server;
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
        var service = scope.ServiceProvider.GetRequiredService<IndicatorFigures>();
        var thresholds = await db.Indicators.AsNoTracking().Where(i => i.Kind == IndicatorKind.Threshold).OrderBy(i => i.ThresholdDays).ToListAsync();
        var clock = Stopwatch.StartNew();
        var figures = new List<Figure>();
        foreach (var indicator in thresholds)
        {
            figures.AddRange((await service.ComputeAsync(indicator, publishedOnly: true, "DK", default)).Where(f => InYears(f.Period)));
        }

        output.WriteLine($"figures: {figures.Count} in {clock.Elapsed.TotalSeconds:0.0} s");
        var areas = await db.Areas.AsNoTracking().ToListAsync();
        var memberships = await db.AreaMemberships.AsNoTracking().ToListAsync();
        var sums = Sums(figures, areas, memberships);

        AttackFigure ToAttack(Figure f, bool published) =>
            new(f.Area.Code, f.Period, f.Breakdown, f.Indicator.ThresholdDays!.Value, f.Numerator ?? 0, f.Denominator ?? 0, published);

        // The per-threshold exact-rank rule on the same tables, for comparison.
        var tables = Tables(figures, sums);
        var policy = new DisclosurePolicy();
        var perThreshold = tables.ToDictionary(t => t.ThresholdDays, t => policy.Apply(t.Cells, t.Relations));
        var withheldBefore = perThreshold.Values.Sum(r => r.Cells.Count(c => c.Status == DisclosureStatus.Suppressed));
        var withheldAfter = figures.Count(f => f.Suppressed);
        var municipal = figures.Where(f => f.Area.Type == AreaType.Municipality).ToList();
        output.WriteLine($"withheld threshold cells: per threshold {withheldBefore}, published {withheldAfter} of {figures.Count}; " +
            $"municipalities {municipal.Count(f => perThreshold[f.Indicator.ThresholdDays!.Value][new CellKey(f.Area.Code, f.Period, f.Breakdown)].Status == DisclosureStatus.Suppressed)} " +
            $"and {municipal.Count(f => f.Suppressed)} of {municipal.Count}");
        foreach (var t in thresholds)
        {
            var of = figures.Where(f => f.Indicator.Code == t.Code).ToList();
            output.WriteLine($"  {t.Code}: {perThreshold[t.ThresholdDays!.Value].Cells.Count(c => c.Status == DisclosureStatus.Suppressed)} → {of.Count(f => f.Suppressed)} of {of.Count}");
        }

        Assert.True(withheldAfter >= withheldBefore);
        if (Environment.GetEnvironmentVariable("AMMEINDSATS_ATTACK_DEMO_LP") != "1")
        {
            return;
        }

        // What the product publishes.
        var after = new IntervalAttack().Run(figures.Select(f => ToAttack(f, !f.Suppressed)), sums);
        Describe("published", after, withheldAfter);

        var before = new IntervalAttack().Run(
            figures.Select(f => ToAttack(f, perThreshold[f.Indicator.ThresholdDays!.Value].IsPublished(new CellKey(f.Area.Code, f.Period, f.Breakdown)))), sums);
        Describe("per threshold", before, withheldBefore);

        Assert.True(after.Exact < before.Exact, "The family rule should leave fewer counts exactly recoverable.");
    }

    private static List<AreaSum> Sums(List<Figure> figures, List<Area> areas, List<AreaMembership> memberships)
    {
        var sums = new List<AreaSum>();
        var byKey = figures.Where(f => f.Breakdown.Length == 0).GroupBy(f => (f.Area.Code, f.Period)).ToDictionary(g => g.Key, g => g.OrderBy(f => f.Indicator.ThresholdDays).First());
        foreach (var period in figures.Select(f => f.Period).Distinct())
        {
            var p = Period.Parse(period);
            var hierarchy = new AreaHierarchy(areas, memberships, p.Start.AddDays((p.End.DayNumber - p.Start.DayNumber) / 2));
            var present = figures.Where(f => f.Period == period).Select(f => f.Area).DistinctBy(a => a.Code).ToList();
            var codes = present.Select(a => a.Code).ToHashSet();

            void Add(string parent, List<string> members, bool remainder)
            {
                if (members.Count == 0 || !byKey.TryGetValue((parent, period), out var whole))
                {
                    return;
                }

                var parts = members.Where(m => byKey.ContainsKey((m, period))).Select(m => byKey[(m, period)]).ToList();
                remainder |= parts.Sum(m => m.Denominator ?? 0) != whole.Denominator || parts.Sum(m => m.Numerator ?? 0) != whole.Numerator;
                sums.Add(new AreaSum(parent, period, members, remainder));
            }

            foreach (var parent in present.Where(a => a.Type is AreaType.Region or AreaType.Cluster or AreaType.HealthCouncil))
            {
                Add(parent.Code, hierarchy.MunicipalitiesOf(parent.Code).Where(codes.Contains).ToList(), remainder: false);
            }

            Add(AreaCode.Denmark, present.Where(a => a.Type == AreaType.Region).Select(a => a.Code).ToList(), remainder: true);
            Add(AreaCode.Denmark, present.Where(a => a.Type == AreaType.BirthSite).Select(a => a.Code).ToList(), remainder: true);
        }

        return sums;
    }

    /// <summary>The per-threshold tables with the sums the product relies on (remainders unpublished).</summary>
    private static List<ThresholdTable> Tables(List<Figure> figures, List<AreaSum> sums)
    {
        var tables = new List<ThresholdTable>();
        foreach (var group in figures.GroupBy(f => f.Indicator.ThresholdDays!.Value))
        {
            var cells = group.ToDictionary(f => new CellKey(f.Area.Code, f.Period, f.Breakdown), f => DisclosureCell.Proportion(new CellKey(f.Area.Code, f.Period, f.Breakdown), f.Numerator ?? 0, f.Denominator ?? 0));
            var relations = new List<CellRelation>();

            void AddRelation(CellKey parent, List<CellKey> members, string restName)
            {
                var parts = members.Where(cells.ContainsKey).ToList();
                if (!cells.TryGetValue(parent, out var whole) || parts.Count == 0)
                {
                    return;
                }

                var n = whole.Numerator!.Value - parts.Sum(m => cells[m].Numerator!.Value);
                var d = whole.Denominator - parts.Sum(m => cells[m].Denominator);
                if (n < 0 || d < 0 || n > d)
                {
                    return;
                }

                if (n != 0 || d != 0)
                {
                    var rest = new CellKey($"{parent.Area}:{restName}", parent.Period, parent.Breakdown);
                    cells[rest] = DisclosureCell.Unpublished(rest, n, d);
                    parts.Add(rest);
                }

                relations.Add(CellRelation.Sum(parent, parts));
            }

            foreach (var b in group.Select(f => f.Breakdown).Distinct().ToList())
            {
                var i = 0;
                foreach (var sum in sums)
                {
                    AddRelation(new CellKey(sum.Parent, sum.Period, b), sum.Members.Select(m => new CellKey(m, sum.Period, b)).ToList(), $"rest-{i++}");
                }
            }

            foreach (var total in cells.Keys.Where(k => k.Breakdown.Length == 0).ToList())
            {
                AddRelation(total, [total with { Breakdown = IntervalAttack.FirstBorn }, total with { Breakdown = IntervalAttack.LaterBorn }], "rest-parity");
            }

            tables.Add(new ThresholdTable(group.Key, cells.Values.ToList(), relations));
        }

        return tables;
    }

    private void Describe(string name, AttackReport report, int withheld)
    {
        output.WriteLine($"{name}: {withheld} threshold cells withheld; {report.Protected} protected counts, {report.Findings.Count} narrower than the width ({report.Exact} exact); {report.LinearPrograms} LPs in {report.Elapsed.TotalSeconds:0.0} s");
        foreach (var group in report.Findings.GroupBy(f => f.What.Split(' ')[0]))
        {
            output.WriteLine($"  {group.Key}: {group.Count()} ({group.Count(f => f.Width < 0.5)} exact)");
        }

        foreach (var f in report.Findings.Take(10))
        {
            output.WriteLine("  " + f);
        }
    }
}
