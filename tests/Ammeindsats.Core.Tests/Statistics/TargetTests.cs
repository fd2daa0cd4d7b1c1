using Ammeindsats.Core.Statistics;

namespace Ammeindsats.Core.Tests.Statistics;

public class TargetTests
{
    // Higher is better: 60 % in 2020 towards 80 % in 2030, a line rising 20/10 = 2 points a year.
    // In 2025 the line is at 60 + 2·5 = 70.
    [Theory]
    [InlineData(2025, 70.0, true)]   // on the line counts
    [InlineData(2025, 69.9, false)]
    [InlineData(2025, 75.0, true)]
    [InlineData(2020, 60.0, true)]   // baseline year: the line is the baseline
    [InlineData(2020, 59.0, false)]
    [InlineData(2032, 80.0, true)]   // past the target year the line stays at 80, not 84
    [InlineData(2032, 79.0, false)]
    public void OnTrack_HigherIsBetter(int latestYear, double latestValue, bool expected) =>
        Assert.Equal(expected, Target.OnTrack(2020, 60.0, 2030, 80.0, latestYear, latestValue, Polarity.HigherIsBetter));

    // Lower is better: 20 % in 2020 towards 10 % in 2030, 1 point down a year; 16 in 2024.
    [Theory]
    [InlineData(2024, 16.0, true)]
    [InlineData(2024, 15.0, true)]
    [InlineData(2024, 16.5, false)]
    public void OnTrack_LowerIsBetter(int latestYear, double latestValue, bool expected) =>
        Assert.Equal(expected, Target.OnTrack(2020, 20.0, 2030, 10.0, latestYear, latestValue, Polarity.LowerIsBetter));

    [Fact]
    public void OnTrack_BetweenWholePoints()
    {
        // 50 % in 2019 towards 60 % in 2022: 10/3 = 3.333… points a year, so 53.333… in 2020.
        Assert.False(Target.OnTrack(2019, 50.0, 2022, 60.0, 2020, 53.33, Polarity.HigherIsBetter));
        Assert.True(Target.OnTrack(2019, 50.0, 2022, 60.0, 2020, 53.34, Polarity.HigherIsBetter));
        Assert.Equal(53.3333333, Target.Trajectory(2019, 50.0, 2022, 60.0, 2020), 6);
    }

    [Fact]
    public void OnTrack_ExactlyOnTheLine_SurvivesRounding()
    {
        // 60.0 in 2020 towards 72.2 in 2030: 12.2·3/10 = 3.66, so 63.66 in 2023. In binary floating point the line
        // comes out as 63.660000000000004, which must not put a value of exactly 63.66 behind it.
        Assert.True(Target.OnTrack(2020, 60.0, 2030, 72.2, 2023, 63.66, Polarity.HigherIsBetter));
        Assert.False(Target.OnTrack(2020, 60.0, 2030, 72.2, 2023, 63.659, Polarity.HigherIsBetter));
    }

    [Fact]
    public void OnTrack_NoJudgement_HasNoAnswer() =>
        Assert.Null(Target.OnTrack(2020, 60.0, 2030, 80.0, 2025, 70.0, Polarity.NoJudgement));

    [Theory]
    [InlineData(2030, 2030, 2030)] // target year must come after the baseline year
    [InlineData(2030, 2020, 2030)]
    [InlineData(2020, 2030, 2019)] // latest year before the baseline
    public void OnTrack_RefusesYearsOutOfOrder(int baselineYear, int targetYear, int latestYear) =>
        Assert.Throws<ArgumentOutOfRangeException>(
            () => Target.OnTrack(baselineYear, 60.0, targetYear, 80.0, latestYear, 70.0, Polarity.HigherIsBetter));
}
