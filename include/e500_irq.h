/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest interrupt sources, shared by both backends: which asynchronous
 * interrupts a vCPU has pending, which one the guest can take now, and
 * the guest's timers that raise them.
 */
#ifndef KVM_E500_IRQ_H
#define KVM_E500_IRQ_H

#include <linux/types.h>

struct kvm;
struct kvm_vcpu;

/* Book E interrupt vector numbers (IVOR index) of asynchronous sources */
#define E500_IVOR_CRITICAL	0
#define E500_IVOR_EXTERNAL	4
#define E500_IVOR_DEC		10
#define E500_IVOR_FIT		11
#define E500_IVOR_WATCHDOG	12

/* level-triggered inputs, bits in vcpu->arch.pending_exceptions */
#define E500_PENDING_EXTERNAL	0
#define E500_PENDING_CRITICAL	1

void e500_irq_raise(struct kvm_vcpu *vcpu, unsigned int input);
void e500_irq_lower(struct kvm_vcpu *vcpu, unsigned int input);
/* the backend delivered @ivor into the guest (EPR, the MPIC's ack) */
void e500_irq_delivered(struct kvm_vcpu *vcpu, int ivor);

/*
 * The IVOR number of the interrupt the guest would take now (pending
 * and enabled by its MSR), highest priority first; -1 when none.
 */
int e500_irq_next(struct kvm_vcpu *vcpu);
/* any source pending, whatever the MSR says */
bool e500_irq_any(struct kvm_vcpu *vcpu);

/*
 * Timers: decrementer, FIT and watchdog on one hrtimer; TB is the
 * host's.  Called from the vCPU's thread (ioctls, emulation).
 */
void e500_timer_init(struct kvm_vcpu *vcpu);
void e500_timer_destroy(struct kvm_vcpu *vcpu);
u32 e500_dec_read(struct kvm_vcpu *vcpu);
void e500_dec_write(struct kvm_vcpu *vcpu, u32 val);
void e500_tcr_write(struct kvm_vcpu *vcpu, u32 val);
void e500_tsr_clear(struct kvm_vcpu *vcpu, u32 bits);
void e500_tsr_set(struct kvm_vcpu *vcpu, u32 bits);
/* fill kvm_run for the watchdog's final expiry (KVM_REQ_WATCHDOG) */
void e500_watchdog_exit(struct kvm_vcpu *vcpu);

/*
 * The in-kernel MPIC (mpic/): wiring a vCPU to it (KVM_CAP_IRQ_MPIC),
 * unwiring at vCPU destroy, and the hook the backend calls when it has
 * delivered an external or critical interrupt into the guest.
 */
#ifdef CONFIG_KVM_E500_MPIC
int e500_mpic_connect_vcpu(struct kvm_vcpu *vcpu, u64 fd, u64 cpu);
void e500_mpic_vcpu_destroy(struct kvm_vcpu *vcpu);
void e500_mpic_irq_taken(struct kvm_vcpu *vcpu, int ivor);
int e500_mpic_default_routing(struct kvm *kvm);
#else
static inline int e500_mpic_connect_vcpu(struct kvm_vcpu *vcpu, u64 fd,
					 u64 cpu)
{
	return -EINVAL;
}

static inline void e500_mpic_vcpu_destroy(struct kvm_vcpu *vcpu)
{
}

static inline void e500_mpic_irq_taken(struct kvm_vcpu *vcpu, int ivor)
{
}
#endif

#endif /* KVM_E500_IRQ_H */
