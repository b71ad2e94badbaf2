#!/usr/bin/env bash
# Development helper while the person-file migration (0001) has not shipped: rewrites it from
# the schema. Serialised with flock so two people regenerating at once do not collide.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/sunflower-migration.lock
flock 9
rm -f server/db/migrations/0001_person_file.sql server/db/migrations/meta/0001_snapshot.json
python3 - <<'PY'
import json
p='server/db/migrations/meta/_journal.json'
j=json.load(open(p)); j['entries']=[e for e in j['entries'] if e['tag']!='0001_person_file']; json.dump(j,open(p,'w'),indent=2)
PY
npx drizzle-kit generate --name person_file >/dev/null
echo "regenerated server/db/migrations/0001_person_file.sql"
