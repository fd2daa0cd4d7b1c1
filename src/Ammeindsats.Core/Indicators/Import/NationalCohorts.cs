namespace Ammeindsats.Core.Indicators.Import;

/// <summary>A stored cohort as the import reads it back: its counts in the <see cref="DailyCounts"/> text form.</summary>
public sealed record StoredCohort(string AreaCode, int BirthYear, string Breakdown, string Counts);

/// <summary>What <see cref="NationalCohorts.Reconcile"/> decided for the country's cohorts of one file.</summary>
/// <param name="Cohorts">The file's cohorts with the national ones replaced where the file is partial.</param>
/// <param name="PartialYears">Birth years the file does not cover in full: the country there is the stored country with the file's municipalities swapped in.</param>
/// <param name="UnplacedLeftOut">Children with no municipality in those years: a partial file cannot tell whether the country already counts them.</param>
/// <param name="RebuiltYears">Partial years whose stored country did not hold the municipalities being replaced, so it was summed afresh from every stored municipality.</param>
public sealed record NationalReconciliation(
    IReadOnlyList<ChildCohort> Cohorts,
    IReadOnlyList<int> PartialYears,
    int UnplacedLeftOut,
    IReadOnlyList<int> RebuiltYears);

/// <summary>
/// Keeps the country's cohort the sum of its municipalities plus the children with no municipality when a file
/// covers only part of the country. Regions and clusters are always sums of their municipalities; the country is
/// stored, because it also holds the children no municipality has. A file covers a birth year when it has every
/// municipality that has a stored cohort for that year (a first file always does): its national cohort then
/// replaces the stored one, as before. Otherwise the country becomes the stored country minus the stored cohorts
/// of the file's municipalities plus the file's: a file from one region can never make the country smaller than
/// a region, and a late registration in one municipality moves the country by exactly that child.
/// </summary>
public static class NationalCohorts
{
    private static readonly string[] Breakdowns = [ChildBreakdown.Total, ChildBreakdown.FirstBorn, ChildBreakdown.LaterBorn];

    /// <param name="fileCohorts">The file's cohorts, with its national ones under <paramref name="nationalCode"/>.</param>
    /// <param name="stored">The stored cohorts of the file's birth years, for the country and every municipality.</param>
    /// <param name="municipalityCodes">The codes that are municipalities (the others, e.g. birth sites, do not add up to the country).</param>
    /// <param name="nationalCode">The country's code, "DK".</param>
    public static NationalReconciliation Reconcile(
        IReadOnlyList<ChildCohort> fileCohorts,
        IReadOnlyList<StoredCohort> stored,
        IReadOnlySet<string> municipalityCodes,
        string nationalCode = ChildRecordImporter.NationalAreaCode)
    {
        ArgumentNullException.ThrowIfNull(fileCohorts);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(municipalityCodes);

        var result = fileCohorts.Where(c => c.AreaCode != nationalCode).ToList();
        var partialYears = new List<int>();
        var rebuiltYears = new List<int>();
        int unplacedLeftOut = 0;
        foreach (var year in fileCohorts.Select(c => c.BirthYear).Distinct().Order())
        {
            var fileMunicipal = fileCohorts.Where(c => c.BirthYear == year && municipalityCodes.Contains(c.AreaCode)).ToList();
            var fileCodes = fileMunicipal.Select(c => c.AreaCode).ToHashSet(StringComparer.Ordinal);
            var storedMunicipal = stored.Where(c => c.BirthYear == year && municipalityCodes.Contains(c.AreaCode)).ToList();
            var fileNational = fileCohorts.Where(c => c.BirthYear == year && c.AreaCode == nationalCode).ToList();
            if (storedMunicipal.All(c => fileCodes.Contains(c.AreaCode)))
            {
                result.AddRange(fileNational);
                continue;
            }

            partialYears.Add(year);
            var fileTotal = fileNational.FirstOrDefault(c => c.Breakdown == ChildBreakdown.Total)?.Children ?? 0;
            unplacedLeftOut += fileTotal - fileMunicipal.Where(c => c.Breakdown == ChildBreakdown.Total).Sum(c => c.Children);

            var storedNational = stored.Where(c => c.BirthYear == year && c.AreaCode == nationalCode).ToList();
            var rebuilt = storedNational.Count == 0;
            var national = new List<ChildCohort>();
            foreach (var breakdown in Breakdowns)
            {
                var counts = new DayCounts();
                foreach (var c in storedNational.Where(c => c.Breakdown == breakdown))
                {
                    counts.Add(c.Counts, +1);
                }

                foreach (var c in storedMunicipal.Where(c => c.Breakdown == breakdown && fileCodes.Contains(c.AreaCode)))
                {
                    counts.Add(c.Counts, -1);
                }

                foreach (var c in fileMunicipal.Where(c => c.Breakdown == breakdown))
                {
                    counts.Add(c.EndedByDay, c.CensoredByDay);
                }

                if (!rebuilt && counts.AnyNegative)
                {
                    rebuilt = true;
                }

                national.Add(counts.ToCohort(nationalCode, year, breakdown));
            }

            if (rebuilt)
            {
                // The stored country does not hold what is being swapped out: sum it afresh from the municipalities.
                rebuiltYears.Add(year);
                national.Clear();
                foreach (var breakdown in Breakdowns)
                {
                    var counts = new DayCounts();
                    foreach (var c in storedMunicipal.Where(c => c.Breakdown == breakdown && !fileCodes.Contains(c.AreaCode)))
                    {
                        counts.Add(c.Counts, +1);
                    }

                    foreach (var c in fileMunicipal.Where(c => c.Breakdown == breakdown))
                    {
                        counts.Add(c.EndedByDay, c.CensoredByDay);
                    }

                    national.Add(counts.ToCohort(nationalCode, year, breakdown));
                }
            }

            result.AddRange(national.Where(c => c.Children > 0));
        }

        return new NationalReconciliation(result, partialYears, unplacedLeftOut, rebuiltYears);
    }

    /// <summary>Children ended and still full per day, which may go below zero while stored cohorts are taken away.</summary>
    private sealed class DayCounts
    {
        private int[] _ended = [];
        private int[] _censored = [];

        public bool AnyNegative => _ended.Any(n => n < 0) || _censored.Any(n => n < 0);

        public void Add(string encoded, int sign)
        {
            var ended = Array.Empty<int>();
            var censored = Array.Empty<int>();
            DailyCounts.AddTo(encoded, ref ended, ref censored);
            Add(ended, censored, sign);
        }

        public void Add(int[] ended, int[] censored, int sign = +1)
        {
            Add(ref _ended, ended, sign);
            Add(ref _censored, censored, sign);
        }

        public ChildCohort ToCohort(string area, int year, string breakdown)
        {
            int length = Math.Max(Last(_ended), Last(_censored)) + 1;
            var ended = new int[length];
            var censored = new int[length];
            _ended.AsSpan(0, Math.Min(length, _ended.Length)).CopyTo(ended);
            _censored.AsSpan(0, Math.Min(length, _censored.Length)).CopyTo(censored);
            return new ChildCohort(area, year, breakdown, ended, censored);
        }

        private static int Last(int[] counts) => Array.FindLastIndex(counts, n => n != 0);

        private static void Add(ref int[] into, int[] from, int sign)
        {
            if (from.Length > into.Length)
            {
                Array.Resize(ref into, from.Length);
            }

            for (int day = 0; day < from.Length; day++)
            {
                into[day] += sign * from[day];
            }
        }
    }
}
