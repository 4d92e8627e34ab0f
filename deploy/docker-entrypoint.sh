#!/bin/sh
# `busmanager [command]` inside the image: the server (default) or any other command of the jar
# (migrate, create-user, backup, restore, healthcheck), with the lean JVM flags of run.sh.
set -eu
# shellcheck disable=SC2086 # JAVA_OPTS holds several flags
exec java ${JAVA_OPTS} -jar /app/busmanager.jar "$@"
