// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the MPIC programming model (mpic/model.c, mpic/regs.c) driven
 * directly: arbitration, nesting, CTPR, masking, EOI, edge and level
 * sources, IPIs, MSI registers, critical routing, multicast, outputs,
 * the register decode and the migration state attributes (mpic/state.c).
 * Outputs are recorded by a fake "vCPU" side.
 */
#include <kunit/test.h>

#include "../../mpic/mpic.h"

struct rec {
	struct vmpic m;		/* first: the callback casts back */
	bool out[MPIC_MAX_CPUS][2];
	unsigned int calls;
};

static void rec_output(struct vmpic *m, unsigned int cpu,
		       enum vmpic_line line, bool level)
{
	struct rec *r = container_of(m, struct rec, m);

	r->out[cpu][line] = level;
	r->calls++;
}

static const struct vmpic_ops rec_ops = { .output = rec_output };

static struct rec *new_mpic(struct kunit *test, bool v42, unsigned int ncpus)
{
	struct rec *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	vmpic_model_init(&r->m, v42, &rec_ops);
	r->m.ncpus = ncpus;
	r->m.cpu[0].ctpr = 0;
	r->m.cpu[1].ctpr = 0;
	return r;
}

/* source @s: priority @p, vector 0x100 + s, level or edge, to @idr */
static void src(struct rec *r, unsigned int s, unsigned int p, bool level,
		u32 idr)
{
	vmpic_write_ivpr(&r->m, s, (p << IVPR_PRIO_SHIFT) | (0x100 + s) |
			 (level ? IVPR_S : 0));
	vmpic_write_idr(&r->m, s, idr);
}

static void pulse(struct rec *r, unsigned int s)
{
	vmpic_set_line(&r->m, s, true);
	vmpic_set_line(&r->m, s, false);
}

