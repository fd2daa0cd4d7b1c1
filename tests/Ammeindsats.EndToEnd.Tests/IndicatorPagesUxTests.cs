using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Ammeindsats.EndToEnd.Tests;

/// <summary>
/// What a user sees on the indicator pages, checked by computed style and visible position in Chromium, since
/// markup alone does not show where the design system draws a control or which rule wins.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class IndicatorPagesUxTests(AppServer server)
{
    [SkippableFact]
    public async Task Administrator_SeesTheImportApprovalCheckboxBesideItsLabel_TheAdministrationMenuAndAReadableAuditTrail()
    {
        Browser.SkipIfMissing();
        var context = await server.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl });
        var page = await context.NewPageAsync();
        await Browser.LogInAsync(page, server.BaseUrl, "admin@demo.ammeindsats.dk");

        await page.GotoAsync("/indikatorer/import");
        var form = await Box(page.Locator("main form[enctype='multipart/form-data']"));
        var label = await Box(page.Locator("label[for=Approve]"));
        // The design system hides the input and draws the box as the label's ::before; both must sit at the label.
        var input = await Box(page.Locator("#Approve"));
        var drawn = await page.EvaluateAsync<double[]>(
            "() => { const l = document.querySelector('label[for=Approve]'); const s = getComputedStyle(l, '::before'); " +
            "const p = l.offsetParent.getBoundingClientRect(); return [p.left + parseFloat(s.left), p.top + window.scrollY + parseFloat(s.top) + parseFloat(s.marginTop)]; }");
        Assert.True(Inside(input, form), $"The checkbox at ({input.X}, {input.Y}) lies outside the form ({form.X}, {form.Y}, {form.Width}×{form.Height}).");
        Assert.True(Math.Abs(input.X - label.X) < 40 && Math.Abs(input.Y - label.Y) < 24, $"The checkbox at ({input.X}, {input.Y}) is not beside its label at ({label.X}, {label.Y}).");
        Assert.True(Math.Abs(drawn[0] - label.X) < 40 && Math.Abs(drawn[1] - label.Y) < 24, $"The drawn box at ({drawn[0]}, {drawn[1]}) is not beside its label at ({label.X}, {label.Y}).");

        await page.Locator("#Approve").ClickAsync();
        Assert.True(await page.Locator("#Approve").IsCheckedAsync());
        await page.GetByText("Godkend ved import").ClickAsync();
        Assert.False(await page.Locator("#Approve").IsCheckedAsync());
        await Browser.AssertAccessibleAsync(page);

        Assert.Equal(1, await page.Locator("nav.navigation-menu a[href='/administration']").CountAsync());

        // The audit trail names fields and records in words, prints years as years and credits a login to its user.
        await page.GotoAsync("/administration/revision?post=IndicatorTarget");
        var targets = await page.Locator("main table").InnerTextAsync();
        Assert.Contains("Indikatormål", targets);
        Assert.Contains("Basisår: 2022", targets);
        Assert.DoesNotContain("2.022", targets);
        Assert.DoesNotContain("BaselineValue", targets);
        await page.GotoAsync("/administration/revision?post=AppUser");
        var login = await page.Locator("main table tbody tr", new() { HasTextString = "Sidste login" }).First.InnerTextAsync();
        Assert.Contains("admin@demo.ammeindsats.dk", login);
        Assert.DoesNotContain("anonym", login);
        await context.CloseAsync();
    }

    [SkippableFact]
    public async Task Visitor_SeesTheOverviewInTheLegendsColours_WithDemoFiguresTaggedAndExplained()
    {
        Browser.SkipIfMissing();
        var page = await server.Browser!.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseUrl });

        await page.GotoAsync("/indikatorer");
        // Every comparison class in the table, with the computed fills of its cells and of the legend's swatch.
        var colours = await page.EvaluateAsync<string[][]>(
            "() => [...new Set([...document.querySelectorAll('table.tartan td')].flatMap(c => [...c.classList].filter(k => k.startsWith('cmp-'))))]" +
            ".map(k => [k, [...new Set([...document.querySelectorAll('table.tartan td.' + k)].map(c => getComputedStyle(c).backgroundColor))].join(' | '), " +
            "(s => s ? getComputedStyle(s).backgroundColor : 'no swatch')(document.querySelector('.legend .swatch.' + k))])");
        Assert.Contains(colours, c => c[0] == "cmp-better");
        Assert.Contains(colours, c => c[0] == "cmp-worse");
        foreach (var c in colours)
        {
            Assert.True(c[1] != "rgba(0, 0, 0, 0)" && c[1] == c[2], $"Cells of {c[0]} are filled {c[1]}, the legend says {c[2]}.");
        }

        // Figures line up on the right, so digits compare down a column.
        Assert.Equal("right", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('table.tartan td.numeric')).textAlign"));

        // Demonstration figures carry a tag that cannot be read as a unit ("124 d" looked like days), explained
        // right above the table.
        var unitLike = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('table.tartan td')].map(c => { const v = c.cloneNode(true); v.querySelectorAll('.visually-hidden').forEach(h => h.remove()); return v.textContent.trim(); })" +
            ".filter(t => /\\d[\\s*]*d$/.test(t)).slice(0, 3)");
        Assert.Empty(unitLike);
        var badge = page.Locator("table.tartan td .demo-badge").First;
        Assert.True(await badge.IsVisibleAsync());
        Assert.Equal("demo", (await badge.TextContentAsync())?.Trim());
        var explained = await Box(page.Locator(".demo-explained"));
        var table = await Box(page.Locator("table.tartan"));
        Assert.True(explained.Y + explained.Height <= table.Y && table.Y - explained.Y < 250,
            $"The explanation of the demo tag at y={explained.Y} is not just above the table at y={table.Y}.");
        Assert.Equal(1, await page.Locator(".demo-explained .demo-badge").CountAsync());
        await page.CloseAsync();
    }

    [SkippableFact]
    public async Task PhoneVisitor_OpensTheMainMenu_AndWideTablesScrollInsideThePage()
    {
        Browser.SkipIfMissing();
        var context = await server.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();

        foreach (var path in new[] { "/indikatorer/fuldamning-2uger?area=751", "/indikatorer/omraade/751", "/indikatorer/foer-efter", "/indikatorer" })
        {
            await page.GotoAsync(path);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"{path} is {width} px wide on a 390 px phone, so the browser zooms the page out.");
        }

        // Only administrators are offered the administration.
        Assert.Equal(0, await page.Locator("nav.navigation-menu a[href='/administration']").CountAsync());
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true });
        Assert.True(await button.IsVisibleAsync(), "A phone shows a menu button.");
        Assert.Equal("false", await button.GetAttributeAsync("aria-expanded"));
        await button.ClickAsync();
        Assert.Equal("true", await button.GetAttributeAsync("aria-expanded"));
        var links = page.Locator("nav.navigation-menu .mainmenu a");
        Assert.True(await links.CountAsync() >= 8);
        for (var i = 0; i < await links.CountAsync(); i++)
        {
            var link = links.Nth(i);
            var box = await link.BoundingBoxAsync();
            Assert.True(await link.IsVisibleAsync() && box is not null && box.X >= 0 && box.X + box.Width <= 390,
                $"Menu item {await link.TextContentAsync()} is not within the phone's width.");
        }

        await Browser.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Områder", Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync("**/omraader");
        await context.CloseAsync();
    }

    [SkippableFact]
    public async Task Staff_ReadChartsInDanishNumbers_WithDraftsMarkedAndEveryLabelWhole()
    {
        Browser.SkipIfMissing();
        // Monthly drafts for Aarhus, and three equal approved months for Silkeborg (every point on the median).
        var drafts = new List<string> { "indicator,area,period,breakdown,numerator,denominator" };
        drafts.AddRange(Enumerable.Range(1, 6).Select(m => $"fuldamning-1mdr,751,2009-{m:00},,{50 + m},100"));
        var flat = new List<string> { "indicator,area,period,breakdown,numerator,denominator" };
        flat.AddRange(Enumerable.Range(1, 3).Select(m => $"fuldamning-1mdr,740,2008-{m:00},,60,100"));
        var file = Path.Combine(Path.GetTempPath(), $"kladder-{Guid.NewGuid():N}.csv");
        try
        {
            await File.WriteAllLinesAsync(file, drafts);
            Assert.Equal(0, await server.RunCommandAsync("import", "indicator-values", file));
            await File.WriteAllLinesAsync(file, flat);
            Assert.Equal(0, await server.RunCommandAsync("import", "indicator-values", file, "--approve"));
        }
        finally
        {
            File.Delete(file);
        }

        var context = await server.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var errors = Browser.CollectErrors(page);
        await Browser.LogInAsync(page, server.BaseUrl, "admin@demo.ammeindsats.dk");

        await page.GotoAsync("/indikatorer/fuldamning-2uger?area=751");
        await page.Locator("#funnel-chart svg").WaitForAsync();
        var texts = await ChartTexts(page, ".chart");
        var english = texts.Where(t => EnglishThousands().IsMatch(t) || EnglishDecimal().IsMatch(t)).ToList();
        Assert.True(english.Count == 0, "Axis labels in English number format: " + string.Join(", ", english));
        Assert.Contains(await ChartTexts(page, "#funnel-chart"), t => DanishThousands().IsMatch(t));

        await page.GotoAsync("/indikatorer/fuldamning-median-dage");
        await page.Locator("#trend-chart svg").WaitForAsync();
        Assert.DoesNotContain("95 %-interval", await ChartTexts(page, "#trend-chart"));
        Assert.DoesNotContain("Kan ikke beregnes", await page.Locator("main").InnerTextAsync());

        await page.GotoAsync("/indikatorer/fuldamning-1mdr?area=751");
        await page.Locator("#runchart-month svg").WaitForAsync();
        var run = await ChartTexts(page, "#runchart-month");
        Assert.Contains("Ikke godkendt (kladde)", run);
        var median = page.Locator("#runchart-month svg text", new() { HasTextString = "Median 53,5" });
        Assert.True(Inside((await median.BoundingBoxAsync())!, (await page.Locator("#runchart-month").BoundingBoxAsync())!), "The median label is cut off.");
        // Drafts are hollow rings of their own series, not the line's filled points.
        Assert.True(await page.Locator("#runchart-month svg path[fill='#fff'][stroke='#b35900']").CountAsync() >= 6);

        await page.GotoAsync("/indikatorer/fuldamning-1mdr?area=740");
        var main = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("(grænse )", main);
        Assert.Contains("Alle punkter ligger på medianen", main);
        Assert.Empty(errors);
        await context.CloseAsync();
    }

    private static async Task<List<string>> ChartTexts(IPage page, string selector) =>
        [.. (await page.Locator(selector + " svg text").AllTextContentsAsync()).Select(t => t.Trim())];

    [GeneratedRegex(@"^\d{1,3}(,\d{3})+$")]
    private static partial Regex EnglishThousands();

    [GeneratedRegex(@"^-?\d+\.\d{1,2}$")]
    private static partial Regex EnglishDecimal();

    [GeneratedRegex(@"^\d{1,3}(\.\d{3})+$")]
    private static partial Regex DanishThousands();

    private static async Task<LocatorBoundingBoxResult> Box(ILocator locator)
    {
        await locator.ScrollIntoViewIfNeededAsync();
        var box = await locator.BoundingBoxAsync();
        Assert.NotNull(box);
        // Page coordinates, so boxes taken at different scroll positions compare.
        var scrollY = await locator.Page.EvaluateAsync<double>("() => window.scrollY");
        return new LocatorBoundingBoxResult { X = box.X, Y = box.Y + (float)scrollY, Width = box.Width, Height = box.Height };
    }

    private static bool Inside(LocatorBoundingBoxResult inner, LocatorBoundingBoxResult outer) =>
        inner.X >= outer.X - 1 && inner.Y >= outer.Y - 1
        && inner.X + inner.Width <= outer.X + outer.Width + 1 && inner.Y + inner.Height <= outer.Y + outer.Height + 1;
}
