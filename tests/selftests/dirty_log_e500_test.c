// SPDX-License-Identifier: GPL-2.0-only
/*
 * Dirty logging on e500v2: KVM_MEM_LOG_DIRTY_PAGES, KVM_GET_DIRTY_LOG
 * and KVM_CLEAR_DIRTY_LOG (KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2).
 *
 * The guest maps a logged slot with one TLB1 entry and runs a loop:
 * load one word from each page of a read list, store a value to each
 * page of a write list (both lists and the value are in slot 0, which
 * userspace rewrites between rounds), then an MMIO store with the
 * value.  Pages in both lists are first mapped read-only by the load,
 * so their store takes the write-protection fault.  After each round
 * the log must hold exactly the pages stored to: never a page only
 * read, and again a page stored to after the previous fetch (or clear)
 * made it read-only.  Two vCPUs storing while userspace fetches the log
 * and copies the pages it reports must leave the copy equal to memory,
 * as a live migration needs.  Over hugetlbfs behind a large guest
 * entry the log still has 4 KiB granularity (no large shadow entry
 * while logging; large ones again once logging is off).
 */
#include <pthread.h>
#include <stdlib.h>

#include "guest_mem_asm.h"
#include "hugepages.h"
#include "kvm_stats.h"

typedef __u64 u64;

#define MIB		(1024u * 1024u)
#define LOG_EA		0x10000000u	/* = its GPA; the logged slot */
#define LOG_SIZE	MIB		/* 256 pages, one 1 MiB TLB1 entry */
#define NPAGES		(LOG_SIZE / 4096)
#define HUGE_SIZE	(16 * MIB)
#define MAP_HUGE	0x40000		/* MAP_HUGETLB */
#define MAX_LIST	512

/* per vCPU: write table (count, value, offsets), read table (count, offsets) */
#define WTAB(n)		(0x8000u + 0x2000u * (n))
#define RTAB(n)		(0x9000u + 0x2000u * (n))

#define I_STWX(rs, ra, rb)	I_XFORM(151u, rs, ra, rb)
#define I_LWZX(rt, ra, rb)	I_XFORM(23u, rt, ra, rb)

