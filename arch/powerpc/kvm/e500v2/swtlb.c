// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_CAP_SW_TLB on e500v2: the guest's TLB0 and TLB1 move into an
 * array of struct kvm_book3e_206_tlb_entry that userspace owns.  Its
 * pages stay pinned and mapped into the kernel until the vCPU goes away
 * or userspace configures another array; the guest TLB model then reads
 * and writes the entries in place, so userspace sees every tlbwe and
 * its own edits (announced with KVM_DIRTY_TLB) reach the guest.
 */
#include <linux/kvm_host.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <asm/mmu.h>

#include "e500v2.h"

#define TLB0_MIN_WAYS	2
#define TLB0_MAX_WAYS	16
#define TLB0_MAX_SIZE	2048	/* fits TLB0CFG[NENTRY] */
#define TLB1_MAX_SIZE	64
#define CFG_GEOMETRY	0xff000fffu	/* TLBnCFG[ASSOC] and [NENTRY] */

static u32 cfg_with(u32 cfg, u32 ways, u32 size)
{
	return (cfg & ~CFG_GEOMETRY) | (ways << 24) | size;
}

/* the rules of kvm_book3e_206_tlb_params for this core; 0 or -EINVAL */
static int check_params(const struct kvm_book3e_206_tlb_params *p)
{
	u32 ways0 = p->tlb_ways[0], size0 = p->tlb_sizes[0];
	unsigned int i;

	if (ways0 < TLB0_MIN_WAYS || ways0 > TLB0_MAX_WAYS ||
	    !is_power_of_2(ways0) || !size0 || size0 > TLB0_MAX_SIZE ||
	    size0 % ways0 || !is_power_of_2(size0 / ways0))
		return -EINVAL;
	if (!p->tlb_sizes[1] || p->tlb_sizes[1] > TLB1_MAX_SIZE ||
	    p->tlb_ways[1] != p->tlb_sizes[1])
		return -EINVAL;
	if (p->tlb_sizes[2] || p->tlb_sizes[3] || p->tlb_ways[2] ||
	    p->tlb_ways[3])
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(p->reserved); i++)
		if (p->reserved[i])
			return -EINVAL;
	return 0;
}

static void release(struct e500v2_swtlb *s)
{
	if (s->map)
		vunmap(s->map);
	if (s->pages)
		unpin_user_pages_dirty_lock(s->pages, s->npages, true);
	kvfree(s->pages);
	memset(s, 0, sizeof(*s));
}

/* pin and map @len bytes at @uaddr; 0, -EFAULT or -ENOMEM */
static int map_array(struct e500v2_swtlb *s, u64 uaddr, size_t len)
{
	unsigned long first = uaddr & PAGE_MASK;
	unsigned int off = offset_in_page(uaddr);
	int r;

	if (uaddr != (unsigned long)uaddr ||
	    !access_ok(u64_to_user_ptr(uaddr), len))
		return -EFAULT;
	s->npages = DIV_ROUND_UP(off + len, PAGE_SIZE);
	s->pages = kvcalloc(s->npages, sizeof(*s->pages), GFP_KERNEL_ACCOUNT);
	if (!s->pages)
		return -ENOMEM;
	r = pin_user_pages_fast(first, s->npages, FOLL_WRITE | FOLL_LONGTERM,
				s->pages);
	if (r != s->npages) {
		s->npages = r > 0 ? r : 0;
		if (!s->npages) {
			kvfree(s->pages);
			s->pages = NULL;
		}
		release(s);
		return r < 0 ? r : -EFAULT;
	}
	s->map = vmap(s->pages, s->npages, VM_MAP, PAGE_KERNEL);
	if (!s->map) {
		release(s);
		return -ENOMEM;
	}
	s->entries = s->map + off;
	return 0;
}

/*
 * Make userspace's entries follow the TLB0 rules the model assumes
 * (4 KiB pages, no IPROT), as tlbwe would have.  Every entry counts as
 * dirty: the arrays are at most a few thousand entries.
 */
static void revalidate(struct e500v2_vcpu *v)
{
	struct e500_gtlb *t = &v->gtlb;
	unsigned int i;

	for (i = 0; i < t->sets0 * t->ways0; i++) {
		u32 mas1 = READ_ONCE(t->tlb0[i].mas1);
		u32 fixed = (mas1 & ~(MAS1_IPROT | MAS1_TSIZE_MASK)) |
			    MAS1_TSIZE(BOOK3E_PAGESZ_4K);

		if (fixed != mas1)
			WRITE_ONCE(t->tlb0[i].mas1, fixed);
	}
	/* shadow entries may come from old guest entries: rebuild them */
	v->shadow_stale = true;
}

int e500v2_config_tlb(struct kvm_vcpu *vcpu, const struct kvm_config_tlb *cfg)
{
	struct e500v2_vcpu *v = to_e500v2(vcpu);
	struct e500_gtlb *t = &v->gtlb;
	struct kvm_book3e_206_tlb_params p;
	struct e500v2_swtlb s = { };
	u32 tlb0cfg, tlb1cfg;
	size_t len;
	int r;

	if (cfg->mmu_type != KVM_MMU_FSL_BOOKE_NOHV)
		return -EINVAL;
	if (cfg->params != (unsigned long)cfg->params ||
	    copy_from_user(&p, u64_to_user_ptr(cfg->params), sizeof(p)))
		return -EFAULT;
	r = check_params(&p);
	if (r)
		return r;
	len = (size_t)(p.tlb_sizes[0] + p.tlb_sizes[1]) *
	      sizeof(struct kvm_book3e_206_tlb_entry);
	if (cfg->array_len < len || !IS_ALIGNED(cfg->array, 8))
		return -EINVAL;
	r = map_array(&s, cfg->array, len);
	if (r)
		return r;

	tlb0cfg = cfg_with(t->tlb0cfg, p.tlb_ways[0], p.tlb_sizes[0]);
	tlb1cfg = cfg_with(t->tlb1cfg, p.tlb_ways[1], p.tlb_sizes[1]);
	e500_gtlb_use_array(t, s.entries, tlb0cfg, tlb1cfg);
	release(&v->swtlb);
	v->swtlb = s;
	revalidate(v);
	return 0;
}

int e500v2_dirty_tlb(struct kvm_vcpu *vcpu, const struct kvm_dirty_tlb *d)
{
	struct e500v2_vcpu *v = to_e500v2(vcpu);

	if (!v->swtlb.map)
		return -EINVAL;
	revalidate(v);
	return 0;
}

/* vCPU destroy: the model no longer uses the array */
void e500v2_swtlb_release(struct e500v2_vcpu *v)
{
	release(&v->swtlb);
}
