// SPDX-License-Identifier: GPL-2.0-only
/*
 * tlbivax is broadcast when HID1[ABE] is set (as at reset), local when
 * it is clear: two vCPUs of one VM run at the same time, vCPU 1
 * spinning (no exits) on loads through two TLB1 entries of its own
 * guest TLB, entry 1 plain and entry 2 with IPROT.  vCPU 0 removes them
 * with tlbivax: the IPROT entry survives tlbivax by address and the
 * invalidate-all form, the plain one goes and vCPU 1 takes a data TLB
 * error on its very next access; tlbwe on vCPU 1 then removes the IPROT
 * entry.  MMUCSR0 flash invalidation is local: vCPU 0's leaves vCPU 1's
 * entries alone, vCPU 1's own removes them (IPROT kept, or it could not
 * fetch its code).  vCPU 1's data TLB error handler reports DEAR.
 */
#include "guest_watch.h"
#include "tap.h"

#define CODE0		0x1000
#define CODE1		0x4000
#define HANDLER1	0x6000
#define COMMAND		0x3000		/* vCPU 1 polls this word */
#define EA_PLAIN	0x10000000u
#define EA_PROT		0x20000000u
#define PAT_PLAIN	0x50500001u
#define PAT_PROT	0x50500002u
#define SPR_HID1	1009
#define SPR_MMUCSR0	1012
#define MMUCSR0_TLB1FI	0x2
#define HID1_ABE	0x1000		/* address broadcast enable */

static struct guest g;
static int vcpu1;
static struct kvm_run *run1;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static u32 ready_a, ready_b;	/* vCPU 1's first reads */
static u32 again;		/* its read once entry 1 is back */
static u32 dear[4];		/* DEARs its handler reported */
static unsigned int ndear;
static int run1_errno;

