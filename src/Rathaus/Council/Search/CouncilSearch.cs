using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Rathaus.Council.Model;
using Rathaus.Data;

namespace Rathaus.Council.Search;

/// <summary>
/// The full-text index of the council information: papers (reference, title, text of their files), agenda items
/// (number, title, result, resolution text, text of their files) and meetings (name, text of their own files:
/// invitation, minutes). A file's text belongs to the object it is attached to, so a non-public agenda item's files
/// are found only through that item, which the search never returns. Kept current by database triggers on the three
/// tables and on "CouncilFiles", so every way of writing (office forms, import, bulk SQL) is covered.
/// <list type="bullet">
/// <item>PostgreSQL: a <c>tsvector</c> column "SearchDocument" (<c>german</c> configuration) on each of the three
/// tables under a GIN index, on the object's own row as in <c>ConcernSearch</c>, so filters and the date order
/// combine with it.</item>
/// <item>SQLite: one FTS5 table per kind ("CouncilPaperSearch", …; <c>unicode61 remove_diacritics 2</c>), rowid =
/// the object's id; the query is stemmed by <see cref="FullText.Fts5Query"/>.</item>
/// </list>
/// Neither is part of the EF model. The migration "CouncilSearch" calls <see cref="CreateIndex"/>. SQLite drops a
/// table's triggers when EF rebuilds that table: a migration that rebuilds one of the four tables must call
/// <see cref="CreateIndex"/> again after <see cref="DropIndex"/>.
/// </summary>
public static class CouncilSearch
{
    /// <summary>One searchable kind: its table, the SQL of its own text over the alias x, and its files' key.</summary>
    private sealed record Kind(string Name, string Table, string SearchTable, string OwnText, string[] OwnColumns, string FileKey);

    private static readonly Kind PaperKind = new("paper", "CouncilPapers", "CouncilPaperSearch",
        """x."Reference" || ' ' || x."Name" """, ["Reference", "Name"], "PaperId");

    private static readonly Kind AgendaItemKind = new("agenda_item", "CouncilAgendaItems", "CouncilAgendaItemSearch",
        """x."Number" || ' ' || x."Name" || ' ' || coalesce(x."Result", '') || ' ' || coalesce(x."ResolutionText", '') """,
        ["Number", "Name", "Result", "ResolutionText"], "AgendaItemId");

    private static readonly Kind MeetingKind = new("meeting", "CouncilMeetings", "CouncilMeetingSearch", """x."Name" """, ["Name"], "MeetingId");

    private static readonly Kind[] Kinds = [PaperKind, AgendaItemKind, MeetingKind];

    /// <summary>A tsvector holds at most 1 MB; the start of a very long document is enough to find it.</summary>
    private const int MaxDocument = 400_000;

    public static void CreateIndex(MigrationBuilder migration) => FullText.Run(migration, PostgreSqlCreate(), SqliteCreate());

    public static void DropIndex(MigrationBuilder migration) => FullText.Run(migration, PostgreSqlDrop(), SqliteDrop());

    // The table names are written out: FromSql takes only the search text as a parameter.

    /// <summary>The papers matching what was typed (EF composes filters, order and paging onto it); null: nothing to search.</summary>
    public static IQueryable<Paper>? Papers(RathausDb db, string text) => Matching(db, text,
        q => db.Papers.FromSql($"""SELECT * FROM "CouncilPapers" WHERE "SearchDocument" @@ websearch_to_tsquery('german', {q})"""),
        m => db.Papers.FromSql($"""SELECT * FROM "CouncilPapers" WHERE "Id" IN (SELECT rowid FROM "CouncilPaperSearch" WHERE "CouncilPaperSearch" MATCH {m})"""));

    /// <summary>The agenda items matching, public or not: the caller keeps only public ones.</summary>
    public static IQueryable<AgendaItem>? AgendaItems(RathausDb db, string text) => Matching(db, text,
        q => db.AgendaItems.FromSql($"""SELECT * FROM "CouncilAgendaItems" WHERE "SearchDocument" @@ websearch_to_tsquery('german', {q})"""),
        m => db.AgendaItems.FromSql($"""SELECT * FROM "CouncilAgendaItems" WHERE "Id" IN (SELECT rowid FROM "CouncilAgendaItemSearch" WHERE "CouncilAgendaItemSearch" MATCH {m})"""));

