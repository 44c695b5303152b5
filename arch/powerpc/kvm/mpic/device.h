/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The MPIC as a KVM device: the model plus what ties it to a VM (its
 * MMIO region on the in-kernel bus, the vCPUs wired to its outputs).
 * kvm->arch.mpic and vcpu->arch.mpic point here.
 */
#ifndef KVM_E500_MPIC_DEVICE_H
#define KVM_E500_MPIC_DEVICE_H

#include <linux/kvm_host.h>
#include <kvm/iodev.h>

#include "mpic.h"

struct openpic {
	struct vmpic m;			/* first: model callbacks cast back */
	struct kvm *kvm;
	struct kvm_io_device iodev;
	u64 base;			/* 0: not mapped; under kvm->slots_lock */
	/* vCPU wired to each MPIC CPU; written under m.lock */
	struct kvm_vcpu *vcpu[MPIC_MAX_CPUS];
};

/* take/release m.lock; the release reports EOIed level sources */
void e500_mpic_lock(struct openpic *op, unsigned long *flags);
void e500_mpic_unlock(struct openpic *op, unsigned long flags);

#endif /* KVM_E500_MPIC_DEVICE_H */
