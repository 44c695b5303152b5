// SPDX-License-Identifier: GPL-2.0-only
/*
 * Debug on e500v2: the guest's TRAP, RET and IRPT debug events (DBSR,
 * the debug interrupt through IVOR15 with CSRR0/CSRR1, MSR effects, the
 * imprecise event delivered once MSR[DE] is set, DBSR write-1-to-clear),
 * hardware events that do not fire, and userspace software breakpoints
 * (KVM_SET_GUEST_DEBUG, KVM_EXIT_DEBUG, ONE_REG DEBUG_INST).
 */
#include <errno.h>

#include "guest_asm.h"
#include "tap.h"

#define DBCR0_IDM	0x40000000u
#define DBCR0_ICMP	0x08000000u
#define DBCR0_IRPT	0x02000000u
#define DBCR0_TRAP	0x01000000u
#define DBCR0_IAC1	0x00800000u
#define DBCR0_RET	0x00008000u
#define DBSR_IDE	0x80000000u
#define DBSR_IRPT	0x02000000u
#define DBSR_TRAP	0x01000000u
#define DBSR_RET	0x00008000u
#define ESR_PTR		0x02000000u

#define I_TW_ALWAYS	0x7fe00008u	/* tw 31, 0, 0 */
#define I_NOP		0x60000000u

#define BODY		(GUEST_CODE + 4 * 13)	/* after the prologue */
#define PROG_VEC	0x2000
#define SC_VEC		0x2400
#define DEBUG_VEC	0x3000

/* results: debug handler at 0..0x14, program handler at 0x40.. */
#define R_DBSR		0x00
#define R_CSRR0		0x04
#define R_CSRR1		0x08
#define R_MSR		0x0c
#define R_SRR0		0x10
#define R_DBSR_CLR	0x14
#define R_ESR		0x40
#define R_PSRR0		0x44
#define R_PDBSR		0x48
#define R_PMARK		0x4c
#define R_BODY		0x50

struct expect {
	unsigned int off;
	u32 val;
	const char *what;
};

static void handlers(struct guest *g)
{
	const u32 debug[] = {
		I_MFSPR(3, SPR_DBSR), I_STW(3, R_DBSR, 4),
		I_MFSPR(3, SPR_CSRR0), I_STW(3, R_CSRR0, 4),
		I_MFSPR(3, SPR_CSRR1), I_STW(3, R_CSRR1, 4),
		I_MFMSR(3), I_STW(3, R_MSR, 4),
		I_MFSPR(3, SPR_SRR0), I_STW(3, R_SRR0, 4),
		/* write the bits read back: DBSR is write-1-to-clear */
		I_MFSPR(3, SPR_DBSR), I_MTSPR(SPR_DBSR, 3),
		I_MFSPR(3, SPR_DBSR), I_STW(3, R_DBSR_CLR, 4),
		I_SELF_LOOP,
	};
	/* the program handler sets MSR[DE] at PROG_VEC + 0x1c */
	const u32 prog[] = {
		I_MFSPR(3, SPR_ESR), I_STW(3, R_ESR, 4),
		I_MFSPR(3, SPR_SRR0), I_STW(3, R_PSRR0, 4),
		I_MFSPR(3, SPR_DBSR), I_STW(3, R_PDBSR, 4),
		I_LI(3, MSR_DE), I_MTMSR(3),
		I_STW(3, R_PMARK, 4),
		I_SELF_LOOP,
	};
	const u32 sc[] = { I_STW(3, R_PMARK, 4), I_SELF_LOOP };

	guest_code(g, DEBUG_VEC, debug, ARRAY_LEN(debug));
	guest_code(g, PROG_VEC, prog, ARRAY_LEN(prog));
	guest_code(g, SC_VEC, sc, ARRAY_LEN(sc));
}

