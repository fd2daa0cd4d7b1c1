using Ammeindsats.Core.Disclosure;
using Xunit.Abstractions;

namespace Ammeindsats.Core.Tests.Disclosure;

public class IntervalAttackTests(ITestOutputHelper output)
{
    private const string Year = "2023";

    private static AttackFigure F(string area, int threshold, int n, int d, bool published, string breakdown = "") =>
        new(area, Year, breakdown, threshold, n, d, published);

    [Fact]
    public void Attack_NarrowsACountThatRankCallsSafe_ByNonNegativity()
    {
        // Region 1081 (2 of 70) = A (2 of 30) + B (0 of 40), both withheld. Neither can be worked out exactly, but
        // counts are not negative: A's numerator is 0, 1 or 2, a range of 2 where 4 is asked.
        AttackFigure[] figures = [F("1081", 7, 2, 70, true), F("A", 7, 2, 30, false), F("B", 7, 0, 40, false)];
        var sums = new[] { new AreaSum("1081", Year, ["A", "B"], Remainder: false) };
        var report = new IntervalAttack().Run(figures, sums);
        Assert.Contains(report.Findings, f => f.What == "numerator A/2023/ @7" && f.Lower == 0 && f.Upper == 2);

        // The exact-rank check agrees that nothing is derivable: its answer is not enough.
        var cells = figures.Select(f => DisclosureCell.Proportion(new CellKey(f.Area, Year, ""), f.Numerator, f.Denominator)).ToList();
        var relation = CellRelation.Sum(new CellKey("1081", Year, ""), new CellKey("A", Year, ""), new CellKey("B", Year, ""));
        Assert.Empty(new DisclosurePolicy().FindDerivableCells(cells, [relation], [new CellKey("1081", Year, "")]));
    }

    [Fact]
    public void Attack_UsesTheInequalitiesBetweenThresholds()
    {
        // At 14 days A (2 of 25) and B (20 of 30) are withheld and the region shows 22 of 55. At 7 days A shows
        // 2 of 25, so A reached 14 days at most twice; B shows 20 of 30, so B at most 20: A is exactly 2.
        AttackFigure[] figures =
        [
            F("1081", 14, 22, 55, true), F("A", 14, 2, 25, false), F("B", 14, 20, 30, false),
            F("1081", 7, 22, 55, true), F("A", 7, 2, 25, true), F("B", 7, 20, 30, true),
        ];
        var sums = new[] { new AreaSum("1081", Year, ["A", "B"], Remainder: false) };
        var report = new IntervalAttack().Run(figures, sums);
        Assert.Contains(report.Findings, f => f.What.StartsWith("numerator A/", StringComparison.Ordinal) && f.Lower == 2 && f.Upper == 2);

        // Without the 7-day figures, A's numerator can be anything from 0 to 22: safe.
        var alone = new IntervalAttack().Run(figures.Where(f => f.Threshold == 14), sums);
        Assert.DoesNotContain(alone.Findings, f => f.What.StartsWith("numerator A/", StringComparison.Ordinal));
    }

    [Fact]
    public void Attack_FindsSmallDifferencesBetweenPublishedThresholds_AndSmallRemainders()
    {
        // 40 of 50 at 7 days, 37 of 48 at 14 days: 3 stopped or were censored in between, 2 were censored.
        // First-born 20 of 25 and later-born 18 of 23 leave 2 of 2 of unknown parity at 7 days.
        AttackFigure[] figures =
        [
            F("A", 7, 40, 50, true), F("A", 14, 37, 48, true),
            F("A", 7, 20, 25, true, IntervalAttack.FirstBorn), F("A", 7, 18, 23, true, IntervalAttack.LaterBorn),
            F("A", 14, 19, 24, true, IntervalAttack.FirstBorn), F("A", 14, 17, 22, true, IntervalAttack.LaterBorn),
        ];
        var report = new IntervalAttack().Run(figures, []);
        Assert.Contains(report.Findings, f => f.What == "reached 7 not 14 A/2023/" && f.TrueValue == 3 && f.Width == 0);
        Assert.Contains(report.Findings, f => f.What == "censored 7..14 A/2023/" && f.TrueValue == 2);
        Assert.Contains(report.Findings, f => f.What == $"denominator A/2023/{IntervalAttack.ParityRest} @7" && f.TrueValue == 2);
    }

    [Fact]
    public void FamilyPolicy_RecoversFarLessThanPerThreshold_OnGeneratedTinyMunicipalities()
    {
        var family = GeneratedFamily.Tiny(seed: 8);
        var tables = family.Tables();
        var policy = new DisclosurePolicy();
        var perThreshold = tables.ToDictionary(t => t.Threshold, t => policy.Apply(t.Cells, t.Relations));
        var before = new IntervalAttack().Run(family.Published(tables, (t, key) => perThreshold[t].IsPublished(key)), family.Sums());
        Describe("per threshold", before, perThreshold.Values.Sum(r => r.Cells.Count(c => c.Status == DisclosureStatus.Suppressed)));

        var results = new ThresholdFamilyDisclosure(policy).Apply(tables.Select(t => new ThresholdTable(t.Threshold, t.Cells, t.Relations)).ToList());
        var after = new IntervalAttack().Run(family.Published(tables, (t, key) => results[t].IsPublished(key)), family.Sums());
        Describe("family", after, results.Values.Sum(r => r.Cells.Count(c => c.Status == DisclosureStatus.Suppressed)));

        // Not yet every protected count: see ADR 0007 for what is left and why.
        Assert.True(after.Findings.Count * 3 < before.Findings.Count * 2, $"{after.Findings.Count} findings against {before.Findings.Count}");
        Assert.True(after.Exact * 20 < before.Exact, $"{after.Exact} exact against {before.Exact}");
        Assert.All(tables, t => Assert.All(t.Cells.Where(c => c.IsPublishable && results[t.Threshold].IsPublished(c.Key)), c => Assert.False(policy.IsPrimarySuppressed(c))));
    }

    private void Describe(string name, AttackReport report, int withheld)
    {
        output.WriteLine($"{name}: {withheld} cells withheld; {report.Protected} protected counts, {report.Findings.Count} narrower than the width ({report.Exact} exact); {report.LinearPrograms} LPs in {report.Elapsed.TotalSeconds:0.0} s");
        foreach (var group in report.Findings.GroupBy(f => $"{f.What.Split(' ')[0]} {(f.What.Contains("rest", StringComparison.Ordinal) ? "remainder" : "cell")} width {Math.Min(f.Width, 4):0}").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {group.Key}: {group.Count()}");
        }

        foreach (var f in report.Findings.OrderBy(f => f.Width).Take(20))
        {
            output.WriteLine("  " + f);
        }
    }
}
