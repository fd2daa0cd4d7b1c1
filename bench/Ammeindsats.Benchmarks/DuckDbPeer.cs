using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;

namespace Ammeindsats.Benchmarks;

/// <summary>
/// The import's peer: DuckDB reads the same child-level file and does the same counting in one SQL query, the
/// latest record per child (by record date, the later row on a tie) and then children per municipality, birth
/// year, parity class, day and whether still fully breastfed: the daily counts the import stores per cohort.
/// Dates come in both forms the file uses (åååå-mm-dd and dd-mm-åååå), and municipality codes with leading
/// zeros, so they are read as text and parsed in the query, as the import does.
/// </summary>
public static class DuckDbPeer
{
    public const string Query = """
        WITH rows AS (
            SELECT
                child_id,
                COALESCE(TRY_STRPTIME(record_date, '%Y-%m-%d'), TRY_STRPTIME(record_date, '%d-%m-%Y')) AS record_date,
                COALESCE(TRY_STRPTIME(birth_date, '%Y-%m-%d'), TRY_STRPTIME(birth_date, '%d-%m-%Y')) AS birth_date,
                TRY_CAST(NULLIF(municipality_code, '') AS INTEGER) AS municipality,
                birth_site,
                CASE WHEN parity IS NULL OR parity = '' THEN 0 WHEN parity = '1' THEN 1 ELSE 2 END AS parity,
                CAST(full_breastfeeding_days AS INTEGER) AS days,
                lower(still_fully_breastfed) IN ('true', 'ja', '1') AS still,
                row_number() OVER () AS line
            FROM read_csv($file, header = true, all_varchar = true)
        ),
        latest AS (
            SELECT arg_max(COLUMNS(* EXCLUDE (child_id)), (record_date, line)) FROM rows GROUP BY child_id
        )
        SELECT municipality, year(birth_date) AS birth_year, parity, days, still, count(*) AS children
        FROM latest
        GROUP BY ALL
        """;

    /// <summary>Runs the query over <paramref name="file"/> and prints the number of count rows and children, and the time.</summary>
    public static int Run(string file)
    {
        var watch = Stopwatch.StartNew();
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Query;
        command.Parameters.Add(new DuckDBParameter("file", file));
        long rows = 0;
        long children = 0;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows++;
                children += reader.GetInt64(5);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"duckdb: {rows} count rows, {children} children, {watch.Elapsed.TotalSeconds:F2} s"));
        return 0;
    }
}
