// SPDX-License-Identifier: GPL-2.0-only
/*
 * MMIO beyond single loads and stores: lmw/stmw one word per exit, also
 * across the end of RAM; the invalid update and multiple forms; forms
 * that cannot reach MMIO get the guest's own interrupt, never an exit to
 * userspace.  Results come back
 * as MMIO stores and KVM_GET_REGS.
 */
#include "guest_mem_asm.h"

static void multiple_words(void)
{
	const u32 vals[4] = { 0x10203040, 0x50607080, 0x90a0b0c0, 0xd0e0f000 };
	struct kvm_regs regs;
	struct prog p = { .n = 0 };
	struct guest g;
	unsigned int i;
	int ok = 1, r, e;
	u32 end, at_lmw;

	if (!tap_check(guest_create(&g) == 0, "create a guest for lmw/stmw"))
		return;
	emit(&p, I_LIS(4, GUEST_MMIO >> 16));
	for (i = 0; i < 4; i++)
		emit_li32(&p, 28 + i, vals[i]);
	emit(&p, I_STMW(28, 0, 4));
	at_lmw = prog_here(&p, GUEST_CODE);
	emit(&p, I_LMW(27, 16, 4));
	emit(&p, I_STMW(27, 64, 4));
	end = prog_here(&p, GUEST_CODE);
	emit(&p, I_SELF_LOOP);
	prog_put(&g, GUEST_CODE, &p);
	guest_set_pc(&g, GUEST_CODE, 0);

	for (i = 0; i < 4; i++) {
		if (!mem_run(&g, GUEST_MMIO + 4 * i, 1, 4) ||
		    mmio_value(g.run) != vals[i]) {
			tap_diag("stmw word %u: 0x%08x", i, mmio_value(g.run));
			ok = 0;
			break;
		}
	}
	tap_check(ok, "stmw r28 to MMIO: four 4-byte store exits, r28..r31 in order");

	ok = 1;
	for (i = 0; i < 5; i++) {
		if (!mem_run(&g, GUEST_MMIO + 16 + 4 * i, 0, 4)) {
			ok = 0;
			break;
		}
		mmio_fill(g.run, 0xa0000000 + i);
		if (i != 1)
			continue;
		/* leave KVM_RUN half way through: r27, r28 done, PC on lmw */
		g.run->immediate_exit = 1;
		r = ioctl(g.vcpu, KVM_RUN, 0);
		e = errno;
		g.run->immediate_exit = 0;
		memset(&regs, 0, sizeof(regs));
		ioctl(g.vcpu, KVM_GET_REGS, &regs);
		tap_check(r == -1 && e == EINTR && regs.gpr[28] == 0xa0000001 &&
			  regs.pc == at_lmw,
			  "KVM_RUN with immediate_exit mid-lmw: EINTR, r28 0x%llx, PC 0x%llx on lmw",
			  (unsigned long long)regs.gpr[28], (unsigned long long)regs.pc);
	}
	tap_check(ok, "lmw r27 from MMIO: five 4-byte load exits, one per KVM_RUN");

	ok = 1;
	for (i = 0; i < 5; i++) {
		if (!mem_run(&g, GUEST_MMIO + 64 + 4 * i, 1, 4) ||
		    mmio_value(g.run) != 0xa0000000 + i) {
			tap_diag("echo word %u: 0x%08x", i, mmio_value(g.run));
			ok = 0;
			break;
		}
	}
	tap_check(ok, "each lmw word landed in its register (stmw r27 echoes them)");

	memset(&regs, 0, sizeof(regs));
	ioctl(g.vcpu, KVM_GET_REGS, &regs);
	tap_check(regs.gpr[27] == 0xa0000000 && regs.gpr[31] == 0xa0000004 &&
		  regs.gpr[4] == GUEST_MMIO && regs.pc == end,
		  "after lmw/stmw: r27 0x%llx r31 0x%llx, base r4 kept, PC past both (0x%llx)",
		  (unsigned long long)regs.gpr[27],
		  (unsigned long long)regs.gpr[31], (unsigned long long)regs.pc);
	guest_destroy(&g);
}

