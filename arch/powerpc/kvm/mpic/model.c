// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Freescale MPIC programming model: sources, destinations,
 * per-CPU priority arbitration with an in-service set, IACK/EOI, IPIs,
 * MSI registers and critical-interrupt routing.  Pure state machine:
 * the caller holds m->lock; output changes go to m->ops->output().
 *
 * Rules (Freescale MPIC; facts as the reference manuals give them):
 * - a source is offered to a CPU when it is pending, unmasked, of
 *   non-zero priority, routed to that CPU, and not in service on any
 *   CPU (an IPI: pending for that CPU and not in service there);
 * - the CPU's INT output is raised when the best offered interrupt
 *   (highest priority, lowest number on a tie) is above both CTPR and
 *   the highest priority in service on that CPU;
 * - IACK takes that interrupt into service (clearing an edge), or
 *   returns the spurious vector; EOI ends the highest-priority
 *   interrupt in service;
 * - a source with a CI bit in its destination goes to the critical
 *   output of those CPUs instead, bypassing priority, IACK and EOI
 *   (and masking too, before MPIC 4.1).
 */
#include <linux/bitops.h>
#include <linux/export.h>
#include <linux/string.h>

#include "mpic.h"

#define IDR_P_ALL	GENMASK(MPIC_MAX_CPUS - 1, 0)
#define IDR_CI_ALL	GENMASK(30, 31 - MPIC_MAX_CPUS)

static unsigned int prio(const struct vmpic_irq *q)
{
	return (q->ivpr & IVPR_PRIO) >> IVPR_PRIO_SHIFT;
}

static bool is_ipi(unsigned int irq)
{
	return irq >= MPIC_IRQ_IPI;
}

static bool in_service_anywhere(const struct vmpic *m, unsigned int irq)
{
	unsigned int c;

	for (c = 0; c < MPIC_MAX_CPUS; c++)
		if (test_bit(irq, m->cpu[c].in_service))
			return true;
	return false;
}

/*
 * Whether @irq, requested (a pending source or timer, or an IPI pending
 * for @cpu) and of priority above @top, is offered to @cpu.
 */
static bool offered(const struct vmpic *m, unsigned int irq, unsigned int cpu,
		    unsigned int top)
{
	const struct vmpic_irq *q = &m->irq[irq];

	if ((q->ivpr & IVPR_MSK) || prio(q) <= top)
		return false;
	if (is_ipi(irq))
		return !test_bit(irq, m->cpu[cpu].in_service);
	if ((q->idr & IDR_CI_ALL) || !(q->idr & BIT(cpu)))
		return false;
	return !in_service_anywhere(m, irq);
}

/*
 * The interrupt IACK would take on @cpu now, or -1: visits only the
 * requested ones, in ascending number, so a tie goes to the lowest.
 */
static int best(const struct vmpic *m, unsigned int cpu)
{
	unsigned int irq, top = 0;
	int found = -1;

	for_each_set_bit(irq, m->pending, MPIC_IRQ_IPI) {
		if (offered(m, irq, cpu, top)) {
			top = prio(&m->irq[irq]);
			found = irq;
		}
	}
	for (irq = MPIC_IRQ_IPI; irq < MPIC_NIRQ; irq++) {
		if ((m->ipi_pending[irq - MPIC_IRQ_IPI] & BIT(cpu)) &&
		    offered(m, irq, cpu, top)) {
			top = prio(&m->irq[irq]);
			found = irq;
		}
	}
	return found;
}

/* highest priority in service on @cpu (0: none), and which */
static unsigned int in_service_prio(const struct vmpic *m, unsigned int cpu,
				    int *which)
{
	unsigned int irq, top = 0;

	*which = -1;
	for_each_set_bit(irq, m->cpu[cpu].in_service, MPIC_NIRQ) {
		if (*which < 0 || prio(&m->irq[irq]) > top) {
			top = prio(&m->irq[irq]);
			*which = irq;
		}
	}
	return top;
}

