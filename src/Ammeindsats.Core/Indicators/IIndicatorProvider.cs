namespace Ammeindsats.Core.Indicators;

/// <summary>
/// One observation an indicator provider hands to the indicator module: counts for a leaf area (municipality,
/// birth site, DK) or, where the source publishes it directly, for a parent area.
/// </summary>
public sealed record IndicatorObservation(
    string IndicatorCode,
    string AreaCode,
    string Period,
    string Breakdown,
    int Numerator,
    int Denominator,
    ValueStatus Status,
    DateTimeOffset Updated,
    bool IsDemo);

/// <summary>
/// How a module feeds indicators (competence: IBCLC share and staff trained; surveys: parents who felt well
/// prepared; birth-site implementation coverage). Its figures then get the same statistics, targets,
/// suppression and pages as the breastfeeding indicators. Register an implementation in the module's folder.
/// </summary>
public interface IIndicatorProvider
{
    /// <summary>The provider name used in <see cref="IndicatorDefinition.Provider"/>.</summary>
    string Name { get; }

    Task<IReadOnlyList<IndicatorObservation>> GetObservationsAsync(IndicatorDefinition indicator, CancellationToken ct);

    /// <summary>
    /// A short text that changes whenever the provider's observations change (e.g. a count and the latest
    /// version of its rows). Published figures are cached under it, so a provider that keeps it current is never
    /// shown stale, and every node's warm-up sees the change within seconds.
    /// </summary>
    Task<string> DataVersionAsync(CancellationToken ct);
}
