-- bench/open311: one million public defect reports (with their first timeline entry) and one app key.
-- Reference numbers use the year 2025, so the app's own counter for the current year stays free for the POSTs.
\set ON_ERROR_STOP on
INSERT INTO "Concerns" ("ReferenceNumber", "Year", "Sequence", "TrackingTokenHash", "TrackingTokenProtected", "Kind",
    "CategoryId", "Description", "LocationText", "District", "Channel", "Status", "Language", "OrgUnitId", "ReceivedAt",
    "ClosedAt", "Version", "Latitude", "Longitude")
SELECT '2025-' || lpad(i::text, 7, '0'), 2025, i, sha256(convert_to('bench' || i, 'UTF8')), 'bench', 3,
    c.ids[1 + i % array_length(c.ids, 1)], 'Benchmark-Meldung Nr. ' || i, 'Am Sande ' || (i % 50), 'Altstadt', 6,
    CASE WHEN i % 3 = 0 THEN 3 ELSE i % 2 END, 'de', u.id, now() - make_interval(mins => i % (80 * 24 * 60)),
    CASE WHEN i % 3 = 0 THEN now() - make_interval(mins => i % (80 * 24 * 60)) + interval '1 day' END, 0,
    53.24 + (i % 1000) / 100000.0, 10.40 + (i % 1000) / 100000.0
FROM generate_series(1, :count) AS i,
     (SELECT array_agg("Id" ORDER BY "Id") AS ids FROM "Categories" c WHERE NOT EXISTS (SELECT 1 FROM "Categories" ch WHERE ch."ParentId" = c."Id")) c,
     (SELECT min("Id") AS id FROM "OrgUnits") u;

INSERT INTO "ConcernEntries" ("ConcernId", "At", "Kind", "IsPublic", "Text")
SELECT "Id", "ReceivedAt", 0, true, "Description" FROM "Concerns" WHERE "Year" = 2025;

INSERT INTO "ApiClients" ("Name", "KeyHash", "KeyPrefix", "RequestsPerMinute", "IssuedAt")
VALUES ('Benchmark', sha256(convert_to('r311_benchmark', 'UTF8')), 'r311_bench…', 100000000, now());

ANALYZE;
