// SPDX-License-Identifier: GPL-2.0-only
/*
 * The paravirt shared page on the e500v2 backend, as a Linux guest
 * with CONFIG_KVM_GUEST uses it: mapped at -4096 with
 * KVM_HC_PPC_MAP_MAGIC_PAGE; every field a patched guest reads or
 * writes, both ways (a store to the page read back with the trapping
 * mfspr/mfmsr, and mtspr/mtmsr read back from the page); int_pending
 * and interrupt delivery once MSR[EE] is set through the page; the
 * critical-section word; hostile mapping requests; KVM_GET/SET_REGS,
 * SREGS and ONE_REG while the page is mapped, and guest stores the
 * registers cannot hold.
 */
#include <pthread.h>

#include "pv_asm.h"
#include "tap.h"

#define EV_EINVAL_	8
#define MSR_CM		0x80000000u

static int setup(struct guest *g, unsigned int vcpu_id)
{
	int size;

	if (guest_create(g) || pv_info(g->vm))
		return -1;
	if (!vcpu_id)
		return 0;
	/* another vCPU id, so that PIR is not 0 */
	size = ioctl(g->kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	munmap(g->run, size);
	close(g->vcpu);
	g->vcpu = ioctl(g->vm, KVM_CREATE_VCPU, vcpu_id);
	if (g->vcpu < 0)
		return -1;
	g->run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED,
		      g->vcpu, 0);
	return g->run == MAP_FAILED ? -1 : 0;
}

/* map the page at @ea (| flags) named @pa; r3 -> r20, r4 -> r21 */
static void emit_map(struct prog *p, u32 pa, u32 ea_flags)
{
	const u32 a[2] = { pa, ea_flags };

	emit_hcall(p, MAGIC_TOKEN, a, 2);
	emit(p, I_ORI(20, 3, 0));
	emit(p, I_ORI(21, 4, 0));
}

/* vector @ivor at 0x2000: report SRR0 and SRR1 at @off, @off + 4 */
static void handler(struct guest *g, unsigned int off)
{
	struct prog h = { .n = 0 };

	emit(&h, I_MFSPR(5, SPR_SRR0));
	emit_report(&h, 5, off);
	emit(&h, I_MFSPR(5, SPR_SRR1));
	emit_report(&h, 5, off + 4);
	emit(&h, I_SELF_LOOP);
	prog_put(g, 0x2000, &h);
}

static void map_and_pir(void)
{
	struct prog p = { .n = 0 };
	struct guest g;
	u32 out[4];

	if (!tap_check(setup(&g, 3) == 0, "map: create guest, vCPU id 3"))
		return;
	emit_map(&p, MAGIC_EA, MAGIC_EA | 1);
	emit_report(&p, 20, 0);
	emit_report(&p, 21, 4);
	emit(&p, I_LWZ(6, PV32(pir), 0));
	emit_report(&p, 6, 8);
	emit(&p, I_MFSPR(6, SPR_PIR));
	emit_report(&p, 6, 12);
	emit(&p, I_SELF_LOOP);
	prog_load(&g, &p, GUEST_CODE, 0);
	tap_check(collect(&g, out, 4) && out[0] == 0 &&
		  out[1] == KVM_MAGIC_FEAT_MAS0_TO_SPRG7,
		  "KVM_HC_PPC_MAP_MAGIC_PAGE at -4096 (NX flag): EV_SUCCESS, r4 = KVM_MAGIC_FEAT_MAS0_TO_SPRG7 (%u, 0x%x)",
		  out[0], out[1]);
	tap_check(out[2] == 3 && out[3] == 3,
		  "the page's pir reads the vCPU id, as mfspr PIR does (%u, %u)",
		  out[2], out[3]);
	guest_destroy(&g);
}

struct field {
	const char *name;
	unsigned int spr;
	int disp;
	u32 v1, v2;
};

