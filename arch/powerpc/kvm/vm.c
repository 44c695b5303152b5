// SPDX-License-Identifier: GPL-2.0-only
/*
 * VM lifecycle, VM ioctls and memslot hooks (the shadow flushes on slot
 * changes are in mmu/notifier.c).
 */
#include <linux/kvm_host.h>
#include <linux/uaccess.h>

#include "e500_core.h"
#include "e500_mmu.h"

int kvm_arch_init_vm(struct kvm *kvm, unsigned long type)
{
	/* e500 has a single VM type */
	if (type)
		return -EINVAL;
	if (e500_be->init_vm)
		return e500_be->init_vm(kvm);
	return 0;
}

void kvm_arch_destroy_vm(struct kvm *kvm)
{
	kvm_destroy_vcpus(kvm);
	if (e500_be->destroy_vm)
		e500_be->destroy_vm(kvm);
}

/*
 * KVM_PPC_GET_PVINFO: the hypercall instructions the backend's guests
 * use (what a VMM puts in /hypervisor "hcall-instructions") and the
 * calls it may advertise (EV_IDLE).
 */
static int vm_get_pvinfo(void __user *argp)
{
	struct kvm_ppc_pvinfo info = { .flags = KVM_PPC_PVINFO_FLAGS_EV_IDLE };

	if (!e500_be->pv_hcall)
		return -EOPNOTSUPP;
	memcpy(info.hcall, e500_be->pv_hcall, sizeof(info.hcall));
	return copy_to_user(argp, &info, sizeof(info)) ? -EFAULT : 0;
}

int kvm_arch_vm_ioctl(struct file *filp, unsigned int ioctl, unsigned long arg)
{
	if (ioctl == KVM_PPC_GET_PVINFO)
		return vm_get_pvinfo((void __user *)arg);
	return -ENOTTY;
}

long kvm_arch_dev_ioctl(struct file *filp, unsigned int ioctl,
			unsigned long arg)
{
	return -ENOTTY;
}

int kvm_vm_ioctl_enable_cap(struct kvm *kvm, struct kvm_enable_cap *cap)
{
	return -EINVAL;
}

#ifndef CONFIG_KVM_E500_MPIC
/* without the in-kernel MPIC (mpic/route.c) there is no irqchip */
int kvm_vm_ioctl_irq_line(struct kvm *kvm, struct kvm_irq_level *irq,
			  bool line_status)
{
	return -ENXIO;
}

bool kvm_arch_intc_initialized(struct kvm *kvm)
{
	return false;
}
#endif

int kvm_arch_prepare_memory_region(struct kvm *kvm,
				   const struct kvm_memory_slot *old,
				   struct kvm_memory_slot *new,
				   enum kvm_mr_change change)
{
	/* dirty logging: mmu/dirty.c; page aging bitmap: mmu/young.c */
	return e500_young_prepare(old, new, change);
}

void kvm_arch_free_memslot(struct kvm *kvm, struct kvm_memory_slot *slot)
{
	e500_young_free(slot);
}
