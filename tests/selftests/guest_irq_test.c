// SPDX-License-Identifier: GPL-2.0-only
/*
 * Asynchronous guest interrupts on the e500v2 backend: the decrementer
 * (one-shot, auto-reload, TSR write-1-to-clear), waiting with MSR[WE],
 * and external interrupts injected with KVM_INTERRUPT, with their
 * masking by MSR[EE] and their save/restore register values.
 */
#include "guest_asm.h"
#include "tap.h"

#define TCR_DIE		0x04000000u
#define TCR_ARE		0x00400000u
#define TSR_DIS		0x08000000u
#define MSR_WE		0x00040000u

static void dec_oneshot(void)
{
	/* decrementer handler at 0x2000: report TSR and SRR0, ack, return */
	const u32 handler[] = {
		I_MFSPR(3, SPR_TSR), I_STW(3, 0, 4),
		I_MFSPR(3, SPR_SRR0), I_STW(3, 4, 4),
		I_LIS(3, TSR_DIS >> 16), I_MTSPR(SPR_TSR, 3),
		I_MFSPR(3, SPR_TSR), I_STW(3, 8, 4),
		I_SELF_LOOP,
	};
	const u32 code[] = {
		I_LIS(4, GUEST_MMIO >> 16), I_LI(3, 0), I_MTSPR(SPR_IVPR, 3),
		I_LI(3, 0x2000), I_MTSPR(spr_ivor(10), 3),
		I_LIS(3, 0x0100), I_MTSPR(SPR_DEC, 3),	/* 16M ticks */
		I_MFSPR(5, SPR_DEC), I_STW(5, 12, 4),	/* counts down */
		I_LIS(3, TCR_DIE >> 16), I_MTSPR(SPR_TCR, 3),
		I_LI(3, 2000), I_MTSPR(SPR_DEC, 3),
		I_WRTEEI(1),
		I_SELF_LOOP,				/* GUEST_CODE + 0x38 */
	};
	struct guest g;
	u32 val;

	if (!tap_check(guest_create(&g) == 0, "decrementer: create guest"))
		return;
	guest_code(&g, GUEST_CODE, code, ARRAY_LEN(code));
	guest_code(&g, 0x2000, handler, ARRAY_LEN(handler));
	guest_set_pc(&g, GUEST_CODE, 0);

	tap_check(guest_store_exit(&g, GUEST_MMIO + 12, &val) &&
		  val < 0x1000000 && val > 0x1000000 - 0x800000,
		  "mfspr DEC reads a value counting down from the one written (0x%x)",
		  val);
	tap_check(guest_store_exit(&g, GUEST_MMIO, &val) && (val & TSR_DIS),
		  "decrementer interrupt taken with TSR[DIS] set (TSR 0x%08x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 4, &val) &&
		  val == GUEST_CODE + 0x38,
		  "decrementer interrupt: SRR0 is the interrupted loop (0x%x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 8, &val) && !(val & TSR_DIS),
		  "writing 1 to TSR[DIS] clears it (TSR 0x%08x)", val);
	guest_destroy(&g);
}