static const struct field fields[] = {
	{ "SPRG0", 272, PV64(sprg0), 0xa0a0a0a0, 0x0a0a0a0a },
	{ "SPRG1", 273, PV64(sprg1), 0xa1a1a1a1, 0x1a1a1a1a },
	{ "SPRG2", 274, PV64(sprg2), 0xa2a2a2a2, 0x2a2a2a2a },
	{ "SPRG3", 275, PV64(sprg3), 0xa3a3a3a3, 0x3a3a3a3a },
	{ "SPRG4", 276, PV64(sprg4), 0xa4a4a4a4, 0x4a4a4a4a },
	{ "SPRG5", 277, PV64(sprg5), 0xa5a5a5a5, 0x5a5a5a5a },
	{ "SPRG6", 278, PV64(sprg6), 0xa6a6a6a6, 0x6a6a6a6a },
	{ "SPRG7", 279, PV64(sprg7), 0xa7a7a7a7, 0x7a7a7a7a },
	{ "SRR0", SPR_SRR0, PV64(srr0), 0x12345678, 0x87654320 },
	{ "SRR1", SPR_SRR1, PV64(srr1), 0x00029000, 0x00021000 },
	{ "DEAR", SPR_DEAR, PV64(dar), 0xdea0dea0, 0x0dea0dea },
	{ "ESR", SPR_ESR, PV32(esr), 0x00800000, 0x08000000 },
	{ "MAS0", SPR_MAS0, PV32(mas0), 0x10030000, 0x00020000 },
	{ "MAS1", SPR_MAS1, PV32(mas1), 0x80010100, 0xc0020200 },
	{ "MAS2", SPR_MAS2, PV64(mas2), 0x00345004, 0x00678008 },
	{ "MAS3", SPR_MAS3, PV64(mas7_3), 0x00abc015, 0x00def03f },
	{ "MAS4", SPR_MAS4, PV32(mas4), 0x00000100, 0x00030004 },
	{ "MAS6", SPR_MAS6, PV32(mas6), 0x00050001, 0x00070000 },
	{ "MAS7", SPR_MAS7, PV32(mas7_3), 0x5, 0xa },
};

static void fields_both_ways(void)
{
	struct prog p = { .n = 0 };
	struct guest g;
	unsigned int i;
	u32 out[3];

	if (!tap_check(setup(&g, 0) == 0, "fields: create guest"))
		return;
	emit_map(&p, MAGIC_EA, MAGIC_EA);
	emit_report(&p, 20, 0);
	emit(&p, I_SELF_LOOP);
	prog_load(&g, &p, GUEST_CODE, 0);
	if (!tap_check(collect(&g, out, 1) && out[0] == 0, "fields: page mapped"))
		return;

	for (i = 0; i < ARRAY_LEN(fields); i++) {
		const struct field *f = &fields[i];

		prog_reset(&p);
		emit_li32(&p, 5, f->v1);
		emit(&p, I_STW(5, f->disp, 0));
		emit(&p, I_MFSPR(6, f->spr));
		emit_report(&p, 6, 0);
		emit_li32(&p, 5, f->v2);
		emit(&p, I_MTSPR(f->spr, 5));
		emit(&p, I_LWZ(6, f->disp, 0));
		emit_report(&p, 6, 4);
		emit(&p, I_SELF_LOOP);
		prog_load(&g, &p, GUEST_CODE, 0);
		tap_check(collect(&g, out, 2) && out[0] == f->v1 && out[1] == f->v2,
			  "%s: page store -> mfspr reads 0x%x (want 0x%x); mtspr -> page reads 0x%x (want 0x%x)",
			  f->name, out[0], f->v1, out[1], f->v2);
	}

	/* MSR: EE through the page, then wrteei 0 and mtmsr */
	prog_reset(&p);
	emit(&p, I_LWZ(5, PV64(msr), 0));
	emit(&p, I_ORI(5, 5, MSR_EE));
	emit(&p, I_STW(5, PV64(msr), 0));
	emit(&p, I_MFMSR(6));
	emit_report(&p, 6, 0);
	emit(&p, I_WRTEEI(0));
	emit(&p, I_LWZ(6, PV64(msr), 0));
	emit_report(&p, 6, 4);
	emit(&p, I_LI(5, MSR_ME));
	emit(&p, I_MTMSR(5));
	emit(&p, I_LWZ(6, PV64(msr), 0));
	emit_report(&p, 6, 8);
	emit(&p, I_SELF_LOOP);
	prog_load(&g, &p, GUEST_CODE, 0);
	tap_check(collect(&g, out, 3) && out[0] == MSR_EE && out[1] == 0 &&
		  out[2] == MSR_ME,
		  "MSR: EE stored in the page is what mfmsr reads (0x%x); wrteei 0 and mtmsr show in the page (0x%x, 0x%x)",
		  out[0], out[1], out[2]);
	guest_destroy(&g);
}

/*
 * An external interrupt pending while MSR[EE] = 0: int_pending says so;
 * setting EE through the page and trapping (wrteei 1, as Linux's
 * patched code does when int_pending is set) takes it.
 */
