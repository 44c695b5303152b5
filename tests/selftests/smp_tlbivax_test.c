// SPDX-License-Identifier: GPL-2.0-only
/*
 * tlbivax under guest SMP: an entry vCPU 1 wrote in its TLB1 is gone
 * for vCPU 1 after vCPU 0 executes tlbivax for its address (the next
 * access through it takes a data TLB error), while an IPROT entry and
 * an entry for another address stay; the "invalidate all" form too;
 * and vCPU 1 spinning on loads through the entry in the guest (no
 * exits) is stopped by vCPU 0's tlbivax and takes the data TLB error.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <time.h>

#include "guest_asm.h"
#include "tap.h"

#define I_TLBSYNC	((31u << 26) | (566u << 1))
#define I_TLBIVAX(rb)	((31u << 26) | ((rb) << 11) | (786u << 1))
#define X_EA		0x10000000u	/* mapped by vCPU 1 to RAM 0x80000 */
#define Y_EA		0x10100000u	/* mapped by vCPU 1 to RAM 0x81000 */
#define TLBIVAX_TLB1	0x8
#define TLBIVAX_ALL	0x4

struct two {
	struct guest g;
	int vcpu1;
	struct kvm_run *run1;
};

/* a 4 KiB TLB1 entry @esel, @epn to @rpn, supervisor RWX, TID 0, TS 0 */
static unsigned int tlbwe_seq(u32 *p, u32 esel, u32 epn, u32 rpn)
{
	const u32 seq[] = {
		I_LIS(3, 0x1000 | esel), I_MTSPR(SPR_MAS0, 3),
		I_LIS(3, 0x8000), I_ORI(3, 3, 0x0100), I_MTSPR(SPR_MAS1, 3),
		I_LIS(3, epn >> 16), I_MTSPR(SPR_MAS2, 3),
		I_LIS(3, rpn >> 16), I_ORI(3, 3, (rpn & 0xffff) | 0x15),
		I_MTSPR(SPR_MAS3, 3),
		I_LI(3, 0), I_MTSPR(SPR_MAS7, 3), I_TLBWE,
	};

	memcpy(p, seq, sizeof(seq));
	return ARRAY_LEN(seq);
}

static int run_store(int fd, struct kvm_run *run, u32 addr, u32 *val)
{
	if (ioctl(fd, KVM_RUN, 0) || run->exit_reason != KVM_EXIT_MMIO ||
	    !run->mmio.is_write || run->mmio.phys_addr != addr)
		return 0;
	*val = mmio_value(run);
	return 1;
}

static int two_create(struct two *t, const u32 *c0, unsigned int n0,
		      const u32 *c1, unsigned int n1, const u32 *h, unsigned int nh)
{
	struct kvm_regs regs;
	int size;

	if (guest_create(&t->g))
		return -1;
	t->vcpu1 = ioctl(t->g.vm, KVM_CREATE_VCPU, 1);
	size = ioctl(t->g.kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (t->vcpu1 < 0)
		return -1;
	t->run1 = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED,
		       t->vcpu1, 0);
	if (t->run1 == MAP_FAILED)
		return -1;
	guest_code(&t->g, 0x1000, c0, n0);
	guest_code(&t->g, 0x3000, c1, n1);
	guest_code(&t->g, 0x2000, h, nh);
	t->g.ram[0x80000] = 0x5a;
	t->g.ram[0x81000] = 0xa5;
	if (guest_set_pc(&t->g, 0x1000, 0) ||
	    ioctl(t->vcpu1, KVM_GET_REGS, &regs))
		return -1;
	regs.pc = 0x3000;
	regs.msr = 0;
	return ioctl(t->vcpu1, KVM_SET_REGS, &regs);
}

static void two_destroy(struct two *t)
{
	close(t->vcpu1);
	guest_destroy(&t->g);
}

struct spinner {
	struct two *t;
	u32 dear;
	int ok;
};

static void *spin_vcpu1(void *arg)
{
	struct spinner *s = arg;

	s->ok = run_store(s->t->vcpu1, s->t->run1, GUEST_MMIO + 0x10c,
			  &s->dear);
	return NULL;
}

static void on_signal(int sig)
{
}

