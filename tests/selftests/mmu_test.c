// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest's TLB instructions on e500v2: the guest builds its own
 * TLB1 and TLB0 mappings with the MAS registers and tlbwe, reads them
 * back with tlbre, searches with tlbsx, removes them with tlbivax and
 * takes the data TLB error interrupt with the architected MAS state.
 */
#include "guest_asm.h"
#include "tap.h"

#define SPR_MMUCFG	1015

#define I_TLBRE		0x7c000764u
#define I_TLBSX(ra, rb)	  ((31u << 26) | ((ra) << 16) | ((rb) << 11) | (914u << 1))
#define I_TLBIVAX(ra, rb) ((31u << 26) | ((ra) << 16) | ((rb) << 11) | (786u << 1))
#define I_TLBSYNC	0x7c00046cu

#define HI(v)		((v) >> 16)
#define LO(v)		((v) & 0xffff)

/* MAS values: TLB1 entry 1 maps 64 KiB at EA 0x10000000 to GPA 0x80000 */
#define MAS0_T1E1	0x10010000u	/* TLBSEL 1, ESEL 1 */
#define MAS1_V_64K	0x80000300u	/* V, TSIZE 64K: 6 in the field at bit 7 */
#define MAS3_RW		0x00080015u	/* RPN 0x80000, SX SW SR */
/* TLB0, way 0: 4 KiB at EA 0x20003000 to GPA 0x90000 */
#define MAS0_T0E0	0x00000000u
#define MAS1_V_4K	0x80000100u

