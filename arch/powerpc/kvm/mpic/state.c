// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_DEV_MPIC_GRP_E500_STATE (kvm_e500_mpic.h): the MPIC state a
 * migration needs beyond the registers and the input lines.  In-service
 * sets, latched edges, pending IPIs, the timers' current counts and the
 * MSIRs are read without side effects and written as they were, then
 * the outputs are recomputed.  A write is checked before anything
 * changes.  The caller holds m->lock.
 */
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/export.h>

#include "kvm_e500_mpic.h"
#include "mpic.h"

static_assert(KVM_E500_MPIC_WORDS * 32 >= MPIC_NIRQ);

/* bits of the last word above the highest interrupt number */
#define LAST_WORD_BAD	(~0u << (MPIC_NIRQ % 32))

static u32 get_word(const unsigned long *map, unsigned int w)
{
	unsigned int b, n;
	u32 v = 0;

	for (b = 0; b < 32; b++) {
		n = 32 * w + b;
		if (n < MPIC_NIRQ && test_bit(n, map))
			v |= BIT(b);
	}
	return v;
}

static int in_service(struct vmpic *m, unsigned int n, bool set, u32 *val)
{
	unsigned int cpu = n >> 4, w = n & 0xf, b;

	if (cpu >= MPIC_MAX_CPUS || w >= KVM_E500_MPIC_WORDS)
		return -ENXIO;
	if (!set) {
		*val = get_word(m->cpu[cpu].in_service, w);
		return 0;
	}
	if (w == KVM_E500_MPIC_WORDS - 1 && (*val & LAST_WORD_BAD))
		return -EINVAL;
	for (b = 0; b < 32 && 32 * w + b < MPIC_NIRQ; b++)
		assign_bit(32 * w + b, m->cpu[cpu].in_service, *val & BIT(b));
	return 0;
}

static bool level_source(const struct vmpic *m, unsigned int irq)
{
	return irq < MPIC_SRCS && (m->irq[irq].ivpr & IVPR_S);
}

/* sources and timers; IPI numbers are in IPI_PENDING */
static int pending(struct vmpic *m, unsigned int w, bool set, u32 *val)
{
	unsigned int b, irq;

	if (w >= KVM_E500_MPIC_WORDS)
		return -ENXIO;
	if (!set) {
		*val = 0;
		for (b = 0; b < 32; b++) {
			irq = 32 * w + b;
			if (irq < MPIC_IRQ_IPI && vmpic_pending(m, irq))
				*val |= BIT(b);
		}
		return 0;
	}
	for (b = 0; b < 32; b++)
		if ((*val & BIT(b)) && 32 * w + b >= MPIC_IRQ_IPI)
			return -EINVAL;
	for (b = 0; b < 32; b++) {
		irq = 32 * w + b;
		if (irq < MPIC_IRQ_IPI && !level_source(m, irq))
			vmpic_set_pending(m, irq, *val & BIT(b));
	}
	return 0;
}

static int ipi_pending(struct vmpic *m, unsigned int n, bool set, u32 *val)
{
	if (n >= MPIC_IPIS)
		return -ENXIO;
	if (!set) {
		*val = m->ipi_pending[n];
		return 0;
	}
	if (*val & ~GENMASK(MPIC_MAX_CPUS - 1, 0))
		return -EINVAL;
	m->ipi_pending[n] = *val;
	return 0;
}

/* a running timer goes on from the count written, from now */
static int timer_count(struct vmpic *m, unsigned int t, bool set, u32 *val)
{
	struct vmpic_timer *tm;

	if (t >= MPIC_TIMERS)
		return -ENXIO;
	tm = &m->timer[t];
	if (!set) {
		*val = vmpic_timer_count(m, t) | (tm->tog ? GTCCR_TOG : 0);
		return 0;
	}
	tm->count = *val & GTCOUNT;
	tm->tog = *val & GTCCR_TOG;
	if (tm->running)
		vmpic_timer_start(m, t);
	return 0;
}

static int msir(struct vmpic *m, unsigned int n, bool set, u32 *val)
{
	if (n >= MPIC_MSIRS)
		return -ENXIO;
	if (!set) {
		*val = m->msir[n];
		return 0;
	}
	m->msir[n] = *val;
	vmpic_set_line(m, MPIC_IRQ_MSI + n, *val != 0);
	return 0;
}

struct state_range {
	u32 base;
	u32 count;
	int (*access)(struct vmpic *m, unsigned int n, bool set, u32 *val);
};

static const struct state_range ranges[] = {
	{ KVM_E500_MPIC_IN_SERVICE(0, 0), 0x100, in_service },
	{ KVM_E500_MPIC_PENDING(0), KVM_E500_MPIC_WORDS, pending },
	{ KVM_E500_MPIC_IPI_PENDING(0), MPIC_IPIS, ipi_pending },
	{ KVM_E500_MPIC_TIMER_COUNT(0), MPIC_TIMERS, timer_count },
	{ KVM_E500_MPIC_MSIR(0), MPIC_MSIRS, msir },
};

static const struct state_range *find(u64 attr)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ranges); i++)
		if (attr >= ranges[i].base &&
		    attr < ranges[i].base + ranges[i].count)
			return &ranges[i];
	return NULL;
}

/* -ENXIO for an attribute that names nothing, -EINVAL for a bad value */
int vmpic_state_attr(struct vmpic *m, u64 attr, bool set, u32 *val)
{
	const struct state_range *r = find(attr);
	int ret;

	if (!r)
		return -ENXIO;
	ret = r->access(m, attr - r->base, set, val);
	if (!ret && set)
		vmpic_update(m);
	return ret;
}
EXPORT_SYMBOL_GPL(vmpic_state_attr);
