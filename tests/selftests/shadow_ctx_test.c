// SPDX-License-Identifier: GPL-2.0-only
/*
 * Shadow translation contexts on e500v2: the host keeps the shadow
 * entries of each guest context (MSR[PR], PID, the guest's global
 * entries) apart, so that a change of MSR[PR] or PID flushes nothing,
 * and a guest TLB0 change removes only the shadow of that page.  Every
 * check is a translation the guest must see:
 *
 * - EA X mapped twice in guest TLB0, TID 5 to page A and TID 6 to page
 *   B: each PID reads its own page, in supervisor and user mode, and
 *   PID 7 takes a data TLB error, whatever was read before;
 * - a TID 0 entry reads the same under PIDs 5, 6, 0 and 200, and with
 *   the PID in PID1;
 * - a supervisor-only page read in supervisor mode, then from user
 *   mode: the guest's DSI, not the page;
 * - tlbwe remapping X (TID 5) to page C: both modes read C at once;
 * - a guest loop switching PID and MSR[PR] (rfi, sc) while reading X:
 *   the right sums, no full shadow flush (VM stat shadow_flushes) and a
 *   bounded number of shadow installs, however many rounds;
 * - a guest loop remapping X with tlbwe every half round and reading it
 *   in both modes: the right sums, and no full flush either;
 * - a guest loop reading X and X + 512 KiB (one TLB0 set, one way), each
 *   read a guest TLB miss its own handler serves with tlbwe: each read
 *   sees its page and almost none takes a host TLB miss exit once the
 *   handler returns (the shadow comes at tlbwe);
 * - a TLB0 entry mapping MMIO: its load still exits as MMIO;
 * - tlbivax of X: neither PID nor mode reads X any more, no full flush.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdbool.h>

#include "guest_prog.h"
#include "kvm_stats.h"
#include "tap.h"

#define SPR_PID		48
#define SPR_PID1	633
#define SPR_IVOR2	402
#define SPR_IVOR8	408
#define SPR_IVOR13	413
#define MSR_PR		0x00004000u

#define I_TLBIVAX(ra, rb) ((31u << 26) | ((ra) << 16) | ((rb) << 11) | (786u << 1))
#define I_TLBSYNC	0x7c00046cu

/* guest physical layout (1 MiB of RAM) */
#define TLBWE_CODE	0x1000	/* r20..r24 -> MAS0/1/2/3/7, tlbwe */
#define PROBE_CODE	0x1100	/* load r25, report */
#define LOOP_CODE	0x1200	/* PID and MSR[PR] switching loop */
#define REMAP_CODE	0x1400	/* tlbwe remapping loop */
#define SETUP_CODE	0x1600	/* IVPR, IVORs */
#define PID1_CODE	0x1700	/* PID1 = r3 */
#define IVAX_CODE	0x1800	/* tlbivax r25 */
#define PRELOAD_CODE	0x1a00	/* loop of reads the guest's TLB misses */
#define REFILL_CODE	0x1b00	/* its data TLB miss handler */
#define DSI_CODE	0x2200
#define SC_CODE		0x2800
#define DTLB_CODE	0x2d00
#define USER_CODE	0x3000	/* read X, add, sc */
#define PAGE_A		0x10000
#define PAGE_B		0x11000
#define PAGE_C		0x12000
#define PAGE_G		0x13000
#define PAGE_S		0x14000

/* guest effective addresses outside the 64 MiB TLB1 entry */
#define EA_X		0x20000000u
#define EA_G		0x20001000u
#define EA_S		0x20002000u
#define EA_M		0x20003000u	/* TLB0 entry to MMIO */
#define EA_X2		0x20080000u	/* X's TLB0 set */

/* where the guest reports: a value, a data TLB error, a DSI */
#define REPORT_VAL	GUEST_MMIO
#define REPORT_DTLB	(GUEST_MMIO + 0x100)
#define REPORT_DSI	(GUEST_MMIO + 0x200)

#define MAS0_TLB0(way)	((u32)(way) << 16)
#define MAS1_4K(tid)	(0x80000000u | (u32)(tid) << 16 | 1u << 7)
#define MAS3_URSR	0x03u	/* UR SR */
#define MAS3_SR		0x01u
#define MAS3_ALL	0x3fu

