using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using Ammeindsats.Data;
using Ammeindsats.Web.Tests.Infrastructure;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>
/// GET /api/v1/indicators/download: a zip with every published value, the definitions and the licence, in
/// the Excel dialect (UTF-8 with BOM, semicolon, decimal comma) or as open data (RFC 4180: comma, decimal
/// point, CRLF). Checked against the known values of <see cref="IndicatorApiApps"/>.
/// </summary>
[Collection(IndicatorApiCollection.Name)]
public sealed class BulkDownloadTests(IndicatorApiApps apps)
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Excel_IsUtf8WithBom_Semicolons_AndDecimalComma(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).NewClient();

        var zip = await DownloadAsync(client, "?dialect=excel");

        var bytes = Entry(zip, "values.csv");
        Assert.Equal(Bom, bytes[..3]);
        var rows = ParseCsv(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), ';');
        Assert.Equal("indicator", rows[0][0]);
        var header = rows[0];
        // Region Hovedstaden 2012: (900 + 140 + 50) / (1000 + 200 + 100) = 1090/1300 = 83.846153846154 %,
        // written with a decimal comma.
        var region = Row(rows, "fuldamning-2uger", "1084", "2012", string.Empty);
        Assert.Equal("1090", region[header.IndexOf("numerator")]);
        Assert.Equal("1300", region[header.IndexOf("denominator")]);
        var value = region[header.IndexOf("value")];
        Assert.Contains(',', value);
        Assert.DoesNotContain('.', value);
        Assert.Equal(100.0 * 1090 / 1300, double.Parse(value, NumberStyles.Float, Danish), 1e-9);
        // Lower 95 % bound 81.746315925070 % (worked out in IndicatorApiTests).
        Assert.Equal(81.746315925070, double.Parse(region[header.IndexOf("ci95_lower")], NumberStyles.Float, Danish), 1e-9);
        AssertPublishedOnly(rows);

        var definitions = Entry(zip, "indicators.csv");
        Assert.Equal(Bom, definitions[..3]);
        Assert.Contains(";", Encoding.UTF8.GetString(definitions).Split('\n')[0], StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task OpenData_IsRfc4180_WithCommasDecimalPointAndNoBom(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).NewClient();

        var zip = await DownloadAsync(client, "?dialect=opendata");

        var bytes = Entry(zip, "values.csv");
        Assert.NotEqual(Bom, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes);
        // RFC 4180: records end with CRLF, never a bare LF.
        Assert.Contains("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotMatch("[^\r]\n", text);
        var rows = ParseCsv(text, ',');
        var header = rows[0];
        Assert.Equal(["indicator", "area", "area_name", "area_type", "period", "breakdown", "numerator", "denominator", "value"], header.Take(9));
        Assert.All(rows, r => Assert.Equal(header.Count, r.Count));

        // Gentofte 50/100 = 50 %; the 95 % bounds 40.383153036600 and 59.616846963400 % (IndicatorApiTests);
        // DK is 70 %, above the interval: worse.
        var gentofte = Row(rows, "fuldamning-2uger", "157", "2012", string.Empty);
        Assert.Equal("Gentofte", gentofte[header.IndexOf("area_name")]);
        Assert.Equal(50.0, double.Parse(gentofte[header.IndexOf("value")], CultureInfo.InvariantCulture), 1e-9);
        Assert.Equal(40.383153036600, double.Parse(gentofte[header.IndexOf("ci95_lower")], CultureInfo.InvariantCulture), 1e-9);
        Assert.Equal(59.616846963400, double.Parse(gentofte[header.IndexOf("ci95_upper")], CultureInfo.InvariantCulture), 1e-9);
        Assert.Equal("worse", gentofte[header.IndexOf("comparison_dk")]);
        var median = Row(rows, "fuldamning-median-dage", "461", "2013", string.Empty);
        Assert.Equal("90", median[header.IndexOf("value")]);
        AssertPublishedOnly(rows);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Download_StatesTheDefinitionsAndTheCcBy40Licence(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).NewClient();

        var zip = await DownloadAsync(client, string.Empty);

        var rows = ParseCsv(Encoding.UTF8.GetString(Entry(zip, "indicators.csv")), ',');
        var header = rows[0];
        var byCode = rows.Skip(1).ToDictionary(r => r[header.IndexOf("indicator")]);
        foreach (var (code, days) in new[] { ("fuldamning-1uge", "7"), ("fuldamning-2uger", "14"), ("fuldamning-1mdr", "30"), ("fuldamning-2mdr", "61"), ("fuldamning-4mdr", "122"), ("fuldamning-6mdr", "183"), ("fuldamning-median-dage", string.Empty) })
        {
            var definition = byCode[code];
            Assert.Equal(days, definition[header.IndexOf("threshold_days")]);
            Assert.False(string.IsNullOrWhiteSpace(definition[header.IndexOf("definition")]));
            Assert.False(string.IsNullOrWhiteSpace(definition[header.IndexOf("name_da")]));
        }

        var licence = Encoding.UTF8.GetString(Entry(zip, "LICENSE.txt"));
        Assert.Contains("CC BY 4.0", licence, StringComparison.Ordinal);
        Assert.Contains("https://creativecommons.org/licenses/by/4.0/", licence, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Download_ForAnAdministrator_IsStillOnlyThePublishedValues(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var client = await IndicatorApiApps.ApiKeyClientAsync(app, DemoUsers.Administrator);

        var zip = await DownloadAsync(client, "?dialect=opendata");

        AssertPublishedOnly(ParseCsv(Encoding.UTF8.GetString(Entry(zip, "values.csv")), ','));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Download_UnknownDialect_Is400(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).NewClient();

        var response = await client.GetAsync("/api/v1/indicators/download?dialect=tsv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("excel eller opendata", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // Only approved, disclosure-checked values: the draft (København 2011) and the demo's draft cohort 2025
    // are absent; Aarhus 2012 (3/40) is there but blank and marked; every suppressed row is blank.
    private static void AssertPublishedOnly(List<List<string>> rows)
    {
        var header = rows[0];
        int Col(string name) => header.IndexOf(name);
        var data = rows.Skip(1).ToList();
        Assert.DoesNotContain(data, r => r[Col("indicator")] == "fuldamning-2uger" && r[Col("area")] == "101" && r[Col("period")] == "2011");
        Assert.DoesNotContain(data, r => r[Col("period")] == "2025");

        var aarhus = Row(rows, "fuldamning-2uger", "751", "2012", string.Empty);
        Assert.Equal("ja", aarhus[Col("suppressed")]);
        var hidden = new[] { "numerator", "denominator", "value", "ci95_lower", "ci95_upper", "ci998_lower", "ci998_upper", "km_value", "comparison_dk" }.Select(Col).ToList();
        Assert.All(hidden, c => Assert.True(c >= 0));
        foreach (var row in data.Where(r => r[Col("suppressed")] == "ja"))
        {
            Assert.All(hidden, c => Assert.Equal(string.Empty, row[c]));
        }

        // København 2012 (900/1000) is published in full.
        var kbh = Row(rows, "fuldamning-2uger", "101", "2012", string.Empty);
        Assert.Equal("nej", kbh[Col("suppressed")]);
        Assert.Equal("900", kbh[Col("numerator")]);
        Assert.Equal("better", kbh[Col("comparison_dk")]);
    }

    private static async Task<ZipArchive> DownloadAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/indicators/download" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".zip", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        Assert.Equal(["LICENSE.txt", "indicators.csv", "values.csv"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        return zip;
    }

    private static byte[] Entry(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static List<string> Row(List<List<string>> rows, string indicator, string area, string period, string breakdown)
    {
        var header = rows[0];
        return Assert.Single(rows.Skip(1), r =>
            r[header.IndexOf("indicator")] == indicator && r[header.IndexOf("area")] == area &&
            r[header.IndexOf("period")] == period && r[header.IndexOf("breakdown")] == breakdown);
    }

    /// <summary>RFC 4180 reading: quoted fields may hold the separator, quotes ("") and line breaks.</summary>
    private static List<List<string>> ParseCsv(string text, char separator)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
