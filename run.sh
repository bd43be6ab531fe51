#!/usr/bin/env bash
# Runs PipedriveMaileon locally: PostgreSQL (unless ConnectionStrings__Orleans is set), the schema migration,
# the sandbox emulators of Pipedrive and Maileon (unless Pipedrive__ClientId is set), N silos and the web front end.
# Ctrl-C stops everything this script started.
#
#   ./run.sh                 one silo
#   SILOS=2 ./run.sh         two silos (scale-out on one machine)
set -euo pipefail
cd "$(dirname "$0")"
root="$(pwd)"
source scripts/postgres.sh

silos="${SILOS:-1}"
web_url="${App__PublicBaseUrl:-http://localhost:5000}"
data="$root/.data"
logs="$data/logs"
mkdir -p "$logs"

prereq_require_dotnet
prereq_require curl curl "waits for the web front end to become ready"

pids=()
started_pg=""
cleanup() {
    trap - INT TERM EXIT
    echo
    echo "Stopping..."
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [ -n "$started_pg" ]; then pg_stop "$started_pg"; echo "PostgreSQL stopped."; fi
    echo "Stopped."
}
trap cleanup INT TERM EXIT

# Secrets generated once per checkout and kept, so data encrypted by an earlier run stays readable.
env_file="$data/run.env"
if [ ! -f "$env_file" ]; then
    umask 077
    {
        echo "Secrets__MasterKey=$(head -c 32 /dev/urandom | base64)"
        echo "Operator__Username=operator"
        echo "Operator__Password=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
        echo "SANDBOX_CLIENT_SECRET=$(head -c 24 /dev/urandom | base64 | tr '+/' '-_')"
    } > "$env_file"
    umask 022
fi
set -a; source "$env_file"; set +a

echo "Building (Release)..."
for project in src/Silo src/Web src/Sandbox; do
    dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly >"$logs/build.log" 2>&1 || { cat "$logs/build.log"; exit 1; }
done
bin() { echo "$root/src/$1/bin/Release/net10.0/PipedriveMaileon.$1.dll"; }

# 1. PostgreSQL
pg_summary=""
if [ -z "${ConnectionStrings__Orleans:-}" ]; then
    pg_require_binaries
    pg_port="${PGPORT_LOCAL:-55432}"
    pg_data="$data/postgres"
    [ -f "$pg_data/PG_VERSION" ] || { echo "Creating a local PostgreSQL cluster in $pg_data..."; pg_init "$pg_data"; }
    pg_stop "$pg_data"
    pg_start "$pg_data" "$pg_port"
    started_pg="$pg_data"
    export ConnectionStrings__Orleans="Host=127.0.0.1;Port=$pg_port;Database=pipedrive_maileon;Username=postgres;Maximum Pool Size=40"
    pg_summary="127.0.0.1:$pg_port, database pipedrive_maileon (data in .data/postgres)"
else
    pg_summary="from ConnectionStrings__Orleans"
fi

# 2. Schema
dotnet "$(bin Silo)" migrate --create-database | sed 's/^/  /'

# 3. Sandbox emulators, unless a real Pipedrive app is configured
sandbox_summary=""
if [ -z "${Pipedrive__ClientId:-}" ]; then
    export Pipedrive__ClientId="sandbox-app"
    export Pipedrive__ClientSecret="$SANDBOX_CLIENT_SECRET"
    export Pipedrive__OAuthBaseUrl="http://localhost:5101"
    export Pipedrive__AllowedApiHosts__0="localhost" # the emulator's api_domain
    export Maileon__BaseUrl="http://localhost:5102/1.0"
    Sandbox__Pipedrive__ClientId="$Pipedrive__ClientId" \
    Sandbox__Pipedrive__ClientSecret="$Pipedrive__ClientSecret" \
    Sandbox__Pipedrive__RedirectUri="$web_url/pipedrive/callback" \
    Sandbox__Pipedrive__SettingsUrl="${web_url/localhost/127.0.0.1}/pipedrive-app" \
    Sandbox__SnapshotPath="$data/sandbox-state.json" \
    ASPNETCORE_URLS="http://localhost:5101;http://localhost:5102" \
        dotnet "$(bin Sandbox)" >"$logs/sandbox.log" 2>&1 &
    pids+=($!)
    sandbox_summary=$'\n'"  Pipedrive sandbox   http://localhost:5101/pipedrive   (companies, persons, deals; install the app from here; Apps → Maileon → Settings shows the settings inside Pipedrive)"
    sandbox_summary+=$'\n'"  Maileon sandbox     http://localhost:5102/maileon     (contacts, DOI confirmations, unsubscribes, events)"
fi

# 4. Silos
silo_summary=""
for i in $(seq 0 $((silos - 1))); do
    Orleans__SiloPort=$((11111 + i)) Orleans__GatewayPort=$((30000 + i)) Telemetry__PrometheusPort=$((9464 + i)) \
        dotnet "$(bin Silo)" >"$logs/silo-$i.log" 2>&1 &
    pids+=($!)
    silo_summary+=$'\n'"  silo $i              127.0.0.1:$((11111 + i)), gateway $((30000 + i)), metrics http://localhost:$((9464 + i))/metrics   (log .data/logs/silo-$i.log)"
done

# 5. Web front end
App__PublicBaseUrl="$web_url" ASPNETCORE_URLS="$web_url" dotnet "$(bin Web)" >"$logs/web.log" 2>&1 &
pids+=($!)

echo "Waiting for $web_url/health/ready ..."
ready=""
for _ in $(seq 1 90); do
    for pid in "${pids[@]}"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "A process exited during start-up; see the logs in .data/logs:" >&2
            tail -n 20 "$logs"/*.log >&2
            exit 1
        fi
    done
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$web_url/health/ready" || true)" = "200" ]; then ready=yes; break; fi
    sleep 1
done
[ -n "$ready" ] || { echo "Not ready after 90 s; see .data/logs." >&2; exit 1; }

cat <<SUMMARY

PipedriveMaileon is running:
  web                 $web_url   (install: $web_url/pipedrive/install, settings: $web_url/settings)
  health              $web_url/health/ready
  operator login      $Operator__Username / $Operator__Password   (operator pages and metrics)${silo_summary}
  PostgreSQL          ${pg_summary}${sandbox_summary}
Logs are in .data/logs. Press Ctrl-C to stop everything.
SUMMARY

# Stop everything when any process dies (a status above 128 means Ctrl-C interrupted the wait: already handled).
set +e
wait -n "${pids[@]}"
status=$?
if [ "$status" -le 128 ]; then
    echo "A process exited (status $status); stopping the rest. See .data/logs." >&2
fi
