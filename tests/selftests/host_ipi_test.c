// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host interrupts that arrive while a guest runs must still be served by
 * the host.  A vCPU thread on CPU 1 keeps a guest spinning (MSR[EE] = 1)
 * while the main thread on CPU 0 asks for expedited memory barriers:
 * each one is a cross-CPU call, an MPIC IPI to CPU 1 that reaches it
 * almost always while the guest runs, and returns only once CPU 1's host
 * has run the call.  An IPI the host never sees leaves CPU 0 waiting for
 * good (the emulated host stops making progress).
 */
#define _GNU_SOURCE
#include <linux/membarrier.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>

#include "guest_asm.h"
#include "tap.h"

/*
 * Under QEMU's round-robin -icount scheduling a CPU spinning for a cross
 * call keeps the target CPU from running until its own next timer
 * interrupt (testing.md, "Known problems"), so one IPI can cost up to a
 * tick: 200 took 68 ms in most runs and up to 3 s in some.  A lost IPI
 * never completes at all.
 */
#define CALLS		200
#define CALLS_NS	20000000000LL	/* 20 s of (instruction-count) time */

static struct guest g;
static int in_run;	/* 1: in KVM_RUN, 2: returned (atomic accesses) */
static int run_ret, run_errno;

static int pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void on_usr1(int sig)
{
}

static void *vcpu_thread(void *arg)
{
	if (pin(1))
		return NULL;
	__atomic_store_n(&in_run, 1, __ATOMIC_SEQ_CST);
	run_ret = ioctl(g.vcpu, KVM_RUN, 0);
	run_errno = errno;
	__atomic_store_n(&in_run, 2, __ATOMIC_SEQ_CST);
	return NULL;
}

static long membarrier(int cmd)
{
	return syscall(__NR_membarrier, cmd, 0, 0);
}

int main(void)
{
	const u32 code[] = { I_SELF_LOOP };
	struct sigaction sa = { .sa_handler = on_usr1 };	/* no SA_RESTART */
	long long t0, took;
	pthread_t th;
	int i, bad = 0;

	tap_start();
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2) {
		tap_diag("needs two host CPUs");
		return tap_done();
	}
	tap_check(pin(0) == 0, "the calling thread is pinned to CPU 0");
	tap_check(membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED) == 0,
		  "membarrier: register private expedited");
	if (!tap_check(guest_create(&g) == 0, "create a spinning guest"))
		return tap_done();
	guest_code(&g, GUEST_CODE, code, 1);
	guest_set_pc(&g, GUEST_CODE, 0x8000);	/* MSR[EE] = 1 */
	sigaction(SIGUSR1, &sa, NULL);
	if (!tap_check(pthread_create(&th, NULL, vcpu_thread, NULL) == 0,
		       "start the vCPU thread on CPU 1"))
		return tap_done();
	while (!__atomic_load_n(&in_run, __ATOMIC_SEQ_CST))
		sched_yield();
	usleep(20000);		/* let it enter the guest */

	t0 = now_ns();
	for (i = 0; i < CALLS; i++)
		if (membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED))
			bad++;
	took = now_ns() - t0;
	tap_check(bad == 0 && __atomic_load_n(&in_run, __ATOMIC_SEQ_CST) == 1,
		  "%d expedited barriers while CPU 1 runs the guest (%d failed, vCPU still in KVM_RUN)",
		  CALLS, bad);
	tap_check(took < CALLS_NS,
		  "the barriers' IPIs were served by CPU 1's host in %lld us (limit %lld)",
		  took / 1000, CALLS_NS / 1000);

	pthread_kill(th, SIGUSR1);
	pthread_join(th, NULL);
	tap_check(run_ret == -1 && run_errno == EINTR &&
		  g.run->exit_reason == KVM_EXIT_INTR,
		  "a signal ends the vCPU's KVM_RUN (ret %d, errno %d, exit %u)",
		  run_ret, run_errno, g.run->exit_reason);
	guest_destroy(&g);
	return tap_done();
}
