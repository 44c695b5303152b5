// SPDX-License-Identifier: GPL-2.0-only
/*
 * e500v2 instruction emulation: privileged instructions the guest
 * kernel executes in user mode, and loads/stores to guest-physical
 * addresses outside every memory slot (MMIO).
 */
#include <linux/kvm_host.h>
#include <asm/reg.h>

#include "e500_insn.h"
#include "e500_irq.h"
#include "e500v2.h"

#define GPR(v, n)	((v)->vcpu.arch.regs.gpr[n])
#define PC(v)		((v)->vcpu.arch.regs.nip)

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

static int fetch_insn(struct e500v2_vcpu *v, u32 *insn)
{
	u64 gpa;

	if (!e500v2_translate(v, true, PC(v), &gpa))
		return -EFAULT;
	if (kvm_vcpu_read_guest(&v->vcpu, gpa, insn, 4))
		return -EFAULT;
	return 0;
}

/* ---- SPRs: one row per register, get and set in one place ---- */

struct spr_rule {
	u16 sprn;
	u32 (*get)(struct e500v2_vcpu *v, unsigned int sprn);
	void (*set)(struct e500v2_vcpu *v, unsigned int sprn, u32 val);
};

/* a register that is a field at some offset of a structure */
struct reg_slot {
	u16 sprn;
	u16 offset;
};

static void *slot_in(void *base, const struct reg_slot *slots,
		     unsigned int count, unsigned int sprn)
{
	unsigned int i;

	for (i = 0; i < count; i++)
		if (slots[i].sprn == sprn)
			return (char *)base + slots[i].offset;
	WARN_ONCE(1, "kvm-e500v2: SPR %u has no slot\n", sprn);
	return NULL;
}

/* registers kept as 64-bit fields of the shared (paravirt) page */
#define SHARED_REG(n, field) \
	{ n, offsetof(struct kvm_vcpu_arch_shared, field) }

static const struct reg_slot shared_regs[] = {
	SHARED_REG(SPRN_SRR0, srr0),
	SHARED_REG(SPRN_SRR1, srr1),
	SHARED_REG(SPRN_DEAR, dar),
	SHARED_REG(SPRN_SPRG0, sprg0),
	SHARED_REG(SPRN_SPRG1, sprg1),
	SHARED_REG(SPRN_SPRG2, sprg2),
	SHARED_REG(SPRN_SPRG3, sprg3),
	SHARED_REG(SPRN_SPRG4W, sprg4),
	SHARED_REG(SPRN_SPRG5W, sprg5),
	SHARED_REG(SPRN_SPRG6W, sprg6),
	SHARED_REG(SPRN_SPRG7W, sprg7),
};

static u64 *shared_slot(struct e500v2_vcpu *v, unsigned int n)
{
	return slot_in(v->vcpu.arch.shared, shared_regs,
		       ARRAY_SIZE(shared_regs), n);
}

static u32 spr_get_shared(struct e500v2_vcpu *v, unsigned int n)
{
	u64 *slot = shared_slot(v, n);

	return slot ? *slot : 0;
}

static void spr_set_shared(struct e500v2_vcpu *v, unsigned int n, u32 val)
{
	u64 *slot = shared_slot(v, n);

	if (slot)
		*slot = val;
}

static u32 spr_get_esr(struct e500v2_vcpu *v, unsigned int n)
{
	return v->vcpu.arch.shared->esr;
}

static void spr_set_esr(struct e500v2_vcpu *v, unsigned int n, u32 val)
{
	v->vcpu.arch.shared->esr = val;
}

static u32 spr_get_pid(struct e500v2_vcpu *v, unsigned int n)
{
	return ARCH(v)->pid;
}

static void spr_set_pid(struct e500v2_vcpu *v, unsigned int n, u32 val)
{
	val &= 0xff;
	if (val != ARCH(v)->pid)
		v->shadow_stale = true;
	ARCH(v)->pid = val;
}

static u32 spr_get_ivpr(struct e500v2_vcpu *v, unsigned int n)
{
	return ARCH(v)->ivpr;
}

static void spr_set_ivpr(struct e500v2_vcpu *v, unsigned int n, u32 val)
{
	ARCH(v)->ivpr = val & 0xffff0000;
}

