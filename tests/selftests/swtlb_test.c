// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_CAP_SW_TLB on e500v2: the guest's TLBs in an array userspace
 * shares with KVM.  Bad configurations fail with -EINVAL (or -EFAULT)
 * and leave the kernel's TLB in use; a good one moves the TLBs into the
 * array with the new geometry in TLB0CFG/TLB1CFG.  Entries userspace
 * writes there (announced with KVM_DIRTY_TLB) translate the guest's
 * loads and MMIO stores and read back with tlbre; the guest's tlbwe
 * lands in the array; an entry userspace clears stops translating.
 */
#include <stdlib.h>

#include "guest_asm.h"
#include "tap.h"

#define I_TLBRE		0x7c000764u
#define I_TLBSYNC	0x7c00046cu

#define HI(v)		((v) >> 16)
#define LO(v)		((v) & 0xffff)

/* the geometry configured: TLB0 2-way 256 entries, TLB1 16 entries */
#define WAYS0		2
#define SIZE0		256
#define SIZE1		16
#define NENTRIES	(SIZE0 + SIZE1)
#define ARRAY_OFF	0x40	/* the array straddles a page boundary */

#define V		0x80000000u
#define IPROT		0x40000000u
#define TS_4K		0x00000100u	/* MAS1[TSIZE] = 4 KiB */
#define TS_64K		0x00000300u
#define TS_64M		0x00000800u
#define SRWX		0x15u		/* MAS3 SX SW SR */

/* userspace entries: TLB1[1] 64 KiB at 0x10000000 -> 0x80000 */
#define U1_EA		0x10000000u
#define U1_MAS1		(V | TS_64K)
#define U1_MAS3		(0x00080000u | SRWX)
/* TLB1[2]: 4 KiB at 0x40000000 -> GUEST_MMIO (outside RAM) */
#define U2_EA		0x40000000u
/* TLB0 set 3 way 1: 4 KiB at 0x20003000 -> 0x90000 */
#define U0_EA		0x20003000u
/* the guest's own tlbwe: TLB1[3] and TLB0 set 5 way 1 */
#define G1_EA		0x50000000u
#define G1_MAS3		(0x000a0000u | SRWX)
#define G0_EA		0x20005000u
#define G0_MAS3		(0x000b0000u | SRWX)

static struct kvm_book3e_206_tlb_entry *tlb;		/* the shared array */

static int config(int vcpu, const struct kvm_book3e_206_tlb_params *p,
		  void *array, __u32 len, __u32 type)
{
	struct kvm_config_tlb cfg = {
		.params = (uintptr_t)p, .array = (uintptr_t)array,
		.mmu_type = type, .array_len = len,
	};
	struct kvm_enable_cap cap = {
		.cap = KVM_CAP_SW_TLB, .args = { (uintptr_t)&cfg },
	};

	return ioctl(vcpu, KVM_ENABLE_CAP, &cap);
}

static int dirty(int vcpu)
{
	__u64 bits[(NENTRIES + 63) / 64];
	struct kvm_dirty_tlb d = { .bitmap = (uintptr_t)bits };

	memset(bits, 0xff, sizeof(bits));
	d.num_dirty = sizeof(bits) * 8;
	return ioctl(vcpu, KVM_DIRTY_TLB, &d);
}

static void set(struct kvm_book3e_206_tlb_entry *e, __u32 mas1, __u32 ea, __u64 mas3)
{
	e->mas8 = 0;
	e->mas1 = mas1;
	e->mas2 = ea;
	e->mas7_3 = mas3;
}

static const struct kvm_book3e_206_tlb_params good = {
	.tlb_sizes = { SIZE0, SIZE1 }, .tlb_ways = { WAYS0, SIZE1 },
};