/* IVPR 0, IVOR6/8/15, DBCR0 = @dbcr0, then @body at BODY */
static int setup(struct guest *g, u32 dbcr0, const u32 *body, unsigned int n,
		 u32 msr)
{
	const u32 pro[] = {
		I_LIS(4, GUEST_MMIO >> 16),
		I_LI(3, 0), I_MTSPR(SPR_IVPR, 3),
		I_LI(3, PROG_VEC), I_MTSPR(spr_ivor(6), 3),
		I_LI(3, SC_VEC), I_MTSPR(spr_ivor(8), 3),
		I_LI(3, DEBUG_VEC), I_MTSPR(spr_ivor(15), 3),
		I_LIS(3, dbcr0 >> 16), I_ORI(3, 3, dbcr0 & 0xffff),
		I_MTSPR(SPR_DBCR0, 3),
		I_B(4),
	};

	if (guest_create(g))
		return -1;
	guest_code(g, GUEST_CODE, pro, ARRAY_LEN(pro));
	guest_code(g, BODY, body, n);
	handlers(g);
	return guest_set_pc(g, GUEST_CODE, msr);
}

static void expect_all(struct guest *g, const char *name,
		       const struct expect *e, unsigned int n)
{
	unsigned int i;
	u32 val;

	for (i = 0; i < n; i++)
		tap_check(guest_store_exit(g, GUEST_MMIO + e[i].off, &val) &&
			  val == e[i].val, "%s: %s (0x%x, want 0x%x)", name,
			  e[i].what, val, e[i].val);
}

static void debug_handler_expect(struct guest *g, const char *name, u32 dbsr,
				 u32 csrr0, u32 csrr1)
{
	const struct expect e[] = {
		{ R_DBSR, dbsr, "DBSR" },
		{ R_CSRR0, csrr0, "CSRR0" },
		{ R_CSRR1, csrr1, "CSRR1 is the MSR before" },
		{ R_MSR, 0, "the debug interrupt clears MSR[DE]" },
	};

	expect_all(g, name, e, ARRAY_LEN(e));
}

static void trap_de(void)
{
	const u32 body[] = { I_TW_ALWAYS, I_STW(3, R_BODY, 4), I_SELF_LOOP };
	struct guest g;
	u32 val;

	if (!tap_check(setup(&g, DBCR0_IDM | DBCR0_TRAP, body, 3, MSR_DE) == 0,
		       "TRAP: set up"))
		return;
	debug_handler_expect(&g, "TRAP with MSR[DE]", DBSR_TRAP, BODY, MSR_DE);
	tap_check(guest_store_exit(&g, GUEST_MMIO + R_SRR0, &val) && val == 0,
		  "TRAP: no program interrupt, SRR0 untouched (0x%x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + R_DBSR_CLR, &val) && val == 0,
		  "TRAP: writing DBSR's bits back clears them (0x%x)", val);
	guest_destroy(&g);
}

/* MSR[DE] = 0: program interrupt, then the imprecise debug interrupt */
static void trap_imprecise(void)
{
	const u32 body[] = { I_TW_ALWAYS, I_SELF_LOOP };
	const struct expect e[] = {
		{ R_ESR, ESR_PTR, "program interrupt with ESR[PTR]" },
		{ R_PSRR0, BODY, "SRR0 is the trap" },
		{ R_PDBSR, DBSR_TRAP | DBSR_IDE, "DBSR[TRAP] and DBSR[IDE]" },
	};
	struct guest g;

	if (!tap_check(setup(&g, DBCR0_IDM | DBCR0_TRAP, body, 2, 0) == 0,
		       "TRAP imprecise: set up"))
		return;
	expect_all(&g, "TRAP without MSR[DE]", e, ARRAY_LEN(e));
	debug_handler_expect(&g, "after mtmsr MSR[DE]", DBSR_TRAP | DBSR_IDE,
			     PROG_VEC + 0x20, MSR_DE);
	guest_destroy(&g);
}

