// SPDX-License-Identifier: GPL-2.0-only
/*
 * e500v2 guest translation: the guest's TLBs and host shadow entries,
 * 4 KiB ones in TLB0 or, over contiguous host memory, large ones in a
 * few host TLB1 entries (shadow_large.c, host_tlb.c), with the backing
 * pages pinned until the next flush.  Shadow entries use address
 * space 1 (the guest always runs with MSR[IS,DS] = 1), so they never
 * match a host access.
 *
 * Contexts.  What a guest access translates to, and whether it is
 * allowed, depends on the guest's MSR[PR], its address space (MSR[IS]
 * for fetches, MSR[DS] for data) and, for entries with a TID, on its
 * PID registers.  Each such context gets a host TID of its own: one for
 * the entries with a TID (key: MSR[PR,IS,DS], PID, PID1, PID2) and one
 * for the guest's global entries, TID 0 (key: MSR[PR,IS,DS]).  The
 * guest runs with host PID0 = the first and PID1 = the second, so a
 * change of MSR[PR] or PID loads two other numbers at entry and flushes
 * nothing; a supervisor-only page mapped in a PR = 0 context is not
 * there in the PR = 1 one.  TIDs are handed out until none is left,
 * then everything is flushed and numbering starts again.
 *
 * A full flush (TLB0 flash invalidation, our TLB1 entries, every pin)
 * happens when another vCPU used this CPU, when the pin list or the
 * TIDs run out, when a guest TLB1 entry changes, and for memory slot
 * and MMU-notifier events.  A change of a guest TLB0 entry (tlbwe,
 * tlbivax by address) removes only the shadow entries at the page it
 * mapped or maps now, in every context (e500v2_shadow_inval_page());
 * their pins stay until the next full flush.
 */
#include <linux/hash.h>
#include <linux/kvm_host.h>
#include <linux/log2.h>
#include <linux/percpu.h>
#include <asm/mmu.h>
#include <asm/reg.h>

#include "e500_mmu.h"
#include "e500_shadow.h"
#include "e500v2.h"
#include "../trace.h"

/*
 * Whose shadow entries this CPU's TLB0 may hold: a vCPU and the
 * generation of its pin list.  A flush on one CPU releases the pinned
 * pages, so entries the same vCPU left on other CPUs must never be used
 * again: each flush starts a new generation, and entry on a CPU whose
 * record is older flushes first.  Only the CPU itself writes its record,
 * except e500v2_shadow_forget() clearing a dying vCPU's.
 */
struct tlb0_record {
	struct e500v2_vcpu *owner;
	u32 gen;
};

static DEFINE_PER_CPU(struct tlb0_record, tlb0_owner);
/* next TLB0 way to replace on this CPU */
static DEFINE_PER_CPU(unsigned int, tlb0_way);

/*
 * The guest TLB has the host core's geometry (TLB0CFG, TLB1CFG, MMUCFG
 * as the guest reads them) and starts with the ePAPR boot mapping:
 * 64 MiB at 0 in TLB1 entry 0, supervisor RWX, protected.
 */
int e500v2_tlb_init(struct e500v2_vcpu *v)
{
	struct e500_gtlb *t = &v->gtlb;
	int r;

	r = e500_gtlb_init(t, mfspr(SPRN_TLB0CFG), mfspr(SPRN_TLB1CFG),
			   mfspr(SPRN_MMUCFG));
	if (r)
		return r;
	t->tlb1[0].mas1 = MAS1_VALID | MAS1_IPROT |
			  MAS1_TSIZE(BOOK3E_PAGESZ_64M);
	t->tlb1[0].mas7_3 = MAS3_SX | MAS3_SW | MAS3_SR;
	return 0;
}

/* the MSR bits that select a guest translation context */
#define CTX_MSR		(MSR_PR | MSR_IS | MSR_DS)

