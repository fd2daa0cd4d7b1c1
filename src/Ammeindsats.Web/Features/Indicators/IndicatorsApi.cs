using System.IO.Compression;
using System.Text.Json.Serialization;
using Ammeindsats.Core.Access;
using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Documents;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.Indicators.Import;
using Ammeindsats.Core.Statistics;
using Ammeindsats.Data;
using Ammeindsats.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Indicators;

/// <summary>
/// The open indicator API. Published values need no login; a caller with an API key of a staff role also
/// sees its own areas' working figures, flagged notForPublication.
/// </summary>
public static class IndicatorsApi
{
    public sealed record IndicatorDto(
        string Code, string NameDa, string NameEn, string Definition, string? NumeratorDefinition, string? DenominatorDefinition,
        string Unit, string Polarity, string Kind, int? ThresholdDays, string Source);

    public sealed record AreaRef(string Code, string Name, string Type);

    public sealed record Interval(double Lower, double Upper);

    public sealed record ValueDto(
        string Indicator,
        AreaRef Area,
        string Period,
        string Breakdown,
        int? Numerator,
        int? Denominator,
        double? Value,
        Interval? Ci95,
        Interval? Ci998,
        string? Comparison,
        bool Suppressed,
        double? KmValue,
        string Status,
        bool Preliminary,
        DateTimeOffset Updated,
        bool NotForPublication,
        bool Demo);

    public static void Map(RouteGroupBuilder api)
    {
        // The response types are declared so the OpenAPI document carries the JSON contract (the handlers return IResult).
        api.MapGet("/indicators", GetCatalogue).AllowAnonymous().WithName("GetIndicators").WithSummary("Indikatorkataloget")
            .Produces<List<IndicatorDto>>(StatusCodes.Status200OK, "application/json");
        api.MapGet("/indicators/{indicator}/values", GetValues).AllowAnonymous().WithName("GetIndicatorValues")
            .WithSummary("Værdier for en indikator med konfidensintervaller, sammenligning og diskretionering")
            .Produces<List<ValueDto>>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/indicators/download", Download).AllowAnonymous().WithName("DownloadIndicatorValues")
            .WithSummary("Alle offentliggjorte værdier som CSV (Excel eller åbne data) med definitioner og licens (CC BY 4.0)")
            .Produces<Stream>(StatusCodes.Status200OK, "application/zip")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    public static IndicatorDto ToDto(IndicatorDefinition i) => new(
        i.Code, i.NameDa, i.NameEn, i.Definition, i.NumeratorDefinition, i.DenominatorDefinition,
        i.Unit == IndicatorUnit.Percent ? "percent" : "days",
        i.Polarity switch { Polarity.HigherIsBetter => "higherIsBetter", Polarity.LowerIsBetter => "lowerIsBetter", _ => "noJudgement" },
        i.Kind switch { IndicatorKind.Threshold => "threshold", IndicatorKind.Median => "median", _ => "proportion" },
        i.ThresholdDays, i.Source);

    public static string? Token(BenchmarkComparison? c) => c switch
    {
        BenchmarkComparison.Better => "better",
        BenchmarkComparison.Similar => "similar",
        BenchmarkComparison.Worse => "worse",
        BenchmarkComparison.Higher => "higher",
        BenchmarkComparison.Lower => "lower",
        _ => null,
    };

    public static ValueDto ToDto(Figure f)
    {
        var hide = f.Suppressed;
        var isMedian = f.Indicator.Kind == IndicatorKind.Median;
        return new ValueDto(
            f.Indicator.Code,
            new AreaRef(f.Area.Code, f.Area.Name, f.Area.Type.Token()),
            f.Period,
            f.Breakdown,
            hide || isMedian ? null : f.Numerator,
            hide || isMedian ? null : f.Denominator,
            hide ? null : f.Value,
            hide || f.Ci95 is null ? null : new Interval(f.Ci95.Value.Lower, f.Ci95.Value.Upper),
            hide || f.Ci998 is null ? null : new Interval(f.Ci998.Value.Lower, f.Ci998.Value.Upper),
            hide ? null : Token(f.Comparison),
            f.Suppressed,
            hide ? null : f.KmValue,
            f.Status.ToString().ToLowerInvariant(),
            f.Preliminary,
            f.Updated,
            f.NotForPublication,
            f.IsDemo);
    }

    private static async Task<IResult> GetCatalogue(AmmeindsatsDbContext db, CancellationToken ct)
    {
        var list = await db.Indicators.AsNoTracking().Where(i => i.Active).OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct);
        return Results.Ok(list.Select(ToDto));
    }

