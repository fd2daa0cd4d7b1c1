#!/usr/bin/env bash
# Load on the published figures, side by side with the same bytes served as a static file.
#
# Builds the app in Release, makes a fresh SQLite database with the demo content, starts the app in
# Production on 127.0.0.1, and for each published path: saves its answer once into wwwroot/bench-out/, then
# runs wrk (50 connections, 10 s, 2 threads) against the path and against the saved static copy, in the same run.
# Then /health alone and /health while the bulk download is fetched, and the app's RSS before, during (peak)
# and after.
#
# Usage: bench/published-load.sh
# Environment: BENCH_OUT (default bench/out/published) holds the database, the log and the results;
#   BENCH_PORT (default 5090); BENCH_NO_BUILD=1 skips the Release build.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${BENCH_OUT:-$ROOT/bench/out/published}
PORT=${BENCH_PORT:-5090}
BASE=http://127.0.0.1:$PORT
WEB=$ROOT/src/Ammeindsats.Web
DLL=$WEB/bin/Release/net10.0/Ammeindsats.Web.dll
STATIC=$WEB/wwwroot/bench-out
WRK=${WRK:-/usr/bin/wrk}
CONNECTIONS=50
DURATION=10s

[[ -x $WRK ]] || { echo "wrk is missing ($WRK)." >&2; exit 1; }
mkdir -p "$OUT" "$STATIC"
rm -f "$OUT"/bench.db* "$OUT"/wrk-*.txt
rm -rf "$OUT/downloads"

if [[ ${BENCH_NO_BUILD:-0} != 1 || ! -f $DLL ]]; then
    echo "== Building the app (Release)" >&2
    dotnet build -c Release "$WEB" -v q -nologo >&2
fi

export Database__Provider=Sqlite
export ConnectionStrings__Default="Data Source=$OUT/bench.db"
export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
echo "== Seeding the demo content into $OUT/bench.db" >&2
(cd "$WEB" && dotnet "$DLL" seed --demo > "$OUT/seed.txt" 2>&1)

echo "== Starting the app on $BASE" >&2
(cd "$WEB" && exec dotnet "$DLL" --urls "$BASE" --contentRoot "$WEB" > "$OUT/app.log" 2>&1) &
APP=$!
PEAK_PID=
cleanup() {
    [[ -n $PEAK_PID ]] && kill "$PEAK_PID" 2> /dev/null || true
    kill "$APP" 2> /dev/null || true
    wait "$APP" 2> /dev/null || true
    rm -rf "$STATIC"
}
trap cleanup EXIT
for _ in $(seq 1 120); do
    curl -fs -o /dev/null "$BASE/health" && break
    sleep 0.5
done
curl -fs -o /dev/null "$BASE/health" || { echo "The app did not start; see $OUT/app.log" >&2; exit 1; }
# The subshell execs dotnet, so $APP is the app itself.
PID=$APP
rss() { ps -o rss= -p "$PID" | awk '{printf "%.0f", $1 / 1024}'; }

# name|path|static extension
PATHS=(
    "indikatorer|/indikatorer|html"
    "detail|/indikatorer/fuldamning-4mdr|html"
    "area|/indikatorer/omraade/751|html"
    "values|/api/v1/indicators/fuldamning-4mdr/values|json"
    "areas|/api/v1/areas|json"
    "catalogue|/api/v1/indicators|json"
    "download|/api/v1/indicators/download?dialect=opendata|zip"
)

# The figures' warm-up (published, then working figures) runs in the background after start; let it finish
# so it does not compete with the measurements.
sleep ${BENCH_WARMUP_S:-30}
for entry in "${PATHS[@]}"; do
    IFS='|' read -r name path ext <<< "$entry"
    curl -fs -o "$STATIC/$name.$ext" "$BASE$path"
done
RSS_BEFORE=$(rss)

( peak=0; while kill -0 "$PID" 2> /dev/null; do r=$(ps -o rss= -p "$PID" || echo 0); (( r > peak )) && peak=$r && echo "$peak" > "$OUT/peak-rss-kb"; sleep 0.5; done ) &
PEAK_PID=$!

# One wrk run: prints "req_per_s p50_ms p99_ms errors" (errors: socket errors plus non-2xx/3xx answers).
run() {
    local label=$1 url=$2 connections=${3:-$CONNECTIONS}
    local report=$OUT/wrk-$label.txt
    "$WRK" -t2 -c"$connections" -d"$DURATION" --latency "$url" > "$report" 2>&1 || true
    awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /Requests\/sec/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        /Socket errors/ { gsub(",", ""); errors += $4 + $6 + $8 + $10 }
        /Non-2xx or 3xx/ { errors += $5 }
        END { printf "%s %.2f %.2f %d\n", rps + 0, p50, p99, errors }
    ' "$report"
}

RESULTS=$OUT/results.md
{
    echo "Machine: $(nproc) cores, $(uname -sr), .NET $(dotnet --version), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "| Path | Bytes | Requests/s | p50 ms | p99 ms | Errors | Static copy: requests/s | p50 ms | p99 ms | p50 ratio |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} > "$RESULTS"
for entry in "${PATHS[@]}"; do
    IFS='|' read -r name path ext <<< "$entry"
    echo "== $path" >&2
    read -r rps p50 p99 errors <<< "$(run "$name" "$BASE$path")"
    read -r srps sp50 sp99 serrors <<< "$(run "$name-static" "$BASE/bench-out/$name.$ext")"
    bytes=$(stat -c %s "$STATIC/$name.$ext")
    ratio=$(awk -v a="$p50" -v b="$sp50" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
    echo "| \`$path\` | $bytes | $rps | $p50 | $p99 | $errors | $srps | $sp50 | $sp99 | $ratio |" >> "$RESULTS"
done

echo "== /health alone, then while the download is fetched" >&2
read -r hrps hp50 hp99 herrors <<< "$(run health "$BASE/health" 5)"
"$WRK" -t2 -c"$CONNECTIONS" -d"$DURATION" "$BASE/api/v1/indicators/download?dialect=opendata" > "$OUT/wrk-download-background.txt" 2>&1 &
BACKGROUND=$!
sleep 1
read -r drps dp50 dp99 derrors <<< "$(run health-during-download "$BASE/health" 5)"
wait "$BACKGROUND" || true
RSS_AFTER=$(rss)
kill "$PEAK_PID" 2> /dev/null || true
PEAK_PID=
PEAK=$(awk '{printf "%.0f", $1 / 1024}' "$OUT/peak-rss-kb" 2> /dev/null || echo "?")
{
    echo
    echo "| /health (5 connections) | Requests/s | p50 ms | p99 ms | Errors |"
    echo "|---|---:|---:|---:|---:|"
    echo "| alone | $hrps | $hp50 | $hp99 | $herrors |"
    echo "| while 50 connections fetch the download | $drps | $dp50 | $dp99 | $derrors |"
    echo
    echo "RSS: $RSS_BEFORE MB before the load, peak $PEAK MB, $RSS_AFTER MB after."
} >> "$RESULTS"
cat "$RESULTS"
