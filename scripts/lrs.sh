#!/usr/bin/env bash
# Runs a real xAPI 1.0.3 Learning Record Store on 127.0.0.1 for Hotwash's tests:
# ralph-malph from PyPI, file-system backend, HTTP Basic auth (hotwash/hotwash-test).
#
#   scripts/lrs.sh install          venv with the pinned ralph (only when missing)
#   scripts/lrs.sh start PORT DIR   serve on 127.0.0.1:PORT, store in DIR, print the
#                                   xAPI base URL (append /statements); log in DIR/lrs.log
#   scripts/lrs.sh stop DIR         stop the server started in DIR and wait for it
#
# HOTWASH_LRS_VENV    venv folder (default $HOME/.cache/hotwash/lrs-venv)
# HOTWASH_LRS_PYTHON  python that creates the venv (default python3)
# HOTWASH_LRS_STOCK=1 run ralph unpatched (see the launcher below)
set -euo pipefail

VENV=${HOTWASH_LRS_VENV:-$HOME/.cache/hotwash/lrs-venv}
PYTHON=${HOTWASH_LRS_PYTHON:-python3}
LRS_USER=hotwash
LRS_PASSWORD=hotwash-test

# Every package of the venv, pinned. The lrs extra serves, the cli extra gives
# `ralph auth`; requests is imported by ralph's API (OIDC) but listed in no extra.
PINS='ralph-malph[cli,lrs]==5.1.0
requests==2.34.2
annotated-types==0.8.0
anyio==4.16.0
bcrypt==4.2.0
cachetools==5.5.0
certifi==2026.10.19.post1
charset-normalizer==3.5.3
click==8.2.0
click-option-group==0.5.10
dnspython==2.9.2
ecdsa==0.19.2
email-validator==2.4.0
fastapi==0.114.2
h11==0.16.0
httpcore==1.0.9
httptools==0.9.0
httpx==0.28.1
idna==3.21
importlib_metadata==8.5.0
langcodes==3.5.1
pyasn1==0.6.5
pydantic==2.14.4
pydantic-settings==2.16.3
pydantic_core==2.50.5
python-dotenv==1.2.4
python-jose==3.3.0
PyYAML==6.0.4
rfc3987==1.3.8
rsa==4.9.1
sentry-sdk==2.14.0
six==1.17.0
starlette==0.38.6
typing-inspection==0.4.5
typing_extensions==4.16.0
urllib3==2.8.0
uvicorn==0.30.6
uvloop==0.23.0
watchfiles==1.3.0
websockets==17.4
zipp==4.1.2'

# Runs uvicorn in this one process (no reloader, unlike `ralph runserver`), with two
# fixes to ralph 5.1.0's fs backend: it writes fs_lrs.jsonl in "create" mode, so every
# POST/PUT that stores anything after the first one fails with 500 (now it appends);
# it compares ?verb= and ?activity= as IRI objects to strings, so they match nothing.
LAUNCHER='
import os, sys
if os.environ.get("HOTWASH_LRS_STOCK") != "1":
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend as Fs
    Fs.default_operation_type = BaseOperationType.APPEND
    def as_str(add):
        return staticmethod(lambda f, iri, *a: add(f, None if iri is None else str(iri), *a))
    Fs._add_filter_by_verb = as_str(Fs._add_filter_by_verb)
    Fs._add_filter_by_activity = as_str(Fs._add_filter_by_activity)
import uvicorn
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="info")
'

die() { echo "lrs.sh: $*" >&2; exit 1; }

usage() {
    echo "usage: lrs.sh install | start PORT DIR | stop DIR" >&2
    exit 2
}

# Creates the venv and installs the pins, unless the stamp says it is done.
install() {
    local stamp=$VENV/.hotwash-lrs-pins
    mkdir -p "$(dirname "$VENV")"
    # Tests start several servers at once: one installs, the others wait for it.
    exec 9>"$VENV.lock"
    flock 9
    if [[ -x $VENV/bin/python && -f $stamp && "$(cat "$stamp")" == "$PINS" ]]; then
        flock -u 9
        return 0
    fi
    echo "lrs.sh: installing ralph into $VENV" >&2
    [[ -x $VENV/bin/python ]] || "$PYTHON" -m venv "$VENV"
    # shellcheck disable=SC2086  # one pin a word
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q $PINS >&2
    printf '%s' "$PINS" >"$stamp"
    flock -u 9
}

