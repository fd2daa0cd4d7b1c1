using System.Globalization;
using System.Text.RegularExpressions;
using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Common;
using Ammeindsats.Core.Indicators.Import;

namespace Ammeindsats.Core.Indicators;

/// <summary>
/// The rules for one indicator cell (indicator × area × period × breakdown with a numerator and denominator),
/// shared by manual entry and the import of aggregated files. Each check gives the Danish message to show, or
/// null when the cell passes it. Where a file and a person may differ, the difference is a named rule here:
/// counts typed by a person may be grouped in thousands, a file's may not; a file may carry already counted
/// figures for regions and the whole country (eSundhed's national figures include children no municipality
/// reported), while a person enters only the figures of a municipality or birth site.
/// </summary>
public static partial class IndicatorCellRules
{
    /// <summary>The breakdowns a cell may have: the total (empty), first-born and later-born children.</summary>
    public static readonly IReadOnlyList<string> Breakdowns = [ChildBreakdown.Total, ChildBreakdown.FirstBorn, ChildBreakdown.LaterBorn];

    /// <summary>Values are entered for the areas that report: active municipalities and birth sites. Parents are sums of them.</summary>
    public static bool IsReportingArea(Area area)
    {
        ArgumentNullException.ThrowIfNull(area);
        return area.Active && area.Type is AreaType.Municipality or AreaType.BirthSite;
    }

    /// <summary>A hand-entered cell must be for a reporting area.</summary>
    public static string? CheckEnteredArea(Area area) =>
        IsReportingArea(area) ? null
            : $"{area.Name} er ikke en kommune eller et fødested. Tal for regioner, klynger og hele landet regnes ud fra kommunernes tal.";

    /// <summary>A figure for a period that has not begun cannot have been counted.</summary>
    public static string? CheckPeriodStarted(Period period, DateOnly today) =>
        period.Start > today
            ? $"Perioden {period} er ikke begyndt endnu (den begynder {DanishFormat.TextDate(period.Start)})."
            : null;

    /// <summary>The breakdown as stored ("", "parity-1", "parity-2plus"), read without regard to case or surrounding spaces; false for any other text.</summary>
    public static bool TryReadBreakdown(string? text, out string breakdown)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        foreach (var candidate in Breakdowns)
        {
            if (string.Equals(candidate, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                breakdown = candidate;
                return true;
            }
        }

        breakdown = trimmed;
        return false;
    }

    /// <summary>The message for a breakdown in a file that is none of <see cref="Breakdowns"/>.</summary>
    public static string UnknownBreakdownInFile(string text) =>
        $"Opdelingen «{text.Trim()}» findes ikke. Skriv tomt for alle børn, parity-1 for førstegangsfødende eller parity-2plus for flergangsfødende.";

    /// <summary>The numerator counts those of the denominator who meet the indicator, so it cannot be larger.</summary>
    public static string? CheckCounts(int numerator, int denominator) =>
        numerator > denominator
            ? string.Create(CultureInfo.InvariantCulture, $"Tælleren ({DanishFormat.Number(numerator)}) er større end nævneren ({DanishFormat.Number(denominator)}).")
            : null;

    /// <summary>Counts as a file holds them: digits only, no sign, no separators.</summary>
    public static bool TryParseCount(string? text, out int value) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// A count typed by a person: digits, optionally grouped in thousands with the Danish point or a space
    /// ("1.234", "1 234", "12.345.678"). A point anywhere else ("12.5", "1.23") is refused, so that a decimal
    /// number is never read as a count.
    /// </summary>
    public static bool TryParseTypedCount(string? text, out int value)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (TryParseCount(trimmed, out value))
        {
            return true;
        }

        if (!GroupedThousands().IsMatch(trimmed))
        {
            value = 0;
            return false;
        }

        return TryParseCount(trimmed.Replace(".", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00A0", string.Empty, StringComparison.Ordinal), out value);
    }

    [GeneratedRegex(@"^[0-9]{1,3}([. \u00A0][0-9]{3})+$")]
    private static partial Regex GroupedThousands();
}
