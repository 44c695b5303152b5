// SPDX-License-Identifier: GPL-2.0-only
/*
 * e500v2 mfspr/mtspr emulation: one table row per special purpose
 * register, with the accessors that read and write it.  A row that keeps
 * its register as plain storage names the field by its offset, so a
 * lookup finds everything in one place.
 */
#include <linux/kvm_host.h>
#include <asm/reg.h>

#include "e500_irq.h"
#include "e500v2.h"

/* Book E debug SPR numbers (asm/reg.h also has 4xx-style values) */
#define E500_SPRN_DBSR	304
#define E500_SPRN_DBCR0	308
#define E500_SPRN_DBCR1	309
#define E500_SPRN_DBCR2	310
#define E500_SPRN_IAC1	312
#define E500_SPRN_IAC2	313
#define E500_SPRN_DAC1	316
#define E500_SPRN_DAC2	317

#define ARCH(v)		(&(v)->vcpu.arch)
#define GTLB(v)		(&(v)->gtlb)

struct spr_rule;
typedef u32 (*spr_get_fn)(struct e500v2_vcpu *v, const struct spr_rule *r);
typedef void (*spr_set_fn)(struct e500v2_vcpu *v, const struct spr_rule *r,
			   u32 val);

struct spr_rule {
	u16 sprn;
	/* where a storage-backed register lives (shared page or vCPU) */
	u16 offset;
	spr_get_fn get;		/* NULL: mfspr is illegal */
	spr_set_fn set;		/* NULL: writes are ignored (read-only) */
};

/* ---- registers kept as 64-bit fields of the shared (paravirt) page ---- */

static u64 *shared_field(struct e500v2_vcpu *v, const struct spr_rule *r)
{
	return (u64 *)((char *)v->vcpu.arch.shared + r->offset);
}

static u32 spr_get_shared(struct e500v2_vcpu *v, const struct spr_rule *r)
{
	return *shared_field(v, r);
}

static void spr_set_shared(struct e500v2_vcpu *v, const struct spr_rule *r,
			   u32 val)
{
	*shared_field(v, r) = val;
}

/* ---- registers kept as u32 fields of struct e500v2_vcpu ---- */

static u32 *vcpu_field(struct e500v2_vcpu *v, const struct spr_rule *r)
{
	return (u32 *)((char *)v + r->offset);
}

static u32 spr_get_field(struct e500v2_vcpu *v, const struct spr_rule *r)
{
	return *vcpu_field(v, r);
}

static void spr_set_field(struct e500v2_vcpu *v, const struct spr_rule *r,
			  u32 val)
{
	*vcpu_field(v, r) = val;
}

/* flash-invalidate and flash-clear bits read back as 0 */
static void spr_set_l1csr(struct e500v2_vcpu *v, const struct spr_rule *r,
			  u32 val)
{
	*vcpu_field(v, r) = val & ~(L1CSR0_CFI | L1CSR0_CLFC);
}

static void spr_set_bucsr(struct e500v2_vcpu *v, const struct spr_rule *r,
			  u32 val)
{
	*vcpu_field(v, r) = val & ~BUCSR_BBFI;
}

/*
 * PID1, PID2: 8-bit process ids, part of the translation context (the
 * next entry picks the shadow context for it, mmu.c)
 */
static void spr_set_pidn(struct e500v2_vcpu *v, const struct spr_rule *r,
			 u32 val)
{
	*vcpu_field(v, r) = val & 0xff;
}

/* status registers: writing 1 to a bit clears it */
static void spr_set_w1c(struct e500v2_vcpu *v, const struct spr_rule *r,
			u32 val)
{
	*vcpu_field(v, r) &= ~val;
}

/* ---- registers with side effects or kept elsewhere ---- */

static u32 spr_get_esr(struct e500v2_vcpu *v, const struct spr_rule *r)
{
	return v->vcpu.arch.shared->esr;
}

static void spr_set_esr(struct e500v2_vcpu *v, const struct spr_rule *r,
			u32 val)
{
	v->vcpu.arch.shared->esr = val;
}

static u32 spr_get_pid(struct e500v2_vcpu *v, const struct spr_rule *r)
{
	return ARCH(v)->pid;
}

static void spr_set_pid(struct e500v2_vcpu *v, const struct spr_rule *r,
			u32 val)
{
	ARCH(v)->pid = val & 0xff;
}

