#!/usr/bin/env bash
# Seeds the lived-in account into a running sandbox (./run.sh starts one on :5101) and saves its manifest:
#   a Pipedrive company with 5,000 persons and the incumbent app's "Newsletter" field, a second company with a German
#   field, both sharing one Maileon account that already holds the incumbent's contacts, other systems' contacts,
#   unsubscriptions and the seed's deal event types.
#
#   scripts/seed-livedin.sh [JSON body]          e.g. '{"seed":12,"persons":5000,"secondCompanyPersons":500}'
#   SANDBOX=http://localhost:5101 OUT=livedin-manifest.json scripts/seed-livedin.sh '{"maileonAccountId":7997}'
#
# The same call by hand: curl -X POST "$SANDBOX/_sandbox/livedin" -H 'Content-Type: application/json' -d '{}'
# The manifest (who is which case, what a correct first sync does with each person) can be read again with
# GET $SANDBOX/_sandbox/livedin/{companyId}, and just ids, API key and counts with .../{companyId}/summary.
set -euo pipefail
sandbox="${SANDBOX:-http://localhost:5101}"
out="${OUT:-livedin-manifest.json}"
body="${1:-{\}}"
headers="$(mktemp)"
trap 'rm -f "$headers"' EXIT
status="$(curl -sS -o "$out" -D "$headers" -w '%{http_code}' -X POST "$sandbox/_sandbox/livedin" -H 'Content-Type: application/json' -d "$body")"
if [ "$status" != 201 ]; then
    echo "Seeding failed ($status): $(cat "$out")" >&2
    exit 1
fi
python3 - "$out" "$(grep -i '^x-seeding-milliseconds' "$headers" | tr -d '\r' | cut -d' ' -f2)" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
print(f"Seeded in {sys.argv[2]} ms; manifest in {sys.argv[1]}")
print(f"Maileon account {m['maileonAccountId']}, API key {m['maileonApiKey']}")
for c in m["companies"]:
    expected = ", ".join(f"{k} {v}" for k, v in c["expected"].items())
    print(f"Company {c['companyId']} ({c['name']}, admin user {c['adminUserId']}): {c['persons']} persons; first sync: {expected}; {c['doiMails']} DOI mails")
PY
