// SPDX-License-Identifier: GPL-2.0-only
/*
 * The paravirt shared page survives a move to a new VM.  A guest maps
 * the page at -4096 and spins in a loop that keeps its state in the
 * page (SPRG0 and scratch1 counted through it, MSR[EE] set and critical
 * = r1 through it); userspace stops it, saves REGS, SREGS, every id of
 * KVM_GET_REG_LIST and guest RAM, destroys the VM, restores all of it
 * into a new VM and vCPU, and the guest goes on reading the saved
 * values at its magic address without a hypercall.  Then the project
 * ids (kvm_e500_regs.h) refuse bad mappings, and 0 unmaps.
 */
#include "pv_asm.h"
#include "tap.h"
#include "../../include/kvm_e500_regs.h"

#define STACK		0x8000u		/* r1, hence critical */
#define SCRATCH2	0x22220002u
#define SCRATCH3	0x33330003u
#define NREPORT		6		/* stores per loop turn, offsets 0..20 */
#define HANDLER_OFF	0x100		/* an interrupt the guest should not take */
#define MAPPED		KVM_REG_PPC_E500_MAGIC_MAPPED

struct saved {
	struct kvm_regs regs;
	struct kvm_sregs sregs;
	struct kvm_reg_list *list;
	__u64 vals[64];
	u8 *ram;
};

static int one_reg(int vcpu, int set, __u64 id, __u64 *val)
{
	__u32 v32 = *val;
	struct kvm_one_reg r = { .id = id, .addr = (uintptr_t)val };
	int ret;

	if ((id & KVM_REG_SIZE_MASK) != KVM_REG_SIZE_U32)
		return ioctl(vcpu, set ? KVM_SET_ONE_REG : KVM_GET_ONE_REG, &r);
	r.addr = (uintptr_t)&v32;
	ret = ioctl(vcpu, set ? KVM_SET_ONE_REG : KVM_GET_ONE_REG, &r);
	*val = v32;
	return ret;
}

static __u64 reg(int vcpu, __u64 id)
{
	__u64 v = ~0ull;

	one_reg(vcpu, 0, id, &v);
	return v;
}

static int set(int vcpu, __u64 id, __u64 v)
{
	return one_reg(vcpu, 1, id, &v);
}

/* interrupts the guest should never take report DEAR at HANDLER_OFF */
static void guard(struct prog *p, struct guest *g)
{
	static const unsigned int ivors[] = { 1, 2, 6, 13, 14 };
	struct prog h = { .n = 0 };
	unsigned int i;

	emit(&h, I_MFSPR(5, SPR_DEAR));
	emit_report(&h, 5, HANDLER_OFF);
	emit(&h, I_SELF_LOOP);
	prog_put(g, 0x2000, &h);
	emit(p, I_LI(5, 0));
	emit(p, I_MTSPR(SPR_IVPR, 5));
	emit(p, I_LI(5, 0x2000));
	for (i = 0; i < ARRAY_LEN(ivors); i++)
		emit(p, I_MTSPR(spr_ivor(ivors[i]), 5));
}

/*
 * Map the page, report the status at 0, put state in the page, then
 * loop: SPRG0 and scratch1 + 1 through the page, and report SPRG0,
 * scratch1, MSR, critical, scratch2, scratch3 as loaded from the page.
 */
