using System.Globalization;

namespace Ammeindsats.Core.Common;

/// <summary>
/// Dates and numbers as the seeds write them. .NET's da-DK culture on Linux prints 21.03.2023,
/// so every format here is explicit rather than culture-driven.
/// </summary>
public static class DanishFormat
{
    private static readonly string[] MonthNames =
    [
        "januar", "februar", "marts", "april", "maj", "juni",
        "juli", "august", "september", "oktober", "november", "december",
    ];

    private static readonly string[] InputDateFormats =
        ["yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy", "d.M.yyyy", "dd/MM/yyyy", "d/M/yyyy"];

    /// <summary>21-03-2023, for tables.</summary>
    public static string TableDate(DateOnly date) =>
        date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    /// <summary>21. marts 2023, for running text.</summary>
    public static string TextDate(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Day}. {MonthNames[date.Month - 1]} {date.Year}");

    /// <summary>Accepts 2023-03-21, 21-03-2023, 21.03.2023 and 21/03/2023.</summary>
    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), InputDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>51,1: decimal comma, dot as thousands separator.</summary>
    public static string Number(double value, int decimals = 1)
    {
        var nfi = new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = ".", NegativeSign = "-" };
        return value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), nfi);
    }

    public static string Number(int value) => Number(value, 0);
}
