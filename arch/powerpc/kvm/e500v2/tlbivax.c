// SPDX-License-Identifier: GPL-2.0-only
/*
 * tlbivax under guest SMP: the instruction invalidates in every
 * processor's TLB.  The issuing vCPU applies it to its own guest TLB,
 * queues it on each other vCPU (whose TLB only its own thread touches)
 * and waits until none of them is still running guest code: a vCPU
 * applies its queue before it enters the guest again, so once the
 * tlbivax completes no vCPU can use the old translation, which is what
 * tlbsync waits for on hardware (tlbsync itself has nothing left to do).
 */
#include <linux/kvm_host.h>

#include "e500v2.h"

void e500v2_ivax_init(struct e500v2_vcpu *v)
{
	spin_lock_init(&v->ivax.lock);
}

static void queue_on(struct e500v2_vcpu *o, u32 ea)
{
	spin_lock(&o->ivax.lock);
	if (o->ivax.n < E500V2_IVAX_QUEUE)
		o->ivax.ea[o->ivax.n++] = ea;
	else
		o->ivax.all = true;
	spin_unlock(&o->ivax.lock);
}

void e500v2_tlbivax(struct e500v2_vcpu *v, u32 ea)
{
	struct kvm *kvm = v->vcpu.kvm;
	struct kvm_vcpu *vcpu;
	unsigned long i;

	if (e500_gtlb_tlbivax(&v->gtlb, ea))
		v->shadow_stale = true;
	if (atomic_read(&kvm->online_vcpus) < 2)
		return;
	kvm_for_each_vcpu(i, vcpu, kvm)
		if (vcpu != &v->vcpu)
			queue_on(to_e500v2(vcpu), ea);
	/* IPIs the vCPUs in the guest and waits for them to leave it */
	kvm_make_all_cpus_request(kvm, E500V2_REQ_IVAX);
}

/* on the vCPU's own thread, before it enters the guest */
void e500v2_ivax_apply(struct e500v2_vcpu *v)
{
	u32 ea[E500V2_IVAX_QUEUE];
	unsigned int n, i;
	bool all;

	spin_lock(&v->ivax.lock);
	n = v->ivax.n;
	all = v->ivax.all;
	memcpy(ea, v->ivax.ea, n * sizeof(ea[0]));
	v->ivax.n = 0;
	v->ivax.all = false;
	spin_unlock(&v->ivax.lock);
	if (all) {
		if (e500_gtlb_flash(&v->gtlb, true, true))
			v->shadow_stale = true;
		return;
	}
	for (i = 0; i < n; i++)
		if (e500_gtlb_tlbivax(&v->gtlb, ea[i]))
			v->shadow_stale = true;
}