/* DBCR0[TRAP] without DBCR0[IDM]: no event, the trap is the guest's */
static void trap_no_idm(void)
{
	const u32 body[] = { I_TW_ALWAYS, I_SELF_LOOP };
	const struct expect e[] = {
		{ R_ESR, ESR_PTR, "program interrupt with ESR[PTR]" },
		{ R_PSRR0, BODY, "SRR0 is the trap" },
		{ R_PDBSR, 0, "DBSR stays 0" },
		{ R_PMARK, MSR_DE, "MSR[DE] set: no debug interrupt" },
	};
	struct guest g;

	if (!tap_check(setup(&g, DBCR0_TRAP, body, 2, 0) == 0,
		       "TRAP without IDM: set up"))
		return;
	expect_all(&g, "TRAP without DBCR0[IDM]", e, ARRAY_LEN(e));
	guest_destroy(&g);
}

static void ret_events(void)
{
	/* rfi at BODY + 0x10 to BODY + 0x20 with SRR1 = r5 */
	const u32 body[] = {
		I_LI(3, BODY + 0x20), I_MTSPR(SPR_SRR0, 3),
		I_MTSPR(SPR_SRR1, 5), I_NOP,
		I_RFI, I_SELF_LOOP, I_SELF_LOOP, I_SELF_LOOP,
		I_STW(3, R_BODY, 4), I_SELF_LOOP,
	};
	struct kvm_regs regs;
	struct guest g;

	if (!tap_check(setup(&g, DBCR0_IDM | DBCR0_RET, body, ARRAY_LEN(body),
			     MSR_DE) == 0, "RET: set up"))
		return;
	debug_handler_expect(&g, "RET with MSR[DE] (rfi not executed)",
			     DBSR_RET, BODY + 0x10, MSR_DE);
	guest_destroy(&g);

	/* MSR[DE] = 0: the rfi goes ahead and its SRR1 sets MSR[DE] */
	if (!tap_check(setup(&g, DBCR0_IDM | DBCR0_RET, body, ARRAY_LEN(body),
			     0) == 0, "RET imprecise: set up"))
		return;
	ioctl(g.vcpu, KVM_GET_REGS, &regs);
	regs.gpr[5] = MSR_DE;
	ioctl(g.vcpu, KVM_SET_REGS, &regs);
	debug_handler_expect(&g, "RET without MSR[DE], rfi to MSR[DE]",
			     DBSR_RET | DBSR_IDE, BODY + 0x20, MSR_DE);
	guest_destroy(&g);
}

static void irpt_event(void)
{
	const u32 body[] = { I_SC, I_SELF_LOOP };
	struct guest g;
	u32 val;

	if (!tap_check(setup(&g, DBCR0_IDM | DBCR0_IRPT, body, 2, MSR_DE) == 0,
		       "IRPT: set up"))
		return;
	debug_handler_expect(&g, "IRPT (system call taken)", DBSR_IRPT,
			     SC_VEC, MSR_DE);
	tap_check(guest_store_exit(&g, GUEST_MMIO + R_SRR0, &val) &&
		  val == BODY + 4,
		  "IRPT: the system call's SRR0 is past the sc (0x%x)", val);
	guest_destroy(&g);
}

/* ICMP and IAC need the host's debug facility: they hold, never fire */
static void hw_events_held(void)
{
	const u32 body[] = {
		I_NOP, I_NOP,
		I_MFSPR(3, SPR_DBSR), I_STW(3, R_BODY, 4),
		I_MFSPR(3, SPR_DBCR0), I_STW(3, R_BODY + 4, 4),
		I_SELF_LOOP,
	};
	const u32 dbcr0 = DBCR0_IDM | DBCR0_ICMP | DBCR0_IAC1;
	const struct expect e[] = {
		{ R_BODY, 0, "no event in DBSR" },
		{ R_BODY + 4, dbcr0, "DBCR0 holds its value" },
	};
	struct guest g;

	if (!tap_check(setup(&g, dbcr0, body, ARRAY_LEN(body), MSR_DE) == 0,
		       "ICMP/IAC: set up"))
		return;
	expect_all(&g, "ICMP and IAC1 enabled", e, ARRAY_LEN(e));
	guest_destroy(&g);
}

