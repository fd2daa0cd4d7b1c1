using System.Globalization;
using System.Net;
using System.Text.Json;
using Ammeindsats.Data;
using Ammeindsats.Web.Tests.Administration;
using Ammeindsats.Web.Tests.Infrastructure;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>
/// The big tables of the overview and the detail page (about 140 areas) sort by value and page 50 at a time, and
/// their CSV carries the published precision (one decimal for shares and intervals), checked against the API's
/// unrounded values rounded here.
/// </summary>
public sealed class BigTableTests
{
    private const string Detail = "/indikatorer/fuldamning-4mdr";
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task DetailTable_PagesFiftyAtATime_SortedByValueOrDenominator_WithWithheldLast(DatabaseProvider provider)
    {
        using var app = Start(provider);
        var client = app.NewClient();

        var first = await Pages.GetAsync(client, Detail);
        var rows = first.QuerySelectorAll("#omraader tbody tr");
        var areas = (await ApiAsync(client, Detail.Replace("/indikatorer/", "/api/v1/indicators/", StringComparison.Ordinal) + "/values?period=" + Period(first)))
            .Count(v => v.GetProperty("area").GetProperty("type").GetString() is "municipality" or "birthSite" or "region" or "cluster"
                && v.GetProperty("breakdown").GetString() == "");
        Assert.True(areas > 100, $"{areas} areas");
        Assert.Equal(50, rows.Length);
        Assert.Contains($"af {areas.ToString("N0", Danish)}", first.QuerySelectorAll(".table-tools").First(t => t.TextContent.Contains("Viser", StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);
        var values = rows.Select(r => Number(r.QuerySelectorAll("td")[1].TextContent)).ToList();
        Assert.Equal(values.Where(v => v is not null).OrderByDescending(v => v), values.Where(v => v is not null));
        Assert.Equal("descending", first.QuerySelector("#omraader th[aria-sort]")!.GetAttribute("aria-sort"));

        // The last page holds the rest, the withheld ones last.
        var lastPage = (areas + 49) / 50;
        var last = await Pages.GetAsync(client, Detail + "?side=" + lastPage);
        Assert.Equal(areas - (50 * (lastPage - 1)), last.QuerySelectorAll("#omraader tbody tr").Length);

        // By denominator, smallest first: numbers rise, and a withheld one never comes before a number.
        var all = new List<double?>();
        for (var page = 1; page <= lastPage; page++)
        {
            var doc = await Pages.GetAsync(client, $"{Detail}?sorter=naevner&retning=stigende&side={page}");
            all.AddRange(doc.QuerySelectorAll("#omraader tbody tr").Select(r => Number(r.QuerySelectorAll("td")[6].TextContent)));
        }

        Assert.Equal(areas, all.Count);
        var known = all.TakeWhile(v => v is not null).ToList();
        Assert.All(all.Skip(known.Count), v => Assert.Null(v));
        Assert.Equal(known.OrderBy(v => v), known);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task DetailCsv_HasThePublishedPrecision_TheSameNumbersAsTheApiRoundedToOneDecimal(DatabaseProvider provider)
    {
        using var app = Start(provider);
        var client = app.NewClient();
        var page = await Pages.GetAsync(client, Detail);
        var period = Period(page);
        var api = (await ApiAsync(client, $"/api/v1/indicators/fuldamning-4mdr/values?period={period}"))
            .Where(v => v.GetProperty("breakdown").GetString() == "" && !v.GetProperty("suppressed").GetBoolean())
            .ToDictionary(v => v.GetProperty("area").GetProperty("code").GetString()!);

        var csv = await CsvAsync(client, page.QuerySelector("#omraader ~ .table-tools a[download]")?.GetAttribute("href") ?? Detail + "?handler=Csv");
        var header = csv[0];
        int code = header.IndexOf("Kode"), value = header.IndexOf("Værdi"), lower = header.IndexOf("95 % nedre"), upper = header.IndexOf("95 % øvre");
        var checkedRows = 0;
        foreach (var row in csv.Skip(1).Where(r => api.ContainsKey(r[code])))
        {
            var expected = api[row[code]];
            Assert.Equal(OneDecimal(expected.GetProperty("value").GetDouble()), Field(row[value]));
            Assert.Equal(OneDecimal(expected.GetProperty("ci95").GetProperty("lower").GetDouble()), Field(row[lower]));
            Assert.Equal(OneDecimal(expected.GetProperty("ci95").GetProperty("upper").GetDouble()), Field(row[upper]));
            checkedRows++;
        }

        Assert.True(checkedRows > 50, $"{checkedRows} rows checked");
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Overview_SortsByAnIndicator_PagesFifty_AndItsCsvHasRoundedValuesWithTheirIntervals(DatabaseProvider provider)
    {
        using var app = Start(provider);
        var client = app.NewClient();

        var sorted = await Pages.GetAsync(client, "/indikatorer?sorter=fuldamning-4mdr&retning=faldende");
        var headers = sorted.QuerySelectorAll("#oversigt thead th").ToList();
        var column = headers.FindIndex(h => h.QuerySelector("a[href='/indikatorer/fuldamning-4mdr']") is not null);
        Assert.True(column > 1);
        Assert.Equal("descending", headers[column].GetAttribute("aria-sort"));
        var rows = sorted.QuerySelectorAll("#oversigt tbody tr");
        Assert.Equal(50, rows.Length);
        // Cells after the row header: type, then the indicators.
        var values = rows.Select(r => Number(r.Children[column].TextContent.Split('(')[0])).ToList();
        var known = values.TakeWhile(v => v is not null).ToList();
        Assert.Equal(known.OrderByDescending(v => v), known);

        var period = Period(sorted);
        var api = (await ApiAsync(client, $"/api/v1/indicators/fuldamning-4mdr/values?period={period}"))
            .Where(v => v.GetProperty("breakdown").GetString() == "" && !v.GetProperty("suppressed").GetBoolean())
            .ToDictionary(v => v.GetProperty("area").GetProperty("code").GetString()!);
        var csv = await CsvAsync(client, $"/indikatorer?handler=Csv&period={period}");
        var name = headers[column].QuerySelector("a")!.TextContent.Trim();
        int code = csv[0].IndexOf("Kode"), value = csv[0].IndexOf(name), lower = csv[0].IndexOf(name + " – 95 % nedre"), upper = csv[0].IndexOf(name + " – 95 % øvre");
        Assert.True(value > 0 && lower > 0 && upper > 0, string.Join(";", csv[0]));
        var checkedRows = 0;
        foreach (var row in csv.Skip(1).Where(r => api.ContainsKey(r[code])))
        {
            Assert.Equal(OneDecimal(api[row[code]].GetProperty("value").GetDouble()), Field(row[value]));
            Assert.Equal(OneDecimal(api[row[code]].GetProperty("ci95").GetProperty("lower").GetDouble()), Field(row[lower]));
            Assert.Equal(OneDecimal(api[row[code]].GetProperty("ci95").GetProperty("upper").GetDouble()), Field(row[upper]));
            checkedRows++;
        }

        Assert.True(checkedRows > 50, $"{checkedRows} rows checked");
    }

    private static TestApp Start(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            PostgresServer.SkipIfUnavailable();
        }

        return TestApp.Create(provider);
    }

    private static string Period(AngleSharp.Dom.IDocument page) =>
        page.QuerySelector("select#period option[selected]")!.GetAttribute("value")!;

    // Rounded half away from zero to one decimal (the CSV writes 50,0 as 50).
    private static decimal OneDecimal(double v) => Math.Round((decimal)v, 1, MidpointRounding.AwayFromZero);

    // A CSV number as written in the Excel dialect, with a decimal comma; more than one decimal fails the test.
    private static decimal Field(string text)
    {
        Assert.Matches(@"^-?\d+(,\d)?$", text);
        return decimal.Parse(text, NumberStyles.Number, Danish);
    }

    private static double? Number(string text)
    {
        var t = text.Trim();
        return double.TryParse(t, NumberStyles.Number, Danish, out var v) ? v : null;
    }

    private static async Task<List<JsonElement>> ApiAsync(HttpClient client, string url)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync(url));
        return json.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static async Task<List<List<string>>> CsvAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        // The Excel dialect: semicolons, no quoted fields in these tables' numbers.
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(';').Select(f => f.Trim('"')).ToList()).ToList();
    }
}
