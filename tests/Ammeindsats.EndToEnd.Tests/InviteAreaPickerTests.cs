using Microsoft.Playwright;

namespace Ammeindsats.EndToEnd.Tests;

/// <summary>
/// The invite page's area picker as an administrator meets it: a tall list of checkboxes, not a one-line select,
/// a search field that narrows it, a count of the chosen areas, and an invitation with the ticked area.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InviteAreaPickerTests(AppServer server)
{
    [SkippableFact]
    public async Task Administrator_FindsAnAreaBySearch_TicksIt_AndInvitesWithIt()
    {
        Browser.SkipIfMissing();
        var context = await server.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl });
        var page = await context.NewPageAsync();
        var errors = Browser.CollectErrors(page);
        await Browser.LogInAsync(page, server.BaseUrl, "admin@demo.ammeindsats.dk");

        await page.GotoAsync("/administration/brugere/inviter?rolle=reporter");
        var picker = page.Locator("#area-picker");
        var box = await picker.BoundingBoxAsync();
        Assert.NotNull(box);
        // Many areas in view at once: far more than the one clipped line of a squashed select.
        Assert.True(box!.Height > 200, $"The area list is {box.Height} px high.");
        Assert.True(await picker.Locator("input[type=checkbox]").CountAsync() > 90);
        await Browser.AssertAccessibleAsync(page);

        await page.FillAsync("#area-filter", "aarh");
        var aarhus = page.GetByLabel("Aarhus (751)", new() { Exact = true });
        await Assertions.Expect(aarhus).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("København (101)", new() { Exact = true })).ToBeHiddenAsync();
        await aarhus.CheckAsync();
        await Assertions.Expect(page.Locator("#area-picker-count")).ToHaveTextAsync("1 valgt");

        // Clearing the search shows every area again, the tick kept.
        await page.FillAsync("#area-filter", string.Empty);
        await Assertions.Expect(page.GetByLabel("København (101)", new() { Exact = true })).ToBeVisibleAsync();
        Assert.True(await aarhus.IsCheckedAsync());

        var email = $"picker-{Guid.NewGuid():N}@example.dk";
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Name", "Anne Områdevalg");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inviter", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Invitationen er oprettet");
        await page.GetByRole(AriaRole.Link, new() { Name = "Se brugeren" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Aarhus");
        Assert.Empty(errors);
        await context.CloseAsync();
    }
}
