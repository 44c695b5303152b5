// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ePAPR initial mapped area through KVM_CAP_SW_TLB: each vCPU's
 * guest TLBs live in an array of ours, in which we write the boot TLB1
 * entry (guest-physical 0 at effective address 0, supervisor RWX,
 * IPROT) before the guest runs, then tell KVM with KVM_DIRTY_TLB.  The
 * VMM thus relies on no boot entry of the kernel's (upstream KVM's is
 * not visible to the guest until KVM_DIRTY_TLB anyway).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "vmm.h"

#define MAS1_VALID	0x80000000u
#define MAS1_IPROT	0x40000000u
/* MAS1[TSIZE]: the page is 2^t KiB (t even on e500v2: 4^(t/2) KiB) */
#define MAS1_TSIZE(t)	((u32)(t) << 7)
#define MAS2_M		0x04u
#define MAS3_SX_SW_SR	0x15u
#define TLBCFG_ASSOC(c)	((c) >> 24)
#define TLBCFG_NENTRY(c)	((c) & 0xfff)

/* TLB0 and TLB1 as e500v2 has them, if ONE_REG cannot tell */
#define DFLT_TLB0CFG	0x04110200u
#define DFLT_TLB1CFG	0x101bc010u

static u32 get_cfg(struct vmm_vcpu *c, u64 id, u32 dflt)
{
	u32 val;
	struct kvm_one_reg r = { .id = id, .addr = (uintptr_t)&val };

	return ioctl(c->fd, KVM_GET_ONE_REG, &r) ? dflt : val;
}

/* the smallest 4^n KiB page covering [0, end), as MAS1[TSIZE] */
static unsigned int ima_tsize(u64 end, u64 *size)
{
	unsigned int t = 2;

	for (*size = 4096; *size < end; *size <<= 2)
		t += 2;
	return t;
}

void tlb_boot_entry(struct vmm *v, struct vmm_vcpu *c)
{
	struct kvm_book3e_206_tlb_params p = { 0 };
	struct kvm_config_tlb cfg = { 0 };
	struct kvm_enable_cap e = { .cap = KVM_CAP_SW_TLB };
	struct kvm_book3e_206_tlb_entry *ima;
	u32 cfg0 = get_cfg(c, KVM_REG_PPC_TLB0CFG, DFLT_TLB0CFG);
	u32 cfg1 = get_cfg(c, KVM_REG_PPC_TLB1CFG, DFLT_TLB1CFG);
	struct kvm_dirty_tlb dirty;
	unsigned int tsize, n;
	u64 *bitmap, end;

	p.tlb_sizes[0] = TLBCFG_NENTRY(cfg0);
	p.tlb_ways[0] = TLBCFG_ASSOC(cfg0);
	p.tlb_sizes[1] = TLBCFG_NENTRY(cfg1);
	p.tlb_ways[1] = TLBCFG_NENTRY(cfg1);
	n = p.tlb_sizes[0] + p.tlb_sizes[1];
	c->tlb = calloc(n, sizeof(*c->tlb));
	bitmap = calloc((n + 63) / 64, sizeof(*bitmap));
	if (!c->tlb || !bitmap)
		die("vCPU %d: no memory for its TLB array", c->id);
	c->tlb_entries = n;
	c->tlb1 = c->tlb + p.tlb_sizes[0];

	/* everything the guest needs before it maps itself */
	end = v->kernel_end > v->spin_base + 0x1000 ? v->kernel_end :
						       v->spin_base + 0x1000;
	tsize = ima_tsize(end, &v->ima_size);
	ima = &c->tlb1[0];
	ima->mas1 = MAS1_VALID | MAS1_IPROT | MAS1_TSIZE(tsize);
	ima->mas2 = MAS2_M;	/* EPN 0, coherent */
	ima->mas7_3 = MAS3_SX_SW_SR;	/* RPN 0 */

	cfg.params = (uintptr_t)&p;
	cfg.array = (uintptr_t)c->tlb;
	cfg.mmu_type = KVM_MMU_FSL_BOOKE_NOHV;
	cfg.array_len = n * sizeof(*c->tlb);
	e.args[0] = (uintptr_t)&cfg;
	if (ioctl(c->fd, KVM_ENABLE_CAP, &e))
		die("vCPU %d: KVM_ENABLE_CAP(KVM_CAP_SW_TLB): %s", c->id,
		    strerror(errno));
	memset(bitmap, 0xff, (n + 63) / 64 * sizeof(*bitmap));
	dirty.bitmap = (uintptr_t)bitmap;
	dirty.num_dirty = n;
	if (ioctl(c->fd, KVM_DIRTY_TLB, &dirty))
		die("vCPU %d: KVM_DIRTY_TLB: %s", c->id, strerror(errno));
	free(bitmap);
	fprintf(stderr, "vmm: vCPU %d: boot TLB1 entry %llu MiB at 0 %s\n", c->id,
		(unsigned long long)(v->ima_size >> 20), "through KVM_CAP_SW_TLB");
}

/* what the guest left in its TLBs: shows the array is the live TLB */
void tlb_summary(struct vmm *v)
{
	unsigned int i, j, n0, n1;

	for (i = 0; i < (unsigned int)v->nr_vcpus; i++) {
		struct vmm_vcpu *c = &v->vcpus[i];

		if (!c->tlb)
			continue;
		n0 = 0;
		n1 = 0;
		for (j = 0; j < c->tlb_entries; j++) {
			if (!(c->tlb[j].mas1 & MAS1_VALID))
				continue;
			if (&c->tlb[j] < c->tlb1)
				n0++;
			else
				n1++;
		}
		fprintf(stderr, "vmm: vCPU %u: SW TLB at the end: %u TLB0, %u TLB1 entries valid\n",
			i, n0, n1);
	}
}
