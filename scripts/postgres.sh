# Helpers to run a private PostgreSQL from the machine's binaries (initdb, pg_ctl). Sourced by run.sh and test.sh.
# PostgreSQL refuses to run as root, so as root the server runs as the "postgres" system user (created if missing).

pg_require_binaries() {
    local missing=()
    for bin in initdb pg_ctl postgres; do command -v "$bin" >/dev/null 2>&1 || missing+=("$bin"); done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "PostgreSQL server binaries not found on PATH (${missing[*]})." >&2
        echo "Install them (Debian: apt-get install -y postgresql) or set ConnectionStrings__Orleans to an existing database." >&2
        return 1
    fi
}

# The user the server runs as; empty when we are not root (then we run it ourselves).
pg_server_user() {
    if [ "$(id -u)" -ne 0 ]; then echo ""; return; fi
    if ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres >/dev/null 2>&1 || true
    fi
    echo postgres
}

pg_as_server_user() {
    local user; user="$(pg_server_user)"
    if [ -n "$user" ]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

# pg_free_port: a TCP port nobody listens on.
pg_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# pg_init DATADIR: create a cluster with trust auth on loopback only (nothing else can reach it).
pg_init() {
    local datadir="$1" user; user="$(pg_server_user)"
    mkdir -p "$datadir"
    [ -n "$user" ] && chown "$user" "$datadir"
    chmod 700 "$datadir"
    if [ -n "$user" ] && ! runuser -u "$user" -- test -w "$datadir"; then
        echo "The PostgreSQL data folder $datadir is not reachable by the '$user' user (a parent folder is private)." >&2
        return 1
    fi
    pg_as_server_user initdb --pgdata="$datadir" --username=postgres --auth=trust --encoding=UTF8 --no-sync >/dev/null
}

# pg_start DATADIR PORT [extra postgres -c options...]
pg_start() {
    local datadir="$1" port="$2"; shift 2
    local opts="-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=400 $*"
    pg_as_server_user pg_ctl --pgdata="$datadir" --log="$datadir/server.log" --options="$opts" --wait --timeout=60 start >/dev/null
}

pg_stop() {
    local datadir="$1"
    [ -f "$datadir/postmaster.pid" ] || return 0
    pg_as_server_user pg_ctl --pgdata="$datadir" --mode=fast --wait --timeout=60 stop >/dev/null 2>&1 || true
}