/* vCPU 1 loads through X in a loop in the guest; vCPU 0 invalidates X */
static void while_spinning(void)
{
	const u32 head[] = {
		I_LIS(4, GUEST_MMIO >> 16), I_LI(3, 0), I_MTSPR(SPR_IVPR, 3),
		I_LI(3, 0x2000), I_MTSPR(spr_ivor(13), 3),
	};
	const u32 tail[] = {
		I_LIS(5, X_EA >> 16),
		I_LWZ(6, 0, 5), I_STW(6, 0x100, 4),
		I_LWZ(6, 0, 5), I_B(-4),
	};
	const u32 h[] = {
		I_MFSPR(8, SPR_DEAR), I_STW(8, 0x10c, 4), I_SELF_LOOP,
	};
	const u32 c0[] = {
		I_LIS(4, GUEST_MMIO >> 16),
		I_LIS(3, X_EA >> 16), I_ORI(3, 3, TLBIVAX_TLB1), I_TLBIVAX(3),
		I_TLBSYNC, I_STW(3, 0, 4), I_SELF_LOOP,
	};
	struct sigaction sa = { .sa_handler = on_signal };
	struct spinner s = { 0 };
	struct timespec ts;
	unsigned int n1;
	struct two t;
	pthread_t th;
	u32 c1[64];
	u32 val;

	sigaction(SIGUSR1, &sa, NULL);
	memcpy(c1, head, sizeof(head));
	n1 = ARRAY_LEN(head);
	n1 += tlbwe_seq(c1 + n1, 5, X_EA, 0x80000);
	memcpy(c1 + n1, tail, sizeof(tail));
	n1 += ARRAY_LEN(tail);
	if (!tap_check(two_create(&t, c0, ARRAY_LEN(c0), c1, n1, h,
				  ARRAY_LEN(h)) == 0, "spinning: VM with two vCPUs"))
		return;
	tap_check(run_store(t.vcpu1, t.run1, GUEST_MMIO + 0x100, &val) &&
		  val == 0x5a000000, "spinning: vCPU 1 loads through X");
	s.t = &t;
	pthread_create(&th, NULL, spin_vcpu1, &s);
	usleep(100000);		/* vCPU 1 spins in the guest */
	tap_check(guest_store_exit(&t.g, GUEST_MMIO, &val),
		  "spinning: vCPU 0 runs tlbivax and tlbsync");
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 20;
	if (pthread_timedjoin_np(th, NULL, &ts)) {
		pthread_kill(th, SIGUSR1);
		pthread_join(th, NULL);
	}
	tap_check(s.ok && s.dear == X_EA,
		  "spinning: the spinning vCPU 1 takes the data TLB error (DEAR 0x%08x)",
		  s.dear);
	two_destroy(&t);
}

static void broadcast(u32 rb_low, const char *what)
{
	/* vCPU 1: map X (ESEL 5) and Y (ESEL 6), load both, report, again */
	const u32 head[] = {
		I_LIS(4, GUEST_MMIO >> 16), I_LI(3, 0), I_MTSPR(SPR_IVPR, 3),
		I_LI(3, 0x2000), I_MTSPR(spr_ivor(13), 3),
	};
	const u32 tail[] = {
		I_LIS(5, X_EA >> 16), I_LIS(7, Y_EA >> 16),
		I_LWZ(6, 0, 5), I_STW(6, 0x100, 4),	/* exit: X works */
		I_LWZ(6, 0, 7), I_STW(6, 0x104, 4),	/* Y, after tlbivax */
		I_LWZ(6, 0, 5), I_STW(6, 0x108, 4),	/* X, after tlbivax */
		I_SELF_LOOP,
	};
	/* data TLB error: report DEAR */
	const u32 h[] = {
		I_MFSPR(8, SPR_DEAR), I_STW(8, 0x10c, 4), I_SELF_LOOP,
	};
	const u32 c0[] = {
		I_LIS(4, GUEST_MMIO >> 16),
		I_LIS(3, X_EA >> 16), I_ORI(3, 3, rb_low), I_TLBIVAX(3),
		I_TLBSYNC, I_STW(3, 0, 4), I_SELF_LOOP,
	};
	u32 c1[64];
	unsigned int n1 = 0;
	struct two t;
	u32 val;

	memcpy(c1, head, sizeof(head));
	n1 = ARRAY_LEN(head);
	n1 += tlbwe_seq(c1 + n1, 5, X_EA, 0x80000);
	n1 += tlbwe_seq(c1 + n1, 6, Y_EA, 0x81000);
	memcpy(c1 + n1, tail, sizeof(tail));
	n1 += ARRAY_LEN(tail);
	if (!tap_check(two_create(&t, c0, ARRAY_LEN(c0), c1, n1,
				  h, ARRAY_LEN(h)) == 0,
		       "%s: VM with two vCPUs", what))
		return;
	tap_check(run_store(t.vcpu1, t.run1, GUEST_MMIO + 0x100, &val) &&
		  val == 0x5a000000,
		  "%s: vCPU 1 loads through its TLB1 entry (0x%08x)", what, val);
	tap_check(guest_store_exit(&t.g, GUEST_MMIO, &val),
		  "%s: vCPU 0 runs tlbivax and tlbsync", what);
	if (rb_low & TLBIVAX_ALL) {
		tap_check(run_store(t.vcpu1, t.run1, GUEST_MMIO + 0x10c, &val) &&
			  val == Y_EA,
			  "%s: vCPU 1's entry for another address is gone too (DEAR 0x%08x)",
			  what, val);
	} else {
		tap_check(run_store(t.vcpu1, t.run1, GUEST_MMIO + 0x104, &val) &&
			  val == 0xa5000000,
			  "%s: vCPU 1's entry for another address stays (0x%08x)",
			  what, val);
		tap_check(run_store(t.vcpu1, t.run1, GUEST_MMIO + 0x10c, &val) &&
			  val == X_EA,
			  "%s: vCPU 1's entry for the address is gone: data TLB error, DEAR 0x%08x",
			  what, val);
	}
	two_destroy(&t);
}

int main(void)
{
	tap_start();
	broadcast(TLBIVAX_TLB1, "by address");
	broadcast(TLBIVAX_TLB1 | TLBIVAX_ALL, "all of TLB1");
	while_spinning();
	return tap_done();
}
