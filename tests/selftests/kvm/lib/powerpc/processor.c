// SPDX-License-Identifier: GPL-2.0-only
/*
 * powerpc (Book E, e500) part of the KVM selftests library.
 *
 * Guest code runs in address space 1 (MSR[IS] = MSR[DS] = 1) with
 * MSR[PR] = 0.  Its translations come from a software page table that
 * virt_arch_pg_map() fills in guest memory: two levels of 32-bit entries,
 * 4 KiB pages, 24-bit page frame numbers (36-bit guest-physical
 * addresses).  The guest's TLB miss handlers (handlers.S, running in
 * address space 0 through the vCPU's boot TLB1 entry) walk it and write
 * TLB0 entries.  See Documentation/testing.md.
 */
#include <stddef.h>

#include "kvm_util.h"
#include "processor.h"
#include "ucall_common.h"

/* address space 0: the ePAPR boot entry maps 64 MiB one to one */
#define AS0_SIZE	(64ULL << 20)
#define IVPR_ALIGN	0x10000ULL
#define PGD_SHIFT	22
#define PT_ENTRIES	1024

/* the per-vCPU exception area; offsets in ex_layout.h */
struct ppc_ex_area {
	u32 busy, vec, srr0, srr1, esr, dear, cr;
	u32 entry, msr, gva, pgd, mmio;
	u32 t11, t12, t13, tcr, tvec;
	u32 nvec, ncr, nsrr0;
};

#define CHECK_OFFSET(s, f, off) \
	kvm_static_assert(offsetof(struct s, f) == (off))
CHECK_OFFSET(ppc_ex_area, busy, EXA_BUSY);
CHECK_OFFSET(ppc_ex_area, vec, EXA_VEC);
CHECK_OFFSET(ppc_ex_area, srr0, EXA_SRR0);
CHECK_OFFSET(ppc_ex_area, srr1, EXA_SRR1);
CHECK_OFFSET(ppc_ex_area, esr, EXA_ESR);
CHECK_OFFSET(ppc_ex_area, dear, EXA_DEAR);
CHECK_OFFSET(ppc_ex_area, cr, EXA_CR);
CHECK_OFFSET(ppc_ex_area, entry, EXA_ENTRY);
CHECK_OFFSET(ppc_ex_area, msr, EXA_MSR);
CHECK_OFFSET(ppc_ex_area, gva, EXA_GVA);
CHECK_OFFSET(ppc_ex_area, pgd, EXA_PGD);
CHECK_OFFSET(ppc_ex_area, mmio, EXA_MMIO);
CHECK_OFFSET(ppc_ex_area, t11, EXA_T11);
CHECK_OFFSET(ppc_ex_area, tvec, EXA_TVEC);
CHECK_OFFSET(ppc_ex_area, nsrr0, EXA_NSRR0);
kvm_static_assert(sizeof(struct ppc_ex_area) == EXA_SIZE);
CHECK_OFFSET(ex_regs, lr, EXR_LR);
CHECK_OFFSET(ex_regs, cr, EXR_CR);
CHECK_OFFSET(ex_regs, ctr, EXR_CTR);
CHECK_OFFSET(ex_regs, xer, EXR_XER);
CHECK_OFFSET(ex_regs, srr0, EXR_SRR0);
CHECK_OFFSET(ex_regs, srr1, EXR_SRR1);
CHECK_OFFSET(ex_regs, esr, EXR_ESR);
CHECK_OFFSET(ex_regs, dear, EXR_DEAR);
CHECK_OFFSET(ex_regs, vector, EXR_VECTOR);
kvm_static_assert(sizeof(struct ex_regs) == EXR_SIZE);

/* guest data: the handlers vm_install_exception_handler() installed */
static exception_handler_fn ppc_handlers[NR_VECTORS];

/* the MSR guest code (and its exception handlers) run with */
#define GUEST_MSR	(MSR_IS | MSR_DS | MSR_ME)