static const struct e500_gtlb_entry *tlb_lookup(struct e500v2_vcpu *v,
						bool insn, u32 ea,
						bool *tlb0)
{
	struct e500_gtlb_ctx ctx = {
		.pid = { v->vcpu.arch.pid, v->impl.pid1, v->impl.pid2 },
		.as = e500v2_msr(v) & (insn ? MSR_IS : MSR_DS),
	};

	return e500_gtlb_lookup(&v->gtlb, ea, &ctx, tlb0);
}

/*
 * A guest TLB miss interrupt loads the MAS registers; the page and the
 * context (MSR[PR,IS,DS]) that missed are kept for shadow_preload().
 * Called before the interrupt changes the MSR.
 */
void e500v2_tlb_miss_mas(struct e500v2_vcpu *v, bool insn, u32 ea)
{
	e500_gtlb_miss(&v->gtlb, ea, v->vcpu.arch.pid,
		       e500v2_msr(v) & (insn ? MSR_IS : MSR_DS));
	v->miss_page = ea & MAS2_EPN;
	v->miss_msr = e500v2_msr(v) & CTX_MSR;
}

bool e500v2_translate(struct e500v2_vcpu *v, bool insn, u32 ea, u64 *gpa)
{
	bool tlb0;
	const struct e500_gtlb_entry *e = tlb_lookup(v, insn, ea, &tlb0);

	if (!e)
		return false;
	*gpa = e500_gtlb_gpa(e, tlb0, ea);
	return true;
}

/*
 * drop this CPU's shadow entries and every pin, forget the contexts;
 * interrupts off
 */
void e500v2_shadow_flush(struct e500v2_vcpu *v, unsigned int why)
{
	unsigned int i;

	trace_kvm_e500_flush(v->vcpu.vcpu_id, why, v->nr_pinned, v->ctx.nr);
	mtspr(SPRN_MMUCSR0, MMUCSR0_TLB0FI);
	while (mfspr(SPRN_MMUCSR0) & MMUCSR0_TLB0FI)
		;
	e500v2_host_tlb1_flush();
	for (i = 0; i < v->nr_pinned; i++)
		e500v2_shadow_release(v->pinned[i], v->pinned_refs[i],
				      v->pinned_dirty[i]);
	v->nr_pinned = 0;
	v->shadow_stale = false;
	v->shadow_gen++;
	memset(v->ctx.key, 0, sizeof(v->ctx.key));
	v->ctx.nr = 0;
	v->ctx.cur_msr = U32_MAX;
	v->vcpu.kvm->stat.num_2M_pages++;	/* shadow_flushes */
}

/* flush and make this CPU's TLB0 the vCPU's current generation */
static void flush_here(struct e500v2_vcpu *v, unsigned int why)
{
	struct tlb0_record *rec = this_cpu_ptr(&tlb0_owner);

	e500v2_shadow_flush(v, why);
	rec->gen = v->shadow_gen;
	WRITE_ONCE(rec->owner, v);
}

/* does this CPU's TLB0 hold the vCPU's current shadow? interrupts off */
static bool shadow_here(struct e500v2_vcpu *v)
{
	struct tlb0_record *rec = this_cpu_ptr(&tlb0_owner);

	return READ_ONCE(rec->owner) == v && rec->gen == v->shadow_gen;
}

/* a PID as translation sees it: one no TID can equal matches only TID 0 */
static u32 ctx_pid(u32 pid)
{
	return pid <= 0xff ? pid : 0;
}

#define CTX_USED	BIT(31)
#define CTX_GLOBAL	BIT(30)
static_assert(MSR_PR << 12 == BIT(26) && MSR_IS << 20 == BIT(25) &&
	      MSR_DS << 20 == BIT(24));

/*
 * The key of the guest's context for its entries with a TID (MSR bits
 * and the three PIDs), or with @global for its TID 0 ones (MSR bits)
 */
static u32 ctx_key(struct e500v2_vcpu *v, bool global)
{
	u32 msr = e500v2_msr(v);
	/* MSR[PR] to key bit 26, MSR[IS] to 25, MSR[DS] to 24 */
	u32 key = CTX_USED | (msr & MSR_PR) << 12 |
		  (msr & (MSR_IS | MSR_DS)) << 20;

	if (global)
		return key | CTX_GLOBAL;
	return key | ctx_pid(v->vcpu.arch.pid) |
	       ctx_pid(v->impl.pid1) << 8 | ctx_pid(v->impl.pid2) << 16;
}

