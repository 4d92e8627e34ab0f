#!/bin/bash
# Health check inside the API container: exit 0 when GET /health on this container's port answers 200.
# Plain bash (its /dev/tcp), not the jar's `healthcheck` command: a second JVM every 30 s would need about
# 45 MB more inside the container's 100 MB memory limit (bash: 3 MB), and the image has no curl.
exec 3<>"/dev/tcp/127.0.0.1/${PORT:-8000}" || exit 1
printf 'GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 5 status <&3 || exit 1
[[ $status == HTTP/1.?" 200"* ]]
