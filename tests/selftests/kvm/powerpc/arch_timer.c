// SPDX-License-Identifier: GPL-2.0-only
/*
 * The e500 part of the kernel's arch_timer test: the guest timer is the
 * decrementer.  Each vCPU, for every iteration, clears TSR[DIS], notes
 * the time base, loads DEC with one period's worth of ticks, sets
 * TCR[DIE] and busy-waits on the time base for the period plus the error
 * margin.  By then its decrementer interrupt must have come exactly once,
 * and not before the period had passed.  The handler checks the vector
 * and TSR[DIS], turns TCR[DIE] off and acknowledges DIS (write 1 to
 * clear).  Meanwhile the generic part moves the vCPU threads between
 * host CPUs.
 *
 * The guest's time base is the host's; a guest in user mode reads it
 * directly (SPRs 268/269), at the rate /proc/cpuinfo calls "timebase".
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kvm_util.h"
#include "processor.h"
#include "timer_test.h"
#include "ucall_common.h"

#define SPRN_TBL_READ	268
#define SPRN_TBU_READ	269
#define TSR_DIS		0x08000000
#define TCR_DIE		0x04000000

/* time base ticks of one period, and of the period plus the margin */
static u32 period_ticks;
static u64 wait_ticks;

static u64 guest_tb(void)
{
	u32 hi, lo;

	do {
		hi = mfspr(SPRN_TBU_READ);
		lo = mfspr(SPRN_TBL_READ);
	} while (hi != mfspr(SPRN_TBU_READ));
	return (u64)hi << 32 | lo;
}

static struct test_vcpu_shared_data *guest_data(void)
{
	return &vcpu_shared_data[mfspr(SPRN_PIR)];
}

static void guest_dec_handler(struct ex_regs *regs)
{
	struct test_vcpu_shared_data *d = guest_data();
	u64 elapsed = guest_tb() - d->xcnt;

	GUEST_ASSERT_EQ(regs->vector, VEC_DECREMENTER);
	GUEST_ASSERT(mfspr(SPRN_TSR) & TSR_DIS);
	__GUEST_ASSERT(elapsed >= period_ticks,
		       "decrementer interrupt after %llu ticks, armed for %u",
		       (unsigned long long)elapsed, period_ticks);
	mtspr(SPRN_TCR, 0);
	mtspr(SPRN_TSR, TSR_DIS);
	WRITE_ONCE(d->nr_iter, d->nr_iter + 1);
}

static void guest_code(void)
{
	struct test_vcpu_shared_data *d = guest_data();
	u32 i, n;

	d->nr_iter = 0;
	d->guest_stage = 0;
	mtspr(SPRN_TCR, 0);
	asm volatile("wrteei 1" : : : "memory");

	for (i = 0; i < test_args.nr_iter; i++) {
		mtspr(SPRN_TSR, TSR_DIS);
		d->xcnt = guest_tb();
		mtspr(SPRN_DEC, period_ticks);
		mtspr(SPRN_TCR, TCR_DIE);

		while (guest_tb() - d->xcnt < wait_ticks)
			;
		n = READ_ONCE(d->nr_iter);
		__GUEST_ASSERT(n == i + 1,
			       "iteration %u: %u decrementer interrupts by the end of the margin, want %u",
			       i, n, i + 1);
	}

	asm volatile("wrteei 0" : : : "memory");
	GUEST_DONE();
}

/* the time base frequency, from the "timebase" line of /proc/cpuinfo */
static u64 host_tb_freq(void)
{
	unsigned long long freq = 0;
	char line[128];
	FILE *f;

	f = fopen("/proc/cpuinfo", "r");
	TEST_ASSERT(f, "/proc/cpuinfo: %s", strerror(errno));
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "timebase : %llu", &freq) == 1)
			break;
	fclose(f);
	TEST_ASSERT(freq, "no timebase line in /proc/cpuinfo");
	return freq;
}

struct kvm_vm *test_vm_create(void)
{
	u64 freq = host_tb_freq();
	u64 ticks = freq * test_args.timer_period_ms / 1000;
	struct kvm_vm *vm;

	TEST_ASSERT(ticks && ticks <= INT32_MAX,
		    "a period of %u ms is %llu ticks, DEC holds 1..2^31-1",
		    test_args.timer_period_ms, (unsigned long long)ticks);
	period_ticks = ticks;
	wait_ticks = ticks + freq * test_args.timer_err_margin_us / 1000000;

	vm = vm_create_with_vcpus(test_args.nr_vcpus, guest_code, vcpus);
	vm_install_exception_handler(vm, VEC_DECREMENTER, guest_dec_handler);
	sync_global_to_guest(vm, period_ticks);
	sync_global_to_guest(vm, wait_ticks);
	sync_global_to_guest(vm, test_args);
	return vm;
}

void test_vm_cleanup(struct kvm_vm *vm)
{
	kvm_vm_free(vm);
}