/* 32-bit effective addresses: [0, 4 GiB) */
void vm_vaddr_populate_bitmap(struct kvm_vm *vm)
{
	sparsebit_set_num(vm->vpages_valid, 0, (1ULL << 32) >> vm->page_shift);
}

void virt_arch_pgd_alloc(struct kvm_vm *vm)
{
	if (vm->pgd_created)
		return;
	vm->pgd = vm_alloc_page_table(vm);
	memset(addr_gpa2hva(vm, vm->pgd), 0, vm->page_size);
	vm->pgd_created = true;
}

static u32 *pde_ptr(struct kvm_vm *vm, u64 gva)
{
	return (u32 *)addr_gpa2hva(vm, vm->pgd) + (gva >> PGD_SHIFT);
}

/* the level-2 entry for @gva, or NULL when its table does not exist */
static u32 *pte_ptr(struct kvm_vm *vm, u64 gva)
{
	u32 pde = *pde_ptr(vm, gva);

	if (!(pde & PDE_VALID))
		return NULL;
	return (u32 *)addr_gpa2hva(vm, pde & ~0xfffu) +
	       ((gva >> vm->page_shift) & (PT_ENTRIES - 1));
}

void virt_arch_pg_map(struct kvm_vm *vm, u64 vaddr, u64 paddr)
{
	u32 *pde, *pte;
	vm_paddr_t table;

	TEST_ASSERT(vm->mode == VM_MODE_P36V32_4K,
		    "Unsupported guest mode: %s", vm_guest_mode_string(vm->mode));
	TEST_ASSERT(!(vaddr % vm->page_size) && !(paddr % vm->page_size),
		    "Unaligned mapping: vaddr 0x%llx paddr 0x%llx",
		    vaddr, paddr);
	TEST_ASSERT(vaddr < (1ULL << 32),
		    "Virtual address 0x%llx above 32 bits", vaddr);
	TEST_ASSERT((paddr >> vm->page_shift) <= vm->max_gfn,
		    "Physical address 0x%llx beyond max_gfn 0x%lx",
		    paddr, vm->max_gfn);
	TEST_ASSERT(vm->pgd_created, "No page table yet");

	pde = pde_ptr(vm, vaddr);
	if (!(*pde & PDE_VALID)) {
		table = vm_alloc_page_table(vm);
		TEST_ASSERT(table + vm->page_size <= AS0_SIZE,
			    "Page table page 0x%llx outside address space 0",
			    table);
		memset(addr_gpa2hva(vm, table), 0, vm->page_size);
		*pde = (u32)table | PDE_VALID;
	}
	pte = pte_ptr(vm, vaddr);
	*pte = (u32)(paddr >> vm->page_shift) << PTE_PFN_SHIFT | PTE_VALID;
}

vm_paddr_t addr_arch_gva2gpa(struct kvm_vm *vm, vm_vaddr_t gva)
{
	u32 *pte;

	TEST_ASSERT(vm->pgd_created && gva < (1ULL << 32),
		    "No mapping for vaddr 0x%llx", gva);
	pte = pte_ptr(vm, gva);
	TEST_ASSERT(pte && (*pte & PTE_VALID),
		    "No mapping for vaddr 0x%llx", gva);
	return ((vm_paddr_t)(*pte >> PTE_PFN_SHIFT) << vm->page_shift) |
	       (gva & (vm->page_size - 1));
}

void virt_arch_dump(FILE *stream, struct kvm_vm *vm, uint8_t indent)
{
	u32 i, j, pde, *table;

	if (!vm->pgd_created)
		return;
	for (i = 0; i < PT_ENTRIES; i++) {
		pde = *pde_ptr(vm, (u64)i << PGD_SHIFT);
		if (!(pde & PDE_VALID))
			continue;
		fprintf(stream, "%*spde[%u] -> table 0x%x\n", indent, "", i,
			pde & ~0xfffu);
		table = addr_gpa2hva(vm, pde & ~0xfffu);
		for (j = 0; j < PT_ENTRIES; j++) {
			if (!(table[j] & PTE_VALID))
				continue;
			fprintf(stream, "%*s0x%08x -> 0x%09llx\n", indent + 2, "",
				i << PGD_SHIFT | j << 12,
				(unsigned long long)(table[j] >> PTE_PFN_SHIFT) << 12);
		}
	}
}