static u32 spr_get_ivpr(struct e500v2_vcpu *v, const struct spr_rule *r)
{
	return ARCH(v)->ivpr;
}

static void spr_set_ivpr(struct e500v2_vcpu *v, const struct spr_rule *r,
			 u32 val)
{
	ARCH(v)->ivpr = val & 0xffff0000;
}

static unsigned int ivor_index(unsigned int sprn)
{
	return sprn >= SPRN_IVOR32 ? sprn - SPRN_IVOR32 + 32 : sprn - SPRN_IVOR0;
}

static u32 spr_get_ivor(struct e500v2_vcpu *v, const struct spr_rule *r)
{
	return ARCH(v)->ivor[ivor_index(r->sprn)];
}

static void spr_set_ivor(struct e500v2_vcpu *v, const struct spr_rule *r,
			 u32 val)
{
	ARCH(v)->ivor[ivor_index(r->sprn)] = val & 0xfff0;
}

static u32 spr_get_csrr(struct e500v2_vcpu *v, const struct spr_rule *r)
{
	switch (r->sprn) {
	case SPRN_CSRR0:
		return ARCH(v)->csrr0;
	case SPRN_CSRR1:
		return ARCH(v)->csrr1;
	case SPRN_MCSRR0:
		return ARCH(v)->mcsrr0;
	default:
		return ARCH(v)->mcsrr1;
	}
}

static void spr_set_csrr(struct e500v2_vcpu *v, const struct spr_rule *r,
			 u32 val)
{
	switch (r->sprn) {
	case SPRN_CSRR0:
		ARCH(v)->csrr0 = val;
		break;
	case SPRN_CSRR1:
		ARCH(v)->csrr1 = val;
		break;
	case SPRN_MCSRR0:
		ARCH(v)->mcsrr0 = val;
		break;
	default:
		ARCH(v)->mcsrr1 = val;
		break;
	}
}

static u32 spr_get_pir(struct e500v2_vcpu *v, const struct spr_rule *r)
{
	return v->vcpu.vcpu_id;
}

/* the vector the in-kernel MPIC acknowledged (KVM_CAP_PPC_EPR) */
static u32 spr_get_epr(struct e500v2_vcpu *v, const struct spr_rule *r)
{
	return v->vcpu.arch.epr;
}

static u32 spr_get_pvr(struct e500v2_vcpu *v, const struct spr_rule *r)
{
	return ARCH(v)->pvr;
}

static u32 spr_get_dec(struct e500v2_vcpu *v, const struct spr_rule *r)
{
	return e500_dec_read(&v->vcpu);
}

static void spr_set_dec(struct e500v2_vcpu *v, const struct spr_rule *r,
			u32 val)
{
	e500_dec_write(&v->vcpu, val);
}

static u32 spr_get_decar(struct e500v2_vcpu *v, const struct spr_rule *r)
{
	return ARCH(v)->decar;
}

static void spr_set_decar(struct e500v2_vcpu *v, const struct spr_rule *r,
			  u32 val)
{
	ARCH(v)->decar = val;
}

static u32 spr_get_tcr(struct e500v2_vcpu *v, const struct spr_rule *r)
{
	return ARCH(v)->tcr;
}

/* TCR[WRC]: once non-zero, only a reset (or userspace) changes it */
static void spr_set_tcr(struct e500v2_vcpu *v, const struct spr_rule *r,
			u32 val)
{
	u32 wrc = ARCH(v)->tcr & TCR_WRC_MASK;

	if (wrc)
		val = (val & ~TCR_WRC_MASK) | wrc;
	e500_tcr_write(&v->vcpu, val);
}

static u32 spr_get_tsr(struct e500v2_vcpu *v, const struct spr_rule *r)
{
	return READ_ONCE(ARCH(v)->tsr);
}

/* TSR: writing 1 to a bit clears it */
static void spr_set_tsr(struct e500v2_vcpu *v, const struct spr_rule *r,
			u32 val)
{
	e500_tsr_clear(&v->vcpu, val);
}

/*
 * The guest reads the host's time base directly (mftb does not trap),
 * so it cannot be given a time base of its own: writes are dropped.
 */
static void spr_set_tb(struct e500v2_vcpu *v, const struct spr_rule *r,
		       u32 val)
{
	pr_warn_once("kvm-e500v2: guest write to the time base ignored\n");
}

/* ---- MMU: the MAS registers and the read-only configuration ---- */

