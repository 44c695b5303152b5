// SPDX-License-Identifier: GPL-2.0-only
/*
 * A vCPU thread moved between the two host CPUs while it runs a guest
 * loop of MMIO round trips (as the kernel's rseq_test moves its vCPU
 * thread: sched_setaffinity() from another thread, then a 1-10 us
 * sleep), and, for comparison, a plain thread making getpid() calls
 * moved the same way.  Every round trip is checked, the vCPU thread must
 * have run on both CPUs, and the cost of one move with and without a
 * vCPU is printed (the figures in Documentation/testing.md, rseq_test).
 * --moves N sets the number of moves of each kind (default 200).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>

#include "mmio_loop.h"
#include "tap.h"

/* shared between the threads: read and written with __atomic */
static int stop, seen[2];
static pid_t target;
static unsigned long rounds;

#define GET(x)		__atomic_load_n(&(x), __ATOMIC_SEQ_CST)
#define SET(x, v)	__atomic_store_n(&(x), (v), __ATOMIC_SEQ_CST)

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

static void note_cpu(void)
{
	int cpu = sched_getcpu();

	if (cpu == 0 || cpu == 1)
		SET(seen[cpu], 1);
}

/* @n moves of the target thread between CPUs 0 and 1; ns per move */
static long long move_target(unsigned long n)
{
	long long t0 = now_ns();
	unsigned long i;
	cpu_set_t set;

	for (i = 0; i < n; i++) {
		CPU_ZERO(&set);
		CPU_SET(i & 1, &set);
		if (sched_setaffinity(GET(target), sizeof(set), &set))
			return -1;
		usleep(i % 10 + 1);
	}
	return (now_ns() - t0) / (long long)n;
}

static void *plain_thread(void *arg)
{
	SET(target, syscall(SYS_gettid));
	while (!GET(stop)) {
		syscall(SYS_getpid);
		note_cpu();
		SET(rounds, rounds + 1);
	}
	return NULL;
}

/* MMIO load + store round trips until told to stop; 0 if all right */
static void *vcpu_thread(void *arg)
{
	struct guest *g = arg;
	unsigned long i;

	SET(target, syscall(SYS_gettid));
	for (i = 0; !GET(stop); i++) {
		if (!mmio_loop_round(g, i))
			return (void *)1;
		note_cpu();
		SET(rounds, rounds + 1);
	}
	return NULL;
}

/* run @fn in a thread while it is moved @n times; ns per move */
static long long measure(void *(*fn)(void *), void *arg, unsigned long n,
			 void **ret)
{
	long long ns;
	pthread_t t;

	SET(stop, 0);
	SET(target, 0);
	SET(rounds, 0);
	SET(seen[0], 0);
	SET(seen[1], 0);
	if (pthread_create(&t, NULL, fn, arg))
		return -1;
	while (!GET(target) || !GET(rounds))
		usleep(1000);
	ns = move_target(n);
	SET(stop, 1);
	pthread_join(t, ret);
	return ns;
}

int main(int argc, char **argv)
{
	unsigned long n = 200, plain_rounds;
	long long plain, vcpu;
	void *ret = NULL;
	struct guest g;

	if (argc == 3 && !strcmp(argv[1], "--moves"))
		n = strtoul(argv[2], NULL, 0);
	tap_start();
	plain = measure(plain_thread, NULL, n, NULL);
	plain_rounds = rounds;
	tap_check(plain > 0 && seen[0] && seen[1],
		  "a plain thread moved %lu times between CPUs 0 and 1", n);
	if (!tap_check(guest_create(&g) == 0, "create a guest for the loop"))
		return tap_done();
	mmio_loop_load(&g);
	vcpu = measure(vcpu_thread, &g, n, &ret);
	tap_check(vcpu > 0 && !ret,
		  "%lu MMIO round trips, each checked, while the vCPU thread moved %lu times",
		  rounds, n);
	tap_check(seen[0] && seen[1], "the vCPU thread ran on both CPUs");
	tap_diag("per move: plain thread %lld us (%lu getpid loops)",
		 plain / 1000, plain_rounds);
	tap_diag("per move: vCPU thread %lld us (%lu round trips)",
		 vcpu / 1000, rounds);
	guest_destroy(&g);
	return tap_done();
}
