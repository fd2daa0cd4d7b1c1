namespace Ammeindsats.Core.Statistics;

/// <summary>One group's share before and after an effort started.</summary>
/// <param name="Before">Cohorts born wholly before the start date.</param>
/// <param name="After">Cohorts born wholly on or after the start date.</param>
/// <param name="Straddling">
/// The cohort of the start year when the start is not 1 January: partly exposed, so it is shown apart and pooled
/// with neither side. <see langword="null"/> when there is none or it has no counts.
/// </param>
/// <param name="Change">After minus before with Newcombe's 95 % interval, in percentage points; <see langword="null"/> when either side is empty.</param>
public sealed record BeforeAfterResult(
    PooledCohorts Before, PooledCohorts After, CohortCount? Straddling, ProportionDifference? Change);
