// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memory slots changed by another thread while the vCPU runs, and
 * read-only slots.  The guest watches two guest-physical words, A in a
 * second slot and B above it, and reports both (MMIO stores) whenever
 * either changes; a word outside every slot is an MMIO load, which we
 * answer with 0xee000000 | its address.  The slot then moves from A to
 * B, is deleted, and is added again at A with other memory: each time
 * the guest must see the new layout, never the old translation.
 */
#include "guest_watch.h"
#include "tap.h"

#define ADDR_A		0x200000
#define ADDR_B		0x300000
#define ADDR_RO		0x400000
#define SLOT_SIZE	0x10000
#define MMIO_OF(a)	(0xee000000u | (a))
#define PAT_1		0x51000001u
#define PAT_2		0x52000002u
#define PAT_RO		0x0d0d0d00u
#define RO_CODE		0x1200

static struct guest g;
static u8 *mem1, *mem2, *mem_ro;

static const u32 watch2[] = {
	I_LWZ(6, 0, 5),			/* 0 */
	I_LWZ(10, 0, 9),		/* 1 */
	I_CMPW(6, 7),			/* 2 */
	I_BNE(12),			/* 3: to 6 */
	I_CMPW(10, 11),			/* 4 */
	I_BEQ(-20),			/* 5: to 0 */
	I_MR(7, 6),			/* 6 */
	I_MR(11, 10),
	I_STW(6, 0, 4),
	I_STW(10, 4, 4),
	I_B(-40),			/* to 0 */
};

/* loads, a store and a load back, through a read-only slot */
static const u32 ro_code[] = {
	I_LIS(12, HI(ADDR_RO)),
	I_LWZ(6, 0, 12), I_STW(6, 0, 4),
	I_LIS(6, HI(0x12345678)), I_ORI(6, 6, LO(0x12345678)), I_STW(6, 8, 12),
	I_LWZ(6, 8, 12), I_STW(6, 4, 4),
	I_LI(6, 0x77), I_STB(6, 13, 12),
	I_LWZ(6, 12, 12), I_STW(6, 8, 4),
	I_SELF_LOOP,
};

static int set_slot(unsigned int slot, u64 gpa, u64 size, void *mem,
		    u32 flags)
{
	struct kvm_userspace_memory_region r = {
		.slot = slot, .flags = flags, .guest_phys_addr = gpa,
		.memory_size = size, .userspace_addr = (uintptr_t)mem,
	};

	return ioctl(g.vm, KVM_SET_USER_MEMORY_REGION, &r);
}

static int move_slot(void *arg)
{
	return set_slot(1, ADDR_B, SLOT_SIZE, mem1, 0);
}

static int delete_slot(void *arg)
{
	return set_slot(1, ADDR_B, 0, mem1, 0);
}

static int add_slot(void *arg)
{
	return set_slot(1, ADDR_A, SLOT_SIZE, mem2, 0);
}

/*
 * Run until the guest reports (a, b), answering MMIO loads; at most 10
 * s.  Then 200 more exits must bring no other report.
 */
static int await(u32 a, u32 b, u32 *got_a, u32 *got_b)
{
	unsigned int extra = 0;
	int seen = 0, r;

	*got_a = *got_b = 0;
	alarm(10);
	while (!seen || extra < 200) {
		r = ioctl(g.vcpu, KVM_RUN, 0);
		if (r || g.run->exit_reason != KVM_EXIT_MMIO) {
			tap_diag("KVM_RUN %d (%s), exit %u", r,
				 r ? strerror(errno) : "-", g.run->exit_reason);
			break;
		}
		if (!g.run->mmio.is_write) {
			u64 pa = g.run->mmio.phys_addr;

			if (pa != ADDR_A && pa != ADDR_B) {
				tap_diag("MMIO load at 0x%llx", (unsigned long long)pa);
				break;
			}
			mmio_fill(g.run, MMIO_OF((u32)pa));
			extra += seen;
			continue;
		}
		if (g.run->mmio.phys_addr == GUEST_MMIO) {
			*got_a = mmio_value(g.run);
			continue;
		}
		*got_b = mmio_value(g.run);
		if (seen) {
			tap_diag("a later report (0x%08x, 0x%08x)", *got_a, *got_b);
			seen = 0;
			break;
		}
		seen = *got_a == a && *got_b == b;
	}
	alarm(0);
	return seen;
}

