#!/usr/bin/env bash
# Runs the whole test suite against the PostgreSQL server on 127.0.0.1:5432 (user postgres);
# each test class gets a database of its own. Extra arguments go to Maven (e.g. -Dtest=AuthRoutesTest).
set -euo pipefail
cd "$(dirname "$0")"
JAVA_HOME=$(scripts/java-home.sh); export JAVA_HOME
scripts/ensure-postgres.sh
exec mvn -B test "$@"
