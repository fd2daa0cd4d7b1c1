namespace Ammeindsats.Core.Statistics;

/// <summary>
/// Before-and-after comparison of birth cohorts around the date an effort started. Whole cohorts are used because
/// that is how the counts arrive; a cohort born partly before and partly after the start is kept out of both sides,
/// as it would otherwise dilute whichever side it joined.
/// </summary>
public static class BeforeAfter
{
    /// <summary>
    /// Pools the cohorts born wholly before <paramref name="start"/> (birth year before the start year) and those born
    /// wholly on or after it (birth year starting on or after the date), and gives the change after minus before.
    /// Several rows for the same year, such as one per municipality, are added together first.
    /// </summary>
    public static BeforeAfterResult Analyse(IEnumerable<CohortCount> cohorts, DateOnly start)
    {
        ArgumentNullException.ThrowIfNull(cohorts);

        var byYear = cohorts
            .GroupBy(c => c.BirthYear)
            .Select(g => new CohortCount(g.Key, g.Sum(c => c.Numerator), g.Sum(c => c.Denominator)))
            .OrderBy(c => c.BirthYear)
            .ToList();

        foreach (var cohort in byYear)
        {
            if (cohort.Numerator < 0 || cohort.Numerator > cohort.Denominator)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(cohorts), cohort, "Each cohort needs 0 ≤ numerator ≤ denominator.");
            }
        }

        // A cohort is "after" when its 1 January is on or after the start, "before" when its 31 December is
        // before the start. Only the start year itself can be neither, and only when the start is not 1 January.
        var firstAfterYear = start.DayOfYear == 1 ? start.Year : start.Year + 1;
        var before = Pool(byYear.Where(c => c.BirthYear < start.Year));
        var after = Pool(byYear.Where(c => c.BirthYear >= firstAfterYear));
        CohortCount? straddling = null;
        if (firstAfterYear != start.Year && byYear.Find(c => c.BirthYear == start.Year) is { Denominator: > 0 } startCohort)
        {
            straddling = startCohort;
        }

        var change = NewcombeInterval.Difference(after.Numerator, after.Denominator, before.Numerator, before.Denominator);
        return new BeforeAfterResult(before, after, straddling, change);
    }

    /// <summary>
    /// <see cref="Analyse"/> for the areas and for the comparison group, with the difference in differences
    /// (areas' change − comparison's change).
    /// </summary>
    public static BeforeAfterComparison Compare(
        IEnumerable<CohortCount> areaCohorts, IEnumerable<CohortCount> comparisonCohorts, DateOnly start)
    {
        var areas = Analyse(areaCohorts, start);
        var comparison = Analyse(comparisonCohorts, start);
        double? did = areas.Change is { } a && comparison.Change is { } c ? a.Value - c.Value : null;
        return new BeforeAfterComparison(areas, comparison, did);
    }

    private static PooledCohorts Pool(IEnumerable<CohortCount> cohorts)
    {
        var list = cohorts.Where(c => c.Denominator > 0).ToList();
        return new PooledCohorts(
            list.Select(c => c.BirthYear).ToList(), list.Sum(c => c.Numerator), list.Sum(c => c.Denominator));
    }
}
