using System.Globalization;
using Ammeindsats.Core.Access;
using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.Indicators.Import;

namespace Ammeindsats.Web.Features.Indicators.Workflow;

/// <summary>Who may report, submit and approve which area, and the words the pages use for the workflow.</summary>
public static class WorkflowRules
{
    /// <summary>Roles that enter and submit values for their own areas (an administrator may act everywhere).</summary>
    public static readonly Role[] Reporting = [Role.Secretariat, Role.Network, Role.Reporter];

    /// <summary>Approving and reopening is the secretariat's (for its region) or an administrator's.</summary>
    public static readonly Role[] Approving = [Role.Secretariat];

    public static readonly string[] Breakdowns = [ChildBreakdown.Total, ChildBreakdown.FirstBorn, ChildBreakdown.LaterBorn];

    public static bool MayReport(this AccessScope scope, string area) => scope.CanActOn(area, Reporting);

    public static bool MayApprove(this AccessScope scope, string area) => scope.CanActOn(area, Approving);

    /// <summary>Values are entered for the areas that report: municipalities and birth sites. Parents are sums of them.</summary>
    public static bool IsReportingArea(Area area) => area.Active && area.Type is AreaType.Municipality or AreaType.BirthSite;

    /// <summary>Municipalities first, then birth sites, each by name.</summary>
    public static IReadOnlyList<Area> ReportableAreas(AccessScope scope, AreaHierarchy hierarchy) =>
        hierarchy.Areas.Where(a => IsReportingArea(a) && scope.MayReport(a.Code))
            .OrderBy(a => a.Type).ThenBy(a => a.Name, Danish).ToList();

    public static readonly StringComparer Danish = Ammeindsats.Core.Common.DanishText.Comparer;

    public static string StatusName(ValueStatus status) => status switch
    {
        ValueStatus.Draft => "Kladde",
        ValueStatus.Submitted => "Indsendt",
        ValueStatus.Approved => "Godkendt",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>The query-string word for a status: kladde, indsendt, godkendt.</summary>
    public static string StatusToken(ValueStatus status) => StatusName(status).ToLowerInvariant();

    public static bool TryParseStatus(string? token, out ValueStatus status)
    {
        foreach (var candidate in Enum.GetValues<ValueStatus>())
        {
            if (string.Equals(StatusToken(candidate), token?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    public static string BreakdownName(string breakdown) => breakdown switch
    {
        ChildBreakdown.Total => "I alt",
        ChildBreakdown.FirstBorn => "Førstegangsfødende",
        ChildBreakdown.LaterBorn => "Flergangsfødende",
        _ => breakdown,
    };

    /// <summary>Counts as the import reads them: digits only, no sign, no separators.</summary>
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

        if (!System.Text.RegularExpressions.Regex.IsMatch(trimmed, @"^[0-9]{1,3}([. \u00A0][0-9]{3})+$"))
        {
            value = 0;
            return false;
        }

        return TryParseCount(trimmed.Replace(".", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00A0", string.Empty, StringComparison.Ordinal), out value);
    }

    /// <summary>A decimal number with a comma or a point (70,5 or 70.5).</summary>
    public static bool TryParseDecimal(string? text, out double value) =>
        double.TryParse(text?.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);

    public static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    /// <summary>The birth year a stored period belongs to, or null for text that is not a period.</summary>
    public static int? YearOf(string period) => Period.TryParse(period, out var p) ? p.Year : null;
}
