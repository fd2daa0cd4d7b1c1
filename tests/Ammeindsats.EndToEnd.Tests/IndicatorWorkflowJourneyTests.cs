using Microsoft.Playwright;

namespace Ammeindsats.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class IndicatorWorkflowJourneyTests(AppServer server)
{
    [SkippableFact]
    public async Task Secretariat_EntersSubmitsApprovesAndReopens_ChecksCompletenessAndTargets_WithNoAxeViolations()
    {
        Browser.SkipIfMissing();
        var context = await server.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl });
        var page = await context.NewPageAsync();
        var errors = Browser.CollectErrors(page);

        await Browser.LogInAsync(page, server.BaseUrl, "sekretariat@demo.ammeindsats.dk");

        // Manual entry: a field error first, then a draft.
        await page.GotoAsync("/indikatorer/indberet");
        await Browser.AssertAccessibleAsync(page);
        await page.GetByLabel("Indikator", new() { Exact = true }).SelectOptionAsync("fuldamning-4mdr");
        await page.GetByLabel("Område", new() { Exact = true }).SelectOptionAsync("751");
        await page.GetByLabel("Periode", new() { Exact = true }).FillAsync("2017Q2");
        await page.GetByLabel("Tæller", new() { Exact = true }).FillAsync("110");
        await page.GetByLabel("Nævner", new() { Exact = true }).FillAsync("100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem som kladde" }).ClickAsync();
        Assert.Contains("Tælleren (110) er større end nævneren (100)", await page.Locator("#taeller-error").TextContentAsync());
        await Browser.AssertAccessibleAsync(page);
        await page.GetByLabel("Nævner", new() { Exact = true }).FillAsync("200");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem som kladde" }).ClickAsync();
        Assert.Contains("er gemt som kladde", await page.ContentAsync());
        await Browser.AssertAccessibleAsync(page);

        // Approval: submit; under the four-eyes rule someone else approves, then asks to reopen.
        await page.GotoAsync("/indikatorer/godkendelse?omraade=751&periode=2017Q2");
        await Browser.AssertAccessibleAsync(page);
        await page.Locator("button.submit-button").ClickAsync();
        Assert.Contains("er indsendt til godkendelse", await page.ContentAsync());
        Assert.Equal(0, await page.Locator("button.approve-button").CountAsync());
        Assert.Contains("en anden skal godkende", await page.Locator(".four-eyes-note").First.TextContentAsync());
        await Browser.AssertAccessibleAsync(page);

        var adminContext = await server.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl });
        var admin = await adminContext.NewPageAsync();
        await Browser.LogInAsync(admin, server.BaseUrl, "admin@demo.ammeindsats.dk");
        await admin.GotoAsync("/indikatorer/godkendelse?omraade=751&periode=2017Q2");
        await admin.Locator("button.approve-button").ClickAsync();
        Assert.Contains("er godkendt og offentliggjort", await admin.ContentAsync());
        await admin.Locator("a.reopen-link").ClickAsync();
        Assert.Contains("Vil du genåbne", await admin.Locator("#confirm-reopen").TextContentAsync());
        await Browser.AssertAccessibleAsync(admin);
        await adminContext.CloseAsync();
        await page.GotoAsync("/indikatorer/godkendelse?bekraeft=godkend-alle");
        await Browser.AssertAccessibleAsync(page);

        await page.GotoAsync("/indikatorer/fuldstaendighed");
        Assert.True(await page.Locator("#completeness-table tbody tr").CountAsync() > 5, "The secretariat sees the region's municipalities and birth sites.");
        await Browser.AssertAccessibleAsync(page);

        await page.GotoAsync("/indikatorer/maal");
        Assert.True(await page.Locator("#targets-table tbody tr").CountAsync() >= 2, "The demo targets are listed.");
        await Browser.AssertAccessibleAsync(page);
        await page.GotoAsync("/indikatorer/maal/rediger");
        await Browser.AssertAccessibleAsync(page);

        Assert.True(errors.Count == 0, "Console errors:\n" + string.Join("\n", errors));
        await context.CloseAsync();
    }
}
