// SPDX-License-Identifier: GPL-2.0-only
/*
 * MPIC register decode: one table of register ranges (offset, stride,
 * accessors) covering the 256 KiB block.  An offset that is no register
 * is -ENXIO here; the MMIO layer turns that into "reads 0, writes
 * ignored", the attribute layer into an error.  The caller holds
 * m->lock.  @cpu is the CPU making the access (-1: none, e.g. an
 * attribute access), which the current-CPU aliases need.
 */
#include <linux/errno.h>
#include <linux/export.h>

#include "mpic.h"

#define BRR1_V20	0x00400200u
#define BRR1_V42	0x00400402u
#define FRR_VID_V20	2
#define FRR_VID_V42	3

struct vmpic_reg {
	u32 start;
	u32 count;		/* registers, one every @stride bytes */
	u32 stride;
	int (*read)(struct vmpic *m, int cpu, unsigned int n, u32 *val);
	int (*write)(struct vmpic *m, int cpu, unsigned int n, u32 val);
};

/* ---- per-CPU registers: the 0x20000 blocks and the 0x40..0xb0 aliases */

#define PCPU_IPIDR	0x40
#define PCPU_CTPR	0x80
#define PCPU_WHOAMI	0x90
#define PCPU_IACK	0xa0
#define PCPU_EOI	0xb0

static int pcpu_read(struct vmpic *m, int cpu, u32 off, u32 *val)
{
	if (cpu < 0 || cpu >= MPIC_MAX_CPUS)
		return -ENXIO;
	switch (off) {
	case PCPU_CTPR:
		*val = m->cpu[cpu].ctpr;
		return 0;
	case PCPU_WHOAMI:
		*val = cpu;
		return 0;
	case PCPU_IACK:
		*val = vmpic_iack(m, cpu);
		return 0;
	case PCPU_IPIDR ... PCPU_IPIDR + 0x30:
	case PCPU_EOI:
		*val = 0;	/* write-only */
		return (off & 0xf) ? -ENXIO : 0;
	}
	return -ENXIO;
}

static int pcpu_write(struct vmpic *m, int cpu, u32 off, u32 val)
{
	if (cpu < 0 || cpu >= MPIC_MAX_CPUS)
		return -ENXIO;
	switch (off) {
	case PCPU_CTPR:
		m->cpu[cpu].ctpr = val & 0xf;
		vmpic_update(m);
		return 0;
	case PCPU_EOI:
		vmpic_eoi(m, cpu);
		return 0;
	case PCPU_WHOAMI:
	case PCPU_IACK:
		return 0;	/* read-only */
	case PCPU_IPIDR ... PCPU_IPIDR + 0x30:
		if (off & 0xf)
			return -ENXIO;
		vmpic_send_ipi(m, (off - PCPU_IPIDR) / 0x10, val);
		return 0;
	}
	return -ENXIO;
}

static int cur_read(struct vmpic *m, int cpu, unsigned int n, u32 *val)
{
	return pcpu_read(m, cpu, PCPU_IPIDR + 0x10 * n, val);
}

static int cur_write(struct vmpic *m, int cpu, unsigned int n, u32 val)
{
	return pcpu_write(m, cpu, PCPU_IPIDR + 0x10 * n, val);
}

/* n: CPU number * 256 + (offset in its block) / 16 */
static int blk_read(struct vmpic *m, int cpu, unsigned int n, u32 *val)
{
	return pcpu_read(m, n / 256, (n % 256) * 0x10, val);
}

static int blk_write(struct vmpic *m, int cpu, unsigned int n, u32 val)
{
	return pcpu_write(m, n / 256, (n % 256) * 0x10, val);
}

/* ---- global registers */

static int rd_brr1(struct vmpic *m, int cpu, unsigned int n, u32 *val)
{
	*val = m->v42 ? BRR1_V42 : BRR1_V20;
	return 0;
}

static int rd_zero(struct vmpic *m, int cpu, unsigned int n, u32 *val)
{
	*val = 0;
	return 0;
}

static int wr_ignore(struct vmpic *m, int cpu, unsigned int n, u32 val)
{
	return 0;
}

