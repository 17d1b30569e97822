#!/usr/bin/env bash
# Builds and runs Custody's benchmarks (docs/BENCHMARKS.md) in interleaved rounds, then writes the
# medians and same-round ratios to $OUT/summary.md.
#
#   benchmarks/run.sh                 # 3 rounds, about 12 minutes on 2 cores
#   ROUNDS=1 JMH_OPTS="-wi 1 -i 1" benchmarks/run.sh   # a quick smoke run (numbers not meaningful)
#
# Environment: ROUNDS (default 3); OUT (default benchmarks/target/results/<UTC time>); MVN (default
# ./mvnw; e.g. "mvn -o" offline); JMH_OPTS (extra JMH options, override the annotations);
# SKIP_BUILD=1 to reuse the jars.
# Needs: a JDK 17+, openssl, curl, hyperfine and docker-registry (Debian: apt-get install -y
# openssl curl hyperfine docker-registry). A missing tool skips its part, with a note.
# Machines are shared and noisy: read ratios measured in the same round, never absolute times.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${ROUNDS:-3}"
OUT="${OUT:-$ROOT/benchmarks/target/results/$(date -u +%Y%m%dT%H%M%SZ)}"
MVN="${MVN:-./mvnw}"
JMH_OPTS="${JMH_OPTS:-}"
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
CLI_JAR="$ROOT/signing-cli/target/custody.jar"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
FAST_FLAGS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

