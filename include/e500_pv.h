/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Paravirtualization: the ePAPR/KVM hypercall table (hcall.c) and the
 * shared ("magic") page (shared_page.c), common to both backends.
 */
#ifndef KVM_E500_PV_H
#define KVM_E500_PV_H

#include <linux/types.h>

struct kvm_vcpu;
struct e500_gtlb;

/* what the run loop does after a hypercall */
enum e500_hcall_result {
	E500_HCALL_DONE,	/* r3.. hold the results: resume the guest */
	E500_HCALL_IDLE,	/* done; sleep until an interrupt is due */
	E500_HCALL_USER,	/* KVM_EXIT_HYPERCALL filled in for userspace */
};

/*
 * The hypercall's registers: r3..r10 in; r3 the status and r4..r10
 * the outputs on return.  Indexed from r3.
 */
#define E500_HCALL_NREGS	8

/* the shared page as a backend keeps it, see shared_page.c */
struct e500_pv {
	bool mapped;	/* the guest mapped the page: honour critical */
	u32 ea;		/* effective address of the mapping */
	u32 flags;	/* MAGIC_PAGE_FLAG_* the guest passed with it */
	u64 pa;		/* guest-physical address the guest named */
	u32 features;	/* KVM_MAGIC_FEAT_* given to the guest */
	bool user_hcalls;	/* KVM_CAP_EXIT_HYPERCALL enabled */
	bool hcall_pending;	/* waiting for userspace's answer */
};

/*
 * A hypercall from guest supervisor mode, r11 = token.  Backend
 * operations a handler needs are in struct e500_backend (map_magic).
 */
enum e500_hcall_result e500_hcall(struct kvm_vcpu *vcpu, struct e500_pv *pv);
/* KVM_RUN after an E500_HCALL_USER exit: take userspace's answer */
void e500_hcall_complete(struct kvm_vcpu *vcpu, struct e500_pv *pv);

/* the sequence KVM_PPC_GET_PVINFO hands out on e500v2 (no E.HV) */
#define E500_PV_HCALL_LIS_R0	(0x3c000000u | (0x4b564d21u >> 16))
#define E500_PV_HCALL_ORI_R0	(0x60000000u | (0x4b564d21u & 0xffff))
#define E500_PV_HCALL_SC	0x44000002u
#define E500_PV_HCALL_NOP	0x60000000u

/* shared_page.c: called by the backend's run loop */
void e500_pv_before_entry(struct kvm_vcpu *vcpu, struct e500_pv *pv,
			  struct e500_gtlb *t);
void e500_pv_after_exit(struct kvm_vcpu *vcpu, struct e500_pv *pv,
			struct e500_gtlb *t, u32 msr_mask);
bool e500_pv_critical(struct kvm_vcpu *vcpu, const struct e500_pv *pv);
/* the mapping request's address checks that need no guest TLB */
int e500_pv_check_map(struct kvm_vcpu *vcpu, u64 pa, u32 ea_flags);

#endif /* KVM_E500_PV_H */
