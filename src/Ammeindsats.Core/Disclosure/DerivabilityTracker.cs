using System.Numerics;

namespace Ammeindsats.Core.Disclosure;

/// <summary>
/// Keeps track of which hidden cells a reader can work out from the published cells and the relations.
/// </summary>
/// <remarks>
/// <para>
/// A cell is derivable when its unit vector lies in the row space of "one row per known cell plus one
/// row per relation". Known cells can be eliminated at once: a unit vector of an unknown cell is in that
/// row space exactly when it is in the row space of the relations restricted to the unknown columns.
/// </para>
/// <para>
/// Remainders (unpublished cells) are unknown for good, so they are eliminated once, up front: the
/// relations are reduced with the remainder columns first, and the echelon rows that start after them
/// span exactly the combinations of relations in which every remainder cancels. Only those rows matter
/// to a publishable cell, and without the remainders (a few in every area and period) the system falls
/// apart into small pieces.
/// </para>
/// <para>
/// The rows restricted to the hidden publishable cells split into independent blocks: two hidden cells
/// are in the same component when a chain of rows joins them through hidden cells. Each component is
/// reduced on its own (see <see cref="ExactRowSpace"/>). Hiding one more cell can only merge components,
/// so after each secondary suppression only the component of the new cell is reduced again. Components
/// are kept in a union–find structure, O(α(n)) per merge.
/// </para>
/// </remarks>
internal sealed class DerivabilityTracker
{
    private readonly (int Cell, BigInteger Coefficient)[][] rows;
    private readonly int[][] rowsOfCell;
    private readonly bool[] unknown;
    private readonly bool[] derivable;
    private readonly int[] parent;
    private readonly List<int>?[] members;

    /// <summary>For each component root, the number of the last <see cref="Hide"/> that changed the component.</summary>
    private readonly int[] changedAt;
    /// <summary>For each cell, the number of the last <see cref="Hide"/> of a cell that shares a row with it.</summary>
    private readonly int[] touchedAt;
    private readonly Dictionary<(int Target, int Candidate), (bool Remains, int AskedAt)> answers = [];
    private int version;