static void mpic_reset_values(struct kunit *test)
{
	struct rec *r = new_mpic(test, false, 1);
	u32 v;

	vmpic_reset(&r->m);
	KUNIT_EXPECT_EQ(test, vmpic_read_ivpr(&r->m, 17), IVPR_MSK);
	KUNIT_EXPECT_EQ(test, r->m.irq[17].idr, 1u);
	KUNIT_EXPECT_EQ(test, r->m.cpu[0].ctpr, 15u);
	KUNIT_EXPECT_EQ(test, vmpic_iack(&r->m, 0), 0xffffu);
	KUNIT_EXPECT_EQ(test, vmpic_reg_read(&r->m, -1, 0x1000, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 0x00ff0002u);
	KUNIT_EXPECT_FALSE(test, r->out[0][MPIC_OUT_INT]);
}

static void mpic_priority(struct kunit *test)
{
	struct rec *r = new_mpic(test, false, 1);

	src(r, 1, 3, false, 1);
	src(r, 2, 8, false, 1);
	src(r, 3, 8, false, 1);
	src(r, 4, 0, false, 1);		/* priority 0: never */
	pulse(r, 4);
	KUNIT_EXPECT_FALSE(test, r->out[0][MPIC_OUT_INT]);
	pulse(r, 3);
	pulse(r, 1);
	pulse(r, 2);
	KUNIT_EXPECT_TRUE(test, r->out[0][MPIC_OUT_INT]);
	/* 8 ties between 2 and 3: the lower number */
	KUNIT_EXPECT_EQ(test, vmpic_iack(&r->m, 0), 0x102u);
	/* 3 has the same priority as the one in service: held */
	KUNIT_EXPECT_FALSE(test, r->out[0][MPIC_OUT_INT]);
	KUNIT_EXPECT_EQ(test, vmpic_iack(&r->m, 0), 0xffffu);
	vmpic_eoi(&r->m, 0);
	KUNIT_EXPECT_EQ(test, vmpic_iack(&r->m, 0), 0x103u);
	vmpic_eoi(&r->m, 0);
	KUNIT_EXPECT_EQ(test, vmpic_iack(&r->m, 0), 0x101u);
	vmpic_eoi(&r->m, 0);
	KUNIT_EXPECT_EQ(test, vmpic_iack(&r->m, 0), 0xffffu);
	/* the priority 0 source is still pending, never offered */
	KUNIT_EXPECT_TRUE(test, vmpic_irq_active(&r->m, 4));
}

static void mpic_nesting(struct kunit *test)
{
	struct rec *r = new_mpic(test, false, 1);

	src(r, 1, 5, false, 1);
	src(r, 2, 9, false, 1);
	src(r, 3, 7, false, 1);
	pulse(r, 1);
	KUNIT_EXPECT_EQ(test, vmpic_iack(&r->m, 0), 0x101u);
	pulse(r, 2);
	KUNIT_EXPECT_TRUE(test, r->out[0][MPIC_OUT_INT]);
	KUNIT_EXPECT_EQ(test, vmpic_iack(&r->m, 0), 0x102u);
	pulse(r, 3);			/* 7 < 9 in service */
	KUNIT_EXPECT_FALSE(test, r->out[0][MPIC_OUT_INT]);
	vmpic_eoi(&r->m, 0);		/* ends 9, not 5 */
	KUNIT_EXPECT_FALSE(test, test_bit(2, r->m.cpu[0].in_service));
	KUNIT_EXPECT_TRUE(test, test_bit(1, r->m.cpu[0].in_service));
	KUNIT_EXPECT_TRUE(test, r->out[0][MPIC_OUT_INT]);	/* 7 > 5 */
	KUNIT_EXPECT_EQ(test, vmpic_iack(&r->m, 0), 0x103u);
	vmpic_eoi(&r->m, 0);
	vmpic_eoi(&r->m, 0);
	vmpic_eoi(&r->m, 0);		/* nothing in service: harmless */
	KUNIT_EXPECT_TRUE(test, bitmap_empty(r->m.cpu[0].in_service,
					     MPIC_NIRQ));
}

static void mpic_ctpr_mask(struct kunit *test)
{
	struct rec *r = new_mpic(test, false, 1);
	u32 v;

	src(r, 5, 6, false, 1);
	vmpic_reg_write(&r->m, 0, 0x80, 6);	/* CTPR through the alias */
	pulse(r, 5);
	KUNIT_EXPECT_FALSE(test, r->out[0][MPIC_OUT_INT]);
	KUNIT_EXPECT_EQ(test, vmpic_read_ivpr(&r->m, 5) & IVPR_A, IVPR_A);
	vmpic_reg_write(&r->m, -1, 0x20080, 5);	/* CPU 0's block */
	KUNIT_EXPECT_TRUE(test, r->out[0][MPIC_OUT_INT]);
	vmpic_write_ivpr(&r->m, 5, IVPR_MSK | (6 << IVPR_PRIO_SHIFT) | 0x105);
	KUNIT_EXPECT_FALSE(test, r->out[0][MPIC_OUT_INT]);
	vmpic_write_ivpr(&r->m, 5, (6 << IVPR_PRIO_SHIFT) | 0x105);
	KUNIT_EXPECT_TRUE(test, r->out[0][MPIC_OUT_INT]);
	KUNIT_EXPECT_EQ(test, vmpic_reg_read(&r->m, 0, 0xa0, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 0x105u);
	KUNIT_EXPECT_FALSE(test, r->out[0][MPIC_OUT_INT]);
}

static void mpic_level_edge(struct kunit *test)
{
	struct rec *r = new_mpic(test, false, 1);

	src(r, 7, 4, true, 1);
	src(r, 8, 4, false, 1);
	vmpic_set_line(&r->m, 7, true);
	KUNIT_EXPECT_EQ(test, vmpic_iack(&r->m, 0), 0x107u);
	/* level, in service: not offered again before EOI */
	KUNIT_EXPECT_FALSE(test, r->out[0][MPIC_OUT_INT]);
	vmpic_eoi(&r->m, 0);
	KUNIT_EXPECT_TRUE(test, test_bit(7, r->m.acked));
	KUNIT_EXPECT_TRUE(test, r->out[0][MPIC_OUT_INT]);	/* still high */
	vmpic_set_line(&r->m, 7, false);
	KUNIT_EXPECT_FALSE(test, r->out[0][MPIC_OUT_INT]);
	KUNIT_EXPECT_EQ(test, vmpic_iack(&r->m, 0), 0xffffu);
	/* an edge is latched until IACK and not acked at EOI */
	pulse(r, 8);
	bitmap_zero(r->m.acked, MPIC_SRCS);
	KUNIT_EXPECT_EQ(test, vmpic_iack(&r->m, 0), 0x108u);
	vmpic_eoi(&r->m, 0);
	KUNIT_EXPECT_TRUE(test, bitmap_empty(r->m.acked, MPIC_SRCS));
	KUNIT_EXPECT_FALSE(test, r->out[0][MPIC_OUT_INT]);
}

/*
 * Equal priorities across the kinds of interrupt: sources, then the
 * timers, then the IPIs, in number order; and a reset drops requests
 * but not an input line that is still high.
 */
static void mpic_kinds_order(struct kunit *test)
{
	struct rec *r = new_mpic(test, false, 1);
	unsigned int t = MPIC_IRQ_TIMER + 2, ipi = MPIC_IRQ_IPI + 3;
	static const u32 order[] = { 0x121, 0x1ff, 0x62, 0x73, 0xffff };
	unsigned int i;

	src(r, 33, 6, false, 1);
	src(r, 255, 6, false, 1);
	vmpic_write_ivpr(&r->m, t, (6 << IVPR_PRIO_SHIFT) | 0x62);
	vmpic_write_idr(&r->m, t, 1);
	vmpic_write_ivpr(&r->m, ipi, (6 << IVPR_PRIO_SHIFT) | 0x73);
	vmpic_send_ipi(&r->m, 3, 1);
	vmpic_set_line(&r->m, t, true);
	pulse(r, 255);
	pulse(r, 33);
	for (i = 0; i < ARRAY_SIZE(order); i++) {
		KUNIT_EXPECT_EQ(test, vmpic_iack(&r->m, 0), order[i]);
		vmpic_eoi(&r->m, 0);
	}
	KUNIT_EXPECT_FALSE(test, vmpic_irq_active(&r->m, t));

	src(r, 7, 4, true, 1);
	vmpic_set_line(&r->m, 7, true);
	vmpic_reset(&r->m);
	KUNIT_EXPECT_FALSE(test, vmpic_irq_active(&r->m, 7));
	r->m.cpu[0].ctpr = 0;
	src(r, 7, 4, true, 1);		/* level again: follows the line */
	KUNIT_EXPECT_TRUE(test, vmpic_irq_active(&r->m, 7));
	KUNIT_EXPECT_TRUE(test, r->out[0][MPIC_OUT_INT]);
	KUNIT_EXPECT_EQ(test, vmpic_iack(&r->m, 0), 0x107u);
}

static void mpic_ipi(struct kunit *test)
{
	struct rec *r = new_mpic(test, false, 2);

	vmpic_write_ivpr(&r->m, MPIC_IRQ_IPI + 1,
			 IVPR_S | (10 << IVPR_PRIO_SHIFT) | 0x41);
	KUNIT_EXPECT_EQ(test, r->m.irq[MPIC_IRQ_IPI + 1].ivpr & IVPR_S, 0u);
	vmpic_send_ipi(&r->m, 1, 0xff);		/* CPUs 2..7 do not exist */
	KUNIT_EXPECT_EQ(test, r->m.ipi_pending[1], 3u);
	KUNIT_EXPECT_TRUE(test, r->out[0][MPIC_OUT_INT]);
	KUNIT_EXPECT_TRUE(test, r->out[1][MPIC_OUT_INT]);
	KUNIT_EXPECT_EQ(test, vmpic_iack(&r->m, 1), 0x41u);
	KUNIT_EXPECT_TRUE(test, r->out[0][MPIC_OUT_INT]);
	KUNIT_EXPECT_FALSE(test, r->out[1][MPIC_OUT_INT]);
	/* a second IPI to CPU 1 waits for its EOI */
	vmpic_send_ipi(&r->m, 1, 2);
	KUNIT_EXPECT_FALSE(test, r->out[1][MPIC_OUT_INT]);
	vmpic_eoi(&r->m, 1);
	KUNIT_EXPECT_TRUE(test, r->out[1][MPIC_OUT_INT]);
	KUNIT_EXPECT_EQ(test, vmpic_iack(&r->m, 0), 0x41u);
	KUNIT_EXPECT_EQ(test, vmpic_iack(&r->m, 1), 0x41u);
	KUNIT_EXPECT_EQ(test, r->m.ipi_pending[1], 0u);
	KUNIT_EXPECT_EQ(test, vmpic_reg_write(&r->m, 0, 0x50, 2), 0);
	KUNIT_EXPECT_EQ(test, r->m.ipi_pending[1], 2u);
}

static void mpic_msi(struct kunit *test)
{
	struct rec *r = new_mpic(test, false, 1);
	u32 v;

	src(r, MPIC_IRQ_MSI + 3, 2, true, 1);
	vmpic_msi_write(&r->m, (3u << MSIIR_SRS_SHIFT) | (31u << MSIIR_IBS_SHIFT));
	vmpic_msi_write(&r->m, (3u << MSIIR_SRS_SHIFT) | (0u << MSIIR_IBS_SHIFT));
	KUNIT_EXPECT_EQ(test, r->m.msir[3], 0x80000001u);
	KUNIT_EXPECT_TRUE(test, r->out[0][MPIC_OUT_INT]);
	KUNIT_EXPECT_EQ(test, vmpic_reg_read(&r->m, 0, 0x1720, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 8u);
	KUNIT_EXPECT_EQ(test, vmpic_reg_read(&r->m, 0, 0x1630, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 0x80000001u);
	KUNIT_EXPECT_EQ(test, r->m.msir[3], 0u);
	KUNIT_EXPECT_FALSE(test, r->out[0][MPIC_OUT_INT]);
	KUNIT_EXPECT_EQ(test, vmpic_reg_write(&r->m, 0, 0x1740,
					      7u << MSIIR_SRS_SHIFT), 0);
	KUNIT_EXPECT_EQ(test, r->m.msir[7], 1u);
}

static void mpic_critical(struct kunit *test)
{
	struct rec *r20 = new_mpic(test, false, 2);
	struct rec *r42 = new_mpic(test, true, 2);

	src(r20, 9, 1, false, IDR_CI(1) | 1);
	vmpic_write_ivpr(&r20->m, 9, IVPR_MSK | 0x109);
	pulse(r20, 9);
	/* CI wins over P0; 2.0 ignores MSK and priority 0 */
	KUNIT_EXPECT_TRUE(test, r20->out[1][MPIC_OUT_CINT]);
	KUNIT_EXPECT_FALSE(test, r20->out[0][MPIC_OUT_INT]);
	KUNIT_EXPECT_FALSE(test, r20->out[0][MPIC_OUT_CINT]);
	KUNIT_EXPECT_EQ(test, vmpic_iack(&r20->m, 1), 0xffffu);
	vmpic_critical_taken(&r20->m, 1);
	KUNIT_EXPECT_FALSE(test, r20->out[1][MPIC_OUT_CINT]);
	/* a level critical source stays until its line drops */
	src(r20, 10, 1, true, IDR_CI(0));
	vmpic_set_line(&r20->m, 10, true);
	vmpic_critical_taken(&r20->m, 0);
	KUNIT_EXPECT_TRUE(test, r20->out[0][MPIC_OUT_CINT]);
	vmpic_set_line(&r20->m, 10, false);
	KUNIT_EXPECT_FALSE(test, r20->out[0][MPIC_OUT_CINT]);

	src(r42, 9, 1, false, IDR_CI(0));
	vmpic_write_ivpr(&r42->m, 9, IVPR_MSK | 0x109);
	pulse(r42, 9);
	KUNIT_EXPECT_FALSE(test, r42->out[0][MPIC_OUT_CINT]);
	vmpic_write_ivpr(&r42->m, 9, 0x109);
	KUNIT_EXPECT_TRUE(test, r42->out[0][MPIC_OUT_CINT]);
}

static void mpic_multicast(struct kunit *test)
{
	struct rec *r = new_mpic(test, false, 2);
	unsigned int calls;

	src(r, 12, 5, false, 3);
	pulse(r, 12);
	KUNIT_EXPECT_TRUE(test, r->out[0][MPIC_OUT_INT]);
	KUNIT_EXPECT_TRUE(test, r->out[1][MPIC_OUT_INT]);
	KUNIT_EXPECT_EQ(test, vmpic_iack(&r->m, 1), 0x10cu);
	/* taken by CPU 1: withdrawn from CPU 0 */
	KUNIT_EXPECT_FALSE(test, r->out[0][MPIC_OUT_INT]);
	KUNIT_EXPECT_EQ(test, vmpic_iack(&r->m, 0), 0xffffu);
	KUNIT_EXPECT_TRUE(test, vmpic_irq_active(&r->m, 12));
	vmpic_eoi(&r->m, 0);		/* CPU 0 has nothing in service */
	KUNIT_EXPECT_TRUE(test, vmpic_irq_active(&r->m, 12));
	vmpic_eoi(&r->m, 1);
	KUNIT_EXPECT_FALSE(test, vmpic_irq_active(&r->m, 12));
	/* outputs are reported on changes only */
	calls = r->calls;
	vmpic_update(&r->m);
	KUNIT_EXPECT_EQ(test, r->calls, calls);
}

static void mpic_decode(struct kunit *test)
{
	struct rec *r = new_mpic(test, false, 1);
	u32 v;

	KUNIT_EXPECT_EQ(test, vmpic_reg_read(&r->m, 0, 0x1004, &v), -ENXIO);
	KUNIT_EXPECT_EQ(test, v, 0u);
	KUNIT_EXPECT_EQ(test, vmpic_reg_write(&r->m, 0, 0x3fffc, 1), -ENXIO);
	KUNIT_EXPECT_EQ(test, vmpic_reg_read(&r->m, -1, 0x90, &v), -ENXIO);
	KUNIT_EXPECT_EQ(test, vmpic_reg_read(&r->m, 0, 0x90, &v), 0);
	KUNIT_EXPECT_EQ(test, vmpic_reg_read(&r->m, -1, 0x21090, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 1u);				/* WHOAMI */
	KUNIT_EXPECT_EQ(test, vmpic_reg_read(&r->m, -1, 0x200c0, &v), -ENXIO);
	KUNIT_EXPECT_EQ(test, vmpic_reg_read(&r->m, -1, 0x28080, &v), -ENXIO);
	KUNIT_EXPECT_EQ(test, vmpic_reg_probe(0x10000 + 0x20 * 255 + 0x10), 0);
	KUNIT_EXPECT_EQ(test, vmpic_reg_probe(0x12000), -ENXIO);
	KUNIT_EXPECT_EQ(test, vmpic_reg_probe(0x80), -ENXIO);
	KUNIT_EXPECT_EQ(test, vmpic_reg_probe(0x270b0), 0);
	KUNIT_EXPECT_EQ(test, vmpic_reg_probe(0x270c0), -ENXIO);
	/* IDR keeps P0..P7 and CI0..CI7, drops EP and the rest */
	vmpic_reg_write(&r->m, -1, 0x10010, 0xffffffff);
	KUNIT_EXPECT_EQ(test, r->m.irq[0].idr, 0x7f8000ffu);
	/* read-only registers ignore writes */
	KUNIT_EXPECT_EQ(test, vmpic_reg_write(&r->m, -1, 0x1000, 0), 0);
	vmpic_reg_read(&r->m, -1, 0x1000, &v);
	KUNIT_EXPECT_EQ(test, v, 0x00ff0002u);
}

/* the same configuration in @r: edge sources 1 (5) and 2 (3), IPI 1 (4) */
static void state_config(struct rec *r)
{
	src(r, 1, 5, false, 1);
	src(r, 2, 3, false, 1);
	vmpic_write_ivpr(&r->m, MPIC_IRQ_IPI + 1, (4 << IVPR_PRIO_SHIFT) | 0x51);
}

/*
 * KVM_DEV_MPIC_GRP_E500_STATE: CPU 0 in its handler for source 1 with
 * source 2 latched behind it, an IPI pending for CPU 1, copied word by
 * word into a second MPIC, which then ends and delivers the same.
 */
static void mpic_state_copy(struct kunit *test)
{
	struct rec *a = new_mpic(test, false, 2), *b = new_mpic(test, false, 2);
	unsigned int i, n = 0;
	u32 v, bad;

	state_config(a);
	state_config(b);
	pulse(a, 1);
	KUNIT_EXPECT_EQ(test, vmpic_iack(&a->m, 0), 0x101u);
	pulse(a, 2);
	vmpic_send_ipi(&a->m, 1, BIT(1));
	for (i = 0; i < 0x500; i++) {
		if (vmpic_state_attr(&a->m, i, false, &v))
			continue;
		KUNIT_EXPECT_EQ(test, vmpic_state_attr(&b->m, i, true, &v), 0);
		n++;
	}
	/* 8 CPUs x 9 words, 9 pending words, 4 IPIs, 4 timers, 8 MSIRs */
	KUNIT_EXPECT_EQ(test, n, 8u * 9 + 9 + 4 + 4 + 8);
	KUNIT_EXPECT_TRUE(test, test_bit(1, b->m.cpu[0].in_service));
	KUNIT_EXPECT_TRUE(test, vmpic_pending(&b->m, 2));
	KUNIT_EXPECT_FALSE(test, b->out[0][MPIC_OUT_INT]);	/* 3 < 5 */
	KUNIT_EXPECT_TRUE(test, b->out[1][MPIC_OUT_INT]);
	vmpic_eoi(&b->m, 0);
	KUNIT_EXPECT_EQ(test, vmpic_iack(&b->m, 0), 0x102u);
	KUNIT_EXPECT_EQ(test, vmpic_iack(&b->m, 1), 0x51u);
	/* refused values change nothing; unknown attributes are ENXIO */
	bad = BIT(MPIC_NIRQ % 32);
	KUNIT_EXPECT_EQ(test, vmpic_state_attr(&b->m, 8, true, &bad), -EINVAL);
	bad = BIT(MPIC_IRQ_IPI % 32);
	KUNIT_EXPECT_EQ(test, vmpic_state_attr(&b->m, 0x108, true, &bad), -EINVAL);
	bad = BIT(MPIC_MAX_CPUS);
	KUNIT_EXPECT_EQ(test, vmpic_state_attr(&b->m, 0x200, true, &bad), -EINVAL);
	KUNIT_EXPECT_EQ(test, vmpic_state_attr(&b->m, 0x09, false, &v), -ENXIO);
	KUNIT_EXPECT_EQ(test, vmpic_state_attr(&b->m, 0x204, false, &v), -ENXIO);
	KUNIT_EXPECT_EQ(test, vmpic_state_attr(&b->m, 0x500, false, &v), -ENXIO);
	KUNIT_EXPECT_EQ(test, vmpic_state_attr(&b->m, 8, false, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 0u);
	KUNIT_EXPECT_EQ(test, b->m.ipi_pending[0], 0u);
}

static struct kunit_case mpic_cases[] = {
	KUNIT_CASE(mpic_reset_values),
	KUNIT_CASE(mpic_priority),
	KUNIT_CASE(mpic_nesting),
	KUNIT_CASE(mpic_ctpr_mask),
	KUNIT_CASE(mpic_level_edge),
	KUNIT_CASE(mpic_kinds_order),
	KUNIT_CASE(mpic_ipi),
	KUNIT_CASE(mpic_msi),
	KUNIT_CASE(mpic_critical),
	KUNIT_CASE(mpic_multicast),
	KUNIT_CASE(mpic_decode),
	KUNIT_CASE(mpic_state_copy),
	{}
};

static struct kunit_suite mpic_suite = {
	.name = "kvm_e500_mpic",
	.test_cases = mpic_cases,
};

kunit_test_suite(mpic_suite);
