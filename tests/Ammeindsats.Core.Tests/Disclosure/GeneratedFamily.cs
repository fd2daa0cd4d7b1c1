using Ammeindsats.Core.Disclosure;

namespace Ammeindsats.Core.Tests.Disclosure;

/// <summary>
/// Generated children for the six breastfeeding thresholds: municipalities in regions, a few of them tiny,
/// overlapping clusters (one municipality in two, as København), children with no municipality in the
/// country only, and children of unknown parity. The tables are built as the product builds them: regions
/// and clusters are sums of their municipalities, the country is the regions plus an unpublished remainder,
/// the total breakdown is first-born plus later-born plus an unpublished remainder.
/// </summary>
internal sealed class GeneratedFamily
{
    public static readonly int[] Thresholds = [7, 14, 30, 61, 122, 183];

    public const string Country = "DK";

    private readonly record struct Child(string? Municipality, string Year, int Parity, int Days, bool Censored);

    private readonly List<Child> children = [];

    public GeneratedFamily(int seed, IReadOnlyDictionary<string, double> sizes, IReadOnlyDictionary<string, string> regionOf,
        IReadOnlyDictionary<string, IReadOnlyList<string>> clusters, IReadOnlyList<string> years, double unplaced)
    {
        Sizes = sizes;
        RegionOf = regionOf;
        Clusters = clusters;
        Years = years;
        var random = new Random(seed);
        foreach (var year in years)
        {
            foreach (var (municipality, size) in sizes.Select(kv => ((string?)kv.Key, kv.Value)).Append((null, unplaced)))
            {
                var count = (int)Math.Round(size * (0.8 + (0.4 * random.NextDouble())));
                for (var i = 0; i < count; i++)
                {
                    var u = random.NextDouble();
                    var parity = u < 0.04 ? 0 : u < 0.5 ? 1 : 2;

                    // Full breastfeeding ends after an exponential time (mean 90 days), a few in the first days;
                    // one in six is last seen still fully breastfed, at a uniform age up to 200 days.
                    var days = (int)(-90 * Math.Log(1 - random.NextDouble()));
                    var censored = random.NextDouble() < 1.0 / 6;
                    if (censored)
                    {
                        days = Math.Min(days, random.Next(200));
                    }

                    children.Add(new Child(municipality, year, parity, days, censored));
                }
            }
        }
    }

    public IReadOnlyDictionary<string, double> Sizes { get; }