/* vCPU 0 at CODE0, vCPU 1 at CODE1 with its TLB error handler */
static void put_code(void)
{
	const u32 code1[] = {
		I_LIS(4, HI(GUEST_MMIO)), I_ORI(4, 4, LO(GUEST_MMIO)),
		I_LI(3, 0), I_MTSPR(SPR_IVPR, 3),
		I_LI(3, HANDLER1), I_MTSPR(spr_ivor(13), 3),
		I_LI(20, 0),
		/* TLB1 entry 1: 64 KiB at EA_PLAIN -> 0x80000 */
		I_LIS(3, HI(0x10010000)), I_ORI(3, 3, LO(0x10010000)), I_MTSPR(SPR_MAS0, 3),
		I_LIS(3, HI(0x80000300)), I_ORI(3, 3, LO(0x80000300)), I_MTSPR(SPR_MAS1, 3),
		I_LIS(3, HI(EA_PLAIN)), I_ORI(3, 3, LO(EA_PLAIN)), I_MTSPR(SPR_MAS2, 3),
		I_LIS(3, HI(0x00080015)), I_ORI(3, 3, LO(0x00080015)), I_MTSPR(SPR_MAS3, 3),
		I_LI(3, 0), I_MTSPR(SPR_MAS7, 3),
		I_TLBWE,
		/* TLB1 entry 2, IPROT: 64 KiB at EA_PROT -> 0x90000 */
		I_LIS(3, HI(0x10020000)), I_ORI(3, 3, LO(0x10020000)), I_MTSPR(SPR_MAS0, 3),
		I_LIS(3, HI(0xc0000300)), I_ORI(3, 3, LO(0xc0000300)), I_MTSPR(SPR_MAS1, 3),
		I_LIS(3, HI(EA_PROT)), I_ORI(3, 3, LO(EA_PROT)), I_MTSPR(SPR_MAS2, 3),
		I_LIS(3, HI(0x00090015)), I_ORI(3, 3, LO(0x00090015)), I_MTSPR(SPR_MAS3, 3),
		I_TLBWE, I_ISYNC,
		I_LIS(5, HI(EA_PLAIN)), I_ORI(5, 5, LO(EA_PLAIN)),
		I_LIS(9, HI(EA_PROT)), I_ORI(9, 9, LO(EA_PROT)),
		I_LWZ(6, 0, 5), I_STW(6, 0, 4),
		I_LWZ(10, 0, 9), I_STW(10, 4, 4),
		/* spin without exits */
		I_LWZ(6, 0, 5), I_LWZ(10, 0, 9), I_B(-8),
	};

	const u32 handler1[] = {
		I_MFSPR(3, SPR_DEAR), I_STW(3, 0x10, 4),	/* 0, 1 */
		I_ADDI(20, 20, 1),				/* 2 */
		I_CMPWI(20, 1),					/* 3 */
		I_BNE(44),					/* 4: to 15 */
		/* first miss: poll COMMAND, reading through the IPROT entry */
		I_LWZ(10, 0, 9),				/* 5 */
		I_LWZ(21, COMMAND, 0),				/* 6 */
		I_CMPWI(21, 0),					/* 7 */
		I_BEQ(-12),					/* 8: to 5 */
		/* tlbwe with V = 0 over the IPROT entry, then use it */
		I_LIS(3, 0x1002), I_MTSPR(SPR_MAS0, 3),		/* 9, 10 */
		I_LI(3, 0), I_MTSPR(SPR_MAS1, 3),		/* 11, 12 */
		I_TLBWE,					/* 13 */
		I_LWZ(10, 0, 9),				/* 14: the second miss */
		I_CMPWI(20, 2),					/* 15 */
		I_BNE(84),					/* 16: to 37 */
		/* second miss: the plain entry again, reported */
		I_LIS(3, 0x1001), I_MTSPR(SPR_MAS0, 3),		/* 17, 18 */
		I_LIS(3, 0x8000), I_ORI(3, 3, 0x0300),		/* 19, 20 */
		I_MTSPR(SPR_MAS1, 3), I_MTSPR(SPR_MAS2, 5),	/* 21, 22 */
		I_LIS(3, 0x0008), I_ORI(3, 3, 0x0015),		/* 23, 24 */
		I_MTSPR(SPR_MAS3, 3), I_TLBWE, I_ISYNC,		/* 25-27 */
		I_LWZ(6, 0, 5), I_STW(6, 0x14, 4),		/* 28, 29 */
		/* spin on it until COMMAND is 2, then flash TLB1 here */
		I_LWZ(6, 0, 5),					/* 30 */
		I_LWZ(21, COMMAND, 0),				/* 31 */
		I_CMPWI(21, 2),					/* 32 */
		I_BNE(-12),					/* 33: to 30 */
		I_LI(3, MMUCSR0_TLB1FI), I_MTSPR(SPR_MMUCSR0, 3), /* 34, 35 */
		I_LWZ(6, 0, 5),					/* 36: third miss */
		I_SELF_LOOP,					/* 37 */
	};

	const u32 code0[] = {
		I_LIS(4, HI(GUEST_MMIO)), I_ORI(4, 4, LO(GUEST_MMIO)),
		/* HID1[ABE] as reset; cleared, tlbivax stays local */
		I_MFSPR(3, SPR_HID1), I_STW(3, 0xc, 4),
		I_LI(3, 0), I_MTSPR(SPR_HID1, 3),
		I_LIS(3, HI(EA_PLAIN | 8)), I_ORI(3, 3, LO(EA_PLAIN | 8)),
		I_TLBIVAX(0, 3), I_TLBSYNC,
		I_LI(3, 9), I_STW(3, 8, 4),
		I_LI(3, HID1_ABE), I_MTSPR(SPR_HID1, 3),
		I_LIS(3, HI(EA_PROT | 8)), I_ORI(3, 3, LO(EA_PROT | 8)), I_TLBIVAX(0, 3), I_TLBSYNC,
		I_LI(3, 1), I_STW(3, 8, 4),
		I_LIS(3, HI(EA_PLAIN | 8)), I_ORI(3, 3, LO(EA_PLAIN | 8)),
		I_TLBIVAX(0, 3), I_TLBSYNC,
		I_LI(3, 2), I_STW(3, 8, 4),
		I_LI(3, 0xc), I_TLBIVAX(0, 3), I_TLBSYNC,
		I_LI(3, 3), I_STW(3, 8, 4),
		/* MMUCSR0 flash invalidation of TLB1: local */
		I_LI(3, MMUCSR0_TLB1FI), I_MTSPR(SPR_MMUCSR0, 3),
		I_LI(3, 4), I_STW(3, 8, 4),
		I_SELF_LOOP,
	};

	guest_code(&g, CODE0, code0, ARRAY_LEN(code0));
	guest_code(&g, CODE1, code1, ARRAY_LEN(code1));
	guest_code(&g, HANDLER1, handler1, ARRAY_LEN(handler1));
}

/* vCPU 1's thread: run until a signal, recording reports */
static void *vcpu1_main(void *arg)
{
	for (;;) {
		if (ioctl(vcpu1, KVM_RUN, 0)) {
			run1_errno = errno;
			return NULL;
		}
		if (run1->exit_reason != KVM_EXIT_MMIO || !run1->mmio.is_write)
			continue;
		pthread_mutex_lock(&lock);
		switch (run1->mmio.phys_addr - GUEST_MMIO) {
		case 0:
			ready_a = mmio_value(run1);
			break;
		case 4:
			ready_b = mmio_value(run1);
			break;
		case 0x14:
			again = mmio_value(run1);
			break;
		case 0x10:
			if (ndear < ARRAY_LEN(dear))
				dear[ndear++] = mmio_value(run1);
			break;
		}
		pthread_mutex_unlock(&lock);
	}
}

