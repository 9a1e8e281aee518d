# shellcheck shell=bash disable=SC2034,SC2119,SC2012
# Shared functions of deploy/up, deploy/down, deploy/test and deploy/bench. Source it; it runs nothing itself.
#
# A "stack" lives in one home directory (INSTAGATE_HOME):
#   pg/data        PostgreSQL cluster (owned by postgres when run as root)
#   run/           unix sockets (PostgreSQL's, the responder's, the sandbox's) and pid files
#   log/           instagate.log, sandbox.log, nginx-access.log, nginx-error.log, postgresql.log
#   nginx/         nginx prefix: the rendered nginx.conf, conf.d/ (the sandbox's server block), tmp/
#   downloads/     files served by nginx under /downloads/ (secure links)
#   uploads/       files uploaded for publishing, served by nginx under /uploads/ (secure links); .incoming/ nginx's bodies
#   env            the INSTAGATE_* variables the stack was started with (source it to run the binary by hand)
#   api-key, secret.key, secure-link.secret   (mode 600)
#
# Callers set IG_SCRIPT (a name for messages) and call ig_stack_vars HOME before anything else.

IG_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

ig_log() { printf '%s: %s\n' "${IG_SCRIPT:-deploy}" "$*" >&2; }
ig_die() { ig_log "error: $*"; exit 1; }
ig_is_root() { [ "$(id -u)" = 0 ]; }

# ig_abs PATH: PATH made absolute (relative to the current directory), without requiring it to exist.
ig_abs() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s/%s\n' "$PWD" "${1#./}" ;; esac; }

# ig_stack_vars HOME: the paths of a stack in HOME (absolute).
ig_stack_vars() {
  IG_HOME=$1
  IG_RUN=$IG_HOME/run
  IG_LOGDIR=$IG_HOME/log
  IG_PGDATA=$IG_HOME/pg/data
  IG_NGINX_DIR=$IG_HOME/nginx
  IG_APP_SOCKET=$IG_RUN/instagate.sock
  IG_SANDBOX_SOCKET=$IG_RUN/sandbox.sock
}

# -- packages and toolchain -------------------------------------------------------------------------

IG_PACKAGES=(libfcgi-dev libfcgi-bin libcurl4-openssl-dev libpq-dev nginx postgresql spawn-fcgi curl
             ca-certificates pkg-config python3-venv libjs-chart.js)
# What deploy/test adds for the browser tests (Tests/BrowserTests): the browser, its WebDriver, and fonts for
# Korean text and emoji in the screenshots.
IG_BROWSER_TEST_PACKAGES=(chromium chromium-driver fonts-noto-cjk fonts-noto-color-emoji)

# ig_ensure_packages [EXTRA...]: installs the Debian packages that are missing (one apt-get update first).
ig_ensure_packages() {
  local p missing=()
  for p in "${IG_PACKAGES[@]}" "$@"; do
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" = installed ] || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  ig_is_root || ig_die "missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})"
  ig_log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ig_require_swift: Swift 6 on PATH (or in /opt/swift/usr/bin, which is then added to PATH).
ig_require_swift() {
  if ! command -v swift >/dev/null 2>&1; then
    [ -x /opt/swift/usr/bin/swift ] || ig_die "Swift 6 not found on PATH nor in /opt/swift/usr/bin: install a Swift 6 toolchain for Debian 12 from swift.org (e.g. unpack it to /opt/swift) and run again"
    PATH=/opt/swift/usr/bin:$PATH
  fi
  local v; v=$(swift --version 2>/dev/null | sed -n 's/.*Swift version \([0-9]*\)\..*/\1/p' | head -1)
  [ "${v:-0}" -ge 6 ] || ig_die "Swift 6 or newer is needed, found: $(swift --version 2>&1 | head -1)"
}

# ig_build [release|debug] [--build-tests]: builds and sets IG_BIN_DIR to the directory of the executables.
ig_build() {
  local config=$1; shift
  ig_log "swift build -c $config $*"
  (cd "$IG_REPO" && swift build -c "$config" "$@") || ig_die "swift build failed"
  IG_BIN_DIR=$(cd "$IG_REPO" && swift build -c "$config" --show-bin-path)
  [ -x "$IG_BIN_DIR/instagate" ] || ig_die "no executable at $IG_BIN_DIR/instagate after the build"
}

# ig_has_sandbox: the sandbox executable was built and its nginx template exists.
ig_has_sandbox() { [ -x "$IG_BIN_DIR/instagram-sandbox" ] && [ -f "$IG_REPO/nginx/sandbox.conf.tmpl" ]; }

# -- ports ---------------------------------------------------------------------------------------------