static int rd_frr(struct vmpic *m, int cpu, unsigned int n, u32 *val)
{
	*val = (MPIC_SRCS - 1) << 16 | (m->ncpus - 1) << 8 |
	       (m->v42 ? FRR_VID_V42 : FRR_VID_V20);
	return 0;
}

static int rd_gcr(struct vmpic *m, int cpu, unsigned int n, u32 *val)
{
	*val = m->gcr;
	return 0;
}

static int wr_gcr(struct vmpic *m, int cpu, unsigned int n, u32 val)
{
	unsigned int t;

	if (val & GCR_RESET) {
		for (t = 0; t < MPIC_TIMERS; t++)
			vmpic_timer_stop(m, t);
		vmpic_reset(m);
		return 0;
	}
	m->gcr = val & GCR_MODE;
	return 0;
}

static int rd_pir(struct vmpic *m, int cpu, unsigned int n, u32 *val)
{
	*val = m->pir;
	return 0;
}

/* processor init: kept, the vCPUs are not reset by it */
static int wr_pir(struct vmpic *m, int cpu, unsigned int n, u32 val)
{
	m->pir = val & GENMASK(MPIC_MAX_CPUS - 1, 0);
	return 0;
}

static int rd_ipivpr(struct vmpic *m, int cpu, unsigned int n, u32 *val)
{
	*val = vmpic_read_ivpr(m, MPIC_IRQ_IPI + n);
	return 0;
}

static int wr_ipivpr(struct vmpic *m, int cpu, unsigned int n, u32 val)
{
	vmpic_write_ivpr(m, MPIC_IRQ_IPI + n, val);
	return 0;
}

static int rd_svr(struct vmpic *m, int cpu, unsigned int n, u32 *val)
{
	*val = m->svr;
	return 0;
}

static int wr_svr(struct vmpic *m, int cpu, unsigned int n, u32 val)
{
	m->svr = val & IVPR_VECTOR;
	return 0;
}

static int rd_tfrr(struct vmpic *m, int cpu, unsigned int n, u32 *val)
{
	*val = m->tfrr;
	return 0;
}

static int wr_tfrr(struct vmpic *m, int cpu, unsigned int n, u32 val)
{
	unsigned int t;

	/* running timers go on from their count at the new rate */
	for (t = 0; t < MPIC_TIMERS; t++)
		if (m->timer[t].running)
			m->timer[t].count = vmpic_timer_count(m, t);
	m->tfrr = val;
	for (t = 0; t < MPIC_TIMERS; t++)
		if (m->timer[t].running)
			vmpic_timer_start(m, t);
	return 0;
}

static int rd_timer(struct vmpic *m, int cpu, unsigned int n, u32 *val)
{
	unsigned int t = n / 4;

	switch (n % 4) {
	case 0:
		*val = vmpic_timer_count(m, t) |
		       (m->timer[t].tog ? GTCCR_TOG : 0);
		break;
	case 1:
		*val = m->timer[t].gtbcr;
		break;
	case 2:
		*val = vmpic_read_ivpr(m, MPIC_IRQ_TIMER + t);
		break;
	default:
		*val = m->irq[MPIC_IRQ_TIMER + t].idr;
	}
	return 0;
}

static int wr_timer(struct vmpic *m, int cpu, unsigned int n, u32 val)
{
	struct vmpic_timer *tm = &m->timer[n / 4];
	unsigned int t = n / 4;

	switch (n % 4) {
	case 0:
		break;		/* GTCCR is read-only */
	case 1:
		if (val & GTBCR_CI) {
			vmpic_timer_stop(m, t);		/* count inhibit */
		} else if (!tm->running || val != tm->gtbcr) {
			/* counting enabled, or a new base: start from it */
			tm->gtbcr = val;
			tm->count = val & GTCOUNT;
			vmpic_timer_start(m, t);
		}
		tm->gtbcr = val;
		break;
	case 2:
		vmpic_write_ivpr(m, MPIC_IRQ_TIMER + t, val);
		break;
	default:
		vmpic_write_idr(m, MPIC_IRQ_TIMER + t, val);
	}
	return 0;
}

static int rd_tcr(struct vmpic *m, int cpu, unsigned int n, u32 *val)
{
	*val = m->tcr;
	return 0;
}

/* timer control (cascading, clock ratio): kept, without effect */
static int wr_tcr(struct vmpic *m, int cpu, unsigned int n, u32 val)
{
	m->tcr = val;
	return 0;
}