static int deliverable(const struct vmpic *m, unsigned int cpu)
{
	int irq = best(m, cpu), dummy;
	unsigned int p;

	if (irq < 0)
		return -1;
	p = prio(&m->irq[irq]);
	if (p <= m->cpu[cpu].ctpr || p <= in_service_prio(m, cpu, &dummy))
		return -1;
	return irq;
}

static bool critical(const struct vmpic *m, unsigned int cpu)
{
	unsigned int irq;

	for_each_set_bit(irq, m->pending, MPIC_IRQ_IPI) {
		const struct vmpic_irq *q = &m->irq[irq];

		if ((q->idr & IDR_CI(cpu)) && (!m->v42 || !(q->ivpr & IVPR_MSK)))
			return true;
	}
	return false;
}

static void set_out(struct vmpic *m, unsigned int cpu, enum vmpic_line line,
		    bool level)
{
	if (m->cpu[cpu].out[line] == level)
		return;
	m->cpu[cpu].out[line] = level;
	if (m->ops && m->ops->output)
		m->ops->output(m, cpu, line, level);
}

/* recompute the outputs of every CPU in use after a change */
void vmpic_update(struct vmpic *m)
{
	unsigned int c;

	for (c = 0; c < m->ncpus; c++) {
		set_out(m, c, MPIC_OUT_INT, deliverable(m, c) >= 0);
		set_out(m, c, MPIC_OUT_CINT, critical(m, c));
	}
}
EXPORT_SYMBOL_GPL(vmpic_update);

void vmpic_reset(struct vmpic *m)
{
	unsigned int i;

	m->gcr = 0;
	m->pir = 0;
	m->svr = IVPR_VECTOR;
	m->tfrr = MPIC_TFRR_DEFAULT;
	m->tcr = 0;
	memset(m->msir, 0, sizeof(m->msir));
	memset(m->ipi_pending, 0, sizeof(m->ipi_pending));
	bitmap_zero(m->acked, MPIC_SRCS);
	/* requests go; the input lines are outside the MPIC and stay */
	bitmap_zero(m->pending, MPIC_IRQ_IPI);
	for (i = 0; i < MPIC_NIRQ; i++) {
		struct vmpic_irq *q = &m->irq[i];

		q->ivpr = IVPR_MSK;
		q->idr = is_ipi(i) ? 0 : 1;
	}
	for (i = 0; i < MPIC_MAX_CPUS; i++) {
		m->cpu[i].ctpr = 0xf;
		bitmap_zero(m->cpu[i].in_service, MPIC_NIRQ);
	}
	for (i = 0; i < MPIC_TIMERS; i++) {
		m->timer[i].gtbcr = GTBCR_CI;
		m->timer[i].count = 0;
		m->timer[i].tog = false;
		m->timer[i].running = false;
	}
	vmpic_update(m);
}
EXPORT_SYMBOL_GPL(vmpic_reset);

void vmpic_model_init(struct vmpic *m, bool v42, const struct vmpic_ops *ops)
{
	spin_lock_init(&m->lock);
	m->v42 = v42;
	m->ops = ops;
	m->ncpus = 1;
	vmpic_reset(m);
}
EXPORT_SYMBOL_GPL(vmpic_model_init);

static bool level_sense(const struct vmpic *m, unsigned int irq)
{
	return irq < MPIC_SRCS && (m->irq[irq].ivpr & IVPR_S);
}

/* an input changes: level sources follow it, edge sources latch a 1 */
void vmpic_set_line(struct vmpic *m, unsigned int irq, bool level)
{
	struct vmpic_irq *q = &m->irq[irq];

	q->line = level;
	if (level_sense(m, irq))
		vmpic_set_pending(m, irq, level);
	else if (level)
		vmpic_set_pending(m, irq, true);
	vmpic_update(m);
}
EXPORT_SYMBOL_GPL(vmpic_set_line);

