namespace Ammeindsats.Core.Statistics;

/// <summary>Before and after for the areas with the effort and for a comparison group without it.</summary>
/// <param name="Areas">The areas where the effort started.</param>
/// <param name="Comparison">The comparison group over the same cohorts.</param>
/// <param name="DifferenceInDifferences">
/// The areas' change less the comparison group's change, in percentage points: the part of the change not
/// explained by what happened everywhere. A point estimate only; <see langword="null"/> when either change is missing.
/// </param>
public sealed record BeforeAfterComparison(
    BeforeAfterResult Areas, BeforeAfterResult Comparison, double? DifferenceInDifferences);
