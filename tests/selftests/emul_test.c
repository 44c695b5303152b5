// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the e500v2 core does with instructions beyond plain SPRs, seen
 * from the guest: program interrupts with ESR[PIL] (illegal) or
 * ESR[PPR] (privileged, from guest user mode) and their SRR0, the
 * performance monitor registers (mfpmr/mtpmr), dcbi, the cache-locking
 * instructions (allowed in supervisor mode: the lock fails with
 * L1CSR1[ICUL]; a DSI with ESR[ILK] in user mode), the missing wait
 * instruction, and the time base (user-readable, writes through TBWL
 * dropped).  QEMU executes dcbtls/dcbtstls itself, in any mode, without
 * trapping, so those two cannot be observed here.
 *
 * Each probe is followed by a marker store; an interrupt handler
 * reports ESR and SRR0, then resumes after the faulting instruction.
 */
#include "guest_prog.h"
#include "tap.h"

#define ESR_PPR		0x04000000u
#define ESR_ILK		0x00100000u
#define MSR_PR		0x00004000u
#define L1CSR1_ICUL	0x00000400u

#define R_ESR		0x800	/* handler: ESR */
#define R_SRR0		0x804	/* handler: SRR0 */
#define R_VALUE		0xa00	/* a probe's result */
#define R_MARK		0x900	/* marker after each probe */

#define I_MFPMR(rt, pmr)  ((31u << 26) | ((rt) << 21) | spr_field(pmr) | (334u << 1))
#define I_MTPMR(pmr, rs)  ((31u << 26) | ((rs) << 21) | spr_field(pmr) | (462u << 1))
#define I_X(xo, rt, ra, rb) ((31u << 26) | ((rt) << 21) | ((ra) << 16) | ((rb) << 11) | ((xo) << 1))
#define I_DCBI		  I_X(470, 0, 0, 3)
#define I_ICBTLS	  I_X(486, 0, 0, 3)
#define I_DCBLC		  I_X(390, 0, 0, 3)
#define I_ICBLC		  I_X(230, 0, 0, 3)
#define I_WAIT		  I_X(62, 0, 0, 0)
#define I_TLBRE		  0x7c000764u

#define SPR_L1CSR0	1010
#define SPR_L1CSR1	1011

struct probe {
	const char *name;
	u32 pre[4];		/* set-up, executed first (0 = none) */
	u32 insn;		/* the probe */
	u32 post;		/* an instruction leaving a result in r5, or 0 */
	u32 esr;		/* expected interrupt ESR, 0 = none */
	u32 value;		/* expected r5 when post != 0 */
};

struct emitter {
	struct prog p;
	u32 addr[64];		/* address of each probe instruction */
	unsigned int probes;
};

static void emit_probe(struct emitter *e, const struct probe *p)
{
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(p->pre) && p->pre[i]; i++)
		emit(&e->p, p->pre[i]);
	e->addr[e->probes] = prog_here(&e->p, GUEST_CODE);
	emit(&e->p, p->insn);
	if (p->post) {
		emit(&e->p, p->post);
		emit(&e->p, I_STW(5, R_VALUE, 4));
	}
	emit(&e->p, I_LI(21, e->probes));
	emit(&e->p, I_STW(21, R_MARK, 4));
	e->probes++;
}

/* run until probe @i's marker; collect what the handler and probe stored */
static void check(struct guest *g, const struct probe *p, unsigned int i,
		  u32 addr)
{
	u32 esr = 0, srr0 = 0, val = 0, v;
	int trapped = 0, have_val = 0, marked = 0, n;

	for (n = 0; n < 6 && !marked; n++) {
		if (ioctl(g->vcpu, KVM_RUN, 0) || g->run->exit_reason != KVM_EXIT_MMIO ||
		    !g->run->mmio.is_write)
			break;
		v = mmio_value(g->run);
		switch (g->run->mmio.phys_addr - GUEST_MMIO) {
		case R_ESR:
			esr = v;
			trapped = 1;
			break;
		case R_SRR0:
			srr0 = v;
			break;
		case R_VALUE:
			val = v;
			have_val = 1;
			break;
		case R_MARK:
			marked = v == i;
			break;
		}
	}
	if (!marked)
		tap_diag("%s: marker %u not seen", p->name, i);
	if (p->esr)
		tap_check(marked && trapped && esr == p->esr && srr0 == addr,
			  "%s: ESR 0x%08x (want 0x%08x), SRR0 0x%x (want 0x%x)",
			  p->name, esr, p->esr, srr0, addr);
	else if (p->post)
		tap_check(marked && !trapped && have_val && val == p->value,
			  "%s: reads 0x%08x (want 0x%08x)%s", p->name, val,
			  p->value, trapped ? ", but interrupted" : "");
	else
		tap_check(marked && !trapped, "%s: no interrupt (ESR 0x%08x)",
			  p->name, esr);
}

