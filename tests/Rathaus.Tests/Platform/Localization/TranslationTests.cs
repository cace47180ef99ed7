using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Tests.Platform.Localization;

/// <summary>German is the source text and the key; every key used in the code needs its English translation.</summary>
public sealed partial class TranslationTests
{
    private static readonly string SourceRoot = Path.Combine(RepositoryRoot(), "src", "Rathaus");
    private static readonly string EnglishResx = Path.Combine(SourceRoot, "Resources", "SharedResource.en.resx");

    [GeneratedRegex(@"\b[Tt]\[""((?:[^""\\]|\\.)+)""[\],]")]
    private static partial Regex LocalizerCall();

    [GeneratedRegex(@"ErrorMessage\s*=\s*""((?:[^""\\]|\\.)+)""")]
    private static partial Regex ErrorMessage();

    [GeneratedRegex(@"\[Display\(Name\s*=\s*""((?:[^""\\]|\\.)+)""")]
    private static partial Regex DisplayName();

    // Rule messages are created where the rule lives and translated where they are shown.
    [GeneratedRegex(@"new(?:\s+OrgRuleViolation)?\(nameof\([^)]*\),\s*""((?:[^""\\]|\\.)+)""\)")]
    private static partial Regex RuleMessage();

    // Texts produced outside the pages and translated where they are shown.
    [GeneratedRegex(@"Texts\.Key\(""((?:[^""\\]|\\.)+)""\)")]
    private static partial Regex MarkedText();

    [Fact]
    public void Every_German_text_used_in_code_has_an_English_translation()
    {
        var english = Translations();
        var missing = UsedKeys().Where(k => !english.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Missing in SharedResource.en.resx:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_English_translation_is_used_and_not_empty()
    {
        var used = UsedKeys();
        var english = Translations();
        Assert.Empty(english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key));
        var unused = english.Keys.Where(k => !used.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(unused.Count == 0, "Unused in SharedResource.en.resx:\n" + string.Join("\n", unused));
    }

    [Fact]
    public void Keys_differ_in_more_than_case()
    {
        // The resx compiler drops one of two names that differ only in case ("Aktiv"/"aktiv"): one text would stay German.
        var clashes = UsedKeys().GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();
        Assert.True(clashes.Count == 0, "Keys differing only in case:\n" + string.Join("\n", clashes));
    }

    [Fact]
    public void Translations_keep_their_placeholders()
    {
        foreach (var (key, value) in Translations())
        {
            Assert.True(Placeholders(key).SetEquals(Placeholders(value)), $"Placeholders differ: „{key}“ → “{value}”");
        }
    }

    private static HashSet<string> Placeholders(string text) =>
        Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).ToHashSet();

    private static HashSet<string> UsedKeys()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(SourceRoot, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (var regex in new[] { LocalizerCall(), ErrorMessage(), DisplayName(), RuleMessage(), MarkedText() })
            {
                foreach (Match match in regex.Matches(text))
                {
                    keys.Add(Regex.Unescape(match.Groups[1].Value));
                }
            }
        }

        keys.UnionWith(Enum.GetValues<OrgUnitKind>().Select(OrgTexts.KindName));
        keys.UnionWith(Enum.GetValues<PositionRole>().Where(r => r != PositionRole.None).Select(OrgTexts.RoleName));
        return keys;
    }

    private static Dictionary<string, string> Translations() =>
        XDocument.Load(EnglishResx).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static string RepositoryRoot() =>
        typeof(TranslationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;
}