static void guest_prog(struct guest *g)
{
	static const int disp[NREPORT] = {
		PV64(sprg0), PV64(scratch1), PV64(msr), PV64(critical),
		PV64(scratch2), PV64(scratch3),
	};
	const u32 a[2] = { MAGIC_EA, MAGIC_EA | MAGIC_PAGE_FLAG_NOT_MAPPED_NX };
	struct prog p = { .n = 0 };
	unsigned int i;
	u32 loop;

	guard(&p, g);
	emit_hcall(&p, MAGIC_TOKEN, a, 2);
	emit_report(&p, 3, 0);
	emit_li32(&p, 1, STACK);
	emit(&p, I_STW(1, PV64(critical), 0));
	emit_li32(&p, 5, SCRATCH2);
	emit(&p, I_STW(5, PV64(scratch2), 0));
	emit_li32(&p, 5, SCRATCH3);
	emit(&p, I_STW(5, PV64(scratch3), 0));
	emit(&p, I_LWZ(5, PV64(msr), 0));
	emit(&p, I_ORI(5, 5, MSR_EE));
	emit(&p, I_STW(5, PV64(msr), 0));
	loop = prog_here(&p, GUEST_CODE);
	emit(&p, I_LWZ(6, PV64(sprg0), 0));
	emit(&p, I_ADDI(6, 6, 1));
	emit(&p, I_STW(6, PV64(sprg0), 0));
	emit(&p, I_LWZ(6, PV64(scratch1), 0));
	emit(&p, I_ADDI(6, 6, 3));
	emit(&p, I_STW(6, PV64(scratch1), 0));
	for (i = 0; i < NREPORT; i++) {
		emit(&p, I_LWZ(6, disp[i], 0));
		emit_report(&p, 6, 4 * i);
	}
	emit(&p, I_B(loop - prog_here(&p, GUEST_CODE)));
	prog_load(g, &p, GUEST_CODE, 0);
}

/* one loop turn's reports, in order */
static int turn(struct guest *g, u32 *out)
{
	return collect(g, out, NREPORT);
}

static int turn_ok(const u32 *out, u32 n)
{
	return out[0] == n && out[1] == 3 * n && (out[2] & MSR_EE) &&
	       out[3] == STACK && out[4] == SCRATCH2 && out[5] == SCRATCH3;
}

/* finish the pending MMIO exit without running the guest: a clean stop */
static int settle(struct guest *g)
{
	int r;

	g->run->immediate_exit = 1;
	r = ioctl(g->vcpu, KVM_RUN, 0);
	g->run->immediate_exit = 0;
	return r == -1 && errno == EINTR ? 0 : -1;
}

static int save(struct guest *g, struct saved *s)
{
	unsigned int i;

	s->list = calloc(1, sizeof(*s->list) + 64 * sizeof(__u64));
	s->ram = malloc(GUEST_RAM_SIZE);
	if (!s->list || !s->ram)
		return -1;
	s->list->n = 64;
	if (ioctl(g->vcpu, KVM_GET_REG_LIST, s->list) ||
	    ioctl(g->vcpu, KVM_GET_REGS, &s->regs) ||
	    ioctl(g->vcpu, KVM_GET_SREGS, &s->sregs))
		return -1;
	for (i = 0; i < s->list->n; i++)
		if (one_reg(g->vcpu, 0, s->list->reg[i], &s->vals[i]))
			return -1;
	memcpy(s->ram, g->ram, GUEST_RAM_SIZE);
	return 0;
}

/* memory slots first (guest_create), then SREGS, REGS, ONE_REG in list order */
static int restore(struct guest *g, const struct saved *s)
{
	unsigned int i;

	memcpy(g->ram, s->ram, GUEST_RAM_SIZE);
	if (ioctl(g->vcpu, KVM_SET_SREGS, &s->sregs) ||
	    ioctl(g->vcpu, KVM_SET_REGS, &s->regs))
		return -1;
	for (i = 0; i < s->list->n; i++) {
		__u64 v = s->vals[i];

		if (one_reg(g->vcpu, 1, s->list->reg[i], &v)) {
			tap_check(0, "set ONE_REG 0x%llx to 0x%llx in the new vCPU",
				  (unsigned long long)s->list->reg[i],
				  (unsigned long long)v);
			return -1;
		}
	}
	return 0;
}

static int listed(const struct saved *s, __u64 id)
{
	unsigned int i;

	for (i = 0; i < s->list->n; i++)
		if (s->list->reg[i] == id)
			return 1;
	return 0;
}

