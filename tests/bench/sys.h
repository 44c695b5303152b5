/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Raw 32-bit PowerPC Linux system calls for the programs here that are
 * built without a C library (-nostdlib): r0 holds the number, r3-r5 the
 * arguments, r3 the result; CR0[SO] set means r3 is an error number.
 */
#ifndef KVM_E500_BENCH_SYS_H
#define KVM_E500_BENCH_SYS_H

#include <stdnoreturn.h>

#define NR_EXIT		1
#define NR_READ		3
#define NR_WRITE	4
#define NR_OPEN		5
#define O_WRONLY_	1

static inline long sys3(long nr, long a, long b, long c)
{
	register long r0 asm("r0") = nr;
	register long r3 asm("r3") = a;
	register long r4 asm("r4") = b;
	register long r5 asm("r5") = c;

	asm volatile("sc\n\tbns+ 1f\n\tneg %1, %1\n1:"
		     : "+r"(r0), "+r"(r3), "+r"(r4), "+r"(r5)
		     :
		     : "cr0", "r6", "r7", "r8", "r9", "r10", "r11", "r12",
		       "ctr", "xer", "memory");
	return r3;
}

static inline noreturn void sys_exit(int status)
{
	for (;;)
		sys3(NR_EXIT, status, 0, 0);
}

#endif
