using Ammeindsats.Core.Disclosure;

namespace Ammeindsats.Core.Tests.Disclosure;

/// <summary>The shape of a table to publish: areas with their parents, periods and breakdowns.</summary>
internal sealed record DisclosureShape(
    IReadOnlyList<(string Municipality, string Region)> Municipalities,
    IReadOnlyList<(string Cluster, IReadOnlyList<string> Members)> Clusters,
    bool WithCountry,
    IReadOnlyList<string> Years,
    bool WithHalves,
    bool WithParity,
    bool ExactParity);

/// <summary>
/// Builds consistent cells and relations from child counts drawn at the finest level (municipality ×
/// half-year × parity, plus children with no municipality or no parity), so every parent is the true sum
/// of its parts, as in the real tables.
/// </summary>
internal static class DisclosureSystems
{
    public const string Country = "DK";
    public const string Total = "";
    public const string FirstBorn = "parity-1";
    public const string LaterBorn = "parity-2plus";

    /// <summary>(numerator, denominator) for one municipality (null: no municipality), half-year and parity (0: unknown).</summary>
    public delegate (int Numerator, int Denominator) LeafCounts(string? municipality, string half, int parity);

    public static (List<DisclosureCell> Cells, List<CellRelation> Relations) Build(DisclosureShape shape, LeafCounts counts)
    {
        var halves = shape.Years.SelectMany(y => new[] { y + "H1", y + "H2" }).ToList();
        var parities = shape.WithParity && shape.ExactParity ? new[] { 1, 2 } : new[] { 0, 1, 2 };
        var leaves = new Dictionary<(string? Municipality, string Half, int Parity), (int N, int D)>();
        var leafAreas = shape.Municipalities.Select(m => (string?)m.Municipality).ToList();
        if (shape.WithCountry)
        {
            leafAreas.Add(null);
        }

        foreach (var municipality in leafAreas)
        {
            foreach (var half in halves)
            {
                foreach (var parity in parities)
                {
                    leaves[(municipality, half, parity)] = counts(municipality, half, parity);
                }
            }
        }

        // The children each area covers: a municipality itself, a region and a cluster their members
        // (København once in its region, whatever its clusters), the country everyone.
        var areas = new Dictionary<string, List<string?>>();
        foreach (var (municipality, _) in shape.Municipalities)
        {
            areas[municipality] = [municipality];
        }

        foreach (var region in shape.Municipalities.Select(m => m.Region).Distinct())
        {
            areas[region] = shape.Municipalities.Where(m => m.Region == region).Select(m => (string?)m.Municipality).ToList();
        }

        foreach (var (cluster, members) in shape.Clusters)
        {
            areas[cluster] = [.. members];
        }

        if (shape.WithCountry)
        {
            areas[Country] = leafAreas;
        }

        var periods = shape.WithHalves ? shape.Years.Concat(halves).ToList() : shape.Years.ToList();
        var breakdowns = shape.WithParity ? new[] { Total, FirstBorn, LaterBorn } : new[] { Total };
        var cells = new Dictionary<CellKey, DisclosureCell>();

        (int N, int D) Sum(IEnumerable<string?> municipalities, string period, int[] parityValues)
        {
            string[] periodHalves = period.Length == 4 ? [period + "H1", period + "H2"] : [period];
            int n = 0, d = 0;
            foreach (var municipality in municipalities)
            {
                foreach (var half in periodHalves)
                {
                    foreach (var parity in parityValues)
                    {
                        if (leaves.TryGetValue((municipality, half, parity), out var leaf))
                        {
                            n += leaf.N;
                            d += leaf.D;
                        }
                    }
                }
            }

            return (n, d);
        }

        static int[] Parities(string breakdown) => breakdown switch
        {
            FirstBorn => [1],
            LaterBorn => [2],
            _ => [0, 1, 2],
        };

        foreach (var (area, members) in areas)
        {
            foreach (var period in periods)
            {
                foreach (var breakdown in breakdowns)
                {
                    var key = new CellKey(area, period, breakdown);
                    var (n, d) = Sum(members, period, Parities(breakdown));
                    cells[key] = DisclosureCell.Proportion(key, n, d);
                }
            }
        }

        var relations = new List<CellRelation>();
        void AddRemainder(CellKey key, IEnumerable<string?> municipalities, string period, int[] parityValues)
        {
            var (n, d) = Sum(municipalities, period, parityValues);
            cells[key] = DisclosureCell.Unpublished(key, n, d);
        }

        foreach (var period in periods)
        {
            foreach (var breakdown in breakdowns)
            {
                CellKey Key(string area) => new(area, period, breakdown);
                foreach (var region in shape.Municipalities.Select(m => m.Region).Distinct())
                {
                    relations.Add(CellRelation.Sum(Key(region), shape.Municipalities.Where(m => m.Region == region).Select(m => Key(m.Municipality))));
                }

                foreach (var (cluster, members) in shape.Clusters)
                {
                    relations.Add(CellRelation.Sum(Key(cluster), members.Select(Key)));
                }

                if (shape.WithCountry)
                {
                    var rest = Key(Country + ":rest-municipality");
                    AddRemainder(rest, [null], period, Parities(breakdown));
                    relations.Add(CellRelation.Sum(Key(Country), [.. shape.Municipalities.Select(m => m.Region).Distinct().Select(Key), rest]));
                }
            }
        }

        foreach (var area in areas.Keys)
        {
            foreach (var breakdown in shape.WithHalves ? breakdowns : [])
            {
                foreach (var year in shape.Years)
                {
                    relations.Add(CellRelation.Sum(new CellKey(area, year, breakdown), new CellKey(area, year + "H1", breakdown), new CellKey(area, year + "H2", breakdown)));
                }
            }

            foreach (var period in shape.WithParity ? periods : [])
            {
                var parts = new List<CellKey> { new(area, period, FirstBorn), new(area, period, LaterBorn) };
                if (!shape.ExactParity)
                {
                    var rest = new CellKey(area, period, "rest-parity");
                    AddRemainder(rest, areas[area], period, [0]);
                    parts.Add(rest);
                }

                relations.Add(CellRelation.Sum(new CellKey(area, period, Total), parts));
            }
        }

        return (cells.Values.ToList(), relations);
    }
}
