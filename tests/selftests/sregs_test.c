// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_GET_SREGS / KVM_SET_SREGS on e500v2: the offered feature groups,
 * round trips, what the guest then sees with mfspr, the special updates
 * (TSR, DEC) and refusals (another PVR, a group we do not hold).
 */
#include "guest_asm.h"
#include "tap.h"

#define WANT_FEATURES	(KVM_SREGS_E_BASE | KVM_SREGS_E_ARCH206 | KVM_SREGS_E_IVOR)

static void set_regs_seen_by_guest(struct guest *g)
{
	const u32 code[] = {
		I_LIS(4, GUEST_MMIO >> 16),
		I_MFSPR(3, spr_ivor(6)), I_STW(3, 0, 4),
		I_MFSPR(3, SPR_IVPR), I_STW(3, 4, 4),
		I_MFSPR(3, SPR_USPRG0), I_STW(3, 8, 4),
		I_MFSPR(3, SPR_TCR), I_STW(3, 12, 4),
		I_MFSPR(3, SPR_CSRR0), I_STW(3, 16, 4),
		I_MFSPR(3, spr_ivor(33)), I_STW(3, 20, 4),
		I_SELF_LOOP,
	};
	static const struct { unsigned int off; u32 want; const char *what; } seen[] = {
		{ 0, 0x1230, "IVOR6 (low bits dropped)" },
		{ 4, 0x00a00000, "IVPR (low half dropped)" },
		{ 8, 0x5a5a1234, "VRSAVE/USPRG0" },
		{ 12, 0x00400000, "TCR" },
		{ 16, 0xc0ffee00, "CSRR0" },
		{ 20, 0x4560, "IVOR33" },
	};
	unsigned int i;
	u32 val;

	guest_code(g, GUEST_CODE, code, ARRAY_LEN(code));
	guest_set_pc(g, GUEST_CODE, 0);
	for (i = 0; i < ARRAY_LEN(seen); i++)
		tap_check(guest_store_exit(g, GUEST_MMIO + seen[i].off, &val) &&
			  val == seen[i].want,
			  "the guest reads %s set through KVM_SET_SREGS (0x%x)",
			  seen[i].what, val);
}

int main(void)
{
	struct kvm_sregs s, t;
	struct guest g;
	int r;

	tap_start();
	if (!tap_check(guest_create(&g) == 0, "create a guest"))
		return tap_done();

	r = ioctl(g.vcpu, KVM_GET_SREGS, &s);
	tap_check(r == 0, "KVM_GET_SREGS");
	tap_check((s.pvr >> 16) == 0x8021, "PVR is the host's e500v2 (0x%08x)", s.pvr);
	tap_check((s.u.e.features & WANT_FEATURES) == WANT_FEATURES &&
		  !(s.u.e.features & (KVM_SREGS_E_ED | KVM_SREGS_E_64)),
		  "features: BASE, ARCH206, IVOR offered, ED and 64 not (0x%x)",
		  s.u.e.features);
	tap_check(s.u.e.impl_id == KVM_SREGS_E_IMPL_FSL, "impl_id is FSL");
	tap_check(s.u.e.pir == 0, "PIR is the vCPU id (%u)", s.u.e.pir);

	s.u.e.ivor_low[6] = 0x1234;
	s.u.e.ivor_high[1] = 0x4560;	/* IVOR33 */
	s.u.e.ivpr = 0x00a0ffff;
	s.u.e.vrsave = 0x5a5a1234;
	s.u.e.tcr = 0x00400000;		/* ARE, no interrupt enables */
	s.u.e.csrr0 = 0xc0ffee00;
	s.u.e.decar = 777;
	s.u.e.tsr = 0x04000000;		/* FIS */
	s.u.e.dec = 0x7fffffff;
	s.u.e.update_special = KVM_SREGS_E_UPDATE_TSR | KVM_SREGS_E_UPDATE_DEC;
	r = ioctl(g.vcpu, KVM_SET_SREGS, &s);
	tap_check(r == 0, "KVM_SET_SREGS with BASE, ARCH206 and IVOR");

	memset(&t, 0, sizeof(t));
	ioctl(g.vcpu, KVM_GET_SREGS, &t);
	tap_check(t.u.e.decar == 777 && t.u.e.vrsave == 0x5a5a1234 &&
		  t.u.e.csrr0 == 0xc0ffee00 && t.u.e.ivor_low[6] == 0x1230,
		  "KVM_GET_SREGS returns what was set");
	tap_check(t.u.e.tsr == 0x04000000, "KVM_SREGS_E_UPDATE_TSR replaces TSR (0x%x)",
		  t.u.e.tsr);
	tap_check(t.u.e.dec > 0x70000000 && t.u.e.dec <= 0x7fffffff,
		  "KVM_SREGS_E_UPDATE_DEC starts the decrementer (0x%x)", t.u.e.dec);

	t.u.e.update_special = 0;
	t.u.e.tsr = 0;
	t.u.e.dec = 5;
	ioctl(g.vcpu, KVM_SET_SREGS, &t);
	ioctl(g.vcpu, KVM_GET_SREGS, &s);
	tap_check(s.u.e.tsr == 0x04000000 && s.u.e.dec > 5,
		  "without update_special, TSR and DEC are left alone");

	t.pvr ^= 0x10000;
	r = ioctl(g.vcpu, KVM_SET_SREGS, &t);
	tap_errno(r, EINVAL, "KVM_SET_SREGS with another core's PVR");
	t.pvr ^= 0x10000;
	t.u.e.features |= KVM_SREGS_E_ED;
	r = ioctl(g.vcpu, KVM_SET_SREGS, &t);
	tap_errno(r, EINVAL, "KVM_SET_SREGS with a feature group not offered");

	set_regs_seen_by_guest(&g);
	guest_destroy(&g);
	return tap_done();
}
