#!/usr/bin/env bash
# The load and latency benchmark (issue "Performance at scale"). Starts a throwaway PostgreSQL, then for each
# topology a fresh database, the sandbox emulators, the silo(s) and web node(s) as processes on free loopback ports,
# runs the load generator (bench/LoadGenerator) against them and stops everything; finally writes
# bench/results/<date>.md and .json with SVG plots and prints the summary.
#
#   ./bench.sh                  full run (1 silo/1 web with every measurement, then scale-out: 1-4 silos and 1-4 web
#                               nodes side by side, measured in turns, each process capped at the same share of a core
#                               through cgroup v1 cpu quotas; where cgroups are not writable, uncapped 2/1, 1/2, 2/2
#                               instead, and the report says so)
#   ./bench.sh --tiny           seconds-long smoke run (1 silo, 1 web), for ./test.sh
#   ./bench.sh --silos 2        the main measurement against 2 silos
#   ./bench.sh --out DIR        write the report to DIR instead of bench/results
#   ./bench.sh --no-build       use the existing Release build
#   ./bench.sh -- ARGS...       pass ARGS to the load generator (e.g. -- --activations 5000 --duration 10 --seed 7)
set -euo pipefail
cd "$(dirname "$0")"
root="$(pwd)"
source scripts/postgres.sh

tiny=""; build=yes; silos=1; out="$root/bench/results"; extra=()
# Per-process CPU caps of the scale-out series (cores). Small enough that 4 capped processes plus the uncapped tiers
# (PostgreSQL, the other tier, sandbox, load generator) fit in 2 cores, so the capped tier stays the bound.
silo_quota="${BENCH_SILO_QUOTA:-0.1}"; web_quota="${BENCH_WEB_QUOTA:-0.05}"
# The capped processes start uncapped (start-up and warm-up at full speed) and are capped for the saturation phase,
# so the runtime is told up front what it would see in a container with that limit: one processor (thread pool, GC
# and spin heuristics sized for it). Idle workers never spin in either service (their runtime configuration).
# Tiered compilation is off in the capped processes, so each method is compiled once, optimized, when first called: a
# silo or web node has tens of thousands of methods (38,000 in a silo), and with tiering each one is compiled again
# after its 30th call. A single process meets the long tail's 30th calls within its warm-up; four processes sharing the
# same load each meet them four times later, so capped silos were still recompiling ~24 methods a second minutes in,
# 30-50 % of a 0.1-core quota, which a silo running for hours no longer pays. The main topology keeps the default.
capped_runtime_env=(DOTNET_PROCESSOR_COUNT=1 DOTNET_TieredCompilation=0)
capped_tier=""
while [ $# -gt 0 ]; do
    case "$1" in
        --tiny) tiny=yes; shift ;;
        --no-build) build=""; shift ;;
        --silos) silos="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --) shift; extra=("$@"); break ;;
        *) echo "unknown option $1 (see the top of bench.sh)" >&2; exit 2 ;;
    esac
done
case "$silos" in ''|*[!0-9]*|0) echo "--silos needs a positive number" >&2; exit 2 ;; esac

started=$(date +%s)
command -v dotnet >/dev/null || { echo "The .NET SDK (dotnet) is required." >&2; exit 1; }
pg_require_binaries

if [ -n "$build" ]; then
    echo "Building (Release)..."
    for project in src/Silo src/Web src/Sandbox bench/LoadGenerator; do
        dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly
    done
fi
bin() { echo "$root/src/$1/bin/Release/net10.0/PipedriveMaileon.$1.dll"; }
generator="$root/bench/LoadGenerator/bin/Release/net10.0/PipedriveMaileon.LoadGenerator.dll"
for dll in "$(bin Silo)" "$(bin Web)" "$(bin Sandbox)" "$generator"; do
    [ -f "$dll" ] || { echo "$dll is missing; run without --no-build." >&2; exit 1; }
done

work="$(mktemp -d /tmp/pipedrive-maileon-bench.XXXXXX)"
chmod 755 "$work"
mkdir -p "$work/logs" "$work/fragments"
pids=()
stop_processes() {
    # Web nodes first, then silos and the sandbox: the order an orchestrator uses.
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
}
cleanup() {
    trap - INT TERM EXIT
    stop_processes
    pg_stop "$work/pg"
    rm -rf "$work/pg"
    echo "Logs of this run: $work/logs"
}
trap cleanup INT TERM EXIT

