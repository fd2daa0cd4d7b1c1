using System.Text.Json;
using Ammeindsats.Data;
using Ammeindsats.Web.Tests.Administration;
using Ammeindsats.Web.Tests.Infrastructure;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>The detail page's funnel: every point is coloured by the limits the lines are drawn from.</summary>
public sealed class FunnelPageTests
{
    [SkippableTheory]
    [InlineData("fuldamning-4mdr", "")]
    [InlineData("fuldamning-2uger", "")]
    [InlineData("fuldamning-6mdr", "")]
    public async Task DemoData_NoPointContradictsItsBand(string indicator, string breakdown)
    {
        using var app = TestApp.Create(DatabaseProvider.Sqlite);
        _ = app.Server;
        var page = await Pages.GetAsync(app.NewClient(), $"/indikatorer/{indicator}?breakdown={breakdown}");
        Assert.Contains("eksakte binomiale grænser", page.QuerySelector("#funnel-method").Text());
        using var json = JsonDocument.Parse(page.QuerySelector("#chart-data")!.TextContent);
        var funnel = json.RootElement.GetProperty("funnel").EnumerateArray()
            .ToDictionary(f => f.GetProperty("n").GetInt32(), f => (Lower: f.GetProperty("l95").GetDouble(), Upper: f.GetProperty("u95").GetDouble()));
        var points = json.RootElement.GetProperty("ranked").EnumerateArray().ToList();
        Assert.True(points.Count >= 20, $"{points.Count} points");

        var above = new HashSet<string>();
        var below = new HashSet<string>();
        foreach (var p in points)
        {
            var n = p.GetProperty("n").GetInt32();
            var value = p.GetProperty("value").GetDouble();
            var token = p.GetProperty("funnel").GetString()!;
            // The line has a vertex at every point's own n, so the band at the point is read off the drawn line.
            Assert.True(funnel.TryGetValue(n, out var band), $"no funnel vertex at n = {n}");
            if (value > band.Upper)
            {
                above.Add(token);
            }
            else if (value < band.Lower)
            {
                below.Add(token);
            }
            else
            {
                Assert.Equal("similar", token);
            }
        }

        // Outside the band: one colour above and another below, neither the colour of the points inside it.
        Assert.True(above.Count + below.Count > 0, "no point outside the 95 % limits");
        Assert.True(above.Count <= 1 && below.Count <= 1 && !above.Overlaps(below), $"above {string.Join(",", above)}; below {string.Join(",", below)}");
        Assert.DoesNotContain("similar", above);
        Assert.DoesNotContain("similar", below);
    }
}