static void wait_state(void)
{
	/*
	 * Auto-reload decrementer (~2.6 ms at 400 MHz); the guest waits
	 * with MSR[WE] twice, then stops the timer and reports.  The
	 * handler only counts, so no exit can stretch the waits.
	 */
	/* like Linux, the handler clears MSR[WE] in SRR1 so rfi resumes */
	const u32 handler[] = {
		I_MFSPR(8, SPR_SRR1),
		I_LIS(9, MSR_WE >> 16), I_ANDC(9, 8, 9), I_MTSPR(SPR_SRR1, 9),
		I_LIS(3, TSR_DIS >> 16), I_MTSPR(SPR_TSR, 3),
		I_ADDI(6, 6, 1),
		I_RFI,
	};
	const u32 code[] = {
		I_LIS(4, GUEST_MMIO >> 16), I_LI(3, 0), I_MTSPR(SPR_IVPR, 3),
		I_LI(6, 0),
		I_LI(3, 0x2000), I_MTSPR(spr_ivor(10), 3),
		I_LIS(3, 0x10), I_MTSPR(SPR_DECAR, 3),
		I_LIS(3, (TCR_DIE | TCR_ARE) >> 16), I_MTSPR(SPR_TCR, 3),
		I_LIS(3, 0x10), I_MTSPR(SPR_DEC, 3),
		I_LIS(7, MSR_WE >> 16), I_ORI(7, 7, MSR_EE),
		I_MTMSR(7),				/* wait */
		I_MTMSR(7),				/* wait again */
		I_LI(3, 0), I_MTSPR(SPR_TCR, 3),
		I_STW(8, 0, 4),				/* SRR1 of a wake-up */
		I_STW(6, 4, 4),				/* interrupts seen */
		I_SELF_LOOP,
	};
	struct guest g;
	u32 val;

	if (!tap_check(guest_create(&g) == 0, "wait state: create guest"))
		return;
	guest_code(&g, GUEST_CODE, code, ARRAY_LEN(code));
	guest_code(&g, 0x2000, handler, ARRAY_LEN(handler));
	guest_set_pc(&g, GUEST_CODE, 0);

	tap_check(guest_store_exit(&g, GUEST_MMIO, &val) &&
		  (val & (MSR_WE | MSR_EE)) == (MSR_WE | MSR_EE),
		  "a waiting guest is woken by the decrementer, SRR1 has MSR[WE] (0x%08x)",
		  val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 4, &val) && val == 2,
		  "two waits end with exactly two auto-reloaded decrementer interrupts (%u)",
		  val);
	guest_destroy(&g);
}

static void ext_input(void)
{
	const u32 handler[] = {
		I_MFSPR(3, SPR_SRR0), I_STW(3, 4, 4),
		I_SELF_LOOP,
	};
	const u32 code[] = {
		I_LIS(4, GUEST_MMIO >> 16), I_LI(3, 0), I_MTSPR(SPR_IVPR, 3),
		I_LI(3, 0x2000), I_MTSPR(spr_ivor(4), 3),
		I_STW(3, 0, 4),			/* with EE = 0 we get here */
		I_WRTEEI(1),
		I_SELF_LOOP,			/* GUEST_CODE + 0x1c */
	};
	struct kvm_interrupt irq = { .irq = KVM_INTERRUPT_SET };
	struct guest g;
	u32 val;
	int r;

	if (!tap_check(guest_create(&g) == 0, "external: create guest"))
		return;
	guest_code(&g, GUEST_CODE, code, ARRAY_LEN(code));
	guest_code(&g, 0x2000, handler, ARRAY_LEN(handler));
	guest_set_pc(&g, GUEST_CODE, 0);

	r = ioctl(g.vcpu, KVM_INTERRUPT, &irq);
	tap_check(r == 0, "KVM_INTERRUPT raises the external input");
	tap_check(guest_store_exit(&g, GUEST_MMIO, &val),
		  "the external interrupt waits while MSR[EE] = 0");
	tap_check(guest_store_exit(&g, GUEST_MMIO + 4, &val) &&
		  val == GUEST_CODE + 0x1c,
		  "taken once MSR[EE] = 1: SRR0 past the wrteei (0x%x)", val);

	irq.irq = KVM_INTERRUPT_UNSET;
	tap_check(ioctl(g.vcpu, KVM_INTERRUPT, &irq) == 0,
		  "KVM_INTERRUPT_UNSET lowers it");
	irq.irq = 7;
	r = ioctl(g.vcpu, KVM_INTERRUPT, &irq);
	tap_errno(r, EINVAL, "KVM_INTERRUPT with an unknown irq value");
	tap_check(ioctl(g.kvm, KVM_CHECK_EXTENSION, KVM_CAP_PPC_IRQ_LEVEL) == 1 &&
		  ioctl(g.kvm, KVM_CHECK_EXTENSION, KVM_CAP_PPC_UNSET_IRQ) == 1,
		  "KVM_CAP_PPC_IRQ_LEVEL and KVM_CAP_PPC_UNSET_IRQ are advertised");
	guest_destroy(&g);
}

int main(void)
{
	tap_start();
	dec_oneshot();
	wait_state();
	ext_input();
	return tap_done();
}
