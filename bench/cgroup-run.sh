#!/usr/bin/env bash
# Runs a command inside a new memory cgroup capped at LIMIT, as the API's container would be (the page cache
# of the files it reads counts too), then prints the peak and any OOM kills and removes the cgroup. As root:
#   sudo bench/cgroup-run.sh busmanager-bench 100M java -jar target/busmanager.jar
# cgroup v2 (Raspberry Pi OS, Debian 12+): /sys/fs/cgroup/NAME with memory.max and memory.swap.max = 0.
# cgroup v1 hosts: /sys/fs/cgroup/memory/NAME with memory.limit_in_bytes.
set -euo pipefail

[[ $# -ge 3 ]] || { echo "usage: $0 NAME LIMIT command [args...]" >&2; exit 2; }
name=$1; limit=$2; shift 2
[[ $name =~ ^[A-Za-z0-9_.-]+$ ]] || { echo "cgroup name must be letters, digits, . _ -" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "$0 needs root to create a cgroup" >&2; exit 2; }

if [[ -f /sys/fs/cgroup/cgroup.controllers ]] && grep -qw memory /sys/fs/cgroup/cgroup.controllers; then
  version=2
  dir=/sys/fs/cgroup/$name
  grep -qw memory /sys/fs/cgroup/cgroup.subtree_control || echo +memory > /sys/fs/cgroup/cgroup.subtree_control
  mkdir -p "$dir"
  echo "$limit" > "$dir/memory.max"
  if [[ -f $dir/memory.swap.max ]]; then echo 0 > "$dir/memory.swap.max"; fi
elif [[ -d /sys/fs/cgroup/memory ]]; then
  version=1
  dir=/sys/fs/cgroup/memory/$name
  mkdir -p "$dir"
  echo "$limit" > "$dir/memory.limit_in_bytes"
  if [[ -f $dir/memory.memsw.limit_in_bytes ]]; then echo "$limit" > "$dir/memory.memsw.limit_in_bytes"; fi
else
  echo "no memory cgroup controller on this system" >&2
  exit 2
fi

(echo "$BASHPID" > "$dir/cgroup.procs"; exec "$@") &
child=$!
trap 'kill -TERM "$child" 2>/dev/null || true' INT TERM
status=0
wait "$child" || status=$?
# A signal interrupts `wait`: wait again for the command itself to end.
while kill -0 "$child" 2>/dev/null; do wait "$child" || status=$?; done

# Children the command left behind would keep the cgroup busy.
while read -r pid; do kill -KILL "$pid" 2>/dev/null || true; done < "$dir/cgroup.procs"
sleep 0.2

mib() { echo $(( $1 / 1048576 )); }
if [[ $version == 2 ]]; then
  peak=n/a
  if [[ -f $dir/memory.peak ]]; then peak=$(mib "$(cat "$dir/memory.peak")"); fi
  ooms=$(sed -n 's/^oom_kill //p' "$dir/memory.events")
else
  peak=$(mib "$(cat "$dir/memory.max_usage_in_bytes")")
  ooms=$(sed -n 's/^oom_kill //p' "$dir/memory.oom_control")
fi
echo "cgroup-run: $name limit=$limit peak_mib=$peak oom_kills=${ooms:-0} exit=$status" >&2
rmdir "$dir" 2>/dev/null || true
exit "$status"
