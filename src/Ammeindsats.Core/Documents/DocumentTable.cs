namespace Ammeindsats.Core.Documents;

/// <summary>
/// One table as every document writer takes it: a title, a header row and rows of typed cells.
/// A cell is <see langword="null"/> (written empty), <see cref="string"/>, <see cref="int"/>, <see cref="long"/>,
/// <see cref="double"/>, <see cref="decimal"/> or <see cref="DateOnly"/>.
/// </summary>
/// <remarks>
/// Cells keep their type so each format can write it properly: a number stays a number in a spreadsheet and
/// gets the right decimal mark in CSV. Cells are checked here so a bad value fails when the table is built,
/// naming its row and column, instead of halfway through writing a file.
/// The title names the sheet in a workbook and captions the table in a report; CSV has no place for it.
/// </remarks>
public sealed class DocumentTable
{
    public DocumentTable(string title, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        if (headers.Count == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(headers));
        }

        for (var c = 0; c < headers.Count; c++)
        {
            if (headers[c] is null)
            {
                throw new ArgumentException($"Header {c + 1} is missing.", nameof(headers));
            }
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r] ?? throw new ArgumentException($"Row {r + 1} is missing.", nameof(rows));
            if (row.Count != headers.Count)
            {
                throw new ArgumentException(
                    $"Row {r + 1} has {row.Count} cells but the table has {headers.Count} columns.", nameof(rows));
            }

            for (var c = 0; c < row.Count; c++)
            {
                if (!DocumentCell.IsSupported(row[c]))
                {
                    throw new ArgumentException(
                        $"Row {r + 1}, column '{headers[c]}': {DocumentCell.Describe(row[c])} cannot be written. "
                        + "Use null, string, int, long, a finite double, decimal or DateOnly.",
                        nameof(rows));
                }
            }
        }

        Title = title;
        Headers = headers;
        Rows = rows;
    }

    public string Title { get; }

    public IReadOnlyList<string> Headers { get; }

    public IReadOnlyList<IReadOnlyList<object?>> Rows { get; }
}