# ig_port_in_use PORT: something accepts connections on 127.0.0.1:PORT.
ig_port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ig_free_ports N: N distinct free TCP ports on 127.0.0.1, one line.
ig_free_ports() {
  python3 - "$1" 2>/dev/null <<'PY' && return 0
import socket, sys
ss = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in ss: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in ss])
PY
  local out=() p   # no python3: random ports that nothing answers on
  while [ ${#out[@]} -lt "$1" ]; do
    p=$(( 20000 + RANDOM % 40000 ))
    ig_port_in_use "$p" || [[ " ${out[*]} " == *" $p "* ]] || out+=("$p")
  done
  echo "${out[*]}"
}

# -- processes -----------------------------------------------------------------------------------------

# ig_alive PID: running and not a zombie.
ig_alive() {
  local st; st=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
  [ -n "$st" ] && [ "$st" != Z ]
}

# ig_pidfile_pid PIDFILE NAME: the pid in PIDFILE if that process runs and its command line mentions NAME.
ig_pidfile_pid() {
  local pid; pid=$(head -1 "$1" 2>/dev/null) || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] && ig_alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2" &&
    echo "$pid"
}

# ig_stop_pidfile PIDFILE NAME [SIGNAL] [TIMEOUT]: stops the process of PIDFILE (SIGNAL, default TERM;
# KILL after TIMEOUT seconds, default 15) and removes the file. Does nothing if it does not run.
ig_stop_pidfile() {
  local file=$1 name=$2 sig=${3:-TERM} timeout=${4:-15} pid i
  pid=$(ig_pidfile_pid "$file" "$name") || { rm -f "$file"; return 0; }
  kill "-$sig" "$pid" 2>/dev/null || true
  for (( i = 0; i < timeout * 10; i++ )); do ig_alive "$pid" || break; sleep 0.1; done
  if ig_alive "$pid"; then
    ig_log "$name (pid $pid) did not stop within ${timeout}s: KILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
  ig_log "stopped $name (pid $pid)"
}

# ig_start NAME PIDFILE LOGFILE CMD...: starts CMD in the background in its own session (it outlives the
# script and does not get the terminal's Ctrl-C), stdout+stderr appended to LOGFILE, pid written to PIDFILE.
ig_start() {
  local name=$1 pidfile=$2 logfile=$3; shift 3
  # setsid execs in place (a background job of a script is not a process group leader): $! is CMD's pid.
  setsid "$@" </dev/null >>"$logfile" 2>&1 &
  echo $! >"$pidfile"
  ig_log "started $name (pid $!, log $logfile)"
}

# ig_wait_for DESCRIPTION TIMEOUT PID CMD...: retries CMD every 0.1 s until it succeeds; fails when PID
# exits (if PID is not empty) or after TIMEOUT seconds.
ig_wait_for() {
  local what=$1 timeout=$2 pid=$3 i; shift 3
  for (( i = 0; i < timeout * 10; i++ )); do
    "$@" >/dev/null 2>&1 && return 0
    [ -z "$pid" ] || ig_alive "$pid" || { ig_log "$what: the process exited"; return 1; }
    sleep 0.1
  done
  ig_log "$what: not ready after ${timeout}s"
  return 1
}

# ig_http_status URL: the HTTP status of a GET (000 if no answer).
ig_http_status() { curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" 2>/dev/null || true; }
ig_health_ok() { [ "$(ig_http_status "$1/health")" = 200 ]; }

# ig_tail_logs [LINES]: the end of every log of the stack, for failures.
ig_tail_logs() {
  local f
  for f in "$IG_LOGDIR"/*.log; do
    case ${f##*/} in initdb.log) continue ;; esac
    [ -s "$f" ] || continue
    printf '\n----- %s (last %s lines) -----\n' "$f" "${1:-40}" >&2
    tail -n "${1:-40}" "$f" >&2
  done
}

# -- PostgreSQL ----------------------------------------------------------------------------------------

# ig_pg_bindir: the directory with initdb/pg_ctl/postgres/psql (the Debian versioned one preferred).
ig_pg_bindir() {
  local d
  for d in "$(pg_config --bindir 2>/dev/null)" $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  d=$(dirname "$(command -v initdb 2>/dev/null)" 2>/dev/null) && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  ig_die "PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql"
}

# ig_pg_user: the OS user that owns and runs the cluster (postgres when root, else the current user).
ig_pg_user() { if ig_is_root; then echo postgres; else id -un; fi; }

# ig_as_pg CMD ARGS...: runs CMD as the cluster's user.
ig_as_pg() { if ig_is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }

# ig_pg NAME ARGS...: runs the PostgreSQL binary NAME (initdb, pg_ctl, psql ...) as the cluster's user.
ig_pg() {
  IG_PGBIN=${IG_PGBIN:-$(ig_pg_bindir)}
  local bin=$IG_PGBIN/$1; shift
  ig_as_pg "$bin" "$@"
}

