namespace Ammeindsats.Core.Indicators.Import;

/// <summary>
/// Known codes (municipalities, birth sites, areas, indicators) looked up straight from a span.
/// Case does not matter, and numeric codes match with or without leading zeros: Excel keeps
/// "0751" as text in some exports and drops the zero in others.
/// </summary>
internal sealed class CodeLookup
{
    private readonly List<string> _codes = [];
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public CodeLookup(IEnumerable<string> codes)
    {
        var byCode = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (string raw in codes)
        {
            string code = Normalise(raw.AsSpan()).ToString();
            if (code.Length > 0 && byCode.TryAdd(code, _codes.Count))
            {
                _codes.Add(code);
            }
        }

        _lookup = byCode.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _codes.Count;

    /// <summary>The code as the app knows it (no leading zeros).</summary>
    public string this[int index] => _codes[index];

    public bool TryFind(ReadOnlySpan<char> text, out int index) => _lookup.TryGetValue(Normalise(text), out index);

    private static ReadOnlySpan<char> Normalise(ReadOnlySpan<char> text)
    {
        var s = text.Trim();
        if (s.Length > 1 && s[0] == '0' && !s.ContainsAnyExceptInRange('0', '9'))
        {
            s = s.TrimStart('0');
            if (s.IsEmpty)
            {
                s = "0";
            }
        }

        return s;
    }
}
