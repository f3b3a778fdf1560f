#!/usr/bin/env bash
# Requests per second of the web application under load, as the README
# reports them: the demo's database served on 127.0.0.1, signed in as the
# demo's finance officer, each address loaded with `wrk` (2 threads, 16
# connections, 8 s), server and load on the same machine.
#
#   benches/web-load.sh [DEMO_DIR] [TILSKOT_BINARY]
#
# DEMO_DIR is where `tilskot demo` wrote its database (default tilskot-demo;
# made with `tilskot demo` when it has none). Needs wrk and curl. Run it from
# the project root (the rules directory).
set -euo pipefail
dir="${1:-tilskot-demo}"
tilskot="${2:-./target/release/tilskot}"
addr=127.0.0.1:8099
base="http://$addr"
[ -f "$dir/tilskot.db" ] || "$tilskot" demo --dir "$dir" > /dev/null
"$tilskot" --db "sqlite://$dir/tilskot.db" serve --addr "$addr" \
  --today 2023-01-16 --insecure-cookies > /dev/null 2>&1 &
server=$!
trap 'kill $server 2> /dev/null' EXIT
for _ in $(seq 50); do curl -fs -o /dev/null "$base/login" && break; sleep 0.1; done

jar="$(mktemp)"
csrf=$(curl -fs -c "$jar" "$base/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "name=fin.okonomi" \
  --data-urlencode "password=tilskot-demo-passord" --data-urlencode "csrf=$csrf" "$base/login"
session=$(awk '$6 == "tilskot_session" { print $7 }' "$jar")
[ -n "$session" ] || { echo "sign-in failed" >&2; exit 1; }

echo "# $tilskot serve on $dir/tilskot.db, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')"
for path in /api/schemes/jobbsjansen/2022/status /api/applications/7 /applications \
  /batches/2022-07 /batches; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: tilskot_session=$session" "$base$path")
  [ "$status" = 200 ] || { echo "GET $path answered $status, not 200" >&2; exit 1; }
  wrk -t2 -c16 -d8s -H "Cookie: tilskot_session=$session" "$base$path" \
    | awk -v p="$path" '/Requests\/sec/ { rps = $2 } /Latency/ { lat = $2 } END { printf "%-40s %8s req/s  %s mean latency\n", p, rps, lat }'
done
