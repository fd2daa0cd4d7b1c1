using Ammeindsats.Core.Access;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.Tests.Areas;
using Ammeindsats.Core.Workflow;

namespace Ammeindsats.Core.Tests.Workflow;

public class ApprovalWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Earlier = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly ApprovalWorkflow Standard = ApprovalWorkflow.Standard();

    /// <summary>A coming module's item (a status report, say): the workflow needs nothing but the interface.</summary>
    private sealed class StatusReport : IApprovalItem
    {
        public required string AreaCode { get; init; }

        public ValueStatus Status { get; set; }

        public string? UpdatedBy { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }

        public string? ReopenReason { get; set; }
    }

    private static StatusReport Item(string area, ValueStatus status, string? by = "indberetter@kommune.dk") =>
        new() { AreaCode = area, Status = status, UpdatedBy = by, UpdatedAt = Earlier };

    private static AccessScope Scope(params (Role Role, string? Area)[] grants) => new(grants, TestAreas.Hierarchy());

    private static AccessScope ScopeOf(string grant) => grant switch
    {
        "administrator" => Scope((Role.Administrator, null)),
        "secretariat:1082" => Scope((Role.Secretariat, "1082")),
        "network:K-AARHUS" => Scope((Role.Network, "K-AARHUS")),
        "reporter:751" => Scope((Role.Reporter, "751")),
        "reader" => Scope((Role.Reader, null)),
        "anonymous" => AccessScope.Anonymous(TestAreas.Hierarchy()),
        _ => throw new ArgumentOutOfRangeException(nameof(grant)),
    };

    [Theory]
    [InlineData(ApprovalStep.Submit, ValueStatus.Draft, ValueStatus.Submitted)]
    [InlineData(ApprovalStep.Approve, ValueStatus.Submitted, ValueStatus.Approved)]
    [InlineData(ApprovalStep.Reopen, ValueStatus.Approved, ValueStatus.Draft)]
    public void EachStep_LeadsFromOneStatusToTheNext(ApprovalStep step, ValueStatus from, ValueStatus to)
    {
        Assert.Equal(from, ApprovalWorkflow.From(step));
        Assert.Equal(to, ApprovalWorkflow.To(step));

        var item = Item("751", from, by: "en.anden@region.dk");
        Assert.Equal(ApprovalRefusal.None, Standard.Apply(step, item, ScopeOf("administrator"), "admin@region.dk", Now, "Tallet var forkert"));
        Assert.Equal(to, item.Status);
    }

    // Who may take which step where: the administrator everywhere; the region's secretariat submits, approves and
    // reopens in its region (municipality, birth site, cluster) but not in another region; the cluster's network
    // and the municipality's reporter only submit, and only inside their own area; readers and anonymous nothing.
    [Theory]
    [InlineData("administrator", "751", true, true)]
    [InlineData("administrator", "101", true, true)]
    [InlineData("secretariat:1082", "751", true, true)]
    [InlineData("secretariat:1082", "730", true, true)]
    [InlineData("secretariat:1082", "RM-AUH", true, true)]
    [InlineData("secretariat:1082", "101", false, false)]
    [InlineData("network:K-AARHUS", "751", true, false)]
    [InlineData("network:K-AARHUS", "RM-AUH", true, false)]
    [InlineData("network:K-AARHUS", "730", false, false)]
    [InlineData("network:K-AARHUS", "101", false, false)]
    [InlineData("reporter:751", "751", true, false)]
    [InlineData("reporter:751", "730", false, false)]
    [InlineData("reporter:751", "101", false, false)]
    [InlineData("reader", "751", false, false)]
    [InlineData("anonymous", "751", false, false)]
    public void EveryRole_OwnAndForeignArea(string grant, string area, bool maySubmit, bool mayApproveAndReopen)
    {
        var scope = ScopeOf(grant);
        const string actor = "bruger@eksempel.dk";

        var draft = Item(area, ValueStatus.Draft);
        var submitted = Item(area, ValueStatus.Submitted);
        var approved = Item(area, ValueStatus.Approved);

        Assert.Equal(maySubmit ? ApprovalRefusal.None : ApprovalRefusal.NoRight, Standard.Apply(ApprovalStep.Submit, draft, scope, actor, Now));
        Assert.Equal(mayApproveAndReopen ? ApprovalRefusal.None : ApprovalRefusal.NoRight, Standard.Apply(ApprovalStep.Approve, submitted, scope, actor, Now));
        Assert.Equal(mayApproveAndReopen ? ApprovalRefusal.None : ApprovalRefusal.NoRight, Standard.Apply(ApprovalStep.Reopen, approved, scope, actor, Now, "Rettet kilde"));

        // A refused step leaves the item exactly as it was.
        Assert.Equal(maySubmit ? ValueStatus.Submitted : ValueStatus.Draft, draft.Status);
        Assert.Equal(mayApproveAndReopen ? ValueStatus.Approved : ValueStatus.Submitted, submitted.Status);
        Assert.Equal(mayApproveAndReopen ? ValueStatus.Draft : ValueStatus.Approved, approved.Status);
        Assert.Equal(maySubmit ? actor : "indberetter@kommune.dk", draft.UpdatedBy);
        Assert.Equal(mayApproveAndReopen ? "Rettet kilde" : null, approved.ReopenReason);
    }

    [Theory]
    [InlineData("administrator", true)]
    [InlineData("secretariat:1082", true)]
    [InlineData("network:K-AARHUS", false)]
    [InlineData("reporter:751", false)]
    [InlineData("reader", false)]
    [InlineData("anonymous", false)]
    public void MayApproveSomewhere_ByRole(string grant, bool expected) =>
        Assert.Equal(expected, Standard.MayApproveSomewhere(ScopeOf(grant)));

    [Fact]
    public void AUserWithTwoGrants_ApprovesOnlyWhereTheApprovingGrantReaches()
    {
        // Reporter for Aarhus and secretariat for Region Hovedstaden: submits in Aarhus, approves in København only.
        var scope = Scope((Role.Reporter, "751"), (Role.Secretariat, "1084"));

        Assert.True(Standard.MayReport(scope, "751"));
        Assert.False(Standard.MayApprove(scope, "751"));
        Assert.True(Standard.MayApprove(scope, "101"));
        Assert.Equal(ApprovalRefusal.NoRight, Standard.Check(ApprovalStep.Approve, Item("751", ValueStatus.Submitted), scope, "x@y.dk"));
    }

    [Theory]
    [InlineData(ApprovalStep.Submit, ValueStatus.Submitted)]
    [InlineData(ApprovalStep.Submit, ValueStatus.Approved)]
    [InlineData(ApprovalStep.Approve, ValueStatus.Draft)]
    [InlineData(ApprovalStep.Approve, ValueStatus.Approved)]
    [InlineData(ApprovalStep.Reopen, ValueStatus.Draft)]
    [InlineData(ApprovalStep.Reopen, ValueStatus.Submitted)]
    public void AStepFromTheWrongStatus_IsRefused_AndChangesNothing(ApprovalStep step, ValueStatus status)
    {
        var item = Item("751", status, by: "en.anden@region.dk");

        Assert.Equal(ApprovalRefusal.WrongStatus, Standard.Apply(step, item, ScopeOf("administrator"), "admin@region.dk", Now, "Begrundelse"));
        Assert.Equal(status, item.Status);
        Assert.Equal(Earlier, item.UpdatedAt);
        Assert.Null(item.ReopenReason);
    }

    [Fact]
    public void TheRightIsCheckedBeforeTheStatus()
    {
        // A foreign area's draft: the reporter learns nothing about its status.
        Assert.Equal(ApprovalRefusal.NoRight, Standard.Check(ApprovalStep.Approve, Item("101", ValueStatus.Draft), ScopeOf("reporter:751"), "x@y.dk"));
    }

    [Fact]
    public void FourEyes_WhoeverSubmittedCannotApprove_AnotherApproverCan()
    {
        var scope = ScopeOf("secretariat:1082");
        var own = Item("751", ValueStatus.Submitted, by: "sekretariat@rm.dk");

        // The e-mail is the same person whatever its case.
        Assert.Equal(ApprovalRefusal.FourEyes, Standard.Apply(ApprovalStep.Approve, own, scope, "Sekretariat@RM.dk", Now));
        Assert.Equal(ValueStatus.Submitted, own.Status);

        Assert.Equal(ApprovalRefusal.None, Standard.Apply(ApprovalStep.Approve, own, scope, "kollega@rm.dk", Now));
        Assert.Equal(ValueStatus.Approved, own.Status);

        // The administrator is bound by it too.
        var admins = Item("751", ValueStatus.Submitted, by: "admin@region.dk");
        Assert.Equal(ApprovalRefusal.FourEyes, Standard.Check(ApprovalStep.Approve, admins, ScopeOf("administrator"), "admin@region.dk"));
    }

    [Fact]
    public void FourEyes_IsOnByDefault_AndASettingTurnsItOff()
    {
        Assert.True(ApprovalWorkflow.Standard().FourEyes);
        Assert.True(Standard.IsOwn("a@b.dk", "A@B.dk"));
        Assert.False(Standard.IsOwn("a@b.dk", "c@d.dk"));
        Assert.False(Standard.IsOwn(null, "c@d.dk"));

        var off = ApprovalWorkflow.Standard(fourEyes: false);
        var own = Item("751", ValueStatus.Submitted, by: "sekretariat@rm.dk");
        Assert.False(off.IsOwn("a@b.dk", "a@b.dk"));
        Assert.Equal(ApprovalRefusal.None, off.Apply(ApprovalStep.Approve, own, ScopeOf("secretariat:1082"), "sekretariat@rm.dk", Now));
        Assert.Equal(ValueStatus.Approved, own.Status);
    }

    [Fact]
    public void FourEyes_DoesNotStopSubmittingOrReopeningOnesOwn()
    {
        var scope = ScopeOf("secretariat:1082");
        Assert.Equal(ApprovalRefusal.None, Standard.Check(ApprovalStep.Submit, Item("751", ValueStatus.Draft, by: "s@rm.dk"), scope, "s@rm.dk"));
        Assert.Equal(ApprovalRefusal.None, Standard.Check(ApprovalStep.Reopen, Item("751", ValueStatus.Approved, by: "s@rm.dk"), scope, "s@rm.dk", "Forkert nævner"));
    }

    [Theory]
    [InlineData(null, ApprovalRefusal.ReasonMissing)]
    [InlineData("", ApprovalRefusal.ReasonMissing)]
    [InlineData("   \t ", ApprovalRefusal.ReasonMissing)]
    [InlineData("Forkert nævner", ApprovalRefusal.None)]
    public void Reopen_WithoutAReason_IsRefused(string? reason, ApprovalRefusal expected)
    {
        var item = Item("751", ValueStatus.Approved);

        Assert.Equal(expected, Standard.Apply(ApprovalStep.Reopen, item, ScopeOf("secretariat:1082"), "s@rm.dk", Now, reason));
        Assert.Equal(expected == ApprovalRefusal.None ? ValueStatus.Draft : ValueStatus.Approved, item.Status);
    }

    [Fact]
    public void Reopen_AReasonOfAtMost1000Characters_TrimmedFirst()
    {
        Assert.Equal(1000, ApprovalWorkflow.MaxReasonLength);
        Assert.Equal(ApprovalRefusal.None, ApprovalWorkflow.CheckReason("  " + new string('x', 1000) + "  "));
        Assert.Equal(ApprovalRefusal.ReasonTooLong, ApprovalWorkflow.CheckReason(new string('x', 1001)));

        var item = Item("751", ValueStatus.Approved);
        Assert.Equal(ApprovalRefusal.ReasonTooLong, Standard.Apply(ApprovalStep.Reopen, item, ScopeOf("secretariat:1082"), "s@rm.dk", Now, new string('x', 1001)));
        Assert.Equal(ValueStatus.Approved, item.Status);
    }

    [Fact]
    public void Submit_RecordsWhoSubmittedAndWhen()
    {
        var item = Item("751", ValueStatus.Draft, by: "kollega@aarhus.dk");

        Standard.Apply(ApprovalStep.Submit, item, ScopeOf("reporter:751"), "indberetter@aarhus.dk", Now);

        Assert.Equal((ValueStatus.Submitted, "indberetter@aarhus.dk", Now), (item.Status, item.UpdatedBy, item.UpdatedAt));
    }

    [Fact]
    public void Approve_KeepsTheSubmitter()
    {
        var item = Item("751", ValueStatus.Submitted, by: "indberetter@aarhus.dk");

        Standard.Apply(ApprovalStep.Approve, item, ScopeOf("secretariat:1082"), "sekretariat@rm.dk", Now);

        Assert.Equal((ValueStatus.Approved, "indberetter@aarhus.dk", Earlier), (item.Status, item.UpdatedBy, item.UpdatedAt));
    }

    [Fact]
    public void Reopen_RecordsTheTrimmedReasonWhoAndWhen()
    {
        var item = Item("751", ValueStatus.Approved, by: "indberetter@aarhus.dk");

        Standard.Apply(ApprovalStep.Reopen, item, ScopeOf("secretariat:1082"), "sekretariat@rm.dk", Now, "  Nævneren manglede tvillinger  ");

        Assert.Equal((ValueStatus.Draft, "sekretariat@rm.dk", Now, "Nævneren manglede tvillinger"), (item.Status, item.UpdatedBy, item.UpdatedAt, item.ReopenReason));
    }

    [Fact]
    public void TheIndicatorsItems_GoThroughTheSameFlow()
    {
        IApprovalItem value = new IndicatorValue { IndicatorCode = "fuldamning-4mdr", AreaCode = "751", Period = "2025", Origin = "manual", Status = ValueStatus.Draft };
        IApprovalItem cohort = new BirthCohort { AreaCode = "751", BirthYear = 2025, Counts = string.Empty, Origin = "manual", Status = ValueStatus.Draft };
        foreach (var item in new[] { value, cohort })
        {
            Assert.Equal(ApprovalRefusal.None, Standard.Apply(ApprovalStep.Submit, item, ScopeOf("reporter:751"), "indberetter@aarhus.dk", Now));
            Assert.Equal(ApprovalRefusal.NoRight, Standard.Apply(ApprovalStep.Approve, item, ScopeOf("reporter:751"), "indberetter@aarhus.dk", Now));
            Assert.Equal(ApprovalRefusal.None, Standard.Apply(ApprovalStep.Approve, item, ScopeOf("secretariat:1082"), "sekretariat@rm.dk", Now));
            Assert.Equal(ValueStatus.Approved, item.Status);
        }
    }

    [Fact]
    public void AModuleMayChooseItsOwnRoles()
    {
        // A flow in which a network approves its cluster's items and only reporters submit.
        var flow = new ApprovalWorkflow([Role.Reporter], [Role.Network]);

        Assert.True(flow.MayApprove(ScopeOf("network:K-AARHUS"), "751"));
        Assert.False(flow.MayApprove(ScopeOf("secretariat:1082"), "751"));
        Assert.False(flow.MayReport(ScopeOf("network:K-AARHUS"), "751"));
        Assert.True(flow.MayReport(ScopeOf("reporter:751"), "751"));
        Assert.True(flow.MayApprove(ScopeOf("administrator"), "101"));
    }

    [Theory]
    [InlineData(ValueStatus.Draft, false)]
    [InlineData(ValueStatus.Submitted, false)]
    [InlineData(ValueStatus.Approved, true)]
    public void OnlyApproved_IsLocked(ValueStatus status, bool locked) =>
        Assert.Equal(locked, ApprovalWorkflow.IsLocked(status));
}
