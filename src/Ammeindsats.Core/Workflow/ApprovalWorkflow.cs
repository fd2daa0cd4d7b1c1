using Ammeindsats.Core.Access;
using Ammeindsats.Core.Indicators;

namespace Ammeindsats.Core.Workflow;

/// <summary>
/// Something that is reported for one area and approved before it counts: an indicator value or birth cohort
/// today, and a status report, follow-up or material of the coming modules. It moves through
/// <see cref="ValueStatus"/>: draft → submitted → approved, and back to draft when reopened with a reason.
/// </summary>
public interface IApprovalItem
{
    /// <summary>The area the item belongs to; the rights to report and approve are decided for it.</summary>
    string AreaCode { get; }

    ValueStatus Status { get; set; }

    /// <summary>Who last entered or submitted the item; the four-eyes rule keeps that person from approving it.</summary>
    string? UpdatedBy { get; set; }

    DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Why an approved item was opened again; kept until it is reopened once more.</summary>
    string? ReopenReason { get; set; }
}

/// <summary>The steps of the approval flow.</summary>
public enum ApprovalStep
{
    /// <summary>Draft → submitted, by whoever may report for the area.</summary>
    Submit,

    /// <summary>Submitted → approved, by whoever may approve for the area (not the submitter under four eyes).</summary>
    Approve,

    /// <summary>Approved → draft, by whoever may approve for the area, with a reason.</summary>
    Reopen,
}

/// <summary>Why a step was refused; <see cref="None"/> when it may be taken.</summary>
public enum ApprovalRefusal
{
    None,

    /// <summary>The caller has no role for the area that allows the step.</summary>
    NoRight,

    /// <summary>The item is not in the status the step starts from.</summary>
    WrongStatus,

    /// <summary>The caller last entered or submitted the item and the four-eyes rule is on.</summary>
    FourEyes,

    /// <summary>Reopening without a reason.</summary>
    ReasonMissing,

    /// <summary>A reason longer than <see cref="ApprovalWorkflow.MaxReasonLength"/> characters.</summary>
    ReasonTooLong,
}

/// <summary>
/// The one approval flow: which step leads from which status to which, who may take it by role and area, the
/// four-eyes rule, and reopening with a reason. Pure: it decides and changes items in memory; saving them is the
/// caller's.
/// </summary>
public sealed class ApprovalWorkflow
{
    public const int MaxReasonLength = 1000;

    /// <summary>Roles that enter and submit for their own areas (an administrator may act everywhere).</summary>
    public static readonly IReadOnlyList<Role> StandardReporting = [Role.Secretariat, Role.Network, Role.Reporter];

    /// <summary>Approving and reopening is the secretariat's (for its region) or an administrator's.</summary>
    public static readonly IReadOnlyList<Role> StandardApproving = [Role.Secretariat];

    private readonly Role[] _reporting;
    private readonly Role[] _approving;

    /// <param name="reporting">Roles that may submit for an area they cover.</param>
    /// <param name="approving">Roles that may approve and reopen for an area they cover.</param>
    /// <param name="fourEyes">When on, whoever last entered or submitted an item cannot approve it.</param>
    public ApprovalWorkflow(IEnumerable<Role> reporting, IEnumerable<Role> approving, bool fourEyes = true)
    {
        ArgumentNullException.ThrowIfNull(reporting);
        ArgumentNullException.ThrowIfNull(approving);
        _reporting = reporting.ToArray();
        _approving = approving.ToArray();
        FourEyes = fourEyes;
    }

    /// <summary>The flow the indicators use, and the default for modules: reporters, networks and secretariats submit; secretariats approve.</summary>
    public static ApprovalWorkflow Standard(bool fourEyes = true) => new(StandardReporting, StandardApproving, fourEyes);

    public bool FourEyes { get; }

    public IReadOnlyList<Role> Reporting => _reporting;

    public IReadOnlyList<Role> Approving => _approving;

