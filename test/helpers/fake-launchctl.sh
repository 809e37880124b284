#!/bin/sh
# A stand-in for launchctl(1) for tests: records each call's arguments, one per line, in
# $FAKE_LAUNCHCTL_LOG; "loaded" is the file $FAKE_LAUNCHCTL_LOG.loaded (bootstrap makes it, bootout
# removes it, print answers from it).
log="${FAKE_LAUNCHCTL_LOG:?FAKE_LAUNCHCTL_LOG is not set}"
printf '%s\n' "$*" >> "$log"
case "$1" in
  print) [ -f "$log.loaded" ] || { echo "Could not find service \"$2\" in domain" >&2; exit 113; } ;;
  bootstrap) [ -f "$3" ] || { echo "Bootstrap failed: 2: No such file or directory" >&2; exit 5; }; : > "$log.loaded" ;;
  bootout) [ -f "$log.loaded" ] || { echo "Boot-out failed: 3: No such process" >&2; exit 3; }; rm -f "$log.loaded" ;;
  *) echo "fake launchctl: unsupported arguments: $*" >&2; exit 2 ;;
esac
