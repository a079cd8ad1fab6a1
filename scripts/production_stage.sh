#!/usr/bin/env bash
# The production stage of .ci/run: the site as the deploy kit runs it, crawled as nginx sends it.
#
# A virtualenv with requirements.lock only (no test tools), collectstatic into a temporary
# folder, a fresh PostgreSQL database with migrate + load_demo + configure_site, gunicorn with
# deploy/gunicorn.conf.py under config.settings.production on 127.0.0.1 with Redis, then
# `manage.py crawl_site` (core/management/commands/crawl_site.py), which fails on any 5xx, any
# insecure cookie, any page without CSP and any error in gunicorn's log. Then the same with
# REDIS_URL at a closed port: every page still answers, /healthz says 503 for the cache, and
# each worker logs the outage once. gunicorn is stopped by its PID.
#
# Needs: PostgreSQL and Redis on 127.0.0.1 (started by the machine), assets/ (npm run build).
set -euo pipefail
cd "$(dirname "$0")/.."

HOST=scambi.example.org
DB=commons_ci_production
WORKERS=2
VENV=${PRODUCTION_VENV:-var/ci-production-venv}
WORK=$(mktemp -d)
LOG="$WORK/gunicorn.log"
GUNICORN_PID=""

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
answers() { python3 -c 'import sys, urllib.request as u
try: u.urlopen(u.Request(sys.argv[1], headers={"Host": sys.argv[2]}), timeout=2)
except u.HTTPError: pass
except OSError: sys.exit(1)' "$1" "$HOST"; }
psql_admin() { psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -q "$@"; }

stop_gunicorn() {
  if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
    kill -TERM "$GUNICORN_PID"
    wait "$GUNICORN_PID" || true
  fi
  GUNICORN_PID=""
}

cleanup() {
  status=$?
  stop_gunicorn
  if [ "$status" -ne 0 ] && [ -f "$LOG" ]; then
    echo "-- last lines of gunicorn's log"
    tail -n 40 "$LOG" || true
  fi
  psql_admin -c "DROP DATABASE IF EXISTS $DB" || true
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT

echo "-- virtualenv with requirements.lock only"
if [ ! -x "$VENV/bin/python" ] || ! cmp -s requirements.lock "$VENV/requirements.lock"; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r requirements.lock
  cp requirements.lock "$VENV/requirements.lock"
fi
if "$VENV/bin/python" -c "import pytest" 2>/dev/null; then
  echo "requirements.lock installs pytest: the test tools belong in requirements-dev.lock" >&2
  exit 1
fi
[ -d assets/bootstrap-italia ] || npm run --silent build

export DJANGO_SETTINGS_MODULE=config.settings.production
SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_urlsafe(64))')"
export SECRET_KEY
export SITE_URL="https://$HOST"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
export VAR_DIR="$WORK/var"
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export LOG_LEVEL=INFO
manage() { "$VENV/bin/python" manage.py "$@"; }

echo "-- fresh database $DB: migrate, demo content, Site from SITE_URL"
psql_admin -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
manage compilemessages --ignore=.venv --ignore=node_modules --ignore="$VENV" -v 0
manage collectstatic --noinput -v 0
manage migrate --noinput -v 0
manage load_demo > "$WORK/load_demo.txt"
manage configure_site
# What the demo enqueued (e-mails, index updates, Wagtail's reference index, which decides who
# may download a document) is done by the worker in production: run it until the queue is empty.
echo "-- the task worker empties the queue (db_worker --batch)"
manage db_worker --batch > "$WORK/db_worker.txt" 2>&1 || { tail -20 "$WORK/db_worker.txt"; exit 1; }

serve_and_crawl() {
  local redis_url=$1 expect_cache=$2
  local port
  port=$(free_port)
  : > "$LOG"
  REDIS_URL="$redis_url" GUNICORN_BIND="127.0.0.1:$port" GUNICORN_WORKERS=$WORKERS \
    "$VENV/bin/gunicorn" -c deploy/gunicorn.conf.py >> "$LOG" 2>&1 &
  GUNICORN_PID=$!
  for _ in $(seq 1 60); do
    if answers "http://127.0.0.1:$port/healthz"; then break; fi
    kill -0 "$GUNICORN_PID" 2>/dev/null || { echo "gunicorn exited" >&2; return 1; }
    sleep 0.5
  done
  REDIS_URL="$redis_url" manage crawl_site --base-url "http://127.0.0.1:$port" --host "$HOST" \
    --log "$LOG" --expect-cache "$expect_cache" --workers $WORKERS
  stop_gunicorn
}

echo "-- gunicorn with Redis up"
serve_and_crawl "redis://127.0.0.1:6379/14" ok

echo "-- gunicorn with Redis unreachable (a closed port)"
serve_and_crawl "redis://127.0.0.1:$(free_port)/0" failed

echo "-- production stage passed"
