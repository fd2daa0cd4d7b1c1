namespace Ammeindsats.Core.Areas;

/// <summary>
/// The area structure on one date: who belongs to whom, and which municipalities make up each area.
/// A region's municipalities come from the municipality→region memberships, never through its clusters,
/// so København, which sits in two clusters, counts once in Region Hovedstaden.
/// </summary>
public sealed class AreaHierarchy
{
    private readonly Dictionary<string, Area> _areas;
    private readonly Dictionary<string, List<string>> _parents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _children = new(StringComparer.Ordinal);

    public AreaHierarchy(IEnumerable<Area> areas, IEnumerable<AreaMembership> memberships, DateOnly on)
    {
        _areas = areas.ToDictionary(a => a.Code, StringComparer.Ordinal);
        On = on;
        foreach (var m in memberships.Where(m => m.HoldsOn(on)))
        {
            if (!_areas.ContainsKey(m.ChildCode) || !_areas.ContainsKey(m.ParentCode))
            {
                continue;
            }

            Add(_parents, m.ChildCode, m.ParentCode);
            Add(_children, m.ParentCode, m.ChildCode);
        }
    }

    public DateOnly On { get; }

    public IReadOnlyCollection<Area> Areas => _areas.Values;

    public Area? Find(string code) => _areas.GetValueOrDefault(AreaCode.Normalize(code));

    public IReadOnlyList<string> ParentsOf(string code) =>
        _parents.TryGetValue(code, out var list) ? list : [];

    public IReadOnlyList<Area> ChildrenOf(string code, AreaType? type = null) =>
        _children.TryGetValue(code, out var list)
            ? list.Select(c => _areas[c]).Where(a => type is null || a.Type == type).OrderBy(a => a.Name, Common.DanishText.Comparer).ToList()
            : [];

    /// <summary>
    /// The distinct municipalities whose figures add up to the area. Empty for a birth site, whose
    /// figures come only from records that name it.
    /// </summary>
    public IReadOnlySet<string> MunicipalitiesOf(string code)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (!_areas.TryGetValue(code, out var area))
        {
            return result;
        }

        switch (area.Type)
        {
            case AreaType.Municipality:
                result.Add(code);
                break;
            case AreaType.Country:
                result.UnionWith(_areas.Values.Where(a => a.Type == AreaType.Municipality).Select(a => a.Code));
                break;
            case AreaType.BirthSite:
                break;
            default:
                foreach (var child in DescendantsOf(code).Where(a => a.Type == AreaType.Municipality))
                {
                    result.Add(child.Code);
                }

                break;
        }

        return result;
    }

    /// <summary>Every area below the given one (direct and indirect), each once.</summary>
    public IReadOnlyList<Area> DescendantsOf(string code)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(code);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (!_children.TryGetValue(current, out var list))
            {
                continue;
            }

            foreach (var child in list.Where(seen.Add))
            {
                queue.Enqueue(child);
            }
        }

        return seen.Select(c => _areas[c]).ToList();
    }

    /// <summary>True when <paramref name="code"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public bool IsWithin(string code, string ancestor)
    {
        if (code == ancestor || ancestor == AreaCode.Denmark)
        {
            return _areas.ContainsKey(code);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([code]);
        while (queue.Count > 0)
        {
            foreach (var parent in ParentsOf(queue.Dequeue()))
            {
                if (parent == ancestor)
                {
                    return true;
                }

                if (seen.Add(parent))
                {
                    queue.Enqueue(parent);
                }
            }
        }

        return false;
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }
}
