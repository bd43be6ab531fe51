#!/usr/bin/env bash
# Runs every test project against a throwaway PostgreSQL on a free port, then stops it.
# Exits non-zero when any test fails. As root with apt-get, installs what is missing (PostgreSQL's server, Debian's
# chromium for the browser tests); otherwise prints the command that does.
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

# counter NAME COUNTERS: one attribute of a trx file's <Counters .../> element (0 when absent).
counter() { [[ "$2" =~ [[:space:]]$1=\"([0-9]+)\" ]] && echo "${BASH_REMATCH[1]}" || echo 0; }

# summarize_results DIR: one line per trx file and the closing "N passed, N failed, N skipped" line.
summarize_results() {
    local trx counters passed failed skipped total_passed=0 total_failed=0 total_skipped=0
    printf '%-22s%8s%8s%9s\n' suite passed failed skipped
    for trx in "$1"/*.trx; do
        [ -f "$trx" ] || continue
        counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
        passed=$(counter passed "$counters")
        failed=$(( $(counter failed "$counters") + $(counter error "$counters") + $(counter timeout "$counters") + $(counter aborted "$counters") ))
        skipped=$(( $(counter total "$counters") - $(counter executed "$counters") ))
        printf '%-22s%8d%8d%9d\n' "$(basename "$trx" .trx)" "$passed" "$failed" "$skipped"
        total_passed=$((total_passed + passed)); total_failed=$((total_failed + failed)); total_skipped=$((total_skipped + skipped))
    done
    echo "$total_passed passed, $total_failed failed, $total_skipped skipped"
}

# list_failed_tests DIR: each failed test's name and the first line of its message, so the end of the output (often
# the only part a CI log keeps) says what failed, not only how many.
list_failed_tests() {
    local trx
    for trx in "$1"/*.trx; do
        [ -f "$trx" ] || continue
        awk -v suite="$(basename "$trx" .trx)" '
            /<UnitTestResult / { failed = ($0 ~ /outcome="Failed"/); if (failed && match($0, /testName="[^"]*"/)) print "  FAILED " suite ": " substr($0, RSTART + 10, RLENGTH - 11) }
            failed && /<Message>/ { line = $0; sub(/.*<Message>/, "", line); sub(/<\/Message>.*/, "", line); print "    " substr(line, 1, 400); failed = 0 }
        ' "$trx"
    done
}

started=$(date +%s)
prereq_require_dotnet

# The browser tests use Debian's chromium at this fixed path (never a downloaded browser); they fail without it.
if [ ! -x /usr/bin/chromium ]; then
    if prereq_can_install; then
        prereq_apt_install "browser tests" chromium || echo "Could not install chromium; the browser tests will fail." >&2
    else
        echo "/usr/bin/chromium is missing, so the browser tests will fail. Fix: $(prereq_fix_command chromium)" >&2
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
summarize_results "$results"
list_failed_tests "$results"
echo "Wall time: $(( $(date +%s) - started )) s"

if [ ${#failed_projects[@]} -gt 0 ]; then
    echo "FAILED: ${failed_projects[*]}" >&2
    exit 1
fi
