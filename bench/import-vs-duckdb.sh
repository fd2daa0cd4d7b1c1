#!/usr/bin/env bash
# The command-line import of the 1,000,000-row child-level file against its peer, DuckDB doing the same counting
# in one SQL query (bench/Ammeindsats.Benchmarks/DuckDbPeer.cs), each as a whole process timed by /usr/bin/time -v,
# alternated A B A B so that drift in the machine's speed hits both alike. The import runs into a fresh copy of a
# migrated and seeded SQLite database each time, as a first import would.
#
# Usage: bench/import-vs-duckdb.sh [RUNS]   (default 5; the file and databases go in bench/out/)
set -euo pipefail
RUNS=${1:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${BENCH_OUT:-$ROOT/bench/out}
WEB_DLL=$ROOT/src/Ammeindsats.Web/bin/Release/net10.0/Ammeindsats.Web.dll
BENCH_DLL=$ROOT/bench/Ammeindsats.Benchmarks/bin/Release/net10.0/Ammeindsats.Benchmarks.dll
FILE=$OUT/children-1000000.csv
mkdir -p "$OUT"
cd "$ROOT"
if [[ ${BENCH_NO_BUILD:-0} != 1 || ! -f $WEB_DLL || ! -f $BENCH_DLL ]]; then
    dotnet build -c Release src/Ammeindsats.Web -v q -nologo >&2
    dotnet build -c Release bench/Ammeindsats.Benchmarks -v q -nologo >&2
fi
[[ -s $FILE ]] || dotnet "$BENCH_DLL" --generate 1000000 "$FILE" >&2
export Database__Provider=Sqlite DOTNET_CLI_TELEMETRY_OPTOUT=1
if [[ ! -s $OUT/template.db ]]; then
    ConnectionStrings__Default="Data Source=$OUT/template.db" dotnet "$WEB_DLL" migrate > /dev/null
    ConnectionStrings__Default="Data Source=$OUT/template.db" dotnet "$WEB_DLL" seed > /dev/null
fi
export ConnectionStrings__Default="Data Source=$OUT/run.db"

one() {
    local report=$OUT/time-$1.txt
    /usr/bin/time -v -o "$report" "${@:2}" > "$OUT/out-$1.txt" 2>&1
    awk -v label="$1" '
        /Elapsed \(wall clock\)/ { n = split($NF, p, ":"); wall = (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
        /User time/ { user = $NF } /System time/ { sys = $NF } /Maximum resident/ { rss = $NF / 1024 }
        END { printf "%-10s %6.2f s wall %6.2f s cpu %7.1f MiB\n", label, wall, user + sys, rss }' "$report"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$RUNS"); do
    cp "$OUT/template.db" "$OUT/run.db"
    rm -f "$OUT/run.db-wal" "$OUT/run.db-shm"
    one "import-$run" dotnet "$WEB_DLL" import child-records "$FILE" --approve
    one "duckdb-$run" dotnet "$BENCH_DLL" --duckdb "$FILE"
done
grep -h "children\|inserted=" "$OUT"/out-import-1.txt "$OUT"/out-duckdb-1.txt
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
