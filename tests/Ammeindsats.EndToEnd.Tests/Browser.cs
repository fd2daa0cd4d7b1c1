using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Ammeindsats.EndToEnd.Tests;

public static class Browser
{
    public static void SkipIfMissing()
    {
        var reason = AppServer.MissingReason;
        if (reason is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("AMMEINDSATS_REQUIRE_ALL") == "1")
        {
            throw new InvalidOperationException("Chromium is required (AMMEINDSATS_REQUIRE_ALL=1). " + reason);
        }

        Skip.If(true, reason);
    }

    /// <summary>Runs axe (WCAG 2.0/2.1 A and AA rules) on the page and fails with every violation listed.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var options = new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };
        var result = await page.RunAxe(options);
        var problems = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}").ToList();
        Assert.True(problems.Count == 0, $"axe found {problems.Count} violation(s) on {page.Url}:\n{string.Join("\n", problems)}");
    }
}
