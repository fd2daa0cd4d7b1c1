using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Ammeindsats.EndToEnd.Tests;

/// <summary>
/// A new secretariat user re-imports an approved year from the web page alone: the refusal says what to do on the
/// page, the check with approval lists every changed cell old → new, and confirming publishes the new figure.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ReimportJourneyTests(AppServer server)
{
    private const string Header = "indicator;area;period;breakdown;numerator;denominator\n";

    [SkippableFact]
    public async Task Secretariat_ReimportsAnApprovedYear_SeeingEachChangedValueBeforeConfirming()
    {
        Browser.SkipIfMissing();
        var context = await server.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl });
        var page = await context.NewPageAsync();
        var errors = Browser.CollectErrors(page);
        await Browser.LogInAsync(page, server.BaseUrl, "sekretariat@demo.ammeindsats.dk");

        // The year is first published with approval.
        await UploadAsync(page, Header + "fuldamning-6mdr;727;2005;;20;50\n", "odder-2005.csv", approve: true);
        await page.Locator("#confirm").ClickAsync();
        await page.Locator("#run-state", new() { HasTextString = "Importeret" }).WaitForAsync(new() { Timeout = 30_000 });

        // A corrected file without approval: refused, and the message points at the checkbox on this page.
        await UploadAsync(page, Header + "fuldamning-6mdr;727;2005;;22;50\n", "odder-2005-rettet.csv", approve: false);
        var problems = await page.Locator("#problems").TextContentAsync() ?? string.Empty;
        Assert.Contains("20/50 (40,0 %)", problems, StringComparison.Ordinal);
        Assert.Contains("Godkend ved import", problems, StringComparison.Ordinal);
        await Browser.AssertAccessibleAsync(page);

        // With approval: each changed cell is shown, old → new, before anything changes.
        await UploadAsync(page, Header + "fuldamning-6mdr;727;2005;;22;50\n", "odder-2005-rettet.csv", approve: true);
        var row = page.Locator("#changed-cells tbody tr");
        Assert.Equal(1, await row.CountAsync());
        var cells = await row.Locator("td").AllTextContentsAsync();
        Assert.Contains("(727)", cells[0], StringComparison.Ordinal);
        Assert.Equal(["fuldamning-6mdr", "2005", "total", "20/50 (40,0 %)", "22/50 (44,0 %)", "Godkendt"], cells.Skip(1).Select(c => c.Trim()).ToList());
        Assert.True(await page.Locator("#changed-cells").IsVisibleAsync());
        await Browser.AssertAccessibleAsync(page);

        await page.Locator("#confirm").ClickAsync();
        await page.Locator("#run-state", new() { HasTextString = "Importeret" }).WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("Cellerne, importen ændrede", await page.Locator("#changed-cells caption").TextContentAsync() ?? string.Empty, StringComparison.Ordinal);

        var published = await page.APIRequest.GetAsync("/api/v1/indicators/fuldamning-6mdr/values?area=727&period=2005");
        Assert.Contains("\"numerator\":22", await published.TextAsync(), StringComparison.Ordinal);

        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await context.CloseAsync();
    }

    private static async Task UploadAsync(IPage page, string csv, string name, bool approve)
    {
        await page.GotoAsync("/indikatorer/import");
        await page.Locator("#Kind-values").CheckAsync();
        await page.Locator("#Upload").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        if (approve)
        {
            await page.GetByLabel("Godkend ved import").CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Kontrollér filen" }).ClickAsync();
        await page.WaitForURLAsync(RunPage());
    }

    [GeneratedRegex(@"/indikatorer/import/[0-9a-f-]{36}$")]
    private static partial Regex RunPage();
}