static unsigned int ivor_index(unsigned int sprn)
{
	return sprn >= SPRN_IVOR32 ? sprn - SPRN_IVOR32 + 32 : sprn - SPRN_IVOR0;
}

static u32 spr_get_ivor(struct e500v2_vcpu *v, unsigned int n)
{
	return ARCH(v)->ivor[ivor_index(n)];
}

static void spr_set_ivor(struct e500v2_vcpu *v, unsigned int n, u32 val)
{
	ARCH(v)->ivor[ivor_index(n)] = val & 0xfff0;
}

static u32 spr_get_csrr(struct e500v2_vcpu *v, unsigned int n)
{
	return n == SPRN_CSRR0 ? ARCH(v)->csrr0 : ARCH(v)->csrr1;
}

static void spr_set_csrr(struct e500v2_vcpu *v, unsigned int n, u32 val)
{
	if (n == SPRN_CSRR0)
		ARCH(v)->csrr0 = val;
	else
		ARCH(v)->csrr1 = val;
}

static u32 spr_get_mcsrr(struct e500v2_vcpu *v, unsigned int n)
{
	return n == SPRN_MCSRR0 ? ARCH(v)->mcsrr0 : ARCH(v)->mcsrr1;
}

static void spr_set_mcsrr(struct e500v2_vcpu *v, unsigned int n, u32 val)
{
	if (n == SPRN_MCSRR0)
		ARCH(v)->mcsrr0 = val;
	else
		ARCH(v)->mcsrr1 = val;
}

static u32 spr_get_pir(struct e500v2_vcpu *v, unsigned int n)
{
	return v->vcpu.vcpu_id;
}

static u32 spr_get_pvr(struct e500v2_vcpu *v, unsigned int n)
{
	return ARCH(v)->pvr;
}

static u32 spr_get_dec(struct e500v2_vcpu *v, unsigned int n)
{
	return e500_dec_read(&v->vcpu);
}

static void spr_set_dec(struct e500v2_vcpu *v, unsigned int n, u32 val)
{
	e500_dec_write(&v->vcpu, val);
}

static u32 spr_get_decar(struct e500v2_vcpu *v, unsigned int n)
{
	return ARCH(v)->decar;
}

static void spr_set_decar(struct e500v2_vcpu *v, unsigned int n, u32 val)
{
	ARCH(v)->decar = val;
}

static u32 spr_get_tcr(struct e500v2_vcpu *v, unsigned int n)
{
	return ARCH(v)->tcr;
}

static void spr_set_tcr(struct e500v2_vcpu *v, unsigned int n, u32 val)
{
	e500_tcr_write(&v->vcpu, val);
}

static u32 spr_get_tsr(struct e500v2_vcpu *v, unsigned int n)
{
	return READ_ONCE(ARCH(v)->tsr);
}

/* TSR: writing 1 to a bit clears it */
static void spr_set_tsr(struct e500v2_vcpu *v, unsigned int n, u32 val)
{
	e500_tsr_clear(&v->vcpu, val);
}

/*
 * The guest reads the host's time base directly (mftb does not trap),
 * so it cannot be given a time base of its own: writes are dropped.
 */
static void spr_set_tb(struct e500v2_vcpu *v, unsigned int n, u32 val)
{
	pr_warn_once("kvm-e500v2: guest write to the time base ignored\n");
}

/* e500 implementation registers: plain storage with a write mask */
#define IMPL(v)		(&(v)->impl)

#define IMPL_REG(n, field)	{ n, offsetof(struct e500v2_vcpu, impl.field) }

static const struct reg_slot impl_regs[] = {
	IMPL_REG(SPRN_HID0, hid0),
	IMPL_REG(SPRN_HID1, hid1),
	IMPL_REG(SPRN_L1CSR0, l1csr0),
	IMPL_REG(SPRN_L1CSR1, l1csr1),
	IMPL_REG(SPRN_L1CFG0, l1cfg0),
	IMPL_REG(SPRN_L1CFG1, l1cfg1),
	IMPL_REG(SPRN_BUCSR, bucsr),
	IMPL_REG(SPRN_SVR, svr),
	IMPL_REG(SPRN_MCSR, mcsr),
	IMPL_REG(SPRN_MCAR, mcar),
	IMPL_REG(SPRN_PID1, pid1),
	IMPL_REG(SPRN_PID2, pid2),
	IMPL_REG(E500_SPRN_DBCR0, dbcr0),
	IMPL_REG(E500_SPRN_DBCR1, dbcr1),
	IMPL_REG(E500_SPRN_DBCR2, dbcr2),
	IMPL_REG(E500_SPRN_DBSR, dbsr),
	IMPL_REG(E500_SPRN_IAC1, iac1),
	IMPL_REG(E500_SPRN_IAC2, iac2),
	IMPL_REG(E500_SPRN_DAC1, dac1),
	IMPL_REG(E500_SPRN_DAC2, dac2),
};