#define HI(v)		((v) >> 16)
#define LO(v)		((v) & 0xffff)

#define TAG_A		0x00000100u
#define TAG_B		0x00010000u
#define TAG_C		0x00000003u
#define TAG_G		0x0000a000u
#define TAG_S		0x00500000u

enum result { GOT_VALUE, GOT_DTLB, GOT_DSI, GOT_OTHER };

static struct guest g;

static void put_word(u32 gpa, u32 v)
{
	g.ram[gpa] = v >> 24;
	g.ram[gpa + 1] = v >> 16;
	g.ram[gpa + 2] = v >> 8;
	g.ram[gpa + 3] = v;
}

/* a loop's code, put together at run time so that branches add up */
static struct prog p;

/*
 * rfi to USER_CODE (r26) with the user MSR (r27); its sc comes back
 * (the handler is a blr) to the instruction after these
 */
static void emit_user_round(u32 base)
{
	u32 back = base + 4 * (p.n + 6);

	emit(&p, I_LIS(28, HI(back)));
	emit(&p, I_ORI(28, 28, LO(back)));
	emit(&p, I_MTSPR(8, 28));			/* LR */
	emit(&p, I_MTSPR(SPR_SRR0, 26));
	emit(&p, I_MTSPR(SPR_SRR1, 27));
	emit(&p, I_RFI);
}

/* supervisor: read X (r25) into the sum r20; user: into r21 */
static void emit_both_reads(u32 base)
{
	emit(&p, I_LWZ(6, 0, 25));
	emit(&p, I_ADD(20, 20, 6));
	emit_user_round(base);
}

static void emit_end(u32 base, unsigned int top)
{
	emit(&p, I_BDNZ(4 * ((int)top - (int)p.n)));
	emit(&p, I_STW(20, 0, 4));
	emit(&p, I_STW(21, 4, 4));
	emit(&p, I_SELF_LOOP);
	prog_put(&g, base, &p);
}

/* CTR = r30 rounds; MAS0..2 from r12..r14, MAS7 = 0 */
static void emit_remap_start(void)
{
	emit(&p, I_MTCTR(30));
	emit(&p, I_MTSPR(SPR_MAS0, 12));
	emit(&p, I_MTSPR(SPR_MAS1, 13));
	emit(&p, I_MTSPR(SPR_MAS2, 14));
	emit(&p, I_LI(3, 0));
	emit(&p, I_MTSPR(SPR_MAS7, 3));
}

