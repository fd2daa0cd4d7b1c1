using Ammeindsats.Core.Statistics;

namespace Ammeindsats.Core.Tests.Statistics;

public class BenchmarkTests
{
    // Area 60 % with 95 % interval 55–65 %.
    [Theory]
    [InlineData(58.0, Polarity.HigherIsBetter, BenchmarkComparison.Similar)] // inside the interval
    [InlineData(55.0, Polarity.HigherIsBetter, BenchmarkComparison.Similar)] // on the lower limit counts as inside
    [InlineData(65.0, Polarity.LowerIsBetter, BenchmarkComparison.Similar)]  // on the upper limit counts as inside
    [InlineData(50.0, Polarity.HigherIsBetter, BenchmarkComparison.Better)]  // whole interval above the benchmark
    [InlineData(70.0, Polarity.HigherIsBetter, BenchmarkComparison.Worse)]   // whole interval below the benchmark
    [InlineData(50.0, Polarity.LowerIsBetter, BenchmarkComparison.Worse)]
    [InlineData(70.0, Polarity.LowerIsBetter, BenchmarkComparison.Better)]
    [InlineData(50.0, Polarity.NoJudgement, BenchmarkComparison.Higher)]
    [InlineData(70.0, Polarity.NoJudgement, BenchmarkComparison.Lower)]
    [InlineData(54.999, Polarity.NoJudgement, BenchmarkComparison.Higher)] // just outside
    public void Compare_AgainstInterval(double benchmark, Polarity polarity, BenchmarkComparison expected) =>
        Assert.Equal(expected, Benchmark.Compare(55.0, 65.0, 60.0, benchmark, polarity));

    [Fact]
    public void Compare_WithWilsonInterval_81Of263AgainstFortyPercent_IsWorse()
    {
        // 81/263 = 30.8 % with 95 % interval 25.53–36.62 % (Newcombe 1998, Table I);
        // 40 % lies above the upper limit, so the area is significantly lower, i.e. worse when higher is better.
        var area = WilsonInterval.Compute(81, 263)!.Value;

        Assert.Equal(BenchmarkComparison.Worse, Benchmark.Compare(area.Lower, area.Upper, area.Value, 40.0, Polarity.HigherIsBetter));
        Assert.Equal(BenchmarkComparison.Similar, Benchmark.Compare(area.Lower, area.Upper, area.Value, 36.0, Polarity.HigherIsBetter));
    }

    [Theory]
    [InlineData(65.0, 55.0, 60.0)] // limits swapped
    [InlineData(55.0, 65.0, 70.0)] // value outside its own interval, e.g. value and benchmark swapped
    [InlineData(double.NaN, 65.0, 60.0)]
    public void Compare_RefusesInconsistentArguments(double lower, double upper, double value) =>
        Assert.Throws<ArgumentException>(() => Benchmark.Compare(lower, upper, value, 50.0, Polarity.HigherIsBetter));
}