u32 vmpic_iack(struct vmpic *m, unsigned int cpu)
{
	struct vmpic_irq *q;
	int irq;

	irq = deliverable(m, cpu);
	if (irq < 0)
		return m->svr & IVPR_VECTOR;
	q = &m->irq[irq];
	if (is_ipi(irq))
		m->ipi_pending[irq - MPIC_IRQ_IPI] &= ~BIT(cpu);
	else if (!level_sense(m, irq))
		vmpic_set_pending(m, irq, false);
	set_bit(irq, m->cpu[cpu].in_service);
	vmpic_update(m);
	return q->ivpr & IVPR_VECTOR;
}
EXPORT_SYMBOL_GPL(vmpic_iack);

void vmpic_eoi(struct vmpic *m, unsigned int cpu)
{
	int irq;

	in_service_prio(m, cpu, &irq);
	if (irq < 0)
		return;
	clear_bit(irq, m->cpu[cpu].in_service);
	if (level_sense(m, irq))
		set_bit(irq, m->acked);
	vmpic_update(m);
}
EXPORT_SYMBOL_GPL(vmpic_eoi);

void vmpic_send_ipi(struct vmpic *m, unsigned int ipi, u32 cpus)
{
	m->ipi_pending[ipi] |= cpus & GENMASK(m->ncpus - 1, 0);
	vmpic_update(m);
}
EXPORT_SYMBOL_GPL(vmpic_send_ipi);

void vmpic_msi_write(struct vmpic *m, u32 val)
{
	unsigned int srs = (val >> MSIIR_SRS_SHIFT) % MPIC_MSIRS;

	m->msir[srs] |= BIT((val >> MSIIR_IBS_SHIFT) & 0x1f);
	vmpic_set_line(m, MPIC_IRQ_MSI + srs, true);
}
EXPORT_SYMBOL_GPL(vmpic_msi_write);

/* reading MSIRn returns and clears it, and drops its source */
u32 vmpic_msir_read(struct vmpic *m, unsigned int n)
{
	u32 val = m->msir[n];

	m->msir[n] = 0;
	vmpic_set_line(m, MPIC_IRQ_MSI + n, false);
	return val;
}
EXPORT_SYMBOL_GPL(vmpic_msir_read);

/* @cpu took its critical interrupt: edge sources routed there are done */
void vmpic_critical_taken(struct vmpic *m, unsigned int cpu)
{
	unsigned int irq;

	for_each_set_bit(irq, m->pending, MPIC_IRQ_IPI)
		if ((m->irq[irq].idr & IDR_CI(cpu)) && !level_sense(m, irq))
			vmpic_set_pending(m, irq, false);
	vmpic_update(m);
}
EXPORT_SYMBOL_GPL(vmpic_critical_taken);

void vmpic_write_ivpr(struct vmpic *m, unsigned int irq, u32 val)
{
	struct vmpic_irq *q = &m->irq[irq];
	u32 writable = irq < MPIC_SRCS ? IVPR_WRITABLE :
			IVPR_MSK | IVPR_PRIO | IVPR_VECTOR;

	q->ivpr = val & writable;
	if (level_sense(m, irq))
		vmpic_set_pending(m, irq, q->line);
	vmpic_update(m);
}
EXPORT_SYMBOL_GPL(vmpic_write_ivpr);

void vmpic_write_idr(struct vmpic *m, unsigned int irq, u32 val)
{
	if (is_ipi(irq))
		return;
	m->irq[irq].idr = val & (IDR_P_ALL | IDR_CI_ALL);
	vmpic_update(m);
}
EXPORT_SYMBOL_GPL(vmpic_write_idr);

/* A: the interrupt is requested (pending) or in service */
bool vmpic_irq_active(struct vmpic *m, unsigned int irq)
{
	if (is_ipi(irq))
		return m->ipi_pending[irq - MPIC_IRQ_IPI] ||
		       in_service_anywhere(m, irq);
	return vmpic_pending(m, irq) || in_service_anywhere(m, irq);
}
EXPORT_SYMBOL_GPL(vmpic_irq_active);

u32 vmpic_read_ivpr(struct vmpic *m, unsigned int irq)
{
	return m->irq[irq].ivpr | (vmpic_irq_active(m, irq) ? IVPR_A : 0);
}
EXPORT_SYMBOL_GPL(vmpic_read_ivpr);
