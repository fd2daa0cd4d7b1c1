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

    /// <summary>Logs in through the login form as a demo user and waits for the start page.</summary>
    public static async Task LogInAsync(IPage page, string baseUrl, string email, string password = "Amning-Demo-2026")
    {
        await page.GotoAsync("/konto/log-ind");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Adgangskode").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).First.ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/");
    }

    /// <summary>
    /// Collects the page's console errors and every answer of 400 or more while the journey runs. The browser's
    /// own request for /favicon.ico (the app has none) is not part of any page.
    /// </summary>
    public static List<string> CollectErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Location.Contains("/favicon.ico", StringComparison.Ordinal))
            {
                errors.Add(m.Text + " on " + page.Url + " " + m.Location);
            }
        };
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                errors.Add($"{r.Status} {r.Url}");
            }
        };
        return errors;
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
