// SPDX-License-Identifier: GPL-2.0-only
/*
 * First command of the Linux guest's /init: reads the time base and
 * writes "GUEST: init reached tb=N", first to /dev/kmsg at level 3 (the
 * kernel's console driver sends it at once, while a line to the tty
 * waits for the polled UART's timer; with printk.time=0 it starts the
 * console line), then to standard output.  Under -icount shift=0 on
 * the bare emulated machine the time base counts from reset, so N gives
 * the instructions from power-on to /init; in a guest the VMM times the
 * line's arrival instead (tools/vmm/stamp.c).  No C library, so that
 * it starts in a few thousand instructions.
 */
#include "sys.h"

static unsigned long long mftb(void)
{
	unsigned int hi, lo, hi2;

	do {
		asm volatile("mfspr %0, 269" : "=r"(hi));
		asm volatile("mfspr %0, 268" : "=r"(lo));
		asm volatile("mfspr %0, 269" : "=r"(hi2));
	} while (hi != hi2);
	return (unsigned long long)hi << 32 | lo;
}

void _start(void)
{
	static const char head[] = "<3>GUEST: init reached tb=";
	char buf[64], digits[24];
	unsigned long long tb = mftb();
	int n = 0, d = 0;
	long kmsg;

	while (head[n]) {
		buf[n] = head[n];
		n++;
	}
	do {
		/* tb / 10 in 64 bits without libgcc: split into 32-bit halves */
		unsigned int hi = tb >> 32, lo = tb;
		unsigned int qh = hi / 10, rh = hi % 10;
		unsigned long long rest = (unsigned long long)rh << 32 | lo;
		unsigned int ql = 0, bit;

		/* rest < 10 << 32: long division, one bit at a time */
		for (bit = 32; bit-- > 0;) {
			if (rest >= (10ull << bit)) {
				rest -= 10ull << bit;
				ql |= 1u << bit;
			}
		}
		digits[d++] = '0' + (int)rest;
		tb = (unsigned long long)qh << 32 | ql;
	} while (tb);
	while (d)
		buf[n++] = digits[--d];
	buf[n++] = '\n';
	kmsg = sys3(NR_OPEN, (long)"/dev/kmsg", O_WRONLY_, 0);
	if (kmsg >= 0)
		sys3(NR_WRITE, kmsg, (long)buf, n);
	/* standard output without the level */
	sys_exit(sys3(NR_WRITE, 1, (long)buf + 3, n - 3) == n - 3 ? 0 : 1);
}
