using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Rathaus.Data;

/// <summary>
/// What every full-text search of the application shares: cleaning what a user typed, the FTS5 query with a light
/// German stemmer for SQLite (PostgreSQL's <c>german</c> configuration stems by itself), highlighting hits in a text,
/// and running a search's provider-specific SQL in a migration. The searches themselves (which tables, which
/// triggers) live in their modules: <c>Concerns/Inbox/ConcernSearch.cs</c>, <c>Council/Search/CouncilSearch.cs</c>.
/// </summary>
public static partial class FullText
{
    public const string Npgsql = "Npgsql.EntityFrameworkCore.PostgreSQL";
    public const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>Longer input is cut: nobody types more, and it bounds the work a single query can cause.</summary>
    public const int MaxQueryLength = 200;

    /// <summary>Runs the statements for the migration's provider (raw SQL: search tables, columns and triggers).</summary>
    public static void Run(MigrationBuilder migration, IEnumerable<string> postgreSql, IEnumerable<string> sqlite)
    {
        foreach (var sql in migration.ActiveProvider switch
        {
            Npgsql => postgreSql,
            Sqlite => sqlite,
            var other => throw new NotSupportedException($"No full-text search for provider {other}."),
        })
        {
            migration.Sql(sql);
        }
    }

    /// <summary>Trimmed, cut to a sane length, without control characters (PostgreSQL text cannot hold NUL).</summary>
    public static string Clean(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxQueryLength));
        foreach (var c in text.Length > MaxQueryLength ? text[..MaxQueryLength] : text)
        {
            builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? ' ' : c);
        }

        return builder.ToString().Trim().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// The FTS5 query for what a user typed: every word must occur, each as a quoted prefix, so FTS5 operators
    /// (OR, NOT, NEAR, *, ^, :, parentheses, quotes) in the input are plain words or dropped, never syntax.
    /// FTS5 has no German stemmer, so common inflection endings are cut before the prefix search:
    /// "Schlaglöcher" searches schlagloch* (umlauts fold to their base letter in the index and the query).
    /// </summary>
    public static string? Fts5Query(string text)
    {
        var terms = Stems(text).Select(s => '"' + s + "\"*").ToList();
        return terms.Count == 0 ? null : string.Join(' ', terms);
    }

    /// <summary>The distinct stems of the words typed, lower case, as <see cref="Fts5Query"/> searches them.</summary>
    public static IReadOnlyList<string> Stems(string text) =>
        Words().Matches(Clean(text)).Select(m => Stem(m.Value.ToLowerInvariant())).Distinct().ToList();

    private static readonly string[] InflectionEndings = ["ern", "en", "er", "es", "e", "n", "s"];

    private static string Stem(string word)
    {
        if (word.Length < 5 || word.Any(char.IsDigit))
        {
            return word;
        }

        var ending = InflectionEndings.FirstOrDefault(e => word.EndsWith(e, StringComparison.Ordinal) && word.Length - e.Length >= 4);
        return ending is null ? word : word[..^ending.Length];
    }

    /// <summary>
    /// A piece of <paramref name="text"/> around the first hit, at most about <paramref name="length"/> characters,
    /// as HTML: the text is encoded first and only then are the hits wrapped in <c>&lt;mark&gt;</c>, so nothing of the
    /// text can become markup. A word is a hit when, lower case and without diacritics, it starts with one of the
    /// <paramref name="stems"/> (the rule of the SQLite search; PostgreSQL's stemmer may find a few forms this
    /// misses, which then stay unmarked). Without a hit: the start of the text.
    /// </summary>
    public static string Highlight(string? text, IReadOnlyList<string> stems, int length = 240)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        text = Whitespace().Replace(text, " ").Trim();
        var folded = stems.Select(Fold).Where(s => s.Length > 0).ToList();
        var hits = Words().Matches(text).Where(m => folded.Any(s => Fold(m.Value.ToLowerInvariant()).StartsWith(s, StringComparison.Ordinal))).ToList();
        var start = 0;
        if (hits.Count > 0 && hits[0].Index > length / 3)
        {
            start = text.LastIndexOf(' ', hits[0].Index - length / 3) + 1;
        }

        var end = Math.Min(text.Length, start + length);
        if (end < text.Length && text.LastIndexOf(' ', end) is var space and > 0 && space > start)
        {
            end = space;
        }

        var html = new StringBuilder();
        if (start > 0)
        {
            html.Append("… ");
        }

        var at = start;
        foreach (var hit in hits.Where(h => h.Index >= start && h.Index + h.Length <= end))
        {
            html.Append(Encode(text[at..hit.Index])).Append("<mark>").Append(Encode(hit.Value)).Append("</mark>");
            at = hit.Index + hit.Length;
        }

        html.Append(Encode(text[at..end]));
        if (end < text.Length)
        {
            html.Append(" …");
        }

        return html.ToString();
    }

    // The five characters that matter in HTML text and attributes; umlauts stay readable in the page source.
    private static string Encode(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);

    /// <summary>Lower case without diacritics, as FTS5's <c>remove_diacritics 2</c> compares.</summary>
    private static string Fold(string word)
    {
        var builder = new StringBuilder(word.Length);
        foreach (var c in word.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    // Letters and digits, as FTS5's unicode61 tokenizer splits them (combining marks stay with their letter).
    [GeneratedRegex(@"[\p{L}\p{N}\p{M}]+")]
    private static partial Regex Words();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
