namespace Ammeindsats.Core.Indicators.Import;

/// <summary>Finds the required columns in a header, in any order; other columns are ignored.</summary>
internal static class ColumnMap
{
    /// <summary>
    /// Index of each required column in the header, or null after adding a problem for every column
    /// that is missing or written twice (the rows cannot be read without knowing which is which).
    /// </summary>
    public static int[]? Resolve(IReadOnlyList<string> header, int headerLine, string[] required, ImportProblemList problems)
    {
        if (required.Length > 1 && header.Count == 1)
        {
            // One field where several columns were expected: the file is not separated by comma or semicolon.
            var only = header[0];
            var separator = only.Contains('\t', StringComparison.Ordinal) ? "tabulator"
                : only.Contains('|', StringComparison.Ordinal) ? "lodret streg (|)"
                : null;
            problems.Add(headerLine, null, separator is not null
                ? $"Filens kolonner er adskilt med {separator}. Gem filen som CSV med komma eller semikolon mellem kolonnerne (i Excel: «Gem som» › «CSV (semikolonsepareret)»), eller indlæs den som Excel-projektmappe (.xlsx). Kolonnerne skal være: {string.Join(", ", required)}."
                : $"Overskriften har kun én kolonne, \"{only}\". Kolonnerne skal være adskilt med komma eller semikolon og hedde: {string.Join(", ", required)}.");
            return null;
        }

        var indexes = new int[required.Length];
        bool ok = true;
        for (int r = 0; r < required.Length; r++)
        {
            string name = required[r];
            int found = -1;
            int times = 0;
            string? nearMiss = null;
            for (int h = 0; h < header.Count; h++)
            {
                if (string.Equals(header[h], name, StringComparison.Ordinal))
                {
                    found = found < 0 ? h : found;
                    times++;
                }
                else if (string.Equals(header[h], name, StringComparison.OrdinalIgnoreCase))
                {
                    nearMiss = header[h];
                }
            }

            if (times == 0)
            {
                string hint = nearMiss is null ? "" : $" Der står \"{nearMiss}\"; navnet skal skrives præcis \"{name}\".";
                problems.Add(headerLine, name, $"Kolonnen \"{name}\" mangler i overskriften.{hint}");
                ok = false;
            }
            else if (times > 1)
            {
                problems.Add(headerLine, name, $"Kolonnen \"{name}\" står {times} gange i overskriften. Den må kun stå én gang.");
                ok = false;
            }

            indexes[r] = found;
        }

        return ok ? indexes : null;
    }
}
