using Ammeindsats.Core.Documents;
using Ammeindsats.Web.Infrastructure.Auth;

namespace Ammeindsats.Web.Features.Indicators.Import;

/// <summary>One column of an import file, as the import page explains it.</summary>
public sealed record ImportColumn(string Name, string Content, string Example);

/// <summary>
/// The columns of each import file with their formats, and a sample file of each in both CSV dialects
/// (Excel: semicolon, dd-mm-åååå; open data: comma, åååå-mm-dd) that the import accepts as it is.
/// </summary>
public static class ImportTemplates
{
    public static readonly IReadOnlyList<ImportColumn> ChildRecordColumns =
    [
        new("child_id", "Et id for barnet, som ikke er et CPR-nummer (fx et løbenummer). Samme barn med flere rækker tæller med sin seneste registrering; to rækker for samme barn med samme dato skal stemme overens, ellers afvises filen (på kommandolinjen lader --latest-row-wins den sidste gælde).", "b0001"),
        new("record_date", "Registreringens dato: åååå-mm-dd eller dd-mm-åååå.", "2024-09-01"),
        new("birth_date", "Barnets fødselsdato i samme format. Fødselsåret bestemmer årgangen.", "2024-03-01"),
        new("municipality_code", "Kommunekoden (fx 751 for Aarhus), eller tomt.", "751"),
        new("birth_site", "Fødestedets id (fx RM-AUH), eller tomt.", "RM-AUH"),
        new("parity", "1 for førstegangsfødende, 2 eller mere for flergangsfødende, eller tomt.", "1"),
        new("full_breastfeeding_days", "Antal dage med fuld amning: et helt tal fra 0 til barnets alder i dage ved registreringen. Fødsels- og registreringsdatoer i fremtiden afvises.", "120"),
        new("still_fully_breastfed", "true/ja/1: barnet var stadig fuldt ammet, da det sidst blev set efter så mange dage; false/nej/0: den fulde amning sluttede efter så mange dage.", "false"),
    ];

    public static readonly IReadOnlyList<ImportColumn> IndicatorValueColumns =
    [
        new("indicator", "Indikatorens kode, fx fuldamning-4mdr (se listen over indikatorer).", "fuldamning-4mdr"),
        new("area", "Områdets kode: kommunekode, region (fx 1082), klynge, fødested eller DK.", "751"),
        new("period", "År (2024), halvår (2024H1), kvartal (2024Q2) eller måned (2024-05).", "2024"),
        new("breakdown", "Tomt for alle børn, parity-1 for førstegangsfødende, parity-2plus for flergangsfødende.", string.Empty),
        new("numerator", "Tælleren: et helt tal uden tusindtalsseparator.", "412"),
        new("denominator", "Nævneren: et helt tal, mindst lige så stort som tælleren.", "590"),
    ];

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/indikatorer/import/skabelon", Download)
            .RequireAuthorization(Policies.Staff)
            .ExcludeFromDescription();

    /// <summary>?type=child-records|indicator-values (default indicator-values)&amp;dialekt=excel|opendata (default excel)</summary>
    private static IResult Download(string? type, string? dialekt)
    {
        type ??= ImportKinds.IndicatorValues;
        var dialect = dialekt is null or "excel" ? CsvDialect.Excel : dialekt == "opendata" ? CsvDialect.OpenData : null;
        if (dialect is null || ImportKinds.Parse(type) is not { } kind)
        {
            return Results.Problem(statusCode: 400, title: "Ukendt skabelon",
                detail: "type skal være child-records eller indicator-values, og dialekt skal være excel eller opendata.");
        }

        var table = kind == ImportKind.ChildRecords
            ? new DocumentTable("Skabelon: børneniveau", ChildRecordColumns.Select(c => c.Name).ToList(),
            [
                ["b0001", new DateOnly(2024, 9, 1), new DateOnly(2024, 3, 1), "751", "RM-AUH", 1, 120, "false"],
                ["b0002", new DateOnly(2024, 9, 1), new DateOnly(2024, 3, 14), "751", string.Empty, 2, 30, "false"],
                ["b0003", new DateOnly(2024, 9, 1), new DateOnly(2024, 4, 2), "751", "RM-AUH", string.Empty, 150, "true"],
            ])
            : new DocumentTable("Skabelon: aggregerede værdier", IndicatorValueColumns.Select(c => c.Name).ToList(),
            [
                ["fuldamning-4mdr", "751", "2024", string.Empty, 412, 590],
                ["fuldamning-4mdr", "751", "2024", "parity-1", 180, 262],
                ["fuldamning-4mdr", "751", "2024", "parity-2plus", 232, 328],
            ]);
        using var buffer = new MemoryStream();
        CsvWriter.Write(buffer, table, dialect);
        var name = $"skabelon-{type}-{(dialect == CsvDialect.Excel ? "excel" : "opendata")}{CsvWriter.FileExtension}";
        return Results.File(buffer.ToArray(), CsvWriter.ContentType, name);
    }
}
