using System.Globalization;

namespace Ammeindsats.Core.Indicators.Import;

public enum PeriodGranularity
{
    Year,
    Half,
    Quarter,
    Month,
}

/// <summary>
/// A calendar year, half-year, quarter or month, as written in aggregated files and on screen:
/// 2023, 2023H1, 2023Q2, 2023-05.
/// </summary>
/// <remarks>The default value is not a period; make one with a factory method or <see cref="TryParse"/>.</remarks>
public readonly record struct Period : IComparable<Period>
{
    private Period(int year, PeriodGranularity granularity, int number)
    {
        Year = year;
        Granularity = granularity;
        Number = number;
    }

    public int Year { get; }

    public PeriodGranularity Granularity { get; }

    /// <summary>1 for a year, 1–2 for a half-year, 1–4 for a quarter, 1–12 for a month.</summary>
    public int Number { get; }

    /// <summary>First day of the period.</summary>
    public DateOnly Start => new(Year, (Number - 1) * MonthsLong + 1, 1);

    /// <summary>Last day of the period, included in it.</summary>
    public DateOnly End => Start.AddMonths(MonthsLong).AddDays(-1);

    private int MonthsLong => Granularity switch
    {
        PeriodGranularity.Year => 12,
        PeriodGranularity.Half => 6,
        PeriodGranularity.Quarter => 3,
        _ => 1,
    };

    public static Period OfYear(int year) => Create(year, PeriodGranularity.Year, 1);

    public static Period OfHalf(int year, int half) => Create(year, PeriodGranularity.Half, half);

    public static Period OfQuarter(int year, int quarter) => Create(year, PeriodGranularity.Quarter, quarter);

    public static Period OfMonth(int year, int month) => Create(year, PeriodGranularity.Month, month);

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>True when <paramref name="other"/> lies wholly inside this period (a period contains itself).</summary>
    public bool Contains(Period other) => other.Start >= Start && other.End <= End;

    /// <summary>Accepts 2023, 2023H1, 2023Q2 and 2023-05 (letters in either case, surrounding spaces ignored).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Period period)
    {
        period = default;
        var s = text.Trim();
        if (s.Length < 4 || !TryDigits(s[..4], out int year) || year < 1)
        {
            return false;
        }

        var rest = s[4..];
        if (rest.IsEmpty)
        {
            period = OfYear(year);
            return true;
        }

        (PeriodGranularity granularity, int max) = rest[0] switch
        {
            'H' or 'h' => (PeriodGranularity.Half, 2),
            'Q' or 'q' => (PeriodGranularity.Quarter, 4),
            '-' => (PeriodGranularity.Month, 12),
            _ => (PeriodGranularity.Year, 0),
        };
        var digits = rest[1..];
        int widest = granularity == PeriodGranularity.Month ? 2 : 1;
        if (max == 0 || digits.Length < 1 || digits.Length > widest || !TryDigits(digits, out int number)
            || number < 1 || number > max)
        {
            return false;
        }

        period = new Period(year, granularity, number);
        return true;
    }

    public static Period Parse(string text) =>
        TryParse(text, out var period)
            ? period
            : throw new FormatException($"'{text}' is not a period (2023, 2023H1, 2023Q2 or 2023-05).");

    /// <summary>Earlier start first; of two periods that start together, the shorter first.</summary>
    public int CompareTo(Period other)
    {
        int byStart = Start.CompareTo(other.Start);
        return byStart != 0 ? byStart : End.CompareTo(other.End);
    }

    public static bool operator <(Period left, Period right) => left.CompareTo(right) < 0;

    public static bool operator >(Period left, Period right) => left.CompareTo(right) > 0;

    public static bool operator <=(Period left, Period right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Period left, Period right) => left.CompareTo(right) >= 0;

    public override string ToString() => Granularity switch
    {
        PeriodGranularity.Year => Year.ToString("D4", CultureInfo.InvariantCulture),
        PeriodGranularity.Half => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}H{Number}"),
        PeriodGranularity.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}Q{Number}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}"),
    };

    private static Period Create(int year, PeriodGranularity granularity, int number)
    {
        int max = granularity switch
        {
            PeriodGranularity.Year => 1,
            PeriodGranularity.Half => 2,
            PeriodGranularity.Quarter => 4,
            _ => 12,
        };
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, max);
        return new Period(year, granularity, number);
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }
}