static void ee_through_page(void)
{
	struct kvm_interrupt irq = { .irq = KVM_INTERRUPT_SET };
	struct prog p = { .n = 0 }, h;
	struct guest g;
	u32 out[3], nag;

	if (!tap_check(setup(&g, 0) == 0, "EE: create guest"))
		return;
	emit_vector(&p, 4);
	emit_map(&p, MAGIC_EA, MAGIC_EA);
	emit(&p, I_LWZ(6, PV32(int_pending), 0));
	emit(&p, I_LWZ(5, PV64(msr), 0));
	emit(&p, I_ORI(5, 5, MSR_EE));
	emit(&p, I_STW(5, PV64(msr), 0));
	nag = prog_here(&p, GUEST_CODE);
	emit(&p, I_WRTEEI(1));
	emit(&p, I_SELF_LOOP);
	prog_load(&g, &p, GUEST_CODE, 0);
	/* the handler reports r6 (int_pending), then SRR0 and SRR1 */
	prog_reset(&h);
	emit_report(&h, 6, 0);
	emit(&h, I_MFSPR(5, SPR_SRR0));
	emit_report(&h, 5, 4);
	emit(&h, I_MFSPR(5, SPR_SRR1));
	emit_report(&h, 5, 8);
	emit(&h, I_SELF_LOOP);
	prog_put(&g, 0x2000, &h);
	ioctl(g.vcpu, KVM_INTERRUPT, &irq);
	tap_check(collect(&g, out, 3) && out[0] == 1 &&
		  (out[1] == nag || out[1] == nag + 4) && (out[2] & MSR_EE),
		  "int_pending = 1 with EE off; EE set in the page + wrteei 1 takes the interrupt (int_pending %u, SRR0 0x%x, SRR1 0x%x)",
		  out[0], out[1], out[2]);
	guest_destroy(&g);
}

static void *raise_later(void *arg)
{
	struct kvm_interrupt irq = { .irq = KVM_INTERRUPT_SET };

	usleep(100000);
	ioctl(*(int *)arg, KVM_INTERRUPT, &irq);
	return NULL;
}

/* EE set only in the page, the guest spinning: another thread's interrupt comes in */
static void ee_page_async(void)
{
	struct prog p = { .n = 0 };
	struct guest g;
	pthread_t th;
	u32 out[2], loop;

	if (!tap_check(setup(&g, 0) == 0, "EE async: create guest"))
		return;
	handler(&g, 0);
	emit_vector(&p, 4);
	emit_map(&p, MAGIC_EA, MAGIC_EA);
	emit(&p, I_LWZ(5, PV64(msr), 0));
	emit(&p, I_ORI(5, 5, MSR_EE));
	emit(&p, I_STW(5, PV64(msr), 0));
	loop = prog_here(&p, GUEST_CODE);
	emit(&p, I_SELF_LOOP);
	prog_load(&g, &p, GUEST_CODE, 0);
	pthread_create(&th, NULL, raise_later, &g.vcpu);
	tap_check(collect(&g, out, 2) && out[0] == loop && (out[1] & MSR_EE),
		  "EE set only through the page: KVM_INTERRUPT from another thread is taken in the spin loop (SRR0 0x%x, SRR1 0x%x)",
		  out[0], out[1]);
	pthread_join(th, NULL);
	guest_destroy(&g);
}

/* critical == r1 in supervisor mode holds off the interrupt */
static void critical_section(void)
{
	struct kvm_interrupt irq = { .irq = KVM_INTERRUPT_SET };
	struct prog p = { .n = 0 };
	struct guest g;
	u32 out[3], after;

	if (!tap_check(setup(&g, 0) == 0, "critical: create guest"))
		return;
	handler(&g, 4);
	emit_vector(&p, 4);
	emit_map(&p, MAGIC_EA, MAGIC_EA);
	emit(&p, I_LI(1, 0x1230));
	emit(&p, I_STW(1, PV64(critical), 0));
	emit(&p, I_LWZ(5, PV64(msr), 0));
	emit(&p, I_ORI(5, 5, MSR_EE));
	emit(&p, I_STW(5, PV64(msr), 0));
	emit(&p, I_MFMSR(6));			/* an exit inside the section */
	emit(&p, I_LI(7, 0x5a));
	emit_report(&p, 7, 0);			/* and one to userspace */
	emit(&p, I_LI(5, 0));
	emit(&p, I_STW(5, PV64(critical), 0));	/* leave: critical != r1 */
	emit(&p, I_MFMSR(6));
	after = prog_here(&p, GUEST_CODE);
	emit(&p, I_SELF_LOOP);
	prog_load(&g, &p, GUEST_CODE, 0);
	ioctl(g.vcpu, KVM_INTERRUPT, &irq);
	tap_check(collect(&g, out, 3) && out[0] == 0x5a && out[1] == after,
		  "no interrupt while critical == r1 (the section ran to its end, 0x%x); taken at the first exit after it (SRR0 0x%x, want 0x%x)",
		  out[0], out[1], after);
	guest_destroy(&g);
}

