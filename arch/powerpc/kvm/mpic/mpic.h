/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The in-kernel Freescale MPIC (KVM_DEV_TYPE_FSL_MPIC_20/42): state of
 * the model and the interfaces between its files.
 *
 * Interrupt numbers inside the model ("irq"): 0..255 are the sources
 * of the main array (the routing pins), then the four global timers of
 * group A, then the four IPIs.  One spinlock per MPIC guards all of it;
 * the model functions (model.c, regs.c) expect it held.
 */
#ifndef KVM_E500_MPIC_H
#define KVM_E500_MPIC_H

#include <linux/bitmap.h>
#include <linux/hrtimer.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#define MPIC_SRCS		256
#define MPIC_TIMERS		4
#define MPIC_IPIS		4
#define MPIC_IRQ_TIMER		MPIC_SRCS
#define MPIC_IRQ_IPI		(MPIC_IRQ_TIMER + MPIC_TIMERS)
#define MPIC_NIRQ		(MPIC_IRQ_IPI + MPIC_IPIS)
#define MPIC_MAX_CPUS		8
#define MPIC_MSIRS		8
#define MPIC_IRQ_MSI		224	/* source of MSIR0 */
#define MPIC_SIZE		0x40000
#define MPIC_TFRR_DEFAULT	25000000	/* timer ticks per second */

/* vector/priority register (sources, timers, IPIs) */
#define IVPR_MSK		0x80000000u
#define IVPR_A			0x40000000u
#define IVPR_P			0x00800000u
#define IVPR_S			0x00400000u	/* 1: level sensitive */
#define IVPR_PRIO_SHIFT		16
#define IVPR_PRIO		0x000f0000u
#define IVPR_VECTOR		0x0000ffffu
#define IVPR_WRITABLE		(IVPR_MSK | IVPR_P | IVPR_S | IVPR_PRIO | \
				 IVPR_VECTOR)
/* destination register: P0.. in the low bits, CI0 at bit 30 going down */
#define IDR_CI(cpu)		(1u << (30 - (cpu)))
#define GCR_RESET		0x80000000u
#define GCR_MODE		0x60000000u
#define GTBCR_CI		0x80000000u
#define GTCCR_TOG		0x80000000u
#define GTCOUNT			0x7fffffffu
#define MSIIR_SRS_SHIFT		29
#define MSIIR_IBS_SHIFT		24

enum vmpic_line { MPIC_OUT_INT, MPIC_OUT_CINT };

struct vmpic;

struct vmpic_ops {
	/* an output of @cpu changed level; called with the lock held */
	void (*output)(struct vmpic *m, unsigned int cpu, enum vmpic_line line,
		       bool level);
};

struct vmpic_irq {
	u32 ivpr;
	u32 idr;		/* sources and timers; 0 for IPIs */
	bool line;		/* input, active high ("active" per KVM) */
};

struct vmpic_cpu {
	u32 ctpr;
	DECLARE_BITMAP(in_service, MPIC_NIRQ);
	bool out[2];		/* MPIC_OUT_INT, MPIC_OUT_CINT */
};

struct vmpic_timer {
	struct vmpic *m;
	u32 gtbcr;		/* base count, GTBCR_CI */
	u32 count;		/* count when stopped, or loaded at @loaded */
	ktime_t loaded;
	bool running;
	bool tog;
	struct hrtimer hrt;
};

struct vmpic {
	spinlock_t lock;	/* all of the model; irqs off (hrtimers) */
	const struct vmpic_ops *ops;
	bool v42;		/* KVM_DEV_TYPE_FSL_MPIC_42 */
	/* CPUs in use: up to the highest wired vCPU; FRR reports it */
	unsigned int ncpus;
	u32 gcr, pir, svr, tfrr, tcr;
	u32 msir[MPIC_MSIRS];
	u32 ipi_pending[MPIC_IPIS];	/* one bit per CPU */
	/* level sources EOIed since the caller last looked (resamplefd) */
	DECLARE_BITMAP(acked, MPIC_SRCS);
	/*
	 * Sources and timers requested: a latched edge, or a level input
	 * asserted.  A bitmap, so that arbitration visits only these.
	 */
	DECLARE_BITMAP(pending, MPIC_IRQ_IPI);
	struct vmpic_irq irq[MPIC_NIRQ];
	struct vmpic_cpu cpu[MPIC_MAX_CPUS];
	struct vmpic_timer timer[MPIC_TIMERS];
};

static inline bool vmpic_pending(const struct vmpic *m, unsigned int irq)
{
	return test_bit(irq, m->pending);
}

static inline void vmpic_set_pending(struct vmpic *m, unsigned int irq,
				     bool pending)
{
	__assign_bit(irq, m->pending, pending);
}

/* model.c: the programming model, no KVM in it (KUnit drives it) */
void vmpic_model_init(struct vmpic *m, bool v42, const struct vmpic_ops *ops);
void vmpic_reset(struct vmpic *m);
void vmpic_update(struct vmpic *m);
void vmpic_set_line(struct vmpic *m, unsigned int irq, bool level);
u32 vmpic_iack(struct vmpic *m, unsigned int cpu);
void vmpic_eoi(struct vmpic *m, unsigned int cpu);
void vmpic_send_ipi(struct vmpic *m, unsigned int ipi, u32 cpus);
void vmpic_msi_write(struct vmpic *m, u32 val);
u32 vmpic_msir_read(struct vmpic *m, unsigned int n);
void vmpic_critical_taken(struct vmpic *m, unsigned int cpu);
void vmpic_write_ivpr(struct vmpic *m, unsigned int irq, u32 val);
void vmpic_write_idr(struct vmpic *m, unsigned int irq, u32 val);
u32 vmpic_read_ivpr(struct vmpic *m, unsigned int irq);
bool vmpic_irq_active(struct vmpic *m, unsigned int irq);

/* regs.c: register decode; @cpu is the accessing CPU or -1 (none) */
int vmpic_reg_read(struct vmpic *m, int cpu, u32 off, u32 *val);
int vmpic_reg_write(struct vmpic *m, int cpu, u32 off, u32 val);
int vmpic_reg_probe(u32 off);

/* state.c: KVM_DEV_MPIC_GRP_E500_STATE (kvm_e500_mpic.h) */
int vmpic_state_attr(struct vmpic *m, u64 attr, bool set, u32 *val);

/* timer.c */
void vmpic_timers_init(struct vmpic *m);
void vmpic_timers_destroy(struct vmpic *m);
void vmpic_timer_start(struct vmpic *m, unsigned int t);
void vmpic_timer_stop(struct vmpic *m, unsigned int t);
u32 vmpic_timer_count(struct vmpic *m, unsigned int t);

#endif /* KVM_E500_MPIC_H */
