/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hand encoders for the few Power instructions our guest snippets use,
 * and a tiny guest harness: one VM, one vCPU, 1 MiB of RAM at guest
 * physical 0 (mapped by the vCPU's default 64 MiB TLB1 entry), code at
 * GUEST_CODE, and MMIO at GUEST_MMIO (inside the mapping, outside RAM).
 */
#ifndef KVM_E500_GUEST_ASM_H
#define KVM_E500_GUEST_ASM_H

#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

#define GUEST_RAM_SIZE	0x100000
#define GUEST_CODE	0x1000
#define GUEST_MMIO	0x03000000

typedef __u8 u8;
typedef __u32 u32;

/* the SPR number's two 5-bit halves, swapped, in bits 11..20 */
static inline u32 spr_field(unsigned int spr)
{
	return (((spr & 0x1f) << 5) | ((spr >> 5) & 0x1f)) << 11;
}

#define I_ADDI(rt, ra, v)  ((14u << 26) | ((rt) << 21) | ((ra) << 16) | ((v) & 0xffff))
#define I_LI(rt, v)	   I_ADDI(rt, 0, v)
#define I_LIS(rt, v)	   ((15u << 26) | ((rt) << 21) | ((v) & 0xffff))
#define I_ORI(ra, rs, v)   ((24u << 26) | ((rs) << 21) | ((ra) << 16) | ((v) & 0xffff))
#define I_LWZ(rt, d, ra)   ((32u << 26) | ((rt) << 21) | ((ra) << 16) | ((d) & 0xffff))
#define I_STW(rs, d, ra)   ((36u << 26) | ((rs) << 21) | ((ra) << 16) | ((d) & 0xffff))
#define I_LHA(rt, d, ra)   ((42u << 26) | ((rt) << 21) | ((ra) << 16) | ((d) & 0xffff))
#define I_STB(rs, d, ra)   ((38u << 26) | ((rs) << 21) | ((ra) << 16) | ((d) & 0xffff))
#define I_MFSPR(rt, spr)   ((31u << 26) | ((rt) << 21) | spr_field(spr) | (339u << 1))
#define I_MTSPR(spr, rs)   ((31u << 26) | ((rs) << 21) | spr_field(spr) | (467u << 1))
#define I_MFMSR(rt)	   ((31u << 26) | ((rt) << 21) | (83u << 1))
#define I_MTMSR(rs)	   ((31u << 26) | ((rs) << 21) | (146u << 1))
#define I_LWBRX(rt, ra, rb) ((31u << 26) | ((rt) << 21) | ((ra) << 16) | ((rb) << 11) | (534u << 1))
#define I_WRTEEI(e)	   ((31u << 26) | ((e) ? 0x8000u : 0) | (163u << 1))
#define I_B(off)	   ((18u << 26) | ((off) & 0x03fffffcu))
#define I_ANDC(ra, rs, rb) ((31u << 26) | ((rs) << 21) | ((ra) << 16) | ((rb) << 11) | (60u << 1))
#define I_ADD(rt, ra, rb)  ((31u << 26) | ((rt) << 21) | ((ra) << 16) | ((rb) << 11) | (266u << 1))
#define I_OR(ra, rs, rb)   ((31u << 26) | ((rs) << 21) | ((ra) << 16) | ((rb) << 11) | (444u << 1))
#define I_ADDIC_(rt, ra, v) ((13u << 26) | ((rt) << 21) | ((ra) << 16) | ((v) & 0xffff))
#define I_RLWINM(ra, rs, sh, mb, me) ((21u << 26) | ((rs) << 21) | ((ra) << 16) | \
				      ((sh) << 11) | ((mb) << 6) | ((me) << 1))
#define I_MTCTR(rs)	   I_MTSPR(9, rs)
#define I_BDNZ(off)	   ((16u << 26) | (16u << 21) | ((off) & 0xfffc))
#define I_BNE(off)	   ((16u << 26) | (4u << 21) | (2u << 16) | ((off) & 0xfffc))
#define I_BLR		   0x4e800020u
#define I_ISYNC		   0x4c00012cu
#define I_TLBWE		   0x7c0007a4u
#define I_RFI		   0x4c000064u
#define I_SC		   0x44000002u
#define I_SELF_LOOP	   0x48000000u	/* b . */
#define I_ILLEGAL	   0x00000000u

#define SPR_SRR0	26
#define SPR_SRR1	27
#define SPR_DEAR	61
#define SPR_ESR		62
#define SPR_IVPR	63
#define SPR_DEC		22
#define SPR_DECAR	54
#define SPR_TSR		336
#define SPR_TCR		340
#define SPR_SPRG1	273
#define SPR_SPRG4W	276
#define SPR_USPRG4	260
#define SPR_PVR		287
#define SPR_PIR		286

