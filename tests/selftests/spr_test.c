// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every emulated e500v2 SPR from the guest's side: the guest writes a
 * value with mtspr, reads it back with mfspr and stores it to MMIO; we
 * check what the register shows (write masks, self-clearing bits,
 * write-1-to-clear, read-only registers).  The guest runs in supervisor
 * mode, so every mtspr/mfspr here traps to the emulator (except the
 * user-level SPEFSCR, which the world switch carries).
 */
#include "guest_asm.h"
#include "tap.h"

enum kind { PLAIN, W1C, RO, DEC };

struct spr_case {
	unsigned int spr;
	u32 write, expect;
	enum kind kind;
	const char *name;
};

static const struct spr_case cases[] = {
	{ 26, 0x12345678, 0x12345678, PLAIN, "SRR0" },
	{ 27, 0x00029000, 0x00029000, PLAIN, "SRR1" },
	{ 58, 0xcafe0000, 0xcafe0000, PLAIN, "CSRR0" },
	{ 59, 0x00001000, 0x00001000, PLAIN, "CSRR1" },
	{ 570, 0x0badf00d, 0x0badf00d, PLAIN, "MCSRR0" },
	{ 571, 0x00000200, 0x00000200, PLAIN, "MCSRR1" },
	{ 61, 0xdeadbee0, 0xdeadbee0, PLAIN, "DEAR" },
	{ 62, 0x00800000, 0x00800000, PLAIN, "ESR" },
	{ 63, 0x12345678, 0x12340000, PLAIN, "IVPR (bits 16-31 ignored)" },
	{ 48, 0x00000155, 0x00000055, PLAIN, "PID (8 bits)" },
	{ 633, 0x000001aa, 0x000000aa, PLAIN, "PID1 (8 bits)" },
	{ 634, 0x00000107, 0x00000007, PLAIN, "PID2 (8 bits)" },
	{ 272, 0x10101010, 0x10101010, PLAIN, "SPRG0" },
	{ 273, 0x11111111, 0x11111111, PLAIN, "SPRG1" },
	{ 274, 0x12121212, 0x12121212, PLAIN, "SPRG2" },
	{ 275, 0x13131313, 0x13131313, PLAIN, "SPRG3" },
	{ 276, 0x14141414, 0x14141414, PLAIN, "SPRG4" },
	{ 277, 0x15151515, 0x15151515, PLAIN, "SPRG5" },
	{ 278, 0x16161616, 0x16161616, PLAIN, "SPRG6" },
	{ 279, 0x17171717, 0x17171717, PLAIN, "SPRG7" },
	{ 400, 0x00001234, 0x00001230, PLAIN, "IVOR0 (low 4 bits ignored)" },
	{ 401, 0x00010205, 0x00000200, PLAIN, "IVOR1" },
	{ 402, 0x00010305, 0x00000300, PLAIN, "IVOR2" },
	{ 403, 0x00010405, 0x00000400, PLAIN, "IVOR3" },
	{ 404, 0x00010505, 0x00000500, PLAIN, "IVOR4" },
	{ 405, 0x00010605, 0x00000600, PLAIN, "IVOR5" },
	{ 406, 0x00010705, 0x00000700, PLAIN, "IVOR6" },
	{ 407, 0x00010805, 0x00000800, PLAIN, "IVOR7" },
	{ 408, 0x00010905, 0x00000900, PLAIN, "IVOR8" },
	{ 409, 0x00010a05, 0x00000a00, PLAIN, "IVOR9" },
	{ 410, 0x00010b05, 0x00000b00, PLAIN, "IVOR10" },
	{ 411, 0x00010c05, 0x00000c00, PLAIN, "IVOR11" },
	{ 412, 0x00010d05, 0x00000d00, PLAIN, "IVOR12" },
	{ 413, 0x00010e05, 0x00000e00, PLAIN, "IVOR13" },
	{ 414, 0x00010f05, 0x00000f00, PLAIN, "IVOR14" },
	{ 415, 0x0000fff0, 0x0000fff0, PLAIN, "IVOR15" },
	{ 528, 0x00000a00, 0x00000a00, PLAIN, "IVOR32" },
	{ 529, 0xffff0a1f, 0x00000a10, PLAIN, "IVOR33 (bits 16-27 only)" },
	{ 530, 0x00000c40, 0x00000c40, PLAIN, "IVOR34" },
	{ 531, 0x00000b0f, 0x00000b00, PLAIN, "IVOR35" },
	{ 624, 0x10020000, 0x10020000, PLAIN, "MAS0" },
	{ 625, 0x80000300, 0x80000300, PLAIN, "MAS1" },
	{ 626, 0x00300008, 0x00300008, PLAIN, "MAS2" },
	{ 627, 0x00300015, 0x00300015, PLAIN, "MAS3" },
	{ 628, 0x00000200, 0x00000200, PLAIN, "MAS4" },
	{ 630, 0x00030001, 0x00030001, PLAIN, "MAS6" },
	{ 944, 0xffffffff, 0x0000000f, PLAIN, "MAS7 (36-bit physical addresses)" },
	{ 1012, 0x00000004, 0x00000000, PLAIN, "MMUCSR0 (TLB0FI self-clears)" },
	{ 22, 0x7fffffff, 0x7fffffff, DEC, "DEC (counts down from the value written)" },
	{ 54, 0x00001000, 0x00001000, PLAIN, "DECAR" },
	{ 340, 0x00400000, 0x00400000, PLAIN, "TCR" },
	{ 1008, 0x80004000, 0x80004000, PLAIN, "HID0" },
	{ 1009, 0x00000003, 0x00000003, PLAIN, "HID1" },
	{ 1010, 0x00000103, 0x00000001, PLAIN, "L1CSR0 (CFI, CLFC self-clear)" },
	{ 1011, 0x00000103, 0x00000001, PLAIN, "L1CSR1 (ICFI, ICLFR self-clear)" },
	{ 1013, 0x00000201, 0x00000001, PLAIN, "BUCSR (BBFI self-clears)" },
	{ 573, 0x12340000, 0x12340000, PLAIN, "MCAR" },
	{ 308, 0x40000000, 0x40000000, PLAIN, "DBCR0" },
	{ 309, 0x00010000, 0x00010000, PLAIN, "DBCR1" },
	{ 310, 0x00020000, 0x00020000, PLAIN, "DBCR2" },
	{ 312, 0xc0001000, 0xc0001000, PLAIN, "IAC1" },
	{ 313, 0xc0002000, 0xc0002000, PLAIN, "IAC2" },
	{ 316, 0xc0003000, 0xc0003000, PLAIN, "DAC1" },
	{ 317, 0xc0004000, 0xc0004000, PLAIN, "DAC2" },
	{ 512, 0x00000040, 0x00000040, PLAIN, "SPEFSCR (user level, switched)" },
	{ 336, 0x04000000, 0x00000000, W1C, "TSR (write 1 to clear)" },
	{ 572, 0xffffffff, 0x00000000, W1C, "MCSR (write 1 to clear)" },
	{ 304, 0xffffffff, 0x00000000, W1C, "DBSR (write 1 to clear)" },
	{ 287, 0xa5a5a5a5, 0, RO, "PVR" },
	{ 286, 0xa5a5a5a5, 0, RO, "PIR" },
	{ 515, 0xa5a5a5a5, 0, RO, "L1CFG0" },
	{ 516, 0xa5a5a5a5, 0, RO, "L1CFG1" },
	{ 1023, 0xa5a5a5a5, 0, RO, "SVR" },
	{ 1015, 0xa5a5a5a5, 0, RO, "MMUCFG" },
	{ 688, 0xa5a5a5a5, 0, RO, "TLB0CFG" },
	{ 689, 0xa5a5a5a5, 0, RO, "TLB1CFG" },
};