/*
 * The vector blob, once per VM, in memory slot 0 at a 64 KiB aligned
 * guest-physical address inside address space 0.
 */
static void setup_vectors(struct kvm_vm *vm)
{
	size_t len = ppc_vectors_end - ppc_vectors_start;
	size_t pages = (IVPR_ALIGN + len) / vm->page_size + 1;
	vm_paddr_t gpa;

	if (vm->arch.vectors_gpa)
		return;
	gpa = vm_phy_pages_alloc(vm, pages, IVPR_ALIGN, vm->memslots[MEM_REGION_CODE]);
	gpa = (gpa + IVPR_ALIGN - 1) & ~(IVPR_ALIGN - 1);
	TEST_ASSERT(gpa + len <= AS0_SIZE,
		    "Vectors at 0x%llx outside address space 0", gpa);
	memcpy(addr_gpa2hva(vm, gpa), ppc_vectors_start, len);
	vm->arch.vectors_gpa = gpa;
}

/* the exception the guest was handling when its exception path faulted */
void ppc_report_double_fault(struct kvm_vcpu *vcpu, u32 vector)
{
	struct ppc_ex_area *area;
	struct kvm_regs regs;

	vcpu_regs_get(vcpu, &regs);
	area = addr_gpa2hva(vcpu->vm, regs.sprg5);
	TEST_FAIL("Double fault: %u at 0x%x in %u: SRR0 0x%x SRR1 0x%x ESR 0x%x DEAR 0x%x",
		  vector, area->nsrr0, area->vec, area->srr0, area->srr1,
		  area->esr, area->dear);
}

void kvm_arch_vm_post_create(struct kvm_vm *vm)
{
	setup_vectors(vm);
}

struct kvm_vcpu *vm_arch_vcpu_add(struct kvm_vm *vm, u32 vcpu_id)
{
	size_t stack_size = DEFAULT_STACK_PGS * vm->page_size;
	struct kvm_vcpu *vcpu = __vm_vcpu_add(vm, vcpu_id);
	vm_vaddr_t stack, area_gva;
	struct ppc_ex_area *area;
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	vm_paddr_t area_gpa;
	int i;

	virt_pgd_alloc(vm);
	setup_vectors(vm);
	stack = __vm_vaddr_alloc(vm, stack_size, DEFAULT_GUEST_STACK_VADDR_MIN,
				 MEM_REGION_DATA);
	/* read by the address space 0 code, like the page table: same slot */
	area_gva = __vm_vaddr_alloc(vm, vm->page_size, KVM_UTIL_MIN_VADDR,
				    MEM_REGION_PT);
	area_gpa = addr_gva2gpa(vm, area_gva);
	TEST_ASSERT(area_gpa + vm->page_size <= AS0_SIZE,
		    "Exception area 0x%llx outside address space 0",
		    area_gpa);
	area = addr_gva2hva(vm, area_gva);
	memset(area, 0, vm->page_size);
	area->entry = (u32)(uintptr_t)ppc_ex_entry;
	area->msr = GUEST_MSR;
	area->gva = area_gva;
	area->pgd = vm->pgd;
	area->mmio = vm->ucall_mmio_addr;

	/* IVPR and every IVOR point into the blob (IVOR32..35: stubs 16..19) */
	vcpu_sregs_get(vcpu, &sregs);
	TEST_ASSERT(sregs.u.e.features & KVM_SREGS_E_IVOR,
		    "KVM_GET_SREGS does not offer the IVORs");
	sregs.u.e.update_special = 0;
	sregs.u.e.ivpr = vm->arch.vectors_gpa;
	for (i = 0; i < 16; i++)
		sregs.u.e.ivor_low[i] = VEC_STUBS + i * VEC_STUB_SIZE;
	for (i = 0; i < 4; i++)
		sregs.u.e.ivor_high[i] = VEC_STUBS + (16 + i) * VEC_STUB_SIZE;
	vcpu_sregs_set(vcpu, &sregs);

