using System.Globalization;
using System.Text;
using Ammeindsats.Core.Audit;

namespace Ammeindsats.Core.Indicators;

/// <summary>draft → submitted → approved (locked). Only approved values are published.</summary>
public enum ValueStatus
{
    Draft,
    Submitted,
    Approved,
}

/// <summary>
/// A numerator/denominator for one indicator × area × period × breakdown, from an aggregated file, manual
/// entry or another module. Breakdown "" is the total.
/// </summary>
public sealed class IndicatorValue : IAudited, IVersioned, Workflow.IApprovalItem
{
    public long Id { get; set; }

    public required string IndicatorCode { get; set; }

    public required string AreaCode { get; set; }

    /// <summary>2023, 2023H1, 2023Q2 or 2023-05.</summary>
    public required string Period { get; set; }

    public string Breakdown { get; set; } = string.Empty;

    public int Numerator { get; set; }

    public int Denominator { get; set; }

    public ValueStatus Status { get; set; }

    /// <summary>"file:&lt;sha256&gt;", "manual" or a module name.</summary>
    public required string Origin { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    public string? ReopenReason { get; set; }

    public bool IsDemo { get; set; }

    public int Version { get; set; }

    public string AuditKey => $"{IndicatorCode}/{AreaCode}/{Period}/{(Breakdown.Length == 0 ? "total" : Breakdown)}";
}

/// <summary>
/// The daily counts of one birth cohort in one area and breakdown: how many children's full breastfeeding
/// ended on each day, and how many were last seen still fully breastfed on each day. Every threshold share and
/// the Kaplan–Meier curve are recomputed exactly from these; no child-level row is ever stored.
/// </summary>
public sealed class BirthCohort : IAudited, IVersioned, Workflow.IApprovalItem
{
    public long Id { get; set; }

    public required string AreaCode { get; set; }

    public int BirthYear { get; set; }

    public string Breakdown { get; set; } = string.Empty;

    /// <summary>Sparse "day:ended:censored" entries separated by ';' (see <see cref="DailyCounts"/>).</summary>
    public required string Counts { get; set; }

    public int Children { get; set; }

    public ValueStatus Status { get; set; }

    public required string Origin { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    public string? ReopenReason { get; set; }

    public bool IsDemo { get; set; }

    public int Version { get; set; }

    public string AuditKey => $"{AreaCode}/{BirthYear}/{(Breakdown.Length == 0 ? "total" : Breakdown)}";
}

/// <summary>A target such as "fuldamning-2uger ≥ 70 % in 2027" for one area, from a baseline.</summary>
public sealed class IndicatorTarget : IAudited, IVersioned
{
    public int Id { get; set; }

    public required string IndicatorCode { get; set; }

    public required string AreaCode { get; set; }

    public int BaselineYear { get; set; }

    public double BaselineValue { get; set; }

    public int TargetYear { get; set; }

    public double TargetValue { get; set; }

    public string? Note { get; set; }

    public int Version { get; set; }

    public string AuditKey => Id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The compact text form of a cohort's daily counts, and sums of several cohorts.</summary>
public static class DailyCounts
{
    public static string Encode(ReadOnlySpan<int> ended, ReadOnlySpan<int> censored)
    {
        var sb = new StringBuilder();
        var length = Math.Max(ended.Length, censored.Length);
        for (var day = 0; day < length; day++)
        {
            var e = day < ended.Length ? ended[day] : 0;
            var c = day < censored.Length ? censored[day] : 0;
            if (e == 0 && c == 0)
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(';');
            }

            sb.Append(CultureInfo.InvariantCulture, $"{day}:{e}:{c}");
        }

        return sb.ToString();
    }

    /// <summary>Adds the encoded counts into the arrays, growing them as needed.</summary>
    public static void AddTo(string encoded, ref int[] ended, ref int[] censored)
    {
        var span = encoded.AsSpan();
        while (span.Length > 0)
        {
            var end = span.IndexOf(';');
            var entry = end < 0 ? span : span[..end];
            span = end < 0 ? [] : span[(end + 1)..];
            var first = entry.IndexOf(':');
            var second = entry[(first + 1)..].IndexOf(':') + first + 1;
            var day = int.Parse(entry[..first], CultureInfo.InvariantCulture);
            var e = int.Parse(entry[(first + 1)..second], CultureInfo.InvariantCulture);
            var c = int.Parse(entry[(second + 1)..], CultureInfo.InvariantCulture);
            if (day >= ended.Length)
            {
                Array.Resize(ref ended, Math.Max(day + 1, ended.Length * 2));
                Array.Resize(ref censored, ended.Length);
            }

            ended[day] += e;
            censored[day] += c;
        }
    }

    public static (int[] Ended, int[] Censored) Decode(string encoded)
    {
        int[] ended = [];
        int[] censored = [];
        AddTo(encoded, ref ended, ref censored);
        return (ended, censored);
    }
}

public enum ImportRunState
{
    Checked,
    Running,
    Done,
    Failed,
}

/// <summary>
/// An upload in the web UI: checked (dry run shown), then confirmed and applied. Kept in the database so
/// any web node can show its progress; the uploaded file itself expires after an hour.
/// </summary>
public sealed class ImportRun
{
    public Guid Id { get; set; }

    /// <summary>child-records or indicator-values.</summary>
    public required string Kind { get; set; }

    public Guid FileId { get; set; }

    public required string FileName { get; set; }

    public required string FileSha256 { get; set; }

    public ImportRunState State { get; set; }

    public bool Approve { get; set; }

    /// <summary>0–100 while running.</summary>
    public int Percent { get; set; }

    public required string Summary { get; set; }

    public string? UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>
    /// While running: until when the node applying it holds it. That node renews it; a run still running
    /// past it was left by a node that stopped, and is shown as failed.
    /// </summary>
    public DateTimeOffset? LeaseUntil { get; set; }
}
