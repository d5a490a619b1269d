#!/usr/bin/env bash
# Side-by-side throughput in ONE run (a measurement, not a test: nothing is asserted):
#   NFSv3: nfs-cp put + get of a SIZE MiB file against our server (in-memory share and host-directory
#          share) and nfs-ganesha 4 (FSAL VFS, ../shared/peers/ganesha.sh);
#   SMB:   smbclient put + get of the same file against our server (both shares) and Samba 4.17
#          (../shared/peers/samba.sh).
# Each transfer runs RUNS times; prints every wall time, the median, MiB/s at the median, and the
# peak RSS (VmHWM) of our server JVM (and of ganesha.nfsd).
#
#   scripts/bench-peers.sh [SIZE_MIB=256] [RUNS=3]
#
# Needs root: everything runs in a private network + mount namespace (unshare -n -m, tmpfs on /run),
# so ganesha's rpcbind gets port 111 there and the host's rpcbind is never touched. Only processes
# this script started are stopped, by their PIDs.
set -euo pipefail
size=${1:-256}
runs=${2:-3}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
peers=${INTERLOCK_PEERS:-$(cd "$(dirname "$0")/../.." && pwd)/shared/peers}
jar="$here/conformance-suite/target/interlock.jar"

if [ "${BENCH_IN_NETNS:-}" != 1 ]; then
  [ "$(id -u)" = 0 ] || { echo "bench-peers: needs root (private network namespace)" >&2; exit 2; }
  for t in unshare ip rpcbind rpcinfo ganesha.nfsd smbd smbclient nfs-cp setsid; do
    command -v "$t" >/dev/null || { echo "bench-peers: $t is not installed" >&2; exit 2; }
  done
  for f in ganesha.sh samba.sh; do
    [ -f "$peers/$f" ] || { echo "bench-peers: $peers/$f not found (set INTERLOCK_PEERS)" >&2; exit 2; }
  done
  if [ ! -f "$jar" ]; then
    echo "bench-peers: building $jar" >&2
    (cd "$here" && mvn -B -q -o -DskipTests -Dspotless.check.skip=true package)
  fi
  exec unshare -n -m --propagation private env BENCH_IN_NETNS=1 bash "$0" "$@"
fi

# --- inside the private namespace ---
ip link set lo up
# ganesha resolves its bind address with AI_ADDRCONFIG, which needs a non-loopback address
ip addr add 10.254.254.1/32 dev lo
mount -t tmpfs tmpfs /run
mkdir -p /run/rpcbind /run/samba

