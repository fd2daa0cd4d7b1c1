using System.Numerics;
using Ammeindsats.Core.Disclosure;

namespace Ammeindsats.Core.Tests.Disclosure;

/// <summary>
/// What a reader can work out from a publication, decided from first principles and written apart
/// from the production code so that the tests do not grade the policy with its own arithmetic.
/// </summary>
/// <remarks>
/// <para>
/// Every relation is one linear equation, parent − Σ children = 0, over the cell values (numerators and
/// denominators obey the same equations, so one matrix serves both). Published cells are known and move
/// to the right-hand side; so do cells with denominator 0, which are published as zero. What is left is
/// the matrix A restricted to the unknown columns: withheld cells and unpublished remainders.
/// </para>
/// <para>
/// An unknown x is derivable exactly when some combination of the equations isolates it, i.e. when the
/// unit vector eₓ lies in the row space of A: rank([A]) = rank([A; eₓ]). Ranks are computed by
/// fraction-free Gaussian elimination in <see cref="BigInteger"/>, so no rounding can flip the answer.
/// rank([A; eₓ]) is computed by carrying on the elimination of A with eₓ as one more row: it adds one
/// to the rank exactly when something of eₓ survives.
/// </para>
/// </remarks>
internal static class ExactDerivability
{
    /// <summary>The unknown cells whose value a reader can work out, in the order given.</summary>
    public static IReadOnlyList<CellKey> DerivableCells(
        IEnumerable<DisclosureCell> cells, IEnumerable<CellRelation> relations, IEnumerable<CellKey> published)
    {
        var known = published.ToHashSet();
        var unknown = new Dictionary<CellKey, int>();
        var order = new List<CellKey>();
        foreach (var cell in cells)
        {
            if (!known.Contains(cell.Key) && cell.Denominator != 0)
            {
                unknown.Add(cell.Key, unknown.Count);
                order.Add(cell.Key);
            }
        }

        var echelon = new Echelon();
        foreach (var relation in relations)
        {
            var row = new Dictionary<int, BigInteger>();
            AddTerm(row, unknown, relation.Parent, BigInteger.One);
            foreach (var child in relation.Children)
            {
                AddTerm(row, unknown, child, BigInteger.MinusOne);
            }

            echelon.Add(row);
        }

        var rank = echelon.Rank;
        return order.Where(key => echelon.RankWith(UnitRow(unknown[key])) == rank).ToList();
    }

    /// <summary>The rank of a set of integer rows over the rationals.</summary>
    public static int Rank(IEnumerable<IReadOnlyDictionary<int, BigInteger>> rows)
    {
        var echelon = new Echelon();
        foreach (var row in rows)
        {
            echelon.Add(row.ToDictionary());
        }

        return echelon.Rank;
    }

    private static Dictionary<int, BigInteger> UnitRow(int column) => new() { [column] = BigInteger.One };

    private static void AddTerm(Dictionary<int, BigInteger> row, Dictionary<CellKey, int> unknown, CellKey key, BigInteger coefficient)
    {
        if (!unknown.TryGetValue(key, out var column))
        {
            return;
        }

        var sum = row.GetValueOrDefault(column) + coefficient;
        if (sum.IsZero)
        {
            row.Remove(column);
        }
        else
        {
            row[column] = sum;
        }
    }

    /// <summary>Rows in echelon form, one per pivot column.</summary>
    private sealed class Echelon
    {
        private readonly Dictionary<int, Dictionary<int, BigInteger>> pivots = [];

        public int Rank => pivots.Count;

        public void Add(Dictionary<int, BigInteger> row)
        {
            var rest = Reduce(row);
            if (rest.Count > 0)
            {
                pivots.Add(rest.Keys.Min(), rest);
            }
        }

        /// <summary>rank([rows; extra]) without keeping <paramref name="extra"/>.</summary>
        public int RankWith(Dictionary<int, BigInteger> extra) => Reduce(extra).Count > 0 ? Rank + 1 : Rank;

        /// <summary>Clears the leading entry against the pivot rows until it leads in a new column or nothing is left.</summary>
        private Dictionary<int, BigInteger> Reduce(Dictionary<int, BigInteger> row)
        {
            var current = new Dictionary<int, BigInteger>(row.Where(e => !e.Value.IsZero));
            while (current.Count > 0)
            {
                var lead = current.Keys.Min();
                if (!pivots.TryGetValue(lead, out var pivot))
                {
                    break;
                }

                // current·p − pivot·c keeps integers and cancels the lead; dividing by the gcd keeps them small.
                var c = current[lead];
                var p = pivot[lead];
                var next = new Dictionary<int, BigInteger>();
                foreach (var column in current.Keys.Union(pivot.Keys))
                {
                    var value = (current.GetValueOrDefault(column) * p) - (pivot.GetValueOrDefault(column) * c);
                    if (!value.IsZero)
                    {
                        next[column] = value;
                    }
                }

                var gcd = next.Values.Aggregate(BigInteger.Zero, BigInteger.GreatestCommonDivisor);
                current = gcd.IsZero || gcd.IsOne ? next : next.ToDictionary(e => e.Key, e => e.Value / gcd);
            }

            return current;
        }
    }
}
