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

/*
 * VM counters in struct kvm_vm_stat fields only Book3S HV uses (radix
 * page counts): the kernel's struct kvm_vcpu_stat has no field left for
 * them.  Summed over the VM's vCPUs; two vCPUs counting at the same
 * instant may lose one, as generic KVM's remote_tlb_flush may.
 */
#define E500_VM_COUNTER(stat_name, field) {				\
	STATS_DESC_COMMON(KVM_STATS_TYPE_CUMULATIVE, KVM_STATS_UNIT_NONE,	\
			  KVM_STATS_BASE_POW10, 0, 1, 0),		\
	.offset = offsetof(struct kvm_vm_stat, field),			\
	.name = stat_name,						\
}

const struct kvm_stats_desc kvm_vm_stats_desc[] = {
	KVM_GENERIC_VM_STATS(),
	/* e500v2: a vCPU's whole shadow flushed (trace event kvm_e500_flush) */
	E500_VM_COUNTER("shadow_flushes", num_2M_pages),
	/* e500v2: shadow entries of one page removed for a guest TLB0 change */
	E500_VM_COUNTER("shadow_page_invals", num_1G_pages),
};

const struct kvm_stats_header kvm_vm_stats_header =
	E500_STATS_HEADER(kvm_vm_stats_desc);

/*
 * A counter kept in a struct kvm_vcpu_stat field named otherwise: the
 * struct is the kernel's (asm/kvm_host.h), and Book E has no other use
 * for the load/store counters of Book3S's emulation, the passthrough
 * counters, Book3S HV's light exits and successful waits, or the
 * doorbell counters (the e500v2 has no doorbells).
 */
#define E500_VCPU_COUNTER(stat_name, field) {				\
	STATS_DESC_COMMON(KVM_STATS_TYPE_CUMULATIVE, KVM_STATS_UNIT_NONE,	\
			  KVM_STATS_BASE_POW10, 0, 1, 0),		\
	.offset = offsetof(struct kvm_vcpu_stat, field),		\
	.name = stat_name,						\
}

/*
 * sum_exits counts the exits from the guest; each of them also counts
 * once in exactly one of the reason counters that follow it, so they
 * add up to sum_exits (e500v2/exit_stat.c maps reasons to fields).
 */
const struct kvm_stats_desc kvm_vcpu_stats_desc[] = {
	KVM_GENERIC_VCPU_STATS(),
	STATS_DESC_COUNTER(VCPU, sum_exits),
	/* privileged instructions emulated (program interrupt, cache locking) */
	STATS_DESC_COUNTER(VCPU, emulated_inst_exits),
	/* program interrupts reflected: illegal, privileged in user, trap */
	E500_VCPU_COUNTER("program_exits", light_exits),
	/* hypercalls (hcall.c counts the unimplemented ones below) */
	E500_VCPU_COUNTER("hcalls", ld),
	/* the guest's own system calls, reflected */
	STATS_DESC_COUNTER(VCPU, syscall_exits),
	/* host interrupts: decrementer, external (the host's IPIs too) */
	STATS_DESC_COUNTER(VCPU, dec_exits),
	STATS_DESC_COUNTER(VCPU, ext_intr_exits),
	/* storage interrupts reflected; DSI: also dirty-logging write faults */
	STATS_DESC_COUNTER(VCPU, dsi_exits),
	STATS_DESC_COUNTER(VCPU, isi_exits),
	/* host TLB misses in the guest: the guest's TLB missed too */
	STATS_DESC_COUNTER(VCPU, itlb_real_miss_exits),
	STATS_DESC_COUNTER(VCPU, dtlb_real_miss_exits),
	/* host TLB misses the guest's TLB translates (shadow, paravirt page) */
	STATS_DESC_COUNTER(VCPU, itlb_virt_miss_exits),
	STATS_DESC_COUNTER(VCPU, dtlb_virt_miss_exits),
	/* loads and stores outside guest RAM or to read-only slots */
	STATS_DESC_COUNTER(VCPU, mmio_exits),
	/* alignment interrupts, reflected */
	E500_VCPU_COUNTER("alignment_exits", halt_successful_wait),
	/* SPE unavailable (lazy switch or reflected), SPE data/round */
	E500_VCPU_COUNTER("spe_exits", dbell_exits),
	/* guest debug events, userspace's software breakpoints */
	E500_VCPU_COUNTER("debug_exits", gdbell_exits),
	/* host FIT and perfmon, machine checks, vectors that should not fire */
	E500_VCPU_COUNTER("other_exits", pthru_bad_aff),

	/* KVM_RUN ended by a signal (not an exit from the guest) */
	STATS_DESC_COUNTER(VCPU, signal_exits),
	/* hypercalls answered EV_UNIMPLEMENTED */
	E500_VCPU_COUNTER("hcall_unimplemented", st),
	/* host shadow entries written: 4 KiB (TLB0), larger (TLB1) */
	E500_VCPU_COUNTER("shadow_4k_installs", pthru_all),
	E500_VCPU_COUNTER("shadow_large_installs", pthru_host),
};

const struct kvm_stats_header kvm_vcpu_stats_header =
	E500_STATS_HEADER(kvm_vcpu_stats_desc);