    public static IQueryable<Meeting>? Meetings(RathausDb db, string text) => Matching(db, text,
        q => db.CouncilMeetings.FromSql($"""SELECT * FROM "CouncilMeetings" WHERE "SearchDocument" @@ websearch_to_tsquery('german', {q})"""),
        m => db.CouncilMeetings.FromSql($"""SELECT * FROM "CouncilMeetings" WHERE "Id" IN (SELECT rowid FROM "CouncilMeetingSearch" WHERE "CouncilMeetingSearch" MATCH {m})"""));

    private static IQueryable<T>? Matching<T>(RathausDb db, string text, Func<string, IQueryable<T>> postgreSql, Func<string, IQueryable<T>> sqlite)
    {
        if (db.Database.IsNpgsql())
        {
            // websearch_to_tsquery accepts any input ("quotes", -not, or) without a syntax error.
            var clean = FullText.Clean(text);
            return clean.Length == 0 ? null : postgreSql(clean);
        }

        var match = FullText.Fts5Query(text);
        return match is null ? null : sqlite(match);
    }

    // The text of the files of the object x.
    private static string FilesText(Kind kind, string concat) => $"""
        coalesce((SELECT {concat} FROM "CouncilFiles" f WHERE f."{kind.FileKey}" = x."Id" AND NOT f."Deleted"), '')
        """;

    // ----- PostgreSQL ----------------------------------------------------------------------------------------------

    private static IEnumerable<string> PostgreSqlCreate()
    {
        foreach (var kind in Kinds)
        {
            yield return $"""ALTER TABLE "{kind.Table}" ADD COLUMN "SearchDocument" tsvector;""";
            yield return $"""
                -- The search document of one {kind.Name}: its own text and its files' names and texts.
                CREATE FUNCTION council_{kind.Name}_document(x "{kind.Table}") RETURNS tsvector LANGUAGE sql STABLE AS $$
                    SELECT to_tsvector('german', left({kind.OwnText} || ' ' || {FilesText(kind, """string_agg(f."Name" || ' ' || coalesce(f."Text", ''), ' ' ORDER BY f."Id")""")}, {MaxDocument}))
                $$;
                """;
            yield return $"""
                CREATE FUNCTION council_{kind.Name}_search() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW."SearchDocument" := council_{kind.Name}_document(NEW);
                    RETURN NEW;
                END
                $$;
                """;
            yield return $"""
                CREATE TRIGGER "{kind.Table}_search" BEFORE INSERT OR UPDATE OF {string.Join(", ", kind.OwnColumns.Select(c => $"\"{c}\""))} ON "{kind.Table}"
                FOR EACH ROW EXECUTE FUNCTION council_{kind.Name}_search();
                """;
        }

        yield return $"""
            -- A file's owner gets a new document when the file comes, changes, moves or goes.
            CREATE FUNCTION council_search_refresh(paper_id int, agenda_item_id int, meeting_id int) RETURNS void LANGUAGE sql AS $$
                {string.Concat(Kinds.Select(k => $"""UPDATE "{k.Table}" x SET "SearchDocument" = council_{k.Name}_document(x) WHERE x."Id" = {k.Name}_id;""" + "\n"))}
            $$;
            """;
        yield return """
            CREATE FUNCTION council_search_on_file() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP <> 'INSERT' THEN
                    PERFORM council_search_refresh(OLD."PaperId", OLD."AgendaItemId", OLD."MeetingId");
                END IF;
                IF TG_OP <> 'DELETE' THEN
                    PERFORM council_search_refresh(NEW."PaperId", NEW."AgendaItemId", NEW."MeetingId");
                END IF;
                RETURN NULL;
            END
            $$;
            """;
        yield return """
            CREATE TRIGGER "CouncilFiles_search" AFTER INSERT OR DELETE OR UPDATE OF "Name", "Text", "Deleted", "PaperId", "AgendaItemId", "MeetingId"
            ON "CouncilFiles" FOR EACH ROW EXECUTE FUNCTION council_search_on_file();
            """;
        yield return $"""
            -- Rebuilds every document; bulk imports may disable the triggers and call this afterwards.
            CREATE FUNCTION council_search_rebuild() RETURNS void LANGUAGE sql AS $$
                {string.Concat(Kinds.Select(k => $"""UPDATE "{k.Table}" x SET "SearchDocument" = council_{k.Name}_document(x);""" + "\n"))}
            $$;
            """;

        // Filled before the indexes are built: one GIN build is much faster than many index insertions.
        yield return "SELECT council_search_rebuild();";
        foreach (var kind in Kinds)
        {
            yield return $"""CREATE INDEX "IX_{kind.Table}_SearchDocument" ON "{kind.Table}" USING GIN ("SearchDocument");""";
        }
    }

