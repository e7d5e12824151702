#!/usr/bin/env bash
# The two figures docs/serve.md quotes, measured side by side in one session:
#  1. time from upload to done for VIDEO through `sspvs serve` vs `sspvs summarize` on the same file
#     (summarize: the whole command, JVM start and model load included; serve: the first job, whose worker opens
#     its pipeline, and a second one on the warm worker);
#  2. the resident memory (VmRSS from /proc) of the idle server, before any job and after the jobs.
# Usage: tools/measure_serve.sh CKPT VIDEO [extra summarize/serve options, e.g. --test-histogram-bins 2]
# SSPVS names the launcher (default: ./sspvs); PORT the port (default 18431).
set -euo pipefail
ckpt="$1"; video="$2"; shift 2
sspvs="${SSPVS:-./sspvs}"
port="${PORT:-18431}"
work="$(mktemp -d)"
now() { date +%s.%N; }
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

summarize() {
  local n="$1" t0 t1
  shift
  t0=$(now)
  if ! $sspvs summarize "$video" --model "$ckpt" --out "$work/summarize-$n" "$@" >/dev/null 2>"$work/summarize.log"; then
    echo "summarize failed:" >&2; cat "$work/summarize.log" >&2; exit 1
  fi
  t1=$(now)
  echo "summarize run $n: $(echo "$t1 - $t0" | bc) s"
}

upload() {
  local t0 t1 id status
  t0=$(now)
  id=$(curl -s -F "video=@$video" "http://127.0.0.1:$port/api/jobs" | sed -n 's/.*"id":"\([0-9a-f]*\)".*/\1/p')
  while :; do
    status=$(curl -s "http://127.0.0.1:$port/api/jobs/$id" | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p')
    [ "$status" = done ] || [ "$status" = failed ] && break
    sleep 0.1
  done
  t1=$(now)
  echo "serve job $1 (upload to $status): $(echo "$t1 - $t0" | bc) s"
}

summarize 1 "$@"
$sspvs serve --model "$ckpt" --data "$work/data" --port "$port" "$@" >"$work/serve.out" 2>"$work/serve.log" &
server=$!
until grep -q "http://" "$work/serve.out" 2>/dev/null; do sleep 0.2; done
sleep 5
echo "idle server RSS before any job: $(rss_mb $server) MB"
upload 1
upload 2
summarize 2 "$@"
sleep 5
echo "idle server RSS after 2 jobs: $(rss_mb $server) MB"
kill "$server"
wait "$server" 2>/dev/null || true
rm -rf "$work"
