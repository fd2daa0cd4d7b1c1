using System.Globalization;
using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Common;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Data;
using Ammeindsats.Data.Audit;
using Ammeindsats.Web.Features.Shared;
using Ammeindsats.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeriodValue = Ammeindsats.Core.Indicators.Import.Period;

namespace Ammeindsats.Web.Features.Indicators.Workflow;

/// <summary>How far one area has come with one birth year.</summary>
public enum CompletenessState
{
    Missing,
    Draft,
    Submitted,
    Approved,
}

/// <param name="Late">The deadline has passed and nothing has been submitted (missing or only drafts).</param>
public sealed record CompletenessCell(int Year, CompletenessState State, bool Late)
{
    public string Text => (State switch
    {
        CompletenessState.Missing => "Mangler",
        CompletenessState.Draft => "Kladde",
        CompletenessState.Submitted => "Indsendt",
        _ => "Godkendt",
    }) + (Late ? " – for sent" : string.Empty);
}

/// <summary>
/// Which municipalities and birth sites have reported which birth years. A birth year Y is due by 1 July in
/// Y + 2: by then the youngest children of the year are 18 months old, so every record up to 6 months of age
/// has come in, and the national figures for the year are published. After that date a year that is missing
/// or only a draft is late.
/// </summary>
public static class CompletenessRule
{
    public const int YearsShown = 5;

    public static DateOnly Deadline(int birthYear) => new(birthYear + 2, 7, 1);

    public static bool IsLate(int birthYear, CompletenessState state, DateOnly today) =>
        today > Deadline(birthYear) && state is CompletenessState.Missing or CompletenessState.Draft;

    /// <summary>The lowest status among an area's cells for a year: the step still to take.</summary>
    public static CompletenessState StateOf(IEnumerable<ValueStatus> statuses)
    {
        var list = statuses.ToList();
        return list.Count == 0 ? CompletenessState.Missing : list.Min() switch
        {
            ValueStatus.Draft => CompletenessState.Draft,
            ValueStatus.Submitted => CompletenessState.Submitted,
            _ => CompletenessState.Approved,
        };
    }
}

[Authorize(Policy = Policies.Staff)]
public sealed class CompletenessModel(AmmeindsatsDbContext db, CurrentAccess access, IAuditContext audit) : PageModel
{
    public sealed record Row(Area Area, IReadOnlyList<CompletenessCell> Cells);

    [BindProperty(SupportsGet = true, Name = "til")]
    public int? LastYear { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "type")]
    public string? TypeFilter { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];

    public TableState Table { get; private set; } = null!;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<Row> AllRows { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        AllRows = await LoadAsync(ct);
        Rows = Table.Apply(AllRows);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var rows = await LoadAsync(ct);
        return TableExport.Csv(
            "fuldstaendighed",
            "Fuldstændighed: indberettede fødselsår",
            ["Områdekode", "Område", "Type", .. Years.Select(y => y.ToString(CultureInfo.InvariantCulture))],
            rows.Select(r => (IReadOnlyList<object?>)[r.Area.Code, r.Area.Name, r.Area.Type.DanishName(), .. r.Cells.Select(c => c.Text)]));
    }

    public string YearsUrl(int last) => QueryLinks.With(Request, ("til", last.ToString(CultureInfo.InvariantCulture)), ("side", null));

    public string DeadlineText(int year) => DanishFormat.TextDate(CompletenessRule.Deadline(year));

    private async Task<List<Row>> LoadAsync(CancellationToken ct)
    {
        Table = new TableState(Request, "omraade", false, "omraade", "type");
        Today = DanishTime.Date(audit.Now);
        var last = LastYear is >= 1900 and <= 9999 ? LastYear.Value : Today.Year - 1;
        LastYear = last;
        Years = Enumerable.Range(last - CompletenessRule.YearsShown + 1, CompletenessRule.YearsShown).ToList();
        var first = Years[0];

        var scope = await access.GetAsync();
        var hierarchy = await access.HierarchyAsync();
        IEnumerable<Area> areas = hierarchy.Areas.Where(a => WorkflowRules.IsReportingArea(a) && scope.MayReport(a.Code));
        if (TypeFilter == "kommune")
        {
            areas = areas.Where(a => a.Type == AreaType.Municipality);
        }
        else if (TypeFilter == "foedested")
        {
            areas = areas.Where(a => a.Type == AreaType.BirthSite);
        }

        var search = Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            areas = areas.Where(a => a.Name.Contains(search, StringComparison.CurrentCultureIgnoreCase) || a.Code.Equals(search, StringComparison.OrdinalIgnoreCase));
        }

        var areaList = areas.ToList();
        var codes = areaList.Select(a => a.Code).ToHashSet();
        var statuses = new Dictionary<(string Area, int Year), List<ValueStatus>>();
        void Add(string area, int year, ValueStatus status)
        {
            if (!codes.Contains(area) || year < first || year > last)
            {
                return;
            }

            if (!statuses.TryGetValue((area, year), out var list))
            {
                statuses[(area, year)] = list = [];
            }

            list.Add(status);
        }

        foreach (var c in await db.BirthCohorts.AsNoTracking().Where(c => c.BirthYear >= first && c.BirthYear <= last)
                     .Select(c => new { c.AreaCode, c.BirthYear, c.Status }).ToListAsync(ct))
        {
            Add(c.AreaCode, c.BirthYear, c.Status);
        }

        var firstText = first.ToString(CultureInfo.InvariantCulture);
        var afterText = (last + 1).ToString(CultureInfo.InvariantCulture);
        // string.Compare translates to SQL's own comparison of the period text (ASCII digits, so ordinal on
        // both databases); the ordinal overload the analyzer asks for does not translate.
#pragma warning disable CA1309
        foreach (var v in await db.IndicatorValues.AsNoTracking()
                     .Where(v => string.Compare(v.Period, firstText) >= 0 && string.Compare(v.Period, afterText) < 0)
                     .Select(v => new { v.AreaCode, v.Period, v.Status }).ToListAsync(ct))
#pragma warning restore CA1309
        {
            if (PeriodValue.TryParse(v.Period, out var p))
            {
                Add(v.AreaCode, p.Year, v.Status);
            }
        }

        var rows = areaList.Select(a => new Row(a, Years.Select(y =>
        {
            var state = CompletenessRule.StateOf(statuses.GetValueOrDefault((a.Code, y)) ?? []);
            return new CompletenessCell(y, state, CompletenessRule.IsLate(y, state, Today));
        }).ToList()));

        return Table.Sort == "type"
            ? Table.Order(rows, r => r.Area.Type).ThenBy(r => r.Area.Name, WorkflowRules.Danish).ToList()
            : Table.Order(rows, r => r.Area.Name, WorkflowRules.Danish).ToList();
    }
}