/* the host TID of context @key, handed out now if need be; 0: none left */
static u32 ctx_tid(struct e500v2_ctx_map *m, u32 key)
{
	unsigned int i = hash_32(key, ilog2(E500V2_CTX_SLOTS));

	while (m->key[i]) {
		if (m->key[i] == key)
			return m->tid[i];
		i = (i + 1) & (E500V2_CTX_SLOTS - 1);
	}
	if (m->nr == E500V2_NR_TIDS)
		return 0;
	m->key[i] = key;
	m->tid[i] = ++m->nr;
	return m->tid[i];
}

/* are the frame's PIDs those of the guest's current context? */
static bool ctx_current(struct e500v2_vcpu *v)
{
	const struct e500v2_ctx_map *m = &v->ctx;

	return m->cur_msr == (e500v2_msr(v) & CTX_MSR) &&
	       m->cur_pid == v->vcpu.arch.pid &&
	       m->cur_pid1 == v->impl.pid1 && m->cur_pid2 == v->impl.pid2;
}

/*
 * Set the frame's PID0 and PID1 for the guest's current context: the
 * TIDs of its entries with a TID and of its global ones.  When TIDs run
 * out, flush and number afresh.  Interrupts off, after the flush check.
 */
static void shadow_ctx(struct e500v2_vcpu *v)
{
	struct e500v2_ctx_map *m = &v->ctx;
	u32 pid0, pid1;

	if (ctx_current(v))
		return;
	pid0 = ctx_tid(m, ctx_key(v, false));
	pid1 = ctx_tid(m, ctx_key(v, true));
	if (!pid0 || !pid1) {
		flush_here(v, E500_FLUSH_TIDS);
		pid0 = ctx_tid(m, ctx_key(v, false));
		pid1 = ctx_tid(m, ctx_key(v, true));
	}
	v->frame.pid = pid0;
	v->frame.pid1 = pid1;
	m->cur_msr = e500v2_msr(v) & CTX_MSR;
	m->cur_pid = v->vcpu.arch.pid;
	m->cur_pid1 = v->impl.pid1;
	m->cur_pid2 = v->impl.pid2;
}

static noinline void shadow_prepare_slow(struct e500v2_vcpu *v)
{
	if (v->shadow_stale)
		flush_here(v, E500_FLUSH_STALE);
	else if (!shadow_here(v))
		flush_here(v, E500_FLUSH_CPU);
	shadow_ctx(v);
}

/*
 * Called with interrupts off, before entry and before adding entries:
 * own this CPU's TLB0 with an up-to-date shadow, and set the frame's
 * PIDs for the guest's context.  Nothing to do on most entries.
 */
void e500v2_shadow_prepare(struct e500v2_vcpu *v)
{
	if (likely(!v->shadow_stale && shadow_here(v) && ctx_current(v)))
		return;
	shadow_prepare_slow(v);
}

/*
 * A guest TLB0 entry at @ea's page changed or went: remove the shadow
 * entries there, in every context.  They are only in the TLB0 of the
 * CPU the vCPU's generation owns; elsewhere, flush before the next
 * entry (the vCPU may go back to that CPU).
 */
void e500v2_shadow_inval_page(struct e500v2_vcpu *v, u32 ea)
{
	local_irq_disable();
	if (!v->shadow_stale && shadow_here(v)) {
		e500v2_host_tlb0_inval_page(ea);
		v->vcpu.kvm->stat.num_1G_pages++;	/* shadow_page_invals */
	} else {
		v->shadow_stale = true;
	}
	local_irq_enable();
	v->fetch.valid = false;
}

/* forget a vCPU that is going away, so its address can be reused */
void e500v2_shadow_forget(struct e500v2_vcpu *v)
{
	int cpu;

	for_each_possible_cpu(cpu)
		cmpxchg(&per_cpu_ptr(&tlb0_owner, cpu)->owner, v, NULL);
}

