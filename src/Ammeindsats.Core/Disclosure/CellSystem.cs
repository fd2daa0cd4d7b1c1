namespace Ammeindsats.Core.Disclosure;

/// <summary>
/// Cells and relations of one indicator, checked and turned into integer indices. Cells are sorted by
/// key so that "lowest index" and "ordinal key order" are the same thing everywhere downstream.
/// </summary>
internal sealed class CellSystem
{
    private CellSystem(DisclosureCell[] cells, Dictionary<CellKey, int> index, int[][] relations, int[][] relationsOfCell)
    {
        Cells = cells;
        Index = index;
        Relations = relations;
        RelationsOfCell = relationsOfCell;
    }

    public DisclosureCell[] Cells { get; }

    public Dictionary<CellKey, int> Index { get; }

    /// <summary>Each relation as cell indices, parent first, then the children.</summary>
    public int[][] Relations { get; }

    /// <summary>For each cell, the relations it takes part in.</summary>
    public int[][] RelationsOfCell { get; }

    public int Count => Cells.Length;

    public static CellSystem Build(IEnumerable<DisclosureCell> cells, IEnumerable<CellRelation> relations)
    {
        var sorted = cells.OrderBy(c => c.Key).ToArray();
        var index = new Dictionary<CellKey, int>(sorted.Length);
        for (var i = 0; i < sorted.Length; i++)
        {
            var cell = sorted[i];
            ArgumentNullException.ThrowIfNull(cell.Key);
            if (cell.Denominator < 0 || cell.Numerator < 0 || cell.Numerator > cell.Denominator)
            {
                throw new ArgumentException($"Cell {cell.Key} has numerator {cell.Numerator} and denominator {cell.Denominator}.", nameof(cells));
            }

            if (!index.TryAdd(cell.Key, i))
            {
                throw new ArgumentException($"Cell {cell.Key} is given twice.", nameof(cells));
            }
        }

        var relationList = new List<int[]>();
        var perCell = new List<int>[sorted.Length];
        foreach (var relation in relations)
        {
            var members = ResolveRelation(relation, index);
            CheckSums(relation, members, sorted);
            foreach (var member in members)
            {
                (perCell[member] ??= []).Add(relationList.Count);
            }

            relationList.Add(members);
        }

        var relationsOfCell = perCell.Select(list => list?.ToArray() ?? []).ToArray();
        return new CellSystem(sorted, index, relationList.ToArray(), relationsOfCell);
    }

    public int IndexOf(CellKey key, string paramName) =>
        Index.TryGetValue(key, out var i) ? i : throw new ArgumentException($"Cell {key} is not among the cells.", paramName);

    private static int[] ResolveRelation(CellRelation relation, Dictionary<CellKey, int> index)
    {
        if (relation.Children.Count == 0)
        {
            throw new ArgumentException($"The relation for {relation.Parent} has no children.", nameof(relation));
        }

        var members = new int[relation.Children.Count + 1];
        members[0] = Resolve(relation.Parent);
        for (var c = 0; c < relation.Children.Count; c++)
        {
            members[c + 1] = Resolve(relation.Children[c]);
        }

        // A repeated cell would silently mean "twice this cell", which no real hierarchy needs.
        if (members.Distinct().Count() != members.Length)
        {
            throw new ArgumentException($"The relation for {relation.Parent} names a cell twice.", nameof(relation));
        }

        return members;

        int Resolve(CellKey key) => index.TryGetValue(key, out var i)
            ? i
            : throw new ArgumentException($"The relation for {relation.Parent} names {key}, which is not among the cells.", nameof(relation));
    }

    /// <summary>
    /// The derivability analysis is only as true as the relations: if the figures do not add up, the
    /// relation is not one a reader can use and the analysis would protect the wrong thing.
    /// </summary>
    private static void CheckSums(CellRelation relation, int[] members, DisclosureCell[] cells)
    {
        var parent = cells[members[0]];
        var withNumerator = members.Count(m => cells[m].Numerator is not null);
        if (withNumerator != 0 && withNumerator != members.Length)
        {
            throw new ArgumentException($"The relation for {relation.Parent} mixes count-only and proportion cells.", nameof(relation));
        }

        long denominators = 0;
        long numerators = 0;
        for (var c = 1; c < members.Length; c++)
        {
            denominators += cells[members[c]].Denominator;
            numerators += cells[members[c]].Numerator ?? 0;
        }

        if (denominators != parent.Denominator || numerators != (parent.Numerator ?? 0))
        {
            throw new ArgumentException(
                $"Cell {relation.Parent} is {parent.Numerator}/{parent.Denominator} but its children add up to {numerators}/{denominators}.",
                nameof(relation));
        }
    }
}
