#!/usr/bin/env bash
# The real-daemon check: a real cron runs the entry that `mtl cron install` writes, and
# `mtl cron status` then shows the run. Takes one to two minutes, so it lives outside `npm test`.
#
#   npm run build && bash test/cron/real-cron-check.sh
#
# It installs an every-minute entry for a throwaway data folder in YOUR crontab, waits for cron to
# run it (up to 130 s), and puts your crontab back exactly as it was, whatever happens. If cron is
# not running it starts it (service cron start, else cron) and stops it again afterwards.
set -u
cd "$(dirname "$0")/../.."
root=$PWD
MTL=("$(command -v node)" "$root/bin/mtl.cjs")
wait_seconds=${MTL_CRON_CHECK_WAIT:-130}

fail() { echo "FAIL: $*"; exit 1; }
command -v crontab >/dev/null || fail "no crontab program (Debian/Ubuntu: apt-get install cron)"
[ -f "$root/dist/mtl.cjs" ] || fail "no build: run npm run build first"

work=$(mktemp -d)
# A data folder whose name holds what the shell or cron could read as code: the entry must hand
# mtl this exact path (issue #15).
home="$work/x y/it's \$HOME \`back\` \"dq\" 100% \\% end"
backup="$work/crontab.before"
had_crontab=0
crontab -l >"$backup" 2>/dev/null && had_crontab=1
started_pid=""

cleanup() {
  if [ "$had_crontab" = 1 ]; then crontab "$backup"; else crontab -r 2>/dev/null; fi
  if [ -n "$started_pid" ]; then kill "$started_pid" 2>/dev/null && echo "stopped the cron daemon this check started (pid $started_pid)"; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A live cron daemon's pid (a zombie left by an earlier run does not count).
cron_pid() {
  local p
  for p in $(pgrep -x cron; pgrep -x crond); do
    [ "$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null)" = Z ] || echo "$p"
  done
}
running=$(cron_pid | head -n 1)
if [ -n "$running" ]; then
  echo "cron is running (pid $running)"
else
  echo "cron is not running; starting it"
  { service cron start || cron || crond; } >/dev/null 2>&1
  sleep 1
  started_pid=$(cron_pid | head -n 1)
  [ -n "$started_pid" ] || fail "could not start the cron daemon (try: sudo service cron start)"
fi

"${MTL[@]}" --home "$home" cron install --schedule '* * * * *' || fail "mtl cron install failed"
echo "crontab now:"; crontab -l | sed 's/^/  /'
echo "waiting up to ${wait_seconds}s for cron to run mtl nudge..."
for ((i = 0; i < wait_seconds; i += 5)); do
  if grep -q '"lastRunAt"' "$home/nudge.json" 2>/dev/null; then break; fi
  sleep 5
done
grep -q '"lastRunAt"' "$home/nudge.json" 2>/dev/null || fail "cron did not run the nudge within ${wait_seconds}s"

status=$("${MTL[@]}" --home "$home" cron status 2>&1)
echo "$status" | sed 's/^/  /'
echo "$status" | grep -q '^cron *installed' || fail "status does not show the entry as installed"
echo "$status" | grep -q '^last nudge *\(just now\|[0-9]* minutes\? ago\)' || fail "status does not show the run"
echo "$status" | grep -q 'seems not to be running' && fail "status claims cron is not running"
outside=$(ls -A "$work" | grep -vx -e 'x y' -e crontab.before)
[ -z "$outside" ] || fail "the run wrote outside the data folder: $outside"
"${MTL[@]}" --home "$home" cron uninstall || fail "mtl cron uninstall failed"
echo "PASS: a real cron ran mtl nudge for the data folder $home, and mtl cron status shows it"