/* -EINVAL and the mapping unchanged */
static void refused(struct guest *g, __u64 id, __u64 v, const char *what)
{
	__u64 before = reg(g->vcpu, KVM_REG_PPC_E500_MAGIC_PAGE);
	__u64 pa = reg(g->vcpu, KVM_REG_PPC_E500_MAGIC_PA);
	int r = set(g->vcpu, id, v);
	int e = errno;

	tap_check(r == -1 && e == EINVAL &&
		  reg(g->vcpu, KVM_REG_PPC_E500_MAGIC_PAGE) == before &&
		  reg(g->vcpu, KVM_REG_PPC_E500_MAGIC_PA) == pa,
		  "%s (0x%llx): EINVAL, mapping unchanged (%d, %s)", what,
		  (unsigned long long)v, r, strerror(e));
}

static void bad_values(struct guest *g)
{
	refused(g, KVM_REG_PPC_E500_MAGIC_PAGE, MAPPED | 0xfffff800u,
		"MAGIC_PAGE unaligned effective address");
	refused(g, KVM_REG_PPC_E500_MAGIC_PAGE, MAPPED | MAGIC_EA | 2,
		"MAGIC_PAGE unknown flag");
	refused(g, KVM_REG_PPC_E500_MAGIC_PAGE, MAGIC_EA,
		"MAGIC_PAGE without the mapped bit");
	refused(g, KVM_REG_PPC_E500_MAGIC_PAGE, (MAPPED << 1) | MAGIC_EA,
		"MAGIC_PAGE upper bits");
	refused(g, KVM_REG_PPC_E500_MAGIC_PA, 0x2000,
		"MAGIC_PA inside guest RAM while mapped");
	refused(g, KVM_REG_PPC_E500_MAGIC_PA, MAGIC_EA + 0x10,
		"MAGIC_PA unaligned");
	refused(g, KVM_REG_PPC_E500_MAGIC_PA, 0x100000000ull,
		"MAGIC_PA above 32 bits");
}

/* a fresh VM: a PA inside RAM makes the mapping itself invalid */
static void bad_pa_unmapped(void)
{
	struct guest g;
	int r, e;

	if (!tap_check(guest_create(&g) == 0, "unmapped: create guest"))
		return;
	tap_check(reg(g.vcpu, KVM_REG_PPC_E500_MAGIC_PAGE) == 0,
		  "a new vCPU reads MAGIC_PAGE 0 (unmapped)");
	r = set(g.vcpu, KVM_REG_PPC_E500_MAGIC_PA, 0x3000);
	tap_check(r == 0, "MAGIC_PA inside RAM is accepted while unmapped (%d)", r);
	r = set(g.vcpu, KVM_REG_PPC_E500_MAGIC_PAGE, MAPPED | MAGIC_EA);
	e = errno;
	tap_check(r == -1 && e == EINVAL &&
		  reg(g.vcpu, KVM_REG_PPC_E500_MAGIC_PAGE) == 0,
		  "MAGIC_PAGE with MAGIC_PA inside RAM: EINVAL, still unmapped (%d, %s)",
		  r, strerror(e));
	guest_destroy(&g);
}

/* 0 unmaps: the next load at the magic address is a TLB miss */
static void unmap(struct guest *g, u32 n)
{
	u32 off = 0, val = 0;
	int r = set(g->vcpu, KVM_REG_PPC_E500_MAGIC_PAGE, 0);

	tap_check(r == 0 && reg(g->vcpu, KVM_REG_PPC_E500_MAGIC_PAGE) == 0,
		  "MAGIC_PAGE 0 unmaps (%d)", r);
	tap_check(next_store(g, &off, &val) && off == HANDLER_OFF &&
		  val == MAGIC_EA + SH_OFF(sprg0) + 4,
		  "after unmapping, the guest's load at the page faults (report at 0x%x, DEAR 0x%x, turn %u)",
		  off, val, n);
}

