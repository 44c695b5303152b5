/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kvm-e500 VMM: shared state and the guest's physical address map.
 */
#ifndef KVM_E500_VMM_H
#define KVM_E500_VMM_H

#include <linux/kvm.h>
#include <pthread.h>
#include <stdint.h>
#include <stddef.h>
#include <stdnoreturn.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s64 s64;

/* guest physical map: RAM from 0, the board's registers at CCSR */
#define VMM_CCSR	0xe0000000ull
#define VMM_CCSR_SIZE	0x00100000ull
#define VMM_UART	(VMM_CCSR + 0x4500)
#define VMM_UART_IRQ	42		/* its MPIC source, as on QEMU's board */
#define VMM_MPIC	(VMM_CCSR + 0x40000)
#define VMM_MPIC_SIZE	0x40000ull
#define VMM_GUTS	(VMM_CCSR + 0xe0000)
#define VMM_GPIO	(VMM_CCSR + 0xff000)

#define VMM_IMA_SIZE	0x04000000u	/* the boot TLB1 entry's largest size */
#define VMM_MIN_MEM_MB	32
#define VMM_MAX_MEM_MB	512
#define VMM_MAX_VCPUS	4
#define EPAPR_MAGIC	0x45504150u

/* process exit status: what became of the guest */
enum vmm_status {
	VMM_POWER_OFF	= 0,	/* the guest powered off */
	VMM_ERROR	= 1,	/* bad arguments or set-up failure */
	VMM_RESET	= 2,	/* the guest asked for a reset (Linux panic=-1) */
	VMM_TIMEOUT	= 3,	/* -timeout ran out */
	VMM_VCPU_FAIL	= 4,	/* KVM_RUN failed or an exit we cannot handle */
};

struct vmm_vcpu {
	int id;
	int fd;
	struct kvm_run *run;
	pthread_t thread;
	u64 spin;		/* guest-physical spin table entry (SMP) */
	u64 exits[64];	/* KVM_RUN returns by exit reason */
	/* KVM_CAP_SW_TLB: TLB0 then TLB1 (tlb1), tlb_entries in all */
	struct kvm_book3e_206_tlb_entry *tlb, *tlb1;
	unsigned int tlb_entries;
};

struct vmm {
	int kvm, vm, mpic;
	u8 *ram;
	u64 ram_size;
	int hugetlb;
	int nr_vcpus;
	struct vmm_vcpu vcpus[VMM_MAX_VCPUS];
	const char *kernel, *initrd, *cmdline;
	const char *input;	/* the UART's input: a file, "-" stdin */
	unsigned int timeout;
	u64 entry;		/* guest-physical kernel entry */
	u64 kernel_end;
	u64 initrd_start, initrd_end;
	u64 fdt_addr;
	u64 spin_base;
	u64 ima_size;		/* the boot TLB1 entry: ePAPR r7 */
	u32 tb_freq, cpu_freq;
	struct kvm_ppc_pvinfo pvinfo;
};

noreturn void die(const char *fmt, ...);

/* mem.c */
void mem_alloc(struct vmm *v, unsigned int mib, int anon);
void *gpa(struct vmm *v, u64 addr, u64 len);

/* load.c */
void load_kernel(struct vmm *v);
void load_initrd(struct vmm *v);

/* fdt.c */
void fdt_build(struct vmm *v);

/* uart.c */
void uart_init(struct vmm *v);
u32 uart_read(unsigned int off);
void uart_write(unsigned int off, u32 val);
void uart_stop(void);
void uart_summary(void);

/* tlb.c */
void tlb_boot_entry(struct vmm *v, struct vmm_vcpu *c);
void tlb_summary(struct vmm *v);

/* board.c */
int board_mmio(struct vmm *v, struct kvm_run *run);

/* stats.c */
void stats_summary(struct vmm *v);

/* stamp.c */
void stamp_start(void);
void stamp_run(void);
void stamp_byte(u8 c);
void stamp_summary(void);

/* vcpu.c */
void vcpus_run(struct vmm *v);
void vmm_stop(struct vmm *v, enum vmm_status st);
int vmm_stopped(void);
extern int vmm_status;

#endif
