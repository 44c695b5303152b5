// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_GET/SET_SREGS groups the e500v2 backend holds: ARCH206_MMU,
 * DEBUG, MCSR (BASE, with KVM_SREGS_E_UPDATE_MCSR) and the FSL
 * implementation block.  Round trips, what the guest reads with mfspr,
 * and refusals that must change nothing.
 */
#include <errno.h>
#include <stddef.h>

#include "guest_asm.h"
#include "tap.h"

#define SPR_IAC2	313
#define SPR_DAC1	316
#define SPR_MCAR	573
#define SPR_PID1	633
#define SPR_PID2	634
#define SPR_HID0	1008

#define NEW_GROUPS	(KVM_SREGS_E_ARCH206_MMU | KVM_SREGS_E_DEBUG)

static const struct {
	unsigned int spr;
	u32 want;
	const char *what;
} seen[] = {
	{ SPR_MAS0, 0x10030000, "MAS0" },
	{ SPR_MAS1, 0x80000100, "MAS1" },
	{ SPR_MAS2, 0x00123004, "MAS2" },
	{ SPR_MAS3, 0x0045603f, "MAS3 (low half of MAS7_3)" },
	{ SPR_MAS7, 0x9, "MAS7 (MAS7_3 bits 32-35)" },
	{ SPR_MAS4, 0x00000100, "MAS4" },
	{ SPR_MAS6, 0x00070000, "MAS6" },
	{ SPR_DBCR0, 0x40000000, "DBCR0" },
	{ SPR_IAC2, 0x00002000, "IAC2" },
	{ SPR_DAC1, 0x00003000, "DAC1" },
	{ SPR_DBSR, 0x01000000, "DBSR (KVM_SREGS_E_UPDATE_DBSR)" },
	{ SPR_MCSR, 0x00200000, "MCSR (KVM_SREGS_E_UPDATE_MCSR)" },
	{ SPR_MCAR, 0x0badf00c, "MCAR" },
	{ SPR_HID0, 0x00004000, "HID0" },
	{ SPR_PID1, 0x12, "PID1" },
	{ SPR_PID2, 0x34, "PID2" },
};

static void fill(struct kvm_sregs *s)
{
	s->u.e.features = NEW_GROUPS | KVM_SREGS_E_BASE;
	s->u.e.update_special = KVM_SREGS_E_UPDATE_MCSR | KVM_SREGS_E_UPDATE_DBSR;
	s->u.e.mas0 = 0x10030000;
	s->u.e.mas1 = 0x80000100;
	s->u.e.mas2 = 0x00123004;
	s->u.e.mas7_3 = 0x90045603full;
	s->u.e.mas4 = 0x00000100;
	s->u.e.mas6 = 0x00070000;
	s->u.e.dbcr[0] = 0x40000000;	/* IDM */
	s->u.e.iac[1] = 0x2000;
	s->u.e.dac[0] = 0x3000;
	s->u.e.dbsr = 0x01000000;	/* TRAP */
	s->u.e.mcsr = 0x00200000;
	s->u.e.impl_id = KVM_SREGS_E_IMPL_FSL;
	s->u.e.impl.fsl.features = KVM_SREGS_E_FSL_PIDn;
	s->u.e.impl.fsl.mcar = 0x0badf00c;
	s->u.e.impl.fsl.hid0 = 0x00004000;
	s->u.e.impl.fsl.pid1 = 0x12;
	s->u.e.impl.fsl.pid2 = 0x34;
}

static void guest_reads(struct guest *g)
{
	u32 code[2 * ARRAY_LEN(seen) + 2];
	unsigned int i, n = 0;
	u32 val;

	code[n++] = I_LIS(4, GUEST_MMIO >> 16);
	for (i = 0; i < ARRAY_LEN(seen); i++) {
		code[n++] = I_MFSPR(3, seen[i].spr);
		code[n++] = I_STW(3, 4 * i, 4);
	}
	code[n++] = I_SELF_LOOP;
	guest_code(g, GUEST_CODE, code, n);
	guest_set_pc(g, GUEST_CODE, 0);
	for (i = 0; i < ARRAY_LEN(seen); i++)
		tap_check(guest_store_exit(g, GUEST_MMIO + 4 * i, &val) &&
			  val == seen[i].want,
			  "the guest reads %s set through KVM_SET_SREGS (0x%x)",
			  seen[i].what, val);
}

/* each bad value alone must be -EINVAL and change nothing */
#define OFF(f)	(offsetof(struct kvm_sregs, u.e.f))

static const struct {
	const char *what;
	size_t off, size;
	__u64 val;
	int flip;	/* XOR val into the good value instead of setting it */
} bad[] = {
	{ "another MMUCFG", OFF(mmucfg), 4, 1, 1 },
	{ "another TLB1CFG", OFF(tlbcfg[1]), 4, 0x10, 1 },
	{ "a TLB2CFG", OFF(tlbcfg[2]), 4, 1, 0 },
	{ "MAS7_3 beyond 36 bits", OFF(mas7_3), 8, 1ull << 36, 0 },
	{ "MAS2 above 32 bits", OFF(mas2), 8, 1ull << 32, 0 },
	{ "IAC3", OFF(iac[2]), 4, 4, 0 },
	{ "DVC1", OFF(dvc[0]), 4, 1, 0 },
	{ "MCSR above 32 bits", OFF(mcsr), 8, 1ull << 32, 0 },
	{ "an unknown impl_id", OFF(impl_id), 4, 7, 0 },
	{ "an unknown FSL feature bit", OFF(impl.fsl.features), 4, 2, 1 },
	{ "another SVR", OFF(impl.fsl.svr), 4, 1, 1 },
	{ "MCAR above 32 bits", OFF(impl.fsl.mcar), 8, 1ull << 32, 0 },
	{ "PID1 above 8 bits", OFF(impl.fsl.pid1), 4, 0x100, 0 },
};

