// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host changes to guest memory while the guest runs (MMU notifiers).
 * The guest spins reading one word and reports it (an MMIO store) only
 * when it changes, so between reports it runs without exits and its
 * translation is a shadow entry in the host TLB.  Another thread then
 * replaces the page (mmap MAP_FIXED), unmaps it, drops it with
 * MADV_DONTNEED or write-protects it while the guest uses it: the guest
 * must see the new contents (never the old page), KVM_RUN must fail
 * with EFAULT where the page is gone or not writable, and a store must
 * never land after mprotect() returned.
 *
 * Those four changes end in flush_tlb_mm(), which on an e500v2 host
 * flash-invalidates the TLBs of every CPU the process ran on, shadow
 * entries included.  A copy-on-write break does not: the host flushes
 * only its own virtual address (flush_tlb_page()), so the last case
 * passes only through the MMU notifier.  The guest reads through a
 * read-only slot (shadow mapped without a write fault) a page that a
 * fork() made shared; the host's write then copies it, and the guest
 * must see the copy, not the page the child kept.
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/wait.h>

#include "guest_watch.h"
#include "tap.h"

#define WATCH_CODE	0x1000
#define STORE_CODE	0x1100
#define PAGE_A		0x80000		/* replaced, then unmapped */
#define PAGE_B		0x81000		/* MADV_DONTNEED */
#define PAGE_C		0x82000		/* mprotect(PROT_READ) */
#define PAT_A		0xa1a2a3a4u
#define PAT_NEW		0xb1b2b3b4u
#define PAT_BACK	0xc1c2c3c4u
#define PAT_B		0xd1d2d3d4u
#define ADDR_RO		0x400000	/* read-only slot, copy-on-write */
#define PAT_RO		0xe1e2e3e4u
#define PAT_COPY	0xf1f2f3f4u

static struct guest g;

/* r5: the address watched, r7: the value last reported */
static const u32 watch[] = {
	I_LWZ(6, 0, 5),			/* 0 */
	I_CMPW(6, 7),			/* 1 */
	I_BEQ(-8),			/* 2: to 0 */
	I_MR(7, 6),			/* 3 */
	I_STW(6, 0, 4),			/* 4: report */
	I_B(-20),			/* 5: to 0 */
};

/* r5: the address, r8: a counter stored there over and over */
static const u32 store[] = {
	I_STW(8, 0, 5),
	I_STW(8, 0, 4),			/* "started" */
	I_ADDI(8, 8, 1),		/* 2 */
	I_STW(8, 0, 5),
	I_B(-8),			/* to 2 */
};

static int start_at(u32 pc, u32 addr, u32 r8)
{
	struct kvm_regs regs;

	if (ioctl(g.vcpu, KVM_GET_REGS, &regs))
		return -1;
	regs.pc = pc;
	regs.msr = 0;
	regs.gpr[4] = GUEST_MMIO;
	regs.gpr[5] = addr;
	regs.gpr[7] = 0;
	regs.gpr[8] = r8;
	return ioctl(g.vcpu, KVM_SET_REGS, &regs);
}

/* one KVM_RUN, at most @secs seconds; 0 or -errno */
static int run_for(unsigned int secs)
{
	int r;

	alarm(secs);
	r = ioctl(g.vcpu, KVM_RUN, 0);
	alarm(0);
	return r ? -errno : 0;
}

/* the run ended in a report store: its value */
static int report(u32 *val)
{
	int r = run_for(5);

	*val = 0;
	if (r) {
		tap_diag("KVM_RUN: %s", strerror(-r));
		return 0;
	}
	if (g.run->exit_reason != KVM_EXIT_MMIO || !g.run->mmio.is_write ||
	    g.run->mmio.phys_addr != GUEST_MMIO) {
		tap_diag("exit %u, mmio addr 0x%llx", g.run->exit_reason,
			 (unsigned long long)g.run->mmio.phys_addr);
		return 0;
	}
	*val = mmio_value(g.run);
	return 1;
}

static int replace_page(void *arg)
{
	int fd = memfd_create("notifier_test", 0);
	u8 *p;

	if (fd < 0 || ftruncate(fd, 4096))
		return -1;
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return -1;
	put_be32(p, PAT_NEW);
	munmap(p, 4096);
	/* one step: the old page goes, the new one is there at once */
	p = mmap(g.ram + PAGE_A, 4096, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED, fd, 0);
	close(fd);
	return p == MAP_FAILED ? -1 : 0;
}

static int unmap_page(void *arg)
{
	return munmap(g.ram + PAGE_A, 4096);
}

static int drop_page(void *arg)
{
	return madvise(g.ram + PAGE_B, 4096, MADV_DONTNEED);
}

static u32 frozen;
static u8 *ro_mem;

