// SPDX-License-Identifier: GPL-2.0-only
/*
 * Binary statistics (KVM_GET_STATS_FD) descriptors.  Every counter
 * listed here is one the backend maintains; counters that no code
 * updates yet are left out rather than reported as a constant zero.
 */
#include <linux/kvm_host.h>

/*
 * Layout of a stats file: header, then the id string, then the
 * descriptors, then the data.
 */
#define E500_STATS_ID_AT	sizeof(struct kvm_stats_header)
#define E500_STATS_DESC_AT	(E500_STATS_ID_AT + KVM_STATS_NAME_SIZE)
#define E500_STATS_HEADER(descs) {					\
	.name_size = KVM_STATS_NAME_SIZE, .num_desc = ARRAY_SIZE(descs),	\
	.id_offset = E500_STATS_ID_AT, .desc_offset = E500_STATS_DESC_AT,	\
	.data_offset = E500_STATS_DESC_AT + sizeof(descs),		\
}

const struct kvm_stats_desc kvm_vm_stats_desc[] = {
	KVM_GENERIC_VM_STATS(),
};

const struct kvm_stats_header kvm_vm_stats_header =
	E500_STATS_HEADER(kvm_vm_stats_desc);

const struct kvm_stats_desc kvm_vcpu_stats_desc[] = {
	KVM_GENERIC_VCPU_STATS(),
};

const struct kvm_stats_header kvm_vcpu_stats_header =
	E500_STATS_HEADER(kvm_vcpu_stats_desc);
