using System.Net;
using System.Text;
using Ammeindsats.Data;
using Ammeindsats.Web.Tests.Administration;
using Ammeindsats.Web.Tests.Infrastructure;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>
/// The import page explains every column and offers a sample file of each kind in both CSV dialects; each sample is a
/// file the import itself accepts.
/// </summary>
[Collection(IndicatorsCollection.Name)]
public sealed class ImportTemplateTests(TestApps apps)
{
    [Fact]
    public async Task ImportPage_ListsEachColumnWithItsFormat_AndLinksATemplateInBothDialects()
    {
        var app = apps.Get(DatabaseProvider.Sqlite);
        var reporter = await app.LoginAsync(DemoUsers.Reporter);
        var page = await Pages.GetAsync(reporter, "/indikatorer/import");

        var childColumns = page.QuerySelectorAll("#format-child-records tbody td:first-child").Select(td => td.Text()).ToList();
        Assert.Equal(["child_id", "record_date", "birth_date", "municipality_code", "birth_site", "parity", "full_breastfeeding_days", "still_fully_breastfed"], childColumns);
        var valueColumns = page.QuerySelectorAll("#format-indicator-values tbody td:first-child").Select(td => td.Text()).ToList();
        Assert.Equal(["indicator", "area", "period", "breakdown", "numerator", "denominator"], valueColumns);
        Assert.Contains("2024H1", page.QuerySelector("#format-indicator-values").Text(), StringComparison.Ordinal);
        var links = page.QuerySelectorAll("a.template-link").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(4, links.Count);
        Assert.Contains("/indikatorer/import/skabelon?type=indicator-values&dialekt=opendata", links);

        Assert.Equal(HttpStatusCode.BadRequest, (await reporter.GetAsync("/indikatorer/import/skabelon?type=andet")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.NewClient().GetAsync("/indikatorer/import/skabelon?type=child-records")).StatusCode);
    }

    [SkippableTheory]
    [InlineData("child-records", "excel")]
    [InlineData("child-records", "opendata")]
    [InlineData("indicator-values", "excel")]
    [InlineData("indicator-values", "opendata")]
    public async Task EachTemplate_IsInItsDialect_AndPassesTheImportsCheckAsItIs(string type, string dialect)
    {
        var app = apps.Get(DatabaseProvider.Sqlite);
        var reporter = await app.LoginAsync(DemoUsers.Reporter);
        var response = await reporter.GetAsync($"/indikatorer/import/skabelon?type={type}&dialekt={dialect}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"skabelon-{type}-{dialect}.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var excel = dialect == "excel";
        Assert.Equal(excel, bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF);
        var header = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split('\n')[0].TrimEnd('\r');
        Assert.Equal(excel ? ';' : ',', header[type == "child-records" ? "child_id".Length : "indicator".Length]);

        // A database with the reference areas and no demo figures, so nothing is approved yet.
        using var empty = TestApp.Create(DatabaseProvider.Sqlite, demo: false);
        Assert.Equal(0, (await CommandLineProcess.RunAsync(empty, "migrate")).ExitCode);
        var path = Path.Combine(Path.GetTempPath(), $"skabelon-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(path, bytes);
        var check = await CommandLineProcess.RunAsync(empty, "import", type, path, "--dry-run");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("3 rækker læst", check.StandardError, StringComparison.Ordinal);
    }
}
