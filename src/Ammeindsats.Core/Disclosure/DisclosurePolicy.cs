namespace Ammeindsats.Core.Disclosure;

/// <summary>
/// The one disclosure policy for every published count: which cells are withheld because they are small
/// (primary suppression), and which further cells are withheld so the small ones cannot be worked out
/// by adding and subtracting published figures (secondary suppression).
/// </summary>
public sealed class DisclosurePolicy
{
    public DisclosurePolicy()
        : this(new DisclosureOptions())
    {
    }

    public DisclosurePolicy(DisclosureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    public DisclosureOptions Options { get; }

    private int Threshold => Options.Threshold;

    /// <summary>
    /// A proportion k of n is withheld when k, n or n − k is from 1 to Threshold − 1: a small n describes
    /// few children, and a small k or n − k tells a reader what nearly everyone in the group did.
    /// 0 of n and n of n are published only from n = GroupThreshold on, as they tell what every child in
    /// the group did; a group of nobody is published as zero.
    /// </summary>
    public bool IsProportionSuppressed(int numerator, int denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(numerator);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(numerator, denominator);
        return IsSmall(numerator) || IsSmall(denominator) || IsSmall(denominator - numerator)
            || IsWholeGroupDisclosed(numerator, denominator);
    }

    /// <summary>0 % or 100 % of a non-empty group smaller than <see cref="DisclosureOptions.GroupThreshold"/>.</summary>
    public bool IsWholeGroupDisclosed(int numerator, int denominator) =>
        denominator > 0 && denominator < Options.GroupThreshold && (numerator == 0 || numerator == denominator);

    /// <summary>
    /// A Kaplan–Meier value is published only for a non-empty group: a group of nobody at the threshold
    /// (every child censored before it) is published as zero, and a survival estimate beside it would come
    /// from the children whom the neighbouring thresholds withhold. A withheld share hides its KM value too.
    /// </summary>
    public static bool CanPublishKmValue(int denominator) => denominator > 0;

    /// <summary>A count on its own is withheld when it is from 1 to Threshold − 1.</summary>
    public bool IsCountSuppressed(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return IsSmall(count);
    }

    public bool IsPrimarySuppressed(DisclosureCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Numerator is { } k ? IsProportionSuppressed(k, cell.Denominator) : IsCountSuppressed(cell.Denominator);
    }

    /// <summary>
    /// A median duration (of breastfeeding, say) is published only when at least Threshold children had
    /// ended at or before it and at least Threshold were still at risk after it; otherwise the median
    /// points at the duration of a handful of identifiable children.
    /// </summary>
    public bool CanPublishMedian(int endedAtOrBeforeMedian, int atRiskAfterMedian) =>
        endedAtOrBeforeMedian >= Threshold && atRiskAfterMedian >= Threshold;

    /// <inheritdoc cref="CanPublishMedian(int, int)"/>
    public bool CanPublishMedian((int EndedAtOrBefore, int AtRiskAfter) counts) =>
        CanPublishMedian(counts.EndedAtOrBefore, counts.AtRiskAfter);

    /// <summary>
    /// Decides every cell of one indicator. Primary suppression first; then, while some primarily
    /// suppressed cell can be derived exactly from published cells and <paramref name="relations"/>, one
    /// more published cell that shares a relation with it is withheld: the one with the smallest
    /// denominator, ties broken by ordinal key, that stops the derivation.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A withheld cell that a reader can still work out protects nothing: its value is public either way.
    /// So a candidate that would leave the cell derivable is passed over for the next one, and at the end
    /// any secondary cell that turned out derivable is published again. Publishing a derivable value adds
    /// nothing to what a reader knows, so it cannot expose anything else; afterwards no withheld cell,
    /// primary or secondary, is derivable.
    /// </para>
    /// <para>
    /// Cells with denominator 0 are published and count as known. Unpublished remainders are unknowns
    /// that are never published and never protected: protecting small remainders (a few children of
    /// unknown parity in almost every municipality) would withhold most of the table.
    /// </para>
    /// <para>
    /// Cost: O((cells + relation entries)·α) to set up; then per secondary suppression a few exact
    /// reductions of the one component the candidate joins (see <see cref="ExactRowSpace"/>). Answers
    /// about a cell are kept until a cell near it is withheld, so a derivable cell that no single
    /// neighbour can protect is not examined again at every step.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException">A relation names an unknown cell, or the figures do not add up.</exception>
    public DisclosureResult Apply(IEnumerable<DisclosureCell> cells, IEnumerable<CellRelation> relations) =>
        Apply(cells, relations, alsoWithheld: null);

    /// <summary>
    /// As <see cref="Apply(IEnumerable{DisclosureCell}, IEnumerable{CellRelation})"/>, with further cells withheld
    /// as primary whatever their own counts: cells another rule withholds, such as a threshold whose difference
    /// from a neighbouring threshold of the same children is small (see <see cref="ThresholdFamilyDisclosure"/>).
    /// </summary>
    public DisclosureResult Apply(IEnumerable<DisclosureCell> cells, IEnumerable<CellRelation> relations, IReadOnlySet<CellKey>? alsoWithheld)
    {
        var system = CellSystem.Build(cells, relations);
        var n = system.Count;
        var hidden = new bool[n];
        var reasons = new SuppressionReason[n];
        var primary = new List<int>();
        for (var i = 0; i < n; i++)
        {
            var cell = system.Cells[i];
            if (cell.IsZero)
            {
                continue;
            }

            if (cell.IsPublishable && (IsPrimarySuppressed(cell) || alsoWithheld?.Contains(cell.Key) == true))
            {
                hidden[i] = true;
                reasons[i] = SuppressionReason.Primary;
                primary.Add(i);
            }
        }

        var tracker = new DerivabilityTracker(system, hidden);
        var stuck = new Dictionary<int, Snapshot>();
        while (primary.Where(tracker.IsDerivable).ToList() is { Count: > 0 } exposed)
        {
            var next = TryFix(system, tracker, exposed, stuck);
            if (next < 0)
            {
                next = Fallback(system, tracker, exposed);
            }

            reasons[next] = SuppressionReason.Secondary;
            tracker.Hide(next);
        }

        var decisions = new CellDisclosure[n];
        for (var i = 0; i < n; i++)
        {
            var cell = system.Cells[i];
            if (reasons[i] == SuppressionReason.Secondary && tracker.IsDerivable(i))
            {
                reasons[i] = SuppressionReason.None;
            }

            var status = !cell.IsPublishable ? DisclosureStatus.NotPublished
                : reasons[i] != SuppressionReason.None ? DisclosureStatus.Suppressed
                : DisclosureStatus.Published;
            decisions[i] = new CellDisclosure(cell.Key, status, reasons[i]);
        }

        return new DisclosureResult(decisions);
    }

    /// <summary>
    /// The withheld cells a reader can work out exactly from <paramref name="published"/> and the
    /// relations, in ordinal key order. Cells with denominator 0 count as published; unpublished remainders
    /// are unknowns but never listed. Empty means the publication is safe.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Part of the policy's instance API beside Apply; it may come to read the policy's settings.")]
    public IReadOnlyList<CellKey> FindDerivableCells(
        IEnumerable<DisclosureCell> cells, IEnumerable<CellRelation> relations, IEnumerable<CellKey> published)
    {
        var system = CellSystem.Build(cells, relations);
        var known = new bool[system.Count];
        foreach (var key in published)
        {
            var i = system.IndexOf(key, nameof(published));
            if (!system.Cells[i].IsPublishable && !system.Cells[i].IsZero)
            {
                throw new ArgumentException($"Cell {key} is a remainder and cannot be published.", nameof(published));
            }

            known[i] = true;
        }

        var tracker = new DerivabilityTracker(system, known.Select(k => !k).ToArray());
        return Enumerable.Range(0, system.Count)
            .Where(i => system.Cells[i].IsPublishable && tracker.IsDerivable(i))
            .Select(i => system.Cells[i].Key)
            .ToArray();
    }

    /// <summary>Audit: true when any withheld cell can be worked out from what is published.</summary>
    public bool IsAnySuppressedCellDerivable(
        IEnumerable<DisclosureCell> cells, IEnumerable<CellRelation> relations, IEnumerable<CellKey> published) =>
        FindDerivableCells(cells, relations, published).Count > 0;

    internal bool IsSmall(int count) => count >= 1 && count <= Threshold - 1;

    /// <summary>
    /// The next cell to withhold, looking at the derivable cells in key order.
    /// </summary>
    /// <param name="stuck">
    /// Targets for which no single candidate helped, with what that depended on; they are passed over
    /// until something around them changes, which gives the same answer without asking again.
    /// </param>
    private static int TryFix(CellSystem system, DerivabilityTracker tracker, IReadOnlyList<int> exposed, Dictionary<int, Snapshot> stuck)
    {
        foreach (var target in exposed)
        {
            if (stuck.TryGetValue(target, out var snapshot) && tracker.IsUnchanged(snapshot))
            {
                continue;
            }

            var candidates = Candidates(system, tracker, Neighbours(system, [target]));
            var alone = ExposingRows(system, tracker, target);
            if (alone.Count > 0)
            {
                int Cover(int c) => alone.Count(row => row.Contains(c));
                var helps = candidates.Where(c => Cover(c) == alone.Count).FirstOrDefault(c => !tracker.WouldRemainDerivable(target, c), -1);
                if (helps >= 0)
                {
                    return helps;
                }

                var most = candidates.Select(c => (c, cover: Cover(c))).Where(x => x.cover > 0).OrderByDescending(x => x.cover).Select(x => x.c).FirstOrDefault(-1);
                if (most >= 0)
                {
                    return most;
                }

                var inRow = Candidates(system, tracker, alone[0]);
                if (inRow.Count > 0)
                {
                    return inRow[0];
                }
            }
            else
            {
                var helps = candidates.FirstOrDefault(c => !tracker.WouldRemainDerivable(target, c), -1);
                if (helps >= 0)
                {
                    return helps;
                }

                stuck[target] = tracker.Capture(target, candidates);
            }
        }

        return -1;
    }

    private static int Fallback(CellSystem system, DerivabilityTracker tracker, IReadOnlyList<int> exposed)
    {
        foreach (var target in exposed)
        {
            var candidates = Candidates(system, tracker, Neighbours(system, [target]));
            if (candidates.Count > 0)
            {
                return candidates[0];
            }
        }

        // Every neighbour of every derivable cell is already hidden or empty; widen the search around the
        // first one. With figures that add up this always ends: if everything reachable were hidden, the
        // all-positive denominators would solve the relations, so no hidden cell could be pinned down.
        var visited = new HashSet<int> { exposed[0] };
        var frontier = new List<int> { exposed[0] };
        while (frontier.Count > 0)
        {
            var ring = Neighbours(system, frontier).Where(visited.Add).ToList();
            var candidates = Candidates(system, tracker, ring);
            if (candidates.Count > 0)
            {
                return candidates[0];
            }

            frontier = ring;
        }

        throw new InvalidOperationException($"Cell {system.Cells[exposed[0]].Key} is derivable but nothing around it can be withheld.");
    }

    /// <summary>
    /// Rows that give the cell away on their own: relations free of remainders, and rows of the reduced
    /// system, in which it is the only hidden cell. Each needs one more hidden cell whatever else is done.
    /// </summary>
    private static List<HashSet<int>> ExposingRows(CellSystem system, DerivabilityTracker tracker, int target)
    {
        var rows = system.RelationsOfCell[target]
            .Select(r => system.Relations[r])
            .Where(cells => cells.All(c => c == target || !(tracker.IsHidden(c) || system.Cells[c] is { IsPublishable: false, IsZero: false })))
            .Select(cells => cells.ToHashSet())
            .ToList();
        rows.AddRange(tracker.RowsExposing(target).Select(cells => cells.ToHashSet()));
        return rows;
    }

    /// <summary>Published, non-empty cells, smallest denominator first, then lowest key.</summary>
    private static List<int> Candidates(CellSystem system, DerivabilityTracker tracker, IEnumerable<int> cells) =>
        cells.Where(c => !tracker.IsHidden(c) && system.Cells[c] is { IsZero: false, IsPublishable: true })
            .OrderBy(c => system.Cells[c].Denominator)
            .ThenBy(c => c)
            .ToList();

    private static IEnumerable<int> Neighbours(CellSystem system, IEnumerable<int> cells) =>
        cells.SelectMany(c => system.RelationsOfCell[c]).SelectMany(r => system.Relations[r]).Distinct();
}