/* shared by several tests: more SPRs, and MSR and ESR bits */
#define SPR_CSRR0	58
#define SPR_CSRR1	59
#define SPR_USPRG0	256
#define SPR_DBSR	304
#define SPR_DBCR0	308
#define SPR_MCSR	572
#define SPR_MAS0	624
#define SPR_MAS1	625
#define SPR_MAS2	626
#define SPR_MAS3	627
#define SPR_MAS4	628
#define SPR_MAS6	630
#define SPR_TLB0CFG	688
#define SPR_TLB1CFG	689
#define SPR_MAS7	944
#define ESR_PIL	0x08000000u
#define MSR_DE	0x00000200u
#define MSR_EE	0x00008000u
#define MSR_ME	0x00001000u

static inline unsigned int spr_ivor(unsigned int n)
{
	return n < 16 ? 400 + n : 528 + n - 32;
}

struct guest {
	int kvm, vm, vcpu;
	struct kvm_run *run;
	int run_size;
	u8 *ram;
};

static inline int guest_create(struct guest *g)
{
	struct kvm_userspace_memory_region reg = { 0 };
	int size;

	memset(g, 0, sizeof(*g));
	g->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (g->kvm < 0)
		return -1;
	/*
	 * Registering the VM's MMU notifier takes every lock of the mm and
	 * gives up with EINTR when a signal is pending: try again.
	 */
	do
		g->vm = ioctl(g->kvm, KVM_CREATE_VM, 0);
	while (g->vm < 0 && errno == EINTR);
	if (g->vm < 0)
		return -1;
	g->ram = mmap(NULL, GUEST_RAM_SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (g->ram == MAP_FAILED)
		return -1;
	reg.memory_size = GUEST_RAM_SIZE;
	reg.userspace_addr = (uintptr_t)g->ram;
	if (ioctl(g->vm, KVM_SET_USER_MEMORY_REGION, &reg))
		return -1;
	g->vcpu = ioctl(g->vm, KVM_CREATE_VCPU, 0);
	if (g->vcpu < 0)
		return -1;
	size = ioctl(g->kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	g->run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED,
		      g->vcpu, 0);
	if (g->run == MAP_FAILED) {
		g->run = NULL;
		return -1;
	}
	g->run_size = size;
	return 0;
}

/* memory slot @slot: @size bytes at @mem as guest physical @gpa */
static inline int guest_add_slot(struct guest *g, u32 slot, u32 gpa, void *mem,
				 size_t size, u32 flags)
{
	struct kvm_userspace_memory_region r = {
		.slot = slot, .flags = flags, .guest_phys_addr = gpa,
		.memory_size = size, .userspace_addr = (uintptr_t)mem,
	};

	return ioctl(g->vm, KVM_SET_USER_MEMORY_REGION, &r);
}

/* copy @n big-endian instruction words to guest physical @gpa */
static inline void guest_code(struct guest *g, u32 gpa,
			      const u32 *insns, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		u8 *p = g->ram + gpa + 4 * i;

		p[0] = insns[i] >> 24;
		p[1] = insns[i] >> 16;
		p[2] = insns[i] >> 8;
		p[3] = insns[i];
	}
}

/* a guest that may have been stopped: run and expect an MMIO store */
static inline int guest_store_exit(struct guest *g, u32 addr, u32 *val)
{
	*val = 0;
	if (ioctl(g->vcpu, KVM_RUN, 0) || g->run->exit_reason != KVM_EXIT_MMIO ||
	    g->run->mmio.phys_addr != addr || !g->run->mmio.is_write)
		return 0;
	for (unsigned int i = 0; i < g->run->mmio.len; i++)
		*val = (*val << 8) | g->run->mmio.data[i];
	return 1;
}

static inline int guest_set_pc(struct guest *g, u32 pc, u32 msr)
{
	struct kvm_regs regs;

	if (ioctl(g->vcpu, KVM_GET_REGS, &regs))
		return -1;
	regs.pc = pc;
	regs.msr = msr;
	return ioctl(g->vcpu, KVM_SET_REGS, &regs);
}

static inline u32 mmio_value(const struct kvm_run *run)
{
	u32 v = 0;
	unsigned int i;

	for (i = 0; i < run->mmio.len; i++)
		v = (v << 8) | run->mmio.data[i];
	return v;
}

static inline void mmio_fill(struct kvm_run *run, u32 v)
{
	unsigned int i;

	for (i = 0; i < run->mmio.len; i++)
		run->mmio.data[run->mmio.len - 1 - i] = v >> (8 * i);
}

/* the kvm_run mapping holds the vCPU, hence the VM: unmap it too */
static inline void guest_destroy(struct guest *g)
{
	if (g->run)
		munmap(g->run, g->run_size);
	close(g->vcpu);
	close(g->vm);
	close(g->kvm);
	munmap(g->ram, GUEST_RAM_SIZE);
}

#endif /* KVM_E500_GUEST_ASM_H */
