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
