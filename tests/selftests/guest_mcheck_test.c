// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest's side of a machine check on e500v2, as its handler sees it:
 * MCSR set by userspace (KVM_SREGS_E_UPDATE_MCSR) reads back in the
 * guest and clears by writing 1s; rfmci returns to MCSRR0 with the MSR
 * from MCSRR1 (and rfci to CSRR0 with CSRR1).  Delivery of a host
 * machine check is KUnit's (kvm_e500v2_mcheck): QEMU cannot raise one.
 */
#include "guest_asm.h"
#include "tap.h"

#define SPR_MCSRR0	570
#define SPR_MCSRR1	571
#define I_RFMCI		0x4c00004cu
#define MCSR_MCP	0x80000000u
#define TARGET		(GUEST_CODE + 0x100)
#define TARGET2		(GUEST_CODE + 0x200)
#define PROG_VEC	0x2000
#define I_RFCI		0x4c000066u

int main(void)
{
	const u32 code[] = {
		I_LIS(4, GUEST_MMIO >> 16),
		I_LI(3, 0), I_MTSPR(SPR_IVPR, 3),
		I_LI(3, PROG_VEC), I_MTSPR(spr_ivor(6), 3),
		I_MFSPR(3, SPR_MCSR), I_STW(3, 0, 4),
		I_MTSPR(SPR_MCSR, 3),			/* write 1 to clear */
		I_MFSPR(3, SPR_MCSR), I_STW(3, 4, 4),
		I_LI(3, TARGET), I_MTSPR(SPR_MCSRR0, 3),
		I_LI(3, MSR_ME | MSR_DE), I_MTSPR(SPR_MCSRR1, 3),
		I_RFMCI,
		I_SELF_LOOP,
	};
	/* then the same through rfci with CSRR0/CSRR1 */
	const u32 target[] = {
		I_MFMSR(3), I_STW(3, 8, 4),
		I_LI(3, TARGET2), I_MTSPR(SPR_CSRR0, 3),
		I_LI(3, MSR_ME), I_MTSPR(SPR_CSRR1, 3),
		I_RFCI,
		I_SELF_LOOP,
	};
	const u32 target2[] = { I_MFMSR(3), I_STW(3, 12, 4), I_SELF_LOOP };
	/* a program interrupt would be a failure: report it, do not loop */
	const u32 prog[] = {
		I_MFSPR(3, SPR_ESR), I_STW(3, 0x10, 4),
		I_MFSPR(3, SPR_SRR0), I_STW(3, 0x14, 4), I_SELF_LOOP,
	};
	struct kvm_sregs s;
	struct kvm_regs regs;
	struct guest g;
	u32 val;

	tap_start();
	if (!tap_check(guest_create(&g) == 0, "create a guest"))
		return tap_done();
	ioctl(g.vcpu, KVM_GET_SREGS, &s);
	s.u.e.features = KVM_SREGS_E_BASE;
	s.u.e.mcsr = MCSR_MCP;
	s.u.e.update_special = KVM_SREGS_E_UPDATE_MCSR;
	tap_check(ioctl(g.vcpu, KVM_SET_SREGS, &s) == 0, "set MCSR[MCP] through SREGS");
	guest_code(&g, GUEST_CODE, code, ARRAY_LEN(code));
	guest_code(&g, TARGET, target, ARRAY_LEN(target));
	guest_code(&g, TARGET2, target2, ARRAY_LEN(target2));
	guest_code(&g, PROG_VEC, prog, ARRAY_LEN(prog));
	guest_set_pc(&g, GUEST_CODE, 0);

	tap_check(guest_store_exit(&g, GUEST_MMIO, &val) && val == MCSR_MCP,
		  "the guest reads MCSR[MCP] (0x%x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 4, &val) && val == 0,
		  "writing its bits back clears MCSR (0x%x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 8, &val) &&
		  val == (MSR_ME | MSR_DE),
		  "rfmci restores the MSR from MCSRR1 (0x%x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 12, &val) && val == MSR_ME,
		  "rfci restores the MSR from CSRR1 (0x%x)", val);
	ioctl(g.vcpu, KVM_GET_REGS, &regs);
	tap_check(regs.pc == TARGET2 + 8,
		  "rfmci and rfci went to MCSRR0, CSRR0 (pc past the store, 0x%llx)",
		  (unsigned long long)regs.pc);
	ioctl(g.vcpu, KVM_GET_SREGS, &s);
	tap_check(s.u.e.mcsr == 0, "KVM_GET_SREGS sees MCSR cleared (0x%llx)",
		  (unsigned long long)s.u.e.mcsr);
	guest_destroy(&g);
	return tap_done();
}
