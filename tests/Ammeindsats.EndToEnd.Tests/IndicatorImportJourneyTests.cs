using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Ammeindsats.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed partial class IndicatorImportJourneyTests(AppServer server)
{
    /// <summary>
    /// Four children in 751 Aarhus born 2014 (a year without demo data). The secretariat may not write DK, so
    /// the file holds three cells: the total, parity-1 (a01, a03) and parity-2plus (a02, a04).
    /// </summary>
    private const string File =
        "child_id;record_date;birth_date;municipality_code;birth_site;parity;full_breastfeeding_days;still_fully_breastfed\n" +
        "a01;01-09-2014;01-03-2014;751;;1;120;false\n" +
        "a02;01-09-2014;02-03-2014;751;;2;10;false\n" +
        "a03;01-09-2014;03-03-2014;751;;1;30;ja\n" +
        "a04;01-09-2014;04-03-2014;751;;2;170;nej\n";

    [SkippableFact]
    public async Task Secretariat_UploadsChecksAndConfirmsAFile_EveryStepWithoutAxeViolations()
    {
        Browser.SkipIfMissing();
        var context = await server.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl });
        var page = await context.NewPageAsync();
        var errors = Browser.CollectErrors(page);

        await Browser.LogInAsync(page, server.BaseUrl, "sekretariat@demo.ammeindsats.dk");

        await page.GotoAsync("/indikatorer/import");
        Assert.Equal("Importér indikatordata", (await page.Locator("h1").TextContentAsync())?.Trim());
        await Browser.AssertAccessibleAsync(page);

        await page.GetByLabel("Børneniveau (én række pr. barn)").CheckAsync();
        await page.Locator("#Upload").SetInputFilesAsync(new FilePayload
        {
            Name = "aarhus-2014.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(File),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Kontrollér filen" }).ClickAsync();
        await page.WaitForURLAsync(RunPage());

        // The check: four children, three new cells, nothing changed yet.
        Assert.Equal("4", (await page.Locator("#children").TextContentAsync())?.Trim());
        Assert.Equal("3", (await page.Locator("#inserted").TextContentAsync())?.Trim());
        Assert.Equal("Afventer bekræftelse", (await page.Locator("#run-state").TextContentAsync())?.Trim());
        await Browser.AssertAccessibleAsync(page);

        await page.Locator("#confirm").ClickAsync();
        await page.WaitForURLAsync(RunPage());

        // Running: htmx fetches the state every second until the import is finished.
        await page.Locator("#run-state", new() { HasTextString = "Importeret" }).WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal("3", (await page.Locator("#inserted").TextContentAsync())?.Trim());
        Assert.Contains("Importen er gennemført", await page.ContentAsync(), StringComparison.Ordinal);
        await Browser.AssertAccessibleAsync(page);

        // The run is in the list of recent imports.
        await page.GotoAsync("/indikatorer/import");
        Assert.True(await page.Locator("table tbody tr", new() { HasTextString = "aarhus-2014.csv" }).CountAsync() >= 1);

        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await context.CloseAsync();
    }

    [SkippableFact]
    public async Task WithoutJavaScript_TheImportIsConfirmedAndFollowedWithTheRefreshLink()
    {
        Browser.SkipIfMissing();
        var context = await server.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await Browser.LogInAsync(page, server.BaseUrl, "sekretariat@demo.ammeindsats.dk");

        await page.GotoAsync("/indikatorer/import");
        await page.Locator("#Kind-values").CheckAsync();
        await page.Locator("#Upload").SetInputFilesAsync(new FilePayload
        {
            Name = "aarhus-2009.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("indicator,area,period,breakdown,numerator,denominator\nfuldamning-2uger,751,2009,,30,40\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Kontrollér filen" }).ClickAsync();
        await page.WaitForURLAsync(RunPage());
        Assert.Equal("1", (await page.Locator("#inserted").TextContentAsync())?.Trim());

        await page.Locator("#confirm").ClickAsync();
        await page.WaitForURLAsync(RunPage());
        for (var i = 0; i < 60 && (await page.Locator("#run-state").TextContentAsync())?.Trim() != "Importeret"; i++)
        {
            // No polling without JavaScript: the page offers a plain link to itself.
            await Task.Delay(500);
            await page.GetByRole(AriaRole.Link, new() { Name = "Opdater", Exact = true }).ClickAsync();
        }

        Assert.Equal("Importeret", (await page.Locator("#run-state").TextContentAsync())?.Trim());
        await context.CloseAsync();
    }

    [GeneratedRegex(@"/indikatorer/import/[0-9a-f-]{36}$")]
    private static partial Regex RunPage();
}