/* lmw/stmw whose first words are RAM and the rest MMIO */
static void multiple_across_ram_end(void)
{
	struct prog p = { .n = 0 };
	struct guest g;
	u8 *tail;

	if (!tap_check(guest_create(&g) == 0, "create a guest for lmw/stmw across RAM's end"))
		return;
	tail = g.ram + GUEST_RAM_SIZE - 8;
	memcpy(tail, "\x11\x11\x11\x11\x22\x22\x22\x22", 8);
	emit(&p, I_LIS(4, GUEST_RAM_SIZE >> 16));	/* first byte past RAM */
	emit(&p, I_LIS(3, GUEST_MMIO >> 16));
	emit(&p, I_LMW(28, -8, 4));
	emit(&p, I_STW(28, 0, 3));
	emit(&p, I_STW(29, 4, 3));
	emit(&p, I_STW(30, 8, 3));
	emit(&p, I_STW(31, 12, 3));
	emit(&p, I_ADDI(28, 28, 1));
	emit(&p, I_STMW(28, -8, 4));
	emit(&p, I_STW(3, 16, 3));
	emit(&p, I_SELF_LOOP);
	prog_put(&g, GUEST_CODE, &p);
	guest_set_pc(&g, GUEST_CODE, 0);

	if (tap_check(mem_run(&g, GUEST_RAM_SIZE, 0, 4),
		      "lmw r28 from RAM's last 8 bytes: first exit is the third word"))
		mmio_fill(g.run, 0x33333333);
	if (tap_check(mem_run(&g, GUEST_RAM_SIZE + 4, 0, 4),
		      "lmw: the fourth word is a second load exit"))
		mmio_fill(g.run, 0x44444444);
	expect_store(&g, GUEST_MMIO, 0x11111111, "lmw: r28 came from RAM");
	expect_store(&g, GUEST_MMIO + 4, 0x22222222, "lmw: r29 came from RAM");
	expect_store(&g, GUEST_MMIO + 8, 0x33333333, "lmw: r30 came from MMIO");
	expect_store(&g, GUEST_MMIO + 12, 0x44444444, "lmw: r31 came from MMIO");
	expect_store(&g, GUEST_RAM_SIZE, 0x33333333, "stmw r28 across RAM's end: r30 exits");
	expect_store(&g, GUEST_RAM_SIZE + 4, 0x44444444, "stmw: r31 exits next");
	tap_check(!memcmp(tail, "\x11\x11\x11\x12\x22\x22\x22\x22", 8),
		  "stmw wrote r28 and r29 into RAM");
	expect_store(&g, GUEST_MMIO + 16, GUEST_MMIO, "the guest continues after stmw");
	guest_destroy(&g);
}

/*
 * Forms that must not become an exit: invalid update forms and lmw over
 * its own base (program interrupt, ESR[PIL]), lwarx on MMIO (data
 * storage), misaligned lmw (alignment); dcbf on MMIO does nothing.
 */
