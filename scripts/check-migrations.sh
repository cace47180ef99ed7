#!/usr/bin/env bash
# Fails when the model has changes that no migration captures yet, for either
# provider (then run scripts/add-migration.sh). The test suite checks the same;
# this is the quicker answer while editing the model.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$RATHAUS_ROOT"

MIGRATION_PROJECTS=(src/Rathaus.Migrations.Sqlite src/Rathaus.Migrations.PostgreSql)

ensure_dotnet_ef

# Check both even when the first fails, so one run reports everything.
failed=0
for project in "${MIGRATION_PROJECTS[@]}"; do
  echo "== $project" >&2
  if ! dotnet ef migrations has-pending-model-changes \
      --project "$project" --startup-project "$project"; then
    failed=1
  fi
done
exit "$failed"
