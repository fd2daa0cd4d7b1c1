using Microsoft.Playwright;

namespace Ammeindsats.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class IndicatorPagesTests(AppServer server)
{
    [SkippableFact]
    public async Task Visitor_SeesOverviewDetailAreaProfileAndBeforeAfter_WithChartsAndNoAxeViolations()
    {
        Browser.SkipIfMissing();
        var page = await server.Browser!.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseUrl });
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };

        await page.GotoAsync("/indikatorer");
        // Every area with figures, 50 to a page: the pager counts them all.
        Assert.Equal(50, await page.Locator("table.tartan tbody tr").CountAsync());
        var shown = await page.Locator(".table-tools", new() { HasTextString = "Viser" }).First.InnerTextAsync();
        Assert.Matches(@"Viser 1–50 af 1\d\d", shown);
        await Browser.AssertAccessibleAsync(page);

        await page.GotoAsync("/indikatorer/fuldamning-2uger?area=751");
        // ECharts draws SVG into each chart box; the tables carry the same figures.
        await page.Locator("#trend-chart svg").WaitForAsync();
        Assert.True(await page.Locator("#rank-chart svg").CountAsync() == 1);
        Assert.True(await page.Locator("#funnel-chart svg").CountAsync() == 1);
        Assert.Contains("Udvikling for Aarhus", await page.ContentAsync());
        await Browser.AssertAccessibleAsync(page);

        await page.GotoAsync("/indikatorer/fuldamning-median-dage");
        await Browser.AssertAccessibleAsync(page);

        await page.GotoAsync("/indikatorer/omraade/751");
        Assert.Contains("Indikatorer for Aarhus", await page.ContentAsync());
        await Browser.AssertAccessibleAsync(page);

        await page.GotoAsync("/indikatorer/foer-efter");
        Assert.Contains("Forskel i forskelle", await page.ContentAsync());
        await Browser.AssertAccessibleAsync(page);

        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task MonthlyFigures_AreDrawnAsARunChart_WithNoAxeViolations()
    {
        Browser.SkipIfMissing();
        var file = Path.Combine(Path.GetTempPath(), $"maaneder-{Guid.NewGuid():N}.csv");
        var lines = new List<string> { "indicator,area,period,breakdown,numerator,denominator" };
        lines.AddRange(Enumerable.Range(1, 12).Select(m => $"fuldamning-1mdr,730,2006-{m:00},,{50 + m},100"));
        await File.WriteAllLinesAsync(file, lines);
        try
        {
            Assert.Equal(0, await server.RunCommandAsync("import", "indicator-values", file, "--approve"));
        }
        finally
        {
            File.Delete(file);
        }

        var page = await server.Browser!.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseUrl });
        await page.GotoAsync("/indikatorer/fuldamning-1mdr?area=730&period=2006-12");
        await page.Locator("#runchart-month svg").WaitForAsync();
        Assert.Contains("Seriediagram pr. måned for Randers", await page.ContentAsync());
        await Browser.AssertAccessibleAsync(page);
    }
}
