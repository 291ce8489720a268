#!/bin/sh
# One image, two roles: `web` (gunicorn behind `horoscope-service serve`) or `scheduler`.
set -eu
role="${1:-web}"
[ "$#" -gt 0 ] && shift
case "$role" in
  web) exec horoscope-service serve --host 0.0.0.0 --port "${PORT:-8000}" "$@" ;;
  scheduler) exec horoscope-service scheduler "$@" ;;
  *) exec "$role" "$@" ;;
esac
