using System.Numerics;

namespace Ammeindsats.Core.Disclosure;

/// <summary>
/// The row space of a set of integer rows, reduced exactly. Floating point is no use here: the question
/// "is this unit vector a combination of those rows?" has a yes/no answer that rounding can flip.
/// </summary>
/// <remarks>
/// Works in 64-bit integers with overflow checks, which is all sums over hierarchies ever need, and
/// starts again in <see cref="BigInteger"/> if a coefficient outgrows them, so the answer is exact
/// either way.
/// </remarks>
internal sealed class ExactRowSpace
{
    private readonly List<(int Column, BigInteger Coefficient)[]> input = [];
    private ExactRowSpace<long>? small = new();
    private ExactRowSpace<BigInteger>? big;

    public void Add(IEnumerable<(int Column, BigInteger Coefficient)> entries)
    {
        var row = entries.ToArray();
        input.Add(row);
        Run(s => s.Add(row), b => b.Add(row));
    }

    /// <summary>The independent rows in echelon form, each as (column, coefficient) pairs in column order.</summary>
    public IReadOnlyList<(int Column, BigInteger Coefficient)[]> EchelonRows() =>
        Run(s => s.EchelonRows(), b => b.EchelonRows());

    /// <summary>True when the unit vector of <paramref name="column"/> lies in the row space.</summary>
    public bool Contains(int column) => Run(s => s.Contains(column), b => b.Contains(column));

    /// <summary>
    /// The columns whose unit vectors lie in the row space, i.e. the unknowns the rows pin down. Cheaper
    /// than asking <see cref="Contains"/> for every column when most columns are asked about.
    /// </summary>
    public IReadOnlySet<int> DeterminedColumns() => Run(s => s.DeterminedColumns(), b => b.DeterminedColumns());

    private TResult Run<TResult>(Func<ExactRowSpace<long>, TResult> onSmall, Func<ExactRowSpace<BigInteger>, TResult> onBig)
    {
        if (small is not null)
        {
            try
            {
                return onSmall(small);
            }
            catch (OverflowException)
            {
                small = null;
                big = new ExactRowSpace<BigInteger>();
                foreach (var row in input)
                {
                    big.Add(row);
                }
            }
        }

        return onBig(big!);
    }

    private void Run(Action<ExactRowSpace<long>> onSmall, Action<ExactRowSpace<BigInteger>> onBig) =>
        Run(s => { onSmall(s); return true; }, b => { onBig(b); return true; });
}

