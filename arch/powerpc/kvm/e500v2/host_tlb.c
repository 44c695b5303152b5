// SPDX-License-Identifier: GPL-2.0-only
/*
 * Raw access to the host TLBs for the shadow entries, and the host TLB1
 * entries the shadow may use.
 *
 * The kernel's own lowmem CAMs are the IPROT entries at the bottom of
 * TLB1 (ESEL 0 .. tlbcam_index - 1, a variable the kernel does not
 * export); host hugetlb pages go, round robin, into any entry from
 * tlbcam_index up (book3e_hugetlb_preload() and the TLB miss handler,
 * next_tlbcam_idx).  We take a fixed set at the top of TLB1, above
 * every IPROT entry, and round robin inside it per CPU.  Host and
 * shadow may overwrite each other's entries there: the host's are
 * TS = 0 and ours TS = 1 (the guest always runs in address space 1), so
 * the two never match the same access, and a lost entry is only a new
 * TLB miss for its owner.  Our flush invalidates only entries of the
 * set that still carry the shadow's TS (any TID: one per guest
 * context, see mmu.c).
 */
#include <linux/percpu.h>
#include <linux/log2.h>
#include <asm/mmu.h>
#include <asm/reg.h>

#include "e500_shadow.h"
#include "e500v2.h"

/* how many host TLB1 entries the shadow uses at most */
#define SHADOW_TLB1_MAX		8

/* written once at module load, read-only afterwards */
static unsigned int tlb0_ways, tlb1_first, tlb1_count;
static u64 tlb1_max;

/* next entry of the set to replace, on this CPU */
static DEFINE_PER_CPU(unsigned int, tlb1_next);

/*
 * The sequences below run with interrupts off, but a host TLB miss on
 * the module's own text (vmalloc space, TLB0) would still overwrite
 * MAS0-3.  Each helper is one short asm block in a function smaller
 * than its alignment, so it cannot cross a page and take that miss.
 */
noinline __aligned(64) void e500v2_host_tlbwe(u32 mas0, u32 mas1, u32 mas2,
					      u32 mas3, u32 mas7)
{
	asm volatile("mtspr %0, %5\n\t"
		     "mtspr %1, %6\n\t"
		     "mtspr %2, %7\n\t"
		     "mtspr %3, %8\n\t"
		     "mtspr %4, %9\n\t"
		     "isync\n\t"
		     "tlbwe\n\t"
		     "isync"
		     : : "i" (SPRN_MAS0), "i" (SPRN_MAS1), "i" (SPRN_MAS2),
		       "i" (SPRN_MAS3), "i" (SPRN_MAS7),
		       "r" (mas0), "r" (mas1), "r" (mas2), "r" (mas3),
		       "r" (mas7)
		     : "memory");
}

/* MAS1 of the entry @mas0 selects (TLB1: any EPN) */
static noinline __aligned(64) u32 host_tlbre_mas1(u32 mas0)
{
	u32 mas1;

	asm volatile("mtspr %1, %3\n\t"
		     "isync\n\t"
		     "tlbre\n\t"
		     "isync\n\t"
		     "mfspr %0, %2"
		     : "=r" (mas1)
		     : "i" (SPRN_MAS0), "i" (SPRN_MAS1), "r" (mas0)
		     : "memory");
	return mas1;
}

/*
 * MAS1 of the TLB0 entry in way @mas0 of the set @mas2 names; *@mas2
 * becomes the entry's MAS2.
 */
static noinline __aligned(64) u32 host_tlbre0(u32 mas0, u32 *mas2)
{
	u32 mas1, m2;

	asm volatile("mtspr %2, %6\n\t"
		     "mtspr %3, %7\n\t"
		     "isync\n\t"
		     "tlbre\n\t"
		     "isync\n\t"
		     "mfspr %0, %4\n\t"
		     "mfspr %1, %5"
		     : "=&r" (mas1), "=&r" (m2)
		     : "i" (SPRN_MAS0), "i" (SPRN_MAS2), "i" (SPRN_MAS1),
		       "i" (SPRN_MAS2), "r" (mas0), "r" (*mas2)
		     : "memory");
	*mas2 = m2;
	return mas1;
}

/*
 * Remove every shadow entry (TS = 1, whatever its TID) that maps @ea's
 * page in this CPU's TLB0: the ways of the one set the page can be in
 * are read back and compared.  Returns how many went; interrupts off.
 */
