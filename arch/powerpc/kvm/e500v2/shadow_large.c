// SPDX-License-Identifier: GPL-2.0-only
/*
 * Large shadow pages: where the guest translates an access through a
 * page bigger than 4 KiB and the host memory behind the surrounding
 * guest-physical range is physically contiguous, one host TLB1 entry
 * replaces thousands of TLB0 ones.
 *
 * Contiguity is checked, never assumed.  The candidate comes from the
 * folio of the faulting page (a hugetlbfs page, a THP or another large
 * folio; an order-0 page gives none): e500_shadow_size() picks the
 * largest host page inside the guest page, the memory slot and that
 * folio, with EA and host-physical address aligned alike.
 *
 * A hugetlb folio is mapped whole, by one huge entry at a virtual
 * address aligned to its size, so when the faulting address's offset
 * in that alignment is the faulting page's index in the folio, the
 * whole folio backs the slot linearly around it: the check is O(1),
 * and the block keeps the single reference the lookup of the faulting
 * page took (one pin-list record, one reference, dropped at the next
 * shadow flush).  Racing unmaps are caught by the MMU-notifier
 * sequence check over the block's frames (e500_mmu_fault_lock()).
 *
 * Any other large folio may be mapped in part, so every 4 KiB page of
 * the block is looked up and referenced through the process's page
 * tables (get_user_pages_fast), and must be the next pfn; any gap,
 * hole or failure drops the references taken and the access gets a
 * 4 KiB shadow instead.  That block holds one reference per 4 KiB
 * page until the flush drops them, folio by folio, exactly once
 * (e500v2_shadow_release()).
 */
#include <linux/kvm_host.h>
#include <linux/mm.h>

#include "e500_shadow.h"
#include "e500v2.h"

/* pages looked up per get_user_pages_fast() call: one page of pointers */
#define PIN_CHUNK	(PAGE_SIZE / sizeof(struct page *))

/*
 * Drop @n references from @pfn up, one per 4 KiB page (with @n = 1 the
 * single one a 4 KiB shadow or a hugetlb block holds); @dirty when the
 * guest could write the pages.
 */
void e500v2_shadow_release(kvm_pfn_t pfn, unsigned long n, bool dirty)
{
	struct folio *folio;
	struct page *page;
	unsigned long k;

	if (n == 1) {
		if (dirty)
			kvm_release_pfn_dirty(pfn);
		else
			kvm_release_pfn_clean(pfn);
		return;
	}
	/* a large block: every page is a refcounted page of some folio */
	while (n) {
		page = pfn_to_page(pfn);
		folio = page_folio(page);
		k = min_t(unsigned long, n,
			  folio_nr_pages(folio) - folio_page_idx(folio, page));
		if (dirty)
			kvm_set_pfn_dirty(pfn);
		kvm_set_pfn_accessed(pfn);
		folio_put_refs(folio, k);
		pfn += k;
		n -= k;
	}
}

/*
 * Reference the @n pages of @slot from @gfn up and check that they are
 * host pfns @base, @base + 1, ...; 0 when they all are (references
 * kept), else an error with no reference left.
 */
static int pin_contiguous(const struct kvm_memory_slot *slot, gfn_t gfn,
			  kvm_pfn_t base, unsigned long n, bool writable)
{
	unsigned long hva = __gfn_to_hva_memslot(slot, gfn), done = 0;
	struct page **pages;
	int got, i, j;

	pages = kmalloc(PAGE_SIZE, GFP_KERNEL_ACCOUNT);
	if (!pages)
		return -ENOMEM;
	while (done < n) {
		got = get_user_pages_fast(hva + (done << PAGE_SHIFT),
					  min_t(unsigned long, n - done,
						PIN_CHUNK),
					  writable ? FOLL_WRITE : 0, pages);
		if (got <= 0)
			break;
		for (i = 0; i < got; i++)
			if (page_to_pfn(pages[i]) != base + done + i)
				break;
		for (j = i; j < got; j++)
			put_page(pages[j]);
		done += i;
		if (i < got)
			break;
	}
	kfree(pages);
	if (done == n)
		return 0;
	if (done)
		e500v2_shadow_release(base, done, false);
	return -EFAULT;
}

/*
 * Does the hugetlb @folio, holding @page that the slot maps at @gfn,
 * back the slot linearly over the whole folio?  The folio is mapped at
 * a host virtual address aligned to its size; @page must sit at the
 * index the address's offset in that alignment gives.
 */
static bool hugetlb_linear(const struct kvm_memory_slot *slot, gfn_t gfn,
			   struct folio *folio, struct page *page)
{
	unsigned long hva = __gfn_to_hva_memslot(slot, gfn);

	return folio_test_hugetlb(folio) &&
	       ((hva & (folio_size(folio) - 1)) >> PAGE_SHIFT) ==
	       folio_page_idx(folio, page);
}

/*
 * The access at @ea (guest-physical @gpa in @slot, guest page of
 * @gsize bytes) faulted in host pfn *@pfn, referenced once.  Returns the
 * size of the shadow page to install: E500_SHADOW_MIN with *@pfn
 * unchanged and *@refs 1, or a larger size with *@pfn the first pfn of
 * the block and *@refs the references now held from it up, one per
 * 4 KiB page (for e500v2_shadow_release()): 1 over a hugetlb folio
 * (the original reference, on the same folio), else one per page of the
 * block with the original reference dropped.
 */
u64 e500v2_shadow_large(const struct kvm_memory_slot *slot, u64 gsize,
			u32 ea, u64 gpa, kvm_pfn_t *pfn, bool writable,
			unsigned long *refs)
{
	u64 max = e500v2_host_tlb1_max(), size, hpa;
	struct e500_span span_slot, span_host;
	struct folio *folio;
	struct page *page;
	kvm_pfn_t base;
	gfn_t gfn;

	*refs = 1;
	if (gsize <= E500_SHADOW_MIN || max <= E500_SHADOW_MIN ||
	    !pfn_valid(*pfn))
		return E500_SHADOW_MIN;
	page = pfn_to_page(*pfn);
	folio = page_folio(page);
	if (!folio_test_large(folio))
		return E500_SHADOW_MIN;

	span_host.lo = (u64)folio_pfn(folio) << PAGE_SHIFT;
	span_host.hi = span_host.lo + folio_size(folio);
	span_slot.lo = (u64)slot->base_gfn << PAGE_SHIFT;
	span_slot.hi = span_slot.lo + ((u64)slot->npages << PAGE_SHIFT);
	hpa = ((u64)*pfn << PAGE_SHIFT) | (gpa & ~PAGE_MASK);
	size = e500_shadow_size(ea, gpa, hpa, gsize, &span_slot, &span_host,
				max);
	if (size == E500_SHADOW_MIN)
		return size;

	gfn = (gpa & ~(size - 1)) >> PAGE_SHIFT;
	base = *pfn - ((gpa >> PAGE_SHIFT) - gfn);
	if (hugetlb_linear(slot, gpa >> PAGE_SHIFT, folio, page)) {
		*pfn = base;
		return size;
	}
	if (pin_contiguous(slot, gfn, base, size >> PAGE_SHIFT, writable))
		return E500_SHADOW_MIN;
	kvm_release_pfn_clean(*pfn);
	*pfn = base;
	*refs = size >> PAGE_SHIFT;
	return size;
}
