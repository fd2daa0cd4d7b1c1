namespace Ammeindsats.Core.Statistics;

/// <summary>
/// How an area stands against a benchmark such as the national value. Serialised in lower case
/// ("better", "similar", "worse", "higher", "lower").
/// </summary>
public enum BenchmarkComparison
{
    /// <summary>Significantly different from the benchmark, in the better direction.</summary>
    Better,

    /// <summary>The benchmark lies within the area's 95 % confidence interval.</summary>
    Similar,

    /// <summary>Significantly different from the benchmark, in the worse direction.</summary>
    Worse,

    /// <summary>Significantly higher, for an indicator without a better direction.</summary>
    Higher,

    /// <summary>Significantly lower, for an indicator without a better direction.</summary>
    Lower,
}
