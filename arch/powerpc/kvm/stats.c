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

/*
 * A vCPU counter kept in a struct kvm_vcpu_stat field (the kernel's
 * struct, which we do not patch) under a name of our own: the Book3S
 * pass-through fields have no other user on e500.
 */
#define E500_VCPU_COUNTER(field, label) {				\
	STATS_DESC_COMMON(KVM_STATS_TYPE_CUMULATIVE, KVM_STATS_UNIT_NONE, \
			  KVM_STATS_BASE_POW10, 0, 1, 0),		\
	.offset = offsetof(struct kvm_vcpu_stat, field),		\
	.name = label,							\
}

const struct kvm_stats_desc kvm_vcpu_stats_desc[] = {
	KVM_GENERIC_VCPU_STATS(),
	/* host TLB misses in the guest: the guest's TLB missed too */
	STATS_DESC_COUNTER(VCPU, itlb_real_miss_exits),
	STATS_DESC_COUNTER(VCPU, dtlb_real_miss_exits),
	/* host TLB misses the guest's TLB translates (shadow or MMIO) */
	STATS_DESC_COUNTER(VCPU, itlb_virt_miss_exits),
	STATS_DESC_COUNTER(VCPU, dtlb_virt_miss_exits),
	/* host shadow entries written: 4 KiB (TLB0), larger (TLB1) */
	E500_VCPU_COUNTER(pthru_all, "shadow_4k_installs"),
	E500_VCPU_COUNTER(pthru_host, "shadow_large_installs"),
};

const struct kvm_stats_header kvm_vcpu_stats_header =
	E500_STATS_HEADER(kvm_vcpu_stats_desc);