int main(void)
{
	const struct probe super[] = {
		{ "mfspr of a reserved SPR (100)", {}, I_MFSPR(5, 100), 0, ESR_PIL },
		{ "mtspr to the read-only USPRG4 alias (260)", {}, I_MTSPR(260, 3), 0, ESR_PIL },
		{ "wait (no such instruction on e500v2)", {}, I_WAIT, 0, ESR_PIL },
		{ "mtpmr to a PMR that does not exist (500)", {}, I_MTPMR(500, 3), 0, ESR_PIL },
		{ "mfpmr of a PMR that does not exist (401)", {}, I_MFPMR(5, 401), 0, ESR_PIL },
		{ "mtpmr to the read-only alias UPMC0", {}, I_MTPMR(0, 3), 0, ESR_PIL },
		{ "PMC0 keeps its value (no counting)", { I_LI(3, 0x1234) },
		  I_MTPMR(16, 3), I_MFPMR(5, 16), 0, 0x1234 },
		{ "PMC3", { I_LIS(3, 0x7fff) }, I_MTPMR(19, 3), I_MFPMR(5, 19), 0, 0x7fff0000 },
		{ "PMGC0", { I_LIS(3, 0x8000) }, I_MTPMR(400, 3), I_MFPMR(5, 400), 0,
		  0x80000000 },
		{ "PMLCa2", { I_LIS(3, 0x0402) }, I_MTPMR(146, 3), I_MFPMR(5, 146), 0,
		  0x04020000 },
		{ "PMLCb3", { I_LI(3, 0x33) }, I_MTPMR(275, 3), I_MFPMR(5, 275), 0, 0x33 },
		{ "dcbi is a no-op in supervisor mode", { I_LI(3, 0x100) }, I_DCBI, 0, 0 },
		{ "icbtls: the lock fails with L1CSR1[ICUL]", { I_LI(3, 0x100) }, I_ICBTLS,
		  I_MFSPR(5, SPR_L1CSR1), 0, L1CSR1_ICUL },
		{ "dcblc does nothing", { I_LI(3, 0x100) }, I_DCBLC, 0, 0 },
		{ "icblc does nothing", { I_LI(3, 0x100) }, I_ICBLC, 0, 0 },
		{ "mtspr TBWL is dropped", { I_LI(3, 0) }, I_MTSPR(284, 3), 0, 0 },
	};

	const struct probe user[] = {
		{ "user mode: mfspr of privileged SRR0", {}, I_MFSPR(5, 26), 0, ESR_PPR },
		{ "user mode: mtpmr PMC0", {}, I_MTPMR(16, 3), 0, ESR_PPR },
		{ "user mode: mfspr of a reserved user SPR (100)", {}, I_MFSPR(5, 100), 0,
		  ESR_PIL },
		{ "user mode: dcbi", { I_LI(3, 0x100) }, I_DCBI, 0, ESR_PPR },
		{ "user mode: icbtls with MSR[UCLE] = 0 is a DSI with ESR[ILK]",
		  { I_LI(3, 0x100) }, I_ICBTLS, 0, ESR_ILK },
		{ "user mode: mfpmr of a user alias that does not exist (5)", {},
		  I_MFPMR(5, 5), 0, ESR_PIL },
		{ "user mode: wait", {}, I_WAIT, 0, ESR_PIL },
		{ "user mode: mfspr USPRG0 (256) does not trap", {}, I_MFSPR(5, 256), 0, 0 },
	};

	/* the interrupt handler: report ESR and SRR0, resume after the insn */
	const u32 handler[] = {
		I_MFSPR(20, SPR_ESR), I_STW(20, R_ESR, 4),
		I_MFSPR(20, SPR_SRR0), I_STW(20, R_SRR0, 4),
		I_ADDI(20, 20, 4), I_MTSPR(SPR_SRR0, 20),
		I_RFI,
	};

	/* system call: back to supervisor mode after the sc */
	const u32 sc_handler[] = {
		I_LI(20, 0), I_MTSPR(SPR_SRR1, 20),
		I_RFI,
	};
	static struct emitter e;
	unsigned int i, user_pc;
	struct guest g;
	u32 tb0 = 0, tb1 = 0, tb2 = 0;

	tap_start();
	if (!tap_check(guest_create(&g) == 0, "create a guest"))
		return tap_done();
	guest_code(&g, 0x2000, handler, ARRAY_LEN(handler));
	guest_code(&g, 0x2100, sc_handler, ARRAY_LEN(sc_handler));

	emit(&e.p, I_LIS(4, GUEST_MMIO >> 16));
	emit(&e.p, I_LI(3, 0));
	emit(&e.p, I_MTSPR(SPR_IVPR, 3));
	emit(&e.p, I_LI(3, 0x2000));
	emit(&e.p, I_MTSPR(spr_ivor(6), 3));	/* program */
	emit(&e.p, I_MTSPR(spr_ivor(2), 3));	/* data storage */
	emit(&e.p, I_LI(3, 0x2100));
	emit(&e.p, I_MTSPR(spr_ivor(8), 3));	/* system call */
	/* user access to the boot TLB1 entry: UX, UW, UR */
	emit(&e.p, I_LIS(3, 0x1000));
	emit(&e.p, I_MTSPR(SPR_MAS0, 3));
	emit(&e.p, I_TLBRE);
	emit(&e.p, I_MFSPR(3, SPR_MAS3));
	emit(&e.p, I_ORI(3, 3, 0x2a));
	emit(&e.p, I_MTSPR(SPR_MAS3, 3));
	emit(&e.p, I_TLBWE);
	/* time base: user-readable; a TBWL write does not move it back */
	emit(&e.p, I_MFSPR(5, 268));
	emit(&e.p, I_STW(5, 0xb00, 4));
	for (i = 0; i < ARRAY_LEN(super); i++)
		emit_probe(&e, &super[i]);
	emit(&e.p, I_MFSPR(5, 268));
	emit(&e.p, I_STW(5, 0xb04, 4));
	emit(&e.p, I_MFSPR(5, 268));
	emit(&e.p, I_STW(5, 0xb08, 4));
	/* to user mode */
	user_pc = prog_here(&e.p, GUEST_CODE) + 4 * 6;
	emit_li32(&e.p, 3, user_pc);
	emit(&e.p, I_MTSPR(SPR_SRR0, 3));
	emit(&e.p, I_LI(3, MSR_PR));
	emit(&e.p, I_MTSPR(SPR_SRR1, 3));
	emit(&e.p, I_RFI);
	for (i = 0; i < ARRAY_LEN(user); i++)
		emit_probe(&e, &user[i]);
	emit(&e.p, I_SC);
	emit(&e.p, I_MFMSR(5));
	emit(&e.p, I_STW(5, 0xb0c, 4));
	emit(&e.p, I_SELF_LOOP);
	prog_put(&g, GUEST_CODE, &e.p);
	guest_set_pc(&g, GUEST_CODE, 0);

	tap_check(guest_store_exit(&g, GUEST_MMIO + 0xb00, &tb0),
		  "mfspr TBL (268) in the guest");
	for (i = 0; i < ARRAY_LEN(super); i++)
		check(&g, &super[i], i, e.addr[i]);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 0xb04, &tb1) &&
		  guest_store_exit(&g, GUEST_MMIO + 0xb08, &tb2) &&
		  tb1 != tb0 && tb2 != tb1 && (u32)(tb1 - tb0) < 0x80000000u &&
		  (u32)(tb2 - tb1) < 0x80000000u,
		  "TBL counts up and a TBWL write of 0 did not reset it (0x%x, 0x%x, 0x%x)",
		  tb0, tb1, tb2);
	for (i = 0; i < ARRAY_LEN(user); i++)
		check(&g, &user[i], ARRAY_LEN(super) + i,
		      e.addr[ARRAY_LEN(super) + i]);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 0xb0c, &tb0) && tb0 == 0,
		  "sc from user mode reaches the handler, back in supervisor mode (MSR 0x%x)",
		  tb0);
	guest_destroy(&g);
	return tap_done();
}
