// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fetching the instruction an exit stopped at, for emulation.
 *
 * Every emulated instruction needs the guest-physical address of its
 * PC, and a guest that traps on mfspr, mtmsr or MMIO runs the same few
 * code pages over and over.  The last code page's translation is kept
 * with the host address behind it (a gfn_to_hva_cache, which re-checks
 * the memslot generation itself), and used while nothing the guest
 * translation depends on has changed: the shadow generation and a
 * pending flush cover guest TLB1 changes, KVM_DIRTY_TLB and the rest
 * that flushes the whole shadow; a guest TLB0 change drops the cache
 * with the shadow entries of its page (e500v2_shadow_inval_page());
 * PID, PID1, PID2 and MSR[IS], which select the guest's entries
 * without any flush, are compared.
 */
#include <linux/kvm_host.h>
#include <asm/reg.h>

#include "e500v2.h"

static bool fetch_hit(struct e500v2_vcpu *v, u32 page)
{
	const struct e500v2_fetch *fc = &v->fetch;

	return fc->valid && !v->shadow_stale && fc->page == page &&
	       fc->gen == v->shadow_gen && fc->pid == v->vcpu.arch.pid &&
	       fc->pid1 == v->impl.pid1 && fc->pid2 == v->impl.pid2 &&
	       fc->is == (e500v2_msr(v) & MSR_IS);
}

static int fetch_fill(struct e500v2_vcpu *v, u32 page)
{
	struct e500v2_fetch *fc = &v->fetch;
	u64 gpa;

	if (!e500v2_translate(v, true, page, &gpa))
		return -EFAULT;
	fc->gpa = gpa & ~(u64)(PAGE_SIZE - 1);
	/* read-only slots (ROM) have no writable hva: read them uncached */
	fc->hva_ok = !kvm_gfn_to_hva_cache_init(v->vcpu.kvm, &fc->ghc,
						fc->gpa, PAGE_SIZE);
	fc->page = page;
	fc->gen = v->shadow_gen;
	fc->pid = v->vcpu.arch.pid;
	fc->pid1 = v->impl.pid1;
	fc->pid2 = v->impl.pid2;
	fc->is = e500v2_msr(v) & MSR_IS;
	fc->valid = true;
	return 0;
}

/* the word at the guest's PC; caller holds kvm->srcu */
int e500v2_fetch_insn(struct e500v2_vcpu *v, u32 *insn)
{
	struct e500v2_fetch *fc = &v->fetch;
	u32 pc = v->vcpu.arch.regs.nip;
	u32 page = pc & PAGE_MASK;
	int r;

	if (!fetch_hit(v, page)) {
		fc->valid = false;
		if (fetch_fill(v, page))
			return -EFAULT;
	}
	if (fc->hva_ok)
		r = kvm_read_guest_offset_cached(v->vcpu.kvm, &fc->ghc, insn,
						 pc & ~PAGE_MASK, 4);
	else
		r = kvm_vcpu_read_guest(&v->vcpu, fc->gpa + (pc & ~PAGE_MASK),
					insn, 4);
	if (r) {
		fc->valid = false;
		return -EFAULT;
	}
	return 0;
}
