#!/usr/bin/env bash
# Times the first views after a start, as a new user meets them: the login, /indikatorer as administrator
# and the first detail pages, each with curl (time to last byte), then once more warm.
#
# Usage: bench/first-views.sh [WAIT_S]
#   WAIT_S  seconds between the app answering /health and the first login (default 20: the figures' warm-up
#           runs in the background after start)
# Environment: BENCH_OUT (default bench/out/first-views), BENCH_PORT (default 5091), BENCH_NO_BUILD=1.
set -euo pipefail

WAIT=${1:-20}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${BENCH_OUT:-$ROOT/bench/out/first-views}
PORT=${BENCH_PORT:-5091}
BASE=http://127.0.0.1:$PORT
WEB=$ROOT/src/Ammeindsats.Web
DLL=$WEB/bin/Release/net10.0/Ammeindsats.Web.dll
mkdir -p "$OUT"
rm -f "$OUT"/bench.db* "$OUT"/cookies.txt

if [[ ${BENCH_NO_BUILD:-0} != 1 || ! -f $DLL ]]; then
    dotnet build -c Release "$WEB" -v q -nologo >&2
fi

export Database__Provider=Sqlite
export ConnectionStrings__Default="Data Source=$OUT/bench.db"
export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
(cd "$WEB" && dotnet "$DLL" seed --demo > "$OUT/seed.txt" 2>&1)
(cd "$WEB" && exec dotnet "$DLL" --urls "$BASE" --contentRoot "$WEB" > "$OUT/app.log" 2>&1) &
APP=$!
trap 'kill "$APP" 2> /dev/null || true; wait "$APP" 2> /dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -fs -o /dev/null "$BASE/health" && break
    sleep 0.5
done
sleep "$WAIT"

JAR=$OUT/cookies.txt
timed() { curl -s -o /dev/null -b "$JAR" -c "$JAR" -w "%{http_code} %{time_total}" "$@"; }
login() {
    local page token
    page=$(curl -s -b "$JAR" -c "$JAR" "$BASE/konto/log-ind")
    token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<< "$page" | head -1 | sed 's/.*value="//; s/"$//')
    timed -X POST "$BASE/konto/log-ind" --data-urlencode "Email=admin@demo.ammeindsats.dk" \
        --data-urlencode "Password=Amning-Demo-2026" --data-urlencode "__RequestVerificationToken=$token"
}

echo "| View | First (status, s) | Again (status, s) |"
echo "|---|---|---|"
echo "| anonymous /indikatorer | $(timed "$BASE/indikatorer?x=1") | $(timed "$BASE/indikatorer?x=1") |"
first=$(login)
rm -f "$JAR"
again=$(login)
echo "| login (POST) | $first | $again |"
echo "| /indikatorer as administrator | $(timed "$BASE/indikatorer") | $(timed "$BASE/indikatorer") |"
echo "| /indikatorer/fuldamning-4mdr as administrator | $(timed "$BASE/indikatorer/fuldamning-4mdr") | $(timed "$BASE/indikatorer/fuldamning-4mdr") |"
echo "| /indikatorer/fuldamning-2uger as administrator | $(timed "$BASE/indikatorer/fuldamning-2uger") | $(timed "$BASE/indikatorer/fuldamning-2uger") |"
echo
echo "Load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