    private static IEnumerable<string> PostgreSqlDrop()
    {
        yield return """DROP TRIGGER IF EXISTS "CouncilFiles_search" ON "CouncilFiles";""";
        yield return "DROP FUNCTION IF EXISTS council_search_on_file();";
        yield return "DROP FUNCTION IF EXISTS council_search_refresh(int, int, int);";
        yield return "DROP FUNCTION IF EXISTS council_search_rebuild();";
        foreach (var kind in Kinds)
        {
            yield return $"""DROP TRIGGER IF EXISTS "{kind.Table}_search" ON "{kind.Table}";""";
            yield return $"DROP FUNCTION IF EXISTS council_{kind.Name}_search();";
            yield return $"""DROP FUNCTION IF EXISTS council_{kind.Name}_document("{kind.Table}");""";
            yield return $"""ALTER TABLE "{kind.Table}" DROP COLUMN IF EXISTS "SearchDocument";""";
        }
    }

    // ----- SQLite --------------------------------------------------------------------------------------------------

    // rowid and document of the objects of a kind selected by a condition on x, for its FTS5 table.
    private static string SqliteDocuments(Kind kind, string where) => $"""
        SELECT x."Id", {kind.OwnText} || ' ' || {FilesText(kind, """group_concat(f."Name" || ' ' || coalesce(f."Text", ''), ' ')""")}
        FROM "{kind.Table}" x WHERE {where}
        """;

    private static string SqliteRefresh(Kind kind, string id) => $"""
        DELETE FROM "{kind.SearchTable}" WHERE rowid = {id};
        INSERT INTO "{kind.SearchTable}" (rowid, "Document") {SqliteDocuments(kind, $"x.\"Id\" = {id}")};
        """;

    private static IEnumerable<string> SqliteCreate()
    {
        foreach (var kind in Kinds)
        {
            yield return $"""
                CREATE VIRTUAL TABLE "{kind.SearchTable}" USING fts5("Document", tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
                """;
            yield return $"""
                CREATE TRIGGER "{kind.Table}_search_insert" AFTER INSERT ON "{kind.Table}" BEGIN
                    INSERT INTO "{kind.SearchTable}" (rowid, "Document") {SqliteDocuments(kind, "x.\"Id\" = NEW.\"Id\"")};
                END;
                """;
            yield return $"""
                CREATE TRIGGER "{kind.Table}_search_update" AFTER UPDATE OF {string.Join(", ", kind.OwnColumns.Select(c => $"\"{c}\""))} ON "{kind.Table}" BEGIN
                    {SqliteRefresh(kind, "NEW.\"Id\"")}
                END;
                """;
            yield return $"""
                CREATE TRIGGER "{kind.Table}_search_delete" AFTER DELETE ON "{kind.Table}" BEGIN
                    DELETE FROM "{kind.SearchTable}" WHERE rowid = OLD."Id";
                END;
                """;
            yield return $"""INSERT INTO "{kind.SearchTable}" (rowid, "Document") {SqliteDocuments(kind, "1 = 1")};""";
        }

        string Owners(string row) => string.Concat(Kinds.Select(k => SqliteRefresh(k, $"{row}.\"{k.FileKey}\"")));
        yield return $"""
            CREATE TRIGGER "CouncilFiles_search_insert" AFTER INSERT ON "CouncilFiles" BEGIN
                {Owners("NEW")}
            END;
            """;
        yield return $"""
            CREATE TRIGGER "CouncilFiles_search_update" AFTER UPDATE OF "Name", "Text", "Deleted", "PaperId", "AgendaItemId", "MeetingId" ON "CouncilFiles" BEGIN
                {Owners("OLD")}
                {Owners("NEW")}
            END;
            """;
        yield return $"""
            CREATE TRIGGER "CouncilFiles_search_delete" AFTER DELETE ON "CouncilFiles" BEGIN
                {Owners("OLD")}
            END;
            """;
    }

    private static IEnumerable<string> SqliteDrop()
    {
        foreach (var suffix in new[] { "insert", "update", "delete" })
        {
            yield return $"""DROP TRIGGER IF EXISTS "CouncilFiles_search_{suffix}";""";
            foreach (var kind in Kinds)
            {
                yield return $"""DROP TRIGGER IF EXISTS "{kind.Table}_search_{suffix}";""";
            }
        }

        foreach (var kind in Kinds)
        {
            yield return $"""DROP TABLE IF EXISTS "{kind.SearchTable}";""";
        }
    }
}
