using System.Globalization;
using Ammeindsats.Core.Access;
using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.Indicators.Import;
using Ammeindsats.Core.Workflow;

namespace Ammeindsats.Web.Features.Indicators.Workflow;

/// <summary>
/// The pages' shorthand for the rules in Core (<see cref="ApprovalWorkflow"/> for who may report and approve,
/// <see cref="IndicatorCellRules"/> for a cell), and the words the pages use for the workflow.
/// </summary>
public static class WorkflowRules
{
    /// <summary>The rights by role and area; the four-eyes rule is a setting (<see cref="WorkflowSettings"/>) and does not decide these.</summary>
    private static readonly ApprovalWorkflow Rights = ApprovalWorkflow.Standard();

    public static IReadOnlyList<string> Breakdowns => IndicatorCellRules.Breakdowns;

    public static bool MayReport(this AccessScope scope, string area) => Rights.MayReport(scope, area);

    public static bool MayApprove(this AccessScope scope, string area) => Rights.MayApprove(scope, area);

    /// <summary>Values are entered for the areas that report: municipalities and birth sites. Parents are sums of them.</summary>
    public static bool IsReportingArea(Area area) => IndicatorCellRules.IsReportingArea(area);

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
    public static bool TryParseCount(string? text, out int value) => IndicatorCellRules.TryParseCount(text, out value);

    /// <summary>A count typed by a person, optionally grouped in thousands (see <see cref="IndicatorCellRules.TryParseTypedCount"/>).</summary>
    public static bool TryParseTypedCount(string? text, out int value) => IndicatorCellRules.TryParseTypedCount(text, out value);

    /// <summary>A decimal number with a comma or a point (70,5 or 70.5).</summary>
    public static bool TryParseDecimal(string? text, out double value) =>
        double.TryParse(text?.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);

    public static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    /// <summary>The birth year a stored period belongs to, or null for text that is not a period.</summary>
    public static int? YearOf(string period) => Period.TryParse(period, out var p) ? p.Year : null;
}
