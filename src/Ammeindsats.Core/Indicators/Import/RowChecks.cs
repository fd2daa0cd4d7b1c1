using System.Globalization;

namespace Ammeindsats.Core.Indicators.Import;

/// <summary>Checks every importer makes on a row before looking at its values.</summary>
internal static class RowChecks
{
    /// <summary>
    /// False, with a problem added, when the row's quotes are broken or its field count does not
    /// match the header.
    /// </summary>
    public static bool IsWellFormed(DelimitedFileReader reader, int headerCount, int line, ImportProblemList problems)
    {
        if (reader.RowError is { } rowError)
        {
            problems.Add(line, null, rowError);
            return false;
        }

        return HasHeaderWidth(reader, headerCount, line, problems);
    }

    /// <summary>Spreadsheets save emptied rows as a line of delimiters; such a row is no row.</summary>
    public static bool IsBlank(DelimitedFileReader reader)
    {
        // Cheap for real rows: the first field is almost never empty.
        for (int i = 0; i < reader.FieldCount; i++)
        {
            if (!reader[i].IsWhiteSpace())
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A row with fewer fields than the header is cut short, and one with more has usually had a
    /// delimiter typed inside a value, which shifts every later value one column: either way the
    /// values cannot be trusted. Extra empty fields at the end are harmless spreadsheet leftovers.
    /// </summary>
    private static bool HasHeaderWidth(DelimitedFileReader reader, int headerCount, int line, ImportProblemList problems)
    {
        int count = reader.FieldCount;
        if (count > headerCount)
        {
            for (int i = count - 1; i >= headerCount && reader[i].IsWhiteSpace(); i--)
            {
                count--;
            }
        }

        if (count == headerCount)
        {
            return true;
        }

        string hint = count > headerCount
            ? $" Står der et \"{reader.Delimiter}\" inde i et felt? Så skal feltet stå i anførselstegn."
            : "";
        problems.Add(line, null, string.Create(CultureInfo.InvariantCulture,
            $"Rækken har {count} felter, men overskriften har {headerCount}.{hint}"));
        return false;
    }
}