w=$(mktemp -d /tmp/bench-peers.XXXXXX)
srv=""; rpcb=""
cleanup() {
  set +e
  [ -n "$srv" ] && kill "$srv" 2>/dev/null && wait "$srv" 2>/dev/null
  setsid bash "$peers/ganesha.sh" stop "$w/ganesha" >/dev/null 2>&1
  setsid bash "$peers/samba.sh" stop "$w/samba" >/dev/null 2>&1
  [ -n "$rpcb" ] && kill "$rpcb" 2>/dev/null
  rm -rf "$w"
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.3f", e - s }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { m = int((NR + 1) / 2); print a[m] }'; }
hwm() { awk '/^VmHWM/ { printf "%d MiB", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"; }

src="$w/src.bin"
head -c "$((size * 1024 * 1024))" /dev/urandom >"$src"

# our server: in-memory share "share" + host-directory share "disk"; no portmapper needed (libnfs
# URLs carry the ports)
mkdir -p "$w/ours-disk"
java -jar "$jar" serve --smb-port 0 --nfs-port 0 --mount-port 0 --portmap off \
  --share=share --share="disk=$w/ours-disk" >"$w/ours.log" 2>&1 &
srv=$!
for _ in $(seq 150); do grep -q "ready" "$w/ours.log" && break; sleep 0.2; done
grep -q "ready" "$w/ours.log" || { cat "$w/ours.log"; exit 1; }
o_smb=$(grep -oP ' smb=127.0.0.1:\K[0-9]+' "$w/ours.log")
o_nfs=$(grep -oP ' nfs=127.0.0.1:\K[0-9]+' "$w/ours.log")
o_mnt=$(grep -oP ' mount=127.0.0.1:\K[0-9]+' "$w/ours.log")
rss_start=$(hwm "$srv")

# ganesha (with our own rpcbind on 111 of this namespace; ganesha.sh uses it when it answers)
rpcbind -w -f &
rpcb=$!
for _ in $(seq 100); do rpcinfo -p 127.0.0.1 >/dev/null 2>&1 && break; sleep 0.1; done
g_nfs=20491; g_mnt=20049
setsid bash "$peers/ganesha.sh" start "$w/ganesha" "$g_nfs" "$g_mnt" >/dev/null
g_pid=$(cat "$w/ganesha/ganesha.pid")

s_port=4455
setsid bash "$peers/samba.sh" start "$w/samba" "$s_port" >/dev/null

rows=()
# bench LABEL PROTO OP CMD... (the command may use {r}: the run number)
bench() {
  local label=$1 proto=$2 op=$3; shift 3
  local times=() r s e cmd
  for r in $(seq "$runs"); do
    cmd=("${@//\{r\}/$r}")
    rm -f "$w/get.bin"
    s=$(now)
    "${cmd[@]}" >>"$w/cmd.log" 2>&1 || { echo "FAILED: ${cmd[*]}" >&2; tail -5 "$w/cmd.log" >&2; exit 1; }
    e=$(now)
    if [ "$op" = get ] && ! cmp -s "$src" "$w/get.bin"; then echo "FAILED: $label get differs" >&2; exit 1; fi
    times+=("$(elapsed "$s" "$e")")
  done
  local m; m=$(median "${times[@]}")
  rows+=("$(printf '%-5s %-4s %-28s %-26s %8s %9s' "$proto" "$op" "$label" "${times[*]}" "$m" \
    "$(awk -v s="$size" -v m="$m" 'BEGIN { printf "%.1f", s / m }')")")
}

nfsurl() { echo "nfs://127.0.0.1$1/$2?version=3&nfsport=$3&mountport=$4"; }
for t in "interlock (memory share)|/share|$o_nfs|$o_mnt" "interlock (host-dir share)|/disk|$o_nfs|$o_mnt" \
         "ganesha 4.3 VFS|$w/ganesha/export|$g_nfs|$g_mnt"; do
  IFS='|' read -r label exp np mp <<<"$t"
  # nfs-cp creates exclusively, so every run writes a new name
  bench "$label" nfs put nfs-cp "$src" "$(nfsurl "$exp" "bench-{r}.bin" "$np" "$mp")"
  bench "$label" nfs get nfs-cp "$(nfsurl "$exp" "bench-1.bin" "$np" "$mp")" "$w/get.bin"
done
rss_nfs=$(hwm "$srv")

for t in "interlock (memory share)|share|$o_smb|interlock%interlock" \
         "interlock (host-dir share)|disk|$o_smb|interlock%interlock" \
         "samba 4.17|share|$s_port|root%pass"; do
  IFS='|' read -r label share port cred <<<"$t"
  bench "$label" smb put smbclient "//127.0.0.1/$share" -p "$port" -U "$cred" -c "put $src smb-{r}.bin"
  bench "$label" smb get smbclient "//127.0.0.1/$share" -p "$port" -U "$cred" -c "get smb-1.bin $w/get.bin"
done
rss_end=$(hwm "$srv")

echo "bench-peers: ${size} MiB file, $runs runs each, wall time of the client command (s), MiB/s at the median"
echo "host: $(nproc) cores, $(awk '/MemTotal/ { printf "%d MiB", $2 / 1024 }' /proc/meminfo) RAM; $(java -version 2>&1 | head -1)"
printf '%-5s %-4s %-28s %-26s %8s %9s\n' proto op server "runs (s)" median "MiB/s"
printf '%s\n' "${rows[@]}"
echo "our server JVM peak RSS (VmHWM): after start $rss_start, after NFS $rss_nfs, after SMB $rss_end"
echo "ganesha.nfsd peak RSS (VmHWM): $(hwm "$g_pid")"
