using Ammeindsats.Core.Workflow;

namespace Ammeindsats.Web.Features.Indicators.Workflow;

/// <summary>Settings of the approval flow (section <c>Workflow</c>).</summary>
public sealed class WorkflowSettings
{
    public const string Section = "Workflow";

    /// <summary>
    /// The four-eyes rule: whoever last entered or submitted a figure cannot approve it; someone else with the right to
    /// approve for the area must. On by default; an installation with one approver per region may turn it off.
    /// </summary>
    public bool FourEyes { get; set; } = true;

    /// <summary>The approval flow of the indicators under these settings.</summary>
    public ApprovalWorkflow Workflow => ApprovalWorkflow.Standard(FourEyes);
}
