// SPDX-License-Identifier: GPL-2.0-only
/*
 * MPIC global timers (group A): each counts down from its base count at
 * TFRR ticks per second, one hrtimer per timer.  At zero the timer
 * toggles GTCCR[TOG], reloads the base and raises its interrupt (an
 * edge).  Periods shorter than MPIC_TIMER_MIN_NS are stretched to it,
 * so no guest setting can make the host take a stream of timer
 * interrupts.  Start/stop/count are called with m->lock held; the
 * hrtimer callback takes it.
 */
#include <linux/hrtimer.h>
#include <linux/math64.h>

#include "mpic.h"

#define MPIC_TIMER_MIN_NS	20000

static u64 ticks_ns(const struct vmpic *m, u32 ticks)
{
	u64 ns = div_u64((u64)ticks * NSEC_PER_SEC, m->tfrr);

	return max_t(u64, ns, MPIC_TIMER_MIN_NS);
}

u32 vmpic_timer_count(struct vmpic *m, unsigned int t)
{
	struct vmpic_timer *tm = &m->timer[t];
	u64 ticks;
	s64 ns;

	if (!tm->running)
		return tm->count;
	ns = ktime_to_ns(ktime_sub(ktime_get(), tm->loaded));
	if (ns <= 0)
		return tm->count;
	ticks = mul_u64_u32_div(ns, m->tfrr, NSEC_PER_SEC);
	return ticks >= tm->count ? 0 : tm->count - (u32)ticks;
}

void vmpic_timer_stop(struct vmpic *m, unsigned int t)
{
	struct vmpic_timer *tm = &m->timer[t];

	if (!tm->running)
		return;
	tm->count = vmpic_timer_count(m, t);
	tm->running = false;
	/* a callback waiting for the lock sees running = false */
	hrtimer_try_to_cancel(&tm->hrt);
}

/* count down from tm->count, from now */
void vmpic_timer_start(struct vmpic *m, unsigned int t)
{
	struct vmpic_timer *tm = &m->timer[t];

	if (!m->tfrr || !(tm->gtbcr & GTCOUNT) || (tm->gtbcr & GTBCR_CI)) {
		tm->running = false;
		hrtimer_try_to_cancel(&tm->hrt);
		return;
	}
	tm->running = true;
	tm->loaded = ktime_get();
	hrtimer_start(&tm->hrt, ktime_add_ns(tm->loaded, ticks_ns(m, tm->count)),
		      HRTIMER_MODE_ABS);
}

static enum hrtimer_restart timer_fire(struct hrtimer *hrt)
{
	struct vmpic_timer *tm = container_of(hrt, struct vmpic_timer, hrt);
	struct vmpic *m = tm->m;
	enum hrtimer_restart r = HRTIMER_NORESTART;
	unsigned long flags;
	ktime_t due, now;

	spin_lock_irqsave(&m->lock, flags);
	if (!tm->running)
		goto out;
	now = ktime_get();
	due = ktime_add_ns(tm->loaded, ticks_ns(m, tm->count));
	if (ktime_before(now, due)) {
		/* restarted while this callback waited */
		hrtimer_set_expires(hrt, due);
		r = HRTIMER_RESTART;
		goto out;
	}
	tm->tog = !tm->tog;
	tm->count = tm->gtbcr & GTCOUNT;
	/* a host that fell behind does not catch up with a burst */
	tm->loaded = ktime_before(ktime_add_ns(due, ticks_ns(m, tm->count)), now) ?
		     now : due;
	vmpic_set_line(m, MPIC_IRQ_TIMER + (tm - m->timer), true);
	hrtimer_set_expires(hrt, ktime_add_ns(tm->loaded,
					      ticks_ns(m, tm->count)));
	r = HRTIMER_RESTART;
out:
	spin_unlock_irqrestore(&m->lock, flags);
	return r;
}

void vmpic_timers_init(struct vmpic *m)
{
	unsigned int t;

	for (t = 0; t < MPIC_TIMERS; t++) {
		m->timer[t].m = m;
		hrtimer_init(&m->timer[t].hrt, CLOCK_MONOTONIC,
			     HRTIMER_MODE_ABS);
		m->timer[t].hrt.function = timer_fire;
	}
}

/* without the lock: waits for a running callback */
void vmpic_timers_destroy(struct vmpic *m)
{
	unsigned int t;

	for (t = 0; t < MPIC_TIMERS; t++) {
		m->timer[t].running = false;
		hrtimer_cancel(&m->timer[t].hrt);
	}
}