mkdir -p "$OUT"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/custody-bench.XXXXXX")"
REGISTRY_PID=""
cleanup() {
  if [ -n "$REGISTRY_PID" ]; then
    kill "$REGISTRY_PID" 2>/dev/null || true
    wait "$REGISTRY_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

note() { echo "run.sh: $*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  note "building benchmarks.jar and custody.jar (tests skipped)"
  (cd "$ROOT" && $MVN -B -q -Pbench -pl benchmarks,signing-cli -am package -DskipTests)
fi

# --- fixtures -------------------------------------------------------------------------------
BLOB="$WORK/blob-256MiB"
head -c $((256 * 1024 * 1024)) /dev/urandom >"$BLOB"
LAYOUT="$WORK/layout"
"$JAVA" -cp "$BENCH_JAR" dev.custody.bench.BenchImages "$LAYOUT" >/dev/null
IMAGE="oci:$LAYOUT:v1"

# A loopback registry on a free port, in a temp dir, stopped by PID on exit.
REGISTRY=""
if have docker-registry && have curl; then
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  done
  mkdir -p "$WORK/registry"
  cat >"$WORK/registry/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $WORK/registry/storage
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:$port
  secret: $(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
EOF
  docker-registry serve "$WORK/registry/config.yml" >"$WORK/registry/log" 2>&1 &
  REGISTRY_PID=$!
  for _ in $(seq 1 100); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/v2/" 2>/dev/null; then REGISTRY="127.0.0.1:$port"; break; fi
    sleep 0.1
  done
  [ -n "$REGISTRY" ] || { note "docker-registry did not start:"; cat "$WORK/registry/log" >&2; }
else
  note "docker-registry or curl missing: skipping the manifest GET benchmark"
fi

# A class-data-sharing archive of the CLI, for the cold-start variant the launcher could use.
CDS="$WORK/custody.jsa"
"$JAVA" -XX:ArchiveClassesAtExit="$CDS" $FAST_FLAGS -jar "$CLI_JAR" digest "$IMAGE" >/dev/null 2>&1 || CDS=""

jmh() { # jmh ROUND NAME REGEX
  # shellcheck disable=SC2086 # JMH_OPTS is a list of options
  CUSTODY_BENCH_BLOB="$BLOB" CUSTODY_BENCH_REGISTRY="$REGISTRY" \
    "$JAVA" -jar "$BENCH_JAR" "$3" $JMH_OPTS -rf json -rff "$OUT/r$1-$2.json" >"$OUT/r$1-$2.log" 2>&1 \
    || note "round $1: $2 failed (see $OUT/r$1-$2.log)"
}

# --- rounds: every measurement once per round, related ones next to each other ----------------
for r in $(seq 1 "$ROUNDS"); do
  note "round $r of $ROUNDS"
  : >"$OUT/r$r-native.txt"

  # (a) streaming SHA-256 of 256 MiB: read the file first so it is in the page cache
  cat "$BLOB" >/dev/null
  jmh "$r" digest 'DigestBenchmark'
  if have openssl && have hyperfine; then
    hyperfine -N --style none --warmup 1 --runs 7 --export-json "$OUT/r$r-openssl-dgst.json" \
      "openssl dgst -sha256 $BLOB" >/dev/null
  fi

  # (b) one signature verification; openssl speed as the native reference
  jmh "$r" verify 'SignatureVerifyBenchmark'
  if have openssl; then
    openssl speed -seconds 1 ecdsap256 ed25519 rsa3072 2>/dev/null >"$OUT/r$r-openssl-speed.txt" || true
    awk '/^ *256 bits ecdsa \(nistp256\)/ {print "openssl.ecdsaP256.verifyPerS", $NF}
         /^ *253 bits EdDSA \(Ed25519\)/  {print "openssl.ed25519.verifyPerS", $NF}
         /^rsa 3072 bits/                  {print "openssl.rsa3072.verifyPerS", $NF}' \
      "$OUT/r$r-openssl-speed.txt" >>"$OUT/r$r-native.txt"
  fi

  # (c) signature verification end to end on a layout
  jmh "$r" endtoend 'EndToEndVerifyBenchmark'

  # (e) warm manifest GET on the loopback registry; curl keep-alive: 300 GETs on one connection
  if [ -n "$REGISTRY" ]; then
    jmh "$r" manifest 'ManifestGetBenchmark'
    digest="$(curl -fsS -o /dev/null -D - -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
      "http://$REGISTRY/v2/bench/app/manifests/v1" | tr -d '\r' | awk -F': ' 'tolower($1)=="docker-content-digest" {print $2}')"
    url="http://$REGISTRY/v2/bench/app/manifests/$digest"
    args=()
    for _ in $(seq 1 300); do args+=(-o /dev/null "$url"); done
    curl -fsS -H 'Accept: application/vnd.oci.image.manifest.v1+json' -w '%{time_total}\n' "${args[@]}" \
      | tail -n +51 | sort -n | awk '{a[NR]=$1} END {print "curl.keepAlive.medianUs", a[int((NR+1)/2)]*1e6}' \
      >>"$OUT/r$r-native.txt"
  fi

  # (d) CLI cold start
  if have hyperfine; then
    cmds=(
      "$JAVA -Xshare:auto -version"
      "$JAVA -jar $CLI_JAR --version"
      "$JAVA $FAST_FLAGS -jar $CLI_JAR --version"
      "$JAVA -jar $CLI_JAR digest $IMAGE"
      "$JAVA $FAST_FLAGS -jar $CLI_JAR digest $IMAGE"
    )
    [ -n "$CDS" ] && cmds+=("$JAVA -XX:SharedArchiveFile=$CDS $FAST_FLAGS -jar $CLI_JAR digest $IMAGE")
    hyperfine -N --style none --warmup 2 --runs 15 --export-json "$OUT/r$r-start.json" "${cmds[@]}" >/dev/null
  else
    note "hyperfine missing: skipping cold start (apt-get install -y hyperfine)"
  fi
done

# --- what was measured on, and the summary ------------------------------------------------------
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cpu: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(nproc) cores," \
    "sha_ni: $(grep -qw sha_ni /proc/cpuinfo && echo yes || echo no)"
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $("$JAVA" -version 2>&1 | head -n 2 | tail -n 1)"
  echo "openssl: $(openssl version 2>/dev/null || echo none)"
  echo "rounds: $ROUNDS"
} >"$OUT/machine.txt"
"$JAVA" -cp "$BENCH_JAR" dev.custody.bench.Summary "$OUT" >"$OUT/summary.md"
cat "$OUT/machine.txt" "$OUT/summary.md"
note "results in $OUT"
