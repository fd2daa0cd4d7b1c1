using Ammeindsats.Core.Areas;

namespace Ammeindsats.Core.Tests.Areas;

public class MembershipRulesTests
{
    [Fact]
    public void ParentsOffered_AreActiveAreasThatHaveMembers_OtherThanTheAreaItself()
    {
        var offered = TestAreas.All.Where(a => MembershipRules.MayBeOfferedAsParent(a, TestAreas.AarhusCluster)).Select(a => a.Code).ToList();

        Assert.Equal(["DK", "1082", "1084"], offered);
        Assert.False(MembershipRules.MayBeOfferedAsParent(new Area { Code = "1099", Type = AreaType.Region, Name = "Nedlagt region", Active = false }, TestAreas.Aarhus));
        Assert.True(MembershipRules.MayBeOfferedAsParent(TestAreas.AarhusCluster, TestAreas.Aarhus));
    }

    [Fact]
    public void AParent_MustBeChosen_AndBeAnotherArea()
    {
        Assert.Equal("Vælg det område, som området skal høre til.", MembershipRules.CheckParent(TestAreas.Aarhus, null));
        Assert.Equal("Et område kan ikke høre til sig selv.", MembershipRules.CheckParent(TestAreas.Aarhus, TestAreas.Aarhus));
        Assert.Null(MembershipRules.CheckParent(TestAreas.Aarhus, TestAreas.AarhusCluster));
    }

    [Fact]
    public void ASecondMembershipInTheSameParent_WhileTheFirstHolds_IsRefused()
    {
        var message = MembershipRules.CheckNew(TestAreas.Aarhus, TestAreas.Midtjylland, new DateOnly(2027, 1, 1), TestAreas.All, TestAreas.Memberships());

        Assert.Equal("Aarhus hører allerede til Region Midtjylland på den dato. Afslut det gamle medlemskab først, eller vælg en senere dato.", message);
    }

    [Fact]
    public void AMembershipEndingOnTheNewStart_LeavesRoomForTheNewOne()
    {
        // The end date is exclusive: ended 1 January 2027, a new membership may start that day but not the day before.
        var memberships = TestAreas.Memberships().Where(m => !(m.ChildCode == "730" && m.ParentCode == "1082")).ToList();
        memberships.Add(TestAreas.Member("730", "1082", to: new DateOnly(2027, 1, 1)));

        Assert.Null(MembershipRules.CheckNew(TestAreas.Randers, TestAreas.Midtjylland, new DateOnly(2027, 1, 1), TestAreas.All, memberships));
        Assert.NotNull(MembershipRules.CheckNew(TestAreas.Randers, TestAreas.Midtjylland, new DateOnly(2026, 12, 31), TestAreas.All, memberships));
    }

    [Fact]
    public void AnAreaUnderItself_IsRefused()
    {
        // The cluster lies in Region Midtjylland, so the region cannot become a member of the cluster; nor can the
        // cluster become a member of Aarhus, which is in the cluster.
        Assert.Equal(
            "Klynge Aarhus hører selv til Region Midtjylland. Et område kan ikke høre til et område under sig selv.",
            MembershipRules.CheckNew(TestAreas.Midtjylland, TestAreas.AarhusCluster, new DateOnly(2027, 1, 1), TestAreas.All, TestAreas.Memberships()));
        Assert.Equal(
            "Aarhus hører selv til Klynge Aarhus. Et område kan ikke høre til et område under sig selv.",
            MembershipRules.CheckNew(TestAreas.AarhusCluster, TestAreas.Aarhus, new DateOnly(2027, 1, 1), TestAreas.All, TestAreas.Memberships()));
    }

    [Fact]
    public void AnAreaUnderItself_IsJudgedOnTheNewStartDate()
    {
        // The cluster left the region at the end of 2026: from 2027 the region may join the cluster (the 2027 reform
        // redraws the structure), though not while the cluster was still in the region.
        var memberships = TestAreas.Memberships().Where(m => !(m.ChildCode == "K-AARHUS" && m.ParentCode == "1082")).ToList();
        memberships.Add(TestAreas.Member("K-AARHUS", "1082", to: new DateOnly(2027, 1, 1)));

        Assert.Null(MembershipRules.CheckNew(TestAreas.Midtjylland, TestAreas.AarhusCluster, new DateOnly(2027, 1, 1), TestAreas.All, memberships));
        Assert.NotNull(MembershipRules.CheckNew(TestAreas.Midtjylland, TestAreas.AarhusCluster, new DateOnly(2026, 6, 1), TestAreas.All, memberships));
    }

    [Fact]
    public void JoiningTheWholeCountry_IsNotAnAreaUnderItself()
    {
        // Every area lies within Denmark; a new region joins it.
        var newRegion = new Area { Code = "1090", Type = AreaType.Region, Name = "Ny region" };

        Assert.Null(MembershipRules.CheckNew(newRegion, TestAreas.Denmark, new DateOnly(2027, 1, 1), [.. TestAreas.All, newRegion], TestAreas.Memberships()));
    }

    [Fact]
    public void AMembership_EndsAfterItBegan()
    {
        var membership = TestAreas.Member("751", "K-AARHUS", from: new DateOnly(2020, 3, 1));

        Assert.Equal("Slutdatoen skal ligge efter startdatoen 01-03-2020.", MembershipRules.CheckEnd(membership, new DateOnly(2020, 3, 1)));
        Assert.NotNull(MembershipRules.CheckEnd(membership, new DateOnly(2019, 12, 31)));
        Assert.Null(MembershipRules.CheckEnd(membership, new DateOnly(2020, 3, 2)));
    }
}
