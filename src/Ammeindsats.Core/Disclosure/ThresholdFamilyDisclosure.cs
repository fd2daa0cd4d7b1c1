namespace Ammeindsats.Core.Disclosure;

/// <summary>One indicator of a family of thresholds over the same children (fully breastfed at 1 week, 2 weeks, …).</summary>
/// <param name="ThresholdDays">The threshold; the family's tables are compared in this order.</param>
/// <param name="Cells">The cells, with the same keys in every table of the family.</param>
/// <param name="Relations">The sums, as for <see cref="DisclosurePolicy.Apply(IEnumerable{DisclosureCell}, IEnumerable{CellRelation})"/>.</param>
public sealed record ThresholdTable(int ThresholdDays, IReadOnlyList<DisclosureCell> Cells, IReadOnlyList<CellRelation> Relations);

/// <summary>
/// Disclosure control for a family of threshold indicators decided as one table. The figures of one area, period
/// and breakdown at different thresholds describe the same children, so beside its own counts every pair of
/// published thresholds tells a reader three more: N(T) − N(U) children reached T but not U (stopped or were last
/// seen in between), D(T) − D(U) were last seen in between, and (D − N)(U) − (D − N)(T) stopped in between. And a
/// reader subtracts the published parts of a sum from the whole to get the remainder (children of unknown parity,
/// or with no municipality).
/// </summary>
/// <remarks>
/// <para>The rules, in order:</para>
/// <list type="number">
/// <item>Each cell's own counts, as <see cref="DisclosurePolicy.IsPrimarySuppressed"/>.</item>
/// <item>Thresholds of the same cell: they are taken in order of preference, and a threshold is published only if
/// its three differences from every threshold already kept are 0 or at least the disclosure threshold. A threshold
/// left out lies between kept ones whose differences are 0 or large, so monotonicity alone leaves it a wide range.</item>
/// <item>Remainders: where a sum's parent and all its published parts are published, the remainder's own counts, and
/// its differences between two thresholds where both are so published, must be 0 or at least the threshold;
/// otherwise the smallest part is withheld at the later threshold.</item>
/// <item>Secondary suppression per threshold as <see cref="DisclosurePolicy.Apply(IEnumerable{DisclosureCell}, IEnumerable{CellRelation}, IReadOnlySet{CellKey})"/>,
/// with the cells of rules 2 and 3 as primary, so no withheld cell can be worked out exactly from the sums.</item>
/// <item>A withheld threshold whose nearest published thresholds of the same cell differ by less than the protection
/// width (but not 0) is nearly known; the later of the two is withheld as well, and rule 4 runs again.</item>
/// </list>
/// <para>
/// Rules 2 and 3 look at published figures only and are exact for what they look at; rule 4 is the exact-rank
/// guarantee. What the three do not give is a bound on what linear programming can narrow a withheld cell to through
/// long chains of sums and inequalities: the interval attack in the test suite measures that (see ADR 0007).
/// </para>
/// </remarks>
public sealed class ThresholdFamilyDisclosure(DisclosurePolicy policy)
{
    public DisclosurePolicy Policy { get; } = policy ?? throw new ArgumentNullException(nameof(policy));

