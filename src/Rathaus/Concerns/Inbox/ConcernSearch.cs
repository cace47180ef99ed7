using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Rathaus.Concerns.Model;
using Rathaus.Data;

namespace Rathaus.Concerns.Inbox;

/// <summary>
/// Full-text search over a concern's description, location and the texts of its timeline (citizen messages,
/// replies, questions, notes, forwarding reasons), kept current by database triggers, so every way of writing a
/// concern or an entry (EF, ExecuteUpdate, a bulk import) is covered. The first entry (<c>Submitted</c>) repeats the
/// description and is left out.
/// <list type="bullet">
/// <item>PostgreSQL: a <c>tsvector</c> column "SearchDocument" on "Concerns" (<c>german</c> configuration: stemming,
/// stop words) under a GIN index. It sits on the concern's own row so that the planner can combine it with the
/// inbox's other indexes (BitmapAnd with unit and status) instead of probing one document per open concern.</item>
/// <item>SQLite: an FTS5 table "ConcernSearch" (<c>unicode61 remove_diacritics 2</c>, prefix indexes), rowid = concern id.</item>
/// </list>
/// The query text is cleaned and, for FTS5, stemmed by <see cref="FullText"/>. Neither is part of the EF model. All
/// provider-specific SQL is here; the migrations call <see cref="CreateIndex"/> and <see cref="DropIndex"/>. Changing the SQL later needs a new migration calling a new method, as an applied
/// migration never runs again. SQLite drops a table's triggers when EF rebuilds that table in a migration: a
/// migration that rebuilds "Concerns" or "ConcernEntries" must call <see cref="CreateIndex"/> again after it.
/// </summary>
public static partial class ConcernSearch
{
    /// <summary>Creates the search table, its triggers and fills it with the existing concerns.</summary>
    public static void CreateIndex(MigrationBuilder migration)
    {
        FullText.Run(migration, PostgreSqlCreate, SqliteCreate);
    }

    public static void DropIndex(MigrationBuilder migration)
    {
        FullText.Run(migration, PostgreSqlDrop, SqliteDrop);
    }

    /// <summary>
    /// The concerns whose search document matches the words the user typed, as a query that EF composes the inbox's
    /// LINQ onto (views, filters, access checks, sorting and paging stay there). Null when the input has nothing to
    /// search for.
    /// </summary>
    public static IQueryable<Concern>? Matching(RathausDb db, string text)
    {
        if (db.Database.IsNpgsql())
        {
            var clean = FullText.Clean(text);
            // websearch_to_tsquery accepts any input ("quotes", -not, or) without a syntax error.
            return clean.Length == 0 ? null : db.Concerns.FromSql($"""
                SELECT * FROM "Concerns" WHERE "SearchDocument" @@ websearch_to_tsquery('german', {clean})
                """);
        }

        var match = FullText.Fts5Query(text);
        return match is null ? null : db.Concerns.FromSql($"""
            SELECT * FROM "Concerns" WHERE "Id" IN (SELECT rowid FROM "ConcernSearch" WHERE "ConcernSearch" MATCH {match})
            """);
    }