    private static async Task<IResult> GetValues(
        string indicator,
        [FromQuery] string? area,
        [FromQuery] string? period,
        [FromQuery] string? breakdown,
        [FromQuery] string? benchmark,
        HttpContext http,
        AmmeindsatsDbContext db,
        IndicatorFigures figures,
        CurrentAccess access,
        CancellationToken ct)
    {
        var definition = await db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Code == indicator, ct);
        if (definition is null)
        {
            return Results.Problem(statusCode: 404, title: "Ukendt indikator", detail: $"Indikatoren '{indicator}' findes ikke. Se /api/v1/indicators.");
        }

        var bench = string.IsNullOrEmpty(benchmark) || benchmark.Equals("DK", StringComparison.OrdinalIgnoreCase) ? "DK"
            : benchmark.Equals("region", StringComparison.OrdinalIgnoreCase) ? "region" : null;
        if (bench is null)
        {
            return Results.Problem(statusCode: 400, title: "Ugyldig benchmark", detail: "benchmark skal være DK eller region.");
        }

        string? areaCode = null;
        if (!string.IsNullOrWhiteSpace(area))
        {
            areaCode = AreaCode.Normalize(area);
            if (!await db.Areas.AnyAsync(a => a.Code == areaCode, ct))
            {
                return Results.Problem(statusCode: 404, title: "Ukendt område", detail: $"Området '{area}' findes ikke. Se /api/v1/areas.");
            }
        }

        // Compared in the stored spelling: "2023h1" finds 2023H1.
        string? periodKey = null;
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (!Period.TryParse(period, out var parsed))
            {
                return Results.Problem(statusCode: 400, title: "Ugyldig periode", detail: "Perioden skal skrives som 2023, 2023H1, 2023Q2 eller 2023-05.");
            }

