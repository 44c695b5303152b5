// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest timers: decrementer, fixed-interval timer (FIT) and watchdog.
 *
 * The guest reads the host's time base directly (mftb cannot be
 * trapped), so guest TB = host TB and every timer event is a TB value.
 * One hrtimer per vCPU (arch.dec_timer) is armed for the earliest
 * event of the three:
 *
 * - decrementer: reaches zero at arch.dec_expires; sets TSR[DIS] and
 *   reloads from DECAR when TCR[ARE] is set;
 * - FIT: TB bit 63 - (TCR[FPEXT] || TCR[FP]) (0 = LSB) goes from 0 to 1;
 *   sets TSR[FIS];
 * - watchdog: the same for TCR[WPEXT] || TCR[WP]; the first expiry
 *   sets TSR[ENW], the second TSR[WIS] (interrupt when TCR[WIE]), the
 *   third, with TCR[WRC] != 0 and TSR[WRS] = 0, copies WRC to TSR[WRS]
 *   and asks the run loop (KVM_REQ_WATCHDOG) to leave to userspace.
 *
 * A source whose next event would change nothing (FIS already set,
 * ENW and WIS set with no reset pending) is not armed for, so a guest
 * cannot make the host take a stream of timer interrupts; a periodic
 * decrementer is re-armed no sooner than TIMER_MIN_NS.
 *
 * arch.entry_tb (a Book3S field, unused on Book E) holds the TB value
 * the hrtimer was last armed for: FIT and watchdog transitions before
 * it have been accounted for, those from it on have not.  The hrtimer
 * callback and the vCPU thread (which cancels the hrtimer first) are
 * thus never in this code at once; TSR bits still use atomic
 * operations because ioctls read it without the vCPU running.
 */
#include <linux/hrtimer.h>
#include <linux/kvm_host.h>
#include <linux/math64.h>
#include <asm/reg.h>
#include <asm/time.h>

#include "e500_irq.h"
#include "e500_tb.h"

#define TB_NEVER	U64_MAX
/* a TB bit at or above this one takes years to change: never armed */
#define TB_BIT_LIMIT	56
#define TIMER_MIN_NS	100000

#define ARMED_TB(vcpu)	((vcpu)->arch.entry_tb)

static bool fit_live(u32 tcr, u32 tsr)
{
	return !(tsr & TSR_FIS) && e500_tcr_fit_bit(tcr) < TB_BIT_LIMIT;
}

static bool wdt_live(u32 tcr, u32 tsr)
{
	if (e500_tcr_wdt_bit(tcr) >= TB_BIT_LIMIT)
		return false;
	if ((tsr & (TSR_ENW | TSR_WIS)) != (TSR_ENW | TSR_WIS))
		return true;
	return (tcr & TCR_WRC_MASK) && !(tsr & TSR_WRS(3));
}

static u64 ticks_to_ns(u64 ticks)
{
	/* rounded up, so that the hrtimer never fires before the event */
	return mul_u64_u32_div(ticks, NSEC_PER_SEC, tb_ticks_per_sec) + 1;
}

/* the watchdog's next stage, at one expiry */
static void watchdog_expired(struct kvm_vcpu *vcpu, u32 tcr, u32 tsr)
{
	if (!(tsr & TSR_ENW)) {
		set_bits(TSR_ENW, &vcpu->arch.tsr);
	} else if (!(tsr & TSR_WIS)) {
		set_bits(TSR_WIS, &vcpu->arch.tsr);
	} else {
		set_bits(TSR_WRS((tcr & TCR_WRC_MASK) >> 28), &vcpu->arch.tsr);
		kvm_make_request(KVM_REQ_WATCHDOG, vcpu);
	}
}

/* account for every event due at @now; true when TSR changed */
static bool timer_process(struct kvm_vcpu *vcpu, u64 now)
{
	u32 tcr = vcpu->arch.tcr, tsr = READ_ONCE(vcpu->arch.tsr);
	u64 from = ARMED_TB(vcpu);
	bool changed = false;

	if (vcpu->arch.dec_expires && vcpu->arch.dec_expires <= now) {
		set_bits(TSR_DIS, &vcpu->arch.tsr);
		vcpu->arch.dec_expires = (tcr & TCR_ARE) && vcpu->arch.decar ?
					 now + vcpu->arch.decar : 0;
		changed = true;
	}
	if (fit_live(tcr, tsr) && e500_tb_rose(from, now, e500_tcr_fit_bit(tcr))) {
		set_bits(TSR_FIS, &vcpu->arch.tsr);
		changed = true;
	}
	if (wdt_live(tcr, tsr) && e500_tb_rose(from, now, e500_tcr_wdt_bit(tcr))) {
		watchdog_expired(vcpu, tcr, tsr);
		changed = true;
	}
	return changed;
}

/* the TB value of the next event after @now, TB_NEVER if none */
static u64 timer_next(struct kvm_vcpu *vcpu, u64 now)
{
	u32 tcr = vcpu->arch.tcr, tsr = READ_ONCE(vcpu->arch.tsr);
	u64 next = vcpu->arch.dec_expires ?: TB_NEVER;

	if (fit_live(tcr, tsr))
		next = min(next, e500_tb_next_rise(now, e500_tcr_fit_bit(tcr)));
	if (wdt_live(tcr, tsr))
		next = min(next, e500_tb_next_rise(now, e500_tcr_wdt_bit(tcr)));
	return next;
}

