using Ammeindsats.Core.Access;
using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Disclosure;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.Indicators.Import;
using Ammeindsats.Core.Statistics;
using Ammeindsats.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Ammeindsats.Web.Features.Indicators;

public sealed class DisclosureSettings : System.ComponentModel.DataAnnotations.IValidatableObject
{
    public const string Section = "Disclosure";

    [System.ComponentModel.DataAnnotations.Range(2, 20)]
    public int Threshold { get; set; } = 5;

    /// <summary>The smallest group in which 0 % or 100 % is published.</summary>
    [System.ComponentModel.DataAnnotations.Range(2, 50)]
    public int GroupThreshold { get; set; } = 10;

    /// <summary>How wide the range a reader can work out for a protected count must stay.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 20)]
    public int ProtectionWidth { get; set; } = 4;

    /// <summary>
    /// Decide the threshold indicators as one family (ADR 0007): no two published thresholds of the same children
    /// differ by a few children. Off, each threshold is decided on its own, as before, which an attacker who
    /// compares thresholds can undo.
    /// </summary>
    public bool DecideThresholdsTogether { get; set; } = true;

    /// <summary>Every setting that changes what is published, for cache keys.</summary>
    public string CacheKey => $"{Threshold}/{GroupThreshold}/{ProtectionWidth}/{DecideThresholdsTogether}";

    public DisclosureOptions ToOptions() => new() { Threshold = Threshold, GroupThreshold = GroupThreshold, ProtectionWidth = ProtectionWidth };

    public IEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> Validate(System.ComponentModel.DataAnnotations.ValidationContext validationContext)
    {
        if (GroupThreshold < Threshold)
        {
            yield return new System.ComponentModel.DataAnnotations.ValidationResult(
                $"Disclosure:GroupThreshold ({GroupThreshold}) must be at least Disclosure:Threshold ({Threshold}).", [nameof(GroupThreshold)]);
        }
    }
}

/// <summary>One published (or, for staff, working) figure of an indicator.</summary>
public sealed class Figure
{
    public required IndicatorDefinition Indicator { get; init; }

    public required Area Area { get; init; }

    public required string Period { get; init; }

    public required string Breakdown { get; init; }

    public int? Numerator { get; set; }

    public int? Denominator { get; set; }

    /// <summary>Percent for shares; days for the median.</summary>
    public double? Value { get; set; }

    public Proportion? Ci95 { get; set; }

    public Proportion? Ci998 { get; set; }

    /// <summary>100·S(T−1): the Kaplan–Meier estimate of being fully breastfed at the threshold.</summary>
    public double? KmValue { get; set; }

    public BenchmarkComparison? Comparison { get; set; }

    public bool Suppressed { get; set; }

    public ValueStatus Status { get; set; }

    /// <summary>A birth cohort not yet complete (published in December of the year after birth).</summary>
    public bool Preliminary { get; set; }

    public DateTimeOffset Updated { get; set; }

    public bool IsDemo { get; set; }

    /// <summary>Shown to staff for their own areas: unapproved or below the disclosure threshold.</summary>
    public bool NotForPublication { get; set; }

    /// <summary>The Kaplan–Meier curve (percent by day) where the figure comes from birth cohorts.</summary>
    public int[]? Ended { get; set; }

    public int[]? Censored { get; set; }

    public Figure Clone() => (Figure)MemberwiseClone();
}