int main(void)
{
	struct guest g, h;
	struct saved s;
	u32 out[NREPORT], n;
	__u64 page;
	int ok;

	tap_start();
	bad_pa_unmapped();
	if (!tap_check(guest_create(&g) == 0 && pv_info(g.vm) == 0,
		       "create guest"))
		return tap_done();
	guest_prog(&g);
	ok = collect(&g, out, 1) && out[0] == 0;
	tap_check(ok, "the guest maps the page at -4096 (status %u)", out[0]);
	for (n = 1; ok && n <= 3; n++)
		ok = turn(&g, out) && turn_ok(out, n);
	n--;
	tap_check(ok,
		  "three loop turns keep their state in the page (SPRG0 %u, scratch1 %u, MSR 0x%x, critical 0x%x)",
		  out[0], out[1], out[2], out[3]);
	page = reg(g.vcpu, KVM_REG_PPC_E500_MAGIC_PAGE);
	tap_check(page == (MAPPED | MAGIC_EA | MAGIC_PAGE_FLAG_NOT_MAPPED_NX) &&
		  reg(g.vcpu, KVM_REG_PPC_E500_MAGIC_PA) == MAGIC_EA &&
		  reg(g.vcpu, KVM_REG_PPC_E500_PV_CRITICAL) == STACK &&
		  reg(g.vcpu, KVM_REG_PPC_E500_PV_SCRATCH1) == 3 * n &&
		  reg(g.vcpu, KVM_REG_PPC_E500_PV_SCRATCH2) == SCRATCH2 &&
		  reg(g.vcpu, KVM_REG_PPC_E500_PV_SCRATCH3) == SCRATCH3,
		  "ONE_REG reads the mapping (0x%llx) and the page's critical and scratch words",
		  (unsigned long long)page);
	ok = settle(&g) == 0 && save(&g, &s) == 0;
	tap_check(ok, "stopped and saved: REGS, SREGS, %u ONE_REG ids, RAM",
		  ok ? (unsigned int)s.list->n : 0);
	tap_check(ok && listed(&s, KVM_REG_PPC_E500_MAGIC_PA) &&
		  listed(&s, KVM_REG_PPC_E500_MAGIC_PAGE) &&
		  listed(&s, KVM_REG_PPC_E500_PV_SCRATCH1) &&
		  listed(&s, KVM_REG_PPC_E500_PV_SCRATCH2) &&
		  listed(&s, KVM_REG_PPC_E500_PV_SCRATCH3) &&
		  listed(&s, KVM_REG_PPC_E500_PV_CRITICAL),
		  "KVM_GET_REG_LIST lists the six paravirt page ids");
	tap_check(stat_get(g.vcpu, "hcalls") == 1, "the old vCPU made one hypercall");
	guest_destroy(&g);
	if (!ok)
		return tap_done();

	if (!tap_check(guest_create(&h) == 0, "new VM and vCPU"))
		return tap_done();
	ok = restore(&h, &s) == 0;
	tap_check(ok,
		  "restored REGS, SREGS, every listed ONE_REG id (MAGIC_PA before MAGIC_PAGE), RAM");
	tap_check(reg(h.vcpu, KVM_REG_PPC_E500_MAGIC_PAGE) == page,
		  "the new vCPU's MAGIC_PAGE is the saved one");
	for (n++; ok && n <= 5; n++)
		ok = turn(&h, out) && turn_ok(out, n);
	n--;
	tap_check(ok,
		  "the guest continues in the new VM: its loads at -4096 read the saved values (SPRG0 %u, scratch1 %u, MSR 0x%x, critical 0x%x, scratch2 0x%x, scratch3 0x%x; turn %u)",
		  out[0], out[1], out[2], out[3], out[4], out[5], n);
	tap_check(stat_get(h.vcpu, "hcalls") == 0,
		  "no hypercall in the new VM (the guest did not map again)");
	bad_values(&h);
	ok = turn(&h, out) && turn_ok(out, ++n);
	tap_check(ok, "after the refused values the guest still reads the page (SPRG0 %u)",
		  out[0]);
	unmap(&h, n + 1);
	guest_destroy(&h);
	free(s.list);
	free(s.ram);
	return tap_done();
}
