namespace Ammeindsats.Core.Indicators.Import;

/// <summary>
/// One thing wrong with an uploaded file, in words the person who made the file can act on.
/// </summary>
/// <param name="Row">File line (the header is 1). 0 when the problem is about the file as a whole.</param>
/// <param name="Column">The column's name as written in the header, or null for the whole row.</param>
/// <param name="Message">Danish, plain words.</param>
public sealed record ImportProblem(int Row, string? Column, string Message);

/// <summary>
/// Collects every problem in a file so the user can fix them all in one go, but keeps only the first
/// <see cref="MaxListed"/>: a file with a wrong column yields one problem per row, and a million of
/// them helps nobody and costs memory.
/// </summary>
internal sealed class ImportProblemList
{
    public const int MaxListed = 1000;

    private readonly List<ImportProblem> _problems = [];
    private int _notListed;

    public int Count => _problems.Count + _notListed;

    public void Add(int row, string? column, string message)
    {
        if (_problems.Count < MaxListed)
        {
            _problems.Add(new ImportProblem(row, column, message));
        }
        else
        {
            _notListed++;
        }
    }

    public IReadOnlyList<ImportProblem> ToList()
    {
        if (_notListed == 0)
        {
            return _problems.ToArray();
        }

        var list = new List<ImportProblem>(_problems.Count + 1);
        list.AddRange(_problems);
        string noun = _notListed == 1 ? "problem" : "problemer";
        list.Add(new ImportProblem(0, null, $"… og {Common.DanishFormat.Number(_notListed)} {noun} mere, som ikke er vist. Ret dem ovenfor, og indlæs filen igen."));
        return list;
    }
}
