// SPDX-License-Identifier: GPL-2.0-only
/*
 * Large host shadow pages on e500v2.  The guest maps a region of guest
 * memory with one 64 MiB TLB1 entry and reads one word per 4 KiB page;
 * the vCPU's binary stats count the host TLB-miss exits and the shadow
 * entries written.  With hugetlbfs behind the region a few large host
 * TLB1 entries cover it (a handful of misses); with ordinary 4 KiB
 * anonymous memory every page is its own miss.  Both ways the guest
 * must read exactly what userspace wrote, down to the region's last
 * byte, userspace must see what the guest wrote, and a read-only slot
 * mapped the same way must stay read-only (a store is an MMIO exit).
 * The 64 MiB walk benchmark over both backings is scripts/bench's
 * walk4k and walkhuge rows (tests/bench), with the same emit_walk().
 */

#include "guest_prog.h"
#include "hugepages.h"
#include "kvm_stats.h"
#include "tap.h"

typedef __u64 u64;

#define MIB		(1024u * 1024u)
#define HUGE_SIZE	(16 * MIB)
#define TEST_SIZE	(32 * MIB)
#define WALK_EA		0x10000000u	/* = its GPA; one 64 MiB TLB1 entry */
#define RO_EA		0x14000000u	/* = its GPA; one 16 MiB TLB1 entry */
#define RO_SIZE		(16 * MIB)
#define MAP_HUGE	0x40000	/* MAP_HUGETLB */

#define I_LBZ(rt, d, ra)   ((34u << 26) | ((rt) << 21) | ((ra) << 16) | ((d) & 0xffff))

/* the guest's MMIO stores: offsets from GUEST_MMIO */
enum {
	M_SUM = 0, M_LAST = 4, M_WROTE = 8, M_RO = 12, M_AFTER = 16,
	M_READY = 0x20,
};

struct counts {
	u64 misses, large, small;
};

static struct counts counts_now(const struct kvm_stats *s)
{
	struct counts c = {
		.misses = kvm_stats_value(s, "dtlb_virt_miss_exits") +
			  kvm_stats_value(s, "dtlb_real_miss_exits"),
		.large = kvm_stats_value(s, "shadow_large_installs"),
		.small = kvm_stats_value(s, "shadow_4k_installs"),
	};

	return c;
}

static struct counts counts_since(const struct kvm_stats *s, struct counts a)
{
	struct counts b = counts_now(s);

	b.misses -= a.misses;
	b.large -= a.large;
	b.small -= a.small;
	return b;
}

/* the VM, and the pages its shadow pins, go with the last reference */
static void guest_close(struct guest *g)
{
	guest_destroy(g);
}

static void *map_mem(size_t size, int huge)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | (huge ? MAP_HUGE : 0),
		       -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* pc at GUEST_CODE, r3 base, r4 accesses, r5 passes, r9 MMIO, r10 stride */
static int set_walk_regs(struct guest *g, u32 n, u32 passes, u32 stride)
{
	struct kvm_regs regs;

	if (ioctl(g->vcpu, KVM_GET_REGS, &regs))
		return -1;
	regs.pc = GUEST_CODE;
	regs.msr = 0;
	regs.gpr[3] = WALK_EA;
	regs.gpr[4] = n;
	regs.gpr[5] = passes;
	regs.gpr[9] = GUEST_MMIO;
	regs.gpr[10] = stride;
	return ioctl(g->vcpu, KVM_SET_REGS, &regs);
}

/* word @i of the walk region, as userspace writes it */
static u32 pattern(u32 i)
{
	return i * 7 + 3;
}

static u32 fill(u8 *mem, size_t size, u32 stride, u32 passes)
{
	u32 i, sum = 0, n = size / stride;

	for (i = 0; i < n; i++) {
		*(u32 *)(mem + (size_t)i * stride) = pattern(i);
		sum += pattern(i);
	}
	return sum * passes;
}

static int run_until(struct guest *g, u32 off, u32 *val)
{
	return guest_store_exit(g, GUEST_MMIO + off, val);
}