int main(void)
{
	struct kvm_regs regs;
	struct helper h;
	u32 a, b, val;
	int r;

	tap_start();
	watch_signals();
	if (!tap_check(guest_create(&g) == 0, "create a guest"))
		return tap_done();
	mem1 = mmap(NULL, SLOT_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	mem2 = mmap(NULL, SLOT_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	mem_ro = mmap(NULL, SLOT_SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	put_be32(mem1, PAT_1);
	put_be32(mem2, PAT_2);
	tap_check(set_slot(1, ADDR_A, SLOT_SIZE, mem1, 0) == 0,
		  "a second slot at 0x%x", ADDR_A);
	guest_code(&g, GUEST_CODE, watch2, ARRAY_LEN(watch2));
	ioctl(g.vcpu, KVM_GET_REGS, &regs);
	regs.pc = GUEST_CODE;
	regs.msr = 0;
	regs.gpr[4] = GUEST_MMIO;
	regs.gpr[5] = ADDR_A;
	regs.gpr[9] = ADDR_B;
	ioctl(g.vcpu, KVM_SET_REGS, &regs);

	tap_check(await(PAT_1, MMIO_OF(ADDR_B), &a, &b),
		  "the guest reads the slot at A, B is MMIO (0x%08x, 0x%08x)", a, b);

	helper_start(&h, 30, move_slot, NULL);
	r = await(MMIO_OF(ADDR_A), PAT_1, &a, &b);
	tap_check(helper_join(&h) == 0, "move the slot to B while the vCPU runs");
	tap_check(r, "after the move A is MMIO, B the slot's memory (0x%08x, 0x%08x)",
		  a, b);

	helper_start(&h, 30, delete_slot, NULL);
	r = await(MMIO_OF(ADDR_A), MMIO_OF(ADDR_B), &a, &b);
	tap_check(helper_join(&h) == 0, "delete the slot while the vCPU runs");
	tap_check(r, "after the delete both are MMIO exits (0x%08x, 0x%08x)", a, b);

	helper_start(&h, 30, add_slot, NULL);
	r = await(PAT_2, MMIO_OF(ADDR_B), &a, &b);
	tap_check(helper_join(&h) == 0, "add a slot at A while the vCPU runs");
	tap_check(r, "after the add A reads the new memory (0x%08x, 0x%08x)", a, b);

	/* read-only slot */
	tap_check(ioctl(g.kvm, KVM_CHECK_EXTENSION, KVM_CAP_READONLY_MEM) == 1,
		  "KVM_CAP_READONLY_MEM is 1");
	put_be32(mem_ro, PAT_RO);
	put_be32(mem_ro + 8, PAT_RO + 8);
	put_be32(mem_ro + 12, PAT_RO + 12);
	tap_check(set_slot(2, ADDR_RO, SLOT_SIZE, mem_ro, KVM_MEM_READONLY) == 0,
		  "a read-only slot at 0x%x", ADDR_RO);
	guest_code(&g, RO_CODE, ro_code, ARRAY_LEN(ro_code));
	/* complete the MMIO load the watch loop left, then move the PC */
	g.run->immediate_exit = 1;
	ioctl(g.vcpu, KVM_RUN, 0);
	g.run->immediate_exit = 0;
	guest_set_pc(&g, RO_CODE, 0);
	tap_check(guest_store_exit(&g, GUEST_MMIO, &val) && val == PAT_RO,
		  "a load from the read-only slot reads its memory (0x%08x)", val);
	r = ioctl(g.vcpu, KVM_RUN, 0);
	tap_check(!r && g.run->exit_reason == KVM_EXIT_MMIO &&
		  g.run->mmio.is_write && g.run->mmio.len == 4 &&
		  g.run->mmio.phys_addr == ADDR_RO + 8 &&
		  mmio_value(g.run) == 0x12345678,
		  "a word store to it is an MMIO write exit (0x%llx, len %u, 0x%08x)",
		  (unsigned long long)g.run->mmio.phys_addr, g.run->mmio.len,
		  mmio_value(g.run));
	tap_check(guest_store_exit(&g, GUEST_MMIO + 4, &val) && val == PAT_RO + 8,
		  "the store did not reach the slot's memory (guest reads 0x%08x)",
		  val);
	r = ioctl(g.vcpu, KVM_RUN, 0);
	tap_check(!r && g.run->exit_reason == KVM_EXIT_MMIO &&
		  g.run->mmio.is_write && g.run->mmio.len == 1 &&
		  g.run->mmio.phys_addr == ADDR_RO + 13 &&
		  g.run->mmio.data[0] == 0x77,
		  "a byte store is an MMIO write exit (0x%llx, len %u)",
		  (unsigned long long)g.run->mmio.phys_addr, g.run->mmio.len);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 8, &val) && val == PAT_RO + 12,
		  "the byte store did not reach memory either (0x%08x)", val);
	tap_check(get_be32(mem_ro + 8) == PAT_RO + 8 &&
		  get_be32(mem_ro + 12) == PAT_RO + 12,
		  "the host sees the read-only slot's memory unchanged");

	guest_destroy(&g);
	return tap_done();
}
