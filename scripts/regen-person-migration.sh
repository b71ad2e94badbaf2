#!/usr/bin/env bash
# Development helper while the domain migration (0001) has not shipped: rewrites it from the
# schema of every module. Serialised with flock so two people regenerating at once do not collide.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/sunflower-migration.lock
flock 9
python3 - <<'PY'
import json, os, glob
p='server/db/migrations/meta/_journal.json'
j=json.load(open(p))
for e in j['entries']:
    if e['idx'] >= 1:
        for f in glob.glob(f"server/db/migrations/{e['tag']}.sql"): os.remove(f)
        snap=f"server/db/migrations/meta/{e['idx']:04d}_snapshot.json"
        if os.path.exists(snap): os.remove(snap)
j['entries']=[e for e in j['entries'] if e['idx'] < 1]
json.dump(j,open(p,'w'),indent=2)
PY
npx drizzle-kit generate --name domain >/dev/null
echo "regenerated: $(ls server/db/migrations/0001_*.sql)"