static void put_loops(void)
{
	unsigned int top;

	/*
	 * r30 rounds; r10, r11 the two PIDs; r26 USER_CODE, r27 the user
	 * MSR; r20 the supervisor sum, r21 the user sum (USER_CODE adds).
	 */
	prog_reset(&p);
	emit(&p, I_MTCTR(30));
	top = p.n;
	emit(&p, I_MTSPR(SPR_PID, 10));
	emit_both_reads(LOOP_CODE);
	emit(&p, I_MTSPR(SPR_PID, 11));
	emit_both_reads(LOOP_CODE);
	emit_end(LOOP_CODE, top);

	/*
	 * PID 5; r12..r14 MAS0..2 of X's entry, r15 and r16 its MAS3 for
	 * pages A and C; the rest as above
	 */
	prog_reset(&p);
	emit_remap_start();
	top = p.n;
	emit(&p, I_MTSPR(SPR_MAS3, 15));
	emit(&p, I_TLBWE);
	emit(&p, I_ISYNC);
	emit_both_reads(REMAP_CODE);
	emit(&p, I_MTSPR(SPR_MAS3, 16));
	emit(&p, I_TLBWE);
	emit(&p, I_ISYNC);
	emit_both_reads(REMAP_CODE);
	emit_end(REMAP_CODE, top);

	/*
	 * r30 rounds of a read of X (r25) into r20 and of X2 (r26) into
	 * r21, REFILL_CODE the data TLB miss handler meanwhile
	 */
	prog_reset(&p);
	emit(&p, I_LI(3, REFILL_CODE));
	emit(&p, I_MTSPR(SPR_IVOR13, 3));
	emit(&p, I_LI(3, 0));
	emit(&p, I_MTSPR(SPR_MAS7, 3));
	emit(&p, I_MTCTR(30));
	top = p.n;
	emit(&p, I_LWZ(6, 0, 25));
	emit(&p, I_ADD(20, 20, 6));
	emit(&p, I_LWZ(6, 0, 26));
	emit(&p, I_ADD(21, 21, 6));
	emit(&p, I_BDNZ(4 * ((int)top - (int)p.n)));
	emit(&p, I_LI(3, DTLB_CODE));
	emit(&p, I_MTSPR(SPR_IVOR13, 3));
	emit(&p, I_STW(20, 0, 4));
	emit(&p, I_STW(21, 4, 4));
	emit(&p, I_SELF_LOOP);
	prog_put(&g, PRELOAD_CODE, &p);

	/*
	 * the handler: TLB0 way 0 (MAS0 r23, MAS1 r24) maps the page that
	 * missed to page A (MAS3 r22), or B for X2 (EA bit 0x80000)
	 */
	prog_reset(&p);
	emit(&p, I_MFSPR(9, SPR_DEAR));
	emit(&p, I_RLWINM(8, 9, 25, 19, 19));
	emit(&p, I_OR(8, 8, 22));
	emit(&p, I_RLWINM(9, 9, 0, 0, 19));
	emit(&p, I_MTSPR(SPR_MAS2, 9));
	emit(&p, I_MTSPR(SPR_MAS0, 23));
	emit(&p, I_MTSPR(SPR_MAS1, 24));
	emit(&p, I_MTSPR(SPR_MAS3, 8));
	emit(&p, I_TLBWE);
	emit(&p, I_RFI);
	prog_put(&g, REFILL_CODE, &p);
}

static void put_code(void)
{
	const u32 tlbwe[] = {
		I_MTSPR(SPR_MAS0, 20), I_MTSPR(SPR_MAS1, 21),
		I_MTSPR(SPR_MAS2, 22), I_MTSPR(SPR_MAS3, 23),
		I_MTSPR(SPR_MAS7, 24), I_TLBWE, I_ISYNC,
		I_STW(0, 0, 4), I_SELF_LOOP,
	};
	const u32 probe[] = { I_LWZ(6, 0, 25), I_STW(6, 0, 4), I_SELF_LOOP };
	const u32 pid1[] = { I_MTSPR(SPR_PID1, 3), I_STW(0, 0, 4), I_SELF_LOOP };
	const u32 ivax[] = { I_TLBIVAX(0, 25), I_TLBSYNC, I_STW(0, 0, 4),
			     I_SELF_LOOP };
	const u32 setup[] = {
		I_LI(3, 0), I_MTSPR(SPR_IVPR, 3),
		I_LI(3, DSI_CODE), I_MTSPR(SPR_IVOR2, 3),
		I_LI(3, SC_CODE), I_MTSPR(SPR_IVOR8, 3),
		I_LI(3, DTLB_CODE), I_MTSPR(SPR_IVOR13, 3),
		I_STW(0, 0, 4), I_SELF_LOOP,
	};
	const u32 user[] = { I_LWZ(7, 0, 25), I_ADD(21, 21, 7), I_SC };
	const u32 sc[] = { I_BLR };
	const u32 dtlb[] = {
		I_MFSPR(3, SPR_DEAR), I_LIS(4, HI(REPORT_DTLB)),
		I_ORI(4, 4, LO(REPORT_DTLB)), I_STW(3, 0, 4), I_SELF_LOOP,
	};
	const u32 dsi[] = {
		I_MFSPR(3, SPR_DEAR), I_LIS(4, HI(REPORT_DSI)),
		I_ORI(4, 4, LO(REPORT_DSI)), I_STW(3, 0, 4), I_SELF_LOOP,
	};

	guest_code(&g, TLBWE_CODE, tlbwe, ARRAY_LEN(tlbwe));
	guest_code(&g, PROBE_CODE, probe, ARRAY_LEN(probe));
	guest_code(&g, SETUP_CODE, setup, ARRAY_LEN(setup));
	guest_code(&g, PID1_CODE, pid1, ARRAY_LEN(pid1));
	guest_code(&g, IVAX_CODE, ivax, ARRAY_LEN(ivax));
	put_loops();
	guest_code(&g, USER_CODE, user, ARRAY_LEN(user));
	guest_code(&g, SC_CODE, sc, ARRAY_LEN(sc));
	guest_code(&g, DTLB_CODE, dtlb, ARRAY_LEN(dtlb));
	guest_code(&g, DSI_CODE, dsi, ARRAY_LEN(dsi));
	put_word(PAGE_A, TAG_A);
	put_word(PAGE_B, TAG_B);
	put_word(PAGE_C, TAG_C);
	put_word(PAGE_G, TAG_G);
	put_word(PAGE_S, TAG_S);
}

