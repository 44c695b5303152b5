/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kvm-e500 common core: identification of the host core and the
 * interface between kvm.ko (common core) and a backend module
 * (kvm-e500v2.ko, kvm-e500mc.ko).
 */
#ifndef KVM_E500_CORE_H
#define KVM_E500_CORE_H

#include <linux/types.h>

struct kvm;
struct kvm_vcpu;
struct kvm_sregs;
struct kvm_guest_debug;
struct module;

/* Core families we tell apart, from the PVR version field. */
enum e500_core {
	E500_CORE_UNKNOWN = 0,
	E500_CORE_E500V1,
	E500_CORE_E500V2,
	E500_CORE_E500MC,
	E500_CORE_E5500,
	E500_CORE_E6500,
};

/* Which backend can drive a core family. */
enum e500_mode {
	E500_MODE_NONE = 0,
	E500_MODE_PR,	/* trap and emulate: kvm-e500v2 */
	E500_MODE_HV,	/* Embedded.Hypervisor: kvm-e500mc */
};

enum e500_core e500_core_from_pvr(u32 pvr);
const char *e500_core_name(enum e500_core core);
enum e500_mode e500_core_mode(enum e500_core core);
const char *e500_mode_module(enum e500_mode mode);

/*
 * One ONE_REG register id: get reads it, set writes it (0 or -errno;
 * NULL for a register that cannot be read, i.e. a write-only pseudo
 * register).  @arg is the row's own datum (an SPR number, ...).
 */
struct e500_onereg {
	u64 id;
	u32 arg;
	u64 (*get)(struct kvm_vcpu *vcpu, const struct e500_onereg *r);
	int (*set)(struct kvm_vcpu *vcpu, const struct e500_onereg *r, u64 val);
};

struct kvm_config_tlb;
struct kvm_dirty_tlb;
struct kvm_enable_cap;
struct e500_pv;

/*
 * A backend: one per module.  The common core calls these hooks; a
 * NULL hook means the backend has nothing to do at that point.
 */
struct e500_backend {
	const char *name;		/* module name, for log lines */
	enum e500_mode mode;
	struct module *owner;
	/* KVM_SREGS_E_* groups the backend holds; 0: no SREGS yet */
	u32 sregs_features;
	/* size and alignment of the backend's vCPU (embeds struct kvm_vcpu) */
	unsigned int vcpu_size, vcpu_align;
	/*
	 * SREGS registers only the backend holds (MCSR, MMU, debug, the
	 * implementation block): get fills them in; set checks everything
	 * first (-EINVAL changes nothing), then writes.  NULL: none.
	 */
	void (*get_sregs)(struct kvm_vcpu *vcpu, struct kvm_sregs *sregs);
	int (*set_sregs)(struct kvm_vcpu *vcpu, const struct kvm_sregs *sregs);
	/* KVM_SET_GUEST_DEBUG; NULL: -EOPNOTSUPP */
	int (*set_guest_debug)(struct kvm_vcpu *vcpu, struct kvm_guest_debug *dbg);
	/* KVM_CAP_SW_TLB enable and KVM_DIRTY_TLB; NULL: -EINVAL */
	int (*config_tlb)(struct kvm_vcpu *vcpu,
			  const struct kvm_config_tlb *cfg);
	int (*dirty_tlb)(struct kvm_vcpu *vcpu, const struct kvm_dirty_tlb *d);
	/*
	 * Paravirtualization: the hypercall instruction sequence
	 * KVM_PPC_GET_PVINFO hands out (NULL: no hypercalls, the ioctl is
	 * -EOPNOTSUPP); KVM_HC_PPC_MAP_MAGIC_PAGE (returns an EV_* status;
	 * NULL: EV_UNIMPLEMENTED); vCPU KVM_ENABLE_CAP for capabilities
	 * the common core does not know (NULL: -EINVAL).
	 */
	const u32 *pv_hcall;
	long (*map_magic)(struct kvm_vcpu *vcpu, struct e500_pv *pv,
			  unsigned long pa, unsigned long ea_flags);
	int (*enable_cap)(struct kvm_vcpu *vcpu,
			  const struct kvm_enable_cap *cap);
	/* ONE_REG registers only this backend holds; ends with a zero id */
	const struct e500_onereg *oneregs;
	/* answer for capabilities the common table leaves to the backend */
	int (*check_extension)(struct kvm *kvm, long ext);
	int (*init_vm)(struct kvm *kvm);
	void (*destroy_vm)(struct kvm *kvm);
	int (*vcpu_create)(struct kvm_vcpu *vcpu);
	void (*vcpu_destroy)(struct kvm_vcpu *vcpu);
	/* the vCPU is put (ioctl end, preemption): may run irqs-off */
	void (*vcpu_put)(struct kvm_vcpu *vcpu);
	/* KVM_RUN; NULL while the backend cannot run guests */
	int (*run)(struct kvm_vcpu *vcpu);
};

/*
 * Check that the running core suits @mode; log why not.  Returns 0 or
 * -ENODEV.  Called by a backend's module init before registering.
 */
int e500_backend_probe(const char *modname, enum e500_mode mode);

int e500_backend_register(const struct e500_backend *be);
void e500_backend_unregister(const struct e500_backend *be);

/* vcpu_onereg.c */
struct kvm_one_reg;
struct kvm_reg_list;
int e500_one_reg(struct kvm_vcpu *vcpu, bool set, struct kvm_one_reg *reg);
int e500_reg_list(struct kvm_vcpu *vcpu, struct kvm_reg_list __user *user);

/* io_bus.c: a read on the MMIO bus, 0 if a device took it */
int e500_mmio_bus_read(struct kvm_vcpu *vcpu, u64 addr, int len, void *val);

/* The registered backend; see main.c for its lifetime rule. */
extern const struct e500_backend *e500_be;

#endif /* KVM_E500_CORE_H */
