// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interrupts into the in-kernel MPIC from outside the guest: GSI
 * routing (irqchip 0 pins are the 256 sources; MSI entries write their
 * data to MSIIR), KVM_IRQ_LINE, irqfd (generic, through the routes) and
 * KVM_SIGNAL_MSI.  The MPIC is irqchip 0 from its creation, with pin n
 * routed from GSI n until userspace sets its own table.
 */
#include <linux/kvm_host.h>
#include <linux/slab.h>

#include "device.h"
#include "e500_irq.h"

/* kvm->arch.mpic is published once, with release, by vmpic_create() */
bool kvm_arch_irqchip_in_kernel(struct kvm *kvm)
{
	/* pairs with smp_store_release() in vmpic_create() */
	return !!smp_load_acquire(&kvm->arch.mpic);
}

bool kvm_arch_intc_initialized(struct kvm *kvm)
{
	return kvm_arch_irqchip_in_kernel(kvm);
}

static int set_pin(struct kvm_kernel_irq_routing_entry *e, struct kvm *kvm,
		   int irq_source_id, int level, bool line_status)
{
	/* pairs with smp_store_release() in vmpic_create() */
	struct openpic *op = smp_load_acquire(&kvm->arch.mpic);
	unsigned long flags;

	if (!op)
		return -ENODEV;
	e500_mpic_lock(op, &flags);
	vmpic_set_line(&op->m, e->irqchip.pin, level);
	e500_mpic_unlock(op, flags);
	return 1;
}

/* an MSI is its data written to MSIIR; the address is not looked at */
int kvm_set_msi(struct kvm_kernel_irq_routing_entry *e, struct kvm *kvm,
		int irq_source_id, int level, bool line_status)
{
	/* pairs with smp_store_release() in vmpic_create() */
	struct openpic *op = smp_load_acquire(&kvm->arch.mpic);
	unsigned long flags;

	if (!op)
		return -ENODEV;
	if (!level)
		return -1;	/* the falling half of an irqfd pulse */
	e500_mpic_lock(op, &flags);
	vmpic_msi_write(&op->m, e->msi.data);
	e500_mpic_unlock(op, flags);
	return 1;
}

/*
 * irqfd, straight from the eventfd's wakeup (interrupts off): MSIs and
 * edge-sensitive pins take the event here, without the workqueue hop.
 * A level pin is left to the worker, which holds the line for a
 * resamplefd (this hook cannot tell the two kinds of irqfd apart).
 */
int kvm_arch_set_irq_inatomic(struct kvm_kernel_irq_routing_entry *e,
			      struct kvm *kvm, int irq_source_id, int level,
			      bool line_status)
{
	/* pairs with smp_store_release() in vmpic_create() */
	struct openpic *op = smp_load_acquire(&kvm->arch.mpic);
	unsigned int pin = e->irqchip.pin;
	int r = -EWOULDBLOCK;
	unsigned long flags;

	if (!op || !level)
		return r;
	e500_mpic_lock(op, &flags);
	if (e->type == KVM_IRQ_ROUTING_MSI) {
		vmpic_msi_write(&op->m, e->msi.data);
		r = 0;
	} else if (e->type == KVM_IRQ_ROUTING_IRQCHIP &&
		   !(op->m.irq[pin].ivpr & IVPR_S)) {
		vmpic_set_line(&op->m, pin, true);
		vmpic_set_line(&op->m, pin, false);
		r = 0;
	}
	e500_mpic_unlock(op, flags);
	return r;
}

int kvm_set_routing_entry(struct kvm *kvm,
			  struct kvm_kernel_irq_routing_entry *e,
			  const struct kvm_irq_routing_entry *ue)
{
	switch (ue->type) {
	case KVM_IRQ_ROUTING_IRQCHIP:
		if (ue->u.irqchip.irqchip || ue->u.irqchip.pin >= MPIC_SRCS)
			return -EINVAL;
		e->set = set_pin;
		e->irqchip.irqchip = 0;
		e->irqchip.pin = ue->u.irqchip.pin;
		return 0;
	case KVM_IRQ_ROUTING_MSI:
		if (ue->flags)
			return -EINVAL;
		e->set = kvm_set_msi;
		e->msi.address_lo = ue->u.msi.address_lo;
		e->msi.address_hi = ue->u.msi.address_hi;
		e->msi.data = ue->u.msi.data;
		return 0;
	}
	return -EINVAL;
}

/* GSI n -> pin n; called at device creation, under kvm->lock */
int e500_mpic_default_routing(struct kvm *kvm)
{
	struct kvm_irq_routing_entry *ue;
	unsigned int i;
	int r;

	ue = kcalloc(MPIC_SRCS, sizeof(*ue), GFP_KERNEL_ACCOUNT);
	if (!ue)
		return -ENOMEM;
	for (i = 0; i < MPIC_SRCS; i++) {
		ue[i].gsi = i;
		ue[i].type = KVM_IRQ_ROUTING_IRQCHIP;
		ue[i].u.irqchip.pin = i;
	}
	r = kvm_set_irq_routing(kvm, ue, MPIC_SRCS, 0);
	kfree(ue);
	return r;
}

int kvm_vm_ioctl_irq_line(struct kvm *kvm, struct kvm_irq_level *irq,
			  bool line_status)
{
	struct kvm_kernel_irq_routing_entry e[KVM_NR_IRQCHIPS];
	int r, idx;

	if (!kvm_arch_irqchip_in_kernel(kvm))
		return -ENXIO;
	/* a GSI without a route is an error, not a silent no-op */
	idx = srcu_read_lock(&kvm->irq_srcu);
	r = kvm_irq_map_gsi(kvm, e, irq->irq);
	srcu_read_unlock(&kvm->irq_srcu, idx);
	if (r <= 0)
		return -EINVAL;
	r = kvm_set_irq(kvm, KVM_USERSPACE_IRQ_SOURCE_ID, irq->irq,
			irq->level, line_status);
	return r < 0 ? r : 0;
}
