-- Fills a migrated Rathaus database (demo council loaded) with a large council for the benchmark:
--
--   psql -v papers=100000 -v meetings=10000 -f bench/council/generate.sql
--
-- :meetings meetings from 2000 until now (one organization each, the demo's committees, Rat, VA and Ortsrat in turn),
-- :papers papers over the same years (ten per meeting, each with a public agenda item, a consultation and a main
-- file whose extracted text is a few sentences), and per meeting one non-public agenda item with a confidential file.
-- Set-based (generate_series), triggers off during the load; the search documents are rebuilt at the end by the
-- function the migration installed (council_search_rebuild, see src/Rathaus/Council/Search/CouncilSearch.cs), and
-- the GIN indexes are built after it, as after any bulk import.
\set ON_ERROR_STOP on
\timing on

SELECT setseed(0.2026);

CREATE TEMP TABLE vocab AS SELECT
  ARRAY['Bebauungsplan', 'Sanierung der Brücke', 'Radweg', 'Straßenbeleuchtung', 'Klimaschutzkonzept', 'Baumpflanzungen',
        'Lärmaktionsplan', 'Fahrradbügel', 'Blühwiesen', 'Haushaltsplan', 'Winterdienst', 'Jahresabschluss', 'Grundsteuer',
        'Sporthalle', 'Schulentwicklungsplan', 'Ganztagsangebot', 'Kunstrasenplatz', 'Seniorenbericht', 'Unterbringung von Geflüchteten',
        'Quartiersmanagement', 'Barrierefreie Bushaltestellen', 'Parkraumkonzept', 'Friedhofssatzung', 'Feuerwehrbedarfsplan',
        'Kindertagesstätte', 'Breitbandausbau', 'Wochenmarkt', 'Stadtbücherei', 'Hallenbad', 'Städtepartnerschaft'] AS topics,
  ARRAY['Östliche Altstadt', 'Westliche Altstadt', 'Ebensberg', 'Goseburg-Zeltberg', 'Kreideberg', 'Lüne-Moorfeld',
        'Ochtmissen', 'Bockelsberg', 'Häcklingen', 'Hagen', 'Kaltenmoor', 'Klosterkamp', 'Oedeme', 'Rettmer',
        'Rotes Feld', 'Wilschenbruch', 'Mittelfeld', 'Neu Hagen', 'Weststadt'] AS districts,
  ARRAY['Bardowicker Straße', 'Am Sande', 'Lünertorstraße', 'Uelzener Straße', 'Dahlenburger Landstraße', 'Stadtkoppel',
        'Willy-Brandt-Straße', 'Soltauer Straße', 'Hamburger Straße', 'Wilschenbrucher Weg', 'Am Schifferwall',
        'Goseburgstraße', 'Häcklinger Weg', 'Oedemer Weg'] AS streets,
  ARRAY['Die Verwaltung empfiehlt, dem Vorschlag zu folgen.', 'Die Mittel stehen im Haushalt bereit.',
        'Eine Bürgerbeteiligung hat im Frühjahr stattgefunden.', 'Der Ortsrat wurde angehört.',
        'Die Maßnahme ist förderfähig nach der Richtlinie des Landes.', 'Die Kosten verteilen sich auf drei Jahre.',
        'Ein Gutachten liegt als Anlage bei.', 'Die Fraktionen wurden vorab informiert.'] AS sentences,
  -- Compound nouns: a long tail of rarer search words (about one paper in 216 each).
  ARRAY['Wasser', 'Strom', 'Kanal', 'Garten', 'Schul', 'Kirch', 'Markt', 'Hafen', 'Bahn', 'Post', 'Sport', 'Wald',
        'Feld', 'Moor', 'Heide', 'Salz', 'Kloster', 'Mühlen'] AS heads,
  ARRAY['leitung', 'platz', 'weg', 'tor', 'graben', 'brücke', 'haus', 'hof', 'ufer', 'wiese', 'kante', 'mauer'] AS tails;

CREATE TEMP TABLE orgs AS
SELECT array_agg("Id" ORDER BY "Id") AS ids FROM "CouncilOrganizations" WHERE "Kind" IN (0, 1, 2, 3);
CREATE TEMP TABLE factions AS
SELECT array_agg("Id" ORDER BY "Id") AS ids FROM "CouncilOrganizations" WHERE "Kind" IN (4, 5);

ALTER TABLE "CouncilPapers" DISABLE TRIGGER USER;
ALTER TABLE "CouncilMeetings" DISABLE TRIGGER USER;
ALTER TABLE "CouncilAgendaItems" DISABLE TRIGGER USER;
ALTER TABLE "CouncilFiles" DISABLE TRIGGER USER;
DROP INDEX "IX_CouncilPapers_SearchDocument";
DROP INDEX "IX_CouncilMeetings_SearchDocument";
DROP INDEX "IX_CouncilAgendaItems_SearchDocument";

-- ----- meetings --------------------------------------------------------------------------------------------------
CREATE TEMP TABLE gen_meetings AS
SELECT 1000000 + i AS id, i,
       (timestamp '2000-01-03 16:00' + (i * (now()::date - date '2000-01-10')::numeric / :meetings) * interval '1 day') AT TIME ZONE 'Europe/Berlin' AS start,
       o.ids[1 + i % array_length(o.ids, 1)] AS organization_id
FROM generate_series(1, :meetings) i CROSS JOIN orgs o;

INSERT INTO "CouncilMeetings" ("Id", "Name", "Start", "End", "LocationId", "State", "Cancelled", "Sequence", "Created", "Modified", "Deleted")
OVERRIDING SYSTEM VALUE
SELECT m.id, 'Sitzung des ' || o."Name" || ' am ' || to_char(m.start AT TIME ZONE 'Europe/Berlin', 'DD.MM.YYYY'), m.start, m.start + interval '150 minutes',
       o."LocationId", CASE WHEN m.start < now() THEN 2 ELSE 1 END, false, 0, m.start - interval '30 days', m.start - interval '30 days', false
FROM gen_meetings m JOIN "CouncilOrganizations" o ON o."Id" = m.organization_id;

INSERT INTO "CouncilMeetingOrganizations" ("MeetingsId", "OrganizationsId") SELECT id, organization_id FROM gen_meetings;

-- ----- papers ----------------------------------------------------------------------------------------------------
-- random() in the select list is drawn per row (a subquery without reference to the row would be drawn once).
CREATE TEMP TABLE gen_papers AS
SELECT 1000000 + j AS id, j,
       date '2000-01-01' + (j * (now()::date - date '2000-01-10') / :papers)::int AS date,
       (random() * 100)::int AS roll,
       v.topics[1 + (random() * 1000)::int % array_length(v.topics, 1)] AS topic,
       v.districts[1 + (random() * 1000)::int % array_length(v.districts, 1)] AS district,
       v.streets[1 + (random() * 1000)::int % array_length(v.streets, 1)] AS street,
       v.heads[1 + (random() * 1000)::int % array_length(v.heads, 1)] || v.tails[1 + (random() * 1000)::int % array_length(v.tails, 1)] AS compound,
       v.sentences[1 + (random() * 1000)::int % array_length(v.sentences, 1)] || ' ' || v.sentences[1 + (random() * 1000)::int % array_length(v.sentences, 1)] AS extra,
       LEAST(:meetings, j / (:papers / :meetings) + 1) AS meeting_i
FROM generate_series(1, :papers) j CROSS JOIN vocab v;

INSERT INTO "CouncilPapers" ("Id", "BodyId", "Reference", "Name", "Type", "Date", "OriginatorUnitId", "OriginatorOrganizationId", "Created", "Modified", "Deleted")
OVERRIDING SYSTEM VALUE
SELECT p.id, (SELECT min("Id") FROM "CouncilBodies"), 'B' || extract(year FROM p.date) || '/' || lpad(p.j::text, 6, '0'),
       CASE WHEN p.roll < 60 THEN p.topic || ' ' || p.street
            WHEN p.roll < 75 THEN 'Sachstandsbericht: ' || p.topic || ' in ' || p.district
            WHEN p.roll < 90 THEN 'Antrag: ' || p.topic || ' in ' || p.district
            ELSE 'Anfrage: ' || p.topic || ' an der ' || p.street END,
       CASE WHEN p.roll < 60 THEN 0 WHEN p.roll < 75 THEN 1 WHEN p.roll < 90 THEN 2 ELSE 3 END, p.date,
       CASE WHEN p.roll < 75 THEN (SELECT min("Id") FROM "OrgUnits") END,
       CASE WHEN p.roll >= 75 THEN (SELECT ids[1 + p.j % array_length(ids, 1)] FROM factions) END,
       p.date::timestamp AT TIME ZONE 'Europe/Berlin', p.date::timestamp AT TIME ZONE 'Europe/Berlin', false
FROM gen_papers p;

-- One public agenda item per paper in the meeting after it, and one non-public item per meeting.
INSERT INTO "CouncilAgendaItems" ("Id", "MeetingId", "Number", "Order", "Public", "Name", "Result", "ResolutionText", "Created", "Modified", "Deleted")
OVERRIDING SYSTEM VALUE
SELECT p.id, 1000000 + p.meeting_i, 'Ö ' || (p.j % 10 + 2), p.j % 10 + 2, true, pp."Name",
       CASE WHEN m.start < now() THEN 'ungeändert beschlossen' END,
       CASE WHEN m.start < now() THEN 'Der Ausschuss beschließt: ' || pp."Name" || ' wird umgesetzt.' END,
       m.start - interval '20 days', m.start - interval '20 days', false
FROM gen_papers p JOIN "CouncilPapers" pp ON pp."Id" = p.id JOIN gen_meetings m ON m.i = p.meeting_i;

INSERT INTO "CouncilAgendaItems" ("Id", "MeetingId", "Number", "Order", "Public", "Name", "Result", "ResolutionText", "Created", "Modified", "Deleted")
OVERRIDING SYSTEM VALUE
SELECT 2000000 + m.i, m.id, 'N 1', 20, false, 'Grundstücksangelegenheit: Verkauf einer Teilfläche, Flurstück ' || m.i || '/3', NULL, 'Vertraulicher Beschluss.',
       m.start - interval '20 days', m.start - interval '20 days', false
FROM gen_meetings m;

INSERT INTO "CouncilConsultations" ("PaperId", "MeetingId", "AgendaItemId", "OrganizationId", "Role", "Authoritative", "Order", "Result", "Created", "Modified", "Deleted")
SELECT p.id, 1000000 + p.meeting_i, p.id, m.organization_id, 'Vorberatung', false, 1, a."Result", a."Created", a."Created", false
FROM gen_papers p JOIN gen_meetings m ON m.i = p.meeting_i JOIN "CouncilAgendaItems" a ON a."Id" = p.id;

-- ----- files (the bytes are a stub; the extracted text is what the search reads) ----------------------------------
INSERT INTO "CouncilFiles" ("Name", "FileName", "MimeType", "Size", "Sha256", "Sha512", "Content", "Text", "Date", "Role", "PaperId", "MeetingId", "AgendaItemId", "Created", "Modified", "Deleted")
SELECT 'Drucksache ' || pp."Reference", 'drucksache-' || p.j || '.pdf', 'application/pdf', 9, md5(p.j::text) || md5(p.j::text), md5(p.j::text) || md5(p.j::text) || md5(p.j::text) || md5(p.j::text),
       '\x255044462d312e340a'::bytea,
       'Drucksache ' || pp."Reference" || E'\n' || pp."Name" || E'\nSachverhalt: ' || p.topic || ' im Stadtteil ' || p.district || ', ' || p.street || '. '
         || 'Betroffen ist auch der ' || p.compound || '. ' || p.extra,
       p.date, 1, p.id, NULL, NULL, pp."Created", pp."Created", false
FROM gen_papers p JOIN "CouncilPapers" pp ON pp."Id" = p.id;

INSERT INTO "CouncilFiles" ("Name", "FileName", "MimeType", "Size", "Sha256", "Sha512", "Content", "Text", "Date", "Role", "PaperId", "MeetingId", "AgendaItemId", "Created", "Modified", "Deleted")
SELECT 'Vertrauliche Anlage', 'vertraulich-' || m.i || '.pdf', 'application/pdf', 9, md5(m.i::text) || md5(m.i::text), md5(m.i::text) || md5(m.i::text) || md5(m.i::text) || md5(m.i::text),
       '\x255044462d312e340a'::bytea, 'Vertraulich – Kaufpreis Flurstück ' || m.i || '/3', (m.start AT TIME ZONE 'Europe/Berlin')::date, 0, NULL, NULL, 2000000 + m.i,
       m.start - interval '20 days', m.start - interval '20 days', false
FROM gen_meetings m;

SELECT setval(pg_get_serial_sequence('"CouncilMeetings"', 'Id'), (SELECT max("Id") FROM "CouncilMeetings"));
SELECT setval(pg_get_serial_sequence('"CouncilPapers"', 'Id'), (SELECT max("Id") FROM "CouncilPapers"));
SELECT setval(pg_get_serial_sequence('"CouncilAgendaItems"', 'Id'), (SELECT max("Id") FROM "CouncilAgendaItems"));

ALTER TABLE "CouncilPapers" ENABLE TRIGGER USER;
ALTER TABLE "CouncilMeetings" ENABLE TRIGGER USER;
ALTER TABLE "CouncilAgendaItems" ENABLE TRIGGER USER;
ALTER TABLE "CouncilFiles" ENABLE TRIGGER USER;

SELECT council_search_rebuild();
CREATE INDEX "IX_CouncilPapers_SearchDocument" ON "CouncilPapers" USING GIN ("SearchDocument");
CREATE INDEX "IX_CouncilMeetings_SearchDocument" ON "CouncilMeetings" USING GIN ("SearchDocument");
CREATE INDEX "IX_CouncilAgendaItems_SearchDocument" ON "CouncilAgendaItems" USING GIN ("SearchDocument");

VACUUM ANALYZE;
SELECT (SELECT count(*) FROM "CouncilPapers") AS papers, (SELECT count(*) FROM "CouncilMeetings") AS meetings,
       (SELECT count(*) FROM "CouncilAgendaItems") AS agenda_items, (SELECT count(*) FROM "CouncilFiles") AS files;