# ig_pg_ctl_cmd start|stop: the bash command line (quoted) that starts or stops this stack's cluster.
# start first closes every descriptor above 2: the postmaster would keep whatever it inherits open for
# its whole life (a caller waiting for EOF on one, like Foundation's Process, would wait forever). Run it
# with `bash -c` or in a subshell, never with eval in a shell that needs its descriptors.
ig_pg_ctl_cmd() {
  local cmd=()
  ig_is_root && cmd=(runuser -u postgres --)
  IG_PGBIN=${IG_PGBIN:-$(ig_pg_bindir)}
  cmd+=("$IG_PGBIN/pg_ctl" -D "$IG_PGDATA")
  case $1 in
    start)
      cmd+=(-l "$IG_LOGDIR/postgresql.log" -w -t 60 start)
      # shellcheck disable=SC2016
      printf '%s' '{ for fd in $(ls /proc/$BASHPID/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; } 2>/dev/null; ' ;;
    stop) cmd+=(-m fast -w -t 60 stop) ;;
  esac
  printf '%q ' "${cmd[@]}"
}

# ig_secure_home: closes the stack's directories to other local users of the host. Our own processes (the
# responder, the worker, the sandbox, nginx's workers) run as the invoking user; PostgreSQL runs as postgres
# when that user is root, and shares only the group postgres with us: the home and log/ can be traversed by
# that group (0710, 0750), run/ (PostgreSQL's socket beside ours) is 1770 root:postgres (sticky: postgres
# cannot remove our sockets). Not root: everything 0700. The files in them are 0600 (secrets, env) or
# 0660 (our sockets: FastCGIServer), PostgreSQL's socket 0770.
ig_secure_home() {
  mkdir -p "$IG_RUN" "$IG_LOGDIR" "$IG_HOME/downloads" "$IG_HOME/uploads/.incoming" "$IG_NGINX_DIR"
  if ig_is_root && id postgres >/dev/null 2>&1; then
    chown root:postgres "$IG_HOME" "$IG_RUN" "$IG_LOGDIR"
    chmod 0710 "$IG_HOME"
    chmod 1770 "$IG_RUN"
    chmod 0750 "$IG_LOGDIR"
  else
    chmod 0700 "$IG_HOME" "$IG_RUN" "$IG_LOGDIR"
  fi
  chmod 0700 "$IG_HOME/downloads" "$IG_HOME/uploads" "$IG_NGINX_DIR"
}

# ig_pg_auth: PostgreSQL's authentication, rewritten on every start (also for a cluster an older deploy/up
# made with trust): unix socket only, peer authentication through the map "instagate": the cluster's OS
# user is the superuser postgres, the OS user that runs deploy/up or deploy/test (and so the responder,
# the worker and the tests) is the role instagate, and nobody else is anyone. Sets IG_PG_AUTH_CHANGED=1
# when a file changed (a running cluster must reload).
ig_pg_auth() {
  local pguser me hba ident
  pguser=$(ig_pg_user); me=$(id -un)
  hba="# instagate (deploy/lib.sh ig_pg_auth): unix socket only, peer authentication by the map below
local   all   all   peer map=instagate"
  ident="# instagate (deploy/lib.sh ig_pg_auth): OS user -> role. Nobody else may connect.
# MAPNAME   SYSTEM-USERNAME   PG-USERNAME
instagate   $pguser   postgres
instagate   $me   instagate"
  IG_PG_AUTH_CHANGED=0
  if [ "$(ig_as_pg cat "$IG_PGDATA/pg_hba.conf" 2>/dev/null)" != "$hba" ] ||
     [ "$(ig_as_pg cat "$IG_PGDATA/pg_ident.conf" 2>/dev/null)" != "$ident" ]; then
    printf '%s\n' "$hba" | ig_as_pg tee "$IG_PGDATA/pg_hba.conf" >/dev/null
    printf '%s\n' "$ident" | ig_as_pg tee "$IG_PGDATA/pg_ident.conf" >/dev/null
    IG_PG_AUTH_CHANGED=1
  fi
  # The socket itself: owner and group only (before this line existed it was 0777).
  if ! ig_as_pg grep -q "^unix_socket_permissions = 0770" "$IG_PGDATA/postgresql.conf"; then
    echo "unix_socket_permissions = 0770" | ig_as_pg tee -a "$IG_PGDATA/postgresql.conf" >/dev/null
    IG_PG_AUTH_CHANGED=2
  fi
}

