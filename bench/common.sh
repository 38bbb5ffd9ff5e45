# Shared by bench/run and bench/photos (sourced, from the repository root): the timer, the
# load check, the bantin binary to measure, and reading `time -v` reports.

TIME=/usr/bin/time
if [ ! -x "$TIME" ]; then
  echo "bench: $TIME not found; installing Debian package 'time'" >&2
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
  else
    sudo apt-get install -y time >/dev/null
  fi
fi

log() { echo "$BENCH_NAME: $*" >&2; }

# Measured before building: other work on the machine skews every figure.
load0=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load0" -v c="$(nproc)" 'BEGIN { exit !(l > c / 2) }'; then
  log "warning: load average is $load0 on $(nproc) CPUs; other work will skew the figures"
fi

# BANTIN=/path/to/bantin: measure that binary, build nothing; else build the release binary.
use_bantin() {
  if [ -n "${BANTIN:-}" ]; then
    [ -x "$BANTIN" ] || { echo "$BENCH_NAME: BANTIN=$BANTIN is not an executable" >&2; exit 2; }
    log "using BANTIN=$BANTIN (not rebuilt)"
  else
    log "swift build -c release --product bantin"
    swift build -c release --product bantin >&2
    BANTIN=.build/release/bantin
    [ -x "$BANTIN" ] || BANTIN="$(swift build -c release --show-bin-path)/bantin"
  fi
}

# A `time -v` report → "wall_s cpu_s rss_mib" (wall clock is "h:mm:ss.ss" or "m:ss.ss").
parse_time() {
  awk -F': ' '
    /Elapsed \(wall clock\) time/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
    /User time \(seconds\)/ { u = $2 }
    /System time \(seconds\)/ { s = $2 }
    /Maximum resident set size \(kbytes\)/ { r = $2 }
    END { printf "%.2f %.2f %.1f\n", w, u + s, r / 1024 }' "$1"
}
size_mib() { du -sk "$1" | awk '{ printf "%.1f", $1 / 1024 }'; }
# Busy CPU seconds of the whole machine so far (all processes), from /proc/stat.
HZ=$(getconf CLK_TCK)
busy_now() { awk -v hz="$HZ" '/^cpu / { printf "%.2f", ($2 + $3 + $4 + $7 + $8 + $9) / hz }' /proc/stat; }
# others START_BUSY OWN_CPU → CPU seconds used by other processes during the measurement
others() { awk -v a="$1" -v b="$(busy_now)" -v own="$2" 'BEGIN { o = b - a - own; printf "%.1f", (o < 0 ? 0 : o) }'; }
# ratio A B [FORMAT] → A ÷ B, or – when B is 0 or missing
ratio() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { if (b > 0) printf f, a / b; else print "–" }'; }
# percent A B → A as a percentage of B ("4 %"), or –
percent() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "–" }'; }

# The line that says what was measured where: bantin's commit (or path), the CPU, the RAM, the load.
machine_line() {
  local cpu_model rev
  cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
  if [ "$BANTIN" = .build/release/bantin ]; then
    rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
    git diff --quiet HEAD -- Sources Package.swift 2>/dev/null || rev="$rev + uncommitted changes"
    rev="$rev (release)"
  else
    rev=$BANTIN
  fi
  echo "bantin $rev, $(nproc) × ${cpu_model:-unknown CPU}, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM; load average at start: $load0"
}
