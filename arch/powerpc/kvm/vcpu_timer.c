// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest timers.  The guest reads the host's time base directly (mftb
 * cannot be trapped), so guest TB = host TB.  The decrementer counts
 * down at TB frequency: we keep the TB value at which it reaches zero
 * and an hrtimer that sets TSR[DIS] then, reloading from DECAR when
 * TCR[ARE] is set.  TSR is written from the hrtimer and the vCPU
 * thread alike, hence atomic bit operations on it.
 */
#include <linux/hrtimer.h>
#include <linux/kvm_host.h>
#include <linux/math64.h>
#include <asm/reg.h>
#include <asm/time.h>

#include "e500_irq.h"

static u64 ticks_to_ns(u64 ticks)
{
	return mul_u64_u32_div(ticks, NSEC_PER_SEC, tb_ticks_per_sec);
}

static enum hrtimer_restart dec_expired(struct hrtimer *t)
{
	struct kvm_vcpu *vcpu = container_of(t, struct kvm_vcpu, arch.dec_timer);
	u32 reload = vcpu->arch.decar;
	enum hrtimer_restart ret = HRTIMER_NORESTART;

	set_bits(TSR_DIS, &vcpu->arch.tsr);
	if ((vcpu->arch.tcr & TCR_ARE) && reload) {
		vcpu->arch.dec_expires = get_tb() + reload;
		hrtimer_forward_now(t, ns_to_ktime(ticks_to_ns(reload)));
		ret = HRTIMER_RESTART;
	}
	kvm_vcpu_kick(vcpu);
	return ret;
}

void e500_timer_init(struct kvm_vcpu *vcpu)
{
	hrtimer_init(&vcpu->arch.dec_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	vcpu->arch.dec_timer.function = dec_expired;
	vcpu->arch.dec_expires = 0;
}
EXPORT_SYMBOL_GPL(e500_timer_init);

void e500_timer_destroy(struct kvm_vcpu *vcpu)
{
	hrtimer_cancel(&vcpu->arch.dec_timer);
}
EXPORT_SYMBOL_GPL(e500_timer_destroy);

u32 e500_dec_read(struct kvm_vcpu *vcpu)
{
	u64 now = get_tb(), end = vcpu->arch.dec_expires;

	return end > now ? (u32)min_t(u64, end - now, U32_MAX) : 0;
}
EXPORT_SYMBOL_GPL(e500_dec_read);

void e500_dec_write(struct kvm_vcpu *vcpu, u32 val)
{
	hrtimer_cancel(&vcpu->arch.dec_timer);
	/* zero stops the decrementer: only a 1 -> 0 step interrupts */
	vcpu->arch.dec_expires = val ? get_tb() + val : 0;
	if (val)
		hrtimer_start(&vcpu->arch.dec_timer, ns_to_ktime(ticks_to_ns(val)),
			      HRTIMER_MODE_REL);
}
EXPORT_SYMBOL_GPL(e500_dec_write);

void e500_tcr_write(struct kvm_vcpu *vcpu, u32 val)
{
	vcpu->arch.tcr = val;
	/* a newly enabled, already pending source must be seen now */
	kvm_vcpu_kick(vcpu);
}
EXPORT_SYMBOL_GPL(e500_tcr_write);

void e500_tsr_clear(struct kvm_vcpu *vcpu, u32 bits)
{
	clear_bits(bits, &vcpu->arch.tsr);
}
EXPORT_SYMBOL_GPL(e500_tsr_clear);

void e500_tsr_set(struct kvm_vcpu *vcpu, u32 bits)
{
	set_bits(bits, &vcpu->arch.tsr);
	kvm_vcpu_kick(vcpu);
}
EXPORT_SYMBOL_GPL(e500_tsr_set);
