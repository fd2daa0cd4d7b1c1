using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.Indicators.Import;

namespace Ammeindsats.Core.Tests.Indicators.Import;

public class NationalCohortsTests
{
    private static readonly HashSet<string> Municipalities = ["101", "147", "751"];

    // Day counts written "day:ended:censored" as they are stored.
    private static ChildCohort File(string area, int year, string counts, string breakdown = "")
    {
        var (ended, censored) = DailyCounts.Decode(counts);
        return new ChildCohort(area, year, breakdown, ended, censored);
    }

    private static string Encoded(ChildCohort c) => DailyCounts.Encode(c.EndedByDay, c.CensoredByDay);

    private static ChildCohort National(NationalReconciliation r, int year, string breakdown = "") =>
        Assert.Single(r.Cohorts, c => c.AreaCode == "DK" && c.BirthYear == year && c.Breakdown == breakdown);

    [Fact]
    public void AFileWithEveryStoredMunicipality_ReplacesTheCountry()
    {
        // Stored 2025: DK 10 children, 101 with 4, 751 with 5 (one unplaced). The new file has both municipalities.
        StoredCohort[] stored =
        [
            new("DK", 2025, "", "30:6:4"), new("101", 2025, "", "30:2:2"), new("751", 2025, "", "30:3:2"),
        ];
        ChildCohort[] file = [File("DK", 2025, "30:1:1;60:2:0"), File("101", 2025, "30:1:0"), File("751", 2025, "60:2:0")];

        var r = NationalCohorts.Reconcile(file, stored, Municipalities);

        Assert.Empty(r.PartialYears);
        Assert.Equal("30:1:1;60:2:0", Encoded(National(r, 2025)));
        Assert.Equal(3, r.Cohorts.Count);
    }

    [Fact]
    public void APartialFile_SwapsItsMunicipalitiesIntoTheStoredCountry()
    {
        // Stored 2025 by day 30 (ended:censored): DK 6:4 (10 children: 101 has 2:2, 751 has 3:2, one unplaced ended).
        // The file has 751 only: 30:1:0 and 60:4:1 (six children), and one child with no municipality (DK 60:1:0 more).
        // Country = stored DK − stored 751 + file 751 = day 30: 6−3+1 = 4 ended, 4−2+0 = 2 still full;
        // day 60: 0−0+4 = 4 ended, 0−0+1 = 1 still full. 11 children: 101's 4, the unplaced 1, 751's 6.
        StoredCohort[] stored =
        [
            new("DK", 2025, "", "30:6:4"), new("101", 2025, "", "30:2:2"), new("751", 2025, "", "30:3:2"),
        ];
        ChildCohort[] file = [File("DK", 2025, "30:1:0;60:5:1"), File("751", 2025, "30:1:0;60:4:1")];

        var r = NationalCohorts.Reconcile(file, stored, Municipalities);

        Assert.Equal([2025], r.PartialYears);
        Assert.Empty(r.RebuiltYears);
        Assert.Equal(1, r.UnplacedLeftOut);
        var dk = National(r, 2025);
        Assert.Equal("30:4:2;60:4:1", Encoded(dk));
        Assert.Equal(11, dk.Children);
        Assert.Contains(r.Cohorts, c => c.AreaCode == "751" && Encoded(c) == "30:1:0;60:4:1");
    }

    [Fact]
    public void APartialFile_NeverLeavesTheCountrySmallerThanTheSumOfItsMunicipalities()
    {
        // The reported case: the country had 2,560 children, all in municipalities of one region; a file of 30
        // children from one municipality must not make the country 30.
        StoredCohort[] stored =
        [
            new("DK", 2025, "", "120:1263:0;200:0:1297"), new("101", 2025, "", "120:1000:0;200:0:1000"),
            new("147", 2025, "", "120:263:0;200:0:297"),
        ];
        ChildCohort[] file = [File("DK", 2025, "120:19:0;200:0:11"), File("147", 2025, "120:19:0;200:0:11")];

        var r = NationalCohorts.Reconcile(file, stored, Municipalities);

        // 2,560 − 560 + 30 = 2,030: 101's 2,000 and 147's new 30.
        var dk = National(r, 2025);
        Assert.Equal(2030, dk.Children);
        Assert.Equal("120:1019:0;200:0:1011", Encoded(dk));
    }

    [Fact]
    public void AStoredCountryThatLacksWhatIsSwappedOut_IsSummedAfreshFromTheMunicipalities()
    {
        // DK 2025 holds 3 children, fewer than the stored 751 (5): taking 751 out would go below zero.
        StoredCohort[] stored = [new("DK", 2025, "", "30:3:0"), new("101", 2025, "", "30:2:2"), new("751", 2025, "", "30:3:2")];
        ChildCohort[] file = [File("DK", 2025, "10:1:0"), File("751", 2025, "10:1:0")];

        var r = NationalCohorts.Reconcile(file, stored, Municipalities);

        Assert.Equal([2025], r.RebuiltYears);
        // 101 stored (30:2:2) + 751 from the file (10:1:0).
        Assert.Equal("10:1:0;30:2:2", Encoded(National(r, 2025)));
    }

    [Fact]
    public void EachBreakdownAndYearIsReconciledOnItsOwn()
    {
        // 2024 is covered (nothing stored); 2025 is partial. First-borns are swapped like the totals.
        StoredCohort[] stored =
        [
            new("DK", 2025, "", "30:4:0"), new("DK", 2025, "parity-1", "30:2:0"),
            new("101", 2025, "", "30:2:0"), new("101", 2025, "parity-1", "30:1:0"),
            new("751", 2025, "", "30:2:0"), new("751", 2025, "parity-1", "30:1:0"),
        ];
        ChildCohort[] file =
        [
            File("DK", 2024, "5:1:0"), File("751", 2024, "5:1:0"),
            File("DK", 2025, "40:3:0"), File("751", 2025, "40:3:0"),
            File("DK", 2025, "40:3:0", "parity-1"), File("751", 2025, "40:3:0", "parity-1"),
        ];

        var r = NationalCohorts.Reconcile(file, stored, Municipalities);

        Assert.Equal([2025], r.PartialYears);
        Assert.Equal("5:1:0", Encoded(National(r, 2024)));
        Assert.Equal("30:2:0;40:3:0", Encoded(National(r, 2025)));
        Assert.Equal("30:1:0;40:3:0", Encoded(National(r, 2025, "parity-1")));
        // Later-borns: nothing stored, nothing in the file.
        Assert.DoesNotContain(r.Cohorts, c => c.AreaCode == "DK" && c.Breakdown == "parity-2plus");
    }
}