static int set_regs(u32 pc, u32 msr, u32 pid, const u32 *gpr)
{
	struct kvm_regs regs;
	unsigned int i;

	if (ioctl(g.vcpu, KVM_GET_REGS, &regs))
		return -1;
	for (i = 0; i < 32; i++)
		regs.gpr[i] = gpr[i];
	regs.gpr[4] = REPORT_VAL;
	regs.pc = pc;
	regs.msr = msr;
	regs.pid = pid;
	return ioctl(g.vcpu, KVM_SET_REGS, &regs);
}

/* run until the guest reports; which report, and its value */
static enum result run(u32 *val)
{
	if (ioctl(g.vcpu, KVM_RUN, 0) || g.run->exit_reason != KVM_EXIT_MMIO ||
	    !g.run->mmio.is_write)
		return GOT_OTHER;
	*val = mmio_value(g.run);
	switch (g.run->mmio.phys_addr) {
	case REPORT_VAL:
		return GOT_VALUE;
	case REPORT_DTLB:
		return GOT_DTLB;
	case REPORT_DSI:
		return GOT_DSI;
	}
	return GOT_OTHER;
}

/* the guest's tlbwe in supervisor mode, under the PID it has */
static int tlbwe(u32 mas0, u32 mas1, u32 mas2, u32 mas3)
{
	struct kvm_regs regs;
	u32 gpr[32] = { 0 }, val;

	if (ioctl(g.vcpu, KVM_GET_REGS, &regs))
		return 0;
	gpr[20] = mas0;
	gpr[21] = mas1;
	gpr[22] = mas2;
	gpr[23] = mas3;
	return !set_regs(TLBWE_CODE, 0, regs.pid, gpr) &&
	       run(&val) == GOT_VALUE;
}

/* a load from @ea in user (@user) or supervisor mode under @pid */
static enum result probe(bool user, u32 pid, u32 ea, u32 *val)
{
	u32 gpr[32] = { 0 };

	gpr[25] = ea;
	*val = 0;
	if (set_regs(PROBE_CODE, user ? MSR_PR : 0, pid, gpr))
		return GOT_OTHER;
	return run(val);
}

static bool reads(bool user, u32 pid, u32 ea, u32 want)
{
	u32 val;
	enum result r = probe(user, pid, ea, &val);

	if (r != GOT_VALUE || val != want)
		tap_diag("%s PID %u EA 0x%08x: result %d value 0x%08x, want 0x%08x",
			 user ? "user" : "supervisor", pid, ea, r, val, want);
	return r == GOT_VALUE && val == want;
}

static bool faults(bool user, u32 pid, u32 ea, enum result want)
{
	u32 val;
	enum result r = probe(user, pid, ea, &val);

	if (r != want || val != ea)
		tap_diag("%s PID %u EA 0x%08x: result %d value 0x%08x, want %d",
			 user ? "user" : "supervisor", pid, ea, r, val, want);
	return r == want && val == ea;
}

/* a guest loop under PID 5; the two sums it reports */
static bool run_loop(u32 pc, const u32 *gpr, u32 *sup, u32 *usr)
{
	if (set_regs(pc, 0, 5, gpr) || run(sup) != GOT_VALUE)
		return false;
	return guest_store_exit(&g, REPORT_VAL + 4, usr);
}

struct counts {
	__u64 flushes, invals, installs;
};

