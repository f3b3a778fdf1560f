#!/usr/bin/env bash
# The year's cycle as finance staff run it: each command a new process.
# Twelve `batch run`s of 2022 and, for each term, attest, approve and pay;
# prints each command's wall time and the year's.
#
#   benches/cli-cycle.sh DB_URL [TILSKOT_BINARY]
#   benches/cli-cycle.sh --prepare DIR SCALE [EVENTS_PER_PERSON] [TILSKOT_BINARY]
#
# The first form needs a database holding an imported register, no batches
# of 2022, and the users kari (finance_officer) and ola (approver) with the
# password in TILSKOT_PASSWORD. The second makes one: a fresh SQLite
# database DIR/cycle.db with the register of 2018–2022 generated at SCALE
# (seed 42) imported, the two users added, and then runs the cycle on it;
# with CYCLE_DB=postgres://… it uses that empty PostgreSQL database instead
# of DIR/cycle.db (the register file is still written to DIR).
# Run it from the project root (the rules directory). With CYCLE_LOG=FILE
# each command's output (and its log, e.g. TILSKOT_LOG=tilskot=debug) is
# appended to FILE.
set -euo pipefail
if [ "${1:-}" = "--prepare" ]; then
  dir="$2"; scale="$3"; per_person="${4:-}"; tilskot="${5:-./target/release/tilskot}"
  mkdir -p "$dir"
  rm -f "$dir"/cycle.db*
  db="${CYCLE_DB:-sqlite://$dir/cycle.db}"
  export TILSKOT_PASSWORD="${TILSKOT_PASSWORD:-bench-cycle-password}"
  export TILSKOT_NEW_PASSWORD="$TILSKOT_PASSWORD"
  "$tilskot" --db "$db" init --start-period 2022-01 --admin admin > /dev/null
  "$tilskot" --db "$db" user add --user admin --name kari --role finance_officer > /dev/null
  "$tilskot" --db "$db" user add --user admin --name ola --role approver > /dev/null
  "$tilskot" generate --from 2018 --to 2022 --seed 42 --scale "$scale" \
    ${per_person:+--events-per-person "$per_person"} --out "$dir/register.csv" > /dev/null
  "$tilskot" --db "$db" register import "$dir/register.csv" --user admin > /dev/null
  exec "$0" "$db" "$tilskot"
fi
db="$1"
tilskot="${2:-./target/release/tilskot}"
out="$(mktemp -d)"
# The script reads the run's status from its Nynorsk output.
export TILSKOT_LANG=nn
timed() {
  local start end
  start=$(date +%s.%N)
  "$tilskot" --db "$db" "$@" > "$out/last" 2>&1 || { cat "$out/last"; exit 1; }
  end=$(date +%s.%N)
  if [ -n "${CYCLE_LOG:-}" ]; then { echo "## $*"; cat "$out/last"; } >> "$CYCLE_LOG"; fi
  printf '%-8s %s %6.2f s\n' "$2" "${4:-}" "$(echo "$end - $start" | bc)"
}
echo "# $tilskot on $db, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')"
year_start=$(date +%s.%N)
for month in 01 02 03 04 05 06 07 08 09 10 11 12; do
  timed batch run --period "2022-$month" --user kari
  if grep -q "): Berekna," "$out/last"; then
    timed batch attest --period "2022-$month" --user kari
    timed batch approve --period "2022-$month" --user ola
    timed batch pay --period "2022-$month" --user kari --allow-unverified-rates --out "$out/payments"
  fi
done
echo "year $(echo "$(date +%s.%N) - $year_start" | bc) s"
rm -rf "$out"
