#!/usr/bin/env bash
# Runs every test project against a throwaway PostgreSQL on a free port, then stops it.
# Exits non-zero when any test fails. Installs Debian's chromium for the browser tests when it is missing.
#
#   ./test.sh                 all suites
#   ./test.sh --filter EXPR   pass a dotnet test filter to every project (e.g. "FullyQualifiedName~Contacts")
set -euo pipefail
cd "$(dirname "$0")"
root="$(pwd)"
source scripts/postgres.sh

filter=()
while [ $# -gt 0 ]; do
    case "$1" in
        --filter) filter=(--filter "$2"); shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

started=$(date +%s)
command -v dotnet >/dev/null || { echo "The .NET SDK (dotnet) is required." >&2; exit 1; }

if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        echo "Installing Debian's chromium for the browser tests..."
        (apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq chromium >/dev/null; }) \
            || echo "Could not install chromium; the browser tests will fail." >&2
    else
        echo "chromium is missing (/usr/bin/chromium); the browser tests will fail. Install it: apt-get install chromium" >&2
    fi
fi

pg_require_binaries
work="$(mktemp -d /tmp/pipedrive-maileon-test.XXXXXX)"
chmod 755 "$work"
pg_port="$(pg_free_port)"
cleanup() {
    pg_stop "$work/pg"
    rm -rf "$work"
}
trap cleanup EXIT
pg_init "$work/pg"
# fsync off: the tests never survive an OS crash, only process crashes, which fsync does not matter for.
pg_start "$work/pg" "$pg_port" -c fsync=off -c full_page_writes=off
export PIPEDRIVEMAILEON_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
export PIPEDRIVEMAILEON_TEST_POSTGRES_DATA="$work/pg"
echo "PostgreSQL for tests on 127.0.0.1:$pg_port"

echo "Building (Release)..."
dotnet build PipedriveMaileon.sln -c Release -nologo -v quiet -clp:ErrorsOnly

results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"
failed_projects=()
for project in tests/*/*.csproj bench/*.Tests/*.csproj; do
    name="$(basename "$project" .csproj)"
    echo
    echo "=== $name"
    set +e
    dotnet test "$project" -c Release --no-build --nologo "${filter[@]}" \
        --results-directory "$results" --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
        2>&1 | grep -vE '^\s*$'
    status=${PIPESTATUS[0]}
    set -e
    [ "$status" -eq 0 ] || failed_projects+=("$name")
done

# A tiny benchmark run keeps ./bench.sh from rotting; its report goes with the test results, not into bench/results.
if [ ${#filter[@]} -eq 0 ]; then
    echo
    echo "=== bench (tiny)"
    ./bench.sh --tiny --no-build --out "$results/bench" || failed_projects+=("bench")
fi

echo
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
total = {"passed": 0, "failed": 0, "skipped": 0}
print(f"{'suite':<22}{'passed':>8}{'failed':>8}{'skipped':>9}")
for path in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns).attrib
    passed, failed = int(c["passed"]), int(c["failed"]) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped = int(c["total"]) - int(c["executed"])
    name = path.rsplit("/", 1)[1][:-4]
    print(f"{name:<22}{passed:>8}{failed:>8}{skipped:>9}")
    total["passed"] += passed; total["failed"] += failed; total["skipped"] += skipped
print(f"{total['passed']} passed, {total['failed']} failed, {total['skipped']} skipped")
PY
echo "Wall time: $(( $(date +%s) - started )) s"

if [ ${#failed_projects[@]} -gt 0 ]; then
    echo "FAILED: ${failed_projects[*]}" >&2
    exit 1
fi