static u32 *impl_slot(struct e500v2_vcpu *v, unsigned int n)
{
	static u32 sink;	/* absorbs a table mismatch (warned about) */
	u32 *slot = slot_in(v, impl_regs, ARRAY_SIZE(impl_regs), n);

	return slot ?: &sink;
}

static u32 spr_get_impl(struct e500v2_vcpu *v, unsigned int n)
{
	return *impl_slot(v, n);
}

/* flash-invalidate and flash-clear bits read back as 0 */
static void spr_set_l1csr(struct e500v2_vcpu *v, unsigned int n, u32 val)
{
	*impl_slot(v, n) = val & ~(L1CSR0_CFI | L1CSR0_CLFC);
}

static void spr_set_bucsr(struct e500v2_vcpu *v, unsigned int n, u32 val)
{
	IMPL(v)->bucsr = val & ~BUCSR_BBFI;
}

static void spr_set_impl(struct e500v2_vcpu *v, unsigned int n, u32 val)
{
	*impl_slot(v, n) = val;
}

static void spr_set_pidn(struct e500v2_vcpu *v, unsigned int n, u32 val)
{
	*impl_slot(v, n) = val & 0xff;
}

/* status registers: writing 1 to a bit clears it */
static void spr_set_w1c(struct e500v2_vcpu *v, unsigned int n, u32 val)
{
	*impl_slot(v, n) &= ~val;
}

/* MMU: the MAS registers and the read-only configuration */
#define GTLB(v)		(&(v)->gtlb)

