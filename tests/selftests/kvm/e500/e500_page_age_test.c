// SPDX-License-Identifier: GPL-2.0-only
/*
 * Page aging seen through /sys/kernel/mm/page_idle/bitmap: e500 has no
 * referenced bit, so the backend records the pages it maps for the guest
 * and answers the MMU notifier's clear_young/test_young from that
 * (mmu/young.c).  The guest keeps a few pages of a test slot mapped;
 * userspace marks every page of the slot idle; a page the guest reads
 * afterwards must no longer be idle (without page aging its shadow entry
 * stays in place, nothing tells the host, and the page stays idle), and a
 * page the guest did not have mapped since the marking must stay idle.
 * The test thread stays on CPU 0, so no CPU change flushes the shadow.
 */
#include <fcntl.h>
#include <sched.h>

#include "kvm_util.h"
#include "processor.h"
#include "ucall_common.h"

#define SLOT		1
#define NPAGES		16
/*
 * written after the test pages, so that those leave the per-CPU LRU
 * batch (up to 31 pages) for the LRU lists, where page_idle sees them
 */
#define SLOT_PAGES	(NPAGES + 64)
#define TEST_GPA	0x2000000ull	/* 32 MiB */
#define TEST_GVA	0x2000000u

/* bit i: the guest reads page i of the slot in its next round */
static u32 touch_mask;

static void guest_code(void)
{
	unsigned int i;

	for (;;) {
		for (i = 0; i < NPAGES; i++)
			if (READ_ONCE(touch_mask) & (1u << i))
				READ_ONCE(*(u32 *)(TEST_GVA + i * 4096));
		GUEST_SYNC(0);
	}
}

static int pagemap_fd, idle_fd;
static u64 pfns[NPAGES];

static u64 page_pfn(struct kvm_vm *vm, unsigned int i)
{
	uintptr_t hva = (uintptr_t)addr_gpa2hva(vm, TEST_GPA + i * 4096);
	u64 entry;

	TEST_ASSERT(pread(pagemap_fd, &entry, 8, hva / 4096 * 8) == 8,
		    "pagemap read");
	TEST_ASSERT(entry >> 63, "page %u present", i);
	return entry & ((1ull << 55) - 1);
}

static void mark_idle(void)
{
	unsigned int i;
	u64 bits;

	for (i = 0; i < NPAGES; i++) {
		bits = 1ull << (pfns[i] % 64);
		TEST_ASSERT(pwrite(idle_fd, &bits, 8, pfns[i] / 64 * 8) == 8,
			    "page_idle write");
	}
}

/* bit i set: page i is idle */
static u32 idle_mask(void)
{
	unsigned int i;
	u64 bits;
	u32 mask = 0;

	for (i = 0; i < NPAGES; i++) {
		TEST_ASSERT(pread(idle_fd, &bits, 8, pfns[i] / 64 * 8) == 8,
			    "page_idle read");
		if ((bits >> (pfns[i] % 64)) & 1)
			mask |= 1u << i;
	}
	return mask;
}

/* a vCPU binary stat by name */
static u64 stat(struct kvm_vcpu *vcpu, const char *name)
{
	int fd = __vcpu_ioctl(vcpu, KVM_GET_STATS_FD, NULL);
	struct kvm_stats_header h;
	struct kvm_stats_desc *d;
	u64 v = ~0ull;
	u32 i;

	TEST_ASSERT(fd >= 0, "KVM_GET_STATS_FD");
	read_stats_header(fd, &h);
	d = read_stats_descriptors(fd, &h);
	for (i = 0; i < h.num_desc; i++) {
		struct kvm_stats_desc *e = get_stats_descriptor(d, i, &h);

		if (!strcmp(e->name, name))
			read_stat_data(fd, &h, e, &v, 1);
	}
	free(d);
	close(fd);
	return v;
}

static void guest_round(struct kvm_vm *vm, struct kvm_vcpu *vcpu, u32 mask)
{
	u64 inst = stat(vcpu, "shadow_4k_installs");
	u64 miss = stat(vcpu, "dtlb_real_miss_exits");

	touch_mask = mask;
	sync_global_to_guest(vm, touch_mask);
	vcpu_run(vcpu);
	TEST_ASSERT_EQ(get_ucall(vcpu, NULL), UCALL_SYNC);
	pr_info("round %#x: %llu shadow installs, %llu guest TLB misses\n",
		mask, stat(vcpu, "shadow_4k_installs") - inst,
		stat(vcpu, "dtlb_real_miss_exits") - miss);
}

int main(void)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	cpu_set_t cpu0;
	unsigned int i;

	idle_fd = open("/sys/kernel/mm/page_idle/bitmap", O_RDWR);
	__TEST_REQUIRE(idle_fd >= 0, "no page_idle (CONFIG_IDLE_PAGE_TRACKING)");
	pagemap_fd = open("/proc/self/pagemap", O_RDONLY);
	TEST_ASSERT(pagemap_fd >= 0, "open pagemap");
	CPU_ZERO(&cpu0);
	CPU_SET(0, &cpu0);
	TEST_ASSERT(!sched_setaffinity(0, sizeof(cpu0), &cpu0), "pin to CPU 0");

	vm = vm_create_with_one_vcpu(&vcpu, guest_code);
	vm_userspace_mem_region_add(vm, VM_MEM_SRC_ANONYMOUS, TEST_GPA, SLOT,
				    SLOT_PAGES, 0);
	virt_map(vm, TEST_GVA, TEST_GPA, NPAGES);
	for (i = 0; i < SLOT_PAGES; i++)
		memset(addr_gpa2hva(vm, TEST_GPA + i * 4096), i + 1, 4096);
	for (i = 0; i < NPAGES; i++) {
		pfns[i] = page_pfn(vm, i);
		TEST_ASSERT(pfns[i], "pfn of page %u (needs root)", i);
	}

	/*
	 * The guest maps pages 0-7; all 16 are marked idle and read idle;
	 * it reads 0-7 again, which must then be used, while 8-15, never
	 * mapped, stay idle.  Five times: other events that flush the
	 * shadow (a guest TLB miss, pin list full) also make 0-7 used and
	 * would hide missing page aging in one round, not in five.
	 */
	guest_round(vm, vcpu, 0x00ff);
	for (i = 0; i < 5; i++) {
		mark_idle();
		TEST_ASSERT_EQ(idle_mask(), 0xffff);
		guest_round(vm, vcpu, 0x00ff);
		TEST_ASSERT_EQ(idle_mask(), 0xff00);
	}
	/* marked again; it reads 8-15 only */
	mark_idle();
	guest_round(vm, vcpu, 0xff00);
	TEST_ASSERT_EQ(idle_mask() & 0xff00, 0);
	/*
	 * Marked again; a round reading nothing.  Pages 0-7 have not been
	 * mapped since the last round's flush: they stay idle.  (8-15 had
	 * shadow entries when marked: the flush that ages them releases
	 * them as used, design.md "Page aging", so they are not checked.)
	 */
	mark_idle();
	guest_round(vm, vcpu, 0);
	TEST_ASSERT_EQ(idle_mask() & 0x00ff, 0x00ff);

	kvm_vm_free(vm);
	close(idle_fd);
	close(pagemap_fd);
	return 0;
}