static void hostile_maps(void)
{
	static const struct { u32 pa, ea; const char *what; } bad[] = {
		{ 0xfffff800, MAGIC_EA, "an unaligned guest-physical address" },
		{ MAGIC_EA, MAGIC_EA | 0x800, "an unaligned effective address" },
		{ MAGIC_EA, MAGIC_EA | 2, "an unknown flag" },
		{ MAGIC_EA, GUEST_MMIO, "an effective address the guest maps to MMIO" },
		{ MAGIC_EA, 0x02000000, "an effective address the guest maps outside memory" },
		{ MAGIC_EA, GUEST_CODE, "the page of the calling code" },
		{ 0x5000, MAGIC_EA, "a guest-physical address in RAM" },
	};
	struct prog p = { .n = 0 };
	struct guest g;
	unsigned int i;
	u32 out[2], v;

	if (!tap_check(setup(&g, 0) == 0, "hostile: create guest"))
		return;
	for (i = 0; i < ARRAY_LEN(bad); i++) {
		prog_reset(&p);
		emit_map(&p, bad[i].pa, bad[i].ea);
		emit_report(&p, 20, 0);
		emit(&p, I_SELF_LOOP);
		prog_load(&g, &p, GUEST_CODE, 0);
		tap_check(collect(&g, out, 1) && out[0] == EV_EINVAL_,
			  "mapping at %s (pa 0x%x, ea 0x%x) answers EV_EINVAL (%u)",
			  bad[i].what, bad[i].pa, bad[i].ea, out[0]);
	}
	/* nothing got mapped: -4096 is a data TLB error of the guest's */
	handler(&g, 0);
	prog_reset(&p);
	emit_vector(&p, 13);
	emit(&p, I_LWZ(6, PV32(pir), 0));
	emit(&p, I_SELF_LOOP);
	prog_load(&g, &p, GUEST_CODE, 0);
	tap_check(collect(&g, out, 1) && out[0] == GUEST_CODE + 16,
		  "after the refusals -4096 is unmapped: the load takes a data TLB error (SRR0 0x%x)",
		  out[0]);

	/* a RAM data page: the shared page takes its place for the guest */
	memcpy(g.ram + 0x7000 + SH_OFF(sprg0), "\xde\xad\xbe\xef\xde\xad\xbe\xef", 8);
	prog_reset(&p);
	emit_map(&p, MAGIC_EA, 0x7000);
	emit_report(&p, 20, 0);
	emit_li32(&p, 5, 0x600d600d);
	emit(&p, I_MTSPR(272, 5));
	emit(&p, I_LWZ(6, 0x7000 + SH_OFF(sprg0) + 4, 0));
	emit_report(&p, 6, 4);
	emit(&p, I_SELF_LOOP);
	prog_load(&g, &p, GUEST_CODE, 0);
	memcpy(&v, g.ram + 0x7000 + SH_OFF(sprg0) + 4, 4);
	tap_check(collect(&g, out, 2) && out[0] == 0 && out[1] == 0x600d600d &&
		  v == 0xdeadbeef,
		  "mapped over a RAM data page: loads read the shared page (0x%x), RAM stays as it was",
		  out[1]);
	guest_destroy(&g);
}

static int one_reg(int vcpu, int set, __u64 id, __u64 *val)
{
	struct kvm_one_reg r = { .id = id, .addr = (uintptr_t)val };

	return ioctl(vcpu, set ? KVM_SET_ONE_REG : KVM_GET_ONE_REG, &r);
}

static int set_mas1(int vcpu, u32 val)
{
	struct kvm_one_reg r = { .id = KVM_REG_PPC_MAS1, .addr = (uintptr_t)&val };

	return ioctl(vcpu, KVM_SET_ONE_REG, &r);
}

