using Microsoft.EntityFrameworkCore;
using Rathaus.Data;

namespace Rathaus.Concerns.Intake;

/// <summary>
/// Vorgangsnummern: sequential and gap-free per year, safe across nodes. The counter row is incremented in the
/// concern's own transaction: PostgreSQL locks the row until commit, SQLite the whole database; a rolled-back
/// submission rolls its number back too.
/// </summary>
internal static class ReferenceNumbers
{
    public static async Task<(int Sequence, string ReferenceNumber)> NextAsync(RathausDb db, int year, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A reference number must be drawn inside the transaction that stores the concern.");
        }

        // INSERT … ON CONFLICT … RETURNING is understood by PostgreSQL and SQLite (3.35+) alike.
        var sequence = await db.Database
            .SqlQuery<int>($"""
                INSERT INTO "ReferenceCounters" ("Year", "Last") VALUES ({year}, 1)
                ON CONFLICT ("Year") DO UPDATE SET "Last" = "ReferenceCounters"."Last" + 1
                RETURNING "Last" AS "Value"
                """)
            .ToListAsync(ct);
        return (sequence[0], Format(year, sequence[0]));
    }

    public static string Format(int year, int sequence) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{year}-{sequence:D6}");
}