static int set_debug(struct guest *g, __u32 control)
{
	struct kvm_guest_debug dbg;

	memset(&dbg, 0, sizeof(dbg));
	dbg.control = control;
	return ioctl(g->vcpu, KVM_SET_GUEST_DEBUG, &dbg);
}

static void sw_breakpoint(void)
{
	u32 bp = 0, body[] = { 0, I_STW(3, R_BODY, 4), I_SELF_LOOP };
	struct kvm_one_reg one = { .id = KVM_REG_PPC_DEBUG_INST };
	struct kvm_regs regs;
	struct guest g;
	u32 val;
	int r;

	if (!tap_check(guest_create(&g) == 0, "breakpoint: create a guest"))
		return;
	r = ioctl(g.kvm, KVM_CHECK_EXTENSION, KVM_CAP_SET_GUEST_DEBUG);
	tap_check(r == 1, "KVM_CAP_SET_GUEST_DEBUG is 1 (%d)", r);
	one.addr = (uintptr_t)&bp;
	r = ioctl(g.vcpu, KVM_GET_ONE_REG, &one);
	tap_check(r == 0 && bp >> 26 == 0 && bp != 0,
		  "ONE_REG DEBUG_INST: 0x%08x (primary opcode 0)", bp);
	tap_errno(set_debug(&g, KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP),
		  EINVAL, "KVM_SET_GUEST_DEBUG with single step");
	tap_errno(set_debug(&g, KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW_BP),
		  EINVAL, "KVM_SET_GUEST_DEBUG with hardware breakpoints");
	tap_check(set_debug(&g, KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP) == 0,
		  "KVM_SET_GUEST_DEBUG with software breakpoints");
	guest_destroy(&g);

	body[0] = bp;
	if (!tap_check(setup(&g, 0, body, 3, 0) == 0, "breakpoint: set up"))
		return;
	set_debug(&g, KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP);
	r = ioctl(g.vcpu, KVM_RUN, 0);
	tap_check(r == 0 && g.run->exit_reason == KVM_EXIT_DEBUG &&
		  g.run->debug.arch.address == BODY,
		  "the breakpoint exits with KVM_EXIT_DEBUG at 0x%llx (reason %u)",
		  (unsigned long long)g.run->debug.arch.address,
		  g.run->exit_reason);
	ioctl(g.vcpu, KVM_GET_REGS, &regs);
	tap_check(regs.pc == BODY, "the PC stays on the breakpoint (0x%llx)",
		  (unsigned long long)regs.pc);
	r = ioctl(g.vcpu, KVM_RUN, 0);
	tap_check(r == 0 && g.run->exit_reason == KVM_EXIT_DEBUG,
		  "running again stops at it again");

	/* breakpoints off: the guest gets its illegal instruction */
	tap_check(set_debug(&g, 0) == 0, "KVM_SET_GUEST_DEBUG off");
	tap_check(guest_store_exit(&g, GUEST_MMIO + R_ESR, &val) && val == ESR_PIL,
		  "without guest debug the instruction is illegal (ESR 0x%x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + R_PSRR0, &val) && val == BODY,
		  "... with SRR0 on it (0x%x)", val);

	/* userspace puts the original instruction back and continues */
	guest_destroy(&g);
	body[0] = I_LI(3, 0x77);
	setup(&g, 0, body, 3, 0);
	set_debug(&g, KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP);
	tap_check(guest_store_exit(&g, GUEST_MMIO + R_BODY, &val) && val == 0x77,
		  "other instructions run normally with guest debug on");
	guest_destroy(&g);
}

int main(void)
{
	tap_start();
	trap_de();
	trap_imprecise();
	trap_no_idm();
	ret_events();
	irpt_event();
	hw_events_held();
	sw_breakpoint();
	return tap_done();
}