/// <summary>
/// Fraction-free Gauss–Jordan elimination on sparse integer rows. Each row is kept with greatest common
/// divisor 1, which is the same rational row up to a non-zero factor, so zero tests are exact and the
/// numbers stay as small as the system allows (for sums over hierarchies they stay at ±1 or close).
/// </summary>
/// <remarks>
/// A row with r entries costs O(r) per elimination step and at most one step per pivot, so adding m rows
/// to a space of rank ρ over u columns costs at most O(m·u·ρ); sparse hierarchies cost far less.
/// Arithmetic is checked, so with <see cref="long"/> an overflow throws rather than giving a wrong answer.
/// </remarks>
internal sealed class ExactRowSpace<T>
    where T : IBinaryInteger<T>
{
    private readonly Dictionary<int, SparseRow> pivotRows = [];
    private Dictionary<int, SparseRow>? reducedRows;

    public void Add((int Column, BigInteger Coefficient)[] entries)
    {
        var row = SparseRow.From(entries);

        // Forward elimination: clear the leading column until it is one no other row starts in.
        while (!row.IsEmpty && pivotRows.TryGetValue(row.LeadColumn, out var pivot))
        {
            row = SparseRow.Eliminate(row, pivot, row.LeadColumn);
        }

        if (!row.IsEmpty)
        {
            pivotRows.Add(row.LeadColumn, row);
            reducedRows = null;
        }
    }

    public IReadOnlyList<(int Column, BigInteger Coefficient)[]> EchelonRows() =>
        pivotRows.OrderBy(p => p.Key).Select(p => p.Value.ToBigInteger()).ToArray();

    /// <summary>Reduces the unit vector against the echelon rows; it is in the row space when nothing is left.</summary>
    public bool Contains(int column)
    {
        var row = SparseRow.Unit(column);
        while (!row.IsEmpty && pivotRows.TryGetValue(row.LeadColumn, out var pivot))
        {
            row = SparseRow.Eliminate(row, pivot, row.LeadColumn);
        }

        return row.IsEmpty;
    }

    /// <summary>
    /// In reduced row echelon form a unit vector is in the row space exactly when its column has a pivot
    /// and the pivot row has no other entry.
    /// </summary>
    public IReadOnlySet<int> DeterminedColumns() =>
        Reduced().Where(p => p.Value.Count == 1).Select(p => p.Key).ToHashSet();

    /// <summary>
    /// Back substitution. Rows are taken from the last pivot column to the first, so every row used for
    /// elimination is already free of other pivot columns and cannot bring any back.
    /// </summary>
    private Dictionary<int, SparseRow> Reduced()
    {
        if (reducedRows is not null)
        {
            return reducedRows;
        }

        var reduced = new Dictionary<int, SparseRow>(pivotRows.Count);
        foreach (var column in pivotRows.Keys.OrderDescending())
        {
            var row = pivotRows[column];
            for (var k = 1; k < row.Count; k++)
            {
                var other = row.ColumnAt(k);
                if (reduced.TryGetValue(other, out var pivot))
                {
                    row = SparseRow.Eliminate(row, pivot, other);
                    k = row.IndexAfter(other) - 1;
                }
            }

            reduced[column] = row;
        }

        return reducedRows = reduced;
    }

    private readonly struct SparseRow
    {
        private readonly int[] columns;
        private readonly T[] values;

        private SparseRow(int[] columns, T[] values)
        {
            this.columns = columns;
            this.values = values;
        }

        public int Count => columns.Length;

        public bool IsEmpty => columns.Length == 0;

        public int LeadColumn => columns[0];

        public int ColumnAt(int index) => columns[index];

        /// <summary>Position of the first entry after <paramref name="column"/>.</summary>
        public int IndexAfter(int column)
        {
            var i = Array.BinarySearch(columns, column);
            return i >= 0 ? i + 1 : ~i;
        }

        public static SparseRow Unit(int column) => new([column], [T.One]);

        public static SparseRow From((int Column, BigInteger Coefficient)[] entries)
        {
            var sorted = entries.Where(e => !e.Coefficient.IsZero).OrderBy(e => e.Column).ToArray();
            return Normalised(
                sorted.Select(e => e.Column).ToArray(),
                sorted.Select(e => T.CreateChecked(e.Coefficient)).ToArray(),
                sorted.Length);
        }

        public (int Column, BigInteger Coefficient)[] ToBigInteger()
        {
            var result = new (int, BigInteger)[columns.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                result[i] = (columns[i], BigInteger.CreateChecked(values[i]));
            }

            return result;
        }

        /// <summary>row·(p/g) − pivot·(r/g), where r and p are the two rows' entries in the column to clear.</summary>
        public static SparseRow Eliminate(SparseRow row, SparseRow pivot, int column)
        {
            var r = row.values[Array.BinarySearch(row.columns, column)];
            var p = pivot.values[Array.BinarySearch(pivot.columns, column)];
            var g = Gcd(r, p);
            var rowFactor = p / g;
            var pivotFactor = r / g;

            var cols = new int[row.Count + pivot.Count];
            var vals = new T[row.Count + pivot.Count];
            int i = 0, j = 0, n = 0;
            while (i < row.Count || j < pivot.Count)
            {
                var ci = i < row.Count ? row.columns[i] : int.MaxValue;
                var cj = j < pivot.Count ? pivot.columns[j] : int.MaxValue;
                T value;
                int col;
                if (ci < cj)
                {
                    col = ci;
                    value = checked(row.values[i++] * rowFactor);
                }
                else if (cj < ci)
                {
                    col = cj;
                    value = checked(-(pivot.values[j++] * pivotFactor));
                }
                else
                {
                    col = ci;
                    value = checked((row.values[i++] * rowFactor) - (pivot.values[j++] * pivotFactor));
                }

                if (!T.IsZero(value))
                {
                    cols[n] = col;
                    vals[n] = value;
                    n++;
                }
            }

            return Normalised(cols, vals, n);
        }

        private static SparseRow Normalised(int[] columns, T[] values, int count)
        {
            if (count == 0)
            {
                return new SparseRow([], []);
            }

            if (count < columns.Length)
            {
                Array.Resize(ref columns, count);
                Array.Resize(ref values, count);
            }

            var gcd = T.Zero;
            foreach (var v in values)
            {
                gcd = Gcd(gcd, v);
                if (gcd == T.One)
                {
                    break;
                }
            }

            if (T.IsNegative(values[0]))
            {
                gcd = checked(-gcd);
            }

            if (gcd != T.One)
            {
                for (var k = 0; k < values.Length; k++)
                {
                    values[k] /= gcd;
                }
            }

            return new SparseRow(columns, values);
        }

        private static T Gcd(T a, T b)
        {
            a = checked(T.Abs(a));
            b = checked(T.Abs(b));
            while (!T.IsZero(b))
            {
                (a, b) = (b, a % b);
            }

            return a;
        }
    }
}