static void test_backing(int huge)
{
	const char *kind = huge ? "hugetlbfs" : "4 KiB pages";
	u32 n = TEST_SIZE / 4096, val, i, bad = 0, want;
	struct prog p = { .n = 0 };
	u8 *mem = map_mem(TEST_SIZE, huge), *ro = map_mem(RO_SIZE, huge);
	struct counts c0, c;
	struct kvm_stats s;
	struct guest g;

	if (!tap_check(mem && ro, "%s: map %u MiB + %u MiB", kind,
		       TEST_SIZE / MIB, RO_SIZE / MIB))
		return;
	want = fill(mem, TEST_SIZE, 4096, 1);
	mem[TEST_SIZE - 1] = 0xa5;
	*(u32 *)(ro + 0x100) = 0xc0ffee11;
	*(u32 *)(ro + 0x200) = 0x12345678;
	if (!tap_check(guest_create(&g) == 0 &&
		       guest_add_slot(&g, 1, WALK_EA, mem, TEST_SIZE, 0) == 0 &&
		       guest_add_slot(&g, 2, RO_EA, ro, RO_SIZE,
				      KVM_MEM_READONLY) == 0 &&
		       kvm_stats_open(&s, g.vcpu) == 0,
		       "%s: guest with the region and a read-only slot", kind))
		return;
	emit_tlb1(&p, 1, 16, WALK_EA);		/* 64 MiB */
	emit_tlb1(&p, 2, 14, RO_EA);		/* 16 MiB */
	emit(&p, I_STW(0, M_READY, 9));
	emit_walk(&p);
	emit(&p, I_STW(6, M_SUM, 9));
	emit(&p, I_LBZ(8, -1, 7));
	emit(&p, I_STW(8, M_LAST, 9));
	/* the word at +8 of each page gets the page's address */
	emit(&p, I_MTCTR(4));
	emit(&p, I_OR(7, 3, 3));
	emit(&p, I_STW(7, 8, 7));
	emit(&p, I_ADD(7, 7, 10));
	emit(&p, I_BDNZ(-8));
	emit(&p, I_LI(8, 0x5a));
	emit(&p, I_STB(8, -1, 7));
	emit(&p, I_STW(8, M_WROTE, 9));
	/* the read-only slot: a load, then a store */
	emit(&p, I_LIS(11, RO_EA >> 16));
	emit(&p, I_LWZ(8, 0x100, 11));
	emit(&p, I_STW(8, M_RO, 9));
	emit(&p, I_STW(8, 0x200, 11));
	emit(&p, I_LI(8, 0x77));
	emit(&p, I_STW(8, M_AFTER, 9));
	emit(&p, I_SELF_LOOP);
	prog_put(&g, GUEST_CODE, &p);
	set_walk_regs(&g, n, 1, 4096);

	tap_check(run_until(&g, M_READY, &val), "%s: guest mapped the region",
		  kind);
	c0 = counts_now(&s);
	tap_check(run_until(&g, M_SUM, &val) && val == want,
		  "%s: the guest read every page's word (sum 0x%08x, want 0x%08x)",
		  kind, val, want);
	c = counts_since(&s, c0);
	tap_diag("%s: %u pages: %llu TLB-miss exits, %llu large, %llu 4 KiB shadow entries",
		 kind, n, (unsigned long long)c.misses,
		 (unsigned long long)c.large, (unsigned long long)c.small);
	if (huge) {
		/* one miss per hugepage, plus the MMIO store */
		tap_check(c.misses <= TEST_SIZE / HUGE_SIZE + 4,
			  "hugetlbfs: at most %u TLB-miss exits for %u pages (%llu)",
			  TEST_SIZE / HUGE_SIZE + 4, n,
			  (unsigned long long)c.misses);
		tap_check(c.large >= TEST_SIZE / HUGE_SIZE &&
			  c.large <= TEST_SIZE / HUGE_SIZE + 4,
			  "hugetlbfs: %llu large shadow entries (one per 16 MiB page)",
			  (unsigned long long)c.large);
	} else {
		/* plus a few after flushes, CPU moves, host TLB0 use */
		tap_check(c.misses >= n && c.misses <= n + n / 32,
			  "4 KiB pages: about one TLB-miss exit per page (%llu for %u)",
			  (unsigned long long)c.misses, n);
		tap_check(c.large == 0 && c.small >= n,
			  "4 KiB pages: no large shadow entry (%llu), %llu 4 KiB ones",
			  (unsigned long long)c.large,
			  (unsigned long long)c.small);
	}
	tap_check(run_until(&g, M_LAST, &val) && val == 0xa5,
		  "%s: the guest reads the region's last byte (0x%02x)", kind,
		  val);
	tap_check(run_until(&g, M_WROTE, &val), "%s: guest wrote every page",
		  kind);
	for (i = 0; i < n; i++)
		bad += *(u32 *)(mem + (size_t)i * 4096 + 8) != WALK_EA + i * 4096;
	tap_check(!bad && mem[TEST_SIZE - 1] == 0x5a,
		  "%s: userspace sees the guest's stores (%u pages wrong, last byte 0x%02x)",
		  kind, bad, mem[TEST_SIZE - 1]);
	tap_check(run_until(&g, M_RO, &val) && val == 0xc0ffee11,
		  "%s: the guest reads the read-only slot (0x%08x)", kind, val);
	tap_check(run_until(&g, 0x200 - GUEST_MMIO + RO_EA, &val) &&
		  val == 0xc0ffee11 && *(u32 *)(ro + 0x200) == 0x12345678,
		  "%s: a store to the read-only slot is an MMIO exit (0x%08x), memory unchanged",
		  kind, val);
	tap_check(run_until(&g, M_AFTER, &val) && val == 0x77,
		  "%s: the guest carries on after it", kind);
	c = counts_since(&s, c0);
	if (huge)
		tap_check(c.large >= TEST_SIZE / HUGE_SIZE + 1,
			  "hugetlbfs: the read-only slot is mapped large too (%llu in all)",
			  (unsigned long long)c.large);
	kvm_stats_close(&s);
	guest_close(&g);
	munmap(mem, TEST_SIZE);
	munmap(ro, RO_SIZE);
}

int main(void)
{
	long free0, free1;

	tap_start();
	free0 = hugepages_free();
	test_backing(1);
	/* every reference the large shadow took was dropped exactly once */
	free1 = hugepages_free();
	tap_check(free0 >= 3 && free1 == free0,
		  "hugetlbfs: all hugepages free again after the guest (%ld of %ld)",
		  free1, free0);
	test_backing(0);
	return tap_done();
}