    /// <param name="hidden">Publishable cells that are not published; everything else is read from the system.</param>
    public DerivabilityTracker(CellSystem system, bool[] hidden)
    {
        var n = system.Count;
        rows = EliminateRemainders(system);
        rowsOfCell = InvertRows(rows, n);
        unknown = new bool[n];
        derivable = new bool[n];
        parent = new int[n];
        members = new List<int>?[n];
        changedAt = new int[n];
        touchedAt = new int[n];

        for (var i = 0; i < n; i++)
        {
            parent[i] = i;
            if (hidden[i] && system.Cells[i] is { IsPublishable: true, IsZero: false })
            {
                unknown[i] = true;
                members[i] = [i];
            }
        }

        foreach (var row in rows)
        {
            var first = -1;
            foreach (var (cell, _) in row)
            {
                if (!unknown[cell])
                {
                    continue;
                }

                if (first < 0)
                {
                    first = cell;
                }
                else
                {
                    Union(first, cell);
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            if (unknown[i] && Find(i) == i)
            {
                Recompute(i);
            }
        }
    }

    public bool IsHidden(int cell) => unknown[cell];

    /// <summary>True for a hidden publishable cell a reader can work out exactly.</summary>
    public bool IsDerivable(int cell) => derivable[cell];

    /// <summary>Hides one more publishable cell and brings the affected component up to date.</summary>
    public void Hide(int cell)
    {
        if (unknown[cell])
        {
            return;
        }

        unknown[cell] = true;
        members[cell] = [cell];
        foreach (var other in HiddenNeighbours(cell))
        {
            Union(cell, other);
        }

        version++;
        changedAt[Find(cell)] = version;
        touchedAt[cell] = version;
        foreach (var r in rowsOfCell[cell])
        {
            foreach (var (other, _) in rows[r])
            {
                touchedAt[other] = version;
            }
        }

        Recompute(Find(cell));
    }

    /// <summary>Rows of the reduced system in which the cell is the only hidden one.</summary>
    public IEnumerable<int[]> RowsExposing(int cell) =>
        rowsOfCell[cell]
            .Where(r => rows[r].All(e => e.Cell == cell || !unknown[e.Cell]))
            .Select(r => rows[r].Select(e => e.Cell).ToArray());

    /// <summary>
    /// Whether <paramref name="target"/> could still be worked out if <paramref name="candidate"/> were
    /// hidden too, without hiding it. Only the components the candidate would join are reduced.
    /// </summary>
    /// <remarks>
    /// The answer depends only on the components involved, so it is remembered until one of them
    /// changes: the same pairs are asked about again and again while cells elsewhere are hidden.
    /// </remarks>
    public bool WouldRemainDerivable(int target, int candidate)
    {
        var roots = new HashSet<int> { Find(target) };
        foreach (var other in HiddenNeighbours(candidate))
        {
            roots.Add(Find(other));
        }

        var latestChange = 0;
        foreach (var root in roots)
        {
            latestChange = Math.Max(latestChange, changedAt[root]);
        }

        if (answers.TryGetValue((target, candidate), out var known) && known.AskedAt >= latestChange)
        {
            return known.Remains;
        }

        var cells = new HashSet<int> { candidate };
        foreach (var root in roots)
        {
            cells.UnionWith(members[root]!);
        }

        var (space, column) = Reduce(cells, candidate);
        var remains = space.Contains(column[target]);
        answers[(target, candidate)] = (remains, version);
        return remains;
    }

    /// <summary>
    /// Notes what <see cref="WouldRemainDerivable"/> looks at for the target and each candidate, and what
    /// <see cref="RowsExposing"/> looks at for the target, as they stand now.
    /// </summary>
    public Snapshot Capture(int target, IReadOnlyList<int> candidates)
    {
        var roots = new HashSet<int> { Find(target) };
        foreach (var candidate in candidates)
        {
            foreach (var other in HiddenNeighbours(candidate))
            {
                roots.Add(Find(other));
            }
        }

        return new Snapshot(version, target, [.. candidates], [.. roots]);
    }

    /// <summary>
    /// True when nothing noted in <paramref name="snapshot"/> has changed since, so every answer about it
    /// would be the same: no candidate hidden, no cell hidden next to the target or a candidate, and no
    /// component involved merged or grown.
    /// </summary>
    public bool IsUnchanged(Snapshot snapshot)
    {
        if (touchedAt[snapshot.Target] > snapshot.Version)
        {
            return false;
        }

        foreach (var candidate in snapshot.Candidates)
        {
            if (unknown[candidate] || touchedAt[candidate] > snapshot.Version)
            {
                return false;
            }
        }

        foreach (var root in snapshot.Roots)
        {
            if (Find(root) != root || changedAt[root] > snapshot.Version)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Gaussian elimination of all relations with the remainder columns first. Zero cells are known
    /// and dropped. Rows whose first entry is a remainder are the ones that merely say what that
    /// remainder is; the rest no longer mention any remainder.
    /// </summary>
    private static (int Cell, BigInteger Coefficient)[][] EliminateRemainders(CellSystem system)
    {
        var order = Enumerable.Range(0, system.Count)
            .Where(i => !system.Cells[i].IsZero)
            .OrderBy(i => system.Cells[i].IsPublishable)
            .ThenBy(i => i)
            .ToArray();
        var column = new int[system.Count];
        foreach (var (cell, position) in order.Select((c, p) => (c, p)))
        {
            column[cell] = position;
        }

        var remainders = order.Count(i => !system.Cells[i].IsPublishable);
        var space = new ExactRowSpace();
        foreach (var relation in system.Relations)
        {
            space.Add(RelationRow(relation)
                .Where(e => !system.Cells[e.Cell].IsZero)
                .Select(e => (column[e.Cell], e.Coefficient)));
        }

        return space.EchelonRows()
            .Where(row => row[0].Column >= remainders)
            .Select(row => row.Select(e => (order[e.Column], e.Coefficient)).ToArray())
            .ToArray();
    }

    /// <summary>Parent − Σ children = 0.</summary>
    private static IEnumerable<(int Cell, BigInteger Coefficient)> RelationRow(int[] relation) =>
        relation.Select((cell, position) => (cell, position == 0 ? BigInteger.One : BigInteger.MinusOne));

    private static int[][] InvertRows((int Cell, BigInteger Coefficient)[][] rows, int cellCount)
    {
        var perCell = new List<int>?[cellCount];
        for (var r = 0; r < rows.Length; r++)
        {
            foreach (var (cell, _) in rows[r])
            {
                (perCell[cell] ??= []).Add(r);
            }
        }

        return perCell.Select(list => list?.ToArray() ?? []).ToArray();
    }

    private IEnumerable<int> HiddenNeighbours(int cell)
    {
        foreach (var r in rowsOfCell[cell])
        {
            foreach (var (other, _) in rows[r])
            {
                if (other != cell && unknown[other])
                {
                    yield return other;
                }
            }
        }
    }

    private void Recompute(int root)
    {
        var cells = members[root]!;
        var (space, column) = Reduce(cells, extraUnknown: -1);
        var determined = space.DeterminedColumns();
        foreach (var cell in cells)
        {
            derivable[cell] = determined.Contains(column[cell]);
        }
    }

    private (ExactRowSpace Space, Dictionary<int, int> Column) Reduce(IEnumerable<int> cells, int extraUnknown)
    {
        var column = new Dictionary<int, int>();
        var touching = new SortedSet<int>();
        foreach (var cell in cells.Order())
        {
            column[cell] = column.Count;
            touching.UnionWith(rowsOfCell[cell]);
        }

        var space = new ExactRowSpace();
        foreach (var r in touching)
        {
            // The known cells have moved to the other side of the equation.
            space.Add(rows[r]
                .Where(e => unknown[e.Cell] || e.Cell == extraUnknown)
                .Select(e => (column[e.Cell], e.Coefficient)));
        }

        return (space, column);
    }

    private int Find(int cell)
    {
        while (parent[cell] != cell)
        {
            parent[cell] = parent[parent[cell]];
            cell = parent[cell];
        }

        return cell;
    }

    private void Union(int a, int b)
    {
        var ra = Find(a);
        var rb = Find(b);
        if (ra == rb)
        {
            return;
        }

        // Smaller member list into the larger one, so each cell moves O(log n) times in total.
        if (members[ra]!.Count < members[rb]!.Count)
        {
            (ra, rb) = (rb, ra);
        }

        parent[rb] = ra;
        members[ra]!.AddRange(members[rb]!);
        members[rb] = null;
    }
}

/// <summary>What a question about one target looked at, and when (see <see cref="DerivabilityTracker.Capture"/>).</summary>
internal sealed record Snapshot(int Version, int Target, int[] Candidates, int[] Roots);
