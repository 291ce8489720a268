#!/bin/sh
# One image, two roles: `web` (gunicorn behind `horoscope-service serve`) or `scheduler`; `health`
# checks the role this container was started with (the image's HEALTHCHECK). Any other command runs
# as given. dumb-init, PID 1, passes signals on to this process (exec'd into the role) from the start.
set -eu
ROLE_FILE=/tmp/horoscope-role  # /tmp: writable under --read-only --tmpfs /tmp; written at each start
role="${1:-web}"
[ "$#" -gt 0 ] && shift
case "$role" in
  web | scheduler)
    echo "$role" > "$ROLE_FILE"
    if [ "$role" = web ]; then
      exec horoscope-service serve --host 0.0.0.0 --port "${PORT:-8000}" --gunicorn-config /app/gunicorn.conf.py "$@"
    fi
    exec horoscope-service scheduler "$@"
    ;;
  health)
    if [ ! -s "$ROLE_FILE" ]; then
      echo "health: this container was not started as web or scheduler" >&2
      exit 1
    fi
    exec horoscope-service health --role "$(cat "$ROLE_FILE")" "$@"
    ;;
  *) exec "$role" "$@" ;;
esac
