#!/usr/bin/env bash
# Prints a JDK home of version 21 or newer: $JAVA_HOME if it qualifies, else the newest JDK under
# /usr/lib/jvm (or /opt/java), else the one `java` on the PATH belongs to. Exits 1 when there is none.
set -euo pipefail

version_of() { # major version of a JDK home, 0 when unknown
  local release="$1/release"
  if [[ -f "$release" ]]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -n1
  elif [[ -x "$1/bin/java" ]]; then
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1
  else
    echo 0
  fi
}

qualifies() { [[ -x "$1/bin/java" && -x "$1/bin/javac" && "$(version_of "$1")" -ge 21 ]] 2>/dev/null; }

if [[ -n "${JAVA_HOME:-}" ]] && qualifies "$JAVA_HOME"; then
  echo "$JAVA_HOME"; exit 0
fi
best=""; best_version=0
for home in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
  [[ -d "$home" ]] || continue
  if qualifies "$home"; then
    v=$(version_of "$home")
    if (( v > best_version )); then best="$home"; best_version=$v; fi
  fi
done
if [[ -z "$best" ]] && command -v java >/dev/null; then
  home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  qualifies "$home" && best="$home"
fi
if [[ -z "$best" ]]; then
  echo "No JDK 21 or newer found. Install one (e.g. apt-get install openjdk-21-jdk) or set JAVA_HOME." >&2
  exit 1
fi
echo "$best"
