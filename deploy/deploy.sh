#!/usr/bin/env bash
# Install or upgrade the site on this server, as root: docs/deploy.md.
#
#   /srv/commons/app/deploy/deploy.sh            # after `git pull` (or a first clone)
#
# Installs requirements.lock into /srv/commons/venv, builds the front-end files, compiles the
# translations, collects static files, migrates, applies SITE_URL to the Wagtail Site
# (manage.py configure_site), runs `check --deploy`, then installs the systemd units and
# restarts the site gracefully. Safe to run again; stops at the first error.
set -euo pipefail

APP=/srv/commons/app
VENV=/srv/commons/venv
ENV_FILE=/etc/commons/commons.env
USER_NAME=commons

[ "$(id -u)" -eq 0 ] || { echo "run as root" >&2; exit 1; }
[ -r "$ENV_FILE" ] || { echo "missing $ENV_FILE (copy deploy/commons.env.example)" >&2; exit 1; }
cd "$APP"

as_app() { runuser -u "$USER_NAME" -- "$@"; }
manage() {
  # As the units run it: same user, folder and environment file (read by systemd's parser).
  systemd-run --quiet --pipe --wait --collect -p User="$USER_NAME" -p WorkingDirectory="$APP" \
    -p EnvironmentFile="$ENV_FILE" "$VENV/bin/python" manage.py "$@"
}

echo "-- Python packages (requirements.lock)"
[ -x "$VENV/bin/python" ] || as_app python3 -m venv "$VENV"
as_app "$VENV/bin/pip" install --quiet --upgrade pip
as_app "$VENV/bin/pip" install --quiet -r requirements.lock

echo "-- front-end files (assets/)"
as_app npm ci --no-audit --no-fund --loglevel=error
as_app npm run --silent build

echo "-- translations, static files, database"
manage compilemessages --ignore=node_modules -v 0
manage collectstatic --noinput -v 0
manage migrate --noinput
manage configure_site
manage check --deploy --fail-level WARNING
as_app "$VENV/bin/python" -m compileall -q "$APP/config" "$APP/core" >/dev/null || true

echo "-- systemd units"
install -m 644 deploy/systemd/*.service deploy/systemd/*.timer /etc/systemd/system/
systemctl daemon-reload
systemctl enable --now commons-reminders.timer commons-publish-scheduled.timer \
  commons-clearsessions.timer commons-search-rebuild.timer commons-fill-free-seats.timer \
  commons-host-digest.timer commons-theme-digest.timer
if systemctl is-active --quiet commons-web; then
  systemctl reload commons-web      # new workers with the new code, no dropped request
else
  systemctl enable --now commons-web
fi
if manage help db_worker >/dev/null 2>&1; then
  systemctl enable commons-worker
  systemctl restart commons-worker  # picks up the new code after its current task
else
  echo "(no db_worker command yet: commons-worker.service stays off)"
fi

echo "-- health"
sleep 3
curl -fsS -H "Host: $(grep '^SITE_URL=' "$ENV_FILE" | cut -d/ -f3)" http://127.0.0.1:8001/healthz
echo
