#!/usr/bin/env bash
# Time `tandem add` as a person feels it: a whole new process talking to a running Tandem.
#
# Run from anywhere:
#
#     bench/bench_cli_add.sh
#
# Starts `tandem serve` on a free port with a throw-away data directory, creates the demo
# account and a personal token, logs the command line in with that token, then times
# `tandem add` end to end. Prints figures only. Target: median under 400 ms.
set -euo pipefail

cd "$(dirname "$0")/.."
PYTHON=.venv/bin/python
TANDEM=.venv/bin/tandem
RUNS=${RUNS:-15}

DATA=$(mktemp -d -t tandem-bench-cli-XXXXXX)
export TANDEM_DATA_DIR=$DATA
export TANDEM_CONFIG=$DATA/cli-config.json
PORT=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
SERVER=http://127.0.0.1:$PORT
SERVER_PID=

stop() {
    if [[ -n $SERVER_PID ]]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$DATA"
}
trap stop EXIT

"$TANDEM" serve --port "$PORT" --workers 2 >"$DATA/server.log" 2>&1 &
SERVER_PID=$!

# `tandem serve` migrates and collects static files before it listens.
for _ in $(seq 1 120); do
    if "$PYTHON" -c "import urllib.request; urllib.request.urlopen('$SERVER/login/', timeout=1)" \
        2>/dev/null; then
        break
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "The server did not start:" >&2
        cat "$DATA/server.log" >&2
        exit 1
    fi
    sleep 0.5
done

# "Demo account ready: log in as EMAIL with the password PASSWORD"
read -r EMAIL PASSWORD < <("$TANDEM" demo | sed -E 's/.* as ([^ ]+) with the password ([^ ]+)$/\1 \2/')
TOKEN=$("$PYTHON" - "$SERVER" "$EMAIL" "$PASSWORD" <<'EOF'
import json
import sys
import urllib.request

server, email, password = sys.argv[1:]
body = json.dumps({"email": email, "password": password, "name": "bench"}).encode()
request = urllib.request.Request(
    server + "/api/tokens", data=body, headers={"Content-Type": "application/json"}
)
with urllib.request.urlopen(request, timeout=10) as response:
    print(json.load(response)["token"])
EOF
)
"$TANDEM" login --server "$SERVER" --token "$TOKEN"

"$PYTHON" - "$TANDEM" "$RUNS" <<'EOF'
import statistics
import subprocess
import sys
import time

tandem, runs = sys.argv[1], int(sys.argv[2])
command = [tandem, "add", "Bench ask", "--effort", "2h", "--due", "next friday", "--from", "boss"]
subprocess.run(command, check=True, capture_output=True)  # warm-up: the page cache, .pyc files
timings = []
for _ in range(runs):
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    timings.append((time.perf_counter() - started) * 1000)
median = statistics.median(timings)
print(f"tandem add, whole process, {runs} runs")
print(f"  median {median:.0f} ms   min {min(timings):.0f} ms   max {max(timings):.0f} ms")
print(f"  {'meets' if median < 400 else 'misses'} the target of a median under 400 ms")
EOF
