# Shared by the load benchmarks (bench/run, bench/tasks): settings from the environment,
# the release build, starting and stopping Dayline on a fresh database, and wrk result lines.
# Sourced with the repository root as the working directory and $root set.

duration=${DURATION:-10s}
connections=${CONNECTIONS:-50}
threads=${WRK_THREADS:-2}
backends=${BACKENDS:-sqlite postgres}
admin_url=${DAYLINE_BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
port=${BENCH_PORT:-18181}
# Request log lines are on by default, as in production; LOG=warn measures without them.
log_level=${LOG:-info}
results="$root/bench/results"
bench_password="benchmark correct horse battery"
mkdir -p "$results"

if ! command -v wrk >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || { echo "the benchmarks need wrk (apt-get install wrk)" >&2; exit 1; }
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

echo "building release binary…"
cargo build --release --locked --quiet
bin="$root/target/release/dayline"

pid=""
stop() { [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; pid=""; }
trap stop EXIT

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kib() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }

# start DATA_DIR [DATABASE_URL]: runs serve in the background, waits until ready, and sets
# $pid and $ready_ms (time from exec to the first 200 on /readyz).
start() {
    local data=$1 url=${2:-}
    # One client address drives all the load, so the per-address limits are off here.
    env DAYLINE_DATA_DIR="$data" DAYLINE_LISTEN="127.0.0.1:$port" DAYLINE_LOG="$log_level" DAYLINE_LOG_FORMAT=json \
        DAYLINE_RATE_LIMIT_IP_PER_MINUTE=0 DAYLINE_RATE_LIMIT_USER_PER_MINUTE=0 \
        DAYLINE_LOGIN_ATTEMPTS_PER_IP_PER_MINUTE=0 DATABASE_URL="${app_url:-$url}" \
        ${app_url:+DATABASE_MIGRATION_URL="$url"} "$bin" serve >"$data.log" 2>&1 &
    pid=$!
    local started
    started=$(date +%s%N)
    for _ in $(seq 1 500); do
        if curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then
            ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
            return
        fi
        sleep 0.01
    done
    echo "Dayline did not become ready; log:" >&2
    cat "$data.log" >&2
    exit 1
}

# report BACKEND NAME WRK_OUTPUT: one result line.
report() {
    local backend=$1 name=$2 out=$3
    echo "$out" >"$results/$backend-$(tr -c "a-zA-Z0-9\n" "_" <<<"$name").txt"
    local rps p50 p99 errors
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx or 3xx responses/ {print $5}' <<<"$out")
    printf '%-9s %-28s %12s %10s %10s %12s %8s\n' "$backend" "$name" "$rps" "$p50" "$p99" \
        "$(( $(hwm_kib "$pid") / 1024 )) MiB" "${errors:-0}"
}

# scenario BACKEND NAME PATH [WRK ARGS…]: one wrk run (extra arguments such as -H or -s go
# to wrk), one result line, and the server's CPU time per request (user + system, all threads).
scenario() {
    local backend=$1 name=$2 path=$3 out
    shift 3
    local ticks_before
    ticks_before=$(cpu_ticks "$pid")
    out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@" "http://127.0.0.1:$port$path")
    report "$backend" "$name" "$out"
    local requests ticks
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    ticks=$(( $(cpu_ticks "$pid") - ticks_before ))
    printf '%-9s %-28s server CPU per request: %s µs\n' "$backend" "" \
        "$(awk -v t="$ticks" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", t / hz / n * 1e6}')"
}

# prepare BACKEND: a fresh data dir ($data) and, for PostgreSQL, a fresh database ($url, as
# owner; served as the restricted role $app_url), with the user bench@example.com.
prepare() {
    local backend=$1
    data=$(mktemp -d "/tmp/dayline-bench-$backend.XXXX")
    url=""
    app_url=""
    if [ "$backend" = postgres ]; then
        db="dayline_bench_$(date +%s)"
        psql "$admin_url" -q -c "CREATE DATABASE $db" >/dev/null
        url="${admin_url%/*}/$db"
    fi
    # A user to sign in as, for the authenticated scenarios (this also migrates, as the owner).
    printf '%s\n' "$bench_password" | DAYLINE_DATA_DIR="$data" DAYLINE_LOG=warn DATABASE_URL="$url" \
        "$bin" admin create-user --email bench@example.com --display-name Bench >/dev/null
    if [ "$backend" = postgres ]; then
        # Served as production runs it: a login role in dayline_app, under Row-Level Security.
        psql "$url" -q -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dayline_bench_app') THEN
        CREATE ROLE dayline_bench_app LOGIN;
    END IF;
END $$;
GRANT dayline_app TO dayline_bench_app;
SQL
        app_url=$(printf '%s' "$url" | sed -E 's#^([a-z]+://)[^@/]*@#\1dayline_bench_app@#')
    fi
}

# discard: stops the server and removes what prepare made.
discard() {
    stop
    rm -rf "$data" "$data.log"
    if [ -n "$url" ]; then
        psql "$admin_url" -q -c "DROP DATABASE $db WITH (FORCE)" >/dev/null
    fi
}

# sign_in: an access token for bench@example.com.
sign_in() {
    local token
    token=$(curl -fs -X POST -H 'content-type: application/json' \
        -d "{\"email\":\"bench@example.com\",\"password\":\"$bench_password\"}" \
        "http://127.0.0.1:$port/api/v1/auth/login" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
    [ -n "$token" ] || { echo "could not sign in as bench@example.com" >&2; exit 1; }
    echo "$token"
}