pg_port="$(pg_free_port)"
pg_init "$work/pg"
# Durable settings (fsync on): the bench measures commits that survive a crash, as production does.
# pg_stat_statements (preloaded, enabled per bench database by the generator) counts statements per webhook.
# A capped series keeps four clusters alive side by side: up to 10 silos and 4 web nodes with pools of 30 each (the
# default 400 ran out: "53300: sorry, too many clients already", and failed activations and membership reads).
pg_start "$work/pg" "$pg_port" -c shared_buffers=256MB -c shared_preload_libraries=pg_stat_statements -c max_connections=1000
admin="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
echo "PostgreSQL for the bench on 127.0.0.1:$pg_port"

master_key="$(head -c 32 /dev/urandom | base64)"
client_secret="$(head -c 24 /dev/urandom | base64 | tr '+/' '-_')"

wait_for() { # URL PID... : until URL answers 200 (60 s), failing early when a process died
    local url="$1"; shift
    for _ in $(seq 1 120); do
        for pid in "${pids[@]}"; do
            kill -0 "$pid" 2>/dev/null || { echo "A process exited during start-up:" >&2; tail -n 30 "$work"/logs/*.log >&2; return 1; }
        done
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" = "200" ] && return 0
        sleep 0.5
    done
    echo "$url not ready after 60 s" >&2; tail -n 30 "$work"/logs/*.log >&2; return 1
}

# start_topology INDEX SILOS WEBS: a fresh database, the sandbox, the silos and web nodes, ready; leaves the load
# generator's arguments for it in generator_args.
start_topology() {
    local index="$1" n_silos="$2" n_webs="$3"
    local tag="t$index-${n_silos}s${n_webs}w"
    local db="bench_$index"
    local conn="Host=127.0.0.1;Port=$pg_port;Database=$db;Username=postgres;Maximum Pool Size=30"
    ConnectionStrings__Orleans="$conn" dotnet "$(bin Silo)" migrate --create-database >"$work/logs/$tag-migrate.log" 2>&1 \
        || { cat "$work/logs/$tag-migrate.log" >&2; return 1; }

    local pd_port ml_port web_urls=() silo_pids=() web_pids=()
    pd_port="$(pg_free_port)"; ml_port="$(pg_free_port)"
    for _ in $(seq 1 "$n_webs"); do web_urls+=("http://127.0.0.1:$(pg_free_port)"); done
    local pipedrive="http://127.0.0.1:$pd_port" maileon="http://127.0.0.1:$ml_port" public="${web_urls[0]}"

    ASPNETCORE_URLS="$pipedrive;$maileon" \
    Sandbox__PipedriveUrl="$pipedrive" Sandbox__MaileonUrl="$maileon" Sandbox__TimeScale=0.01 \
    Sandbox__Pipedrive__ClientId=bench-app Sandbox__Pipedrive__ClientSecret="$client_secret" \
    Sandbox__Pipedrive__RedirectUri="$public/pipedrive/callback" \
    Sandbox__Pipedrive__BurstLimit=100000 Sandbox__Pipedrive__DailyTokenBudget=1000000000 \
    Logging__LogLevel__Default=Warning \
        dotnet "$(bin Sandbox)" >"$work/logs/$tag-sandbox.log" 2>&1 &
    pids+=($!)

    local app_env=(
        ConnectionStrings__Orleans="$conn" Secrets__MasterKey="$master_key"
        Pipedrive__ClientId=bench-app Pipedrive__ClientSecret="$client_secret" Pipedrive__OAuthBaseUrl="$pipedrive"
        Maileon__BaseUrl="$maileon/1.0" App__PublicBaseUrl="$public" Pipedrive__AllowedApiHosts__0=127.0.0.1
        Operator__Username=operator Operator__Password="$client_secret"
        DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
        # The bench measures ingest capacity, not the per-tenant admission policy (its own tests prove the 429s).
        Webhooks__PerTenantPerSecond=100000 Webhooks__PerTenantBurst=1000000
    )
    local silo_env=() web_env=() silo_metrics=()
    [ "$capped_tier" = silos ] && silo_env=("${capped_runtime_env[@]}")
    [ "$capped_tier" = webs ] && web_env=("${capped_runtime_env[@]}")
    # In a capped series each silo's Prometheus listener (its own telemetry, as an operator would scrape it) tells the
    # generator how many requests the silos sent each other and their GC pauses. The main run leaves it off, as the
    # service's default does, so its ingest figures stay comparable with the reports before.
    for i in $(seq 0 $((n_silos - 1))); do
        local metrics_env=()
        if [ -n "$capped_tier" ]; then
            local metrics_port; metrics_port="$(pg_free_port)"; silo_metrics+=("http://localhost:$metrics_port/metrics")
            metrics_env=(Telemetry__PrometheusPort="$metrics_port")
        fi
        env "${app_env[@]}" "${silo_env[@]}" "${metrics_env[@]}" Orleans__SiloPort="$(pg_free_port)" Orleans__GatewayPort="$(pg_free_port)" \
            dotnet "$(bin Silo)" >"$work/logs/$tag-silo-$i.log" 2>&1 &
        pids+=($!); silo_pids+=($!)
    done
    for i in $(seq 0 $((n_webs - 1))); do
        env "${app_env[@]}" "${web_env[@]}" ASPNETCORE_URLS="${web_urls[$i]}" \
            dotnet "$(bin Web)" >"$work/logs/$tag-web-$i.log" 2>&1 &
        pids+=($!); web_pids+=($!)
    done

    wait_for "$pipedrive/" || return 1
    for url in "${web_urls[@]}"; do wait_for "$url/health/ready" || return 1; done
    for _ in $(seq 1 120); do
        active="$(psql -At "postgresql://postgres@127.0.0.1:$pg_port/$db" -c "SELECT count(*) FROM orleansmembershiptable WHERE status = 3" 2>/dev/null || echo 0)"
        [ "$active" -ge "$n_silos" ] && break
        sleep 0.5
    done

    generator_args=(run --web "$(IFS=,; echo "${web_urls[*]}")" --pipedrive "$pipedrive" --maileon "$maileon"
        --postgres "Host=127.0.0.1;Port=$pg_port;Database=$db;Username=postgres"
        --silo-pids "$(IFS=,; echo "${silo_pids[*]}")" --web-pids "$(IFS=,; echo "${web_pids[*]}")"
        --postgres-pid "$(head -n 1 "$work/pg/postmaster.pid")" --silos "$n_silos"
        --fragment "$work/fragments/$index.json")
    [ -n "$tiny" ] && generator_args+=(--tiny)
    [ ${#silo_metrics[@]} -gt 0 ] && generator_args+=(--silo-metrics "$(IFS=,; echo "${silo_metrics[*]}")")
    return 0
}

# run_topology INDEX SILOS WEBS MODE [GENERATOR ARGS...]: one topology alone, measured, then stopped.
run_topology() {
    local index="$1" n_silos="$2" n_webs="$3" mode="$4"; shift 4
    echo
    echo "=== $n_silos silo(s), $n_webs web node(s), $mode"
    start_topology "$index" "$n_silos" "$n_webs" || return 1
    dotnet "$generator" "${generator_args[@]}" --mode "$mode" "$@" "${extra[@]}"
    stop_processes
}

# run_in_turns TIER QUOTA N...: the capped series of TIER (silos or webs), one topology per N (N capped processes,
# one of the other tier), all started side by side and measured in turns (TurnBaton in the load generator): one
# cluster is loaded at a time, each phase in slices, the order running forward and back, so every topology sees the
# same minutes of the machine. Measured one after another, the same topology's rate differed by up to 2x between
# runs, steady within each; six identical 1-silo clusters differed by about twice what the noise within each
# explains (116-164/s); of four side by side in turns, three differed by no more than that noise (98-111/s), the
# fourth lost most of one slice to a 2 s stall of its silo (86/s).
run_in_turns() {
    local tier="$1" quota="$2"; shift 2
    [ $# -gt 0 ] || return 0
    local members=$# member=0 generators=() logs=() status=0
    local turns="$work/turns-$tier"
    echo 0 >"$turns"
    echo
    echo "=== $tier capped at $quota core each: $* side by side, measured in turns"
    for n in "$@"; do
        local n_silos=1 n_webs=1
        if [ "$tier" = silos ]; then n_silos="$n"; else n_webs="$n"; fi
        start_topology "$index" "$n_silos" "$n_webs" || return 1
        dotnet "$generator" "${generator_args[@]}" --mode scaleout --cpu-quota "$quota" --quota-on "$tier" \
            --concurrency $((48 * n)) --persons 2000 --duration 30 --turns "$turns" --turn "$member/$members" "${extra[@]}" \
            >"$work/logs/t$index-generator.log" 2>&1 &
        generators+=($!); logs+=("$work/logs/t$index-generator.log")
        index=$((index + 1)); member=$((member + 1))
    done
    for pid in "${generators[@]}"; do wait "$pid" || status=1; done
    stop_processes
    for log in "${logs[@]}"; do grep -h "acked/s" "$log" | tail -n 1 || true; done
    [ "$status" = 0 ] || { echo "A load generator of the $tier series failed:" >&2; tail -n 20 "${logs[@]}" >&2; return 1; }
}

# Experiments: BENCH_CAP_MAIN gives the main run a capped tier's runtime settings; BENCH_SKIP_MAIN=1 skips the main
# run; BENCH_SILO_SERIES / BENCH_WEB_SERIES set a capped series' process counts (empty: none).
[ -n "${BENCH_CAP_MAIN:-}" ] && capped_tier="$BENCH_CAP_MAIN"
[ -z "${BENCH_SKIP_MAIN:-}" ] && run_topology 0 "$silos" 1 full
capped_tier=""
cgroups_writable() {
    local probe="/sys/fs/cgroup/cpu/pipedrive-maileon-bench-probe-$$"
    mkdir "$probe" 2>/dev/null && echo 100000 >"$probe/cpu.cfs_quota_us" 2>/dev/null && rmdir "$probe" && return 0
    rmdir "$probe" 2>/dev/null || true
    return 1
}
if [ -z "$tiny" ]; then
    index=1
    if cgroups_writable; then
        # Capped series: warm-up uncapped, then the generator moves the capped processes into their cgroups for the
        # saturation phase. Each capped process gets the same 48 requests in flight (48 x n for n processes): T(n) is
        # what n processes can do when each is offered what the single one was. With 48 in flight for all of them, each
        # of 4 silos saw 12 and spent its quota on per-request wake-ups instead of webhooks (efficiency 0.25-0.55).
        # 2,000 persons per tenant (40,000): the first phase never sends a person a second webhook.
        # 30 s of load per point: acks per second vary by about 30 % (waves of the closed loop's ~1 s latency under the
        # cap), so 15 s left about +-7 % on each point and +-10 % on a ratio of two (three full runs gave 0.71-0.96).
        # Each series' topologies run side by side and are measured in turns (see run_in_turns).
        capped_tier=silos
        run_in_turns silos "$silo_quota" ${BENCH_SILO_SERIES:-1 2 3 4}
        capped_tier=webs
        run_in_turns webs "$web_quota" ${BENCH_WEB_SERIES-1 2 3 4}
        capped_tier=""
    else
        echo "cgroup v1 cpu controller not writable at /sys/fs/cgroup/cpu: the capped scale-out series is skipped; uncapped topologies instead."
        for topology in "1 1" "2 1" "1 2" "2 2"; do
            set -- $topology
            [ "$1" = "$silos" ] && [ "$2" = 1 ] && continue
            run_topology "$index" "$1" "$2" scaleout
            index=$((index + 1))
        done
        notes_extra=" Capped scale-out skipped: cgroup v1 cpu controller not writable at /sys/fs/cgroup/cpu."
    fi
fi

fragments=()
for f in "$work"/fragments/*.json; do fragments+=(--fragment "$f"); done
echo
dotnet "$generator" render "${fragments[@]}" --out "$out" \
    --notes "Run by ./bench.sh$([ -n "$tiny" ] && echo ' --tiny') at commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown); PostgreSQL with fsync on.${notes_extra:-}"
echo "Wall time: $(( $(date +%s) - started )) s"
