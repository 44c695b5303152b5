// SPDX-License-Identifier: GPL-2.0-only
/*
 * The paravirt workload: a guest loop of the MSR/SPRG sequences a Linux
 * kernel runs all the time (save MSR, wrteei 0, read-modify-write of an
 * SPRG, wrtee to restore), once with the real instructions (each one
 * traps) and once as a CONFIG_KVM_GUEST kernel runs it after patching:
 * loads and stores to the shared page, with the critical-section word
 * around the MSR updates and the int_pending check before re-enabling.
 * Both loops must compute the same result; the patched one must exit at
 * least 90% less.  With --bench N it prints exits and elapsed
 * CLOCK_MONOTONIC time (host instructions under -icount shift=0) of N
 * iterations of each, for scripts/bench-pv.
 */
#include <stdlib.h>
#include <time.h>

#include "pv_asm.h"
#include "tap.h"

#define I_AND(ra, rs, rb)  ((31u << 26) | ((rs) << 21) | ((ra) << 16) | ((rb) << 11) | (28u << 1))
#define I_ANDI_(ra, rs, v) ((28u << 26) | ((rs) << 21) | ((ra) << 16) | ((v) & 0xffff))
#define I_CMPWI0(ra)	   ((11u << 26) | ((ra) << 16))
#define I_BEQ(off)	   (0x41820000u | ((off) & 0xfffc))
#define SPR_CTR		9
#define SPR_SPRG1_RW	273

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

/* patched wrteei 0: MSR[EE] cleared in the page, inside critical */
static void emit_pv_wrteei0(struct prog *p)
{
	emit(p, I_STW(1, PV64(critical), 0));
	emit(p, I_LWZ(8, PV64(msr), 0));
	emit(p, I_ANDC(8, 8, 9));
	emit(p, I_STW(8, PV64(msr), 0));
	emit(p, I_STW(2, PV64(critical), 0));
}

/*
 * patched wrtee r5: MSR[EE] from r5 into the page; if an interrupt is
 * pending and EE comes on, the real wrtee traps so that it is taken
 */
static void emit_pv_wrtee(struct prog *p)
{
	emit(p, I_STW(1, PV64(critical), 0));
	emit(p, I_LWZ(8, PV64(msr), 0));
	emit(p, I_ANDC(8, 8, 9));
	emit(p, I_AND(10, 5, 9));
	emit(p, I_OR(8, 8, 10));
	emit(p, I_STW(8, PV64(msr), 0));
	emit(p, I_LWZ(10, PV32(int_pending), 0));
	emit(p, I_CMPWI0(10));
	emit(p, I_BEQ(16));
	emit(p, I_ANDI_(10, 5, MSR_EE));
	emit(p, I_BEQ(8));
	emit(p, I_WRTEE(5));
	emit(p, I_STW(2, PV64(critical), 0));
}

/*
 * The guest: setup, a "ready" MMIO store (offset 0), n iterations, the
 * result (SPRG1) stored at offset 4.
 */
static void build(struct prog *p, int patched, u32 n)
{
	u32 loop;

	if (patched) {
		const u32 a[2] = { MAGIC_EA, MAGIC_EA };

		emit_hcall(p, MAGIC_TOKEN, a, 2);
	}
	emit(p, I_LI(1, 0x7ff0));		/* a stack pointer, != r2 */
	emit(p, I_LI(2, 0));
	emit(p, I_LI(9, 0));
	emit(p, I_ORI(9, 9, MSR_EE));
	emit(p, I_LI(6, 0));
	emit(p, I_MTSPR(SPR_SPRG1_RW, 6));
	emit_li32(p, 3, n);
	emit(p, I_MTSPR(SPR_CTR, 3));
	emit_report(p, 3, 0);
	loop = prog_here(p, GUEST_CODE);
	if (patched) {
		emit(p, I_LWZ(5, PV64(msr), 0));
		emit_pv_wrteei0(p);
		emit(p, I_LWZ(6, PV64(sprg1), 0));
		emit(p, I_ADDI(6, 6, 1));
		emit(p, I_STW(6, PV64(sprg1), 0));
		emit_pv_wrtee(p);
	} else {
		emit(p, I_MFMSR(5));
		emit(p, I_WRTEEI(0));
		emit(p, I_MFSPR(6, SPR_SPRG1_RW));
		emit(p, I_ADDI(6, 6, 1));
		emit(p, I_MTSPR(SPR_SPRG1_RW, 6));
		emit(p, I_WRTEE(5));
	}
	emit(p, I_BDNZ(loop - prog_here(p, GUEST_CODE)));
	emit(p, I_MFSPR(6, SPR_SPRG1_RW));
	emit_report(p, 6, 4);
	emit(p, I_SELF_LOOP);
}

struct result {
	int ok;
	u32 sprg1, msr;
	long long exits, ns;
};

static struct result run_loop(int patched, u32 n)
{
	struct result res = { 0 };
	struct kvm_regs regs;
	struct prog p = { .n = 0 };
	struct guest g;
	long long e0, t0;
	u32 v[2] = { 0, 0 };

	if (guest_create(&g) || pv_info(g.vm))
		return res;
	build(&p, patched, n);
	prog_load(&g, &p, GUEST_CODE, MSR_EE);
	if (collect(&g, v, 1)) {
		e0 = stat_get(g.vcpu, "sum_exits");
		t0 = now_ns();
		res.ok = next_store(&g, &v[0], &v[1]) && v[0] == 4;
		res.ns = now_ns() - t0;
		res.exits = stat_get(g.vcpu, "sum_exits") - e0;
		res.sprg1 = v[1];
		if (!ioctl(g.vcpu, KVM_GET_REGS, &regs))
			res.msr = regs.msr;
	}
	guest_destroy(&g);
	return res;
}

int main(int argc, char **argv)
{
	struct result t, pv;
	unsigned long n = 2000;
	int bench = argc == 3 && !strcmp(argv[1], "--bench");

	if (bench)
		n = strtoul(argv[2], NULL, 0);
	tap_start();
	t = run_loop(0, n);
	pv = run_loop(1, n);
	tap_check(t.ok && pv.ok && t.sprg1 == n && pv.sprg1 == n &&
		  (t.msr & MSR_EE) && (pv.msr & MSR_EE),
		  "trapping and patched loops: %lu iterations each, SPRG1 = %u and %u, MSR[EE] restored",
		  n, t.sprg1, pv.sprg1);
	tap_check(t.exits >= 5ll * n,
		  "the trapping loop exits at least 5 times per iteration (%lld exits)",
		  t.exits);
	tap_check(pv.exits * 10 <= t.exits,
		  "the patched loop removes at least 90%% of the exits (%lld vs %lld)",
		  pv.exits, t.exits);
	if (bench) {
		printf("# bench pv trap iterations %lu exits %lld ns %lld\n",
		       n, t.exits, t.ns);
		printf("# bench pv patched iterations %lu exits %lld ns %lld\n",
		       n, pv.exits, pv.ns);
	}
	return tap_done();
}