static void refusals(struct guest *g, const struct kvm_sregs *good)
{
	struct kvm_sregs s, t;
	unsigned int i;
	__u64 v;
	__u32 v32;
	int r;

	for (i = 0; i < ARRAY_LEN(bad); i++) {
		char *p;

		s = *good;
		s.u.e.mas0 = 0x10010000;	/* would change if accepted */
		s.u.e.update_special = KVM_SREGS_E_UPDATE_MCSR;
		p = (char *)&s + bad[i].off;
		if (bad[i].size == 8) {
			memcpy(&v, p, 8);
			v = bad[i].flip ? v ^ bad[i].val : bad[i].val;
			memcpy(p, &v, 8);
		} else {
			memcpy(&v32, p, 4);
			v32 = bad[i].flip ? v32 ^ (__u32)bad[i].val : (__u32)bad[i].val;
			memcpy(p, &v32, 4);
		}
		r = ioctl(g->vcpu, KVM_SET_SREGS, &s);
		tap_errno(r, EINVAL, bad[i].what);
		ioctl(g->vcpu, KVM_GET_SREGS, &t);
		tap_check(t.u.e.mas0 == good->u.e.mas0,
			  "... and nothing changed (MAS0 0x%x)", t.u.e.mas0);
	}
}

int main(void)
{
	struct kvm_one_reg one;
	struct kvm_sregs s, t;
	struct guest g;
	__u64 v64 = 0;
	__u32 v32 = 0;
	int r;

	tap_start();
	if (!tap_check(guest_create(&g) == 0, "create a guest"))
		return tap_done();

	r = ioctl(g.vcpu, KVM_GET_SREGS, &s);
	tap_check(r == 0 && (s.u.e.features & NEW_GROUPS) == NEW_GROUPS,
		  "ARCH206_MMU and DEBUG are offered (0x%x)", s.u.e.features);
	one.id = KVM_REG_PPC_MMUCFG;
	one.addr = (uintptr_t)&v32;
	r = ioctl(g.vcpu, KVM_GET_ONE_REG, &one);
	tap_check(r == 0 && s.u.e.mmucfg == v32 && s.u.e.tlbcfg[0] &&
		  s.u.e.tlbcfg[1] && !s.u.e.tlbcfg[2] && !s.u.e.tlbcfg[3],
		  "MMUCFG 0x%x (as ONE_REG), TLB0CFG 0x%x, TLB1CFG 0x%x, no TLB2/3",
		  s.u.e.mmucfg, s.u.e.tlbcfg[0], s.u.e.tlbcfg[1]);
	tap_check(s.u.e.num_iac == 2 && s.u.e.num_dac == 2 && !s.u.e.num_dvc,
		  "two IACs, two DACs, no DVC");
	tap_check(s.u.e.impl_id == KVM_SREGS_E_IMPL_FSL &&
		  s.u.e.impl.fsl.features == KVM_SREGS_E_FSL_PIDn,
		  "FSL block with PIDn (SVR 0x%x, the host's)", s.u.e.impl.fsl.svr);
	tap_check(s.u.e.mcsr == 0 && s.u.e.dbsr == 0, "MCSR and DBSR start at 0");

	t = s;
	r = ioctl(g.vcpu, KVM_SET_SREGS, &t);
	tap_check(r == 0, "KVM_SET_SREGS of what KVM_GET_SREGS returned");

	fill(&s);
	r = ioctl(g.vcpu, KVM_SET_SREGS, &s);
	tap_check(r == 0, "KVM_SET_SREGS with MMU, DEBUG, MCSR and the FSL block");
	memset(&t, 0, sizeof(t));
	ioctl(g.vcpu, KVM_GET_SREGS, &t);
	tap_check(t.u.e.mas0 == s.u.e.mas0 && t.u.e.mas7_3 == s.u.e.mas7_3 &&
		  t.u.e.mas6 == s.u.e.mas6 && t.u.e.dbcr[0] == s.u.e.dbcr[0] &&
		  t.u.e.iac[1] == s.u.e.iac[1] && t.u.e.dbsr == s.u.e.dbsr &&
		  t.u.e.mcsr == s.u.e.mcsr && t.u.e.impl.fsl.hid0 == 0x4000 &&
		  t.u.e.impl.fsl.mcar == 0x0badf00c &&
		  t.u.e.impl.fsl.pid1 == 0x12 && t.u.e.impl.fsl.pid2 == 0x34,
		  "KVM_GET_SREGS returns what was set");
	one.id = KVM_REG_PPC_MAS7_3;
	one.addr = (uintptr_t)&v64;
	tap_check(ioctl(g.vcpu, KVM_GET_ONE_REG, &one) == 0 && v64 == 0x90045603full,
		  "ONE_REG MAS7_3 agrees (0x%llx)", (unsigned long long)v64);

	/* without the update bits, MCSR and DBSR stay; without PIDn, PIDs */
	t.u.e.update_special = 0;
	t.u.e.mcsr = 0;
	t.u.e.dbsr = 0;
	t.u.e.impl.fsl.features = 0;
	t.u.e.impl.fsl.pid1 = 0;
	ioctl(g.vcpu, KVM_SET_SREGS, &t);
	ioctl(g.vcpu, KVM_GET_SREGS, &t);
	tap_check(t.u.e.mcsr == 0x00200000 && t.u.e.dbsr == 0x01000000 &&
		  t.u.e.impl.fsl.pid1 == 0x12,
		  "without update_special or PIDn, MCSR, DBSR and PID1 are left alone");

	refusals(&g, &t);
	guest_reads(&g);
	guest_destroy(&g);
	return tap_done();
}