# The pid in DIR/lrs.pid if that process is alive and is our server.
running_pid() {
    local pidfile=$1/lrs.pid pid state
    [[ -f $pidfile ]] || return 1
    pid=$(cat "$pidfile")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
    [[ $state != Z ]] || return 1
    grep -qa 'ralph.api:app' "/proc/$pid/cmdline" 2>/dev/null || return 1
    echo "$pid"
}

start() {
    [[ $# -eq 2 && $1 =~ ^[0-9]+$ && $1 -ge 1 && $1 -le 65535 ]] || usage
    local port=$1 dir pid url
    command -v curl >/dev/null || die "curl is needed"
    mkdir -p "$2"
    dir=$(cd "$2" && pwd)
    if pid=$(running_pid "$dir"); then
        die "a server is already running from $dir (pid $pid)"
    fi
    # Another server on the port would answer the readiness check in its place.
    local rc=0
    curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/" || rc=$?
    [[ $rc -eq 7 ]] || die "port $port on 127.0.0.1 is already in use"
    install

    # Everything ralph reads, pointed into DIR (cwd too: ralph reads ./.env).
    export RALPH_APP_DIR=$dir
    export RALPH_AUTH_FILE=$dir/auth.json
    export RALPH_RUNSERVER_BACKEND=fs
    export RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=$dir/statements
    export RALPH_RUNSERVER_AUTH_BACKENDS=basic

    # The test user; `ralph auth` refuses a username twice, so only once.
    : >"$dir/lrs.log"
    if [[ ! -s $dir/auth.json ]]; then
        (cd "$dir" && "$VENV/bin/ralph" auth -w -u "$LRS_USER" -p "$LRS_PASSWORD" -s all \
            -A "$LRS_USER" https://hotwash.example.org -N "$LRS_USER") >>"$dir/lrs.log" 2>&1 ||
            { cat "$dir/lrs.log" >&2; die "ralph auth failed"; }
    fi

    # exec keeps $! the server's own pid; no open stdout, or $(lrs.sh start) would hang.
    (cd "$dir" && exec "$VENV/bin/python" -c "$LAUNCHER" "$port") >>"$dir/lrs.log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$dir/lrs.pid"

    # Ready when our uvicorn has bound the port and an authenticated GET answers 200,
    # within 30 s.
    url=http://127.0.0.1:$port/xAPI
    local deadline=$((SECONDS + 30))
    while ((SECONDS < deadline)); do
        running_pid "$dir" >/dev/null || break
        if grep -q "Uvicorn running on http://127.0.0.1:$port " "$dir/lrs.log" &&
            curl -fsS -o /dev/null --max-time 2 -u "$LRS_USER:$LRS_PASSWORD" \
            -H 'X-Experience-API-Version: 1.0.3' "$url/statements?limit=1" 2>/dev/null; then
            echo "$url"
            return 0
        fi
        sleep 0.1
    done
    echo "lrs.sh: the LRS did not answer on $url; its log:" >&2
    cat "$dir/lrs.log" >&2
    stop "$dir" >/dev/null 2>&1 || true
    exit 1
}

stop() {
    [[ $# -eq 1 ]] || usage
    local dir=$1 pid i
    if ! pid=$(running_pid "$dir"); then
        rm -f "$dir/lrs.pid"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    # uvicorn shuts down in about a second; then it is killed outright.
    for ((i = 0; i < 100; i++)); do
        running_pid "$dir" >/dev/null || break
        sleep 0.1
    done
    if running_pid "$dir" >/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
        for ((i = 0; i < 50; i++)); do
            running_pid "$dir" >/dev/null || break
            sleep 0.1
        done
    fi
    running_pid "$dir" >/dev/null && die "pid $pid would not stop"
    rm -f "$dir/lrs.pid"
}

case ${1:-} in
    install) [[ $# -eq 1 ]] || usage; install ;;
    start) shift; start "$@" ;;
    stop) shift; stop "$@" ;;
    *) usage ;;
esac
