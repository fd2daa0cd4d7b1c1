using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ammeindsats.Data;
using Ammeindsats.Web.Tests.Administration;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Ammeindsats.Web.Tests.Localization;

/// <summary>
/// Every indicator and administration page, found in the app's own endpoint list, rendered in English as an
/// administrator: no Danish-only word may reach the page outside the data itself (area, person and user names,
/// which are shown as they are). The words are common Danish words that English never uses.
/// </summary>
public sealed partial class EnglishModeTests(ITestOutputHelper output)
{
    private const string EnglishCookie = ".AspNetCore.Culture=c%3Den-GB%7Cuic%3Den-GB";

    /// <summary>Danish words that do not occur in English text; chosen independently of the app's texts.</summary>
    private static readonly HashSet<string> DanishOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        "og", "ikke", "eller", "med", "til", "af", "på", "der", "som", "skal", "kan", "ingen", "alle", "fra", "har",
        "vis", "gem", "slet", "tilbage", "område", "områder", "området", "bruger", "brugere", "brugeren", "indikator",
        "indikatorer", "godkend", "godkendt", "godkendte", "kladde", "indsendt", "indsendte", "måned", "måneder", "uger",
        "år", "tal", "tallet", "tallene", "findes", "valgt", "valgte", "søg", "ændret", "ændringer", "oprettet", "rolle",
        "roller", "adgangskode", "periode", "perioden", "opdeling", "fødselsår", "kommune", "kommuner", "hvor", "hvad",
        "når", "ved", "efter", "før", "mål", "siden", "sider", "næste", "forrige", "viser", "vælg", "annuller",
    };

    [Fact]
    public async Task IndicatorAndAdministrationPages_InEnglish_ShowNoDanishWords()
    {
        using var app = TestApp.Create(DatabaseProvider.Sqlite);
        var admin = await app.LoginAsync(DemoUsers.Administrator);
        var samples = await SamplesAsync(app);
        var data = await DataWordsAsync(app);

        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'))
            .Where(p => p.StartsWith("/indikatorer", StringComparison.Ordinal) || p.StartsWith("/administration", StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(pages.Count >= 15, $"Only {pages.Count} pages found.");

        var findings = new List<string>();
        foreach (var pattern in pages)
        {
            var path = RouteParameter().Replace(pattern, m => samples.TryGetValue(m.Groups[1].Value, out var v) ? v : throw new InvalidOperationException($"{pattern}: no sample for {m.Groups[1].Value}"));
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", EnglishCookie);
            var response = await admin.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.NotFound && pattern.Contains("/import/{", StringComparison.Ordinal))
            {
                // An import run's page needs a run; its texts are held by the import page tests.
                output.WriteLine($"{path}: skipped, no such import run");
                continue;
            }

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
            var page = await Pages.ParseAsync(await response.Content.ReadAsStringAsync(), path);
            Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
            var words = Words(page, data).Where(w => DanishOnly.Contains(w.Word)).ToList();
            foreach (var (word, context) in words.DistinctBy(w => w.Context).Take(20))
            {
                findings.Add($"{path}: «{word}» in «{context}»");
            }
        }

        output.WriteLine($"{pages.Count} pages rendered in English; {findings.Count} Danish texts.");
        foreach (var finding in findings)
        {
            output.WriteLine(finding);
        }

        Assert.True(findings.Count == 0, $"{findings.Count} Danish texts on English pages:\n" + string.Join('\n', findings.Take(200)));
    }

    /// <summary>The words of every visible text node and of the labels users read (titles, placeholders, button values).</summary>
    private static IEnumerable<(string Word, string Context)> Words(AngleSharp.Dom.IDocument page, IReadOnlyList<string> data)
    {
        var texts = new List<string>();
        foreach (var node in page.Body!.Descendants().OfType<IText>())
        {
            if (node.ParentElement is { } parent && (parent.Closest("script") is not null || parent.Closest("style") is not null || parent.Closest("[lang=da]") is not null))
            {
                continue;
            }

            texts.Add(node.Text);
        }

        texts.Add(page.Title ?? string.Empty);
        foreach (var element in page.QuerySelectorAll("[title],[placeholder],[aria-label]"))
        {
            texts.AddRange(new[] { element.GetAttribute("title"), element.GetAttribute("placeholder"), element.GetAttribute("aria-label") }.OfType<string>());
        }

        foreach (var text in texts)
        {
            var context = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (context.Length == 0)
            {
                continue;
            }

            var words = context;
            foreach (var name in data)
            {
                words = words.Replace(name, " ", StringComparison.Ordinal);
            }

            foreach (Match word in WordPattern().Matches(words))
            {
                yield return (word.Value, context);
            }
        }
    }

    /// <summary>
    /// Texts that are data, shown as they were entered: names of areas, organisations of people, names of users,
    /// indicator codes (a contract) and the notes the demo content carries. Longest first, so a name is taken out whole.
    /// </summary>
    private static async Task<List<string>> DataWordsAsync(TestApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        names.UnionWith(await db.Areas.Select(a => a.Name).ToListAsync());
        names.UnionWith(await db.People.Select(p => p.Organisation ?? string.Empty).ToListAsync());
        names.UnionWith(await db.Users.Select(u => u.DisplayName ?? string.Empty).ToListAsync());
        names.UnionWith(await db.Indicators.Select(d => d.Code).ToListAsync());
        names.RemoveWhere(string.IsNullOrWhiteSpace);
        return names.OrderByDescending(n => n.Length).ToList();
    }

    private static async Task<Dictionary<string, string>> SamplesAsync(TestApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
        var userId = await db.Users.Where(u => u.Email == DemoUsers.Reader).Select(u => u.Id).SingleAsync();
        var person = await db.People.OrderBy(p => p.Id).Select(p => (int?)p.Id).FirstOrDefaultAsync();
        if (person is null)
        {
            var created = new Core.People.Person { Name = "Kontakt Engelsk", Organisation = "Aarhus Kommune", AreaCode = "751" };
            db.People.Add(created);
            await db.SaveChangesAsync();
            person = created.Id;
        }

        return new Dictionary<string, string>
        {
            ["code"] = "751",
            ["id"] = userId,
            ["entity"] = "Area",
            ["key"] = "751",
            ["indicator"] = "fuldamning-2uger",
            ["personId"] = person.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    [GeneratedRegex("\\{\\*{0,2}([^}:?=*]+)[^}]*\\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("[\\p{L}]+")]
    private static partial Regex WordPattern();
}