static void refused_forms(void)
{
	const u32 report = GUEST_MMIO + 0x800;
	const u32 program[] = {
		I_MFSPR(30, SPR_SRR0), I_STW(30, 0, 31),
		I_MFSPR(30, SPR_ESR), I_STW(30, 4, 31),
		I_MFSPR(30, SPR_SRR0), I_ADDI(30, 30, 4), I_MTSPR(SPR_SRR0, 30),
		I_RFI,
	};
	const u32 dsi[] = {
		I_MFSPR(30, SPR_SRR0), I_STW(30, 8, 31),
		I_MFSPR(30, SPR_DEAR), I_STW(30, 12, 31),
		I_MFSPR(30, SPR_SRR0), I_ADDI(30, 30, 4), I_MTSPR(SPR_SRR0, 30),
		I_RFI,
	};
	const u32 align[] = {
		I_MFSPR(30, SPR_SRR0), I_STW(30, 16, 31),
		I_MFSPR(30, SPR_DEAR), I_STW(30, 20, 31),
		I_MFSPR(30, SPR_SRR0), I_ADDI(30, 30, 4), I_MTSPR(SPR_SRR0, 30),
		I_RFI,
	};
	struct prog p = { .n = 0 };
	u32 at_lwzu, at_stwux, at_lmw, at_lwarx, at_misaligned;
	struct guest g;

	if (!tap_check(guest_create(&g) == 0, "create a guest for refused forms"))
		return;
	emit(&p, I_LIS(4, GUEST_MMIO >> 16));
	emit_li32(&p, 31, report);
	emit(&p, I_LI(3, 0));
	emit(&p, I_MTSPR(SPR_IVPR, 3));
	emit(&p, I_LI(3, 0x2000));
	emit(&p, I_MTSPR(spr_ivor(6), 3));
	emit(&p, I_LI(3, 0x2100));
	emit(&p, I_MTSPR(spr_ivor(2), 3));
	emit(&p, I_LI(3, 0x2200));
	emit(&p, I_MTSPR(spr_ivor(5), 3));
	at_lwzu = prog_here(&p, GUEST_CODE);
	emit(&p, I_LWZU(4, 0, 4));		/* RA = RT */
	at_stwux = prog_here(&p, GUEST_CODE);
	emit(&p, I_STWUX(3, 0, 4));		/* RA = 0 */
	at_lmw = prog_here(&p, GUEST_CODE);
	emit(&p, I_LMW(4, 0, 4));		/* RA in the range */
	at_lwarx = prog_here(&p, GUEST_CODE);
	emit(&p, I_LWARX(5, 0, 4));
	at_misaligned = prog_here(&p, GUEST_CODE);
	emit(&p, I_LMW(28, 2, 4));
	emit(&p, I_DCBF(0, 4));
	emit(&p, I_LHBRX(5, 0, 4));
	emit(&p, I_STW(5, 0x10, 4));
	emit(&p, I_MR(7, 4));
	emit(&p, I_LI(8, 0x40));
	emit(&p, I_LWZUX(6, 7, 8));
	emit(&p, I_STW(7, 0x20, 4));
	emit(&p, I_STW(6, 0x24, 4));
	emit(&p, I_SELF_LOOP);
	prog_put(&g, GUEST_CODE, &p);
	guest_code(&g, 0x2000, program, ARRAY_LEN(program));
	guest_code(&g, 0x2100, dsi, ARRAY_LEN(dsi));
	guest_code(&g, 0x2200, align, ARRAY_LEN(align));
	guest_set_pc(&g, GUEST_CODE, 0);

	expect_store(&g, report, at_lwzu, "lwzu with RA = RT on MMIO: program interrupt at it");
	expect_store(&g, report + 4, ESR_PIL_BIT, "lwzu with RA = RT: ESR[PIL]");
	expect_store(&g, report, at_stwux, "stwux with RA = 0 on MMIO: program interrupt at it");
	expect_store(&g, report + 4, ESR_PIL_BIT, "stwux with RA = 0: ESR[PIL]");
	expect_store(&g, report, at_lmw, "lmw loading its base register: program interrupt");
	expect_store(&g, report + 4, ESR_PIL_BIT, "lmw over RA: ESR[PIL]");
	expect_store(&g, report + 8, at_lwarx, "lwarx on MMIO: data storage interrupt at it");
	expect_store(&g, report + 12, GUEST_MMIO, "lwarx on MMIO: DEAR is the address");
	expect_store(&g, report + 16, at_misaligned, "misaligned lmw: alignment interrupt at it");
	expect_store(&g, report + 20, GUEST_MMIO + 2, "misaligned lmw: DEAR is its EA");
	if (tap_check(mem_run(&g, GUEST_MMIO, 0, 2),
		      "dcbf on MMIO does nothing; lhbrx is the next exit"))
		mmio_fill(g.run, 0x1234);
	expect_store(&g, GUEST_MMIO + 0x10, 0x3412, "lhbrx byte-reverses the halfword");
	if (tap_check(mem_run(&g, GUEST_MMIO + 0x40, 0, 4), "lwzux loads from (RA)+(RB)"))
		mmio_fill(g.run, 5);
	expect_store(&g, GUEST_MMIO + 0x20, GUEST_MMIO + 0x40, "lwzux updates RA with the EA");
	expect_store(&g, GUEST_MMIO + 0x24, 5, "lwzux loads RT");
	guest_destroy(&g);
}

int main(void)
{
	tap_start();
	multiple_words();
	multiple_across_ram_end();
	refused_forms();
	return tap_done();
}