            periodKey = parsed.ToString();
        }

        // A bearer key, when given, decides what the caller sees; otherwise the caller is anonymous.
        var auth = await http.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
        if (auth.Succeeded)
        {
            http.User = auth.Principal;
        }
        else if (auth.Failure is not null)
        {
            return Results.Problem(statusCode: 401, title: "Ugyldig API-nøgle");
        }

        var scope = await access.GetAsync();
        var wanted = breakdown ?? string.Empty;
        var list = (await figures.ForCallerAsync(definition, scope, bench, ct))
            .Where(f => areaCode is null || f.Area.Code == areaCode)
            .Where(f => periodKey is null || f.Period == periodKey)
            .Where(f => f.Breakdown == wanted)
            .OrderBy(f => f.Area.Type).ThenBy(f => f.Area.Code, StringComparer.Ordinal).ThenBy(f => f.Period, StringComparer.Ordinal)
            .Select(ToDto)
            .ToList();
        return Results.Ok(list);
    }

    private static async Task<IResult> Download([FromQuery] string? dialect, HttpContext http, Published.BulkDownloadFiles files, CancellationToken ct)
    {
        var csv = dialect is null or "opendata" ? CsvDialect.OpenData : dialect == "excel" ? CsvDialect.Excel : null;
        if (csv is null)
        {
            return Results.Problem(statusCode: 400, title: "Ugyldigt format", detail: "dialect skal være excel eller opendata.");
        }

        // Built once per published version and kept as a file; served from disk with ETag and ranges.
        var file = await files.GetAsync(csv, ct);
        http.Response.Headers.CacheControl = "public, max-age=60";
        return TypedResults.PhysicalFile(
            file.Path, "application/zip", $"ammeindsats-indikatorer-{(csv == CsvDialect.Excel ? "excel" : "aabne-data")}.zip",
            file.LastModified, new Microsoft.Net.Http.Headers.EntityTagHeaderValue(file.ETag), enableRangeProcessing: true);
    }

    /// <summary>The bulk download: every published value, the definitions and the licence, as a zip written to <paramref name="output"/>.</summary>
    public static async Task WriteDownloadAsync(Stream output, CsvDialect csv, AmmeindsatsDbContext db, IndicatorFigures figures, TimeProvider clock, CancellationToken ct)
    {
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.Active).OrderBy(i => i.SortOrder).ToListAsync(ct);
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var indicator in indicators)
        {
            foreach (var f in (await figures.ComputeAsync(indicator, publishedOnly: true, "DK", ct))
                         .Where(f => f.Area.Confirmed || f.Area.Type != AreaType.Cluster)
                         .OrderBy(f => f.Area.Code, StringComparer.Ordinal).ThenBy(f => f.Period, StringComparer.Ordinal).ThenBy(f => f.Breakdown, StringComparer.Ordinal))
            {
                var d = ToDto(f);
                rows.Add([d.Indicator, d.Area.Code, d.Area.Name, d.Area.Type, d.Period, d.Breakdown, d.Numerator, d.Denominator, d.Value, d.Ci95?.Lower, d.Ci95?.Upper, d.Ci998?.Lower, d.Ci998?.Upper, d.KmValue, d.Comparison, d.Suppressed ? "ja" : "nej", d.Preliminary ? "ja" : "nej", d.Demo ? "ja" : "nej"]);
            }
        }

        var values = new DocumentTable("Værdier",
            ["indicator", "area", "area_name", "area_type", "period", "breakdown", "numerator", "denominator", "value", "ci95_lower", "ci95_upper", "ci998_lower", "ci998_upper", "km_value", "comparison_dk", "suppressed", "preliminary", "demo"],
            rows);
        var definitions = new DocumentTable("Definitioner",
            ["indicator", "name_da", "name_en", "definition", "numerator", "denominator", "unit", "polarity", "threshold_days", "source"],
            indicators.Select(i => (IReadOnlyList<object?>)[i.Code, i.NameDa, i.NameEn, i.Definition, i.NumeratorDefinition, i.DenominatorDefinition, ToDto(i).Unit, ToDto(i).Polarity, i.ThresholdDays, i.Source]).ToList());

        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using (var s = zip.CreateEntry("values.csv").Open())
            {
                await CsvWriter.WriteAsync(s, values, csv, ct);
            }

            await using (var s = zip.CreateEntry("indicators.csv").Open())
            {
                await CsvWriter.WriteAsync(s, definitions, csv, ct);
            }

            await using (var s = zip.CreateEntry("LICENSE.txt").Open())
            await using (var w = new StreamWriter(s))
            {
                await w.WriteAsync(License(clock));
            }
        }
    }

    public static string License(TimeProvider clock) =>
        "Ammeindsats – offentliggjorte indikatorværdier\n\n" +
        "Licens: Creative Commons Navngivelse 4.0 International (CC BY 4.0), https://creativecommons.org/licenses/by/4.0/deed.da\n" +
        "Kildeangivelse: Ammeindsats, data fra Den Nationale Børnedatabase via de deltagende kommuner og regioner.\n\n" +
        "Kun godkendte værdier er med. Værdier med tæller, nævner eller forskellen mellem dem på 1–4 er diskretioneret (tomme), " +
        "og yderligere celler er skjult, så de ikke kan regnes ud af summer. Værdier er i procent med fuld præcision; " +
        "ci95/ci998 er Wilson-intervaller; km_value er Kaplan–Meier-estimatet for at være fuldt ammet ved tærsklen.\n" +
        "Rækker med demo=ja er opfundne demonstrationsdata.\n\n" +
        $"Dannet {Core.Common.DanishFormat.TextDate(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))}.\n";
}