static unsigned int dears(void)
{
	unsigned int n;

	pthread_mutex_lock(&lock);
	n = ndear;
	pthread_mutex_unlock(&lock);
	return n;
}

/* wait up to 3 s for vCPU 1 to report its n-th DEAR */
static int await_dear(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < 300 && dears() < n; i++)
		sleep_ms(10);
	return dears() >= n;
}

static int done_exit(u32 step)
{
	u32 val;

	alarm(5);
	val = guest_store_exit(&g, GUEST_MMIO + 8, &val) ? val : ~0u;
	alarm(0);
	return val == step;
}

int main(void)
{
	struct kvm_regs regs;
	pthread_t t;
	unsigned int i;
	int size;
	u32 val;

	tap_start();
	watch_signals();
	if (!tap_check(guest_create(&g) == 0, "create a guest"))
		return tap_done();
	vcpu1 = ioctl(g.vm, KVM_CREATE_VCPU, 1);
	size = ioctl(g.kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	run1 = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu1, 0);
	if (!tap_check(vcpu1 >= 0 && run1 != MAP_FAILED, "a second vCPU"))
		return tap_done();
	put_code();
	put_be32(g.ram + 0x80000, PAT_PLAIN);
	put_be32(g.ram + 0x90000, PAT_PROT);
	guest_set_pc(&g, CODE0, 0);
	ioctl(vcpu1, KVM_GET_REGS, &regs);
	regs.pc = CODE1;
	regs.msr = 0;
	ioctl(vcpu1, KVM_SET_REGS, &regs);

	pthread_create(&t, NULL, vcpu1_main, NULL);
	for (i = 0; i < 300 && !ready_b; i++)
		sleep_ms(10);
	tap_check(ready_a == PAT_PLAIN && ready_b == PAT_PROT,
		  "vCPU 1 reads through its two TLB1 entries (0x%08x, 0x%08x)",
		  ready_a, ready_b);
	sleep_ms(50);

	alarm(5);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 0xc, &val) &&
		  (val & HID1_ABE),
		  "vCPU 0 starts with HID1[ABE] set (0x%08x)", val);
	alarm(0);
	tap_check(done_exit(9), "vCPU 0: HID1[ABE] cleared, tlbivax of the plain entry");
	sleep_ms(200);
	tap_check(dears() == 0,
		  "without HID1[ABE] the tlbivax stays local: vCPU 1 reads on");

	tap_check(done_exit(1), "vCPU 0: HID1[ABE] set, tlbivax of the IPROT entry's address");
	sleep_ms(200);
	tap_check(dears() == 0,
		  "vCPU 1 goes on reading through its IPROT entry (no TLB error)");

	tap_check(done_exit(2), "vCPU 0: tlbivax of the plain entry's address");
	tap_check(await_dear(1) && dear[0] == EA_PLAIN,
		  "vCPU 1 takes a data TLB error at the removed entry, DEAR 0x%08x",
		  dear[0]);

	tap_check(done_exit(3), "vCPU 0: tlbivax invalidate-all of TLB1");
	sleep_ms(200);
	tap_check(dears() == 1,
		  "vCPU 1's IPROT entry survives the invalidate-all form");

	put_be32(g.ram + COMMAND, 1);
	tap_check(await_dear(2) && dear[1] == EA_PROT,
		  "tlbwe with V = 0 removes the IPROT entry: TLB error, DEAR 0x%08x",
		  dear[1]);

	for (i = 0; i < 300 && !again; i++)
		sleep_ms(10);
	tap_check(again == PAT_PLAIN,
		  "vCPU 1 writes its plain entry again and reads through it (0x%08x)",
		  again);
	tap_check(done_exit(4), "vCPU 0: MMUCSR0 flash invalidation of TLB1");
	sleep_ms(200);
	tap_check(dears() == 2,
		  "vCPU 0's flash invalidation is local: vCPU 1 reads on");
	put_be32(g.ram + COMMAND, 2);
	tap_check(await_dear(3) && dear[2] == EA_PLAIN,
		  "vCPU 1's own flash invalidation removes its entry, DEAR 0x%08x (its IPROT boot entry stays)",
		  dear[2]);

	pthread_kill(t, SIGUSR1);
	pthread_join(t, NULL);
	tap_check(run1_errno == EINTR, "a signal ends vCPU 1's KVM_RUN (%s)",
		  strerror(run1_errno));
	close(vcpu1);
	guest_destroy(&g);
	return tap_done();
}