static struct counts counts_now(void)
{
	struct counts c = {
		.flushes = kvm_stat(g.vm, "shadow_flushes"),
		.invals = kvm_stat(g.vm, "shadow_page_invals"),
		.installs = kvm_stat(g.vcpu, "shadow_4k_installs"),
	};

	return c;
}

static void pid_loop(unsigned int rounds)
{
	u32 gpr[32] = { 0 }, sup = 0, usr = 0;
	struct counts a, b;
	bool ok;

	gpr[30] = rounds;
	gpr[10] = 5;
	gpr[11] = 6;
	gpr[25] = EA_X;
	gpr[26] = USER_CODE;
	gpr[27] = MSR_PR;
	a = counts_now();
	ok = run_loop(LOOP_CODE, gpr, &sup, &usr);
	b = counts_now();
	tap_check(ok && sup == rounds * (TAG_A + TAG_B) &&
		  usr == rounds * (TAG_A + TAG_B),
		  "%u rounds of PID 5/6 and rfi/sc read A and B in both modes (0x%x, 0x%x)",
		  rounds, sup, usr);
	tap_check(b.flushes == a.flushes,
		  "%u rounds: no full shadow flush (%llu)", rounds,
		  (unsigned long long)(b.flushes - a.flushes));
	/*
	 * code, X under PID 5 and 6, handler: a few per context, and what
	 * the host's own TLB0 flushes take away, far below a switch's 800
	 */
	tap_check(b.installs - a.installs <= 40,
		  "%u rounds: %llu shadow installs, not one per switch", rounds,
		  (unsigned long long)(b.installs - a.installs));
}

static void remap_loop(unsigned int rounds)
{
	u32 gpr[32] = { 0 }, sup = 0, usr = 0;
	struct counts a, b;
	bool ok;

	gpr[30] = rounds;
	gpr[12] = MAS0_TLB0(0);
	gpr[13] = MAS1_4K(5);
	gpr[14] = EA_X;
	gpr[15] = PAGE_A | MAS3_URSR;
	gpr[16] = PAGE_C | MAS3_URSR;
	gpr[25] = EA_X;
	gpr[26] = USER_CODE;
	gpr[27] = MSR_PR;
	a = counts_now();
	ok = run_loop(REMAP_CODE, gpr, &sup, &usr);
	b = counts_now();
	tap_check(ok && sup == rounds * (TAG_A + TAG_C) &&
		  usr == rounds * (TAG_A + TAG_C),
		  "%u rounds remapping X to A and C: each read sees the new page (0x%x, 0x%x)",
		  rounds, sup, usr);
	tap_check(b.flushes == a.flushes && b.invals - a.invals >= 2 * rounds,
		  "%u rounds of tlbwe: no full flush (%llu), %llu page invalidations",
		  rounds, (unsigned long long)(b.flushes - a.flushes),
		  (unsigned long long)(b.invals - a.invals));
}

/*
 * Under PID 5 in supervisor mode, the guest reads X and X2 (TID 5
 * entries in the same TLB0 way, each evicting the other): every read
 * is a guest TLB miss its handler serves with tlbwe, in the context of
 * the read.  The shadow entry comes with the tlbwe, so the read retried
 * after the handler's rfi takes no host data TLB miss exit; one may go
 * to a host TLB0 refill of the host's own on the way back into the
 * guest.  Before, each retried read took one.
 */
static void preload_loop(unsigned int rounds)
{
	u32 gpr[32] = { 0 }, sup = 0, usr = 0;
	__u64 miss, real;
	bool ok;

	gpr[30] = rounds;
	gpr[22] = PAGE_A | MAS3_URSR;
	gpr[23] = MAS0_TLB0(0);
	gpr[24] = MAS1_4K(5);
	gpr[25] = EA_X;
	gpr[26] = EA_X2;
	/* X2 in the way, so that the first read of X misses too */
	tap_check(tlbwe(MAS0_TLB0(0), MAS1_4K(5), EA_X2, PAGE_B | MAS3_URSR),
		  "guest tlbwe: X2 (TID 5) to page B");
	miss = kvm_stat(g.vcpu, "dtlb_virt_miss_exits");
	real = kvm_stat(g.vcpu, "dtlb_real_miss_exits");
	ok = run_loop(PRELOAD_CODE, gpr, &sup, &usr);
	miss = kvm_stat(g.vcpu, "dtlb_virt_miss_exits") - miss;
	real = kvm_stat(g.vcpu, "dtlb_real_miss_exits") - real;
	tap_check(ok && sup == rounds * TAG_A && usr == rounds * TAG_B,
		  "%u rounds reading X and X2, each a guest TLB miss: pages A and B (0x%x, 0x%x)",
		  rounds, sup, usr);
	tap_check(real == 2 * rounds && miss <= rounds / 4,
		  "%u rounds: %llu guest TLB misses, %llu host data TLB miss exits after them",
		  rounds, (unsigned long long)real, (unsigned long long)miss);
}