static u32 spr_get_mas(struct e500v2_vcpu *v, const struct spr_rule *r)
{
	struct e500_gtlb *t = GTLB(v);

	switch (r->sprn) {
	case SPRN_MAS0:
		return t->mas0;
	case SPRN_MAS1:
		return t->mas1;
	case SPRN_MAS2:
		return t->mas2;
	case SPRN_MAS3:
		return (u32)t->mas7_3;
	case SPRN_MAS4:
		return t->mas4;
	case SPRN_MAS6:
		return t->mas6;
	default:	/* MAS7 */
		return t->mas7_3 >> 32;
	}
}

static void spr_set_mas(struct e500v2_vcpu *v, const struct spr_rule *r,
			u32 val)
{
	struct e500_gtlb *t = GTLB(v);

	switch (r->sprn) {
	case SPRN_MAS0:
		t->mas0 = val;
		break;
	case SPRN_MAS1:
		t->mas1 = val;
		break;
	case SPRN_MAS2:
		t->mas2 = val;
		break;
	case SPRN_MAS3:
		t->mas7_3 = (t->mas7_3 & ~0xffffffffull) | val;
		break;
	case SPRN_MAS4:
		t->mas4 = val;
		break;
	case SPRN_MAS6:
		t->mas6 = val;
		break;
	default:	/* MAS7: the physical address bits above 32 */
		t->mas7_3 = (t->mas7_3 & 0xffffffffull) | ((u64)(val & E500_MAS7_MASK) << 32);
		break;
	}
}

static u32 spr_get_mmucfg(struct e500v2_vcpu *v, const struct spr_rule *r)
{
	struct e500_gtlb *t = GTLB(v);

	return r->sprn == SPRN_MMUCFG ? t->mmucfg :
	       r->sprn == SPRN_TLB0CFG ? t->tlb0cfg : t->tlb1cfg;
}

/* MMUCSR0: flash invalidation; the bits clear themselves */
static u32 spr_get_mmucsr0(struct e500v2_vcpu *v, const struct spr_rule *r)
{
	return 0;
}

static void spr_set_mmucsr0(struct e500v2_vcpu *v, const struct spr_rule *r,
			    u32 val)
{
	if (e500_gtlb_flash(GTLB(v), val & MMUCSR0_TLB0FI,
			    val & MMUCSR0_TLB1FI))
		v->shadow_stale = true;
}

/* ---- the table ---- */

#define RW(n, g, s)	{ n, 0, spr_get_##g, spr_set_##s }
#define RO(n, g)	{ n, 0, spr_get_##g, NULL }
#define WO(n, s)	{ n, 0, NULL, spr_set_##s }
/* a 64-bit field of the shared page */
#define SHARED(n, f) \
	{ n, offsetof(struct kvm_vcpu_arch_shared, f), spr_get_shared, spr_set_shared }
