#!/usr/bin/env bash
# The whole team stack on this machine, for trying it out: Redis (shared cache),
# PostgreSQL (shared ledger), a local OpenID Connect provider (oidc-provider-mock, a
# stand-in for the company's), and two studio processes on 127.0.0.1:8501 and :8502.
#
#   bash scripts/team-stack.sh          # start, print the URLs, Ctrl-C stops everything
#
# Sign in as ana@example.com (an analyst) or ada@example.com (an admin, by group) or
# lee@example.com (an admin, by email): the provider's page lists them. Everything lives
# in $TEAM_STACK_DIR (default .team-stack/, git-ignored); delete it to start afresh.
# Ports: REDIS_PORT (6390), PG_PORT (5490), OIDC_PORT (9400), STUDIO_PORTS ("8501 8502").
# Needs redis-server and PostgreSQL (apt-get install redis-server postgresql) and the
# dev requirements (oidc-provider-mock). Not for production: see docs/deploy.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}
STATE=$(realpath -m "${TEAM_STACK_DIR:-.team-stack}")
REDIS_PORT=${REDIS_PORT:-6390}
PG_PORT=${PG_PORT:-5490}
OIDC_PORT=${OIDC_PORT:-9400}
STUDIO_PORTS=${STUDIO_PORTS:-"8501 8502"}
PG_BIN=${OPTIMIZER_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}

die() { echo "team-stack: $*" >&2; exit 1; }
command -v redis-server >/dev/null || die "redis-server is missing: apt-get install redis-server"
[ -x "$PG_BIN/initdb" ] || die "PostgreSQL is missing: apt-get install postgresql (or set OPTIMIZER_PG_BIN)"
"$PY" -c "import oidc_provider_mock" 2>/dev/null || die "oidc-provider-mock is missing: pip install -r requirements-dev.txt"
mkdir -p "$STATE/logs"
chmod 711 "$STATE"  # others may pass through (PostgreSQL runs as its own user), not list

PIDS=()
PG_AS=()
cleanup() {
  trap - EXIT INT TERM
  echo "team-stack: stopping"
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$STATE/pg/data/postmaster.pid" ] && "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$STATE/pg/data" -m fast -w stop >/dev/null || true
  wait 2>/dev/null || true
  exit 0
}
trap cleanup EXIT INT TERM

wait_for() {  # wait_for NAME URL-or-port
  for _ in $(seq 1 120); do
    if [[ $2 == http* ]]; then "$PY" -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "$2" 2>/dev/null && return
    else (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null && return; fi
    sleep 0.5
  done
  die "$1 did not start (logs in $STATE/logs)"
}

# Secrets made once and kept: the team secret, the cookie secret, the Redis password.
if [ ! -f "$STATE/secrets.env" ]; then
  "$PY" - > "$STATE/secrets.env" <<'EOF'
import secrets
for name in ("TEAM_SECRET", "COOKIE_SECRET", "REDIS_PASSWORD"):
    print(f"{name}={secrets.token_urlsafe(32)}")
EOF
  chmod 600 "$STATE/secrets.env"
fi
# shellcheck disable=SC1091
source "$STATE/secrets.env"

# Redis, password-protected, on loopback only.
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --requirepass "$REDIS_PASSWORD" --dir "$STATE" \
  --save "" --appendonly no >"$STATE/logs/redis.log" 2>&1 &
PIDS+=($!)
wait_for Redis "$REDIS_PORT"

# PostgreSQL (refuses to run as root: run it as the 'postgres' user then).
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' user to run PostgreSQL"
  PG_AS=(setpriv --reuid=postgres --regid=postgres --init-groups --)
  mkdir -p "$STATE/pg" && chown postgres:postgres "$STATE/pg"
else
  PG_AS=(env)
  mkdir -p "$STATE/pg"
fi
if [ ! -f "$STATE/pg/data/PG_VERSION" ]; then
  "${PG_AS[@]}" "$PG_BIN/initdb" -D "$STATE/pg/data" -U optimizer -A trust -E UTF8 >"$STATE/logs/initdb.log" 2>&1
fi
"${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$STATE/pg/data" -l "$STATE/pg/server.log" -w \
  -o "-p $PG_PORT -k $STATE/pg -c listen_addresses=127.0.0.1" start >/dev/null
"${PG_AS[@]}" "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U optimizer -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname='optimizer'" | grep -q 1 ||
  "${PG_AS[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U optimizer optimizer

# The identity provider: three people; Ada is in the admin group, Lee is listed by email.
"$PY" -m oidc_provider_mock --host 127.0.0.1 --port "$OIDC_PORT" \
  --user-claims '{"sub": "ana", "email": "ana@example.com", "email_verified": true, "name": "Ana Analyst", "groups": ["rnd"]}' \
  --user-claims '{"sub": "ada", "email": "ada@example.com", "email_verified": true, "name": "Ada Admin", "groups": ["optimizer-admins"]}' \
  --user-claims '{"sub": "lee", "email": "lee@example.com", "email_verified": true, "name": "Lee Lead"}' \
  >"$STATE/logs/oidc.log" 2>&1 &
PIDS+=($!)
wait_for "the OIDC provider" "http://127.0.0.1:$OIDC_PORT/.well-known/openid-configuration"

# The studios' secrets.toml: sign-in, roles, the team secret, the shared Redis.
cat >"$STATE/secrets.toml" <<EOF
OPTIMIZER_TEAM_SECRET = "$TEAM_SECRET"
REDIS_URL = "redis://:$REDIS_PASSWORD@127.0.0.1:$REDIS_PORT/0"
OPTIMIZER_CACHE_BACKEND = "redis"

[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "$COOKIE_SECRET"
client_id = "optimizer-studio"
client_secret = "team-stack-client-secret"
server_metadata_url = "http://127.0.0.1:$OIDC_PORT/.well-known/openid-configuration"

[roles]
admins = ["lee@example.com"]
admin_groups = ["optimizer-admins"]
EOF
chmod 600 "$STATE/secrets.toml"

export OPTIMIZER_DATABASE_URL="postgresql://optimizer@127.0.0.1:$PG_PORT/optimizer"
for port in $STUDIO_PORTS; do
  OPTIMIZER_DATA_DIR="$STATE/studio-$port" "$PY" -m streamlit run app.py --server.port "$port" \
    --server.address 127.0.0.1 --secrets.files "$STATE/secrets.toml" >"$STATE/logs/studio-$port.log" 2>&1 &
  PIDS+=($!)
done
for port in $STUDIO_PORTS; do wait_for "the studio on $port" "http://127.0.0.1:$port/_stcore/health"; done

cat <<EOF

Team stack running (state and logs in $STATE):
$(for port in $STUDIO_PORTS; do echo "  studio        http://127.0.0.1:$port"; done)
  sign in as    ana@example.com (analyst), ada@example.com (admin by group), lee@example.com (admin by email)
  ledger        $OPTIMIZER_DATABASE_URL
  cache         redis://:***@127.0.0.1:$REDIS_PORT/0 (entries signed with the team secret)
  OIDC          http://127.0.0.1:$OIDC_PORT
Both studios share the ledger and the cache: a run on one shows on the other's Stats page.
Each port is its own origin, so sign in on each (behind one reverse proxy, once is enough).
Ctrl-C stops everything.
EOF
wait -n "${PIDS[@]}" || true
echo "team-stack: a process ended (see $STATE/logs)" >&2