/*
 * A TLB0 entry to MMIO (TID 0): tlbwe leaves it to the miss path, and
 * a load through it is an MMIO read of the right address, completed
 * with userspace's data
 */
static void mmio_entry(void)
{
	u32 gpr[32] = { 0 }, val = 0;
	bool ok;

	tap_check(tlbwe(MAS0_TLB0(0), MAS1_4K(0), EA_M, GUEST_MMIO | MAS3_ALL),
		  "guest tlbwe: a TLB0 entry to MMIO");
	gpr[25] = EA_M + 8;
	ok = !set_regs(PROBE_CODE, 0, 5, gpr) && !ioctl(g.vcpu, KVM_RUN, 0) &&
	     g.run->exit_reason == KVM_EXIT_MMIO && !g.run->mmio.is_write &&
	     g.run->mmio.phys_addr == GUEST_MMIO + 8 && g.run->mmio.len == 4;
	tap_check(ok, "a load through it is an MMIO read at its address");
	if (ok) {
		mmio_fill(g.run, 0x5a5a1234);
		ok = run(&val) == GOT_VALUE;
	}
	tap_check(ok && val == 0x5a5a1234,
		  "... completed with userspace's data (0x%08x)", val);
}

int main(void)
{
	u32 gpr[32] = { 0 }, val;
	struct counts before, after;
	cpu_set_t cpus;

	tap_start();
	/*
	 * one CPU: moving to another flushes the shadow (its entries stay
	 * behind), which the loops below would count
	 */
	CPU_ZERO(&cpus);
	CPU_SET(sched_getcpu(), &cpus);
	tap_check(!sched_setaffinity(0, sizeof(cpus), &cpus),
		  "the test stays on one host CPU");
	if (!tap_check(guest_create(&g) == 0, "create a guest"))
		return tap_done();
	put_code();

	/* vectors, then TLB1 entry 0 for user mode too: code, data, MMIO */
	tap_check(!set_regs(SETUP_CODE, 0, 0, gpr) && run(&val) == GOT_VALUE,
		  "guest sets IVPR and IVORs");
	tap_check(tlbwe(0x10000000, 0xc0000800, 0, MAS3_ALL),
		  "guest opens its 64 MiB TLB1 entry to user mode");
	tap_check(tlbwe(MAS0_TLB0(0), MAS1_4K(5), EA_X, PAGE_A | MAS3_URSR) &&
		  tlbwe(MAS0_TLB0(1), MAS1_4K(6), EA_X, PAGE_B | MAS3_URSR) &&
		  tlbwe(MAS0_TLB0(0), MAS1_4K(0), EA_G, PAGE_G | MAS3_URSR) &&
		  tlbwe(MAS0_TLB0(0), MAS1_4K(0), EA_S, PAGE_S | MAS3_SR),
		  "guest writes its TLB0 entries");

	tap_check(reads(false, 5, EA_X, TAG_A) && reads(true, 5, EA_X, TAG_A),
		  "PID 5 reads page A at X, supervisor and user");
	tap_check(reads(false, 6, EA_X, TAG_B) && reads(true, 6, EA_X, TAG_B),
		  "PID 6 reads page B at X, supervisor and user");
	tap_check(faults(true, 7, EA_X, GOT_DTLB) &&
		  faults(false, 7, EA_X, GOT_DTLB),
		  "PID 7 takes a data TLB error at X after 5 and 6 read it");
	tap_check(reads(true, 5, EA_X, TAG_A) && reads(false, 6, EA_X, TAG_B),
		  "back to PID 5 and 6: A and B again");

	tap_check(reads(false, 5, EA_G, TAG_G) && reads(true, 6, EA_G, TAG_G) &&
		  reads(false, 0, EA_G, TAG_G) && reads(true, 200, EA_G, TAG_G),
		  "a TID 0 entry reads the same under PIDs 5, 6, 0 and 200");

	/* PID 0 with PID1 = 5 sees TID 5; with PID1 = 0 again, nothing */
	gpr[3] = 5;
	tap_check(!set_regs(PID1_CODE, 0, 0, gpr) && run(&val) == GOT_VALUE &&
		  reads(true, 0, EA_X, TAG_A) && reads(false, 0, EA_X, TAG_A),
		  "PID 0 with PID1 = 5 reads page A at X");
	gpr[3] = 0;
	tap_check(!set_regs(PID1_CODE, 0, 0, gpr) && run(&val) == GOT_VALUE &&
		  faults(true, 0, EA_X, GOT_DTLB) && faults(false, 0, EA_X, GOT_DTLB),
		  "PID1 = 0 again: X takes a data TLB error under PID 0");

	tap_check(reads(false, 5, EA_S, TAG_S),
		  "a supervisor-only page reads in supervisor mode");
	tap_check(faults(true, 5, EA_S, GOT_DSI),
		  "... and from user mode right after is the guest's DSI");
	tap_check(reads(false, 5, EA_S, TAG_S) && faults(true, 6, EA_S, GOT_DSI),
		  "... again, under another PID");

	/* X under PID 5 has shadows in both modes now: remap it to C */
	tap_check(reads(true, 5, EA_X, TAG_A) && reads(false, 5, EA_X, TAG_A),
		  "X under PID 5 mapped in both modes");
	tap_check(tlbwe(MAS0_TLB0(0), MAS1_4K(5), EA_X, PAGE_C | MAS3_URSR),
		  "guest tlbwe: X (TID 5) to page C");
	tap_check(reads(true, 5, EA_X, TAG_C) && reads(false, 5, EA_X, TAG_C),
		  "X under PID 5 reads C in both modes");
	tap_check(reads(true, 6, EA_X, TAG_B),
		  "X under PID 6 still reads B");
	tap_check(tlbwe(MAS0_TLB0(0), MAS1_4K(5), EA_X, PAGE_A | MAS3_URSR),
		  "guest tlbwe: X (TID 5) back to page A");

	pid_loop(20);
	pid_loop(200);
	remap_loop(20);
	remap_loop(100);
	preload_loop(20);
	preload_loop(100);
	tap_check(tlbwe(MAS0_TLB0(0), MAS1_4K(5), EA_X, PAGE_C | MAS3_URSR),
		  "guest tlbwe: X (TID 5) to page C again");
	mmio_entry();

	/* the rest of the vCPU's state is unchanged by all that */
	tap_check(reads(false, 6, EA_X, TAG_B) && reads(true, 200, EA_G, TAG_G),
		  "PID 6 and the global entry read as before");

	/* tlbivax X: both of X's entries go, in every context */
	tap_check(reads(true, 5, EA_X, TAG_C) && reads(false, 6, EA_X, TAG_B),
		  "X under PIDs 5 (page C since the loop) and 6 mapped before tlbivax");
	before = counts_now();
	gpr[25] = EA_X;
	tap_check(!set_regs(IVAX_CODE, 0, 5, gpr) && run(&val) == GOT_VALUE,
		  "guest tlbivax of X in TLB0");
	after = counts_now();
	tap_check(faults(true, 5, EA_X, GOT_DTLB) &&
		  faults(false, 5, EA_X, GOT_DTLB) &&
		  faults(true, 6, EA_X, GOT_DTLB) &&
		  faults(false, 6, EA_X, GOT_DTLB),
		  "then X takes a data TLB error under PIDs 5 and 6, both modes");
	tap_check(after.flushes == before.flushes &&
		  after.invals > before.invals &&
		  reads(true, 200, EA_G, TAG_G),
		  "without a full flush (%llu); the global entry still reads",
		  (unsigned long long)(after.flushes - before.flushes));
	guest_destroy(&g);
	return tap_done();
}
