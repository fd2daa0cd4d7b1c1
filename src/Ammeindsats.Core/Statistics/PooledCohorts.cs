namespace Ammeindsats.Core.Statistics;

/// <summary>Several birth cohorts added together into one share.</summary>
/// <param name="BirthYears">The cohorts pooled, in ascending order.</param>
/// <param name="Numerator">Children meeting the indicator across those cohorts.</param>
/// <param name="Denominator">Children counted across those cohorts.</param>
public sealed record PooledCohorts(IReadOnlyList<int> BirthYears, int Numerator, int Denominator)
{
    /// <summary>The pooled share with its 95 % Wilson interval; <see langword="null"/> when nothing was counted.</summary>
    public Proportion? Share => WilsonInterval.Compute(Numerator, Denominator);
}
