using System.Runtime.CompilerServices;

namespace Ammeindsats.Core.Indicators.Import;

/// <summary>
/// Parsing of single field values straight from the reader's spans, so that a million rows do not
/// become millions of short-lived strings.
/// </summary>
internal static class FieldText
{
    /// <summary>
    /// Same answers as <see cref="Common.DanishFormat.TryParseDate"/> (2023-03-21, 21-03-2023,
    /// 21.03.2023, 21/03/2023, and day and month with one digit in the day-first forms), without the
    /// string and the format list.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        var s = text.Trim();
        int year, month, day;
        if (s.Length == 10 && s[4] == '-' && s[7] == '-')
        {
            if (!TryDigits(s[..4], out year) || !TryDigits(s.Slice(5, 2), out month) || !TryDigits(s.Slice(8, 2), out day))
            {
                return false;
            }
        }
        else
        {
            int firstSeparator = s.IndexOfAny('-', '.', '/');
            if (firstSeparator is < 1 or > 2)
            {
                return false;
            }

            char separator = s[firstSeparator];
            var rest = s[(firstSeparator + 1)..];
            int secondSeparator = rest.IndexOf(separator);
            if (secondSeparator is < 1 or > 2 || rest.Length - secondSeparator - 1 != 4)
            {
                return false;
            }

            if (!TryDigits(s[..firstSeparator], out day) || !TryDigits(rest[..secondSeparator], out month)
                || !TryDigits(rest[(secondSeparator + 1)..], out year))
            {
                return false;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>A whole number written with digits only (no sign, no separators), at most 9 digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseCount(ReadOnlySpan<char> text, out int value)
    {
        var s = text.Trim();
        value = 0;
        return s.Length is >= 1 and <= 9 && TryDigits(s, out value);
    }

    /// <summary>true/false, 1/0, ja/nej in any case.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseYesNo(ReadOnlySpan<char> text, out bool value)
    {
        var s = text.Trim();
        if (s.Equals("true", StringComparison.OrdinalIgnoreCase) || s.Equals("1", StringComparison.Ordinal)
            || s.Equals("ja", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        value = false;
        return s.Equals("false", StringComparison.OrdinalIgnoreCase) || s.Equals("0", StringComparison.Ordinal)
            || s.Equals("nej", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// True when the value is shaped like a CPR number: ten digits, or DDMMYY-XXXX, whose first six
    /// digits are a date that exists in some century. The check digit is not used: CPR numbers
    /// issued since 2007 need not pass the modulus 11 test.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool LooksLikeCpr(ReadOnlySpan<char> text)
    {
        var s = text.Trim();
        ReadOnlySpan<char> serial;
        if (s.Length == 10)
        {
            serial = s[6..];
        }
        else if (s.Length == 11 && s[6] == '-')
        {
            serial = s[7..];
        }
        else
        {
            return false;
        }

        if (!TryDigits(s[..6], out _) || !TryDigits(serial, out _))
        {
            return false;
        }

        int day = (s[0] - '0') * 10 + (s[1] - '0');
        int month = (s[2] - '0') * 10 + (s[3] - '0');
        int year = (s[4] - '0') * 10 + (s[5] - '0');
        if (month is < 1 or > 12 || day < 1)
        {
            return false;
        }

        // 29 February is plausible in any year divisible by four: 2000 was a leap year, so 00 is too.
        int daysInMonth = month == 2 ? (year % 4 == 0 ? 29 : 28) : DateTime.DaysInMonth(2001, month);
        return day <= daysInMonth;
    }

    /// <summary>A value for a message: quoted, and cut short so a runaway field does not flood the list.</summary>
    public static string Quote(ReadOnlySpan<char> text)
    {
        var s = text.Trim();
        const int Max = 40;
        return s.Length <= Max ? $"«{s}»" : $"«{s[..Max]}…»";
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (char c in s)
        {
            uint digit = (uint)(c - '0');
            if (digit > 9)
            {
                return false;
            }

            value = value * 10 + (int)digit;
        }

        return true;
    }
}
