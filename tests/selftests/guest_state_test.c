// SPDX-License-Identifier: GPL-2.0-only
/*
 * vCPU state an e500v2 cannot be in.  KVM_RUN refuses an MSR with bits
 * the core does not implement (-EINVAL, state untouched); the guest's
 * own mtmsr drops such bits, as the core does.  Instruction addresses
 * ignore their two low bits, as rfi does on the core: a PC set by
 * userspace, or an SRR0 the guest returns to, is word-aligned.
 */
#include "guest_asm.h"
#include "tap.h"

#define MSR_GS		0x10000000u
#define MSR_CM		0x80000000u

static void bad_msr(struct guest *g, u32 msr, const char *name)
{
	struct kvm_regs regs;
	int r;

	guest_set_pc(g, GUEST_CODE, msr);
	r = ioctl(g->vcpu, KVM_RUN, 0);
	tap_errno(r, EINVAL, name);
	ioctl(g->vcpu, KVM_GET_REGS, &regs);
	tap_check(regs.pc == GUEST_CODE && regs.msr == msr,
		  "the refused vCPU is untouched (pc 0x%llx msr 0x%llx)",
		  (unsigned long long)regs.pc, (unsigned long long)regs.msr);
}

int main(void)
{
	const u32 code[] = {
		I_LIS(4, GUEST_MMIO >> 16),		/* GUEST_CODE */
		I_LI(3, 0x111), I_STW(3, 0, 4),
		/* rfi to an SRR0 with low bits set */
		I_LI(3, GUEST_CODE + 0x23), I_MTSPR(SPR_SRR0, 3),
		I_LI(3, 0), I_MTSPR(SPR_SRR1, 3),
		I_RFI,
		I_LI(3, 0x222), I_STW(3, 4, 4),		/* GUEST_CODE + 0x20 */
		/* mtmsr with bits no e500v2 has */
		I_LIS(3, 0xf000), I_ORI(3, 3, MSR_ME), I_MTMSR(3),
		I_MFMSR(5), I_STW(5, 8, 4),
		I_SELF_LOOP,
	};
	struct kvm_regs regs;
	struct guest g;
	u32 val;

	tap_start();
	if (!tap_check(guest_create(&g) == 0, "create a guest"))
		return tap_done();
	guest_code(&g, GUEST_CODE, code, ARRAY_LEN(code));

	bad_msr(&g, MSR_GS, "KVM_RUN with MSR[GS] (Embedded.Hypervisor only)");
	bad_msr(&g, MSR_CM, "KVM_RUN with MSR[CM] (64-bit only)");
	bad_msr(&g, 0x00000040, "KVM_RUN with a reserved MSR bit");

	/* a PC with low bits: the core would fetch the word */
	guest_set_pc(&g, GUEST_CODE + 2, 0);
	tap_check(guest_store_exit(&g, GUEST_MMIO, &val) && val == 0x111,
		  "a PC set with its low bits runs the word-aligned instruction (0x%x)",
		  val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 4, &val) && val == 0x222,
		  "rfi to SRR0 = 0x%x resumes at 0x%x", GUEST_CODE + 0x23,
		  GUEST_CODE + 0x20);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 8, &val) && val == MSR_ME,
		  "mtmsr drops bits the core does not have (MSR 0x%08x)", val);
	ioctl(g.vcpu, KVM_GET_REGS, &regs);
	tap_check(!(regs.pc & 3), "KVM_GET_REGS shows a word-aligned PC (0x%llx)",
		  (unsigned long long)regs.pc);
	guest_destroy(&g);
	return tap_done();
}
