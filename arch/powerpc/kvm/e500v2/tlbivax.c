// SPDX-License-Identifier: GPL-2.0-only
/*
 * tlbivax across the VM.  Each vCPU has its own guest TLB, as each core
 * has its own TLB, but a core with HID1[ABE] set broadcasts tlbivax and
 * every core snoops it: it removes the matching unprotected entries
 * from all of them (E500CORERM 12.4.4.3).  vCPUs start with HID1[ABE]
 * set, as multicore firmware leaves it; a guest that clears it gets a
 * local tlbivax.  A vCPU's guest TLB is read and written by its own
 * thread only, without a lock, so the issuing vCPU applies the
 * operation to its own TLB at once and queues it for every other vCPU
 * (the queue has its own spinlock); KVM_REQ_E500V2_TLBIVAX makes each
 * of them apply the queue before it runs guest code again, and the
 * request waits until every vCPU that was in the guest has left it.
 * So when the guest's tlbivax completes no vCPU can translate through
 * the entries any more, and tlbsync has nothing left to wait for.
 *
 * MMUCSR0 flash invalidation stays local to the vCPU, as on the core.
 */
#include <linux/kvm_host.h>

#include "e500v2.h"

/* tlbivax operands: invalidate-all forms of TLB0 and TLB1 */
#define IVAX_ALL_TLB0	0x4
#define IVAX_ALL_TLB1	0xc
#define IVAX_FORM	0xc	/* the TLB1 and invalidate-all bits */

/*
 * Apply tlbivax @ea to the vCPU's guest TLB and its shadow: an
 * invalidation by address in TLB0 removes only the shadow entries at
 * that page, anything else everything.
 */
static void ivax_one(struct e500v2_vcpu *v, u32 ea)
{
	if (!e500_gtlb_tlbivax(&v->gtlb, ea))
		return;
	if (ea & IVAX_FORM)
		v->shadow_stale = true;
	else
		e500v2_shadow_inval_page(v, ea);
}

void e500v2_ivax_init(struct e500v2_vcpu *v)
{
	spin_lock_init(&v->ivax.lock);
	v->ivax.n = 0;
	v->ivax.overflow = false;
}

static void ivax_queue(struct e500v2_vcpu *v, u32 ea)
{
	spin_lock(&v->ivax.lock);
	if (v->ivax.n < E500V2_IVAX_QUEUE)
		v->ivax.ea[v->ivax.n++] = ea;
	else
		v->ivax.overflow = true;
	spin_unlock(&v->ivax.lock);
}

/* the guest's tlbivax on @v */
void e500v2_tlbivax(struct e500v2_vcpu *v, u32 ea)
{
	struct kvm *kvm = v->vcpu.kvm;
	struct kvm_vcpu *other;
	unsigned long i;

	ivax_one(v, ea);
	if (!(v->impl.hid1 & HID1_ABE) || atomic_read(&kvm->online_vcpus) < 2)
		return;
	kvm_for_each_vcpu(i, other, kvm)
		if (other != &v->vcpu)
			ivax_queue(to_e500v2(other), ea);
	/* our own bit is set too; handling it with nothing queued is harmless */
	kvm_make_all_cpus_request(kvm, KVM_REQ_E500V2_TLBIVAX);
}

/*
 * Apply what other vCPUs sent, in the vCPU's thread.  More operations
 * than the queue holds become invalidate-all of both TLBs: unprotected
 * entries may go away at any time, only IPROT ones must stay.
 */
void e500v2_ivax_apply(struct e500v2_vcpu *v)
{
	u32 ea[E500V2_IVAX_QUEUE];
	unsigned int n, i;
	bool overflow;

	spin_lock(&v->ivax.lock);
	n = v->ivax.n;
	overflow = v->ivax.overflow;
	memcpy(ea, v->ivax.ea, n * sizeof(ea[0]));
	v->ivax.n = 0;
	v->ivax.overflow = false;
	spin_unlock(&v->ivax.lock);

	if (overflow) {
		ivax_one(v, IVAX_ALL_TLB0);
		ivax_one(v, IVAX_ALL_TLB1);
	} else {
		for (i = 0; i < n; i++)
			ivax_one(v, ea[i]);
	}
}