static void put32(struct guest *g, u32 gpa, u32 v)
{
	u8 *p = g->ram + gpa;

	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/*
 * r20 write table, r21 read table, r10 LOG_EA, r9 MMIO.  Each list has
 * at least one entry (bdnz).  One round per MMIO exit.
 */
static void load_program(struct guest *g, u32 kib_log2)
{
	struct prog p = { .n = 0 };
	u32 start;

	emit_tlb1(&p, 1, kib_log2, LOG_EA);
	start = prog_here(&p, GUEST_CODE);
	emit(&p, I_MR(3, 21));
	emit(&p, I_LWZ(4, 0, 3));
	emit(&p, I_MTCTR(4));
	emit(&p, I_LWZU(6, 4, 3));
	emit(&p, I_LWZX(7, 10, 6));
	emit(&p, I_BDNZ(-8));
	emit(&p, I_MR(3, 20));
	emit(&p, I_LWZ(4, 0, 3));
	emit(&p, I_LWZ(5, 4, 3));
	emit(&p, I_ADDI(3, 3, 4));
	emit(&p, I_MTCTR(4));
	emit(&p, I_LWZU(6, 4, 3));
	emit(&p, I_STWX(5, 10, 6));
	emit(&p, I_BDNZ(-8));
	emit(&p, I_STW(5, 0, 9));
	emit(&p, I_B(start - prog_here(&p, GUEST_CODE)));
	prog_put(g, GUEST_CODE, &p);
}

static int vcpu_setup(int vcpu, unsigned int n)
{
	struct kvm_regs regs;

	if (ioctl(vcpu, KVM_GET_REGS, &regs))
		return -1;
	regs.pc = GUEST_CODE;
	regs.msr = 0;
	regs.gpr[9] = GUEST_MMIO;
	regs.gpr[10] = LOG_EA;
	regs.gpr[20] = WTAB(n);
	regs.gpr[21] = RTAB(n);
	return ioctl(vcpu, KVM_SET_REGS, &regs);
}

/* lists of page numbers, stored as byte offsets */
static void set_lists(struct guest *g, unsigned int n, u32 value,
		      const u32 *w, unsigned int nw,
		      const u32 *r, unsigned int nr)
{
	unsigned int i;

	put32(g, WTAB(n), nw);
	put32(g, WTAB(n) + 4, value);
	for (i = 0; i < nw; i++)
		put32(g, WTAB(n) + 8 + 4 * i, w[i] * 4096);
	put32(g, RTAB(n), nr);
	for (i = 0; i < nr; i++)
		put32(g, RTAB(n) + 4 + 4 * i, r[i] * 4096);
}

/* the bitmap of slot 1 (@npages pages, one bit each, little-endian) */
struct dlog {
	u8 bits[HUGE_SIZE / 4096 / 8];
};

static int get_log(struct guest *g, struct dlog *d)
{
	struct kvm_dirty_log l = { .slot = 1, .dirty_bitmap = d->bits };

	memset(d->bits, 0, sizeof(d->bits));
	return ioctl(g->vm, KVM_GET_DIRTY_LOG, &l);
}

static int bit(const struct dlog *d, u32 page)
{
	return (d->bits[page / 8] >> (page % 8)) & 1;
}

/* the log is exactly @want (@nw pages) among @npages; says what differs */
static int log_is(const struct dlog *d, u32 npages, const u32 *want,
		  unsigned int nw)
{
	static u8 expect[HUGE_SIZE / 4096];
	unsigned int i, bad = 0;

	memset(expect, 0, npages);
	for (i = 0; i < nw; i++)
		expect[want[i]] = 1;
	for (i = 0; i < npages; i++)
		if (bit(d, i) != expect[i] && bad++ < 8)
			tap_diag("page %u: logged %d, want %d", i, bit(d, i),
				 expect[i]);
	return !bad;
}

/* one round of vCPU 0; true when it ended with the MMIO store of @value */
static int round_ok(struct guest *g, u32 value)
{
	return mem_run(g, GUEST_MMIO, 1, 4) && mmio_value(g->run) == value;
}

static u32 word(const u8 *mem, u32 page)
{
	const u8 *p = mem + (size_t)page * 4096;

	return (u32)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static int stored(const u8 *mem, const u32 *pages, unsigned int n, u32 v)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (word(mem, pages[i]) != v)
			return 0;
	return 1;
}

static int new_guest(struct guest *g, void *mem, size_t size, u32 kib_log2)
{
	if (guest_create(g) || guest_add_slot(g, 1, LOG_EA, mem, size,
					      KVM_MEM_LOG_DIRTY_PAGES) ||
	    vcpu_setup(g->vcpu, 0))
		return -1;
	load_program(g, kib_log2);
	return 0;
}

/* KVM_GET_DIRTY_LOG: exactly the pages stored to, round after round */
static void test_get(void)
{
	static const u32 w1[] = { 0, 3, 17, 100, 255 };
	static const u32 r1[] = { 1, 2, 50, 101, 200, 17 };
	static const u32 w2[] = { 3, 50, 254, 201 };
	static const u32 r2[] = { 0, 17, 100, 255, 1, 201 };
	static const u32 w3[] = { 7 };
	static const u32 r3[] = { 0, 3, 17, 50, 100, 254, 255 };
	u8 *mem = mmap(NULL, LOG_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct kvm_dirty_log l = { .slot = 0 };
	struct dlog d;
	struct guest g;

	if (!tap_check(mem != MAP_FAILED && new_guest(&g, mem, LOG_SIZE, 10) == 0,
		       "get: a slot with KVM_MEM_LOG_DIRTY_PAGES is accepted"))
		return;
	tap_check(get_log(&g, &d) == 0 && log_is(&d, NPAGES, NULL, 0),
		  "get: the log starts empty");

	set_lists(&g, 0, 0x11111111, w1, ARRAY_LEN(w1), r1, ARRAY_LEN(r1));
	tap_check(round_ok(&g, 0x11111111) &&
		  stored(mem, w1, ARRAY_LEN(w1), 0x11111111),
		  "get: round 1 ran, its stores are in memory");
	tap_check(get_log(&g, &d) == 0 && log_is(&d, NPAGES, w1, ARRAY_LEN(w1)),
		  "get: round 1 logged exactly the 5 pages stored to (page 17 loaded first), none only loaded");

	set_lists(&g, 0, 0x22222222, w2, ARRAY_LEN(w2), r2, ARRAY_LEN(r2));
	tap_check(round_ok(&g, 0x22222222) &&
		  stored(mem, w2, ARRAY_LEN(w2), 0x22222222),
		  "get: round 2 ran, its stores are in memory");
	tap_check(get_log(&g, &d) == 0 && log_is(&d, NPAGES, w2, ARRAY_LEN(w2)),
		  "get: round 2 logged page 3 stored again, 50 and 201 (loaded first), 254; not the pages of round 1 now only loaded");

	set_lists(&g, 0, 0x33333333, w3, ARRAY_LEN(w3), r3, ARRAY_LEN(r3));
	tap_check(round_ok(&g, 0x33333333) && get_log(&g, &d) == 0 &&
		  log_is(&d, NPAGES, w3, ARRAY_LEN(w3)),
		  "get: round 3 logged page 7 only");
	tap_check(get_log(&g, &d) == 0 && log_is(&d, NPAGES, NULL, 0),
		  "get: fetched again without a guest run: empty");

	/* many rounds: pages of alternating halves */
	{
		u32 a[64], b[64], v, i, k, bad = 0;

		for (k = 0; k < 8; k++) {
			for (i = 0; i < 64; i++) {
				a[i] = (k & 1) * 128 + 2 * i;
				b[i] = ((k + 1) & 1) * 128 + 2 * i;
			}
			v = 0x40000000 + k;
			set_lists(&g, 0, v, a, 64, b, 64);
			if (!round_ok(&g, v) || get_log(&g, &d) ||
			    !log_is(&d, NPAGES, a, 64) || !stored(mem, a, 64, v))
				bad++;
		}
		tap_check(!bad,
			  "get: 8 rounds of 64 stores, 64 loads in alternating halves, each logged exactly (%u wrong)",
			  bad);
	}

	l.slot = 0;
	l.dirty_bitmap = d.bits;
	tap_errno(ioctl(g.vm, KVM_GET_DIRTY_LOG, &l), ENOENT,
		  "KVM_GET_DIRTY_LOG of a slot that does not log");
	l.slot = 7;
	tap_errno(ioctl(g.vm, KVM_GET_DIRTY_LOG, &l), ENOENT,
		  "KVM_GET_DIRTY_LOG of a slot that does not exist");
	l.slot = 0xffff;
	tap_errno(ioctl(g.vm, KVM_GET_DIRTY_LOG, &l), EINVAL,
		  "KVM_GET_DIRTY_LOG of a slot id beyond the user slots");

	/* logging off: stores are no longer logged; on again: logged again */
	set_lists(&g, 0, 0x55555555, w1, ARRAY_LEN(w1), r1, ARRAY_LEN(r1));
	tap_check(guest_add_slot(&g, 1, LOG_EA, mem, LOG_SIZE, 0) == 0 &&
		  round_ok(&g, 0x55555555) &&
		  guest_add_slot(&g, 1, LOG_EA, mem, LOG_SIZE,
				 KVM_MEM_LOG_DIRTY_PAGES) == 0 &&
		  get_log(&g, &d) == 0 && log_is(&d, NPAGES, NULL, 0),
		  "get: stores while logging was off are not in the log");
	set_lists(&g, 0, 0x66666666, w2, ARRAY_LEN(w2), r2, ARRAY_LEN(r2));
	tap_check(round_ok(&g, 0x66666666) && get_log(&g, &d) == 0 &&
		  log_is(&d, NPAGES, w2, ARRAY_LEN(w2)),
		  "get: logging on again: writable mappings made without it were dropped, the stores are logged");
	guest_destroy(&g);
	munmap(mem, LOG_SIZE);
}

/* KVM_CLEAR_DIRTY_LOG in manual-protect mode */
static int clear_log(struct guest *g, u32 first, u32 num, const u32 *pages,
		     unsigned int n)
{
	struct dlog d = { 0 };
	struct kvm_clear_dirty_log c = {
		.slot = 1, .first_page = first, .num_pages = num,
		.dirty_bitmap = d.bits,
	};
	unsigned int i;

	for (i = 0; i < n; i++)
		d.bits[(pages[i] - first) / 8] |= 1 << ((pages[i] - first) % 8);
	return ioctl(g->vm, KVM_CLEAR_DIRTY_LOG, &c);
}

static void test_clear(void)
{
	static const u32 w1[] = { 3, 10, 64, 100, 200 };
	static const u32 r1[] = { 5 };
	static const u32 clr[] = { 3, 10 };
	static const u32 left[] = { 64, 100, 200 };
	static const u32 w2[] = { 3, 100 };
	static const u32 r2[] = { 10, 64 };
	static const u32 after[] = { 3, 64, 100, 200 };
	u8 *mem = mmap(NULL, LOG_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct kvm_enable_cap cap = {
		.cap = KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2,
		.args = { KVM_DIRTY_LOG_MANUAL_PROTECT_ENABLE },
	};
	struct dlog d;
	struct guest g;
	int caps;

	if (!tap_check(mem != MAP_FAILED && guest_create(&g) == 0,
		       "clear: guest"))
		return;
	caps = ioctl(g.vm, KVM_CHECK_EXTENSION, KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2);
	/* KVM_DIRTY_LOG_INITIALLY_SET needs the arch header's opt-in */
	tap_check(caps == KVM_DIRTY_LOG_MANUAL_PROTECT_ENABLE,
		  "clear: KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2 is %d", caps);
	tap_errno(clear_log(&g, 0, 64, NULL, 0), ENOENT,
		  "KVM_CLEAR_DIRTY_LOG of a slot that does not exist");
	if (!tap_check(ioctl(g.vm, KVM_ENABLE_CAP, &cap) == 0 &&
		       guest_add_slot(&g, 1, LOG_EA, mem, LOG_SIZE,
				      KVM_MEM_LOG_DIRTY_PAGES) == 0 &&
		       vcpu_setup(g.vcpu, 0) == 0,
		       "clear: manual protection on, logged slot"))
		return;
	load_program(&g, 10);
	set_lists(&g, 0, 0x77777777, w1, ARRAY_LEN(w1), r1, ARRAY_LEN(r1));
	tap_check(round_ok(&g, 0x77777777) && get_log(&g, &d) == 0 &&
		  log_is(&d, NPAGES, w1, ARRAY_LEN(w1)),
		  "clear: the log holds the 5 pages stored to");
	tap_check(get_log(&g, &d) == 0 && log_is(&d, NPAGES, w1, ARRAY_LEN(w1)),
		  "clear: fetching does not clear it");
	tap_errno(clear_log(&g, 3, 64, clr, 0), EINVAL,
		  "KVM_CLEAR_DIRTY_LOG from a page not a multiple of 64");
	tap_errno(clear_log(&g, 0, NPAGES + 64, clr, 0), EINVAL,
		  "KVM_CLEAR_DIRTY_LOG beyond the slot");
	tap_check(clear_log(&g, 0, 64, clr, ARRAY_LEN(clr)) == 0 &&
		  get_log(&g, &d) == 0 &&
		  log_is(&d, NPAGES, left, ARRAY_LEN(left)),
		  "clear: pages 3 and 10 cleared, the other three still logged");
	set_lists(&g, 0, 0x88888888, w2, ARRAY_LEN(w2), r2, ARRAY_LEN(r2));
	tap_check(round_ok(&g, 0x88888888) && get_log(&g, &d) == 0 &&
		  log_is(&d, NPAGES, after, ARRAY_LEN(after)) &&
		  stored(mem, w2, ARRAY_LEN(w2), 0x88888888),
		  "clear: a store to cleared page 3 is logged again, cleared page 10 only loaded is not");
	tap_check(clear_log(&g, 0, NPAGES, after, ARRAY_LEN(after)) == 0 &&
		  get_log(&g, &d) == 0 && log_is(&d, NPAGES, NULL, 0),
		  "clear: clearing the whole slot empties the log");
	set_lists(&g, 0, 0x99999999, w2, ARRAY_LEN(w2), r2, ARRAY_LEN(r2));
	tap_check(round_ok(&g, 0x99999999) && get_log(&g, &d) == 0 &&
		  log_is(&d, NPAGES, w2, ARRAY_LEN(w2)),
		  "clear: stores after the clear are logged again");
	guest_destroy(&g);
	munmap(mem, LOG_SIZE);
}

/* the vCPU's counter @name from its binary stats; ~0 when missing */
static unsigned long long vcpu_stat(int vcpu, const char *name)
{
	return kvm_stat(vcpu, name);
}

/*
 * A store loop that runs in the guest without exits: the fetch must
 * take the vCPU out of the guest (a waiting request, so an IPI) before
 * it returns, or a store right after it goes through the writable entry
 * and is never logged.  The guest stores a counter to page 0 until it
 * reads the flag userspace sets right after KVM_GET_DIRTY_LOG, then
 * stores once more and exits with that value: the next fetch must
 * report page 0.
 */
#define FLAG		0xc000u
#define I_BEQ(off)	((16u << 26) | (12u << 21) | (2u << 16) | ((off) & 0xfffc))

static void load_spin(struct guest *g)
{
	struct prog p = { .n = 0 };

	u32 start;

	emit_tlb1(&p, 1, 10, LOG_EA);
	start = prog_here(&p, GUEST_CODE);
	emit(&p, I_LI(5, 0));
	emit(&p, I_LI(7, 0));
	emit_li32(&p, 11, FLAG);
	emit(&p, I_ADDI(5, 5, 1));	/* loop: */
	emit(&p, I_STW(5, 0, 10));
	emit(&p, I_LWZ(6, 0, 11));
	emit(&p, I_CMPW(6, 7));
	emit(&p, I_BEQ(-16));
	emit(&p, I_ADDI(5, 5, 1));
	emit(&p, I_STW(5, 0, 10));
	emit(&p, I_STW(5, 0, 9));
	emit(&p, I_B(start - prog_here(&p, GUEST_CODE)));
	prog_put(g, GUEST_CODE, &p);
}

struct spin {
	struct guest *g;
	int ok;
	u32 last;
};

static void *spin_run(void *arg)
{
	struct spin *sp = arg;

	sp->ok = !ioctl(sp->g->vcpu, KVM_RUN, 0) &&
		 sp->g->run->exit_reason == KVM_EXIT_MMIO;
	sp->last = mmio_value(sp->g->run);
	return NULL;
}

static void test_kick(void)
{
	u8 *mem = mmap(NULL, LOG_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	static const u32 page0[] = { 0 };
	unsigned int k, bad = 0, i;
	struct spin sp;
	pthread_t th;
	struct dlog d;
	struct guest g;

	if (!tap_check(mem != MAP_FAILED && new_guest(&g, mem, LOG_SIZE, 10) == 0,
		       "kick: guest"))
		return;
	load_spin(&g);
	for (k = 0; k < 20; k++) {
		sp = (struct spin){ .g = &g };
		put32(&g, FLAG, 0);
		memset(mem, 0, 4);
		if (pthread_create(&th, NULL, spin_run, &sp)) {
			bad++;
			break;
		}
		/* the guest is storing: then fetch, and stop it at once */
		for (i = 0; i < 10000 && !word(mem, 0); i++)
			usleep(1000);
		usleep(20000);
		if (get_log(&g, &d) || !bit(&d, 0))
			bad++;
		put32(&g, FLAG, 1);
		pthread_join(th, NULL);
		if (!sp.ok || word(mem, 0) != sp.last || get_log(&g, &d) ||
		    !log_is(&d, NPAGES, page0, 1)) {
			tap_diag("kick %u: exit ok %d, last 0x%x, memory 0x%x, logged %d",
				 k, sp.ok, sp.last, word(mem, 0), bit(&d, 0));
			bad++;
		}
	}
	tap_check(!bad,
		  "kick: a store right after KVM_GET_DIRTY_LOG by a guest that never exits is logged, 20 times (%u wrong)",
		  bad);
	guest_destroy(&g);
	munmap(mem, LOG_SIZE);
}

/* two vCPUs storing while userspace fetches the log and copies pages */
struct runner {
	struct guest *g;
	int vcpu;
	struct kvm_run *run;
	unsigned int n;
	int *stop;
	u32 rounds, errors;
};

static void *vcpu_loop(void *arg)
{
	struct runner *r = arg;
	u32 wtab = WTAB(r->n) + 4;

	while (!__atomic_load_n(r->stop, __ATOMIC_RELAXED)) {
		put32(r->g, wtab, (r->n + 1) << 24 | r->rounds);
		if (ioctl(r->vcpu, KVM_RUN, 0) ||
		    r->run->exit_reason != KVM_EXIT_MMIO ||
		    mmio_value(r->run) != ((r->n + 1) << 24 | r->rounds)) {
			struct kvm_regs regs = { 0 };
			int e = errno;

			ioctl(r->vcpu, KVM_GET_REGS, &regs);
			tap_diag("vCPU %u round %u: errno %d, exit %u, MMIO %#llx = %#x, pc %#llx",
				 r->n, r->rounds, e, r->run->exit_reason,
				 (unsigned long long)r->run->mmio.phys_addr,
				 mmio_value(r->run), (unsigned long long)regs.pc);
			r->errors++;
			break;
		}
		__atomic_store_n(&r->rounds, r->rounds + 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

static void copy_logged(const struct dlog *d, u8 *copy, const u8 *mem,
			u32 *logged)
{
	u32 i;

	for (i = 0; i < NPAGES; i++)
		if (bit(d, i)) {
			memcpy(copy + i * 4096, mem + i * 4096, 4096);
			logged[i] = 1;
		}
}

static void test_smp(void)
{
	u32 w0[48], w1[48], rd[32], logged[NPAGES] = { 0 };
	u32 i, stale = 0, spurious = 0, fetches = 0;
	u8 *mem = mmap(NULL, LOG_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	u8 *copy = malloc(LOG_SIZE);
	int stop = 0;
	struct runner r[2];
	pthread_t th[2];
	struct dlog d;
	struct guest g;
	int vcpu1, ok = 1;
	struct kvm_run *run1;

	if (!tap_check(mem != MAP_FAILED && copy &&
		       new_guest(&g, mem, LOG_SIZE, 10) == 0,
		       "smp: guest"))
		return;
	vcpu1 = ioctl(g.vm, KVM_CREATE_VCPU, 1);
	run1 = vcpu1 < 0 ? MAP_FAILED :
	       mmap(NULL, g.run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		    vcpu1, 0);
	if (!tap_check(run1 != MAP_FAILED && vcpu_setup(vcpu1, 1) == 0,
		       "smp: second vCPU"))
		return;
	/* vCPU 0: even pages 0..94, vCPU 1: odd 1..95, both load 128.. */
	for (i = 0; i < 48; i++) {
		w0[i] = 2 * i;
		w1[i] = 2 * i + 1;
	}
	w1[47] = 0;	/* a page both store to */
	for (i = 0; i < 32; i++)
		rd[i] = 128 + 4 * i;
	set_lists(&g, 0, 0, w0, 48, rd, 32);
	set_lists(&g, 1, 0, w1, 48, rd, 32);
	/* the migration's first copy: everything, then the log from now */
	get_log(&g, &d);
	memcpy(copy, mem, LOG_SIZE);
	for (i = 0; i < 2; i++) {
		r[i] = (struct runner){ .g = &g, .n = i, .stop = &stop,
					.vcpu = i ? vcpu1 : g.vcpu,
					.run = i ? run1 : g.run };
		ok &= pthread_create(&th[i], NULL, vcpu_loop, &r[i]) == 0;
	}
	/*
	 * At least 40 fetches and until each vCPU has done 20 rounds (an
	 * emulated host CPU may get little time on a busy build machine),
	 * at most 60 s.
	 */
	for (i = 0; ok && i < 3000; i++) {
		if (i >= 40 &&
		    __atomic_load_n(&r[0].rounds, __ATOMIC_RELAXED) >= 20 &&
		    __atomic_load_n(&r[1].rounds, __ATOMIC_RELAXED) >= 20)
			break;
		usleep(20000);
		if (get_log(&g, &d)) {
			ok = 0;
			break;
		}
		copy_logged(&d, copy, mem, logged);
		fetches++;
	}
	__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
	for (i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	ok &= get_log(&g, &d) == 0;
	copy_logged(&d, copy, mem, logged);
	for (i = 0; i < NPAGES; i++) {
		if (memcmp(copy + i * 4096, mem + i * 4096, 4096) && stale++ < 8)
			tap_diag("page %u: copy 0x%08x, memory 0x%08x", i,
				 word(copy, i), word(mem, i));
		if (logged[i] && i >= 96)
			spurious++;
	}
	tap_diag("smp: %u and %u rounds, %u fetches", r[0].rounds,
		 r[1].rounds, fetches);
	for (i = 0; i < 2; i++)
		tap_diag("smp: vCPU %u: %llu exits, %llu MMIO, %llu+%llu DTLB misses, %llu 4K",
			 i, vcpu_stat(r[i].vcpu, "sum_exits"),
			 vcpu_stat(r[i].vcpu, "mmio_exits"),
			 vcpu_stat(r[i].vcpu, "dtlb_virt_miss_exits"),
			 vcpu_stat(r[i].vcpu, "dtlb_real_miss_exits"),
			 vcpu_stat(r[i].vcpu, "shadow_4k_installs"));
	tap_check(ok && !r[0].errors && !r[1].errors && r[0].rounds >= 20 &&
		  r[1].rounds >= 20,
		  "smp: both vCPUs ran rounds of stores while the log was fetched (%u, %u)",
		  r[0].rounds, r[1].rounds);
	tap_check(!stale && !spurious,
		  "smp: the pages the log reported, copied at each fetch, equal memory at the end (%u stale), no page only loaded was logged (%u)",
		  stale, spurious);
	munmap(run1, g.run_size);
	close(vcpu1);
	guest_destroy(&g);
	munmap(mem, LOG_SIZE);
	free(copy);
}

/* a 16 MiB guest entry over a 16 MiB hugepage */
static void test_huge(void)
{
	static const u32 w[] = { 0, 1, 1000, 2048, 4095 };
	static const u32 r[] = { 2, 1001, 3000, 4094, 1000 };
	const u32 npages = HUGE_SIZE / 4096;
	long free0 = hugepages_free();
	u8 *mem = mmap(NULL, HUGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGE, -1, 0);
	u64 large0, large1;
	struct dlog d;
	struct guest g;

	if (!tap_check(mem != MAP_FAILED && guest_create(&g) == 0 &&
		       guest_add_slot(&g, 1, LOG_EA, mem, HUGE_SIZE,
				      KVM_MEM_LOG_DIRTY_PAGES) == 0 &&
		       vcpu_setup(g.vcpu, 0) == 0,
		       "huge: logged slot over a 16 MiB hugepage"))
		return;
	load_program(&g, 14);
	large0 = vcpu_stat(g.vcpu, "shadow_large_installs");
	set_lists(&g, 0, 0xaaaa0001, w, ARRAY_LEN(w), r, ARRAY_LEN(r));
	tap_check(round_ok(&g, 0xaaaa0001) && get_log(&g, &d) == 0 &&
		  log_is(&d, npages, w, ARRAY_LEN(w)) &&
		  stored(mem, w, ARRAY_LEN(w), 0xaaaa0001),
		  "huge: exactly the 5 4 KiB pages stored to are logged");
	set_lists(&g, 0, 0xaaaa0002, r, ARRAY_LEN(r), w, ARRAY_LEN(w));
	tap_check(round_ok(&g, 0xaaaa0002) && get_log(&g, &d) == 0 &&
		  log_is(&d, npages, r, ARRAY_LEN(r)),
		  "huge: next round, the other pages, exactly");
	large1 = vcpu_stat(g.vcpu, "shadow_large_installs");
	tap_check(large0 != ~0ull && large1 == large0,
		  "huge: no large shadow entry while logging (%llu)",
		  (unsigned long long)(large1 - large0));
	set_lists(&g, 0, 0xaaaa0003, w, ARRAY_LEN(w), r, ARRAY_LEN(r));
	tap_check(guest_add_slot(&g, 1, LOG_EA, mem, HUGE_SIZE, 0) == 0 &&
		  round_ok(&g, 0xaaaa0003) &&
		  stored(mem, w, ARRAY_LEN(w), 0xaaaa0003) &&
		  vcpu_stat(g.vcpu, "shadow_large_installs") > large1,
		  "huge: logging off, the slot is mapped large again");
	guest_destroy(&g);
	munmap(mem, HUGE_SIZE);
	tap_check(hugepages_free() == free0,
		  "huge: the hugepage is free again after the guest (%ld of %ld)",
		  hugepages_free(), free0);
}

int main(void)
{
	tap_start();
	test_get();
	test_clear();
	test_smp();
	test_kick();
	test_huge();
	return tap_done();
}