# ig_pg_init [fast]: creates the cluster in IG_PGDATA if there is none (fast: durability off, for
# tests and benchmarks). Its only socket is in IG_RUN; no TCP; peer authentication (ig_pg_auth).
# Sets IG_PG_CREATED=1 when it made one.
ig_pg_init() {
  local mode=${1:-} user locale=C
  user=$(ig_pg_user)
  IG_PG_CREATED=0
  mkdir -p "$IG_HOME/pg" "$IG_RUN" "$IG_LOGDIR"
  ig_secure_home
  if ig_is_root; then
    chown postgres: "$IG_HOME/pg"
    touch "$IG_LOGDIR/postgresql.log"; chown postgres: "$IG_LOGDIR/postgresql.log"
    ig_as_pg test -w "$IG_HOME/pg" -a -w "$IG_RUN" ||
      ig_die "the postgres user cannot reach $IG_HOME (a parent directory is not traversable, e.g. /root is 0700): use another INSTAGATE_HOME, e.g. INSTAGATE_HOME=/var/lib/instagate $0, or set INSTAGATE_DATABASE_URL to an existing database"
  fi
  chmod 700 "$IG_HOME/pg"
  if [ ! -f "$IG_PGDATA/PG_VERSION" ]; then
    locale -a 2>/dev/null | grep -qix 'c.utf-\?8' && locale=C.UTF-8
    ig_log "creating a PostgreSQL cluster in $IG_PGDATA (as $user)"
    ig_pg initdb -D "$IG_PGDATA" -U postgres --auth-local=peer --auth-host=reject -E UTF8 --locale="$locale" \
      ${mode:+--no-sync} >"$IG_LOGDIR/initdb.log" 2>&1 || { cat "$IG_LOGDIR/initdb.log" >&2; ig_die "initdb failed"; }
    {
      echo "# --- instagate (deploy/lib.sh): unix socket only, in the stack's run directory"
      echo "listen_addresses = ''"
      echo "unix_socket_directories = '$IG_RUN'"
      echo "max_connections = 200"
      echo "shared_buffers = 128MB"
      if [ "$mode" = fast ]; then
        echo "# throwaway cluster (tests, benchmarks): durability off"
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
      fi
    } | ig_as_pg tee -a "$IG_PGDATA/postgresql.conf" >/dev/null
    IG_PG_CREATED=1
  fi
  ig_pg_auth
}

ig_pg_running() { ig_pg pg_ctl -D "$IG_PGDATA" status >/dev/null 2>&1; }

# ig_pg_start: starts the cluster unless it runs (reloads or restarts a running one whose authentication
# ig_pg_auth changed), and creates the role and database "instagate": the role owns its database (and so
# the tables its migrations create) and is nothing more: no superuser, no CREATEDB, no CREATEROLE.
ig_pg_start() {
  if ig_pg_running; then
    case ${IG_PG_AUTH_CHANGED:-0} in
      1) ig_pg pg_ctl -D "$IG_PGDATA" reload >/dev/null && ig_log "PostgreSQL reloaded (peer authentication)" ;;
      2) ( eval "$(ig_pg_ctl_cmd stop)" ) >/dev/null 2>&1 || true ;;
    esac
  fi
  if ! ig_pg_running; then
    ( eval "$(ig_pg_ctl_cmd start)" ) >/dev/null || { tail -20 "$IG_LOGDIR/postgresql.log" >&2; ig_die "PostgreSQL did not start"; }
    ig_log "PostgreSQL started (socket in $IG_RUN, log $IG_LOGDIR/postgresql.log)"
  fi
  ig_pg psql -X -q -v ON_ERROR_STOP=1 -h "$IG_RUN" -U postgres -d postgres >/dev/null <<'SQL' || ig_die "cannot create the role/database instagate"
SELECT 'CREATE ROLE instagate LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'instagate')\gexec
ALTER ROLE instagate NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
SELECT 'CREATE DATABASE instagate OWNER instagate' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'instagate')\gexec
SQL
}

ig_pg_stop() {
  [ -f "$IG_PGDATA/postmaster.pid" ] || return 0
  ( eval "$(ig_pg_ctl_cmd stop)" ) >/dev/null 2>&1 || {
    local pm; pm=$(head -1 "$IG_PGDATA/postmaster.pid" 2>/dev/null)
    ig_log "pg_ctl stop failed: KILL postmaster $pm"
    [ -n "$pm" ] && kill -KILL "$pm" 2>/dev/null
  }
  ig_log "stopped PostgreSQL ($IG_PGDATA)"
}

# The libpq URL of the local cluster (role and database instagate, socket in IG_RUN).
ig_local_database_url() { echo "postgresql://instagate@/instagate?host=$IG_RUN"; }

# -- secrets -------------------------------------------------------------------------------------------

# ig_secret_file FILE BYTES hex|raw: creates FILE (mode 600) with BYTES random bytes unless it exists.
ig_secret_file() {
  [ -s "$1" ] && return 0
  ( umask 077
    if [ "$3" = hex ]; then od -An -tx1 -N"$2" /dev/urandom | tr -d ' \n' >"$1"
    else head -c "$2" /dev/urandom >"$1"; fi )
  ig_log "created $1"
}

