# SPDX-License-Identifier: GPL-2.0-only
# Shared helpers for the kvm-e500 scripts.  Sourced, never run.

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Everything built lives outside the clone, keyed by input hashes, so
# that a fresh clone (CI) on the same machine reuses earlier work.
CACHE=${KVM_E500_CACHE:-/var/cache/kvm-e500}
JOBS=${KVM_E500_JOBS:-$(nproc)}
KSRC_TARBALL=/usr/src/linux-source-6.12.tar.xz
TARGETS="e500v2 e500mc e5500"

mkdir -p "$CACHE"

# What a benchmark boot (scripts/bench, scripts/bench-linux) adds to
# the kernel command line so that two runs execute the same
# instructions: no address space randomization, and an idle loop that
# spins instead of halting the CPU, so that QEMU's -icount never warps
# the clock over an idle period (a warp is computed by QEMU's main
# thread while the CPU thread runs, the one place left where host
# timing can reach the emulated machine; Documentation/performance.md,
# "Method")
BENCH_APPEND="norandmaps randomize_kstack_offset=off powersave=off"
# and what it gives QEMU: fixed bytes for the device tree's
# /chosen/rng-seed (with a random seed the counts differed between runs)
BENCH_QEMU="-seed 1"

# bench_boot NAME ICOUNT KERNEL_OUT STALL LOG APPEND: one benchmark boot
# of the emulated e500v2 host, one CPU, with BENCH_APPEND and BENCH_QEMU
# (KVM_E500_STALL and KVM_E500_QEMU_EXTRA override theirs); dies unless
# QEMU ended well (0, or 125: stopped after the end marker)
bench_boot() {
	local name=$1 icount=$2 kout=$3 stall=$4 log=$5 append=$6 rc=0
	KVM_E500_ICOUNT=$icount KVM_E500_SMP=1 \
		KVM_E500_STALL=${KVM_E500_STALL:-$stall} \
		KVM_E500_KERNEL_OUT=$kout \
		KVM_E500_QEMU_EXTRA=${KVM_E500_QEMU_EXTRA:-$BENCH_QEMU} \
		KVM_E500_APPEND="$append $BENCH_APPEND" \
		"$TOP/scripts/run-host" e500v2 bench "$log" >&2 || rc=$?
	[ "$rc" = 0 ] || [ "$rc" = 125 ] || die "$name host run failed (status $rc), log: $log"
}

step() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# target -> cross prefix, QEMU binary and CPU model
target_cross() {
	case "$1" in
	e500v2|e500mc) echo powerpc-linux-gnu- ;;
	e5500) echo powerpc64-linux-gnu- ;;
	*) die "unknown target '$1' (known: $TARGETS)" ;;
	esac
}
target_qemu() {
	case "$1" in
	e5500) echo qemu-system-ppc64 ;;
	*) echo qemu-system-ppc ;;
	esac
}
target_cpu() { echo "$1"; }
target_module() {
	case "$1" in
	e500v2) echo kvm-e500v2 ;;
	*) echo kvm-e500mc ;;
	esac
}

# Say where a script died instead of exiting silently under set -e.
trap 'echo "error: ${BASH_SOURCE[0]##*/}:$LINENO: failed: $BASH_COMMAND" >&2' ERR

# hash_inputs PATH...: one hash over the names and contents of the files
# under the existing PATHs (relative to the top of the tree)
hash_inputs() {
	local p paths=()
	for p in "$@"; do
		[ -e "$TOP/$p" ] && paths+=("$p")
	done
	(cd "$TOP" && find "${paths[@]}" -type f ! -name '*~' | LC_ALL=C sort |
		while read -r f; do printf '%s\n' "$f"; cat "$f"; done) |
		sha256sum | cut -c1-16
}

# run_logged LOG CMD...: run quietly, show the log tail on failure
run_logged() {
	local log=$1
	shift
	if ! "$@" >"$log" 2>&1; then
		tail -n 40 "$log" >&2
		die "failed: $* (full log: $log)"
	fi
}