    /// <summary>The status a step starts from.</summary>
    public static ValueStatus From(ApprovalStep step) => step switch
    {
        ApprovalStep.Submit => ValueStatus.Draft,
        ApprovalStep.Approve => ValueStatus.Submitted,
        ApprovalStep.Reopen => ValueStatus.Approved,
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    /// <summary>The status a step leads to.</summary>
    public static ValueStatus To(ApprovalStep step) => step switch
    {
        ApprovalStep.Submit => ValueStatus.Submitted,
        ApprovalStep.Approve => ValueStatus.Approved,
        ApprovalStep.Reopen => ValueStatus.Draft,
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    /// <summary>An approved item is locked: it is changed only by reopening it (or by an import that approves the change).</summary>
    public static bool IsLocked(ValueStatus status) => status == ValueStatus.Approved;

    /// <summary>May enter, change and submit items for the area.</summary>
    public bool MayReport(AccessScope scope, string area)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.CanActOn(area, _reporting);
    }

    /// <summary>May approve and reopen items for the area.</summary>
    public bool MayApprove(AccessScope scope, string area)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.CanActOn(area, _approving);
    }

    /// <summary>May approve for some area: an administrator, or anyone holding an approving role.</summary>
    public bool MayApproveSomewhere(AccessScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.IsAdministrator || _approving.Any(scope.Has);
    }

    /// <summary>May take the step for the area, by role alone (status and four eyes aside).</summary>
    public bool MayTake(ApprovalStep step, AccessScope scope, string area) =>
        step == ApprovalStep.Submit ? MayReport(scope, area) : MayApprove(scope, area);

    /// <summary>True when the four-eyes rule keeps <paramref name="actor"/> from approving what <paramref name="submittedBy"/> entered or submitted.</summary>
    public bool IsOwn(string? submittedBy, string actor) =>
        FourEyes && string.Equals(submittedBy, actor, StringComparison.OrdinalIgnoreCase);

    /// <summary>A reopening reason, trimmed: missing, too long, or fine.</summary>
    public static ApprovalRefusal CheckReason(string? reason)
    {
        var trimmed = reason?.Trim();
        return string.IsNullOrEmpty(trimmed) ? ApprovalRefusal.ReasonMissing
            : trimmed.Length > MaxReasonLength ? ApprovalRefusal.ReasonTooLong
            : ApprovalRefusal.None;
    }

    /// <summary>
    /// Whether <paramref name="actor"/> with <paramref name="scope"/> may take the step on the item. Checked in this
    /// order: the right for the item's area, the item's status, the four-eyes rule (approving), the reason (reopening).
    /// </summary>
    public ApprovalRefusal Check(ApprovalStep step, IApprovalItem item, AccessScope scope, string actor, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!MayTake(step, scope, item.AreaCode))
        {
            return ApprovalRefusal.NoRight;
        }

        if (item.Status != From(step))
        {
            return ApprovalRefusal.WrongStatus;
        }

        if (step == ApprovalStep.Approve && IsOwn(item.UpdatedBy, actor))
        {
            return ApprovalRefusal.FourEyes;
        }

        return step == ApprovalStep.Reopen ? CheckReason(reason) : ApprovalRefusal.None;
    }

    /// <summary>
    /// Takes the step on the item when <see cref="Check"/> allows it, and says why not otherwise (the item is then
    /// unchanged). Submitting records the actor as the item's last changer; reopening records the actor and the
    /// reason; approving keeps the submitter, so the four-eyes rule can still be seen afterwards.
    /// </summary>
    public ApprovalRefusal Apply(ApprovalStep step, IApprovalItem item, AccessScope scope, string actor, DateTimeOffset now, string? reason = null)
    {
        var refusal = Check(step, item, scope, actor, reason);
        if (refusal != ApprovalRefusal.None)
        {
            return refusal;
        }

        item.Status = To(step);
        if (step is ApprovalStep.Submit or ApprovalStep.Reopen)
        {
            item.UpdatedAt = now;
            item.UpdatedBy = actor;
        }

        if (step == ApprovalStep.Reopen)
        {
            item.ReopenReason = reason!.Trim();
        }

        return ApprovalRefusal.None;
    }
}
