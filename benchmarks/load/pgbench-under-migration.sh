#!/usr/bin/env bash
# pgbench writers on pgbench_accounts while FORGE's command line applies migrations that
# alter it, and a long reader holds the table so that the ALTER TABLE has to wait.
# Prints the writers' latencies (p50, p99, max, from pgbench's per-transaction log), tps,
# failed transactions and FORGE's lock-timeout retries. See benchmarks/README.md.
#
#   benchmarks/load/pgbench-under-migration.sh                       # lock_timeout 1s, retries
#   LOCK_TIMEOUT=0 RETRIES=0 benchmarks/load/pgbench-under-migration.sh   # the contrast
#
# Needs pgbench and psql, a server whose user may CREATE DATABASE, and the sample's jar:
#   mvn -B -q -pl samples/forge-sample -am package -DskipTests
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
DATABASE=${DATABASE:-forge_load}
SCALE=${SCALE:-10}                # pgbench_accounts holds SCALE x 100,000 rows
CLIENTS=${CLIENTS:-4}
THREADS=${THREADS:-2}
DURATION=${DURATION:-30}          # seconds of pgbench
READER_AT=${READER_AT:-5}         # seconds after pgbench starts
READER_HOLD=${READER_HOLD:-15}    # seconds the reader holds ACCESS SHARE on pgbench_accounts
LOCK_TIMEOUT=${LOCK_TIMEOUT:-1s}
RETRIES=${RETRIES:-10}
BACKOFF=${BACKOFF:-200ms}
JAR=${JAR:-$root/samples/forge-sample/target/forge-sample.jar}
OUT=${OUT:-$root/benchmarks/target/load/$(date -u +%Y%m%dT%H%M%S)-lt$LOCK_TIMEOUT}

[ -f "$JAR" ] || { echo "No $JAR: mvn -B -q -pl samples/forge-sample -am package -DskipTests" >&2; exit 2; }
mkdir -p "$OUT/migrations"
cd "$OUT"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

dropdb --if-exists "$DATABASE"
createdb "$DATABASE"
pgbench -i -q -s "$SCALE" "$DATABASE" > init.out 2>&1

cat > migrations/0001_add_note.sql <<'SQL'
ALTER TABLE pgbench_accounts ADD COLUMN note text;
SQL
cat > migrations/0002_index_abalance.sql <<'SQL'
CREATE INDEX CONCURRENTLY pgbench_accounts_abalance_idx ON pgbench_accounts (abalance);
SQL
cat > migrations/0003_abalance_check.sql <<'SQL'
ALTER TABLE pgbench_accounts ADD CONSTRAINT pgbench_accounts_abalance_check CHECK (abalance > -1000000000) NOT VALID;
SQL
cat > migrations/0004_validate_abalance_check.sql <<'SQL'
ALTER TABLE pgbench_accounts VALIDATE CONSTRAINT pgbench_accounts_abalance_check;
SQL
cat > update.sql <<'SQL'
\set aid random(1, 100000 * :scale)
\set delta random(-5000, 5000)
UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;
SQL

start=$(now)
# every 100 ms, from one session (each query its own short transaction, so that no snapshot
# stays open for CREATE INDEX CONCURRENTLY to wait for): migration statements waiting for a
# lock, and writers waiting for one
for _ in $(seq $((DURATION * 10))); do
	echo "SELECT extract(epoch FROM clock_timestamp()), count(*) FILTER (WHERE query ILIKE 'ALTER TABLE%'),"
	echo "  count(*) FILTER (WHERE query ILIKE 'UPDATE pgbench_accounts%') FROM pg_stat_activity"
	echo "  WHERE wait_event_type = 'Lock' AND datname = current_database();"
	sleep 0.1
done | psql -Atq -F ' ' -d "$DATABASE" > waits.txt 2>&1 &
poller=$!
pgbench -n -c "$CLIENTS" -j "$THREADS" -T "$DURATION" -s "$SCALE" -P 1 -r -l --log-prefix=txn -f update.sql "$DATABASE" \
	> pgbench.out 2>&1 &
bench=$!

sleep "$READER_AT"
# the reader's first and last lines: when it held the table and when it let go (the server's clock)
psql -Atq -v ON_ERROR_STOP=1 -d "$DATABASE" > reader.out 2>&1 <<SQL &
BEGIN;
SELECT extract(epoch FROM clock_timestamp()) FROM (SELECT count(*) FROM pgbench_accounts) AS held;
SELECT pg_sleep($READER_HOLD);
COMMIT;
SELECT extract(epoch FROM clock_timestamp());
SQL
reader=$!
sleep 0.5

