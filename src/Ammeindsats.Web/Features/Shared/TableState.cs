using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Primitives;

namespace Ammeindsats.Web.Features.Shared;

/// <summary>
/// Paging (50 rows a page) and sorting of one table, read from the query string (side, sorter, retning)
/// so that every state of a table has its own address and works without JavaScript.
/// </summary>
public sealed class TableState
{
    public const int PageSize = 50;

    private readonly HttpRequest _request;
    private readonly string _defaultSort;
    private readonly bool _defaultDescending;

    public TableState(HttpRequest request, string defaultSort, bool defaultDescending, params string[] sortKeys)
    {
        _request = request;
        _defaultSort = defaultSort;
        _defaultDescending = defaultDescending;
        var sort = request.Query["sorter"].ToString();
        Sort = sortKeys.Contains(sort, StringComparer.Ordinal) ? sort : defaultSort;
        var direction = request.Query["retning"].ToString();
        Descending = direction switch
        {
            "faldende" => true,
            "stigende" => false,
            _ => Sort == defaultSort && defaultDescending,
        };
        Page = int.TryParse(request.Query["side"], NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0 ? page : 1;
    }

    public string Sort { get; }

    public bool Descending { get; }

    public int Page { get; private set; }

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public int FirstRow => Total == 0 ? 0 : ((Page - 1) * PageSize) + 1;

    public int LastRow => Math.Min(Page * PageSize, Total);

    /// <summary>Counts the rows and returns the current page of them; a page past the end shows the last page.</summary>
    public IReadOnlyList<T> Apply<T>(IEnumerable<T> sortedRows)
    {
        var all = sortedRows as IReadOnlyList<T> ?? sortedRows.ToList();
        SetTotal(all.Count);
        return all.Skip((Page - 1) * PageSize).Take(PageSize).ToList();
    }

    /// <summary>For tables too large to read whole: the database counts and skips.</summary>
    public async Task<List<T>> ApplyAsync<T>(IQueryable<T> sortedRows, Func<IQueryable<T>, Task<int>> count, Func<IQueryable<T>, Task<List<T>>> toList)
    {
        SetTotal(await count(sortedRows));
        return await toList(sortedRows.Skip((Page - 1) * PageSize).Take(PageSize));
    }

    public void SetTotal(int total)
    {
        Total = total;
        Page = Math.Min(Page, PageCount);
    }

    /// <summary>Ascending or descending by a key chosen from the query string.</summary>
    public IOrderedEnumerable<T> Order<T, TKey>(IEnumerable<T> rows, Func<T, TKey> key, IComparer<TKey>? comparer = null) =>
        Descending ? rows.OrderByDescending(key, comparer) : rows.OrderBy(key, comparer);

    /// <summary>The address that sorts by <paramref name="key"/>: the other direction when it is already sorted by it.</summary>
    public string SortUrl(string key)
    {
        var descending = key == Sort ? !Descending : key == _defaultSort && _defaultDescending;
        return Link(("sorter", key), ("retning", descending ? "faldende" : "stigende"), ("side", null));
    }

    /// <summary>The aria-sort value of a column header, or null (the attribute is left out) when not sorted by it.</summary>
    public string? AriaSort(string key) => key == Sort ? (Descending ? "descending" : "ascending") : null;

    /// <summary>A visible arrow for the sorted column; screen readers get aria-sort instead.</summary>
    public string SortMark(string key) => key == Sort ? (Descending ? "▼" : "▲") : string.Empty;

    public string PageUrl(int page) => Link(("side", page == 1 ? null : page.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The same filters and sort order as CSV: every row, not just this page.</summary>
    public string CsvUrl => Link(("handler", "Csv"), ("side", null));

    public string Link(params (string Key, string? Value)[] changes) => QueryLinks.With(_request, changes);
}

public static class QueryLinks
{
    /// <summary>The current path and query string with some parameters replaced or (with a null value) removed.</summary>
    public static string With(HttpRequest request, params (string Key, string? Value)[] changes)
    {
        var values = request.Query
            .Where(q => !string.Equals(q.Key, "handler", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(q => q.Key, q => q.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                values.Remove(key);
            }
            else
            {
                values[key] = new StringValues(value);
            }
        }

        var query = new QueryBuilder();
        foreach (var (key, value) in values)
        {
            foreach (var v in value)
            {
                if (!string.IsNullOrEmpty(v))
                {
                    query.Add(key, v);
                }
            }
        }

        return request.PathBase + request.Path + query.ToQueryString();
    }
}
