/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Moving a guest's SPE state between memory and the SPE unit: the upper
 * 32 bits of r0..r31 and the accumulator.  The caller has MSR[SPE] set.
 * Only upper halves change hands; every lower half, the host's, is left
 * as it was, so these run in the middle of ordinary C code.  r5 and r6
 * are the scratch registers (volatile in the ABI).
 */
#include <linux/linkage.h>
#include <asm/ppc_asm.h>

/* void e500v2_spe_save(unsigned long upper[32], u64 *acc) */
_GLOBAL(e500v2_spe_save)
	/* evmergehi keeps r5's upper half and puts rN's in its lower */
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15, \
		16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	evmergehi	r5, r5, \n
	stw	r5, (\n * 4)(r3)
	.endr
	/* r6 = 0 * 0 + ACC, and ACC is unchanged */
	evxor	r6, r6, r6
	evmwumiaa	r6, r6, r6
	evstdd	r6, 0(r4)
	blr

/* void e500v2_spe_restore(const unsigned long upper[32], const u64 *acc) */
_GLOBAL(e500v2_spe_restore)
	evldd	r6, 0(r4)
	evmra	r6, r6
	/* evmergelo rN, r5, rN: upper from r5's lower, rN's lower kept */
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15, \
		16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	lwz	r5, (\n * 4)(r3)
	evmergelo	\n, r5, \n
	.endr
	blr