/* a u32 implementation register of the vCPU, with its write rule */
#define IMPL(n, f, s) \
	{ n, offsetof(struct e500v2_vcpu, impl.f), spr_get_field, spr_set_##s }
#define IMPL_RO(n, f) \
	{ n, offsetof(struct e500v2_vcpu, impl.f), spr_get_field, NULL }

static const struct spr_rule spr_rules[] = {
	SHARED(SPRN_SRR0, srr0),
	SHARED(SPRN_SRR1, srr1),
	SHARED(SPRN_DEAR, dar),
	SHARED(SPRN_SPRG0, sprg0),
	SHARED(SPRN_SPRG1, sprg1),
	SHARED(SPRN_SPRG2, sprg2),
	SHARED(SPRN_SPRG3, sprg3),
	SHARED(SPRN_SPRG4W, sprg4),
	SHARED(SPRN_SPRG5W, sprg5),
	SHARED(SPRN_SPRG6W, sprg6),
	SHARED(SPRN_SPRG7W, sprg7),
	RW(SPRN_CSRR0, csrr, csrr),
	RW(SPRN_CSRR1, csrr, csrr),
	RW(SPRN_MCSRR0, csrr, csrr),
	RW(SPRN_MCSRR1, csrr, csrr),
	RW(SPRN_ESR, esr, esr),
	RW(SPRN_PID, pid, pid),
	RW(SPRN_IVPR, ivpr, ivpr),
	RO(SPRN_PIR, pir),
	RW(SPRN_DEC, dec, dec),
	RW(SPRN_DECAR, decar, decar),
	RW(SPRN_TCR, tcr, tcr),
	RW(SPRN_TSR, tsr, tsr),
	WO(SPRN_TBWL, tb),
	WO(SPRN_TBWU, tb),
	RO(SPRN_PVR, pvr),
	RO(SPRN_EPR, epr),
	RW(SPRN_IVOR0, ivor, ivor),
	RW(SPRN_IVOR1, ivor, ivor),
	RW(SPRN_IVOR2, ivor, ivor),
	RW(SPRN_IVOR3, ivor, ivor),
	RW(SPRN_IVOR4, ivor, ivor),
	RW(SPRN_IVOR5, ivor, ivor),
	RW(SPRN_IVOR6, ivor, ivor),
	RW(SPRN_IVOR7, ivor, ivor),
	RW(SPRN_IVOR8, ivor, ivor),
	RW(SPRN_IVOR9, ivor, ivor),
	RW(SPRN_IVOR10, ivor, ivor),
	RW(SPRN_IVOR11, ivor, ivor),
	RW(SPRN_IVOR12, ivor, ivor),
	RW(SPRN_IVOR13, ivor, ivor),
	RW(SPRN_IVOR14, ivor, ivor),
	RW(SPRN_IVOR15, ivor, ivor),
	RW(SPRN_IVOR32, ivor, ivor),
	RW(SPRN_IVOR33, ivor, ivor),
	RW(SPRN_IVOR34, ivor, ivor),
	RW(SPRN_IVOR35, ivor, ivor),
	IMPL(SPRN_HID0, hid0, field),
	IMPL(SPRN_HID1, hid1, field),
	IMPL(SPRN_L1CSR0, l1csr0, l1csr),
	IMPL(SPRN_L1CSR1, l1csr1, l1csr),
	IMPL_RO(SPRN_L1CFG0, l1cfg0),
	IMPL_RO(SPRN_L1CFG1, l1cfg1),
	IMPL(SPRN_BUCSR, bucsr, bucsr),
	IMPL_RO(SPRN_SVR, svr),
	IMPL(SPRN_MCSR, mcsr, w1c),
	IMPL(SPRN_MCAR, mcar, field),
	IMPL(SPRN_PID1, pid1, pidn),
	IMPL(SPRN_PID2, pid2, pidn),
	IMPL(E500_SPRN_DBCR0, dbcr0, field),
	IMPL(E500_SPRN_DBCR1, dbcr1, field),
	IMPL(E500_SPRN_DBCR2, dbcr2, field),
	IMPL(E500_SPRN_DBSR, dbsr, w1c),
	IMPL(E500_SPRN_IAC1, iac1, field),
	IMPL(E500_SPRN_IAC2, iac2, field),
	IMPL(E500_SPRN_DAC1, dac1, field),
	IMPL(E500_SPRN_DAC2, dac2, field),
	RW(SPRN_MAS0, mas, mas),
	RW(SPRN_MAS1, mas, mas),
	RW(SPRN_MAS2, mas, mas),
	RW(SPRN_MAS3, mas, mas),
	RW(SPRN_MAS4, mas, mas),
	RW(SPRN_MAS6, mas, mas),
	RW(SPRN_MAS7, mas, mas),
	RO(SPRN_MMUCFG, mmucfg),
	RO(SPRN_TLB0CFG, mmucfg),
	RO(SPRN_TLB1CFG, mmucfg),
	RW(SPRN_MMUCSR0, mmucsr0, mmucsr0),
};

static const struct spr_rule *spr_rule(unsigned int sprn)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(spr_rules); i++)
		if (spr_rules[i].sprn == sprn)
			return &spr_rules[i];
	return NULL;
}

/* mfspr: false when the register does not exist or cannot be read */
bool e500v2_mfspr(struct e500v2_vcpu *v, unsigned int sprn, u32 *val)
{
	const struct spr_rule *r = spr_rule(sprn);

	if (!r || !r->get)
		return false;
	*val = r->get(v, r);
	return true;
}

/* mtspr: false when the register does not exist */
bool e500v2_mtspr(struct e500v2_vcpu *v, unsigned int sprn, u32 val)
{
	const struct spr_rule *r = spr_rule(sprn);

	if (!r)
		return false;
	/* read-only registers ignore writes, as on the core */
	if (r->set)
		r->set(v, r, val);
	return true;
}
