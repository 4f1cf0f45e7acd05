#!/usr/bin/env bash
# Stops private PostgreSQL servers left behind by a test process that was killed before it could
# stop them (its exit hook never ran). Layout (see PrivatePostgresServer):
#   /tmp/portal-pg-XXXXXX/data/postmaster.pid
# The postmaster's parent is the test process, or `runuser` started by it when tests run as root.
# A server is orphaned when that test process is gone (the chain reaches init, pid 1).
set -uo pipefail

parent_of() { awk '/^PPid:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }
name_of() { cat "/proc/$1/comm" 2>/dev/null; }

for pidfile in /tmp/portal-pg-*/data/postmaster.pid; do
  [[ -f "$pidfile" ]] || continue
  root=${pidfile%/data/postmaster.pid}
  pid=$(head -n 1 "$pidfile")
  if [[ ! -d "/proc/$pid" || "$(name_of "$pid")" != postgres* ]]; then
    rm -rf "$root"   # the server is gone; only its folder was left
    continue
  fi
  owner=$(parent_of "$pid")
  if [[ "$(name_of "$owner")" == "runuser" ]]; then owner=$(parent_of "$owner"); fi
  if [[ -z "$owner" || "$owner" == "1" ]]; then
    kill -INT "$pid" 2>/dev/null
    for _ in $(seq 50); do [[ -d "/proc/$pid" ]] || break; sleep 0.1; done
    rm -rf "$root"
    echo "Stopped an orphaned test PostgreSQL server in $root"
  fi
done
exit 0