static u32 shadow_perms(struct e500v2_vcpu *v, u32 mas3, bool writable)
{
	bool user = e500v2_msr(v) & MSR_PR;
	u32 p = 0;

	if (mas3 & (user ? MAS3_UX : MAS3_SX))
		p |= MAS3_UX;
	if (mas3 & (user ? MAS3_UR : MAS3_SR))
		p |= MAS3_UR;
	if (writable && (mas3 & (user ? MAS3_UW : MAS3_SW)))
		p |= MAS3_UW;
	return p;
}

static void shadow_write(u32 ea, u32 wimge, kvm_pfn_t pfn, u32 perms,
			 u32 tid)
{
	unsigned int way = __this_cpu_read(tlb0_way);
	u64 pa = (u64)pfn << PAGE_SHIFT;

	__this_cpu_write(tlb0_way, (way + 1) & 3);
	trace_kvm_e500_shadow(ea, pfn, PAGE_SIZE, 0);
	e500v2_host_tlbwe(MAS0_TLBSEL(0) | MAS0_ESEL(way),
			  MAS1_VALID | MAS1_TID(tid) | MAS1_TS |
			  MAS1_TSIZE(BOOK3E_PAGESZ_4K),
			  (ea & MAS2_EPN) | wimge, ((u32)pa & MAS3_RPN) | perms,
			  (u32)(pa >> 32));
}

/*
 * The pin record among the last few that holds 4 KiB page @pfn, or -1.
 * A page whose shadow entry a guest TLB0 change removed is usually
 * mapped again soon (the guest's TLB miss handler cycles through a few
 * pages): one record serves, and the pin list fills that much later.
 */
#define RECENT_PINS	16

static int recent_pin(struct e500v2_vcpu *v, kvm_pfn_t pfn)
{
	unsigned int i, low = v->nr_pinned > RECENT_PINS ?
			      v->nr_pinned - RECENT_PINS : 0;

	for (i = v->nr_pinned; i > low; i--)
		if (v->pinned[i - 1] == pfn && v->pinned_refs[i - 1] == 1)
			return i - 1;
	return -1;
}

/*
 * Map @ea in the guest's current context, for a fetch if @insn, for a
 * store if @store: e500v2_tlb_miss(), which passes @preload NULL and
 * the guest entry is looked up here.  Or, from shadow_preload(), for
 * guest TLB0 entry @preload, already found: the host TLB was not seen
 * to miss, so nothing is written if it translates @ea in this context
 * already; two entries must never match one access.
 */