static u32 spr_get_mas(struct e500v2_vcpu *v, unsigned int n)
{
	struct e500_gtlb *t = GTLB(v);

	switch (n) {
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

static void spr_set_mas(struct e500v2_vcpu *v, unsigned int n, u32 val)
{
	struct e500_gtlb *t = GTLB(v);

	switch (n) {
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
		t->mas7_3 = (t->mas7_3 & 0xffffffffull) | ((u64)(val & 0xf) << 32);
		break;
	}
}

static u32 spr_get_mmucfg(struct e500v2_vcpu *v, unsigned int n)
{
	struct e500_gtlb *t = GTLB(v);

	return n == SPRN_MMUCFG ? t->mmucfg :
	       n == SPRN_TLB0CFG ? t->tlb0cfg : t->tlb1cfg;
}

/* MMUCSR0: flash invalidation; the bits clear themselves */
static u32 spr_get_mmucsr0(struct e500v2_vcpu *v, unsigned int n)
{
	return 0;
}

static void spr_set_mmucsr0(struct e500v2_vcpu *v, unsigned int n, u32 val)
{
	if (e500_gtlb_flash(GTLB(v), val & MMUCSR0_TLB0FI,
			    val & MMUCSR0_TLB1FI))
		v->shadow_stale = true;
}

#define RW(n, g, s)	{ n, spr_get_##g, spr_set_##s }
#define RO(n, g)	{ n, spr_get_##g, NULL }
#define WO(n, s)	{ n, NULL, spr_set_##s }

static const struct spr_rule spr_rules[] = {
	RW(SPRN_SRR0, shared, shared),
	RW(SPRN_SRR1, shared, shared),
	RW(SPRN_CSRR0, csrr, csrr),
	RW(SPRN_CSRR1, csrr, csrr),
	RW(SPRN_MCSRR0, mcsrr, mcsrr),
	RW(SPRN_MCSRR1, mcsrr, mcsrr),
	RW(SPRN_DEAR, shared, shared),
	RW(SPRN_ESR, esr, esr),
	RW(SPRN_PID, pid, pid),
	RW(SPRN_IVPR, ivpr, ivpr),
	RW(SPRN_SPRG0, shared, shared),
	RW(SPRN_SPRG1, shared, shared),
	RW(SPRN_SPRG2, shared, shared),
	RW(SPRN_SPRG3, shared, shared),
	RW(SPRN_SPRG4W, shared, shared),
	RW(SPRN_SPRG5W, shared, shared),
	RW(SPRN_SPRG6W, shared, shared),
	RW(SPRN_SPRG7W, shared, shared),
	RO(SPRN_PIR, pir),
	RW(SPRN_DEC, dec, dec),
	RW(SPRN_DECAR, decar, decar),
	RW(SPRN_TCR, tcr, tcr),
	RW(SPRN_TSR, tsr, tsr),
	WO(SPRN_TBWL, tb),
	WO(SPRN_TBWU, tb),
	RO(SPRN_PVR, pvr),
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
	RW(SPRN_HID0, impl, impl),
	RW(SPRN_HID1, impl, impl),
	RW(SPRN_L1CSR0, impl, l1csr),
	RW(SPRN_L1CSR1, impl, l1csr),
	RO(SPRN_L1CFG0, impl),
	RO(SPRN_L1CFG1, impl),
	RW(SPRN_BUCSR, impl, bucsr),
	RO(SPRN_SVR, impl),
	RW(SPRN_MCSR, impl, w1c),
	RW(SPRN_MCAR, impl, impl),
	RW(SPRN_PID1, impl, pidn),
	RW(SPRN_PID2, impl, pidn),
	RW(E500_SPRN_DBCR0, impl, impl),
	RW(E500_SPRN_DBCR1, impl, impl),
	RW(E500_SPRN_DBCR2, impl, impl),
	RW(E500_SPRN_DBSR, impl, w1c),
	RW(E500_SPRN_IAC1, impl, impl),
	RW(E500_SPRN_IAC2, impl, impl),
	RW(E500_SPRN_DAC1, impl, impl),
	RW(E500_SPRN_DAC2, impl, impl),
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
	RW(SPRN_IVOR32, ivor, ivor),
	RW(SPRN_IVOR33, ivor, ivor),
	RW(SPRN_IVOR34, ivor, ivor),
	RW(SPRN_IVOR35, ivor, ivor),
};

static const struct spr_rule *spr_rule(unsigned int sprn)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(spr_rules); i++)
		if (spr_rules[i].sprn == sprn)
			return &spr_rules[i];
	return NULL;
}

/* ---- privileged instructions ---- */

#define XO_MFMSR	83
#define XO_MTMSR	146
#define XO_WRTEE	131
#define XO_WRTEEI	163
#define XO19_RFI	50
#define XO19_RFCI	51
#define XO19_RFMCI	38
#define XO_TLBSX	914
#define XO_TLBIVAX	786
#define XO_TLBRE	946
#define XO_TLBWE	978
#define XO_TLBSYNC	566
#define XO_DCBI		470

/* EA of an X-form operand pair: (RA|0) + RB */
static u32 x_form_ea(struct e500v2_vcpu *v, u32 insn)
{
	unsigned int ra = e500_insn_ra(insn);

	return (ra ? GPR(v, ra) : 0) + GPR(v, e500_insn_rb(insn));
}