/* registers through the ioctls while the guest uses the page */
static void save_restore(void)
{
	struct prog p = { .n = 0 };
	struct kvm_sregs s;
	struct kvm_regs r;
	struct guest g;
	u32 out[7], mas1, off;
	unsigned int i;
	__u64 dar;
	int ok;

	if (!tap_check(setup(&g, 0) == 0, "save/restore: create guest"))
		return;
	emit_map(&p, MAGIC_EA, MAGIC_EA);
	emit_li32(&p, 5, 0x1110);
	emit(&p, I_STW(5, PV64(srr0), 0));
	emit_li32(&p, 5, 0x6666);
	emit(&p, I_STW(5, PV64(sprg6), 0));
	emit_li32(&p, 5, 0x4444);
	emit(&p, I_STW(5, PV64(dar), 0));
	emit_li32(&p, 5, 0x00800000);
	emit(&p, I_STW(5, PV32(esr), 0));
	emit_li32(&p, 5, 0x80000300);
	emit(&p, I_STW(5, PV32(mas1), 0));
	/* what the registers cannot hold: upper words, MSR[CM] */
	emit(&p, I_LI(5, -1));
	emit(&p, I_STW(5, SH_OFF(sprg1) - 4096, 0));
	emit_li32(&p, 5, MSR_CM);
	emit(&p, I_STW(5, PV64(msr), 0));
	emit(&p, I_LI(7, 1));
	emit_report(&p, 7, 0);
	/* after userspace's changes */
	emit(&p, I_LWZ(6, PV64(srr0), 0));
	emit_report(&p, 6, 4);
	emit(&p, I_LWZ(6, PV64(sprg6), 0));
	emit_report(&p, 6, 8);
	emit(&p, I_LWZ(6, PV64(dar), 0));
	emit_report(&p, 6, 12);
	emit(&p, I_LWZ(6, PV32(esr), 0));
	emit_report(&p, 6, 16);
	emit(&p, I_LWZ(6, PV32(mas1), 0));
	emit_report(&p, 6, 20);
	emit(&p, I_MFSPR(6, SPR_MAS1));
	emit_report(&p, 6, 24);
	emit(&p, I_SELF_LOOP);
	prog_load(&g, &p, GUEST_CODE, 0);

	ok = collect(&g, out, 1);
	ok = ok && !ioctl(g.vcpu, KVM_GET_REGS, &r) && !ioctl(g.vcpu, KVM_GET_SREGS, &s);
	tap_check(ok && r.srr0 == 0x1110 && r.sprg6 == 0x6666 &&
		  s.u.e.dear == 0x4444 && s.u.e.esr == 0x00800000 &&
		  s.u.e.mas1 == 0x80000300,
		  "page stores seen by KVM_GET_REGS/SREGS (srr0 0x%llx sprg6 0x%llx dear 0x%llx esr 0x%x mas1 0x%x)",
		  (unsigned long long)r.srr0, (unsigned long long)r.sprg6,
		  (unsigned long long)s.u.e.dear, s.u.e.esr, s.u.e.mas1);
	tap_check(ok && r.sprg1 == 0 && r.msr == 0,
		  "a page store to SPRG1's upper word and MSR[CM] are cut at the exit (sprg1 0x%llx, msr 0x%llx)",
		  (unsigned long long)r.sprg1, (unsigned long long)r.msr);
	ok = one_reg(g.vcpu, 0, KVM_REG_PPC_DAR, &dar) == 0 && dar == 0x4444;
	tap_check(ok, "ONE_REG DAR reads the page's dar (0x%llx)",
		  (unsigned long long)dar);

	r.srr0 = 0x2220;
	r.sprg6 = 0x7777;
	s.u.e.esr = 0x02000000;
	dar = 0x5555;
	mas1 = 0x80000500;
	ok = !ioctl(g.vcpu, KVM_SET_REGS, &r) && !ioctl(g.vcpu, KVM_SET_SREGS, &s) &&
	     !one_reg(g.vcpu, 1, KVM_REG_PPC_DAR, &dar) && !set_mas1(g.vcpu, mas1);
	for (i = 1; ok && i < 7; i++)
		ok = next_store(&g, &off, &out[i]) && off == 4 * i;
	tap_check(ok && out[1] == 0x2220 && out[2] == 0x7777 && out[3] == 0x5555 &&
		  out[4] == 0x02000000 && out[5] == mas1 && out[6] == mas1,
		  "KVM_SET_REGS/SREGS/ONE_REG values are what the guest reads in the page (%x %x %x %x %x, mfspr MAS1 %x)",
		  out[1], out[2], out[3], out[4], out[5], out[6]);
	guest_destroy(&g);
}

int main(void)
{
	tap_start();
	map_and_pir();
	fields_both_ways();
	ee_through_page();
	ee_page_async();
	critical_section();
	hostile_maps();
	save_restore();
	return tap_done();
}