/*
 * For each case: r3 = value, [mfspr r6 (before)], mtspr, mfspr r5,
 * stw r5 (and r6) into the case's 8-byte MMIO slot.
 */
static unsigned int emit(u32 *code, unsigned int i, const struct spr_case *c)
{
	unsigned int n = 0;

	code[n++] = I_LIS(3, c->write >> 16);
	code[n++] = I_ORI(3, 3, c->write & 0xffff);
	code[n++] = I_MFSPR(6, c->spr);
	code[n++] = I_MTSPR(c->spr, 3);
	code[n++] = I_MFSPR(5, c->spr);
	code[n++] = I_STW(5, 8 * i, 4);
	code[n++] = I_STW(6, 8 * i + 4, 4);
	return n;
}

int main(void)
{
	u32 code[ARRAY_LEN(cases) * 7 + 8];
	unsigned int i, n = 0;
	struct guest g;
	u32 val = 0, before = 0;

	tap_start();
	if (!tap_check(guest_create(&g) == 0, "create a guest"))
		return tap_done();
	code[n++] = I_LIS(4, GUEST_MMIO >> 16);
	for (i = 0; i < ARRAY_LEN(cases); i++)
		n += emit(code + n, i, &cases[i]);
	code[n++] = I_SELF_LOOP;
	guest_code(&g, GUEST_CODE, code, n);
	guest_set_pc(&g, GUEST_CODE, 0);

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		const struct spr_case *c = &cases[i];
		int ok = guest_store_exit(&g, GUEST_MMIO + 8 * i, &val) &&
			 guest_store_exit(&g, GUEST_MMIO + 8 * i + 4, &before);

		if (c->kind == RO)
			tap_check(ok && val == before,
				  "%s ignores writes (0x%08x stays 0x%08x)",
				  c->name, before, val);
		else if (c->kind == DEC)
			tap_check(ok && val < c->write && val > c->write - 0x1000000,
				  "%s: wrote 0x%08x, reads 0x%08x", c->name,
				  c->write, val);
		else
			tap_check(ok && val == c->expect,
				  "%s: wrote 0x%08x, reads 0x%08x (want 0x%08x)",
				  c->name, c->write, val, c->expect);
	}
	guest_destroy(&g);
	return tap_done();
}