    public IReadOnlyDictionary<string, string> RegionOf { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Clusters { get; }

    public IReadOnlyList<string> Years { get; }

    /// <summary>Two regions of five municipalities with two tiny ones (3 and 6 children a year), two clusters across regions, five unplaced.</summary>
    public static GeneratedFamily Tiny(int seed)
    {
        var sizes = new Dictionary<string, double>
        {
            ["101"] = 400,
            ["147"] = 60,
            ["151"] = 6,
            ["153"] = 25,
            ["155"] = 120,
            ["201"] = 3,
            ["203"] = 45,
            ["205"] = 200,
            ["207"] = 14,
            ["209"] = 80,
        };
        var regionOf = sizes.Keys.ToDictionary(m => m, m => m[0] == '1' ? "1081" : "1082");
        var clusters = new Dictionary<string, IReadOnlyList<string>>
        {
            ["K-NORD"] = ["101", "151", "201"],
            ["K-BYEN"] = ["101", "147"],
            ["K-VEST"] = ["203", "207", "153"],
        };
        return new GeneratedFamily(seed, sizes, regionOf, clusters, ["2022", "2023"], unplaced: 5);
    }

    private static (int Numerator, int Denominator) Counts(IEnumerable<Child> group, int threshold)
    {
        int reached = 0, endedBefore = 0;
        foreach (var c in group)
        {
            if (c.Days >= threshold)
            {
                reached++;
            }
            else if (!c.Censored)
            {
                endedBefore++;
            }
        }

        return (reached, reached + endedBefore);
    }

    private static readonly string[] Breakdowns = [IntervalAttack.AllChildren, IntervalAttack.FirstBorn, IntervalAttack.LaterBorn];

    private IEnumerable<Child> Of(string area, string year, string breakdown)
    {
        var inYear = children.Where(c => c.Year == year && (breakdown == IntervalAttack.AllChildren || c.Parity == (breakdown == IntervalAttack.FirstBorn ? 1 : 2)));
        return area == Country ? inYear
            : RegionOf.Values.Contains(area) ? inYear.Where(c => c.Municipality is not null && RegionOf[c.Municipality] == area)
            : Clusters.TryGetValue(area, out var members) ? inYear.Where(c => c.Municipality is not null && members.Contains(c.Municipality))
            : inYear.Where(c => c.Municipality == area);
    }

    public IEnumerable<string> Areas => Sizes.Keys.Concat(RegionOf.Values.Distinct()).Concat(Clusters.Keys).Append(Country);

    /// <summary>One table per threshold, with the relations the product gives the policy.</summary>
    public IReadOnlyList<(int Threshold, List<DisclosureCell> Cells, List<CellRelation> Relations)> Tables()
    {
        var tables = new List<(int, List<DisclosureCell>, List<CellRelation>)>();
        foreach (var threshold in Thresholds)
        {
            var cells = new Dictionary<CellKey, DisclosureCell>();
            var relations = new List<CellRelation>();
            foreach (var year in Years)
            {
                foreach (var b in Breakdowns)
                {
                    foreach (var area in Areas)
                    {
                        var (n, d) = Counts(Of(area, year, b), threshold);
                        cells[new CellKey(area, year, b)] = DisclosureCell.Proportion(new CellKey(area, year, b), n, d);
                    }

                    foreach (var region in RegionOf.Values.Distinct())
                    {
                        relations.Add(CellRelation.Sum(new CellKey(region, year, b), RegionOf.Where(kv => kv.Value == region).Select(kv => new CellKey(kv.Key, year, b))));
                    }

                    foreach (var (cluster, members) in Clusters)
                    {
                        relations.Add(CellRelation.Sum(new CellKey(cluster, year, b), members.Select(m => new CellKey(m, year, b))));
                    }

                    var (rn, rd) = Counts(children.Where(c => c.Year == year && c.Municipality is null && (b == IntervalAttack.AllChildren || c.Parity == (b == IntervalAttack.FirstBorn ? 1 : 2))), threshold);
                    var rest = new CellKey($"{Country}:rest-municipality", year, b);
                    cells[rest] = DisclosureCell.Unpublished(rest, rn, rd);
                    relations.Add(CellRelation.Sum(new CellKey(Country, year, b), [.. RegionOf.Values.Distinct().Select(r => new CellKey(r, year, b)), rest]));
                }

                foreach (var area in Areas)
                {
                    var total = cells[new CellKey(area, year, IntervalAttack.AllChildren)];
                    var first = cells[new CellKey(area, year, IntervalAttack.FirstBorn)];
                    var later = cells[new CellKey(area, year, IntervalAttack.LaterBorn)];
                    var rest = new CellKey(area, year, "rest-parity");
                    cells[rest] = DisclosureCell.Unpublished(rest, total.Numerator - first.Numerator - later.Numerator, total.Denominator - first.Denominator - later.Denominator);
                    relations.Add(CellRelation.Sum(total.Key, first.Key, later.Key, rest));
                }
            }

            tables.Add((threshold, cells.Values.ToList(), relations));
        }

        return tables;
    }

    /// <summary>What an anonymous reader gets, given which keys each threshold publishes.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Read beside the family's other views of its data (Sums, the tables).")]
    public List<AttackFigure> Published(IReadOnlyList<(int Threshold, List<DisclosureCell> Cells, List<CellRelation> Relations)> tables, Func<int, CellKey, bool> isPublished) =>
        tables.SelectMany(t => t.Cells.Where(c => c.IsPublishable)
                .Select(c => new AttackFigure(c.Key.Area, c.Key.Period, c.Key.Breakdown, t.Threshold, c.Numerator!.Value, c.Denominator, isPublished(t.Threshold, c.Key))))
            .ToList();

    /// <summary>The sums an attacker knows: regions and clusters of their municipalities, the country of its regions and the unplaced.</summary>
    public List<AreaSum> Sums() =>
        Years.SelectMany(year => RegionOf.Values.Distinct()
                .Select(r => new AreaSum(r, year, RegionOf.Where(kv => kv.Value == r).Select(kv => kv.Key).ToList(), Remainder: false))
                .Concat(Clusters.Select(c => new AreaSum(c.Key, year, c.Value, Remainder: false)))
                .Append(new AreaSum(Country, year, RegionOf.Values.Distinct().ToList(), Remainder: true)))
            .ToList();
}
