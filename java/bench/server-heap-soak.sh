#!/usr/bin/env bash
# The standalone server's heap with the demo running: starts `doflamingo-server.jar demo`, then
# every few minutes forces a full GC in it (jcmd GC.run) and prints the heap in use after it, so
# growth over time shows as a rising line. Not a test: run it by hand (`mvn -B -q install
# -DskipTests` first). Usage: server-heap-soak.sh [minutes=30] [every=5] [port=18090]
set -euo pipefail
minutes=${1:-30}
every=${2:-5}
port=${3:-18090}
root=$(cd "$(dirname "$0")/../.." && pwd)
jar=$(ls "$root"/java/server/target/doflamingo-server-*-SNAPSHOT.jar | grep -v tests | head -1)
data=$root/java/bench/target/heap-soak
log=$data.log
mkdir -p "$data"
java -Xmx512m -jar "$jar" demo --port "$port" --data "$data" > "$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true' EXIT
until grep -q "Doflamingo on http" "$log"; do
  kill -0 "$pid" 2>/dev/null || { echo "the server stopped:"; tail -20 "$log"; exit 1; }
  sleep 2
done
echo "demo up (pid $pid, log $log); heap after a full GC every $every min for $minutes min:"
start=$(date +%s)
while true; do
  jcmd "$pid" GC.run > /dev/null
  used=$(jcmd "$pid" GC.heap_info | awk '/garbage-first heap|def new generation|PSYoungGen|total/ && /used/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}')
  rss=$(awk '/VmRSS/ {print $2 " " $3}' "/proc/$pid/status")
  series=$(curl -s "http://127.0.0.1:$port/monitoring/kafka/series?limit=1" | grep -o '"total":[0-9]*' | cut -d: -f2)
  printf '%4d min  heap used %-10s RSS %-12s kafka series %s\n' $(( ($(date +%s) - start) / 60 )) "$used" "$rss" "$series"
  [ $(( $(date +%s) - start )) -ge $(( minutes * 60 )) ] && break
  sleep $(( every * 60 ))
done