/// <summary>
/// Works out every figure of an indicator: leaf counts from birth cohorts, stored values and module
/// providers; parents as sums over their municipalities (København once in its region); Wilson intervals,
/// Kaplan–Meier values, benchmark comparison and disclosure control with secondary suppression.
/// </summary>
public sealed class IndicatorFigures(
    AmmeindsatsDbContext db,
    IEnumerable<IIndicatorProvider> providers,
    TimeProvider clock,
    IOptions<DisclosureSettings> disclosure,
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
{
    private sealed class Cell
    {
        public int Numerator;
        public int Denominator;
        public int[]? Ended;
        public int[]? Censored;
        public ValueStatus Status = ValueStatus.Approved;
        public DateTimeOffset Updated;
        public bool Demo;

        public Cell Copy() => (Cell)MemberwiseClone();
    }

    /// <summary>
    /// The figures a caller may see: published figures for everyone, and for staff their own areas'
    /// working figures (unapproved and unsuppressed), flagged as not for publication.
    /// </summary>
    public async Task<List<Figure>> ForCallerAsync(IndicatorDefinition indicator, AccessScope scope, string benchmark, CancellationToken ct)
    {
        var published = await ComputeAsync(indicator, publishedOnly: true, benchmark, ct);
        var staff = scope.Has(Role.Administrator) || scope.Has(Role.Secretariat) || scope.Has(Role.Network) || scope.Has(Role.Reporter);
        if (!staff)
        {
            // A cluster whose membership is not confirmed is shown to logged-in users (readers too) only.
            return published.Where(f => scope.IsAuthenticatedWithRoles || f.Area.Confirmed || f.Area.Type != AreaType.Cluster).ToList();
        }

        var working = await ComputeAsync(indicator, publishedOnly: false, benchmark, ct);
        var byKey = published.ToDictionary(f => (f.Area.Code, f.Period, f.Breakdown));
        var result = new List<Figure>(working.Count);
        foreach (var w in working)
        {
            byKey.TryGetValue((w.Area.Code, w.Period, w.Breakdown), out var p);
            if (scope.CanSeeUnpublished(w.Area.Code))
            {
                w.NotForPublication = p is null || p.Suppressed || w.Status != ValueStatus.Approved || w.Suppressed;
                w.Suppressed = false;
                result.Add(w);
            }
            else if (p is not null)
            {
                result.Add(p);
            }
        }

        return result;
    }

    /// <summary>
    /// Every figure of the indicator for all areas, periods and breakdowns. Results are cached per node under
    /// a key that includes a fingerprint of the data in the database, so a change made through any node is
    /// seen at once by every node: the cache never serves figures older than the database.
    /// </summary>
    public async Task<List<Figure>> ComputeAsync(IndicatorDefinition indicator, bool publishedOnly, string benchmark, CancellationToken ct)
    {
        var key = $"figures|{indicator.Code}|{indicator.Version}|{publishedOnly}|{benchmark}|{disclosure.Value.CacheKey}|{await DataFingerprintAsync(ct)}|{DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)}";
        if (!cache.TryGetValue(key, out List<Figure>? figures) || figures is null)
        {
            figures = await ComputeUncachedAsync(indicator, publishedOnly, benchmark, ct);
            cache.Set(key, figures, new Microsoft.Extensions.Caching.Memory.MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10), Size = figures.Count });
        }

        return figures.Select(f => f.Clone()).ToList();
    }

    private string? _fingerprint;

    // Once per request (the service is scoped): four small aggregate queries.
    public async Task<string> DataFingerprintAsync(CancellationToken ct)
    {
        if (_fingerprint is not null)
        {
            return _fingerprint;
        }

        var cohorts = (await db.BirthCohorts.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Versions = g.Sum(c => (long)c.Version), Max = g.Max(c => c.Id) }).ToListAsync(ct)).FirstOrDefault();
        var values = (await db.IndicatorValues.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Versions = g.Sum(c => (long)c.Version), Max = g.Max(c => c.Id) }).ToListAsync(ct)).FirstOrDefault();
        var areas = (await db.Areas.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Versions = g.Sum(a => (long)a.Version) }).ToListAsync(ct)).FirstOrDefault();
        var memberships = (await db.AreaMemberships.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Versions = g.Sum(m => (long)m.Version), Max = g.Max(m => m.Id) }).ToListAsync(ct)).FirstOrDefault();
        var fed = new List<string>();
        foreach (var provider in providers.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            fed.Add($"{provider.Name}:{await provider.DataVersionAsync(ct)}");
        }

        return _fingerprint = $"{cohorts}|{values}|{areas}|{memberships}|{string.Join(",", fed)}";
    }

    /// <summary>
    /// What every indicator of a data fingerprint reads alike: the areas, the memberships and the birth cohorts
    /// decoded once (in the order the database returns them), and, computed on first use, the cohorts with their
    /// regions, clusters and health councils summed. Shared through the cache, so the seven cohort indicators
    /// decode and sum the same 3,600 cohorts once rather than once each. The cells are never changed: each
    /// computation works on copies (the daily arrays are shared, and only read).
    /// </summary>
    private sealed class SharedData
    {
        public required Dictionary<string, Area> Areas { get; init; }

        public required List<AreaMembership> Memberships { get; init; }

        public required List<KeyValuePair<(string Area, string Period, string Breakdown), Cell>> Cohorts { get; init; }

        public List<KeyValuePair<(string Area, string Period, string Breakdown), Cell>>? RolledUp { get; set; }
    }

    private async Task<SharedData> SharedDataAsync(bool publishedOnly, CancellationToken ct)
    {
        var key = $"figures-data|{publishedOnly}|{await DataFingerprintAsync(ct)}";
        if (cache.TryGetValue(key, out SharedData? shared) && shared is not null)
        {
            return shared;
        }

        var areas = await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Code, ct);
        var memberships = await db.AreaMemberships.AsNoTracking().ToListAsync(ct);
        var query = db.BirthCohorts.AsNoTracking();
        if (publishedOnly)
        {
            query = query.Where(c => c.Status == ValueStatus.Approved);
        }

        var cohorts = new Dictionary<(string Area, string Period, string Breakdown), Cell>();
        foreach (var c in await query.ToListAsync(ct))
        {
            var (ended, censored) = DailyCounts.Decode(c.Counts);
            cohorts[(c.AreaCode, Year(c.BirthYear), c.Breakdown)] = new Cell { Ended = ended, Censored = censored, Status = c.Status, Updated = c.UpdatedAt, Demo = c.IsDemo };
        }

        shared = new SharedData { Areas = areas, Memberships = memberships, Cohorts = [.. cohorts] };
        cache.Set(key, shared, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10), Size = shared.Cohorts.Count + 1 });
        return shared;
    }

    private static Dictionary<(string Area, string Period, string Breakdown), Cell> CopyCells(List<KeyValuePair<(string Area, string Period, string Breakdown), Cell>> source)
    {
        var cells = new Dictionary<(string Area, string Period, string Breakdown), Cell>(source.Count);
        foreach (var (key, cell) in source)
        {
            cells[key] = cell.Copy();
        }

        return cells;
    }

    private async Task<List<Figure>> ComputeUncachedAsync(IndicatorDefinition indicator, bool publishedOnly, string benchmark, CancellationToken ct)
    {
        var shared = await SharedDataAsync(publishedOnly, ct);
        var areas = shared.Areas;
        var memberships = shared.Memberships;
        var cells = await CellsAsync(indicator, publishedOnly, shared, ct);
        var figures = cells.Select(kv => MakeFigure(indicator, areas[kv.Key.Area], kv.Key.Period, kv.Key.Breakdown, kv.Value)).ToList();
        if (indicator.Kind == IndicatorKind.Threshold && disclosure.Value.DecideThresholdsTogether)
        {
            await ApplyFamilyDisclosureAsync(indicator, figures, publishedOnly, shared, ct);
        }
        else
        {
            ApplyDisclosure(indicator, figures, areas, memberships);
        }

        Compare(indicator, figures, memberships, benchmark);
        return figures;
    }

    /// <summary>The indicator's counts per area, period and breakdown before disclosure control.</summary>
    private async Task<Dictionary<(string Area, string Period, string Breakdown), Cell>> CellsAsync(IndicatorDefinition indicator, bool publishedOnly, SharedData shared, CancellationToken ct)
    {
        var areas = shared.Areas;
        var memberships = shared.Memberships;
        var fromCohorts = indicator.Kind is IndicatorKind.Threshold or IndicatorKind.Median;

        var stored = db.IndicatorValues.AsNoTracking().Where(v => v.IndicatorCode == indicator.Code);
        if (publishedOnly)
        {
            stored = stored.Where(v => v.Status == ValueStatus.Approved);
        }

        var values = await stored.ToListAsync(ct);
        var observations = new List<IndicatorObservation>();
        foreach (var provider in providers.Where(p => p.Name == indicator.Provider))
        {
            observations.AddRange((await provider.GetObservationsAsync(indicator, ct)).Where(o => !publishedOnly || o.Status == ValueStatus.Approved));
        }

        Dictionary<(string Area, string Period, string Breakdown), Cell> cells;
        if (fromCohorts && values.Count == 0 && observations.Count == 0)
        {
            // Cohorts alone: the sums over municipalities are the same for every such indicator.
            if (shared.RolledUp is null)
            {
                var rolled = CopyCells(shared.Cohorts);
                RollUp(rolled, [], areas, memberships);
                shared.RolledUp = [.. rolled];
            }

            cells = CopyCells(shared.RolledUp);
        }
        else
        {
            cells = fromCohorts ? CopyCells(shared.Cohorts) : [];
            var explicitKeys = new HashSet<(string, string, string)>();
            foreach (var v in values)
            {
                cells[(v.AreaCode, v.Period, v.Breakdown)] = new Cell { Numerator = v.Numerator, Denominator = v.Denominator, Status = v.Status, Updated = v.UpdatedAt, Demo = v.IsDemo };
                explicitKeys.Add((v.AreaCode, v.Period, v.Breakdown));
            }

            foreach (var o in observations)
            {
                cells[(o.AreaCode, o.Period, o.Breakdown)] = new Cell { Numerator = o.Numerator, Denominator = o.Denominator, Status = o.Status, Updated = o.Updated, Demo = o.IsDemo };
                explicitKeys.Add((o.AreaCode, o.Period, o.Breakdown));
            }

            RollUp(cells, explicitKeys, areas, memberships);
        }

        if (indicator.Kind == IndicatorKind.Threshold)
        {
            foreach (var cell in cells.Values.Where(c => c.Ended is not null))
            {
                (cell.Numerator, cell.Denominator) = KaplanMeier.ThresholdCounts(cell.Ended, cell.Censored, indicator.ThresholdDays!.Value);
            }
        }

        return cells;
    }

    private static string Year(int year) => year.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Regions, clusters and health councils are sums over their municipalities in the structure of the
    // period's time; DK is stored (it includes children with no municipality) or, for values, the sum.
    private static void RollUp(Dictionary<(string Area, string Period, string Breakdown), Cell> cells, HashSet<(string, string, string)> explicitKeys, Dictionary<string, Area> areas, List<AreaMembership> memberships)
    {
        var groups = cells.Where(kv => areas.TryGetValue(kv.Key.Area, out var a) && a.Type == AreaType.Municipality)
            .GroupBy(kv => (kv.Key.Period, kv.Key.Breakdown))
            .ToList();
        var hierarchies = new Dictionary<string, AreaHierarchy>();
        foreach (var group in groups)
        {
            if (!hierarchies.TryGetValue(group.Key.Period, out var hierarchy))
            {
                var mid = Period.TryParse(group.Key.Period, out var p) ? p.Start.AddDays((p.End.DayNumber - p.Start.DayNumber) / 2) : new DateOnly(2000, 7, 1);
                hierarchies[group.Key.Period] = hierarchy = new AreaHierarchy(areas.Values, memberships, mid);
            }

            var leaves = group.ToDictionary(kv => kv.Key.Area, kv => kv.Value);
            foreach (var parent in areas.Values.Where(a => a.Type is AreaType.Region or AreaType.Cluster or AreaType.HealthCouncil or AreaType.Country))
            {
                var key = (parent.Code, group.Key.Period, group.Key.Breakdown);
                if (explicitKeys.Contains(key) || (parent.Type == AreaType.Country && cells.ContainsKey(key)))
                {
                    continue;
                }

                var members = hierarchy.MunicipalitiesOf(parent.Code).Where(leaves.ContainsKey).Select(m => leaves[m]).ToList();
                if (members.Count == 0)
                {
                    continue;
                }

                var sum = new Cell { Status = members.Min(m => m.Status), Updated = members.Max(m => m.Updated), Demo = members.Any(m => m.Demo) };
                foreach (var m in members)
                {
                    sum.Numerator += m.Numerator;
                    sum.Denominator += m.Denominator;
                    if (m.Ended is not null)
                    {
                        sum.Ended ??= [];
                        sum.Censored ??= [];
                        AddInto(ref sum.Ended, ref sum.Censored, m.Ended, m.Censored!);
                    }
                }

                cells[key] = sum;
            }
        }
    }

    private static void AddInto(ref int[] ended, ref int[] censored, int[] addEnded, int[] addCensored)
    {
        if (ended.Length < addEnded.Length)
        {
            Array.Resize(ref ended, addEnded.Length);
        }

        if (censored.Length < addCensored.Length)
        {
            Array.Resize(ref censored, addCensored.Length);
        }

        for (var i = 0; i < addEnded.Length; i++)
        {
            ended[i] += addEnded[i];
        }

        for (var i = 0; i < addCensored.Length; i++)
        {
            censored[i] += addCensored[i];
        }
    }

    private Figure MakeFigure(IndicatorDefinition indicator, Area area, string period, string breakdown, Cell cell)
    {
        var figure = new Figure
        {
            Indicator = indicator,
            Area = area,
            Period = period,
            Breakdown = breakdown,
            Status = cell.Status,
            Updated = cell.Updated,
            IsDemo = cell.Demo,
            Ended = cell.Ended,
            Censored = cell.Censored,
            Preliminary = Period.TryParse(period, out var p) && DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) < new DateOnly(p.End.Year + 1, 12, 1),
        };

        if (indicator.Kind == IndicatorKind.Median)
        {
            if (cell.Ended is not null)
            {
                var median = KaplanMeier.Median(cell.Ended, cell.Censored);
                figure.Value = median;
            }

            return figure;
        }

        figure.Numerator = cell.Numerator;
        figure.Denominator = cell.Denominator;
        figure.Ci95 = WilsonInterval.Compute(cell.Numerator, cell.Denominator, WilsonInterval.Z95);
        figure.Ci998 = WilsonInterval.Compute(cell.Numerator, cell.Denominator, WilsonInterval.Z998);
        figure.Value = figure.Ci95?.Value;
        if (indicator.Kind == IndicatorKind.Threshold && cell.Ended is not null)
        {
            figure.KmValue = KaplanMeier.KmValue(cell.Ended, cell.Censored, indicator.ThresholdDays!.Value) is { } s ? s : null;
        }

        return figure;
    }

    private void ApplyDisclosure(IndicatorDefinition indicator, List<Figure> figures, Dictionary<string, Area> areas, List<AreaMembership> memberships)
    {
        var policy = new DisclosurePolicy(disclosure.Value.ToOptions());
        if (indicator.Kind == IndicatorKind.Median)
        {
            foreach (var f in figures)
            {
                f.Suppressed = f.Value is null || f.Ended is null
                    || !policy.CanPublishMedian(KaplanMeier.CountsAroundMedian(f.Ended, f.Censored, (int)f.Value.Value));
            }

            return;
        }

        var (cells, relations, byKey) = DisclosureTable(figures, areas, memberships);
        var result = policy.Apply(cells, relations);
        Publish(byKey, result);
    }

    private static void Publish(Dictionary<CellKey, Figure> byKey, DisclosureResult result)
    {
        foreach (var (key, f) in byKey)
        {
            f.Suppressed = !result.IsPublished(key);
            if (!DisclosurePolicy.CanPublishKmValue(f.Denominator ?? 0))
            {
                f.KmValue = null;
            }
        }
    }

    /// <summary>
    /// Threshold indicators describe the same children at different ages, so they are decided as one table: a
    /// reader who subtracts one threshold's figure from another's learns how many children stopped (or were last
    /// seen) in between. The decision for the whole family is made once per data version and cached.
    /// </summary>
    private async Task ApplyFamilyDisclosureAsync(IndicatorDefinition indicator, List<Figure> figures, bool publishedOnly, SharedData shared, CancellationToken ct)
    {
        var settings = disclosure.Value;
        var key = $"figures-family|{publishedOnly}|{settings.CacheKey}|{await DataFingerprintAsync(ct)}|{DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)}";
        if (!cache.TryGetValue(key, out Dictionary<string, DisclosureResult>? family) || family is null)
        {
            var members = await db.Indicators.AsNoTracking().Where(i => i.Kind == IndicatorKind.Threshold && i.ThresholdDays != null).ToListAsync(ct);
            var tables = new List<ThresholdTable>();
            var codeOf = new Dictionary<int, string>();
            foreach (var member in members.OrderBy(m => m.ThresholdDays).ThenBy(m => m.Code, StringComparer.Ordinal).DistinctBy(m => m.ThresholdDays))
            {
                var memberCells = await CellsAsync(member, publishedOnly, shared, ct);
                var memberFigures = memberCells.Select(kv => MakeFigure(member, shared.Areas[kv.Key.Area], kv.Key.Period, kv.Key.Breakdown, kv.Value)).ToList();
                var (cells, relations, _) = DisclosureTable(memberFigures, shared.Areas, shared.Memberships);
                tables.Add(new ThresholdTable(member.ThresholdDays!.Value, cells, relations));
                codeOf[member.ThresholdDays.Value] = member.Code;
            }

            // The default period's figure (4 months) first, then the figures targets are most often set for.
            var decided = new ThresholdFamilyDisclosure(new DisclosurePolicy(settings.ToOptions())).Apply(tables, [122, 14, 183, 30, 61, 7]);
            family = decided.ToDictionary(kv => codeOf[kv.Key], kv => kv.Value);
            cache.Set(key, family, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10), Size = tables.Sum(t => t.Cells.Count) });
        }

        var (_, _, byKey) = DisclosureTable(figures, shared.Areas, shared.Memberships);
        if (family.TryGetValue(indicator.Code, out var result))
        {
            Publish(byKey, result);
        }
        else
        {
            // A second threshold indicator with the same threshold day is decided on its own.
            ApplyDisclosure(indicator, figures, shared.Areas, shared.Memberships);
        }
    }

    private static (List<DisclosureCell> Cells, List<CellRelation> Relations, Dictionary<CellKey, Figure> ByKey) DisclosureTable(
        List<Figure> figures, Dictionary<string, Area> areas, List<AreaMembership> memberships)
    {
        var cells = new List<DisclosureCell>();
        var relations = new List<CellRelation>();
        var byKey = figures.ToDictionary(f => new CellKey(f.Area.Code, f.Period, f.Breakdown));
        foreach (var (key, f) in byKey)
        {
            cells.Add(DisclosureCell.Proportion(key, f.Numerator ?? 0, f.Denominator ?? 0));
        }

        // The structure depends on the period only: built once per period, and each parent's municipalities
        // worked out once per period rather than once per breakdown.
        var hierarchies = new Dictionary<string, AreaHierarchy>();
        var municipalities = new Dictionary<(string Period, string Parent), IReadOnlySet<string>>();
        foreach (var group in byKey.GroupBy(kv => (kv.Key.Period, kv.Key.Breakdown)))
        {
            if (!hierarchies.TryGetValue(group.Key.Period, out var hierarchy))
            {
                var mid = Period.TryParse(group.Key.Period, out var p) ? p.Start.AddDays((p.End.DayNumber - p.Start.DayNumber) / 2) : new DateOnly(2000, 7, 1);
                hierarchies[group.Key.Period] = hierarchy = new AreaHierarchy(areas.Values, memberships, mid);
            }

            var present = group.Select(kv => kv.Key.Area).ToHashSet();
            foreach (var parent in present.Select(code => areas[code]).Where(a => a.Type is AreaType.Region or AreaType.Cluster or AreaType.HealthCouncil))
            {
                if (!municipalities.TryGetValue((group.Key.Period, parent.Code), out var ofParent))
                {
                    municipalities[(group.Key.Period, parent.Code)] = ofParent = hierarchy.MunicipalitiesOf(parent.Code);
                }

                var members = ofParent.Where(present.Contains).ToList();
                AddSum(parent.Code, members, group.Key.Period, group.Key.Breakdown, byKey, cells, relations);
            }

            if (present.Contains(AreaCode.Denmark))
            {
                var regions = present.Where(c => areas[c].Type == AreaType.Region).ToList();
                AddSum(AreaCode.Denmark, regions, group.Key.Period, group.Key.Breakdown, byKey, cells, relations, "rest-municipality");
                var sites = present.Where(c => areas[c].Type == AreaType.BirthSite).ToList();
                AddSum(AreaCode.Denmark, sites, group.Key.Period, group.Key.Breakdown, byKey, cells, relations, "rest-birthsite");
            }
        }

        AddPeriodSums(byKey, cells, relations);

        // total = parity-1 + parity-2plus + children with no parity.
        foreach (var total in byKey.Keys.Where(k => k.Breakdown.Length == 0).ToList())
        {
            var parts = new[] { ChildBreakdown.FirstBorn, ChildBreakdown.LaterBorn }
                .Select(b => total with { Breakdown = b }).Where(byKey.ContainsKey).ToList();
            if (parts.Count == 0)
            {
                continue;
            }

            var rest = total with { Breakdown = "rest-parity" };
            var t = byKey[total];
            var restNumerator = (t.Numerator ?? 0) - parts.Sum(k => byKey[k].Numerator ?? 0);
            var restDenominator = (t.Denominator ?? 0) - parts.Sum(k => byKey[k].Denominator ?? 0);
            if (!AddsUp(restNumerator, restDenominator))
            {
                continue;
            }

            cells.Add(DisclosureCell.Unpublished(rest, restNumerator, restDenominator));
            relations.Add(CellRelation.Sum(total, [.. parts, rest]));
        }

        return (cells, relations, byKey);
    }

    // A year is the sum of its halves, of its quarters and of its months; a half of its quarters and months; a
    // quarter of its months. Whatever the finer periods present do not cover is an unknown remainder.
    private static void AddPeriodSums(Dictionary<CellKey, Figure> byKey, List<DisclosureCell> cells, List<CellRelation> relations)
    {
        foreach (var series in byKey.Keys.GroupBy(k => (k.Area, k.Breakdown)))
        {
            var periods = series
                .Select(k => Period.TryParse(k.Period, out var p) ? (Key: k, Period: p, Ok: true) : (Key: k, Period: default, Ok: false))
                .Where(x => x.Ok)
                .ToList();
            if (periods.Select(x => x.Period.Granularity).Distinct().Count() < 2)
            {
                continue;
            }

            foreach (var parent in periods)
            {
                foreach (var granularity in Enum.GetValues<PeriodGranularity>().Where(g => g > parent.Period.Granularity))
                {
                    var parts = periods.Where(x => x.Period.Granularity == granularity && parent.Period.Contains(x.Period)).Select(x => x.Key).ToList();
                    if (parts.Count == 0)
                    {
                        continue;
                    }

                    var p = byKey[parent.Key];
                    var restNumerator = (p.Numerator ?? 0) - parts.Sum(k => byKey[k].Numerator ?? 0);
                    var restDenominator = (p.Denominator ?? 0) - parts.Sum(k => byKey[k].Denominator ?? 0);
                    if (!AddsUp(restNumerator, restDenominator))
                    {
                        continue;
                    }

                    if (restNumerator != 0 || restDenominator != 0)
                    {
                        var rest = new CellKey($"{parent.Key.Area}:rest-{granularity.ToString().ToLowerInvariant()}", parent.Key.Period, parent.Key.Breakdown);
                        cells.Add(DisclosureCell.Unpublished(rest, restNumerator, restDenominator));
                        parts.Add(rest);
                    }

                    relations.Add(CellRelation.Sum(parent.Key, parts));
                }
            }
        }
    }

    // Figures from different sources (a child-level cohort for DK, a typed value for a municipality) need not add
    // up. Where the parts exceed the whole, the sum is not a relation a reader can rely on, so it is left out
    // rather than letting one inconsistent cell stop every figure of the indicator.
    private static bool AddsUp(int restNumerator, int restDenominator) =>
        restNumerator >= 0 && restDenominator >= 0 && restNumerator <= restDenominator;

    private static void AddSum(string parent, List<string> members, string period, string breakdown, Dictionary<CellKey, Figure> byKey, List<DisclosureCell> cells, List<CellRelation> relations, string? restName = null)
    {
        if (members.Count == 0)
        {
            return;
        }

        var parentKey = new CellKey(parent, period, breakdown);
        var memberKeys = members.Select(m => new CellKey(m, period, breakdown)).ToList();
        var p = byKey[parentKey];
        var restNumerator = (p.Numerator ?? 0) - memberKeys.Sum(k => byKey[k].Numerator ?? 0);
        var restDenominator = (p.Denominator ?? 0) - memberKeys.Sum(k => byKey[k].Denominator ?? 0);
        if (!AddsUp(restNumerator, restDenominator))
        {
            return;
        }

        if (restName is not null || restNumerator != 0 || restDenominator != 0)
        {
            // Whatever the members do not cover (children with no municipality, members without data) is an
            // unknown remainder, so the sum does not give away a member.
            var rest = new CellKey($"{parent}:{restName ?? "rest"}", period, breakdown);
            cells.Add(DisclosureCell.Unpublished(rest, restNumerator, restDenominator));
            memberKeys.Add(rest);
        }

        relations.Add(CellRelation.Sum(parentKey, memberKeys));
    }

    private static void Compare(IndicatorDefinition indicator, List<Figure> figures, List<AreaMembership> memberships, string benchmark)
    {
        var byKey = figures.ToDictionary(f => (f.Area.Code, f.Period, f.Breakdown));
        var regionOf = memberships.Where(m => m.ValidTo is null)
            .Join(figures.Select(f => f.Area).Where(a => a.Type == AreaType.Region).DistinctBy(a => a.Code), m => m.ParentCode, a => a.Code, (m, _) => m)
            .GroupBy(m => m.ChildCode).ToDictionary(g => g.Key, g => g.First().ParentCode);
        foreach (var f in figures)
        {
            if (f.Suppressed || f.Value is null || f.Ci95 is null || f.Area.Code == AreaCode.Denmark)
            {
                continue;
            }

            var benchmarkArea = benchmark == "region" && f.Area.Type != AreaType.Region && regionOf.TryGetValue(f.Area.Code, out var region) ? region : AreaCode.Denmark;
            if (!byKey.TryGetValue((benchmarkArea, f.Period, f.Breakdown), out var b) || b.Suppressed || b.Value is null)
            {
                continue;
            }

            f.Comparison = Benchmark.Compare(f.Ci95.Value.Lower, f.Ci95.Value.Upper, f.Value.Value, b.Value.Value, indicator.Polarity);
        }
    }
}
