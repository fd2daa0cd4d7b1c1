#!/usr/bin/env bash
# Times the command-line import of a 1,000,000-row child-level file into a fresh, migrated SQLite
# database, end to end, as an operator would run it: the Release build of the app started directly
# (`dotnet Ammeindsats.Web.dll import child-records FILE --approve`), measured by /usr/bin/time -v.
#
# Usage: bench/import-benchmark.sh [ROWS] [RUNS]
#   ROWS  rows in the generated file (default 1000000)
#   RUNS  how many times the whole measurement is repeated on a fresh database (default 1);
#         with more than one run the median of each figure is printed at the end.
# Environment: BENCH_OUT (default bench/out) holds the file, the databases and the raw timings.
#   BENCH_NO_BUILD=1 skips the Release builds (when they are known to be current).
set -euo pipefail

ROWS=${1:-1000000}
RUNS=${2:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${BENCH_OUT:-$ROOT/bench/out}
WEB_DLL=$ROOT/src/Ammeindsats.Web/bin/Release/net10.0/Ammeindsats.Web.dll
BENCH_DLL=$ROOT/bench/Ammeindsats.Benchmarks/bin/Release/net10.0/Ammeindsats.Benchmarks.dll
FILE=$OUT/children-$ROWS.csv
TIME=/usr/bin/time

if [[ ! -x $TIME ]]; then
    echo "/usr/bin/time is missing (Debian/Ubuntu: apt-get install time)." >&2
    exit 1
fi

mkdir -p "$OUT"
cd "$ROOT"

if [[ ${BENCH_NO_BUILD:-0} != 1 || ! -f $WEB_DLL || ! -f $BENCH_DLL ]]; then
    echo "== Building the app and the benchmarks (Release)" >&2
    dotnet build -c Release src/Ammeindsats.Web -v q -nologo >&2
    dotnet build -c Release bench/Ammeindsats.Benchmarks -v q -nologo >&2
fi

if [[ ! -s $FILE ]]; then
    echo "== Writing $FILE" >&2
    dotnet "$BENCH_DLL" --generate "$ROWS" "$FILE" >&2
fi

echo "== Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo), $(uname -sr), .NET $(dotnet --version)"
echo "== File: $FILE, $(wc -l < "$FILE") lines, $(du -m "$FILE" | cut -f1) MB"

# One measured command: prints "label wall_s user_s sys_s maxrss_mb exit" on stdout, the command's own
# output (the import summary) on stderr, and keeps /usr/bin/time's full report in $OUT.
measure() {
    local label=$1
    shift
    local report=$OUT/time-$label.txt
    local status=0
    "$TIME" -v -o "$report" "$@" > "$OUT/stdout-$label.txt" 2> "$OUT/stderr-$label.txt" || status=$?
    sed 's/^/   /' "$OUT/stderr-$label.txt" "$OUT/stdout-$label.txt" >&2
    awk -v label="$label" -v status="$status" '
        /Elapsed \(wall clock\)/ { n = split($NF, p, ":"); wall = (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
        /User time \(seconds\)/ { user = $NF }
        /System time \(seconds\)/ { sys = $NF }
        /Maximum resident set size/ { rss = $NF / 1024 }
        END { printf "%-14s %7.2f %7.2f %7.2f %8.1f %4d\n", label, wall, user, sys, rss, status }' "$report"
}

export Database__Provider=Sqlite
export DOTNET_CLI_TELEMETRY_OPTOUT=1
RESULTS=$OUT/results.txt
: > "$RESULTS"
for run in $(seq 1 "$RUNS"); do
    DB=$OUT/bench-$run.db
    rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-journal"
    export ConnectionStrings__Default="Data Source=$DB"
    echo "== Run $run of $RUNS: load $(cut -d' ' -f1-3 /proc/loadavg) before; fresh database $DB" >&2
    # The import needs the municipalities and birth sites: migrate, then the reference data.
    dotnet "$WEB_DLL" migrate >&2
    dotnet "$WEB_DLL" seed > /dev/null
    {
        echo "# run $run, load $(cut -d' ' -f1-3 /proc/loadavg)"
        measure "startup-$run" dotnet "$WEB_DLL" import child-records "$OUT/missing.csv" || true
        measure "first-$run" dotnet "$WEB_DLL" import child-records "$FILE" --approve
        measure "second-$run" dotnet "$WEB_DLL" import child-records "$FILE" --approve
    } | tee -a "$RESULTS"
    grep -h '^inserted=' "$OUT/stdout-first-$run.txt" "$OUT/stdout-second-$run.txt" >&2 || true
done

echo
echo "label           wall_s  user_s   sys_s   rss_MB exit   (startup = a command that fails at once: the cost of starting the app)"
grep -v '^#' "$RESULTS"
if [[ $RUNS -gt 1 ]]; then
    echo
    echo "median of $RUNS runs:"
    for kind in startup first second; do
        grep "^$kind-" "$RESULTS" | awk -v kind="$kind" '
            { w[NR] = $2; u[NR] = $3; s[NR] = $4; r[NR] = $5 }
            function median(a, n,   i, j, t) {
                for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
                return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
            }
            END { printf "%-14s %7.2f %7.2f %7.2f %8.1f\n", kind, median(w, NR), median(u, NR), median(s, NR), median(r, NR) }'
    done
fi