/* each bad configuration: what is wrong and how it fails */
static void bad_configs(int vcpu, u8 *page)
{
	struct kvm_book3e_206_tlb_params p;
	const __u32 len = NENTRIES * sizeof(struct kvm_book3e_206_tlb_entry);
	static const struct {
		const char *what;
		__u32 size0, ways0, size1, ways1, size2;
	} geo[] = {
		{ "TLB0 with 3 ways", 255, 3, 16, 16, 0 },
		{ "TLB0 with 32 ways", 256, 32, 16, 16, 0 },
		{ "TLB0 size not a multiple of its ways", 254, 4, 16, 16, 0 },
		{ "TLB0 with 6 sets", 24, 4, 16, 16, 0 },
		{ "TLB0 of 4096 entries", 4096, 4, 16, 16, 0 },
		{ "TLB1 not fully associative", 256, 2, 16, 4, 0 },
		{ "TLB1 of 128 entries", 256, 2, 128, 128, 0 },
		{ "an empty TLB1", 256, 2, 0, 0, 0 },
		{ "a TLB2", 256, 2, 16, 16, 8 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(geo); i++) {
		memset(&p, 0, sizeof(p));
		p.tlb_sizes[0] = geo[i].size0;
		p.tlb_ways[0] = geo[i].ways0;
		p.tlb_sizes[1] = geo[i].size1;
		p.tlb_ways[1] = geo[i].ways1;
		p.tlb_sizes[2] = geo[i].size2;
		tap_errno(config(vcpu, &p, tlb, 0x10000, KVM_MMU_FSL_BOOKE_NOHV),
			  EINVAL, geo[i].what);
	}
	p = good;
	p.reserved[3] = 1;
	tap_errno(config(vcpu, &p, tlb, len, KVM_MMU_FSL_BOOKE_NOHV), EINVAL,
		  "a reserved parameter word set");
	tap_errno(config(vcpu, &good, tlb, len, KVM_MMU_FSL_BOOKE_HV), EINVAL,
		  "mmu_type KVM_MMU_FSL_BOOKE_HV");
	tap_errno(config(vcpu, &good, tlb, len - 1, KVM_MMU_FSL_BOOKE_NOHV),
		  EINVAL, "array_len one byte short");
	tap_errno(config(vcpu, &good, (u8 *)tlb + 4, len,
			 KVM_MMU_FSL_BOOKE_NOHV), EINVAL, "a misaligned array");
	tap_errno(config(vcpu, NULL, tlb, len, KVM_MMU_FSL_BOOKE_NOHV), EFAULT,
		  "params at NULL");
	tap_errno(config(vcpu, &good, page + 3 * 4096, len,
			 KVM_MMU_FSL_BOOKE_NOHV), EFAULT, "an unmapped array");
	tap_errno(dirty(vcpu), EINVAL, "KVM_DIRTY_TLB before KVM_CAP_SW_TLB");
}

int main(void)
{
	const u32 code[] = {
		I_LIS(4, HI(GUEST_MMIO)),
		I_LI(3, 0), I_MTSPR(SPR_IVPR, 3),
		I_LI(3, 0x2000), I_MTSPR(spr_ivor(13), 3),
		/* the kernel's TLB, after the bad configurations */
		I_MFSPR(3, SPR_TLB0CFG), I_STW(3, 0, 4),		/* + 0 */
		/* userspace configures the array, adds entries */
		I_MFSPR(3, SPR_TLB0CFG), I_STW(3, 4, 4),		/* + 4 */
		I_MFSPR(3, SPR_TLB1CFG), I_STW(3, 8, 4),		/* + 8 */
		I_LIS(5, HI(U1_EA)), I_ORI(5, 5, LO(U1_EA)),
		I_LWZ(6, 0x10, 5), I_STW(6, 12, 4),			/* + 12 */
		I_LIS(7, HI(U0_EA)), I_ORI(7, 7, LO(U0_EA)),
		I_LWZ(6, 0x20, 7), I_STW(6, 16, 4),			/* + 16 */
		I_LIS(8, HI(U2_EA)), I_ORI(8, 8, LO(U2_EA)),
		I_STW(6, 0x100, 8),				/* MMIO + 0x100 */
		/* tlbre of userspace's TLB1[1] */
		I_LIS(3, HI(0x10010000u)), I_ORI(3, 3, LO(0x10010000u)), I_MTSPR(SPR_MAS0, 3),
		I_TLBRE,
		I_MFSPR(3, SPR_MAS1), I_STW(3, 20, 4),			/* + 20 */
		I_MFSPR(3, SPR_MAS2), I_STW(3, 24, 4),			/* + 24 */
		I_MFSPR(3, SPR_MAS3), I_STW(3, 28, 4),			/* + 28 */
		/* the guest's tlbwe: TLB1[3], TLB0 way 1 */
		I_LIS(3, HI(0x10030000u)), I_ORI(3, 3, LO(0x10030000u)), I_MTSPR(SPR_MAS0, 3),
		I_LIS(3, HI(V | TS_4K)), I_ORI(3, 3, LO(V | TS_4K)), I_MTSPR(SPR_MAS1, 3),
		I_LIS(3, HI(G1_EA)), I_ORI(3, 3, LO(G1_EA)), I_MTSPR(SPR_MAS2, 3),
		I_LIS(3, HI(G1_MAS3)), I_ORI(3, 3, LO(G1_MAS3)), I_MTSPR(SPR_MAS3, 3),
		I_LI(3, 0), I_MTSPR(SPR_MAS7, 3),
		I_TLBWE,
		I_LIS(3, HI(0x00010000u)), I_ORI(3, 3, LO(0x00010000u)), I_MTSPR(SPR_MAS0, 3),
		I_LIS(3, HI(G0_EA)), I_ORI(3, 3, LO(G0_EA)), I_MTSPR(SPR_MAS2, 3),
		I_LIS(3, HI(G0_MAS3)), I_ORI(3, 3, LO(G0_MAS3)), I_MTSPR(SPR_MAS3, 3),
		I_TLBWE, I_TLBSYNC,
		I_STW(3, 32, 4),					/* + 32 */
		/* userspace clears TLB1[1]: the load takes a DTLB error */
		I_LWZ(6, 0x10, 5),
		I_SELF_LOOP,
	};
	const u32 handler[] = {
		I_MFSPR(3, SPR_DEAR), I_STW(3, 36, 4),			/* + 36 */
		I_SELF_LOOP,
	};
	struct kvm_book3e_206_tlb_params p;
	struct kvm_sregs sregs;
	u32 val, cfg0 = 0, cfg1 = 0;
	void *page2 = NULL;
	struct kvm_book3e_206_tlb_entry *e;
	struct guest g;
	u8 *page;
	int r;

	tap_start();
	if (!tap_check(guest_create(&g) == 0, "create a guest"))
		return tap_done();
	r = ioctl(g.vm, KVM_CHECK_EXTENSION, KVM_CAP_SW_TLB);
	tap_check(r == 1, "KVM_CHECK_EXTENSION(KVM_CAP_SW_TLB) = %d", r);
	/* two pages for the array; the one after is unmapped */
	page = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!tap_check(page != MAP_FAILED, "map the array"))
		return tap_done();
	munmap(page + 3 * 4096, 4096);
	tlb = (struct kvm_book3e_206_tlb_entry *)(page + 4096 - ARRAY_OFF);
	if (!tap_check(!posix_memalign(&page2, 4096, 4 * 4096),
		       "allocate a second array"))
		return tap_done();
	memset(page2, 0, 4 * 4096);
	memset(page, 0, 3 * 4096);

	guest_code(&g, GUEST_CODE, code, ARRAY_LEN(code));
	guest_code(&g, 0x2000, handler, ARRAY_LEN(handler));
	memcpy(g.ram + 0x80010, "\x11\x22\x33\x44", 4);
	memcpy(g.ram + 0x90020, "\x55\x66\x77\x88", 4);
	guest_set_pc(&g, GUEST_CODE, 0);

	bad_configs(g.vcpu, page);
	tap_check(guest_store_exit(&g, GUEST_MMIO, &cfg0) &&
		  (cfg0 >> 24) != WAYS0 && (cfg0 & 0xfff) != SIZE0,
		  "after the bad configurations the kernel's TLB still runs the guest, TLB0CFG 0x%08x",
		  cfg0);

	/* the array's contents become the TLBs: give it the boot mapping */
	set(&tlb[SIZE0], V | IPROT | TS_64M, 0, SRWX);
	tlb[3 * WAYS0 + 1].mas1 = V | IPROT | TS_64M;	/* TLB0 rules fix this */
	r = config(g.vcpu, &good, tlb, NENTRIES * sizeof(struct kvm_book3e_206_tlb_entry),
		   KVM_MMU_FSL_BOOKE_NOHV);
	tap_check(r == 0, "KVM_CAP_SW_TLB with TLB0 %u/%u-way, TLB1 %u (%d)",
		  SIZE0, WAYS0, SIZE1, r);
	tap_check(tlb[3 * WAYS0 + 1].mas1 == (V | TS_4K),
		  "a TLB0 entry in the array loses IPROT and gets 4 KiB (0x%08x)",
		  tlb[3 * WAYS0 + 1].mas1);
	tlb[3 * WAYS0 + 1].mas1 = 0;
	/* entries written after the configuration, then KVM_DIRTY_TLB */
	set(&tlb[SIZE0 + 1], U1_MAS1, U1_EA, U1_MAS3);
	set(&tlb[SIZE0 + 2], V | TS_4K, U2_EA, GUEST_MMIO | SRWX);
	set(&tlb[3 * WAYS0 + 1], V | TS_4K, U0_EA, 0x00090000u | SRWX);
	tap_check(dirty(g.vcpu) == 0, "KVM_DIRTY_TLB");

	tap_check(guest_store_exit(&g, GUEST_MMIO + 4, &val) &&
		  val == ((cfg0 & 0x00fff000) | (WAYS0 << 24) | SIZE0),
		  "TLB0CFG shows the new geometry (0x%08x)", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 8, &cfg1) &&
		  (cfg1 >> 24) == SIZE1 && (cfg1 & 0xfff) == SIZE1 &&
		  (cfg1 & 0x8000),
		  "TLB1CFG shows %u entries, fully associative (0x%08x)",
		  SIZE1, cfg1);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 12, &val) && val == 0x11223344,
		  "a TLB1 entry userspace wrote maps EA 0x%08x (read 0x%08x)",
		  U1_EA, val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 16, &val) && val == 0x55667788,
		  "a TLB0 entry userspace wrote maps EA 0x%08x (read 0x%08x)",
		  U0_EA, val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 0x100, &val) &&
		  val == 0x55667788,
		  "an MMIO store through a userspace entry exits at 0x%08x (0x%08x)",
		  GUEST_MMIO + 0x100, val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 20, &val) && val == U1_MAS1,
		  "tlbre of the userspace entry: MAS1 0x%08x", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 24, &val) && val == U1_EA,
		  "tlbre of the userspace entry: MAS2 0x%08x", val);
	tap_check(guest_store_exit(&g, GUEST_MMIO + 28, &val) && val == U1_MAS3,
		  "tlbre of the userspace entry: MAS3 0x%08x", val);

	tap_check(guest_store_exit(&g, GUEST_MMIO + 32, &val),
		  "the guest wrote two entries with tlbwe");
	e = &tlb[SIZE0 + 3];
	tap_check(e->mas1 == (V | TS_4K) && e->mas2 == G1_EA &&
		  e->mas7_3 == G1_MAS3,
		  "the guest's TLB1[3] is in the array (0x%08x 0x%llx 0x%llx)",
		  e->mas1, (unsigned long long)e->mas2,
		  (unsigned long long)e->mas7_3);
	e = &tlb[5 * WAYS0 + 1];
	tap_check(e->mas1 == (V | TS_4K) && e->mas2 == G0_EA &&
		  e->mas7_3 == G0_MAS3,
		  "the guest's TLB0 set 5 way 1 is in the array (0x%08x 0x%llx 0x%llx)",
		  e->mas1, (unsigned long long)e->mas2,
		  (unsigned long long)e->mas7_3);

	/* a bad re-configuration keeps the array in use */
	p = good;
	p.tlb_ways[0] = 3;
	tap_errno(config(g.vcpu, &p, tlb, NENTRIES * sizeof(struct kvm_book3e_206_tlb_entry),
			 KVM_MMU_FSL_BOOKE_NOHV), EINVAL,
		  "re-configuration with a 3-way TLB0");
	tlb[SIZE0 + 1].mas1 = 0;
	tap_check(dirty(g.vcpu) == 0, "KVM_DIRTY_TLB after clearing TLB1[1]");
	tap_check(guest_store_exit(&g, GUEST_MMIO + 36, &val) && val == U1_EA + 0x10,
		  "the cleared entry no longer maps: data TLB error, DEAR 0x%08x",
		  val);

	/* a good re-configuration replaces the array */
	p = good;
	p.tlb_sizes[0] = 512;
	p.tlb_ways[0] = 4;
	tap_check(config(g.vcpu, &p, page2, 528 * sizeof(*tlb),
			 KVM_MMU_FSL_BOOKE_NOHV) == 0,
		  "re-configuration with TLB0 512/4-way, another array");
	r = ioctl(g.vcpu, KVM_GET_SREGS, &sregs);
	tap_check(!r && sregs.u.e.tlbcfg[0] ==
		  ((cfg0 & 0x00fff000) | (4 << 24) | 512),
		  "SREGS TLB0CFG follows it (0x%08x)", sregs.u.e.tlbcfg[0]);
	/* left configured: destroying the VM unpins both arrays */
	r = ioctl(g.vm, KVM_CREATE_VCPU, 1);
	tap_check(r >= 0 && config(r, &good, tlb, NENTRIES * sizeof(*tlb),
				   KVM_MMU_FSL_BOOKE_NOHV) == 0,
		  "a second vCPU takes the first array");
	if (r >= 0)
		close(r);

	guest_destroy(&g);
	munmap(page, 3 * 4096);
	free(page2);
	return tap_done();
}
