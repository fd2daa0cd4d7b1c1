using Microsoft.Playwright;

namespace Ammeindsats.EndToEnd.Tests;

/// <summary>
/// The shell's layout as measured in Chromium at desktop width: header buttons on the right, content in line with
/// the header, a main menu that does not move when another item is current, the indicator sub-menu as one row of
/// tabs without bullets, and the filter row's button level with its fields.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutTests(AppServer server)
{
    [SkippableFact]
    public async Task Shell_LinesUp_AndTheMenuKeepsItsPlace()
    {
        Browser.SkipIfMissing();
        var page = await server.Browser!.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

        await page.GotoAsync("/indikatorer");
        var siteName = await BoxAsync(page.Locator(".site-name"));
        var heading = await BoxAsync(page.Locator("main h1"));
        var language = await BoxAsync(page.Locator("#language-switch"));
        Assert.True(Math.Abs(siteName.X - heading.X) <= 1, $"Header starts at {siteName.X} px, content at {heading.X} px.");
        Assert.True(language.X > 1280 / 2, $"The language button stands at {language.X} px, not on the right.");
        Assert.True(Math.Abs(language.Y - siteName.Y) < 40, "The header buttons stand beside the site name, not below it.");

        var firstMenuItem = await BoxAsync(page.Locator("#main-menu a").First);
        Assert.True(Math.Abs(firstMenuItem.X - heading.X) <= 1, $"The menu starts at {firstMenuItem.X} px, content at {heading.X} px.");
        var onIndicators = await MenuPositionsAsync(page);

        await page.GotoAsync("/omraader");
        var onAreas = await MenuPositionsAsync(page);
        Assert.Equal(onIndicators, onAreas);

        await page.GotoAsync("/indikatorer");
        // The sub-menu: one row, no bullets.
        var subItems = page.Locator(".sub-menu li");
        var tops = new HashSet<double>();
        for (var i = 0; i < await subItems.CountAsync(); i++)
        {
            tops.Add(Math.Round((await BoxAsync(subItems.Nth(i))).Y));
            var before = await subItems.Nth(i).EvaluateAsync<string>("li => getComputedStyle(li, '::before').content");
            Assert.True(before is "none" or "normal" or "\"\"", $"Sub-menu item {i} has a bullet: {before}");
        }

        Assert.Single(tops);

        // The filter row: the button's bottom edge is level with the fields'.
        var select = await BoxAsync(page.Locator("#breakdown"));
        var show = await BoxAsync(page.Locator("form.table-tools button[type=submit]"));
        Assert.True(Math.Abs((select.Y + select.Height) - (show.Y + show.Height)) <= 2, $"Field bottom {select.Y + select.Height} px, button bottom {show.Y + show.Height} px.");
        var regionLabel = await BoxAsync(page.Locator("label[for=region]"));
        var periodLabel = await BoxAsync(page.Locator("label[for=period]"));
        Assert.True(Math.Abs(regionLabel.Y - periodLabel.Y) <= 1, "The filter labels stand level.");
        await page.CloseAsync();
    }

    private static async Task<List<double>> MenuPositionsAsync(IPage page)
    {
        var links = page.Locator("#main-menu a");
        var positions = new List<double>();
        for (var i = 0; i < await links.CountAsync(); i++)
        {
            var box = await BoxAsync(links.Nth(i));
            positions.Add(Math.Round(box.X, 1));
            positions.Add(Math.Round(box.Width, 1));
        }

        return positions;
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} is not shown.");
}
