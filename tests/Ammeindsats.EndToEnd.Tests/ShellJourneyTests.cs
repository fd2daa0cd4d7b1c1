using Microsoft.Playwright;

namespace Ammeindsats.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ShellJourneyTests(AppServer server)
{
    [SkippableFact]
    public async Task Visitor_ReadsStartPage_BrowsesAreas_AndEveryPageIsAccessible()
    {
        Browser.SkipIfMissing();
        var page = await server.Browser!.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseUrl });

        await page.GotoAsync("/");
        Assert.Equal("da", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Ammeindsats", (await page.Locator("h1").TextContentAsync())?.Trim());
        await Browser.AssertAccessibleAsync(page);

        await ClickToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Områder", Exact = true }).First, "**/omraader");
        await Browser.AssertAccessibleAsync(page);

        await ClickToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Region Hovedstaden" }), "**/omraader/1084");
        Assert.Contains("Sundhedsklynge Byen", await page.ContentAsync());
        await Browser.AssertAccessibleAsync(page);

        await ClickToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "København" }).First, "**/omraader/101");
        // København lies in two clusters.
        var content = await page.ContentAsync();
        Assert.Contains("Sundhedsklynge Byen", content);
        Assert.Contains("Sundhedsklynge Syd", content);
        await Browser.AssertAccessibleAsync(page);

        foreach (var path in new[] { "/tilgaengelighed", "/privatliv", "/aftaler", "/konto/log-ind" })
        {
            await page.GotoAsync(path);
            await Browser.AssertAccessibleAsync(page);
        }
    }

    [SkippableFact]
    public async Task User_LogsIn_SwitchesToEnglishAndBack()
    {
        Browser.SkipIfMissing();
        var context = await server.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl });
        var page = await context.NewPageAsync();

        await Browser.LogInAsync(page, server.BaseUrl, "sekretariat@demo.ammeindsats.dk");
        Assert.Contains("sekretariat@demo.ammeindsats.dk", await page.ContentAsync());
        await Browser.AssertAccessibleAsync(page);

        await SwitchLanguageAsync(page, "en");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Areas", (await page.GetByRole(AriaRole.Link, new() { Name = "Areas", Exact = true }).First.TextContentAsync())?.Trim());
        await Browser.AssertAccessibleAsync(page);

        await SwitchLanguageAsync(page, "da");
        Assert.Equal("da", await page.GetAttributeAsync("html", "lang"));
        await context.CloseAsync();
    }

    /// <summary>
    /// Presses the language button and waits until the page that comes back speaks <paramref name="language"/>. The
    /// wait is on the page's own language, not on a load event, which a busy machine has been seen to never deliver
    /// for the redirect that follows the form post; a lost press is pressed again, at most twice more.
    /// </summary>
    private static async Task SwitchLanguageAsync(IPage page, string language)
    {
        for (var attempt = 0; ; attempt++)
        {
            await page.ClickAsync("#language-switch");
            try
            {
                await page.WaitForFunctionAsync(
                    "lang => document.documentElement.lang === lang && document.readyState !== 'loading'",
                    language, new() { Timeout = 15_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 2)
            {
                // Still the old language: press again.
            }
        }
    }

    /// <summary>
    /// Clicks a link and waits for its page. On a machine busy with the other test projects a click that lands while
    /// the previous page is still settling can be lost, so it is clicked again, at most twice more.
    /// </summary>
    private static async Task ClickToAsync(IPage page, ILocator link, string url)
    {
        for (var attempt = 0; ; attempt++)
        {
            await link.ClickAsync();
            try
            {
                await page.WaitForURLAsync(url, new() { Timeout = 15_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 2)
            {
                // Not there yet: click again.
            }
        }
    }
}
