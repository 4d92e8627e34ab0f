#!/usr/bin/env bash
# Runs the BusManager API (default command `serve`; also `migrate`, `create-user ...`).
# Builds the jar first when the sources are newer than it. Settings come from the environment or .env.
set -euo pipefail
cd "$(dirname "$0")"
JAVA_HOME=$(scripts/java-home.sh); export JAVA_HOME
jar=target/busmanager.jar
if [[ ! -f $jar || -n $(find src pom.xml -newer "$jar" -print -quit) ]]; then
  echo "Building $jar ..." >&2
  mvn -q -B -DskipTests package >&2
fi
# Lean defaults for a 2 GB Raspberry Pi; see BENCHMARKS.md for how they were chosen. JAVA_OPTS overrides.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
# shellcheck disable=SC2086 # JAVA_OPTS holds several flags
exec "$JAVA_HOME/bin/java" ${JAVA_OPTS:--XX:+UseSerialGC -Xms8m -Xmx28m -XX:MaxHeapFreeRatio=40 -XX:-ShrinkHeapInSteps \
  -Xss512k -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=64m \
  -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError} \
  -jar "$jar" "$@"
