using System.Text.RegularExpressions;
using System.Xml.Linq;
using Ammeindsats.Core.Access;
using Ammeindsats.Core.Areas;
using Ammeindsats.Web.Features.Accounts;
using Ammeindsats.Web.Features.Administration.Users;
using Ammeindsats.Web.Features.History;
using Ammeindsats.Web.Infrastructure.Modules;

namespace Ammeindsats.Web.Tests.Localization;

/// <summary>
/// The English language switch falls back to Danish for any text without an English entry. These tests keep
/// new pages honest: every Danish text the UI looks up must be in Resources/SharedResource.en.resx
/// (generated from Resources/texts.py).
/// </summary>
public sealed partial class EnglishTextsTests
{
    private static readonly string WebFolder = Path.Combine(RepositoryRoot(), "src", "Ammeindsats.Web");

    // .resx names are case-insensitive, so a text that differs from another only in case cannot have its own
    // English entry (the build drops one with warning MSB3568). These views still use such a pair and show
    // the word in Danish; keep this list empty by rewording the new text instead.
    private static readonly HashSet<string> KnownCaseClashes = new(StringComparer.Ordinal);

    [Fact]
    public void EveryTextInTheViews_HasAnEnglishEntry()
    {
        var english = EnglishEntries();
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var view in Directory.EnumerateFiles(Path.Combine(WebFolder, "Features"), "*.cshtml", SearchOption.AllDirectories))
        {
            foreach (Match m in LocalizerKey().Matches(File.ReadAllText(view)))
            {
                used.Add($"{Unescape(m.Groups[1].Value)}    ({Path.GetRelativePath(WebFolder, view)})");
            }
        }

        Assert.True(used.Count > 100, $"Found only {used.Count} texts in the views; has the L[\"...\"] pattern changed?");
        var missing = used
            .Where(u => u[..u.LastIndexOf("    (", StringComparison.Ordinal)] is var key && !english.ContainsKey(key) && !KnownCaseClashes.Contains(key))
            .ToList();
        Assert.True(missing.Count == 0, "Texts without English (add them to Resources/texts.py and run it):\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EveryValidationMessageInCode_HasAnEnglishEntry()
    {
        var english = EnglishEntries();
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(WebFolder, "Features"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match m in AnnotationText().Matches(File.ReadAllText(file)))
            {
                var key = Unescape(m.Groups[1].Value);
                if (!english.ContainsKey(key))
                {
                    missing.Add($"{key}    ({Path.GetRelativePath(WebFolder, file)})");
                }
            }
        }

        Assert.True(missing.Count == 0, "Validation texts without English:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EveryNameThePagesLookUpFromCode_HasAnEnglishEntry()
    {
        var english = EnglishEntries();
        var names = new List<string>();
        names.AddRange(Roles.All.Select(r => r.DanishName()));
        names.AddRange(Roles.All.Select(UserDirectory.AreaHint));
        names.AddRange(Enum.GetValues<AreaType>().Select(t => t.DanishName()));
        names.AddRange(Enum.GetValues<UserStatus>().Select(s => s.DanishName()));
        names.AddRange(AuditTrailView.Actions.Values);
        names.Add(InvitationModel.PasswordPolicy);

        // What the modules show from code: audit labels, menu entries, reports. A module may bring its own English.
        var modules = ModuleCatalog.Describe(Features.Modules.All);
        names.AddRange(modules.AuditEntities.Select(e => e.Label));
        names.AddRange(modules.Navigation.Select(n => n.Text));
        names.AddRange(modules.Reports.SelectMany(r => new[] { r.Title, r.Description }));
        Assert.Contains("Indikatorværdi", names);

        var missing = names.Distinct(StringComparer.Ordinal).Where(n => !english.ContainsKey(n) && !modules.EnglishTexts.ContainsKey(n)).ToList();
        Assert.True(missing.Count == 0, "Names without English:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void NoTwoEnglishEntries_DifferOnlyInCase()
    {
        var names = XDocument.Load(Path.Combine(WebFolder, "Resources", "SharedResource.en.resx")).Root!
            .Elements("data").Select(d => (string)d.Attribute("name")!);
        var clashes = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();

        Assert.True(clashes.Count == 0, "Entries that differ only in case (the build keeps only one):\n" + string.Join("\n", clashes));
    }

    [Fact]
    public void EveryEnglishText_KeepsThePlaceholdersOfItsDanishKey()
    {
        var wrong = EnglishEntries()
            .Where(e => !Placeholders(e.Key).SetEquals(Placeholders(e.Value)))
            .Select(e => $"{e.Key} => {e.Value}")
            .ToList();

        Assert.True(wrong.Count == 0, "English texts whose {0}-style placeholders differ from the Danish:\n" + string.Join("\n", wrong));
    }

    private static Dictionary<string, string> EnglishEntries()
    {
        var resx = XDocument.Load(Path.Combine(WebFolder, "Resources", "SharedResource.en.resx"));
        var entries = resx.Root!.Elements("data").ToDictionary(
            d => (string)d.Attribute("name")!,
            d => (string?)d.Element("value") ?? string.Empty,
            StringComparer.Ordinal);
        // A module's own texts (ModuleBuilder.Text) count as well: the localizer falls back to them.
        foreach (var (danish, english) in ModuleCatalog.Describe(Features.Modules.All).EnglishTexts)
        {
            entries.TryAdd(danish, english);
        }

        return entries;
    }

    private static HashSet<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    private static string Unescape(string csharp) => Regex.Unescape(csharp);

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ammeindsats.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Could not find the repository root (Ammeindsats.slnx).");
    }

    // L["Dansk tekst"] (or L["...", arguments]) in a view; the text may hold escaped quotes.
    [GeneratedRegex(@"\bL\[\s*@?""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerKey();

    // [Required(ErrorMessage = "...")], [Display(Name = "...")] and the like.
    [GeneratedRegex(@"\b(?:ErrorMessage|Display\(\s*Name)\s*=\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex AnnotationText();

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
