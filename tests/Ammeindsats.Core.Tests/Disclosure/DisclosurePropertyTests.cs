using Ammeindsats.Core.Disclosure;

namespace Ammeindsats.Core.Tests.Disclosure;

/// <summary>
/// Random tables of modest size, drawn from fixed seeds: areas (municipalities in one or two regions,
/// sometimes two clusters sharing a municipality the way København is in two, sometimes the country
/// with children of no municipality), years with or without their halves, with or without the parity
/// groups. Whatever comes out, the published cells must not give away a withheld one.
/// </summary>
public class DisclosurePropertyTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 200; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Apply_LeavesNothingDerivable_AndKeepsEverySmallCellWithheld(int seed)
    {
        var random = new Random(seed);
        var threshold = random.Next(4) switch { 0 => 3, 1 => 10, _ => 5 };
        var (cells, relations) = RandomSystem(random);

        var result = new DisclosurePolicy(new DisclosureOptions { Threshold = threshold }).Apply(cells, relations);

        foreach (var cell in cells)
        {
            var decision = result[cell.Key];
            if (!cell.IsPublishable)
            {
                Assert.Equal(DisclosureStatus.NotPublished, decision.Status);
            }
            else if (IsSmall(cell.Numerator!.Value, threshold) || IsSmall(cell.Denominator, threshold) || IsSmall(cell.Denominator - cell.Numerator.Value, threshold)
                || (cell.Denominator is > 0 and < 10 && (cell.Numerator == 0 || cell.Numerator == cell.Denominator)))
            {
                Assert.Equal(new CellDisclosure(cell.Key, DisclosureStatus.Suppressed, SuppressionReason.Primary), decision);
            }
            else if (cell.Denominator == 0)
            {
                Assert.Equal(DisclosureStatus.Published, decision.Status);
            }
            else
            {
                Assert.NotEqual(SuppressionReason.Primary, decision.Reason);
                Assert.Equal(decision.Reason == SuppressionReason.Secondary, decision.Status == DisclosureStatus.Suppressed);
            }
        }

        var derivable = ExactDerivability.DerivableCells(cells, relations, result.PublishedKeys);
        var exposed = derivable.Where(key => result[key].Status == DisclosureStatus.Suppressed).ToList();
        Assert.True(exposed.Count == 0, $"Seed {seed}: derivable after Apply: {string.Join(", ", exposed)}");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void FindDerivableCells_AgreesWithTheExactRankCheck(int seed)
    {
        // Any publication, not just the policy's own: publish each cell with probability 0.8.
        var random = new Random(seed);
        var (cells, relations) = RandomSystem(random);
        var published = cells.Where(c => c.IsPublishable && random.NextDouble() < 0.8).Select(c => c.Key).ToList();

        var expected = ExactDerivability.DerivableCells(cells, relations, published)
            .Where(key => cells.Single(c => c.Key == key).IsPublishable)
            .Order()
            .ToList();

        Assert.Equal(expected, new DisclosurePolicy().FindDerivableCells(cells, relations, published));
    }

    private static bool IsSmall(int count, int threshold) => count >= 1 && count < threshold;

    private static (List<DisclosureCell> Cells, List<CellRelation> Relations) RandomSystem(Random random)
    {
        var regions = random.Next(1, 3);
        var municipalities = new List<(string, string)>();
        for (var r = 0; r < regions; r++)
        {
            var count = random.Next(2, 5);
            for (var m = 0; m < count; m++)
            {
                municipalities.Add(($"{(r * 10) + m + 101}", $"{1081 + r}"));
            }
        }

        // Two clusters in the first region sharing its first municipality (as København is in RH-BYEN and RH-SYD).
        var clusters = new List<(string, IReadOnlyList<string>)>();
        var first = municipalities.Where(m => m.Item2 == "1081").Select(m => m.Item1).ToList();
        if (random.Next(2) == 0 && first.Count >= 3)
        {
            clusters.Add(("C-A", [first[0], first[1]]));
            clusters.Add(("C-B", [first[0], .. first.Skip(2)]));
        }

        var years = random.Next(3) == 0 ? new[] { "2022", "2023" } : new[] { "2023" };
        var shape = new DisclosureShape(
            municipalities,
            clusters,
            WithCountry: random.Next(2) == 0,
            years,
            WithHalves: random.Next(3) != 0,
            WithParity: random.Next(2) == 0,
            ExactParity: random.Next(2) == 0);

        return DisclosureSystems.Build(shape, (municipality, _, parity) =>
        {
            // Mostly small groups, so that primary suppression is common; empty groups now and then.
            var denominator = random.Next(10) switch
            {
                0 => 0,
                < 4 => random.Next(1, 7),
                < 8 => random.Next(5, 25),
                _ => random.Next(20, 80),
            };
            if (municipality is null || parity == 0)
            {
                denominator /= 3;
            }

            var numerator = random.Next(4) switch
            {
                0 => 0,
                1 => denominator,
                _ => random.Next(denominator + 1),
            };
            return (numerator, denominator);
        });
    }
}
