/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Encoders for the guest load/store forms the MMIO and SPE tests use,
 * beside the basic ones in guest_asm.h, and a guest run helper that
 * says what went wrong.
 */
#ifndef KVM_E500_GUEST_MEM_ASM_H
#define KVM_E500_GUEST_MEM_ASM_H

#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "guest_prog.h"
#include "tap.h"

#define I_DFORM(op, rt, d, ra) (((op) << 26) | ((rt) << 21) | ((ra) << 16) | ((d) & 0xffff))
#define I_XFORM(xo, rt, ra, rb) \
	((31u << 26) | ((rt) << 21) | ((ra) << 16) | ((rb) << 11) | ((xo) << 1))

#define I_LWZU(rt, d, ra)	I_DFORM(33u, rt, d, ra)
#define I_STWU(rs, d, ra)	I_DFORM(37u, rs, d, ra)
#define I_LMW(rt, d, ra)	I_DFORM(46u, rt, d, ra)
#define I_STMW(rs, d, ra)	I_DFORM(47u, rs, d, ra)
#define I_LWZUX(rt, ra, rb)	I_XFORM(55u, rt, ra, rb)
#define I_STWUX(rs, ra, rb)	I_XFORM(183u, rs, ra, rb)
#define I_LHBRX(rt, ra, rb)	I_XFORM(790u, rt, ra, rb)
#define I_LWARX(rt, ra, rb)	I_XFORM(20u, rt, ra, rb)
#define I_DCBF(ra, rb)		I_XFORM(86u, 0, ra, rb)
#define I_MR(ra, rs)		I_ADDI(ra, rs, 0)	/* rs != 0 */
#define I_ORIS(ra, rs, v)	((25u << 26) | ((rs) << 21) | ((ra) << 16) | ((v) & 0xffff))

#define I_CMPW(ra, rb)		((31u << 26) | ((ra) << 16) | ((rb) << 11))

/* SPE: primary opcode 4, 11-bit extended opcode */
#define I_EV(xo, rd, ra, rb)	((4u << 26) | ((rd) << 21) | ((ra) << 16) | ((rb) << 11) | (xo))
#define I_EVMERGEHI(rd, ra, rb)	I_EV(0x22cu, rd, ra, rb)
#define I_EVMERGELO(rd, ra, rb)	I_EV(0x22du, rd, ra, rb)
#define I_EVXOR(rd, ra, rb)	I_EV(0x216u, rd, ra, rb)
#define I_EVMRA(rd, ra)		I_EV(0x4c4u, rd, ra, 0)
#define I_EVMWUMIAA(rd, ra, rb)	I_EV(0x558u, rd, ra, rb)
/* immediate forms: the offset field counts units of the access size */
#define I_EVLDD(rd, d, ra)	I_EV(0x301u, rd, ra, (d) / 8)
#define I_EVSTDD(rs, d, ra)	I_EV(0x321u, rs, ra, (d) / 8)
#define I_EVSTDDX(rs, ra, rb)	I_EV(0x320u, rs, ra, rb)
#define I_EVLDW(rd, d, ra)	I_EV(0x303u, rd, ra, (d) / 8)
#define I_EVLWHOS(rd, d, ra)	I_EV(0x317u, rd, ra, (d) / 4)
#define I_EVLHHESPLAT(rd, d, ra) I_EV(0x309u, rd, ra, (d) / 2)
#define I_EVSTWWO(rs, d, ra)	I_EV(0x33du, rs, ra, (d) / 4)
#define I_EVSTWHE(rs, d, ra)	I_EV(0x331u, rs, ra, (d) / 4)

#define MSR_SPE_BIT	0x02000000u
#define ESR_PIL_BIT	0x08000000u
#define ESR_ST_BIT	0x00800000u
#define ESR_SPV_BIT	0x00000080u

static inline void mem_run_alarm(int sig)
{
}

/*
 * run until the next exit: an MMIO exit at @addr, @is_write, @len.  A
 * guest that does not exit within 10 s (a broken guest spinning) ends
 * KVM_RUN with SIGALRM, so that a failure never hangs the test.
 */
static inline int mem_run(struct guest *g, unsigned long long addr,
			  int is_write, unsigned int len)
{
	struct sigaction sa = { .sa_handler = mem_run_alarm };	/* no SA_RESTART */
	struct kvm_run *run = g->run;
	int r, e;

	sigaction(SIGALRM, &sa, NULL);
	alarm(10);
	r = ioctl(g->vcpu, KVM_RUN, 0);
	e = errno;
	alarm(0);
	if (r) {
		tap_diag("KVM_RUN: %s%s", strerror(e),
			 e == EINTR ? " (no exit within 10 s)" : "");
		return 0;
	}
	if (run->exit_reason != KVM_EXIT_MMIO) {
		tap_diag("exit reason %u, want KVM_EXIT_MMIO", run->exit_reason);
		return 0;
	}
	if (run->mmio.phys_addr != addr || run->mmio.is_write != is_write ||
	    run->mmio.len != len) {
		tap_diag("MMIO at 0x%llx write %d len %u; want 0x%llx write %d len %u",
			 (unsigned long long)run->mmio.phys_addr,
			 run->mmio.is_write, run->mmio.len, addr, is_write, len);
		return 0;
	}
	return 1;
}

/* the 8 data bytes of an MMIO exit as a big-endian number */
static inline unsigned long long mmio_value64(const struct kvm_run *run)
{
	unsigned long long v = 0;
	unsigned int i;

	for (i = 0; i < run->mmio.len; i++)
		v = (v << 8) | run->mmio.data[i];
	return v;
}

static inline void mmio_fill64(struct kvm_run *run, unsigned long long v)
{
	unsigned int i;

	for (i = 0; i < run->mmio.len; i++)
		run->mmio.data[run->mmio.len - 1 - i] = v >> (8 * i);
}

/* store exit at @addr with @want, or fail saying which */
static inline void expect_store(struct guest *g, u32 addr, u32 want, const char *what)
{
	if (!mem_run(g, addr, 1, 4)) {
		tap_check(0, "%s", what);
		return;
	}
	tap_check(mmio_value(g->run) == want, "%s (0x%08x, want 0x%08x)", what,
		  mmio_value(g->run), want);
}

#endif /* KVM_E500_GUEST_MEM_ASM_H */