static enum hrtimer_restart timer_fired(struct hrtimer *t)
{
	struct kvm_vcpu *vcpu = container_of(t, struct kvm_vcpu, arch.dec_timer);
	u64 now = get_tb(), next;

	if (timer_process(vcpu, now))
		kvm_vcpu_kick(vcpu);
	next = timer_next(vcpu, now);
	ARMED_TB(vcpu) = next;
	if (next == TB_NEVER)
		return HRTIMER_NORESTART;
	hrtimer_forward_now(t, ns_to_ktime(max_t(u64, TIMER_MIN_NS,
						 ticks_to_ns(next - now))));
	return HRTIMER_RESTART;
}

/*
 * After the vCPU thread changed timer state: stop the hrtimer, account
 * for anything already due, arm for the next event.
 */
static void timer_update(struct kvm_vcpu *vcpu, void (*change)(struct kvm_vcpu *, u32),
			 u32 arg)
{
	u64 now, next;

	hrtimer_cancel(&vcpu->arch.dec_timer);
	now = get_tb();
	timer_process(vcpu, now);
	if (change)
		change(vcpu, arg);
	next = timer_next(vcpu, now);
	ARMED_TB(vcpu) = next;
	if (next != TB_NEVER)
		hrtimer_start(&vcpu->arch.dec_timer,
			      ns_to_ktime(ticks_to_ns(next - now)),
			      HRTIMER_MODE_REL);
	kvm_vcpu_kick(vcpu);
}

void e500_timer_init(struct kvm_vcpu *vcpu)
{
	hrtimer_init(&vcpu->arch.dec_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	vcpu->arch.dec_timer.function = timer_fired;
	vcpu->arch.dec_expires = 0;
	ARMED_TB(vcpu) = TB_NEVER;
}
EXPORT_SYMBOL_GPL(e500_timer_init);

void e500_timer_destroy(struct kvm_vcpu *vcpu)
{
	hrtimer_cancel(&vcpu->arch.dec_timer);
}
EXPORT_SYMBOL_GPL(e500_timer_destroy);

u32 e500_dec_read(struct kvm_vcpu *vcpu)
{
	u64 now = get_tb(), end = READ_ONCE(vcpu->arch.dec_expires);

	return end > now ? (u32)min_t(u64, end - now, U32_MAX) : 0;
}
EXPORT_SYMBOL_GPL(e500_dec_read);

static void change_dec(struct kvm_vcpu *vcpu, u32 val)
{
	/* zero stops the decrementer: only a 1 -> 0 step interrupts */
	vcpu->arch.dec_expires = val ? get_tb() + val : 0;
}

void e500_dec_write(struct kvm_vcpu *vcpu, u32 val)
{
	timer_update(vcpu, change_dec, val);
}
EXPORT_SYMBOL_GPL(e500_dec_write);

static void change_tcr(struct kvm_vcpu *vcpu, u32 val)
{
	vcpu->arch.tcr = val;
}

void e500_tcr_write(struct kvm_vcpu *vcpu, u32 val)
{
	timer_update(vcpu, change_tcr, val);
}
EXPORT_SYMBOL_GPL(e500_tcr_write);

static void change_tsr_clear(struct kvm_vcpu *vcpu, u32 bits)
{
	clear_bits(bits, &vcpu->arch.tsr);
}

void e500_tsr_clear(struct kvm_vcpu *vcpu, u32 bits)
{
	timer_update(vcpu, change_tsr_clear, bits);
}
EXPORT_SYMBOL_GPL(e500_tsr_clear);

static void change_tsr_set(struct kvm_vcpu *vcpu, u32 bits)
{
	set_bits(bits, &vcpu->arch.tsr);
}

void e500_tsr_set(struct kvm_vcpu *vcpu, u32 bits)
{
	timer_update(vcpu, change_tsr_set, bits);
}
EXPORT_SYMBOL_GPL(e500_tsr_set);

/*
 * KVM_REQ_WATCHDOG: the watchdog's final expiry.  With
 * KVM_CAP_PPC_BOOKE_WATCHDOG enabled on the vCPU, userspace gets
 * KVM_EXIT_WATCHDOG; otherwise the reset TCR[WRC] asked for, as
 * KVM_EXIT_SYSTEM_EVENT / KVM_SYSTEM_EVENT_RESET.
 */
void e500_watchdog_exit(struct kvm_vcpu *vcpu)
{
	struct kvm_run *run = vcpu->run;

	if (vcpu->arch.watchdog_enabled) {
		run->exit_reason = KVM_EXIT_WATCHDOG;
		return;
	}
	run->exit_reason = KVM_EXIT_SYSTEM_EVENT;
	memset(&run->system_event, 0, sizeof(run->system_event));
	run->system_event.type = KVM_SYSTEM_EVENT_RESET;
}
EXPORT_SYMBOL_GPL(e500_watchdog_exit);