unsigned int e500v2_host_tlb0_inval_page(u32 ea)
{
	u32 epn = ea & MAS2_EPN, mas1, mas2;
	unsigned int way, n = 0;

	for (way = 0; way < tlb0_ways; way++) {
		u32 mas0 = MAS0_TLBSEL(0) | MAS0_ESEL(way);

		mas2 = epn;
		mas1 = host_tlbre0(mas0, &mas2);
		if ((mas1 & (MAS1_VALID | MAS1_TS)) != (MAS1_VALID | MAS1_TS) ||
		    (mas2 & MAS2_EPN) != epn)
			continue;
		e500v2_host_tlbwe(mas0, 0, epn, 0, 0);
		n++;
	}
	return n;
}

/* MAS1 of tlbsx's hit for @ea under MAS6 @mas6 (MAS1[V] clear: none) */
static noinline __aligned(64) u32 host_tlbsx_mas1(u32 mas6, u32 ea)
{
	u32 mas1;

	asm volatile("mtspr %1, %3\n\t"
		     "isync\n\t"
		     "tlbsx 0, %4\n\t"
		     "isync\n\t"
		     "mfspr %0, %2"
		     : "=r" (mas1)
		     : "i" (SPRN_MAS6), "i" (SPRN_MAS1), "r" (mas6), "r" (ea)
		     : "memory");
	return mas1;
}

/*
 * Would a guest access to @ea hit in this CPU's TLBs, the guest running
 * with host PIDs @pid0 and @pid1 (address space 1)?  Either TLB, any
 * size.  Interrupts off.
 */
bool e500v2_host_tlb_maps(u32 ea, u32 pid0, u32 pid1)
{
	return (host_tlbsx_mas1(pid0 << MAS6_SPID_SHIFT | MAS6_SAS, ea) |
		host_tlbsx_mas1(pid1 << MAS6_SPID_SHIFT | MAS6_SAS, ea)) &
	       MAS1_VALID;
}

static u32 tlb1_mas0(unsigned int esel)
{
	return MAS0_TLBSEL(1) | MAS0_ESEL(esel);
}

/* the host's own entries are TS = 0: TS = 1 is a shadow, any TID */
static bool is_shadow(u32 mas1)
{
	return (mas1 & (MAS1_VALID | MAS1_TS)) == (MAS1_VALID | MAS1_TS);
}

/* pick the set: the top of TLB1, above every protected (kernel) entry */
void e500v2_host_tlb1_init(void)
{
	u32 cfg = mfspr(SPRN_TLB1CFG);
	unsigned int n = E500_TLBCFG_NENTRY(cfg), esel, above = 0;
	unsigned long flags;

	local_irq_save(flags);
	for (esel = 0; esel < n; esel++)
		if (host_tlbre_mas1(tlb1_mas0(esel)) & MAS1_IPROT)
			above = esel + 1;
	local_irq_restore(flags);
	tlb0_ways = E500_TLBCFG_ASSOC(mfspr(SPRN_TLB0CFG));
	tlb1_count = min_t(unsigned int, SHADOW_TLB1_MAX, n - above);
	tlb1_first = n - tlb1_count;
	tlb1_max = e500_tlb1_max_bytes(cfg);
	pr_info("kvm-e500v2: shadow large pages in host TLB1 entries %u-%u (kernel CAMs below %u), up to %llu KiB\n",
		tlb1_first, n - 1, above, tlb1_max >> 10);
}

/* the largest shadow page, E500_SHADOW_MIN when TLB1 has no room */
u64 e500v2_host_tlb1_max(void)
{
	return tlb1_count ? tlb1_max : E500_SHADOW_MIN;
}

/* called with interrupts off */
void e500v2_host_tlb1_write(u32 ea, u64 size, u32 wimge, u64 pa, u32 perms,
			    u32 tid)
{
	unsigned int i = __this_cpu_read(tlb1_next);

	__this_cpu_write(tlb1_next, i + 1 < tlb1_count ? i + 1 : 0);
	e500v2_host_tlbwe(tlb1_mas0(tlb1_first + i),
			  MAS1_VALID | MAS1_TS | MAS1_TID(tid) |
			  MAS1_TSIZE(ilog2(size) - 10),
			  (u32)(ea & ~(size - 1)) | wimge,
			  (u32)(pa & ~(size - 1)) | perms,
			  (u32)(pa >> 32));
}

/*
 * drop this CPU's shadow entries from the set, those of every context;
 * interrupts off
 */
void e500v2_host_tlb1_flush(void)
{
	unsigned int i;

	for (i = 0; i < tlb1_count; i++)
		if (is_shadow(host_tlbre_mas1(tlb1_mas0(tlb1_first + i))))
			e500v2_host_tlbwe(tlb1_mas0(tlb1_first + i), 0, 0, 0, 0);
}
