using System.Runtime.CompilerServices;

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
    // Municipality and region codes by number (index + 1; 0 = unknown): a lookup for every row of a
    // million-row file is worth sparing the string hashing.
    private readonly int[] _byNumber = new int[MaxNumber + 1];
    private const int MaxNumber = 9999;

    public CodeLookup(IEnumerable<string> codes)
    {
        var byCode = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (string raw in codes)
        {
            string code = Normalise(raw.AsSpan()).ToString();
            if (code.Length > 0 && byCode.TryAdd(code, _codes.Count))
            {
                if (TryNumber(code, out int number))
                {
                    _byNumber[number] = _codes.Count + 1;
                }

                _codes.Add(code);
            }
        }

        _lookup = byCode.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _codes.Count;

    /// <summary>The code as the app knows it (no leading zeros).</summary>
    public string this[int index] => _codes[index];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryFind(ReadOnlySpan<char> text, out int index)
    {
        var code = Normalise(text);
        if (TryNumber(code, out int number))
        {
            index = _byNumber[number] - 1;
            return index >= 0;
        }

        return _lookup.TryGetValue(code, out index);
    }

    private static bool TryNumber(ReadOnlySpan<char> code, out int number)
    {
        number = 0;
        if (code.IsEmpty || code.Length > 4)
        {
            return false;
        }

        foreach (char c in code)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            number = number * 10 + (c - '0');
        }

        return true;
    }

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