    /// <param name="preference">
    /// Threshold days in the order in which they are kept when two conflict; thresholds not named come after, in
    /// increasing order. Null: increasing order.
    /// </param>
    /// <returns>The decisions per threshold day.</returns>
    public IReadOnlyDictionary<int, DisclosureResult> Apply(IReadOnlyList<ThresholdTable> tables, IReadOnlyList<int>? preference = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var ordered = tables.OrderBy(t => t.ThresholdDays).ToArray();
        if (ordered.Select(t => t.ThresholdDays).Distinct().Count() != ordered.Length)
        {
            throw new ArgumentException("Two tables have the same threshold.", nameof(tables));
        }

        var k = ordered.Length;
        var byKey = ordered.Select(t => t.Cells.ToDictionary(c => c.Key)).ToArray();
        var withheld = Enumerable.Range(0, k).Select(_ => new HashSet<CellKey>()).ToArray();
        var order = Enumerable.Range(0, k)
            .OrderBy(i => preference?.ToList().IndexOf(ordered[i].ThresholdDays) is { } p and >= 0 ? p : int.MaxValue)
            .ThenBy(i => ordered[i].ThresholdDays)
            .ToArray();

        bool Shown(int i, CellKey key) =>
            byKey[i].TryGetValue(key, out var c) && c.IsPublishable && (c.IsZero || !Policy.IsPrimarySuppressed(c)) && !withheld[i].Contains(key);

        // Rule 2: thresholds of one cell.
        var keys = byKey.SelectMany(d => d.Values).Where(c => c.IsPublishable && c.Numerator is not null).Select(c => c.Key).Distinct().Order().ToList();
        foreach (var key in keys)
        {
            var kept = new List<int>();
            foreach (var i in order)
            {
                if (!Shown(i, key))
                {
                    continue;
                }

                if (kept.Any(j => Conflict(byKey[Math.Min(i, j)][key], byKey[Math.Max(i, j)][key])))
                {
                    withheld[i].Add(key);
                }
                else
                {
                    kept.Add(i);
                }
            }
        }

        // Rule 3: remainders of sums, alone and between thresholds. Each round withholds at least one more cell.
        var sums = Enumerable.Range(0, k).Select(i => ordered[i].Relations
                .Where(r => r.Children.Any(c => byKey[i].TryGetValue(c, out var cell) && !cell.IsPublishable))
                .GroupBy(r => (r.Parent, string.Join('|', r.Children.Where(c => !byKey[i][c].IsPublishable).Order())))
                .ToDictionary(g => g.Key, g => g.First()))
            .ToArray();
        bool changed;
        do
        {
            changed = false;
            for (var i = 0; i < k; i++)
            {
                foreach (var (id, relation) in sums[i])
                {
                    if (!FullyShown(i, relation))
                    {
                        continue;
                    }

                    var rest = Remainder(byKey[i], relation);
                    var partner = -1;
                    if (IsSmallCell(rest))
                    {
                        partner = i;
                    }
                    else
                    {
                        for (var j = i + 1; j < k && partner < 0; j++)
                        {
                            if (sums[j].TryGetValue(id, out var later) && FullyShown(j, later) && Conflict(rest, Remainder(byKey[j], later)))
                            {
                                partner = j;
                            }
                        }
                    }

                    if (partner >= 0)
                    {
                        var r = sums[partner][id];
                        var smallest = r.Children.Where(c => Shown(partner, c) && !byKey[partner][c].IsZero)
                            .OrderBy(c => byKey[partner][c].Denominator).ThenBy(c => c).FirstOrDefault();
                        withheld[partner].Add(smallest ?? r.Parent);
                        changed = true;
                    }
                }
            }
        }
        while (changed);

        // Rule 4, and rule 5: a withheld threshold whose published neighbours of the same cell leave it less room than
        // the protection width is as good as published, so the later neighbour is withheld too, and rule 4 runs again.
        var results = new DisclosureResult[k];
        var dirty = Enumerable.Repeat(true, k).ToArray();
        while (true)
        {
            for (var i = 0; i < k; i++)
            {
                if (dirty[i])
                {
                    results[i] = Policy.Apply(ordered[i].Cells, ordered[i].Relations, withheld[i]);
                    dirty[i] = false;
                }
            }

            var added = false;
            foreach (var key in keys)
            {
                for (var i = 1; i < k - 1; i++)
                {
                    if (!byKey[i].ContainsKey(key) || results[i].IsPublished(key))
                    {
                        continue;
                    }

                    var before = Enumerable.Range(0, i).Reverse().FirstOrDefault(j => byKey[j].ContainsKey(key) && results[j].IsPublished(key), -1);
                    var after = Enumerable.Range(i + 1, k - i - 1).FirstOrDefault(j => byKey[j].ContainsKey(key) && results[j].IsPublished(key), -1);
                    if (before >= 0 && after >= 0 && TooNarrow(byKey[before][key], byKey[after][key]))
                    {
                        withheld[after].Add(key);
                        dirty[after] = true;
                        added = true;
                    }
                }
            }

            if (!added)
            {
                break;
            }
        }

        return Enumerable.Range(0, k).ToDictionary(i => ordered[i].ThresholdDays, i => results[i]);

        bool FullyShown(int i, CellRelation relation) =>
            Shown(i, relation.Parent) && relation.Children.All(c => !byKey[i][c].IsPublishable || Shown(i, c));
    }

    /// <summary>Whether a cell at an earlier threshold and the same cell at a later one differ by a small count.</summary>
    private bool Conflict(DisclosureCell earlier, DisclosureCell later)
    {
        var (n1, d1) = (earlier.Numerator ?? 0, earlier.Denominator);
        var (n2, d2) = (later.Numerator ?? 0, later.Denominator);
        return Policy.IsSmall(n1 - n2) || Policy.IsSmall(d1 - d2) || Policy.IsSmall((d2 - n2) - (d1 - n1));
    }

    /// <summary>
    /// Whether a threshold between these two published ones is pinned to within less than the protection width
    /// (by N and D falling, D − N rising) in a count that moves at all between them.
    /// </summary>
    private bool TooNarrow(DisclosureCell earlier, DisclosureCell later)
    {
        var (n1, d1) = (earlier.Numerator ?? 0, earlier.Denominator);
        var (n2, d2) = (later.Numerator ?? 0, later.Denominator);
        var width = Policy.Options.ProtectionWidth;
        bool Narrow(int room) => room > 0 && room < width;
        return Narrow(n1 - n2) || Narrow(d1 - d2) || Narrow((d2 - n2) - (d1 - n1));
    }

    private bool IsSmallCell(DisclosureCell cell) =>
        Policy.IsSmall(cell.Denominator) || (cell.Numerator is { } n && (Policy.IsSmall(n) || Policy.IsSmall(cell.Denominator - n)));

    private static DisclosureCell Remainder(Dictionary<CellKey, DisclosureCell> cells, CellRelation relation)
    {
        var rest = relation.Children.Where(c => !cells[c].IsPublishable).ToList();
        return new DisclosureCell(rest[0], rest.Sum(c => cells[c].Numerator ?? 0), rest.Sum(c => cells[c].Denominator), IsPublishable: false);
    }
}
