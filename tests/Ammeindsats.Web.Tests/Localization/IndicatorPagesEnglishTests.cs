using Ammeindsats.Data;
using Ammeindsats.Web.Features.Indicators;
using Ammeindsats.Web.Tests.Administration;
using Ammeindsats.Web.Tests.Infrastructure;
using AngleSharp.Dom;

namespace Ammeindsats.Web.Tests.Localization;

/// <summary>
/// With the language cookie set to English (as POST /sprog sets it), the public indicator pages show their headings,
/// labels and captions in English; without it they stay in Danish, word for word as before.
/// </summary>
public sealed class IndicatorPagesEnglishTests
{
    // The value CookieRequestCultureProvider.MakeCookieValue writes for en-GB: c=en-GB|uic=en-GB, URL-encoded.
    private const string EnglishCookie = ".AspNetCore.Culture=c%3Den-GB%7Cuic%3Den-GB";

    [Fact]
    public async Task OverviewAndDetail_InEnglish_ShowEnglishHeadings_AndInDanishKeepTheDanishOnes()
    {
        using var app = TestApp.Create(DatabaseProvider.Sqlite);
        _ = app.Server;
        // One approved yearly figure for Aarhus, so the overview has a table and the detail page a trend.
        const string file =
            "indicator,area,period,breakdown,numerator,denominator\n" +
            "fuldamning-2uger,751,2007,,60,100\n";
        await Indicators.TestImports.RunAsync(app, ImportKind.IndicatorValues, file);

        var overview = await GetEnglishAsync(app, "/indikatorer?period=2007");
        Assert.Equal("Indicators", overview.QuerySelector("h1")?.Text().Trim());
        var overviewText = overview.Body!.Text();
        Assert.Contains("Where does each municipality, cluster, region and birth site stand?", overviewText);
        Assert.Equal("Birth year/period", overview.QuerySelector("label[for=period]")?.Text().Trim());
        Assert.Equal("Indicators for 2007, all, compared with DK (per cent; median in days)", overview.QuerySelector("table caption")?.Text().Trim());
        Assert.DoesNotContain("Hvor står hver kommune", overviewText);
        Assert.DoesNotContain("Fødselsår/periode", overviewText);
        Assert.DoesNotContain("sammenlignet med DK", overviewText);

        var detail = await GetEnglishAsync(app, "/indikatorer/fuldamning-2uger?area=751&period=2007");
        var headings = detail.QuerySelectorAll("h2").Select(h => h.Text().Trim()).ToList();
        Assert.Contains(headings, h => h.StartsWith("Trend for Aarhus", StringComparison.Ordinal));
        Assert.Contains("Municipalities and birth sites in 2007", headings);
        Assert.Contains("Funnel plot", headings);
        Assert.DoesNotContain(headings, h => h.StartsWith("Udvikling for", StringComparison.Ordinal));
        Assert.DoesNotContain("Tragtdiagram", headings);
        Assert.Equal("Area (trend)", detail.QuerySelector("label[for=area]")?.Text().Trim());

        var profile = await GetEnglishAsync(app, "/indikatorer/omraade/751");
        Assert.StartsWith("Indicators for Aarhus", profile.QuerySelector("h1")?.Text().Trim(), StringComparison.Ordinal);
        var profileHeaders = profile.QuerySelectorAll("table thead th").Select(h => h.Text().Trim()).ToList();
        Assert.Contains("Comparison with DK", profileHeaders);
        Assert.Contains("Trend (5 years)", profileHeaders);
        Assert.DoesNotContain("Sammenligning med DK", profileHeaders);

        // Without the cookie the same pages keep their Danish wording.
        var danishProfile = await Pages.GetAsync(app.NewClient(), "/indikatorer/omraade/751");
        Assert.StartsWith("Indikatorer for Aarhus", danishProfile.QuerySelector("h1")?.Text().Trim(), StringComparison.Ordinal);
        Assert.Contains("Tendens (5 år)", danishProfile.QuerySelectorAll("table thead th").Select(h => h.Text().Trim()));
        var danish = await Pages.GetAsync(app.NewClient(), "/indikatorer?period=2007");
        Assert.Equal("Indikatorer for 2007, alle, sammenlignet med DK (procent; median i dage)", danish.QuerySelector("table caption")?.Text().Trim());
        Assert.Equal("Fødselsår/periode", danish.QuerySelector("label[for=period]")?.Text().Trim());
        var danishDetail = await Pages.GetAsync(app.NewClient(), "/indikatorer/fuldamning-2uger?area=751&period=2007");
        var danishHeadings = danishDetail.QuerySelectorAll("h2").Select(h => h.Text().Trim()).ToList();
        Assert.Contains(danishHeadings, h => h.StartsWith("Udvikling for Aarhus", StringComparison.Ordinal));
        Assert.Contains("Kommuner og fødesteder i 2007", danishHeadings);
        Assert.Contains("Tragtdiagram", danishHeadings);
    }

    private static async Task<IDocument> GetEnglishAsync(TestApp app, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", EnglishCookie);
        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await Pages.ParseAsync(await response.Content.ReadAsStringAsync(), url);
    }
}
