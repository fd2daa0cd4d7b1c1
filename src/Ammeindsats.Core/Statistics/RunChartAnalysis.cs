namespace Ammeindsats.Core.Statistics;

/// <summary>Anhøj's two run-chart rules applied to one series.</summary>
/// <param name="Centre">The centre line the points were judged against.</param>
/// <param name="UsefulObservations">Points not lying on the centre line; the limits depend on this count.</param>
/// <param name="LongestRun">Longest run of consecutive useful points on the same side of the centre line.</param>
/// <param name="LongestRunLimit">
/// Longest run that is still expected by chance, round(log₂ n + 3); <see langword="null"/> with no useful points.
/// </param>
/// <param name="Crossings">Times consecutive useful points change side.</param>
/// <param name="CrossingsLimit">
/// Fewest crossings still expected by chance, the 5th percentile of Binomial(n − 1, ½);
/// <see langword="null"/> with no useful points.
/// </param>
public readonly record struct RunChartAnalysis(
    double Centre,
    int UsefulObservations,
    int LongestRun,
    int? LongestRunLimit,
    int Crossings,
    int? CrossingsLimit)
{
    /// <summary>The longest run is longer than chance would give: a shift.</summary>
    public bool LongestRunSignal => LongestRun > LongestRunLimit;

    /// <summary>Fewer crossings than chance would give: the series sticks to one side.</summary>
    public bool CrossingsSignal => Crossings < CrossingsLimit;

    /// <summary>Either rule signals non-random variation.</summary>
    public bool Signal => LongestRunSignal || CrossingsSignal;
}
