#!/usr/bin/env bash
# Stops private PostgreSQL servers left behind by a test process that was killed before it could
# stop them (its exit hook never ran). A server is orphaned when its parent process is gone.
# Layout (see PrivatePostgresServer): /tmp/portal-pg-XXXXXX/data/postmaster.pid
set -uo pipefail
for pidfile in /tmp/portal-pg-*/data/postmaster.pid; do
  [[ -f "$pidfile" ]] || continue
  root=${pidfile%/data/postmaster.pid}
  pid=$(head -n 1 "$pidfile")
  parent=$(ps -o ppid= -p "$pid" 2>/dev/null | tr -d ' ')
  if [[ -z "$parent" || "$parent" == "1" ]]; then
    if [[ -n "$parent" ]]; then kill -INT "$pid" 2>/dev/null; sleep 1; fi
    rm -rf "$root"
    echo "Stopped an orphaned test PostgreSQL server in $root"
  fi
done
exit 0