# -- the instagate environment -------------------------------------------------------------------------

# ig_export_env HTTP_PORT SANDBOX_PORT: exports the INSTAGATE_* variables the executables read (keeping
# the ones the caller set) and writes them to IG_HOME/env (for running the binary by hand).
ig_export_env() {
  local http=$1 sandbox=$2
  export INSTAGATE_HOME=$IG_HOME
  export INSTAGATE_DATABASE_URL=${INSTAGATE_DATABASE_URL:-$(ig_local_database_url)}
  unset INSTAGATE_LISTEN   # given to `instagate serve` only (ig_start_responder): a test that runs the
                          # binary must not take over the stack's socket
  unset INSTAGATE_WORKER_METRICS_LISTEN   # likewise given to the stack's `instagate work` only (IG_WORKER_METRICS_LISTEN)
  export INSTAGATE_SQL_DIR=${INSTAGATE_SQL_DIR:-$IG_REPO/sql}
  export INSTAGATE_SECRET_KEY_FILE=${INSTAGATE_SECRET_KEY_FILE:-$IG_HOME/secret.key}
  export INSTAGATE_PUBLIC_URL=${INSTAGATE_PUBLIC_URL:-http://127.0.0.1:$http}
  export INSTAGATE_INSTAGRAM_WEB_URL=${INSTAGATE_INSTAGRAM_WEB_URL:-http://127.0.0.1:$sandbox}
  export INSTAGATE_INSTAGRAM_API_URL=${INSTAGATE_INSTAGRAM_API_URL:-http://127.0.0.1:$sandbox}
  # Meta's Graph API hosts: the sandbox serves each under /__host/<host>/ on its one port; its two apps' ids and
  # secrets (Sources/InstagramSandbox/Worlds/default/graph.json) unless the caller configured real ones.
  export INSTAGATE_GRAPH_HOST_BASE=${INSTAGATE_GRAPH_HOST_BASE:-http://127.0.0.1:$sandbox/__host/}
  ig_secret_file "$IG_HOME/graph-webhook-verify.token" 16 hex   # the hub.verify_token of webhook subscriptions
  if [ -z "${INSTAGATE_INSTAGRAM_APP_ID:-}" ]; then
    export INSTAGATE_INSTAGRAM_APP_ID=990011223344556
    [ -s "$IG_HOME/instagram-app.secret" ] || ( umask 077; echo sandbox-instagram-app-secret-7c1e >"$IG_HOME/instagram-app.secret" )
  fi
  if [ -z "${INSTAGATE_FACEBOOK_APP_ID:-}" ]; then
    export INSTAGATE_FACEBOOK_APP_ID=1122334455667788
    [ -s "$IG_HOME/facebook-app.secret" ] || ( umask 077; echo sandbox-facebook-app-secret-4d2a >"$IG_HOME/facebook-app.secret" )
  fi
  ( umask 077; env | grep '^INSTAGATE_' | sort | while IFS= read -r line; do
      printf '%s=%q\n' "${line%%=*}" "${line#*=}"; done >"$IG_HOME/env" )
}

# -- nginx ---------------------------------------------------------------------------------------------

# ig_render TEMPLATE OUT NAME=VALUE...: replaces every @NAME@ in TEMPLATE; fails if a placeholder is left
# on a line that is not a comment.
ig_render() {
  local tmpl=$1 outfile=$2 kv v args=(); shift 2
  for kv in "$@"; do
    v=${kv#*=}; v=${v//\\/\\\\}; v=${v//|/\\|}; v=${v//&/\\&}
    args+=(-e "s|@${kv%%=*}@|$v|g")
  done
  ( umask 077; sed "${args[@]}" "$tmpl" >"$outfile" )
  local left; left=$(grep -v '^[[:space:]]*#' "$outfile" | grep -o '@[A-Z_]*@' | sort -u | tr '\n' ' ' || true)
  [ -z "$left" ] || ig_die "$tmpl: no value for $left"
}

# ig_nginx_vars HTTP_PORT SANDBOX_PORT: the NAME=VALUE pairs for the templates (array IG_NGINX_VARS). The caller
# may set IG_APP_SERVERS (the upstream's `server ...;` lines; default the one responder's unix socket) and
# IG_SANDBOX_HOST (the address the sandbox's server block listens on; default 127.0.0.1): deploy/scale does.
ig_nginx_vars() {
  local max=${INSTAGATE_MAX_BODY_BYTES:-1048576}
  IG_NGINX_VARS=(
    "HOME=$IG_HOME" "RUN=$IG_RUN" "LOG=$IG_LOGDIR" "HTTP_PORT=$1" "SANDBOX_PORT=$2"
    "APP_SOCKET=$IG_APP_SOCKET" "SANDBOX_SOCKET=$IG_SANDBOX_SOCKET" "USER=$(id -un) $(id -gn)"
    "APP_SERVERS=${IG_APP_SERVERS:-server unix:$IG_APP_SOCKET;}" "SANDBOX_HOST=${IG_SANDBOX_HOST:-127.0.0.1}"
    "DOWNLOADS=$IG_HOME/downloads" "SECURE_LINK_SECRET=$(cat "$IG_HOME/secure-link.secret")"
    "MAX_BODY=$(( max + 65536 ))"
    "API_RATE=${INSTAGATE_API_RATE:-50r/s}" "API_BURST=${INSTAGATE_API_BURST:-100}"
    "DOWNLOAD_RATE=${INSTAGATE_DOWNLOAD_RATE:-10r/m}" "DOWNLOAD_BURST=${INSTAGATE_DOWNLOAD_BURST:-9}"
    "SANDBOX_FILES=$IG_HOME/sandbox-files"
    "SANDBOX_FIXTURES=$IG_REPO/Sources/InstagramSandbox/Worlds/default/media"
  )
}

# ig_install_ui: the web interface (nginx/ui) into IG_NGINX_DIR/ui: its assets under VERSION/ (the first 12 hex
# of a SHA-256 over every file of nginx/ui and Debian's Chart.js, so a changed file is a new URL and browsers may
# cache the assets for a year), vendor/chart.js in it a symlink to Debian's libjs-chart.js, index.html with
# @UI_VERSION@ replaced (served uncached at GET /). Without it nginx still starts (GET / for a browser is then a 404).
# Sets IG_UI_VERSION. No other build step: the files are plain HTML, CSS and JavaScript modules.
IG_CHART_JS_DIR=/usr/share/javascript/chart.js
ig_install_ui() {
  local src=$IG_REPO/nginx/ui dst=$IG_NGINX_DIR/ui
  IG_UI_VERSION=$( { (cd "$src" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
                     cat "$IG_CHART_JS_DIR/chart.min.js" 2>/dev/null || true; } | sha256sum | cut -c1-12)
  rm -rf "$dst"
  mkdir -p "$dst/$IG_UI_VERSION/vendor"
  cp -R "$src/." "$dst/$IG_UI_VERSION/"
  rm -f "$dst/$IG_UI_VERSION/index.html"
  [ -d "$IG_CHART_JS_DIR" ] && ln -s "$IG_CHART_JS_DIR" "$dst/$IG_UI_VERSION/vendor/chart.js"
  sed "s|@UI_VERSION@|$IG_UI_VERSION|g" "$src/index.html" >"$dst/index.html"
}

# ig_browser_venv: a Python venv with selenium (the browser tests' WebDriver client, from PyPI) in
# $IG_BROWSER_VENV, default /var/cache/instagate/browser-venv (root) or ~/.cache/instagate/browser-venv, made once
# and kept while it holds that version (a fresh clone does not install it again); sets IG_BROWSER_PYTHON.
IG_SELENIUM_VERSION=4.51.0
ig_browser_venv() {
  local venv=${IG_BROWSER_VENV:-}
  if [ -z "$venv" ]; then
    if ig_is_root; then venv=/var/cache/instagate/browser-venv; else venv=$HOME/.cache/instagate/browser-venv; fi
  fi
  mkdir -p "$(dirname "$venv")"
  if ! "$venv/bin/python" -c "import sys, selenium; sys.exit(selenium.__version__ != '$IG_SELENIUM_VERSION')" 2>/dev/null; then
    ig_log "installing selenium $IG_SELENIUM_VERSION into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv" &&
      "$venv/bin/pip" install --quiet --disable-pip-version-check "selenium==$IG_SELENIUM_VERSION" || return 1
  fi
  IG_BROWSER_PYTHON=$venv/bin/python
}

# ig_write_cors_map: the origins of INSTAGATE_CORS_ORIGINS (space or comma separated, each scheme://host[:port])
# as lines of nginx.conf's `$cors_origin` map, in IG_NGINX_DIR/cors-origins.map (empty: no origin allowed).
ig_write_cors_map() {
  local origin lines="" origins=${INSTAGATE_CORS_ORIGINS:-}   # unset (deploy/up's default): no origin
  for origin in ${origins//,/ }; do
    [[ "$origin" =~ ^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$ ]] ||
      ig_die "INSTAGATE_CORS_ORIGINS: '$origin' is not an origin (scheme://host[:port], no path)"
    lines+="    \"$origin\" \$http_origin;"$'\n'
  done
  ( umask 077; printf '%s' "$lines" >"$IG_NGINX_DIR/cors-origins.map" )
}

ig_nginx() { nginx -p "$IG_NGINX_DIR/" -c "$IG_NGINX_DIR/nginx.conf" -e "$IG_LOGDIR/nginx-error.log" "$@"; }

# ig_nginx_dirs: the folders nginx.conf names (its temp and conf.d, downloads, uploads and their .incoming
# bodies, the logs); nginx does not start without them.
ig_nginx_dirs() {
  mkdir -p "$IG_NGINX_DIR/tmp" "$IG_NGINX_DIR/conf.d" "$IG_HOME/downloads" "$IG_HOME/uploads/.incoming" "$IG_LOGDIR"
}

# ig_start_nginx HTTP_PORT SANDBOX_PORT: renders the templates into IG_HOME/nginx and starts nginx
# (daemon; pid file IG_RUN/nginx.pid). The sandbox's server block is included only when it runs.
ig_start_nginx() {
  ig_nginx_dirs
  ig_render_nginx_conf "$1" "$2"
  ig_install_ui
  rm -f "$IG_NGINX_DIR/conf.d/sandbox.conf"
  if ig_has_sandbox; then
    ig_render "$IG_REPO/nginx/sandbox.conf.tmpl" "$IG_NGINX_DIR/conf.d/sandbox.conf" "${IG_NGINX_VARS[@]}"
  fi
  ig_nginx -q -t || ig_die "nginx -t failed on $IG_NGINX_DIR/nginx.conf"
  ig_nginx || ig_die "nginx did not start (see $IG_LOGDIR/nginx-error.log)"
  ig_wait_for "nginx pid file" 10 "" ig_pidfile_pid "$IG_RUN/nginx.pid" nginx || ig_die "nginx did not start"
  ig_log "started nginx (pid $(cat "$IG_RUN/nginx.pid"), http://127.0.0.1:$1, logs $IG_LOGDIR/nginx-*.log)"
}

# ig_render_nginx_conf HTTP_PORT SANDBOX_PORT: nginx.conf (and its CORS map) from the template, with the
# current INSTAGATE_* settings.
ig_render_nginx_conf() {
  ig_nginx_vars "$1" "$2"
  ig_write_cors_map
  ig_render "$IG_REPO/nginx/instagate.conf.tmpl" "$IG_NGINX_DIR/nginx.conf" "${IG_NGINX_VARS[@]}"
}

# ig_reload_nginx HTTP_PORT SANDBOX_PORT: nginx.conf rendered again with the current INSTAGATE_* settings and
# nginx told to reload it (its connections and rate-limit zones carry on).
ig_reload_nginx() {
  ig_render_nginx_conf "$1" "$2"
  ig_nginx -q -t || ig_die "nginx -t failed on $IG_NGINX_DIR/nginx.conf"
  ig_nginx -s reload || ig_die "nginx did not reload (see $IG_LOGDIR/nginx-error.log)"
  sleep 1.5   # the master starts new workers with the new settings; the old ones finish what they hold
}

# -- the stack -----------------------------------------------------------------------------------------

# ig_start_responder: starts `instagate serve` on IG_APP_SOCKET and waits for the socket.
ig_start_responder() {
  rm -f "$IG_APP_SOCKET"
  ig_start instagate "$IG_RUN/instagate.pid" "$IG_LOGDIR/instagate.log" \
    env INSTAGATE_LISTEN="unix:$IG_APP_SOCKET" "$IG_BIN_DIR/instagate" serve
  ig_wait_for "instagate serve" 30 "$(cat "$IG_RUN/instagate.pid")" test -S "$IG_APP_SOCKET" ||
    { tail -20 "$IG_LOGDIR/instagate.log" >&2; ig_die "the responder did not start"; }
}

# ig_start_sandbox SANDBOX_PORT: starts the Instagram sandbox if it was built (no-op otherwise); its media URLs
# name IG_SANDBOX_HOST (default 127.0.0.1).
ig_start_sandbox() {
  ig_has_sandbox || return 0
  local args=(serve --listen "unix:$IG_SANDBOX_SOCKET" --admin --files-dir "$IG_HOME/sandbox-files"
              --public-url "http://${IG_SANDBOX_HOST:-127.0.0.1}:$1")
  [ -n "${INSTAGATE_SANDBOX_WORLD:-}" ] && args+=(--world "$INSTAGATE_SANDBOX_WORLD")
  mkdir -p "$IG_HOME/sandbox-files"
  rm -f "$IG_SANDBOX_SOCKET"
  ig_start instagram-sandbox "$IG_RUN/sandbox.pid" "$IG_LOGDIR/sandbox.log" "$IG_BIN_DIR/instagram-sandbox" "${args[@]}"
  ig_wait_for "instagram-sandbox" 30 "$(cat "$IG_RUN/sandbox.pid")" test -S "$IG_SANDBOX_SOCKET" ||
    { tail -20 "$IG_LOGDIR/sandbox.log" >&2; ig_die "the sandbox did not start"; }
}

# ig_sandbox_register_callback SANDBOX_PORT: registers the stack's OAuth callback (INSTAGATE_GRAPH_REDIRECT_URI, else
# $INSTAGATE_PUBLIC_URL/api/sns/instagram/callback) with the sandbox's two apps, as one adds it to a real app's
# "Valid OAuth Redirect URIs" on Meta's dashboard. The sandbox's world knows only http://127.0.0.1:8080's: without
# this, Meta's consent page refused ("Invalid redirect_uri") a stack on another port or public URL. A no-op without
# the sandbox; an app the sandbox does not have (real ids configured) is left alone.
ig_sandbox_register_callback() {
  ig_has_sandbox || return 0
  local uri=${INSTAGATE_GRAPH_REDIRECT_URI:-${INSTAGATE_PUBLIC_URL%/}/api/sns/instagram/callback} app
  for app in ${INSTAGATE_INSTAGRAM_APP_ID:-} ${INSTAGATE_FACEBOOK_APP_ID:-}; do
    curl -s -f -o /dev/null -m 5 -X POST -H 'Content-Type: application/json' -d "{\"uri\":\"$uri\"}" \
      "http://127.0.0.1:$1/__sandbox/graph/apps/$app/redirect-uris" ||
      ig_log "the sandbox has no app $app: its redirect URIs are left alone"
  done
}

# ig_start_worker: starts `instagate work` (the job worker) once the binary has that command (no-op before).
# With IG_WORKER_METRICS_LISTEN (a loopback HOST:PORT) it serves its Prometheus metrics there.
ig_start_worker() {
  # (`instagate work --help` exits 0 even without the command: look for it in the list of subcommands)
  "$IG_BIN_DIR/instagate" --help 2>/dev/null | grep -qE '^  work( |$)' || return 0
  ig_start "instagate work" "$IG_RUN/worker.pid" "$IG_LOGDIR/worker.log" \
    env INSTAGATE_WORKER_METRICS_LISTEN="${IG_WORKER_METRICS_LISTEN:-}" "$IG_BIN_DIR/instagate" work
  sleep 0.5
  ig_alive "$(cat "$IG_RUN/worker.pid")" || { tail -20 "$IG_LOGDIR/worker.log" >&2; ig_die "the worker exited at once"; }
}

# ig_stop_stack: stops everything of the stack in IG_HOME by its pid files; keeps the data.
ig_stop_stack() {
  ig_stop_pidfile "$IG_RUN/nginx.pid" nginx QUIT 10
  ig_stop_pidfile "$IG_RUN/worker.pid" instagate TERM 20
  ig_stop_pidfile "$IG_RUN/instagate.pid" instagate TERM 20
  ig_stop_pidfile "$IG_RUN/sandbox.pid" instagram-sandbox TERM 10
  ig_pg_stop
}

# ig_migrate_and_key: runs the migrations, then creates IG_HOME/api-key (mode 600) unless it exists.
ig_migrate_and_key() {
  (cd "$IG_REPO" && "$IG_BIN_DIR/instagate" migrate) || ig_die "instagate migrate failed"
  [ -s "$IG_HOME/api-key" ] && return 0
  local key
  key=$(cd "$IG_REPO" && "$IG_BIN_DIR/instagate" keys create --name "${1:-first key}") || ig_die "instagate keys create failed"
  key=$(printf '%s\n' "$key" | tail -1)
  [ -n "$key" ] || ig_die "instagate keys create printed no key"
  ( umask 077; printf '%s\n' "$key" >"$IG_HOME/api-key" )
  ig_log "created an API key in $IG_HOME/api-key"
}

# ig_start_worker_supervised: starts `instagate work` under a restart loop (as systemd's Restart= does in
# production), so a worker killed with SIGKILL is replaced; SIGTERM to the loop stops the worker gracefully.
# With IG_WORKER_METRICS_LISTEN each worker serves its metrics there (a replacement binds the port again).
ig_start_worker_supervised() {
  "$IG_BIN_DIR/instagate" --help 2>/dev/null | grep -qE '^  work( |$)' || return 0
  # shellcheck disable=SC2016  # the loop's $0 and $child are the inner bash's
  ig_start "instagate work (supervised)" "$IG_RUN/worker.pid" "$IG_LOGDIR/worker.log" \
    env INSTAGATE_WORKER_METRICS_LISTEN="${IG_WORKER_METRICS_LISTEN:-}" bash -c '
    trap "kill -TERM \$child 2>/dev/null; wait \$child; exit 0" TERM INT
    while :; do "$0" work & child=$!; wait $child; echo "worker exited ($?): restarting" >&2; sleep 0.5; done' \
    "$IG_BIN_DIR/instagate"
}
