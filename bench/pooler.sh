#!/usr/bin/env bash
# PgBouncer (Debian's package: apt-get install -y pgbouncer) in transaction mode in front of
# the primary of bench/replica.sh, for the pooled check-in run of docs/deploy.md (issue 20).
# Its own ini, log and pid file in the scratch directory; never the shared cluster on 5432.
#
#   bench/pooler.sh start     # write the config (each time) and start PgBouncer
#   bench/pooler.sh stop
#   bench/pooler.sh status    # pools: client and server connections
#
# Environment: REPLICA_DIR (default /tmp/unionhub-replica), REPLICA_PRIMARY_PORT (5433),
# POOLER_PORT (6432), POOLER_POOL_SIZE (20 server connections), REPLICA_DB (unionhub).
# Django through it: DATABASE_URL=postgres://postgres@127.0.0.1:6432/unionhub DATABASE_POOLED=1
set -euo pipefail

DIR=${REPLICA_DIR:-/tmp/unionhub-replica}
PRIMARY_PORT=${REPLICA_PRIMARY_PORT:-5433}
PORT=${POOLER_PORT:-6432}
POOL_SIZE=${POOLER_POOL_SIZE:-20}
DB=${REPLICA_DB:-unionhub}
CONF=$DIR/pgbouncer
PIDFILE=$CONF/pgbouncer.pid

if [[ $PRIMARY_PORT == 5432 ]]; then
    echo "pooler.sh: 5432 is the shared cluster; point it at bench/replica.sh's primary" >&2
    exit 2
fi
command -v pgbouncer >/dev/null || { echo "pgbouncer missing: apt-get install -y pgbouncer" >&2; exit 2; }

as_pg() {
    if [[ $(id -un) == postgres ]]; then "$@"; else runuser -u postgres -- "$@"; fi
}

running() {
    local pid
    pid=$(cat "$PIDFILE" 2>/dev/null) && kill -0 "$pid" 2>/dev/null
}

write_config() {
    install -d -o postgres -g postgres -m 700 "$DIR" "$CONF"
    as_pg tee "$CONF/pgbouncer.ini" >/dev/null <<EOF
[databases]
$DB = host=127.0.0.1 port=$PRIMARY_PORT dbname=$DB

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PORT
unix_socket_dir = $CONF
auth_type = trust
auth_file = $CONF/userlist.txt
admin_users = postgres
pool_mode = transaction
default_pool_size = $POOL_SIZE
min_pool_size = 0
reserve_pool_size = 5
max_client_conn = 2000
max_db_connections = 0
server_idle_timeout = 60
; psycopg / Django send these at connect; PgBouncer keeps TimeZone and client_encoding
; per client itself.
ignore_startup_parameters = extra_float_digits,options
logfile = $CONF/pgbouncer.log
pidfile = $PIDFILE
log_connections = 0
log_disconnections = 0
EOF
    echo '"postgres" ""' | as_pg tee "$CONF/userlist.txt" >/dev/null
}

cmd_status() {
    if running; then
        echo "pgbouncer: running on 127.0.0.1:$PORT (pid $(cat "$PIDFILE")), transaction mode," \
            "pool $POOL_SIZE → 127.0.0.1:$PRIMARY_PORT/$DB"
        as_pg psql -h 127.0.0.1 -p "$PORT" -U postgres -d pgbouncer -c "show pools" 2>/dev/null |
            sed -n '1,4p' || true
        echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/$DB DATABASE_POOLED=1"
    else
        echo "pgbouncer: not running"
        return 3
    fi
}

case ${1:-status} in
    start)
        if running; then
            echo "pgbouncer already running"
        else
            write_config
            as_pg pgbouncer -d -q "$CONF/pgbouncer.ini"
            for _ in $(seq 50); do
                running && break
                sleep 0.1
            done
            running || { tail -20 "$CONF/pgbouncer.log" >&2; exit 1; }
            echo "pgbouncer started"
        fi
        cmd_status
        ;;
    stop)
        if running; then
            kill -INT "$(cat "$PIDFILE")"  # SIGINT: safe shutdown after the running queries
            for _ in $(seq 100); do
                running || break
                sleep 0.1
            done
            echo "pgbouncer stopped"
        else
            echo "pgbouncer not running"
        fi
        ;;
    status) cmd_status ;;
    *)
        echo "usage: $0 start|stop|status" >&2
        exit 2
        ;;
esac
