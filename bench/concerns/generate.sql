-- Fills a migrated Rathaus database (demo org chart and categories loaded) with generated concerns for the benchmark:
--
--   psql -v concerns=1000000 -v open_in_unit=10000 -v unit_code=7.1 -f bench/concerns/generate.sql
--
-- Concerns are spread over 2021 until now, over the demo's categories (routed by its responsibility rules, the rest to
-- the Bürgerbüro), channels, statuses and positions; each has its timeline (submitted, taken over, replies, questions,
-- citizen messages, notes, status changes). Reference numbers are sequential per year in the order of receipt and
-- the ReferenceCounters row of each year holds the last one, so new submissions continue without a gap.
-- The unit :unit_code (the demo's Straßenunterhaltung: l.hoppe, t.bruns) gets exactly :open_in_unit open concerns,
-- its newest; other units have open concerns from the last weeks only.
-- Set-based (generate_series), with triggers off during the load; the search documents are rebuilt at the end by the
-- function the migration installed (concern_search_rebuild, see src/Rathaus/Concerns/Inbox/ConcernSearch.cs), as
-- after any bulk import.
\set ON_ERROR_STOP on
\timing on

SELECT setseed(0.2026);

-- ----- word lists ----------------------------------------------------------------------------------------------------
CREATE TEMP TABLE vocab AS SELECT
  ARRAY['Das Schlagloch', 'Die Straßenlaterne', 'Der Mülleimer', 'Die Parkbank', 'Die Ampel', 'Der Gehweg', 'Der Radweg',
        'Der Baum', 'Der Spielplatz', 'Der Gullydeckel', 'Das Verkehrsschild', 'Der Zebrastreifen', 'Der Fahrradständer',
        'Die Hecke', 'Der Glascontainer', 'Die Bushaltestelle', 'Der Brunnen', 'Das Pflaster', 'Der Poller', 'Die Treppe',
        'Das Geländer', 'Die Brücke', 'Der Parkscheinautomat', 'Die Bordsteinkante', 'Der Hydrant', 'Die Fahrbahn',
        'Die Straßenmarkierung', 'Der Papierkorb', 'Die Schaukel', 'Die Rutsche', 'Der Sandkasten', 'Die Wasserleitung',
        'Der Kanaldeckel', 'Die Laterne', 'Das Straßenschild', 'Der Bauzaun', 'Die Regenrinne', 'Der Radständer'] AS subjects,
  ARRAY['ist seit Wochen kaputt', 'ist stark beschädigt', 'ist völlig verschmutzt', 'wackelt bedenklich',
        'ist mit Graffiti beschmiert', 'ist nachts nicht beleuchtet', 'ist eine Gefahr für Radfahrer',
        'ist überfüllt', 'muss dringend repariert werden', 'ist umgestürzt', 'ist zugewachsen', 'blockiert den Weg',
        'hat tiefe Risse', 'ist abgesackt', 'fehlt seit einiger Zeit', 'ist nach dem Sturm beschädigt',
        'wurde offenbar mutwillig zerstört', 'steht schief', 'ist kaum noch zu erkennen', 'flackert ständig'] AS predicates,
  ARRAY['Am Sande', 'Bardowicker Straße', 'Große Bäckerstraße', 'Am Markt', 'Lünertorstraße', 'Rote Straße',
        'Uelzener Straße', 'Bleckeder Landstraße', 'Dahlenburger Landstraße', 'Reichenbachstraße', 'Stadtkoppel',
        'Willy-Brandt-Straße', 'Soltauer Straße', 'Hamburger Straße', 'Ochtmisser Straße', 'Wilschenbrucher Weg',
        'Lindenstraße', 'Schießgrabenstraße', 'Auf dem Meere', 'Grapengießerstraße', 'Heiligengeiststraße',
        'Vor dem Bardowicker Tore', 'Erbstorfer Landstraße', 'Thorner Straße', 'Kaltenmoorer Straße', 'Sülztorstraße',
        'Am Schifferwall', 'Wallstraße', 'Barckhausenstraße', 'Egersdorffstraße', 'Scharnhorststraße', 'Goseburgstraße',
        'Rotenbleicher Weg', 'Schnellenberger Weg', 'Häcklinger Weg', 'Oedemer Weg', 'Rettmer Straße', 'Zeltberg'] AS streets,
  ARRAY['Östliche Altstadt', 'Westliche Altstadt', 'Ebensberg', 'Goseburg-Zeltberg', 'Kreideberg', 'Lüne-Moorfeld',
        'Ochtmissen', 'Bockelsberg', 'Häcklingen', 'Hagen', 'Kaltenmoor', 'Klosterkamp', 'Oedeme', 'Rettmer',
        'Rotes Feld', 'Wilschenbruch', 'Mittelfeld', 'Neu Hagen', 'Weststadt'] AS districts,
  ARRAY['Bitte kümmern Sie sich schnell darum.', 'Das Problem besteht schon seit mehreren Wochen.',
        'Kinder sind dort besonders gefährdet.', 'Ich habe das bereits telefonisch gemeldet.',
        'Vielen Dank für Ihre Mühe.', 'Besonders abends ist es gefährlich.',
        'Mit dem Rollator kommt man dort nicht mehr vorbei.', 'Nach dem letzten Regen ist es schlimmer geworden.',
        'Mehrere Nachbarn haben sich schon beschwert.', 'Ein Foto kann ich gern nachreichen.',
        'Auf dem Schulweg kommen dort jeden Morgen viele Kinder vorbei.', 'Die Stelle liegt direkt an der Einfahrt.',
        'Im Winter ist es dort besonders glatt.', 'Ich bitte um eine kurze Rückmeldung.'] AS extras,
  -- Compound nouns: a long tail of rarer search words (about one concern in 300 each).
  ARRAY['Wasser', 'Strom', 'Kanal', 'Garten', 'Schul', 'Kirch', 'Markt', 'Hafen', 'Bahn', 'Post', 'Sport', 'Wald',
        'Feld', 'Moor', 'Heide', 'Salz', 'Kloster', 'Mühlen'] AS heads,
  ARRAY['leitung', 'platz', 'weg', 'tor', 'graben', 'brücke', 'haus', 'hof', 'ufer', 'wiese', 'kante', 'mauer'] AS tails,
  ARRAY['Vielen Dank für Ihren Hinweis. Der Bauhof wird sich in den nächsten Tagen darum kümmern.',
        'Wir haben den Schaden geprüft und eine Fachfirma mit der Reparatur beauftragt.',
        'Die Reparatur ist erledigt. Vielen Dank für Ihre Mitteilung.',
        'Der Mangel wurde beseitigt. Bitte melden Sie sich, falls das Problem erneut auftritt.',
        'Für diese Stelle ist der Landkreis zuständig; wir haben Ihr Anliegen dorthin weitergeleitet.',
        'Die Arbeiten sind für das kommende Frühjahr eingeplant.'] AS replies,
  ARRAY['Können Sie die Stelle genauer beschreiben, zum Beispiel mit einer Hausnummer?',
        'Seit wann besteht der Schaden ungefähr?',
        'Können Sie uns ein Foto der Stelle schicken?'] AS questions,
  ARRAY['Die Stelle ist vor der Hausnummer 14, direkt neben dem Briefkasten.', 'Seit etwa drei Wochen.',
        'Ich habe ein Foto angehängt.', 'Inzwischen ist der Schaden noch größer geworden.'] AS messages,
  ARRAY['Ortstermin mit dem Bauhof vereinbart.', 'Fachfirma Kuhlmann beauftragt, Auftrag 4711.',
        'Doppelte Meldung, bereits in Bearbeitung.', 'Haushaltsmittel für die Reparatur vorhanden.'] AS notes;

-- Demo topics with weights (how often citizens pick them); NULL is "weiß nicht".
CREATE TEMP TABLE topic_weights (code text, weight int);
INSERT INTO topic_weights VALUES
  ('schlagloch', 10), ('gehweg', 6), ('strassenbeleuchtung', 8), ('verkehrszeichen', 4), ('parken', 6), ('muell', 8),
  ('papierkorb', 5), ('gruenflaeche', 4), ('baum', 5), ('spielplatz', 3), ('laerm', 5), ('graffiti', 3),
  ('umweltschaden', 2), ('klimaschutz', 1), ('schule', 2), ('sport', 2), ('soziales', 2), ('buergerdienste', 4),
  ('gebuehren', 3), ('rat', 1), ('sonstiges', 3), (NULL, 3);

CREATE TEMP TABLE topics AS
SELECT c."Id" AS category_id,
       coalesce((SELECT r."OrgUnitId" FROM "ResponsibilityRules" r WHERE r."CategoryId" = c."Id" AND r."District" IS NULL LIMIT 1),
                (SELECT "Id" FROM "OrgUnits" WHERE "Code" = '33.1')) AS unit_id
FROM topic_weights w LEFT JOIN "Categories" c ON c."Code" = w.code, generate_series(1, w.weight);
CREATE TEMP TABLE topic_list AS SELECT array_agg(category_id) AS categories, array_agg(unit_id) AS units FROM topics;

CREATE TEMP TABLE unit_positions AS
SELECT "OrgUnitId" AS unit_id, array_agg("Id" ORDER BY "IsLead", "Id") AS positions, array_agg("Title" ORDER BY "IsLead", "Id") AS titles
FROM "Positions" GROUP BY "OrgUnitId";

-- ----- the concerns, staged first (open/closed needs the rank within the unit) ---------------------------------------
CREATE TEMP TABLE stage AS
SELECT g AS n,
       t.pick,
       (SELECT categories[t.pick] FROM topic_list) AS category_id,
       (SELECT units[t.pick] FROM topic_list) AS unit_id,
       -- More concerns in recent years: the portal became known.
       timestamptz '2021-01-01' + sqrt(random()) * (now() - interval '1 hour' - timestamptz '2021-01-01') AS received_at
FROM generate_series(1, :concerns) g,
     LATERAL (SELECT 1 + floor(random() * (SELECT cardinality(categories) FROM topic_list))::int + (g * 0) AS pick) t;

ALTER TABLE stage ADD COLUMN year int, ADD COLUMN seq int, ADD COLUMN open boolean;
UPDATE stage SET year = extract(year FROM received_at AT TIME ZONE 'UTC')::int;

CREATE TEMP TABLE ranked AS
SELECT n,
       row_number() OVER (PARTITION BY year ORDER BY received_at, n) AS seq,
       row_number() OVER (PARTITION BY unit_id ORDER BY received_at DESC, n) AS newest_in_unit
FROM stage;

UPDATE stage s SET seq = r.seq,
       open = CASE WHEN s.unit_id = (SELECT "Id" FROM "OrgUnits" WHERE "Code" = :'unit_code') THEN r.newest_in_unit <= :open_in_unit
                   ELSE s.received_at > now() - interval '30 days' AND random() < 0.7 END
FROM ranked r WHERE r.n = s.n;

-- Status, and the position that took it over unless just received.
ALTER TABLE stage ADD COLUMN status int, ADD COLUMN position_id int;
UPDATE stage SET status = CASE WHEN open THEN (ARRAY[0, 0, 1, 1, 1, 2])[1 + floor(random() * 6)::int]
                               ELSE (ARRAY[3, 3, 3, 3, 3, 3, 3, 3, 4, 5])[1 + floor(random() * 10)::int] END;
UPDATE stage s SET position_id = p.positions[1 + floor(random() * cardinality(p.positions))::int]
FROM unit_positions p WHERE p.unit_id = s.unit_id AND s.status <> 0;

-- Numbers continue after what the counters hold (the demo has no concerns; a second run adds to the first).
CREATE TEMP TABLE base AS SELECT coalesce((SELECT max("Id") FROM "Concerns"), 0) AS id;
CREATE TEMP TABLE counters AS SELECT "Year" AS year, "Last" AS last FROM "ReferenceCounters";

SET session_replication_role = replica; -- no triggers (search index, foreign keys) during the load

INSERT INTO "Concerns" ("Id", "ReferenceNumber", "Year", "Sequence", "TrackingTokenHash", "TrackingTokenProtected",
    "IdempotencyKey", "Kind", "CategoryId", "Description", "LocationText", "District", "Channel", "Status",
    "ContactName", "ContactEmail", "ContactPhone", "Language", "OrgUnitId", "AssignedPositionId", "ReceivedAt",
    "FirstReplyAt", "ClosedAt", "DueAt", "FollowUpOn", "MergedIntoId", "Version")
SELECT b.id + s.id,
       s.year || '-' || lpad((coalesce(c.last, 0) + s.seq)::text, 6, '0'),
       s.year, coalesce(c.last, 0) + s.seq,
       sha256(convert_to('rathaus-bench-' || (b.id + s.id), 'UTF8')),
       'generated by bench/concerns/generate.sql (no tracking link)',
       NULL,
       (ARRAY[3, 3, 3, 3, 1, 1, 0, 2, 4])[1 + floor(random() * 9)::int],
       s.category_id,
       v.subjects[1 + floor(random() * cardinality(v.subjects))::int] || ' '
         || v.predicates[1 + floor(random() * cardinality(v.predicates))::int] || '. '
         || CASE WHEN random() < 0.5 THEN 'Es geht um die ' || v.heads[1 + floor(random() * cardinality(v.heads))::int]
              || v.tails[1 + floor(random() * cardinality(v.tails))::int] || ' im Stadtteil '
              || v.districts[1 + floor(random() * cardinality(v.districts))::int] || '. ' ELSE '' END
         || v.extras[1 + floor(random() * cardinality(v.extras))::int]
         || CASE WHEN random() < 0.4 THEN ' ' || v.extras[1 + floor(random() * cardinality(v.extras))::int] ELSE '' END,
       CASE WHEN random() < 0.8 THEN v.streets[1 + floor(random() * cardinality(v.streets))::int] || ' ' || (1 + floor(random() * 120))::int END,
       NULL,
       (ARRAY[0, 0, 0, 0, 0, 0, 1, 2, 2, 3, 4, 5])[1 + floor(random() * 12)::int],
       s.status,
       NULL, NULL, NULL, 'de',
       s.unit_id,
       s.position_id,
       s.received_at,
       CASE WHEN s.status >= 2 THEN least(s.received_at + random() * interval '10 days', now()) END,
       CASE WHEN s.status >= 3 THEN least(s.received_at + interval '10 days' + random() * interval '20 days', now()) END,
       s.received_at + interval '14 days',
       NULL, NULL, 0
FROM (SELECT *, row_number() OVER (ORDER BY received_at, n) AS id FROM stage) s
     CROSS JOIN base b CROSS JOIN vocab v LEFT JOIN counters c ON c.year = s.year
-- In the order of receipt, as the rows of a real installation lie on disk (ids too).
ORDER BY s.id;

INSERT INTO "ReferenceCounters" ("Year", "Last")
SELECT "Year", max("Sequence") FROM "Concerns" GROUP BY "Year"
ON CONFLICT ("Year") DO UPDATE SET "Last" = EXCLUDED."Last";

-- ----- timelines -------------------------------------------------------------------------------------------------------
-- Submitted (the description), taken over, a question and the citizen's answer, replies, notes, the closing status.
INSERT INTO "ConcernEntries" ("ConcernId", "At", "Kind", "IsPublic", "Text", "PositionId", "NewStatus", "SignedByUnit", "SignedByPosition")
SELECT c."Id", c."ReceivedAt", 0, true, c."Description", NULL, NULL, NULL, NULL
FROM "Concerns" c WHERE c."Id" > (SELECT id FROM base);

INSERT INTO "ConcernEntries" ("ConcernId", "At", "Kind", "IsPublic", "Text", "PositionId", "NewStatus")
SELECT c."Id", c."ReceivedAt" + interval '1 day', 6, false, NULL, c."AssignedPositionId", NULL
FROM "Concerns" c WHERE c."Id" > (SELECT id FROM base) AND c."AssignedPositionId" IS NOT NULL;

INSERT INTO "ConcernEntries" ("ConcernId", "At", "Kind", "IsPublic", "Text", "PositionId", "SignedByUnit", "SignedByPosition")
SELECT c."Id", c."ReceivedAt" + interval '2 days', 3, true, v.questions[1 + floor(random() * cardinality(v.questions))::int],
       c."AssignedPositionId", u."Name", 'Im Auftrag'
FROM "Concerns" c CROSS JOIN vocab v JOIN "OrgUnits" u ON u."Id" = c."OrgUnitId"
WHERE c."Id" > (SELECT id FROM base) AND (c."Status" = 2 OR (c."Status" >= 3 AND random() < 0.2));

INSERT INTO "ConcernEntries" ("ConcernId", "At", "Kind", "IsPublic", "Text")
SELECT c."Id", c."ReceivedAt" + interval '3 days', 1, true, v.messages[1 + floor(random() * cardinality(v.messages))::int]
FROM "Concerns" c CROSS JOIN vocab v
WHERE c."Id" > (SELECT id FROM base) AND c."Status" <> 2 AND random() < 0.15;

INSERT INTO "ConcernEntries" ("ConcernId", "At", "Kind", "IsPublic", "Text", "PositionId")
SELECT c."Id", c."ReceivedAt" + interval '4 days', 4, false, v.notes[1 + floor(random() * cardinality(v.notes))::int], c."AssignedPositionId"
FROM "Concerns" c CROSS JOIN vocab v
WHERE c."Id" > (SELECT id FROM base) AND c."AssignedPositionId" IS NOT NULL AND random() < 0.3;

INSERT INTO "ConcernEntries" ("ConcernId", "At", "Kind", "IsPublic", "Text", "PositionId", "SignedByUnit", "SignedByPosition")
SELECT c."Id", coalesce(c."ClosedAt", c."FirstReplyAt", c."ReceivedAt" + interval '5 days'), 2, true,
       v.replies[1 + floor(random() * cardinality(v.replies))::int], c."AssignedPositionId", u."Name", 'Im Auftrag'
FROM "Concerns" c CROSS JOIN vocab v JOIN "OrgUnits" u ON u."Id" = c."OrgUnitId"
WHERE c."Id" > (SELECT id FROM base) AND (c."Status" >= 3 OR (c."Status" = 1 AND random() < 0.3));

INSERT INTO "ConcernEntries" ("ConcernId", "At", "Kind", "IsPublic", "Text", "PositionId", "NewStatus")
SELECT c."Id", c."ClosedAt", 5, true, NULL, c."AssignedPositionId", c."Status"
FROM "Concerns" c WHERE c."Id" > (SELECT id FROM base) AND c."Status" >= 3;

SET session_replication_role = origin;

SELECT setval(pg_get_serial_sequence('"Concerns"', 'Id'), (SELECT max("Id") FROM "Concerns"));
SELECT setval(pg_get_serial_sequence('"ConcernEntries"', 'Id'), (SELECT max("Id") FROM "ConcernEntries"));

-- ----- search index: one set-based rebuild and one GIN build instead of a million trigger calls ---------------------
DROP INDEX "IX_Concerns_SearchDocument";
SELECT concern_search_rebuild();
-- The rebuild rewrote every row; compact the table as years of normal operation (and autovacuum) would have.
VACUUM FULL "Concerns";
CREATE INDEX "IX_Concerns_SearchDocument" ON "Concerns" USING GIN ("SearchDocument");

VACUUM ANALYZE;

SELECT count(*) AS concerns, count(*) FILTER (WHERE "Status" IN (0, 1, 2)) AS open,
       count(*) FILTER (WHERE "Status" IN (0, 1, 2) AND "OrgUnitId" = (SELECT "Id" FROM "OrgUnits" WHERE "Code" = :'unit_code')) AS open_in_unit
FROM "Concerns";
SELECT count(*) AS entries FROM "ConcernEntries";
SELECT count(*) AS search_documents FROM "Concerns" WHERE "SearchDocument" IS NOT NULL;
SELECT * FROM "ReferenceCounters" ORDER BY "Year";
