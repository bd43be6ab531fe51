# Prerequisite checks shared by run.sh, test.sh and bench.sh (sourced, never run).
# A missing tool is installed when the script runs as root with apt-get (saying so); otherwise the one command
# that fixes it is printed and the check fails.

# Started with an empty environment (env -i), HOME is unset and the .NET SDK cannot find its NuGet cache.
if [ -z "${HOME:-}" ]; then
    HOME="$({ getent passwd "$EUID" | cut -d: -f6; } 2>/dev/null || true)"
    export HOME="${HOME:-/root}"
fi

# As root the scripts need runuser and useradd, which live in the sbin folders a minimal PATH leaves out.
if [ "$EUID" -eq 0 ]; then
    for _prereq_sbin in /usr/sbin /sbin; do
        case ":$PATH:" in *":$_prereq_sbin:"*) ;; *) PATH="$PATH:$_prereq_sbin" ;; esac
    done
    export PATH
fi

# prereq_can_install: true when missing Debian packages can be installed right here.
prereq_can_install() {
    [ "$EUID" -eq 0 ] && command -v apt-get >/dev/null 2>&1
}

# prereq_apt_install WHY PACKAGE...: installs Debian packages, refreshing the package lists once if needed.
prereq_apt_install() {
    local why="$1"; shift
    echo "Installing $* with apt-get ($why)..."
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || return 1
    fi
}

# prereq_fix_command DEBIAN_PACKAGE [DNF_PACKAGE [BREW_FORMULA]]: the one command that installs what is missing
# with this machine's package manager (the Debian name stands in where no other is given).
prereq_fix_command() {
    local sudo=""; [ "$EUID" -eq 0 ] || sudo="sudo "
    if command -v apt-get >/dev/null 2>&1; then echo "${sudo}apt-get install -y $1"
    elif command -v dnf >/dev/null 2>&1; then echo "${sudo}dnf install -y ${2:-$1}"
    elif command -v brew >/dev/null 2>&1; then echo "brew install ${3:-$1}"
    else echo "install '$1' (Debian's name) with this system's package manager"
    fi
}

# prereq_require COMMAND PACKAGE WHY: makes sure COMMAND is on PATH.
prereq_require() {
    local cmd="$1" package="$2" why="$3"
    command -v "$cmd" >/dev/null 2>&1 && return 0
    if prereq_can_install; then
        prereq_apt_install "$why" "$package" && command -v "$cmd" >/dev/null 2>&1 && return 0
        echo "Installing $package failed." >&2
    fi
    echo "$cmd is required ($why) but not installed. Fix: $(prereq_fix_command "$package")" >&2
    return 1
}

# prereq_require_dotnet: the .NET SDK named in global.json (it cannot come from Debian's archive).
prereq_require_dotnet() {
    command -v dotnet >/dev/null 2>&1 && return 0
    echo "The .NET 10 SDK (dotnet) is required but not on PATH. Install it: https://dot.net/download (Linux:" >&2
    echo "  https://learn.microsoft.com/dotnet/core/install/linux), then run this script again." >&2
    return 1
}
