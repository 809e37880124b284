#!/bin/sh
# A stand-in for systemctl(1) for tests: records each call's arguments, one per line, in
# $FAKE_SYSTEMCTL_LOG (words joined by a space). With FAKE_SYSTEMCTL_NO_SESSION=1 there is no user
# manager to reach; FAKE_SYSTEMCTL_FAIL=<verb> makes that verb fail.
printf '%s\n' "$*" >> "${FAKE_SYSTEMCTL_LOG:?FAKE_SYSTEMCTL_LOG is not set}"
[ "$1" = "--user" ] || { echo "fake systemctl: only --user" >&2; exit 2; }
shift
if [ -n "$FAKE_SYSTEMCTL_NO_SESSION" ]; then echo "Failed to connect to bus: No medium found" >&2; exit 1; fi
if [ "$1" = "$FAKE_SYSTEMCTL_FAIL" ]; then echo "Failed to $1: Access denied" >&2; exit 1; fi
case "$1" in
  show-environment) echo "HOME=/home/tester" ;;
  daemon-reload|enable|disable) ;;
  is-active) echo active ;;
  *) echo "fake systemctl: unsupported arguments: $*" >&2; exit 2 ;;
esac