int main(void)
{
	const u32 code[] = {
		I_LIS(4, GUEST_MMIO >> 16),
		I_LI(3, 0), I_MTSPR(SPR_IVPR, 3),
		I_LI(3, 0x2000), I_MTSPR(spr_ivor(13), 3),
		/* TLB1 entry 1 */
		I_LIS(3, HI(MAS0_T1E1)), I_ORI(3, 3, LO(MAS0_T1E1)), I_MTSPR(SPR_MAS0, 3),
		I_LIS(3, HI(MAS1_V_64K)), I_ORI(3, 3, LO(MAS1_V_64K)), I_MTSPR(SPR_MAS1, 3),
		I_LIS(3, 0x1000), I_MTSPR(SPR_MAS2, 3),
		I_LIS(3, HI(MAS3_RW)), I_ORI(3, 3, LO(MAS3_RW)), I_MTSPR(SPR_MAS3, 3),
		I_LI(3, 0), I_MTSPR(SPR_MAS7, 3),
		I_TLBWE, I_TLBSYNC,
		I_LIS(5, 0x1000),
		I_LWZ(6, 0x10, 5), I_STW(6, 0, 4),		/* + 0: via TLB1 */
		/* TLB0 way 0 */
		I_LI(3, 0), I_MTSPR(SPR_MAS0, 3),
		I_LIS(3, HI(MAS1_V_4K)), I_ORI(3, 3, LO(MAS1_V_4K)), I_MTSPR(SPR_MAS1, 3),
		I_LIS(3, HI(0x20003000)), I_ORI(3, 3, LO(0x20003000)), I_MTSPR(SPR_MAS2, 3),
		I_LIS(3, HI(0x00090015)), I_ORI(3, 3, LO(0x00090015)), I_MTSPR(SPR_MAS3, 3),
		I_TLBWE,
		I_LIS(7, HI(0x20003000)), I_ORI(7, 7, LO(0x20003000)),
		I_LWZ(6, 0x20, 7), I_STW(6, 4, 4),		/* + 4: via TLB0 */
		/* tlbre of TLB1 entry 1 */
		I_LIS(3, HI(MAS0_T1E1)), I_ORI(3, 3, LO(MAS0_T1E1)), I_MTSPR(SPR_MAS0, 3),
		I_LI(3, 0), I_MTSPR(SPR_MAS2, 3),
		I_TLBRE,
		I_MFSPR(3, SPR_MAS2), I_STW(3, 8, 4),		/* + 8 */
		I_MFSPR(3, SPR_MAS3), I_STW(3, 12, 4),		/* + 12 */
		/* tlbsx: hit in TLB1, then a miss */
		I_LI(3, 0), I_MTSPR(SPR_MAS6, 3),
		I_TLBSX(0, 5),
		I_MFSPR(3, SPR_MAS0), I_STW(3, 16, 4),		/* + 16 */
		I_LIS(8, HI(0x30000000)), I_ORI(8, 8, LO(0x30000000)), I_TLBSX(0, 8),
		I_MFSPR(3, SPR_MAS1), I_STW(3, 20, 4),		/* + 20 */
		/* configuration */
		I_MFSPR(3, SPR_TLB0CFG), I_STW(3, 24, 4),	/* + 24 */
		I_MFSPR(3, SPR_TLB1CFG), I_STW(3, 28, 4),	/* + 28 */
		/* tlbivax the TLB1 entry (EA | TLB1 bit) and touch it again */
		I_ORI(9, 5, 0x8), I_TLBIVAX(0, 9), I_TLBSYNC,
		I_LWZ(6, 0, 5),					/* DTLB miss */
		I_SELF_LOOP,
	};
	/* data TLB error handler: DEAR, MAS2, MAS1 */
	const u32 handler[] = {
		I_MFSPR(3, SPR_DEAR), I_STW(3, 32, 4),		/* + 32 */
		I_MFSPR(3, SPR_MAS2), I_STW(3, 36, 4),		/* + 36 */
		I_MFSPR(3, SPR_MAS1), I_STW(3, 40, 4),		/* + 40 */
		I_SELF_LOOP,
	};
	struct guest g;
	u32 val;

	tap_start();
	if (!tap_check(guest_create(&g) == 0, "create a guest"))
		return tap_done();
	guest_code(&g, GUEST_CODE, code, ARRAY_LEN(code));
	guest_code(&g, 0x2000, handler, ARRAY_LEN(handler));
	/* data the guest will find through its mappings */
	memcpy(g.ram + 0x80010, "\x11\x22\x33\x44", 4);
	memcpy(g.ram + 0x90020, "\x55\x66\x77\x88", 4);
	guest_set_pc(&g, GUEST_CODE, 0);

	tap_check(guest_store_exit(&g, GUEST_MMIO, &val) && val == 0x11223344,
		  "a TLB1 entry written with tlbwe maps EA 0x10000000 (read 0x%08x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 4, &val) && val == 0x55667788,
		  "a TLB0 entry written with tlbwe maps EA 0x20003000 (read 0x%08x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 8, &val) && val == 0x10000000,
		  "tlbre loads MAS2 from the entry (0x%08x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 12, &val) && val == MAS3_RW,
		  "tlbre loads MAS3 from the entry (0x%08x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 16, &val) &&
		  (val & 0x3fff0000) == MAS0_T1E1,
		  "tlbsx hit names TLB1 entry 1 in MAS0 (0x%08x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 20, &val) && !(val & 0x80000000),
		  "tlbsx miss leaves MAS1[V] clear (0x%08x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 24, &val) &&
		  (val & 0xfff) && (val >> 24) && (val & 0xfff) % (val >> 24) == 0,
		  "TLB0CFG describes a set-associative TLB0 (0x%08x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 28, &val) &&
		  (val & 0xfff) >= 2 && (val & 0x8000),
		  "TLB1CFG describes TLB1 with IPROT (0x%08x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 32, &val) && val == 0x10000000,
		  "after tlbivax the access takes a data TLB error, DEAR 0x%08x", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 36, &val) &&
		  (val & 0xfffff000) == 0x10000000,
		  "the miss loads MAS2[EPN] with the address (0x%08x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 40, &val) && (val & 0x80000000),
		  "the miss loads MAS1 with V set for the handler to write (0x%08x)", val);
	guest_destroy(&g);
	return tap_done();
}