    /// <summary>A typed reference number: "2026-000042" exactly, or just its sequence "000042" / "42".</summary>
    internal static (int? Year, int Sequence)? ReferenceNumber(string text)
    {
        var match = Reference().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        int? year = match.Groups["year"].Success ? int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture) : null;
        return (year, int.Parse(match.Groups["sequence"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(?:(?<year>\d{4})-)?(?<sequence>\d{1,6})$")]
    private static partial Regex Reference();

    // ----- PostgreSQL ----------------------------------------------------------------------------------------------

    private static readonly string[] PostgreSqlCreate =
    [
        """ALTER TABLE "Concerns" ADD COLUMN "SearchDocument" tsvector;""",
        """
        -- The search document of one concern from its text and its entries' texts.
        CREATE FUNCTION concern_search_document(description text, location text, concern_id bigint) RETURNS tsvector
        LANGUAGE sql STABLE AS $$
            SELECT to_tsvector('german', description || ' ' || coalesce(location, ''))
                   || coalesce((SELECT to_tsvector('german', string_agg(x."Text", ' ' ORDER BY x."Id")) FROM "ConcernEntries" x
                                WHERE x."ConcernId" = concern_id AND x."Kind" <> 0 AND x."Text" IS NOT NULL), ''::tsvector)
        $$;
        """,
        """
        -- Rebuilds every document; bulk imports disable the triggers and call this afterwards.
        CREATE FUNCTION concern_search_rebuild() RETURNS void LANGUAGE sql AS $$
            UPDATE "Concerns" SET "SearchDocument" = concern_search_document("Description", "LocationText", "Id");
        $$;
        """,
        """
        CREATE FUNCTION concern_search_on_concern() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW."SearchDocument" := concern_search_document(NEW."Description", NEW."LocationText", NEW."Id");
            RETURN NEW;
        END
        $$;
        """,
        """
        CREATE FUNCTION concern_search_on_entry() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                UPDATE "Concerns" SET "SearchDocument" = concern_search_document("Description", "LocationText", "Id")
                WHERE "Id" = OLD."ConcernId";
            END IF;
            IF TG_OP <> 'DELETE' THEN
                UPDATE "Concerns" SET "SearchDocument" = concern_search_document("Description", "LocationText", "Id")
                WHERE "Id" = NEW."ConcernId";
            END IF;
            RETURN NULL;
        END
        $$;
        """,
        """
        CREATE TRIGGER "Concerns_search" BEFORE INSERT OR UPDATE OF "Description", "LocationText" ON "Concerns"
        FOR EACH ROW EXECUTE FUNCTION concern_search_on_concern();
        """,
        """
        CREATE TRIGGER "ConcernEntries_search_insert" AFTER INSERT ON "ConcernEntries"
        FOR EACH ROW WHEN (NEW."Kind" <> 0 AND NEW."Text" IS NOT NULL) EXECUTE FUNCTION concern_search_on_entry();
        """,
        """
        CREATE TRIGGER "ConcernEntries_search_change" AFTER UPDATE OF "Text", "Kind", "ConcernId" OR DELETE ON "ConcernEntries"
        FOR EACH ROW EXECUTE FUNCTION concern_search_on_entry();
        """,
        // Filled before the index is built: one GIN build is much faster than a million index insertions.
        "SELECT concern_search_rebuild();",
        """CREATE INDEX "IX_Concerns_SearchDocument" ON "Concerns" USING GIN ("SearchDocument");""",
    ];

    private static readonly string[] PostgreSqlDrop =
    [
        """DROP TRIGGER IF EXISTS "ConcernEntries_search_change" ON "ConcernEntries";""",
        """DROP TRIGGER IF EXISTS "ConcernEntries_search_insert" ON "ConcernEntries";""",
        """DROP TRIGGER IF EXISTS "Concerns_search" ON "Concerns";""",
        "DROP FUNCTION IF EXISTS concern_search_on_entry();",
        "DROP FUNCTION IF EXISTS concern_search_on_concern();",
        "DROP FUNCTION IF EXISTS concern_search_rebuild();",
        "DROP FUNCTION IF EXISTS concern_search_document(text, text, bigint);",
        """DROP INDEX IF EXISTS "IX_Concerns_SearchDocument";""",
        """ALTER TABLE "Concerns" DROP COLUMN IF EXISTS "SearchDocument";""",
    ];

    // ----- SQLite --------------------------------------------------------------------------------------------------

    // The document of the concerns selected by a WHERE clause on c, as rowid and text for the FTS5 table.
    private static string SqliteDocuments(string where) => $"""
        SELECT c."Id", c."Description" || ' ' || coalesce(c."LocationText", '') || ' ' || coalesce((
            SELECT group_concat(x."Text", ' ') FROM "ConcernEntries" x
            WHERE x."ConcernId" = c."Id" AND x."Kind" <> 0 AND x."Text" IS NOT NULL), '')
        FROM "Concerns" c WHERE {where}
        """;

    private static string SqliteRefresh(string concernId) => $"""
        DELETE FROM "ConcernSearch" WHERE rowid = {concernId};
        INSERT INTO "ConcernSearch" (rowid, "Document") {SqliteDocuments($"c.\"Id\" = {concernId}")};
        """;

    private static readonly string[] SqliteCreate =
    [
        // rowid is the concern's id. Prefix indexes of 2 and 3 characters make short prefix queries cheap.
        """
        CREATE VIRTUAL TABLE "ConcernSearch" USING fts5("Document", tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
        """,
        $"""
        CREATE TRIGGER "Concerns_search_insert" AFTER INSERT ON "Concerns" BEGIN
            INSERT INTO "ConcernSearch" (rowid, "Document") {SqliteDocuments("c.\"Id\" = NEW.\"Id\"")};
        END;
        """,
        $"""
        CREATE TRIGGER "Concerns_search_update" AFTER UPDATE OF "Description", "LocationText" ON "Concerns" BEGIN
            {SqliteRefresh("NEW.\"Id\"")}
        END;
        """,
        """
        CREATE TRIGGER "Concerns_search_delete" AFTER DELETE ON "Concerns" BEGIN
            DELETE FROM "ConcernSearch" WHERE rowid = OLD."Id";
        END;
        """,
        $"""
        CREATE TRIGGER "ConcernEntries_search_insert" AFTER INSERT ON "ConcernEntries"
        WHEN NEW."Kind" <> 0 AND NEW."Text" IS NOT NULL BEGIN
            {SqliteRefresh("NEW.\"ConcernId\"")}
        END;
        """,
        $"""
        CREATE TRIGGER "ConcernEntries_search_update" AFTER UPDATE OF "Text", "Kind", "ConcernId" ON "ConcernEntries" BEGIN
            {SqliteRefresh("OLD.\"ConcernId\"")}
            {SqliteRefresh("NEW.\"ConcernId\"")}
        END;
        """,
        $"""
        CREATE TRIGGER "ConcernEntries_search_delete" AFTER DELETE ON "ConcernEntries" BEGIN
            {SqliteRefresh("OLD.\"ConcernId\"")}
        END;
        """,
        $"""INSERT INTO "ConcernSearch" (rowid, "Document") {SqliteDocuments("1 = 1")};""",
    ];

    private static readonly string[] SqliteDrop =
    [
        """DROP TRIGGER IF EXISTS "ConcernEntries_search_delete";""",
        """DROP TRIGGER IF EXISTS "ConcernEntries_search_update";""",
        """DROP TRIGGER IF EXISTS "ConcernEntries_search_insert";""",
        """DROP TRIGGER IF EXISTS "Concerns_search_delete";""",
        """DROP TRIGGER IF EXISTS "Concerns_search_update";""",
        """DROP TRIGGER IF EXISTS "Concerns_search_insert";""",
        """DROP TABLE IF EXISTS "ConcernSearch";""",
    ];
}