forge_start=$(now)
set +e
java -jar "$JAR" migrate apply \
	"--spring.datasource.url=jdbc:postgresql://$PGHOST:$PGPORT/$DATABASE?user=$PGUSER" \
	"--forge.migrations.path=file:$OUT/migrations/" \
	"--forge.migrations.lock-timeout=$LOCK_TIMEOUT" \
	"--forge.migrations.lock-retries=$RETRIES" \
	"--forge.migrations.lock-retry-backoff=$BACKOFF" > forge.out 2>&1
forge_exit=$?
forge_end=$(now)
wait "$reader"
reader_start=$(grep -E '^[0-9.]+$' reader.out | head -1)
reader_end=$(grep -E '^[0-9.]+$' reader.out | tail -1)
wait "$bench"
bench_exit=$?
wait "$poller"
set -e

# per-transaction log: client_id transaction_no latency_us script_no epoch_s epoch_us
cat txn.* | awk '{ print $3 }' | grep -v failed | sort -n > latencies.txt || true
stats() {
	awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "no transactions"; exit }
		p50 = v[int(NR * 0.50 + 0.999)]; p99 = v[int(NR * 0.99 + 0.999)]
		printf "%d transactions, p50 %.1f ms, p99 %.1f ms, max %.1f ms", NR, p50 / 1000, p99 / 1000, v[NR] / 1000 }' "$1"
}
# the same while the reader and FORGE were at work
cat txn.* | awk -v from="$reader_start" -v to="$(awk -v a="$forge_end" -v b="$reader_end" 'BEGIN { print (a > b) ? a : b }')" \
	'{ end = $5 + $6 / 1e6; if ($3 != "failed" && end >= from && end <= to + 1) print $3 }' | sort -n > window.txt
worst=$(cat txn.* | sort -k3,3n | tail -1 | awk -v s="$start" '{ printf "ended at t=%.1f s", $5 + $6 / 1e6 - s }')
# runs of samples in which an ALTER TABLE waited: how many, the longest, the most writers behind it
queued=$(awk -v s="$start" '$2 > 0 { if (!on) { n++; from = $1 } on = 1; to = $1; if ($3 > w) w = $3; next }
	on { d = to - from + 0.1; if (d > longest) longest = d; on = 0 }
	END { if (on) { d = to - from + 0.1; if (d > longest) longest = d }
		printf "%d time%s, longest %.1f s, up to %d writers waiting at once", n, (n == 1) ? "" : "s", longest, w }' waits.txt)
failed=$(grep -Eo 'number of failed transactions: [0-9]+' pgbench.out | grep -Eo '[0-9]+$' || true)
aborted=$(grep -c 'aborted' pgbench.out || true)
tps=$(grep -Eo 'tps = [0-9.]+' pgbench.out | head -1 | grep -Eo '[0-9.]+$' || true)
retries=$(grep -c 'timed out waiting for a lock (attempt' forge.out || true)
history=$(psql -Atq -d "$DATABASE" -c "SELECT string_agg(name || CASE WHEN success THEN '' ELSE ' FAILED' END, ', ' ORDER BY name) FROM forge_migrations" 2>/dev/null || echo "no history")

cat <<REPORT | tee report.txt
pgbench under migration: $CLIENTS clients, $THREADS threads, ${DURATION} s, scale $SCALE ($((SCALE * 100000)) rows), pgbench $(pgbench --version | awk '{ print $3 }'), server $(psql -Atq -d "$DATABASE" -c 'SHOW server_version')
  lock_timeout $LOCK_TIMEOUT, retries $RETRIES, backoff $BACKOFF
  reader held pgbench_accounts: t=$(since "$start" "$reader_start")..$(since "$start" "$reader_end") s; FORGE (process): t=$(since "$start" "$forge_start")..$(since "$start" "$forge_end") s, exit $forge_exit, $retries lock timeouts retried
  ALTER TABLE seen waiting for its lock (sampled every 100 ms): $queued
  history: $history
  all:    $(stats latencies.txt), worst $worst
  window: $(stats window.txt) (transactions ending while the reader held the table or FORGE ran, +1 s)
  tps $tps, failed transactions ${failed:-?}, aborted clients $aborted, pgbench exit $bench_exit
  files: $OUT
REPORT
[ "${KEEP_DATABASE:-false}" = true ] || dropdb --if-exists "$DATABASE"
