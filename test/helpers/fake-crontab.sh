#!/bin/sh
# A stand-in for crontab(1) for tests: keeps "the crontab" in $FAKE_CRONTAB_FILE.
f="${FAKE_CRONTAB_FILE:?FAKE_CRONTAB_FILE is not set}"
case "$1" in
  -l) if [ -f "$f" ]; then cat "$f"; else echo "no crontab for tester" >&2; exit 1; fi ;;
  -) cat > "$f" ;;
  -r) if [ -f "$f" ]; then rm -f "$f"; else echo "no crontab for tester" >&2; exit 1; fi ;;
  *) echo "fake crontab: unsupported arguments: $*" >&2; exit 2 ;;
esac