/* returns false for an encoding we do not emulate (illegal) */
static bool emulate_priv(struct e500v2_vcpu *v, u32 insn)
{
	unsigned int rt = e500_insn_rt(insn);
	const struct spr_rule *rule;

	if (e500_insn_opcd(insn) == 19) {
		switch (e500_insn_xo(insn)) {
		case XO19_RFI:
			PC(v) = v->vcpu.arch.shared->srr0;
			e500v2_set_msr(v, v->vcpu.arch.shared->srr1);
			return true;
		case XO19_RFCI:
			PC(v) = ARCH(v)->csrr0;
			e500v2_set_msr(v, ARCH(v)->csrr1);
			return true;
		case XO19_RFMCI:
			PC(v) = ARCH(v)->mcsrr0;
			e500v2_set_msr(v, ARCH(v)->mcsrr1);
			return true;
		}
		return false;
	}
	if (e500_insn_opcd(insn) != 31)
		return false;

	switch (e500_insn_xo(insn)) {
	case XO_TLBWE:
		if (e500_gtlb_tlbwe(GTLB(v)))
			v->shadow_stale = true;
		break;
	case XO_TLBRE:
		e500_gtlb_tlbre(GTLB(v));
		break;
	case XO_TLBSX:
		e500_gtlb_tlbsx(GTLB(v), x_form_ea(v, insn));
		break;
	case XO_TLBIVAX:
		/* this vCPU only: the broadcast comes with guest SMP */
		if (e500_gtlb_tlbivax(GTLB(v), x_form_ea(v, insn)))
			v->shadow_stale = true;
		break;
	case XO_TLBSYNC:
	case XO_DCBI:
		/* ordering and cache invalidation need nothing here */
		break;
	case XO_MFMSR:
		GPR(v, rt) = e500v2_msr(v);
		break;
	case XO_MTMSR:
		e500v2_set_msr(v, GPR(v, rt));
		break;
	case XO_WRTEE:
		e500v2_set_msr(v, (e500v2_msr(v) & ~MSR_EE) | (GPR(v, rt) & MSR_EE));
		break;
	case XO_WRTEEI:
		e500v2_set_msr(v, (e500v2_msr(v) & ~MSR_EE) | (insn & MSR_EE));
		break;
	case E500_XO_MFSPR:
		rule = spr_rule(e500_insn_sprn(insn));
		if (!rule || !rule->get)
			return false;
		GPR(v, rt) = rule->get(v, rule->sprn);
		break;
	case E500_XO_MTSPR:
		rule = spr_rule(e500_insn_sprn(insn));
		if (!rule)
			return false;
		/* read-only registers ignore writes, as on the core */
		if (rule->set)
			rule->set(v, rule->sprn, GPR(v, rt));
		break;
	default:
		return false;
	}
	PC(v) += 4;
	return true;
}

/* A program interrupt from the guest: emulate or reflect it. */
enum e500v2_resume e500v2_emulate(struct e500v2_vcpu *v)
{
	u32 esr = v->frame.esr;
	u32 insn;

	if (!(esr & ESR_PPR)) {
		/* illegal or trap: the guest's own program interrupt */
		e500v2_program(v, esr & (ESR_PIL | ESR_PTR));
		return E500V2_RESUME_GUEST;
	}
	if (fetch_insn(v, &insn)) {
		/* the page went away under us: retry the instruction */
		return E500V2_RESUME_GUEST;
	}
	if (e500v2_msr(v) & MSR_PR) {
		e500v2_program(v, ESR_PPR);
		return E500V2_RESUME_GUEST;
	}
	if (!emulate_priv(v, insn))
		e500v2_program(v, ESR_PIL);
	return E500V2_RESUME_GUEST;
}

/* ---- MMIO ---- */

struct mem_op {
	unsigned int len;
	bool store, update, sign_extend, reversed, indexed;
};

static bool decode_mem(u32 insn, struct mem_op *op)
{
	static const struct { u8 opcd; u8 len; bool store, update, sign; } dform[] = {
		{ 32, 4, false, false, false },	/* lwz */
		{ 33, 4, false, true, false },	/* lwzu */
		{ 34, 1, false, false, false },	/* lbz */
		{ 35, 1, false, true, false },	/* lbzu */
		{ 36, 4, true, false, false },	/* stw */
		{ 37, 4, true, true, false },	/* stwu */
		{ 38, 1, true, false, false },	/* stb */
		{ 39, 1, true, true, false },	/* stbu */
		{ 40, 2, false, false, false },	/* lhz */
		{ 41, 2, false, true, false },	/* lhzu */
		{ 42, 2, false, false, true },	/* lha */
		{ 43, 2, false, true, true },	/* lhau */
		{ 44, 2, true, false, false },	/* sth */
		{ 45, 2, true, true, false },	/* sthu */
	};
	static const struct { u16 xo; u8 len; bool store, update, sign, rev; } xform[] = {
		{ 23, 4, false, false, false, false },	/* lwzx */
		{ 55, 4, false, true, false, false },	/* lwzux */
		{ 87, 1, false, false, false, false },	/* lbzx */
		{ 119, 1, false, true, false, false },	/* lbzux */
		{ 151, 4, true, false, false, false },	/* stwx */
		{ 183, 4, true, true, false, false },	/* stwux */
		{ 215, 1, true, false, false, false },	/* stbx */
		{ 247, 1, true, true, false, false },	/* stbux */
		{ 279, 2, false, false, false, false },	/* lhzx */
		{ 311, 2, false, true, false, false },	/* lhzux */
		{ 343, 2, false, false, true, false },	/* lhax */
		{ 375, 2, false, true, true, false },	/* lhaux */
		{ 407, 2, true, false, false, false },	/* sthx */
		{ 439, 2, true, true, false, false },	/* sthux */
		{ 534, 4, false, false, false, true },	/* lwbrx */
		{ 662, 4, true, false, false, true },	/* stwbrx */
		{ 790, 2, false, false, false, true },	/* lhbrx */
		{ 918, 2, true, false, false, true },	/* sthbrx */
	};
	unsigned int i;

	memset(op, 0, sizeof(*op));
	for (i = 0; i < ARRAY_SIZE(dform); i++) {
		if (dform[i].opcd != e500_insn_opcd(insn))
			continue;
		op->len = dform[i].len;
		op->store = dform[i].store;
		op->update = dform[i].update;
		op->sign_extend = dform[i].sign;
		return true;
	}
	if (e500_insn_opcd(insn) != 31)
		return false;
	for (i = 0; i < ARRAY_SIZE(xform); i++) {
		if (xform[i].xo != e500_insn_xo(insn))
			continue;
		op->len = xform[i].len;
		op->store = xform[i].store;
		op->update = xform[i].update;
		op->sign_extend = xform[i].sign;
		op->reversed = xform[i].rev;
		op->indexed = true;
		return true;
	}
	return false;
}

