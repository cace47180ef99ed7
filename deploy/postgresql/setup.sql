-- Role and database for Rathaus. Run once on the database server as the postgres superuser:
--
--   sudo -u postgres psql -v password='a-long-random-password' -f setup.sql
--
-- The same password goes into Database__ConnectionString in /etc/rathaus/rathaus.env. The application owns its
-- database, so `Rathaus.Web.dll migrate` can create and change tables; it is no superuser and cannot create
-- databases or roles. Allow the app nodes in pg_hba.conf, e.g. (TLS and SCRAM only, from the app servers' network):
--
--   hostssl  rathaus  rathaus  10.20.40.0/24  scram-sha-256

\set ON_ERROR_STOP on
\if :{?password}
\else
  \echo 'usage: psql -v password=... -f setup.sql'
  \quit
\endif

SET password_encryption = 'scram-sha-256';

-- CONNECTION LIMIT: nodes x "Maximum Pool Size" (2 x 30) + the migration job + headroom; a pool that grows
-- past its budget fails here with a clear error instead of using up max_connections (see rathaus.conf).
CREATE ROLE rathaus LOGIN PASSWORD :'password' CONNECTION LIMIT 70;

-- Collation: ICU "de-DE" so that lists sort as a German reader expects (Ä with A, ß as ss, Müller before Muster).
-- ICU is built into Debian's PostgreSQL and needs no OS locale (no `locales` package, no de_DE.UTF-8 generated).
-- Unlike glibc's de_DE.UTF-8, whose order may change with an OS upgrade and then silently corrupt text indexes,
-- PostgreSQL records the ICU version and warns after an upgrade that changed it (then: REINDEX DATABASE rathaus).
-- Alternative: LOCALE 'C.UTF-8' without ICU: byte order (Z before Ä), never changes, slightly faster; pick it if
-- German order in lists does not matter.
-- LOCALE 'C.UTF-8' below only sets the character classes (upper/lower case) of the libc side.
CREATE DATABASE rathaus
  OWNER rathaus
  TEMPLATE template0
  ENCODING 'UTF8'
  LOCALE_PROVIDER icu
  ICU_LOCALE 'de-DE'
  LOCALE 'C.UTF-8';

-- Full-text search in German even if the server's postgresql.conf lacks deploy/postgresql/rathaus.conf.
ALTER DATABASE rathaus SET default_text_search_config = 'pg_catalog.german';

-- Only the owner (and superusers) may connect; new databases let every role connect by default.
REVOKE ALL ON DATABASE rathaus FROM PUBLIC;
