#!/usr/bin/env bash
# Adds an EF Core migration of the same name for both database providers:
#
#   bash scripts/add-migration.sh AddMeetings
#
# SQLite and PostgreSQL generate different SQL, so each provider has its own
# migrations project, and each must get every model change. Each project
# carries its own design-time DbContext factory, so it is both the target and
# the startup project.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$RATHAUS_ROOT"

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 MigrationName" >&2
  exit 2
fi
name="$1"

MIGRATION_PROJECTS=(src/Rathaus.Migrations.Sqlite src/Rathaus.Migrations.PostgreSql)

ensure_dotnet_ef

for project in "${MIGRATION_PROJECTS[@]}"; do
  echo "== $project: adding migration $name" >&2
  if ! dotnet ef migrations add "$name" \
      --project "$project" --startup-project "$project" --output-dir Migrations; then
    # Keep the two providers in step: tell how to undo the half that succeeded.
    echo "add-migration.sh: failed for $project. If it succeeded for a project" \
         "before it, undo that with: dotnet ef migrations remove --project P --startup-project P" >&2
    exit 1
  fi
done