static int write_ro(void *arg)
{
	put_be32(ro_mem, PAT_COPY);
	return 0;
}

static int protect_page(void *arg)
{
	int r = mprotect(g.ram + PAGE_C, 4096, PROT_READ);

	/* from here on no guest store may land */
	frozen = get_be32(g.ram + PAGE_C);
	return r;
}

int main(void)
{
	struct helper h;
	u32 val;
	u8 *p;
	int r;

	tap_start();
	watch_signals();
	if (!tap_check(guest_create(&g) == 0, "create a guest"))
		return tap_done();
	guest_code(&g, WATCH_CODE, watch, ARRAY_LEN(watch));
	guest_code(&g, STORE_CODE, store, ARRAY_LEN(store));
	put_be32(g.ram + PAGE_A, PAT_A);
	put_be32(g.ram + PAGE_B, PAT_B);

	/* page replaced under the guest */
	start_at(WATCH_CODE, PAGE_A, 0);
	tap_check(report(&val) && val == PAT_A,
		  "the guest reads the page (0x%08x)", val);
	helper_start(&h, 50, replace_page, NULL);
	r = report(&val);
	tap_check(helper_join(&h) == 0, "mmap(MAP_FIXED) over the page");
	tap_check(r && val == PAT_NEW,
		  "after the page is replaced the guest reads the new page (0x%08x)",
		  val);

	/* page unmapped under the guest, then mapped again */
	helper_start(&h, 50, unmap_page, NULL);
	r = run_for(5);
	tap_check(helper_join(&h) == 0, "munmap of the page");
	tap_check(r == -EFAULT,
		  "with the page unmapped KVM_RUN fails with EFAULT (%s)",
		  strerror(-r));
	p = mmap(g.ram + PAGE_A, 4096, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	put_be32(p, PAT_BACK);
	tap_check(report(&val) && val == PAT_BACK,
		  "mapped again, the guest goes on and reads it (0x%08x)", val);

	/* MADV_DONTNEED: zeroes afterwards */
	start_at(WATCH_CODE, PAGE_B, 0);
	tap_check(report(&val) && val == PAT_B,
		  "the guest reads the second page (0x%08x)", val);
	helper_start(&h, 50, drop_page, NULL);
	r = report(&val);
	tap_check(helper_join(&h) == 0, "madvise(MADV_DONTNEED)");
	tap_check(r && val == 0,
		  "after MADV_DONTNEED the guest reads zero (0x%08x)", val);

	/* mprotect(PROT_READ) under a guest storing in a loop */
	start_at(STORE_CODE, PAGE_C, 0x100);
	tap_check(report(&val) && val == 0x100,
		  "the guest stores to the third page");
	helper_start(&h, 50, protect_page, NULL);
	r = run_for(5);
	tap_check(helper_join(&h) == 0, "mprotect(PROT_READ)");
	tap_check(r == -EFAULT,
		  "a guest store to a read-only mapping: KVM_RUN fails with EFAULT (%s)",
		  strerror(-r));
	val = get_be32(g.ram + PAGE_C);
	tap_check(val == frozen && val > 0x100,
		  "no guest store landed after mprotect returned (0x%08x, then 0x%08x)",
		  frozen, val);
	r = run_for(5);
	tap_check(r == -EFAULT, "KVM_RUN again: EFAULT again (%s)", strerror(-r));
	mprotect(g.ram + PAGE_C, 4096, PROT_READ | PROT_WRITE);
	start_at(WATCH_CODE, 0x1000, 0);
	tap_check(report(&val) && val == watch[0],
		  "the vCPU still runs guest code afterwards (0x%08x)", val);

	/* copy-on-write: only the MMU notifier flushes this one */
	ro_mem = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	put_be32(ro_mem, PAT_RO);
	{
		struct kvm_userspace_memory_region reg = {
			.slot = 1, .flags = KVM_MEM_READONLY,
			.guest_phys_addr = ADDR_RO, .memory_size = 4096,
			.userspace_addr = (uintptr_t)ro_mem,
		};

		tap_check(ioctl(g.vm, KVM_SET_USER_MEMORY_REGION, &reg) == 0,
			  "a read-only slot");
	}
	start_at(WATCH_CODE, ADDR_RO, 0);
	tap_check(report(&val) && val == PAT_RO,
		  "the guest reads the read-only slot (0x%08x)", val);
	{
		pid_t child = fork();

		if (child == 0) {
			pause();
			_exit(0);
		}
		/* the guest maps the now shared page again, then we write */
		helper_start(&h, 100, write_ro, NULL);
		r = report(&val);
		tap_check(helper_join(&h) == 0 && r && val == PAT_COPY,
			  "after a copy-on-write break the guest reads the host's copy (0x%08x)",
			  val);
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
	}

	guest_destroy(&g);
	return tap_done();
}
