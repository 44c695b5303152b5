/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The e500v2 guest vector area: a 64 KiB, 64 KiB-aligned block of the
 * kernel's linear mapping that IVPR points to while a guest runs.  Each
 * interrupt vector the host uses (the host's IVOR values) gets a small
 * stub at the same offset, and the switch block sits in a free gap.
 */
#ifndef KVM_E500V2_VECTORS_H
#define KVM_E500V2_VECTORS_H

#include <linux/types.h>

#define E500V2_AREA_SIZE	0x10000
#define E500V2_NR_IVORS		36	/* IVOR0..15 and IVOR32..35 */
#define E500V2_STUB_MAX		0x40	/* the e500 IVORs' smallest spacing */

/* what kind of save/restore pair an interrupt uses */
enum e500v2_vec_class {
	E500V2_VEC_NONE = 0,	/* no such IVOR on e500v2 */
	E500V2_VEC_BASE,	/* SRR0/SRR1 */
	E500V2_VEC_CRIT,	/* CSRR0/CSRR1 */
	E500V2_VEC_MCHK,	/* MCSRR0/MCSRR1 */
};

enum e500v2_vec_class e500v2_vec_class(unsigned int ivor);

/* A planned layout: stub offsets per IVOR and the switch block offset. */
struct e500v2_layout {
	u32 stub_off[E500V2_NR_IVORS];
	u32 stub_len[E500V2_NR_IVORS];
	u32 block_off;
};

/*
 * Plan the area for the host's IVOR values @ivor (entries of class NONE
 * are ignored) and a switch block of @block_len bytes.  Returns 0, or
 * -ENOSPC when stubs would overlap or no gap holds the block.
 */
int e500v2_plan_layout(const u32 *ivor, u32 block_len,
		       struct e500v2_layout *out);

/* Generate the stub for @ivor at area offset @at, exiting to @exit_at. */
unsigned int e500v2_gen_stub(unsigned int ivor, u32 at, u32 exit_at,
			     u32 *buf);

int e500v2_vectors_init(void);
void e500v2_vectors_exit(void);

/* valid between e500v2_vectors_init() and e500v2_vectors_exit() */
extern unsigned long e500v2_area;		/* IVPR value for guests */
extern unsigned long e500v2_switch_entry;	/* copied switch_enter */

#endif /* KVM_E500V2_VECTORS_H */