static int shadow_install(struct e500v2_vcpu *v,
			  const struct e500_gtlb_entry *preload, bool insn,
			  bool store, u32 ea)
{
	struct kvm *kvm = v->vcpu.kvm;
	struct kvm_memory_slot *slot;
	const struct e500_gtlb_entry *e = preload;
	bool writable = false, tlb0 = true, logged;
	u64 gpa, size = E500_SHADOW_MIN;
	unsigned long seq, npages, refs = 1;
	u32 wimge, perms, tid;
	int dup;
	kvm_pfn_t pfn;
	gfn_t gfn;

	if (!e)
		e = tlb_lookup(v, insn, ea, &tlb0);
	if (!e)
		return 1;
	gpa = e500_gtlb_gpa(e, tlb0, ea);
	gfn = gpa >> PAGE_SHIFT;
	slot = gfn_to_memslot(kvm, gfn);
	if (!slot)
		return -ENOENT;
	if (slot->flags & KVM_MEMSLOT_INVALID)
		return 0;
	seq = e500_mmu_fault_begin(kvm);
	pfn = __gfn_to_pfn_memslot(slot, gfn, false, false, NULL,
				   !(slot->flags & KVM_MEM_READONLY),
				   &writable, NULL);
	if (is_error_noslot_pfn(pfn))
		return -EFAULT;
	logged = kvm_slot_dirty_track_enabled(slot);
	if (logged && !store)
		writable = false;
	if (!tlb0 && !logged)
		size = e500v2_shadow_large(slot, e500_gtlb_size(e, false), ea,
					   gpa, &pfn, writable, &refs);
	npages = size >> PAGE_SHIFT;
	/* a large block starts at the size-aligned guest frame */
	gfn = (gpa & ~(size - 1)) >> PAGE_SHIFT;
	if (!e500_mmu_fault_lock(kvm, seq, gfn, npages)) {
		e500v2_shadow_release(pfn, refs, false);
		return 0;
	}
	e500_mmu_mark_young(slot, gfn, npages);
	wimge = (e->mas2 & MAS2_WIMGE_MASK) | MAS2_M;
	perms = shadow_perms(v, e->mas7_3, writable);
	/* dirty only what the guest can now store to */
	writable = perms & MAS3_UW;

	local_irq_disable();
	/* we may have moved CPU since the exit: own this CPU's TLB0 */
	e500v2_shadow_prepare(v);
	if (preload &&
	    e500v2_host_tlb_maps(ea, v->frame.pid, v->frame.pid1)) {
		local_irq_enable();
		e500v2_shadow_release(pfn, refs, false);
		e500_mmu_fault_unlock(kvm);
		return 0;
	}
	if (v->nr_pinned == E500V2_MAX_PINNED) {
		flush_here(v, E500_FLUSH_PINS);
		shadow_ctx(v);
	}
	/* the context's TID: the global one for the guest's TID 0 */
	tid = (e->mas1 >> 16) & 0xff ? v->frame.pid : v->frame.pid1;
	dup = size == E500_SHADOW_MIN ? recent_pin(v, pfn) : -1;
	if (dup >= 0) {
		v->pinned_dirty[dup] |= writable;
	} else {
		v->pinned[v->nr_pinned] = pfn;
		v->pinned_dirty[v->nr_pinned] = writable;
		v->pinned_refs[v->nr_pinned] = refs;
		v->nr_pinned++;
	}
	if (size > E500_SHADOW_MIN) {
		e500v2_host_tlb1_write(ea, size, wimge,
				       (u64)pfn << PAGE_SHIFT, perms, tid);
		trace_kvm_e500_shadow(ea, pfn, size, 1);
		v->vcpu.stat.pthru_host++;	/* shadow_large_installs */
	} else {
		/* a read-only entry for this page may be in TLB0 */
		if (logged)
			e500v2_host_tlb0_inval_page(ea);
		shadow_write(ea, wimge, pfn, perms, tid);
		v->vcpu.stat.pthru_all++;	/* shadow_4k_installs */
	}
	local_irq_enable();
	/* the record found holds the page: drop this lookup's reference */
	if (dup >= 0)
		e500v2_shadow_release(pfn, 1, false);
	e500_mmu_fault_unlock(kvm);
	if (writable)
		e500_mmu_mark_dirty(kvm, slot, gfn, npages);
	return 0;
}

/*
 * A host TLB miss in the guest (@store: a data store), or a store to a
 * page mapped read-only for dirty logging.  Returns 0 when a shadow
 * entry now maps @ea or the guest should simply run again (an
 * invalidation raced with us, or the slot is being deleted or moved: it
 * faults again), 1 when the guest's own TLB misses (deliver a TLB error
 * to the guest), or -ENOENT with *gpa when @ea maps guest-physical
 * space outside every memory slot (emulate as MMIO).  See e500_mmu.h
 * for the protocol.
 *
 * In a slot that logs dirty pages, only a store gets a writable
 * mapping (and marks the page dirty); loads and fetches map the page
 * read-only, so the first store after KVM_GET_DIRTY_LOG faults
 * (e500v2_dirty_store_fault()).  Such slots get 4 KiB shadow entries
 * only, so that exactly the page stored to becomes writable.  The
 * backing page is always looked up for writing in a writable slot, so
 * the read-only and the later writable mapping are the same page.
 */
int e500v2_tlb_miss(struct e500v2_vcpu *v, bool insn, bool store, u32 ea)
{
	return shadow_install(v, NULL, insn, store, ea);
}