static int rd_msir(struct vmpic *m, int cpu, unsigned int n, u32 *val)
{
	*val = vmpic_msir_read(m, n);
	return 0;
}

static int rd_msisr(struct vmpic *m, int cpu, unsigned int n, u32 *val)
{
	unsigned int i;

	*val = 0;
	for (i = 0; i < MPIC_MSIRS; i++)
		if (m->msir[i])
			*val |= BIT(i);
	return 0;
}

static int wr_msiir(struct vmpic *m, int cpu, unsigned int n, u32 val)
{
	vmpic_msi_write(m, val);
	return 0;
}

/* n: source * 2 + (IVPR, IDR) */
static int rd_src(struct vmpic *m, int cpu, unsigned int n, u32 *val)
{
	if (n % 2)
		*val = m->irq[n / 2].idr;
	else
		*val = vmpic_read_ivpr(m, n / 2);
	return 0;
}

static int wr_src(struct vmpic *m, int cpu, unsigned int n, u32 val)
{
	if (n % 2)
		vmpic_write_idr(m, n / 2, val);
	else
		vmpic_write_ivpr(m, n / 2, val);
	return 0;
}

#define ONE(off, r, w)		{ off, 1, 0x10, r, w }
#define MANY(off, nr, r, w)	{ off, nr, 0x10, r, w }

static const struct vmpic_reg vmpic_regs[] = {
	ONE(0x0000, rd_brr1, wr_ignore),
	ONE(0x0010, rd_zero, wr_ignore),			/* BRR2 */
	MANY(0x0040, 8, cur_read, cur_write),			/* this CPU */
	ONE(0x1000, rd_frr, wr_ignore),
	ONE(0x1020, rd_gcr, wr_gcr),
	ONE(0x1080, rd_zero, wr_ignore),			/* VIR */
	ONE(0x1090, rd_pir, wr_pir),
	MANY(0x10a0, MPIC_IPIS, rd_ipivpr, wr_ipivpr),
	ONE(0x10e0, rd_svr, wr_svr),
	ONE(0x10f0, rd_tfrr, wr_tfrr),
	MANY(0x1100, 4 * MPIC_TIMERS, rd_timer, wr_timer),
	ONE(0x1300, rd_tcr, wr_tcr),
	MANY(0x1600, MPIC_MSIRS, rd_msir, wr_ignore),
	ONE(0x1720, rd_msisr, wr_ignore),
	ONE(0x1740, rd_zero, wr_msiir),
	MANY(0x10000, 2 * MPIC_SRCS, rd_src, wr_src),
	MANY(0x20000, 256 * MPIC_MAX_CPUS, blk_read, blk_write),
};

static const struct vmpic_reg *find(u32 off, unsigned int *n)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vmpic_regs); i++) {
		const struct vmpic_reg *r = &vmpic_regs[i];

		if (off < r->start || off >= r->start + r->count * r->stride)
			continue;
		if ((off - r->start) % r->stride)
			return NULL;
		*n = (off - r->start) / r->stride;
		return r;
	}
	return NULL;
}

int vmpic_reg_read(struct vmpic *m, int cpu, u32 off, u32 *val)
{
	unsigned int n;
	const struct vmpic_reg *r = find(off, &n);

	*val = 0;
	return r ? r->read(m, cpu, n, val) : -ENXIO;
}
EXPORT_SYMBOL_GPL(vmpic_reg_read);

int vmpic_reg_write(struct vmpic *m, int cpu, u32 off, u32 val)
{
	unsigned int n;
	const struct vmpic_reg *r = find(off, &n);

	return r ? r->write(m, cpu, n, val) : -ENXIO;
}
EXPORT_SYMBOL_GPL(vmpic_reg_write);

/* does @off name a register an attribute can reach (no current CPU)? */
int vmpic_reg_probe(u32 off)
{
	unsigned int n;
	const struct vmpic_reg *r = find(off, &n);

	if (!r || r->read == cur_read)
		return -ENXIO;
	if (r->read == blk_read) {
		n %= 256;
		return n >= PCPU_IPIDR / 0x10 && n <= PCPU_EOI / 0x10 ?
		       0 : -ENXIO;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(vmpic_reg_probe);