	vcpu_regs_get(vcpu, &regs);
	regs.msr = GUEST_MSR;
	regs.gpr[1] = stack + stack_size - 16;
	regs.sprg5 = area_gpa;
	vcpu_regs_set(vcpu, &regs);
	return vcpu;
}

void vcpu_arch_set_entry_point(struct kvm_vcpu *vcpu, void *guest_code)
{
	struct kvm_regs regs;

	vcpu_regs_get(vcpu, &regs);
	regs.pc = (uintptr_t)guest_code;
	vcpu_regs_set(vcpu, &regs);
}

/* arguments are register sized (unsigned long), in r3..r10 */
void vcpu_args_set(struct kvm_vcpu *vcpu, unsigned int num, ...)
{
	struct kvm_regs regs;
	unsigned int i;
	va_list ap;

	TEST_ASSERT(num >= 1 && num <= 8, "Unsupported number of args: %u", num);
	vcpu_regs_get(vcpu, &regs);
	va_start(ap, num);
	for (i = 0; i < num; i++)
		regs.gpr[3 + i] = va_arg(ap, unsigned long);
	va_end(ap);
	vcpu_regs_set(vcpu, &regs);
}

void vcpu_arch_dump(FILE *stream, struct kvm_vcpu *vcpu, uint8_t indent)
{
	struct kvm_regs regs;
	int i;

	vcpu_regs_get(vcpu, &regs);
	fprintf(stream, "%*spc 0x%08llx msr 0x%08llx lr 0x%08llx ctr 0x%08llx cr 0x%08llx\n",
		indent, "", regs.pc, regs.msr, regs.lr, regs.ctr, regs.cr);
	fprintf(stream, "%*ssrr0 0x%08llx srr1 0x%08llx xer 0x%08llx pid %llu\n",
		indent, "", regs.srr0, regs.srr1, regs.xer, regs.pid);
	for (i = 0; i < 32; i += 4)
		fprintf(stream, "%*sr%-2d 0x%08llx 0x%08llx 0x%08llx 0x%08llx\n",
			indent, "", i, regs.gpr[i], regs.gpr[i + 1],
			regs.gpr[i + 2], regs.gpr[i + 3]);
}

void vm_install_exception_handler(struct kvm_vm *vm, int vector,
				  exception_handler_fn handler)
{
	exception_handler_fn *slot;

	/* TLB miss handlers see only misses on unmapped addresses */
	TEST_ASSERT(vector >= 0 && vector < NR_VECTORS &&
		    (vector < 16 || vector >= 32),
		    "No vector %d", vector);
	slot = addr_gva2hva(vm, (vm_vaddr_t)(uintptr_t)&ppc_handlers[vector]);
	*slot = handler;
}

/* guest code: called by ppc_ex_entry with the interrupted state */
void route_exception(struct ex_regs *regs)
{
	exception_handler_fn handler = NULL;

	if (regs->vector < NR_VECTORS)
		handler = ppc_handlers[regs->vector];
	if (handler) {
		handler(regs);
		return;
	}
	ucall(UCALL_UNHANDLED, 4, (u64)regs->vector, (u64)regs->srr0,
	      (u64)regs->esr, (u64)regs->dear);
}

void assert_on_unhandled_exception(struct kvm_vcpu *vcpu)
{
	struct ucall uc;

	if (get_ucall(vcpu, &uc) == UCALL_UNHANDLED)
		TEST_FAIL("Unhandled guest exception %llu at 0x%llx, ESR 0x%llx, DEAR 0x%llx",
			  uc.args[0], uc.args[1], uc.args[2], uc.args[3]);
}
