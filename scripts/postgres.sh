# Helpers to run a private PostgreSQL from the machine's binaries (initdb, pg_ctl, postgres). Sourced by run.sh,
# test.sh and bench.sh. PostgreSQL refuses to run as root, so as root the server runs as the "postgres" system user
# (created if missing).
_pg_scripts="${BASH_SOURCE[0]%/*}"; [ "$_pg_scripts" != "${BASH_SOURCE[0]}" ] || _pg_scripts=.
source "$_pg_scripts/prerequisites.sh"

# Where Debian/Ubuntu, RHEL/Fedora (PGDG) and Homebrew put versioned server binaries, relative to the file system
# root; <v> is the major version. PG_SEARCH_ROOT replaces that root (tests point it at a fake tree).
PG_VERSIONED_LAYOUTS=(
    "usr/lib/postgresql/*/bin"
    "usr/pgsql-*/bin"
    "opt/homebrew/opt/postgresql@*/bin"
    "usr/local/opt/postgresql@*/bin"
    "home/linuxbrew/.linuxbrew/opt/postgresql@*/bin"
)
# Unversioned places: a source build's default prefix and Homebrew's linked formula.
PG_PLAIN_LAYOUTS=("usr/local/pgsql/bin" "opt/homebrew/bin")

# _pg_version_key VERSION: a sortable integer (9.6 → 9006, 16 → 16000); 0 for anything else.
_pg_version_key() {
    local major="${1%%.*}" minor=0
    [[ "$1" == *.* ]] && minor="${1#*.}" && minor="${minor%%.*}"
    [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] || { echo 0; return; }
    echo $(( 10#$major * 1000 + 10#$minor ))
}

# _pg_has_server DIR: true when DIR holds all three server programs (Debian's client packages put psql and
# pg_dump into the same versioned folder without them).
_pg_has_server() {
    [ -x "$1/initdb" ] && [ -x "$1/pg_ctl" ] && [ -x "$1/postgres" ]
}

# _pg_versioned_dirs ROOT: every versioned layout's folders, highest version first, one per line.
_pg_versioned_dirs() {
    local root="$1" pattern dir version keys=() dirs=() i j
    for pattern in "${PG_VERSIONED_LAYOUTS[@]}"; do
        for dir in "$root"/$pattern; do
            [ -d "$dir" ] || continue
            version="${dir%/bin}"; version="${version##*/}"; version="${version#pgsql-}"; version="${version#postgresql@}"
            keys+=("$(_pg_version_key "$version")"); dirs+=("$dir")
        done
    done
    # Selection by hand: the lists are short and no sort(1) is needed on a minimal PATH.
    for ((i = 0; i < ${#dirs[@]}; i++)); do
        for ((j = i + 1; j < ${#dirs[@]}; j++)); do
            if (( keys[j] > keys[i] )); then
                local k="${keys[i]}" d="${dirs[i]}"
                keys[i]="${keys[j]}"; dirs[i]="${dirs[j]}"; keys[j]="$k"; dirs[j]="$d"
            fi
        done
        echo "${dirs[i]}"
    done
}

# pg_find_bindir: prints the first folder holding initdb, pg_ctl and postgres, searching PG_BINDIR, PATH,
# `pg_config --bindir`, then the versioned layouts (highest version first) and the plain ones. Fails when none has.
pg_find_bindir() {
    local root="${PG_SEARCH_ROOT:-}" candidates=() found dir pattern
    [ -n "${PG_BINDIR:-}" ] && candidates+=("$PG_BINDIR")
    if found="$(command -v initdb 2>/dev/null)"; then candidates+=("${found%/*}"); fi
    if command -v pg_config >/dev/null 2>&1 && found="$(pg_config --bindir 2>/dev/null)"; then candidates+=("$found"); fi
    while IFS= read -r dir; do candidates+=("$dir"); done < <(_pg_versioned_dirs "$root")
    for pattern in "${PG_PLAIN_LAYOUTS[@]}"; do candidates+=("$root/$pattern"); done
    for dir in "${candidates[@]}"; do
        if _pg_has_server "$dir"; then echo "$dir"; return 0; fi
    done
    return 1
}

# pg_require_binaries: sets PG_BINDIR to the server binaries' folder. When they are missing and this runs as root
# with apt-get, installs Debian's PostgreSQL server first; otherwise prints the command that does and fails.
pg_require_binaries() {
    local dir
    if ! dir="$(pg_find_bindir)" && prereq_can_install; then
        prereq_apt_install "PostgreSQL server for the local database" postgresql && dir="$(pg_find_bindir)"
    fi
    if [ -z "$dir" ]; then
        echo "PostgreSQL's server programs (initdb, pg_ctl, postgres) were not found on PATH, in 'pg_config --bindir'," >&2
        echo "in /usr/lib/postgresql/<version>/bin, /usr/pgsql-<version>/bin or Homebrew's postgresql@<version>." >&2
        echo "Fix: $(prereq_fix_command postgresql postgresql-server postgresql@16)" >&2
        echo "(or set PG_BINDIR to the folder holding them, or ConnectionStrings__Orleans to an existing database)" >&2
        return 1
    fi
    PG_BINDIR="$dir"
    export PG_BINDIR
}

# The user the server runs as; empty when we are not root (then we run it ourselves).
pg_server_user() {
    if [ "$EUID" -ne 0 ]; then echo ""; return; fi
    if ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres >/dev/null 2>&1 || true
    fi
    echo postgres
}

pg_as_server_user() {
    local user; user="$(pg_server_user)"
    if [ -n "$user" ]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

# pg_free_port: a TCP port on 127.0.0.1 nobody listens on, below Linux's ephemeral range (32768+), so no outgoing
# connection takes it meanwhile.
pg_free_port() {
    local port attempt
    for attempt in {1..100}; do
        port=$(( 20000 + RANDOM % 12000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    echo "No free TCP port found on 127.0.0.1." >&2
    return 1
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
    pg_as_server_user "$PG_BINDIR/initdb" --pgdata="$datadir" --username=postgres --auth=trust --encoding=UTF8 --no-sync >/dev/null
}

# pg_start DATADIR PORT [extra postgres -c options...]
pg_start() {
    local datadir="$1" port="$2"; shift 2
    local opts="-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=400 $*"
    pg_as_server_user "$PG_BINDIR/pg_ctl" --pgdata="$datadir" --log="$datadir/server.log" --options="$opts" --wait --timeout=60 start >/dev/null
}

pg_stop() {
    local datadir="$1"
    [ -f "$datadir/postmaster.pid" ] || return 0
    pg_as_server_user "${PG_BINDIR:-$(pg_find_bindir)}/pg_ctl" --pgdata="$datadir" --mode=fast --wait --timeout=60 stop >/dev/null 2>&1 || true
}