static u32 be_value(const u8 *p, unsigned int len)
{
	u32 val = 0;
	unsigned int i;

	for (i = 0; i < len; i++)
		val = (val << 8) | p[i];
	return val;
}

static void be_bytes(u8 *p, u32 val, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		p[len - 1 - i] = val >> (8 * i);
}

static u32 swab_len(u32 val, unsigned int len)
{
	return len == 4 ? swab32(val) : len == 2 ? swab16(val) : val;
}

/*
 * A load or store at guest-physical @gpa outside every memory slot:
 * decode the instruction and hand the access to userspace.
 */
enum e500v2_resume e500v2_emulate_mmio(struct e500v2_vcpu *v, u64 gpa)
{
	struct kvm_run *run = v->vcpu.run;
	unsigned int ra, rs;
	struct mem_op op;
	u32 insn;

	if (fetch_insn(v, &insn))
		return E500V2_RESUME_GUEST;
	if (!decode_mem(insn, &op)) {
		/*
		 * not a form we emulate against MMIO: hardware would fail
		 * the access with a data storage interrupt
		 */
		v->vcpu.arch.shared->dar = v->frame.dear;
		v->vcpu.arch.shared->esr = v->frame.esr;
		e500v2_deliver(v, E500V2_EXIT_DSI, PC(v));
		return E500V2_RESUME_GUEST;
	}
	ra = e500_insn_ra(insn);
	rs = e500_insn_rt(insn);
	if (op.update && ra)
		GPR(v, ra) = v->frame.dear;

	run->exit_reason = KVM_EXIT_MMIO;
	run->mmio.phys_addr = gpa;
	run->mmio.len = op.len;
	run->mmio.is_write = op.store;
	memset(run->mmio.data, 0, sizeof(run->mmio.data));
	if (op.store) {
		u32 val = GPR(v, rs);

		be_bytes(run->mmio.data, op.reversed ? swab_len(val, op.len) : val,
			 op.len);
		PC(v) += 4;
	} else {
		v->mmio.pending = true;
		v->mmio.rt = rs;
		v->mmio.len = op.len;
		v->mmio.sign_extend = op.sign_extend;
		v->mmio.reversed = op.reversed;
	}
	return E500V2_RESUME_USER;
}

/* KVM_RUN after a load exit: the data userspace put in kvm_run */
void e500v2_complete_mmio(struct e500v2_vcpu *v)
{
	struct e500v2_mmio *m = &v->mmio;
	u32 val;

	if (!m->pending)
		return;
	val = be_value(v->vcpu.run->mmio.data, m->len);
	if (m->reversed)
		val = swab_len(val, m->len);
	if (m->sign_extend && m->len == 2)
		val = (s16)val;
	GPR(v, m->rt) = val;
	m->pending = false;
	PC(v) += 4;
}
