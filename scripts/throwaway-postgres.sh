#!/usr/bin/env bash
# A throwaway PostgreSQL on loopback, for tests and benchmarks. Nothing is left behind.
#
#   scripts/throwaway-postgres.sh start [--owner-pid PID]
#       initdb into a new temp folder, start on a free port of 127.0.0.1 with the socket
#       directory inside that folder, wait until it accepts connections, then print
#         PGFOLDER=<folder>  PGHOST=127.0.0.1  PGPORT=<port>  PGUSER=postgres
#         PGSOCKET=<socket directory>  PGCONNECTION=<Npgsql connection string>
#       one per line. With --owner-pid the server is stopped and deleted once that process
#       ends, so a test run that crashes leaves no server behind.
#   scripts/throwaway-postgres.sh stop <folder>
#       stop the server (immediately: its data is thrown away) and delete the folder.
#   scripts/throwaway-postgres.sh run <command> [args...]
#       start, run the command with PGHOST/PGPORT/PGUSER/PGCONNECTION set, stop and delete
#       on exit; exits with the command's code.
#
# PostgreSQL refuses to run as root. As root (CI), initdb and postgres run as the `postgres`
# OS user on a folder it owns; that user is created as a system user when it is missing.
# Any failure exits non-zero with the reason and the server log on stderr: never a skip.
set -euo pipefail
SELF=$(readlink -f "$0")

die() {
    echo "throwaway-postgres: $*" >&2
    exit 1
}

# Runs a PostgreSQL program as the user that may run it.
as_pg() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

ensure_tools() {
    local tool
    for tool in initdb pg_ctl postgres; do
        command -v "$tool" >/dev/null || die "'$tool' is not on PATH (install PostgreSQL 15)"
    done
}

ensure_postgres_user() {
    [[ $(id -u) -eq 0 ]] || return 0
    if ! id -u postgres >/dev/null 2>&1; then
        useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres \
            || die "running as root and no 'postgres' OS user exists; creating it failed"
    fi
}

start() {
    local owner_pid=""
    if [[ ${1:-} == "--owner-pid" ]]; then
        owner_pid=${2:?--owner-pid needs a process id}
    fi

    ensure_tools
    ensure_postgres_user

    local folder
    folder=$(mktemp -d "${TMPDIR:-/tmp}/throwaway-pg.XXXXXX")
    mkdir -p "$folder/socket"
    if [[ $(id -u) -eq 0 ]]; then
        chown -R postgres: "$folder"
    fi

    # trust on loopback and the socket only: the server lives as long as one test run and
    # listens on 127.0.0.1 alone.
    if ! as_pg initdb --pgdata="$folder/data" --username=postgres --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$folder/initdb.log" 2>&1; then
        cat "$folder/initdb.log" >&2
        rm -rf "$folder"
        die "initdb failed (output above)"
    fi

    # A free port: try random ones in the dynamic range until the server binds one.
    local port="" attempt
    for attempt in 1 2 3 4 5 6 7 8; do
        local candidate=$((20000 + RANDOM % 40000))
        if as_pg pg_ctl --pgdata="$folder/data" --log="$folder/server.log" --wait \
            --timeout=60 --silent \
            -o "-p $candidate -k $folder/socket -c listen_addresses=127.0.0.1" start \
            >>"$folder/pg_ctl.log" 2>&1; then
            port=$candidate
            break
        fi
        grep -q "could not bind\|already in use" "$folder/server.log" 2>/dev/null || break
    done

    if [[ -z $port ]]; then
        cat "$folder/pg_ctl.log" "$folder/server.log" >&2 2>/dev/null || true
        rm -rf "$folder"
        die "postgres did not start (pg_ctl output and server log above)"
    fi

    if [[ -n $owner_pid ]]; then
        # Detached from our stdout so the caller's read of it ends when this script does.
        nohup bash -c "while kill -0 $owner_pid 2>/dev/null; do sleep 2; done; \
            '$SELF' stop '$folder'" >/dev/null 2>&1 &
    fi

    echo "PGFOLDER=$folder"
    echo "PGHOST=127.0.0.1"
    echo "PGPORT=$port"
    echo "PGUSER=postgres"
    echo "PGSOCKET=$folder/socket"
    echo "PGCONNECTION=Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
}

stop() {
    local folder=${1:?stop needs the folder that start printed}
    [[ -d $folder ]] || return 0
    [[ -f $folder/data/PG_VERSION ]] || die "'$folder' is not a throwaway PostgreSQL folder"

    if [[ -f $folder/data/postmaster.pid ]]; then
        as_pg pg_ctl --pgdata="$folder/data" --mode=immediate --wait --silent stop \
            >/dev/null 2>&1 || true
    fi
    rm -rf "$folder"
}

run() {
    [[ $# -gt 0 ]] || die "run needs a command"
    local info
    info=$(start)
    # Global: the EXIT trap runs after this function has returned.
    RUN_FOLDER=$(sed -n "s/^PGFOLDER=//p" <<<"$info")
    trap 'stop "$RUN_FOLDER"' EXIT
    local line
    while IFS= read -r line; do
        export "${line?}"
    done <<<"$info"
    "$@"
}

case ${1:-} in
    start) shift; start "$@" ;;
    stop) shift; stop "$@" ;;
    run) shift; run "$@" ;;
    *) die "usage: $0 start [--owner-pid PID] | stop <folder> | run <command> [args...]" ;;
esac
