// SPDX-License-Identifier: GPL-2.0-only
/*
 * The in-kernel MMIO bus (ioeventfd, coalesced MMIO) for the backend
 * modules.  Generic KVM exports kvm_io_bus_write() but not the read
 * side; kvm.ko holds both, so the backends read through here.
 */
#include <linux/kvm_host.h>

#include "e500_core.h"

int e500_mmio_bus_read(struct kvm_vcpu *vcpu, gpa_t addr, int len, void *val)
{
	return kvm_io_bus_read(vcpu, KVM_MMIO_BUS, addr, len, val);
}
EXPORT_SYMBOL_GPL(e500_mmio_bus_read);