/*
 * After a guest tlbwe of TLB0 entry @e: map its page at once if it is
 * the page of the last TLB miss given to the guest, that miss was in
 * the guest's current context, and that context translates the page
 * through @e (valid, TID 0 or one of the PIDs, its TS the data or else
 * the instruction address space, no other entry of the guest's hit
 * first), as a load's host TLB miss there would.  That is the guest's
 * miss handler writing the entry for the access it returns to, which
 * then takes no exit.  A user-mode miss's entry (tlbwe runs only in
 * supervisor mode) and other tlbwe were measured to cost more than they
 * save in a Linux guest (entries installed that nothing uses, taking
 * host TLB0 slots): they, a page outside guest RAM, the paravirt page
 * and errors are left to the miss path.
 */
static void shadow_preload(struct e500v2_vcpu *v,
			   const struct e500_gtlb_entry *e)
{
	u32 ea = (u32)e->mas2 & MAS2_EPN;
	bool insn, tlb0;

	if (!(e->mas1 & MAS1_VALID) || e500v2_is_magic(v, ea))
		return;
	if (ea != v->miss_page || v->miss_msr != (e500v2_msr(v) & CTX_MSR))
		return;
	insn = !(e->mas1 & MAS1_TS) != !(e500v2_msr(v) & MSR_DS);
	if (tlb_lookup(v, insn, ea, &tlb0) != e)
		return;
	shadow_install(v, e, insn, false, ea);
}

/*
 * The guest's tlbwe.  TLB0: the shadow of the entry replaced, and
 * anything at the page the new one maps (so no two shadow entries ever
 * match one access), goes, and the new entry's may come at once
 * (shadow_preload()); TLB1: everything.
 */
void e500v2_guest_tlbwe(struct e500v2_vcpu *v)
{
	struct e500_gtlb *t = &v->gtlb;
	const struct e500_gtlb_entry *e;
	bool tlb0;
	u32 old_mas1 = 0, old_epn = 0;

	e = e500_gtlb_selected(t, &tlb0);
	if (e) {
		old_mas1 = e->mas1;
		old_epn = (u32)e->mas2 & MAS2_EPN;
	}
	if (!e500_gtlb_tlbwe(t))
		return;
	if (!tlb0) {
		v->shadow_stale = true;
		return;
	}
	if ((old_mas1 & MAS1_VALID) && old_epn != (t->mas2 & MAS2_EPN))
		e500v2_shadow_inval_page(v, old_epn);
	e500v2_shadow_inval_page(v, t->mas2);
	shadow_preload(v, e);
}

/*
 * A data storage interrupt on a store.  1 when it is the guest's own
 * (its TLB does not allow the store, or the page is not in a writable
 * slot that logs dirty pages): deliver it.  Otherwise the shadow entry
 * was read-only for dirty logging: map the page writable, marking it
 * dirty, and return what e500v2_tlb_miss() does.
 */
int e500v2_dirty_store_fault(struct e500v2_vcpu *v, u32 ea)
{
	struct kvm_memory_slot *slot;
	const struct e500_gtlb_entry *e;
	bool tlb0;

	e = tlb_lookup(v, false, ea, &tlb0);
	if (!e || !(shadow_perms(v, e->mas7_3, true) & MAS3_UW))
		return 1;
	slot = gfn_to_memslot(v->vcpu.kvm,
			      e500_gtlb_gpa(e, tlb0, ea) >> PAGE_SHIFT);
	if (!slot || (slot->flags & KVM_MEM_READONLY) ||
	    !kvm_slot_dirty_track_enabled(slot))
		return 1;
	return e500v2_tlb_miss(v, false, true, ea);
}

/*
 * Map host page @pfn at @ea for the guest (the paravirt page), in the
 * context of the guest's global entries: not pinned, the caller owns
 * the page for as long as the vCPU exists.
 */
void e500v2_shadow_map_host(struct e500v2_vcpu *v, u32 ea, kvm_pfn_t pfn,
			    u32 perms)
{
	local_irq_disable();
	e500v2_shadow_prepare(v);
	shadow_write(ea, MAS2_M, pfn, perms, v->frame.pid1);
	local_irq_enable();
}
