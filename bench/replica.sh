#!/usr/bin/env bash
# A PostgreSQL primary and its streaming hot standby on this machine, for the read-replica
# runs of docs/deploy.md (issue 20). Its own clusters under a scratch directory, never the
# shared cluster on 5432.
#
#   bench/replica.sh start            # create (first time) and start both clusters
#   bench/replica.sh stop             # stop both (fast shutdown: nothing acknowledged is lost)
#   bench/replica.sh status           # running or not, replication state and lag
#   bench/replica.sh stop-primary     # stop only the primary (the failover drill)
#   bench/replica.sh start-primary    # start it again
#   bench/replica.sh stop-standby / start-standby   # the replica-down drill
#   bench/replica.sh destroy          # stop and delete the scratch directory
#
# Environment: REPLICA_DIR (default /tmp/unionhub-replica), REPLICA_PRIMARY_PORT (5433),
# REPLICA_STANDBY_PORT (5434), REPLICA_DB (unionhub). Runs as root (the postgres binaries
# are run as the postgres user) or as postgres. Authentication is "trust" on 127.0.0.1
# only: a scratch setup for measurements, not a production configuration.
set -euo pipefail

DIR=${REPLICA_DIR:-/tmp/unionhub-replica}
PRIMARY_PORT=${REPLICA_PRIMARY_PORT:-5433}
STANDBY_PORT=${REPLICA_STANDBY_PORT:-5434}
DB=${REPLICA_DB:-unionhub}
BIN=/usr/lib/postgresql/15/bin
PRIMARY=$DIR/primary
STANDBY=$DIR/standby
RUN=$DIR/run

if [[ $PRIMARY_PORT == 5432 || $STANDBY_PORT == 5432 ]]; then
    echo "replica.sh: 5432 is the shared cluster; choose other ports" >&2
    exit 2
fi

as_pg() {
    if [[ $(id -un) == postgres ]]; then
        "$@"
    else
        runuser -u postgres -- "$@"
    fi
}

running() { as_pg "$BIN/pg_ctl" -D "$1" status >/dev/null 2>&1; }

psql_at() {  # port, sql
    as_pg psql -h 127.0.0.1 -p "$1" -U postgres -d postgres -Atqc "$2"
}

init_primary() {
    [[ -f $PRIMARY/PG_VERSION ]] && return
    echo "initdb primary in $PRIMARY"
    as_pg "$BIN/initdb" -D "$PRIMARY" -U postgres --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 >/dev/null
    cat >>"$PRIMARY/postgresql.conf" <<EOF

# --- bench/replica.sh ---
listen_addresses = '127.0.0.1'
port = $PRIMARY_PORT
unix_socket_directories = '$RUN'
max_connections = 300
shared_buffers = 256MB
wal_level = replica
max_wal_senders = 5
wal_keep_size = 512MB
hot_standby = on
hot_standby_feedback = on
max_standby_streaming_delay = 5s
synchronous_commit = on
EOF
    cat >"$PRIMARY/pg_hba.conf" <<EOF
local   all          all                  trust
host    all          all    127.0.0.1/32  trust
host    replication  all    127.0.0.1/32  trust
EOF
}

init_standby() {
    [[ -f $STANDBY/PG_VERSION ]] && return
    echo "pg_basebackup of the primary into $STANDBY (-R: streaming standby)"
    as_pg "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$STANDBY" \
        -R -X stream -c fast
    # The copy carries the primary's postgresql.conf: the standby listens on its own port.
    echo "port = $STANDBY_PORT" | as_pg tee -a "$STANDBY/postgresql.conf" >/dev/null
}

start_one() {  # data dir, label
    if running "$1"; then
        echo "$2 already running"
    else
        as_pg "$BIN/pg_ctl" -D "$1" -l "$DIR/$2.log" -w -t 60 start >/dev/null
        echo "$2 started"
    fi
}

stop_one() {
    if running "$1"; then
        as_pg "$BIN/pg_ctl" -D "$1" -m fast -w -t 60 stop >/dev/null
        echo "$2 stopped"
    else
        echo "$2 not running"
    fi
}

cmd_start() {
    install -d -o postgres -g postgres -m 700 "$DIR"
    install -d -o postgres -g postgres -m 700 "$RUN"
    init_primary
    start_one "$PRIMARY" primary
    if [[ -z $(psql_at "$PRIMARY_PORT" "select 1 from pg_database where datname = '$DB'") ]]; then
        psql_at "$PRIMARY_PORT" "create database $DB"
        echo "database $DB created"
    fi
    init_standby
    start_one "$STANDBY" standby
    cmd_status
}

cmd_status() {
    local rc=0
    for pair in "primary:$PRIMARY:$PRIMARY_PORT" "standby:$STANDBY:$STANDBY_PORT"; do
        IFS=: read -r label dir port <<<"$pair"
        if [[ -d $dir ]] && running "$dir"; then
            echo "$label: running on 127.0.0.1:$port ($dir)"
        else
            echo "$label: not running"
            rc=3
        fi
    done
    if running "$PRIMARY" 2>/dev/null; then
        psql_at "$PRIMARY_PORT" "select 'replication: ' || application_name || ' ' || state || ', replay lag ' || coalesce(replay_lag::text, '0') from pg_stat_replication" || true
    fi
    if running "$STANDBY" 2>/dev/null; then
        psql_at "$STANDBY_PORT" "select 'standby in recovery: ' || pg_is_in_recovery() || ', last replay ' || coalesce(pg_last_xact_replay_timestamp()::text, '-')" || true
    fi
    echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PRIMARY_PORT/$DB"
    echo "DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:$STANDBY_PORT/$DB"
    return $rc
}

case ${1:-status} in
    start) cmd_start ;;
    stop)
        stop_one "$STANDBY" standby
        stop_one "$PRIMARY" primary
        ;;
    stop-primary) stop_one "$PRIMARY" primary ;;
    start-primary) start_one "$PRIMARY" primary ;;
    stop-standby) stop_one "$STANDBY" standby ;;
    start-standby) start_one "$STANDBY" standby ;;
    status) cmd_status ;;
    destroy)
        [[ -d $STANDBY ]] && stop_one "$STANDBY" standby
        [[ -d $PRIMARY ]] && stop_one "$PRIMARY" primary
        rm -rf "$DIR"
        echo "removed $DIR"
        ;;
    *)
        echo "usage: $0 start|stop|status|stop-primary|start-primary|stop-standby|start-standby|destroy" >&2
        exit 2
        ;;
esac
