using Ammeindsats.Core.Disclosure;

namespace Ammeindsats.Core.Tests.Disclosure;

/// <summary>
/// Tables the size of the real one: 98 municipalities in five regions, clusters of neighbouring
/// municipalities with København in two of them, the country with children of no municipality, and the
/// parity groups with children of unknown parity; ten birth years, or birth years with their halves.
/// </summary>
public class RealisticSystemTests
{
    [Fact]
    public void CountryWide_TenBirthYears_ThreeBreakdowns_NothingDerivable()
    {
        var shape = Denmark(Enumerable.Range(2016, 10).Select(y => $"{y}").ToList(), withHalves: false);
        AssertSafe(DisclosureSystems.Build(shape, Births(seed: 2026)));
    }

    [Fact]
    public void CountryWide_ThreeBirthYearsWithTheirHalves_NothingDerivable()
    {
        var shape = Denmark(["2021", "2022", "2023"], withHalves: true);
        AssertSafe(DisclosureSystems.Build(shape, Births(seed: 2027)));
    }

    private static void AssertSafe((List<DisclosureCell> Cells, List<CellRelation> Relations) system)
    {
        var (cells, relations) = system;

        var result = new DisclosurePolicy().Apply(cells, relations);

        // Every cell with 1–4 children on either side is withheld as primary, and there is secondary work to do.
        var small = cells.Where(c => c.IsPublishable && (IsSmall(c.Numerator!.Value) || IsSmall(c.Denominator) || IsSmall(c.Denominator - c.Numerator.Value))).ToList();
        Assert.NotEmpty(small);
        Assert.All(small, c => Assert.Equal(SuppressionReason.Primary, result[c.Key].Reason));
        Assert.Contains(result.Cells, c => c.Reason == SuppressionReason.Secondary);

        // The national figure for every period and breakdown stays published: it is the largest cell of
        // every equation it is in, so it is the last one any rule would take.
        Assert.All(cells.Where(c => c.Key.Area == DisclosureSystems.Country && c.IsPublishable), c => Assert.True(result.IsPublished(c.Key), c.Key.ToString()));

        var derivable = ExactDerivability.DerivableCells(cells, relations, result.PublishedKeys);
        Assert.DoesNotContain(derivable, key => result[key].Status == DisclosureStatus.Suppressed);
    }

    private static bool IsSmall(int count) => count is >= 1 and <= 4;

    private const string Island = "825";

    /// <summary>98 municipalities: 11 (with the island), 19, 22, 29 and 17 in the five regions; clusters of about four.</summary>
    private static DisclosureShape Denmark(IReadOnlyList<string> years, bool withHalves)
    {
        var municipalities = new List<(string, string)>();
        var clusters = new List<(string, IReadOnlyList<string>)>();
        int[] perRegion = [10, 19, 22, 29, 17];
        var code = 101;
        for (var r = 0; r < perRegion.Length; r++)
        {
            var region = $"{1081 + r}";
            var members = Enumerable.Range(0, perRegion[r]).Select(i => $"{code + (i * 2)}").ToList();
            code += 100;
            municipalities.AddRange(members.Select(m => (m, region)));
            for (var c = 0; c * 4 < members.Count; c++)
            {
                clusters.Add(($"K-{region}-{c}", members.Skip(c * 4).Take(4).ToList()));
            }
        }

        // København (101, first of the first region here) is in a second cluster as well.
        var first = municipalities.Where(m => m.Item2 == "1081").Select(m => m.Item1).ToList();
        clusters.Add(("K-BYEN", [first[0], first[^1]]));
        municipalities.Add((Island, "1081"));
        return new DisclosureShape(
            municipalities,
            clusters,
            WithCountry: true,
            years,
            withHalves,
            WithParity: true,
            ExactParity: false);
    }

    /// <summary>
    /// Children per municipality and half-year roughly as in Denmark (about 30,000 births a half-year):
    /// a small island with about 4, two more with about 10 and 15, København with about 4,500 and the
    /// rest from 30 to 730 (most of them a few hundred); about 15 % fully breastfed (the 6-month
    /// figure, the one with the smallest numerators), 45 % first-born and 3 % of unknown parity.
    /// </summary>
    private static DisclosureSystems.LeafCounts Births(int seed)
    {
        var random = new Random(seed);
        var sizes = new Dictionary<string, double> { [Island] = 4, ["103"] = 10, ["105"] = 15, ["101"] = 4500 };
        return (municipality, _, parity) =>
        {
            var size = municipality is null ? 60
                : sizes.TryGetValue(municipality, out var known) ? known
                : sizes[municipality] = 30 + (700 * Math.Pow(random.NextDouble(), 2));
            var share = parity switch { 0 => 0.03, 1 => 0.45, _ => 0.52 };
            var denominator = (int)Math.Round(size * share * (0.8 + (0.4 * random.NextDouble())));
            var numerator = 0;
            for (var i = 0; i < denominator; i++)
            {
                numerator += random.NextDouble() < 0.15 ? 1 : 0;
            }

            return (numerator, denominator);
        };
    }
}
