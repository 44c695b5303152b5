// SPDX-License-Identifier: GPL-2.0-only
/*
 * The /dev/kvm surface: API version, capability answers, VM types and
 * unknown ioctl numbers on every kind of KVM file descriptor.
 */
#include <fcntl.h>
#include <linux/kvm.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tap.h"

/* an ioctl number in KVM's space that no kernel defines */
#define KVM_BOGUS_IOCTL _IO(KVMIO, 0xfe)

int main(void)
{
	int kvm, vm, vcpu, r, max, nr;
	struct kvm_irq_level irq = { .irq = 1, .level = 1 };
	struct kvm_enable_cap cap = { .cap = KVM_CAP_PPC_PAIRED_SINGLES };

	tap_start();
	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (!tap_check(kvm >= 0, "open /dev/kvm")) {
		tap_diag("open: %s", strerror(errno));
		return tap_done();
	}

	r = ioctl(kvm, KVM_GET_API_VERSION, 0);
	tap_check(r == KVM_API_VERSION, "KVM_GET_API_VERSION is %d (got %d)",
		  KVM_API_VERSION, r);

	r = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	tap_check(r >= 4096 && r % 4096 == 0,
		  "KVM_GET_VCPU_MMAP_SIZE is whole pages (got %d)", r);

	r = ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_USER_MEMORY);
	tap_check(r == 1, "KVM_CAP_USER_MEMORY is 1 (got %d)", r);

	nr = ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_NR_VCPUS);
	max = ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_MAX_VCPUS);
	tap_check(nr >= 1 && max >= nr,
		  "1 <= KVM_CAP_NR_VCPUS (%d) <= KVM_CAP_MAX_VCPUS (%d)", nr, max);

	r = ioctl(kvm, KVM_CHECK_EXTENSION, 0x7fffffff);
	tap_check(r == 0, "unknown capability answers 0 (got %d)", r);

	/* Book3S-only features must not be advertised on e500 */
	r = ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_PPC_PAIRED_SINGLES) |
	    ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_PPC_OSI) |
	    ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_PPC_HTAB_FD) |
	    ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_PPC_RMA);
	tap_check(r == 0, "Book3S-only capabilities answer 0 (got %d)", r);

	r = ioctl(kvm, KVM_BOGUS_IOCTL, 0);
	tap_errno(r, ENOTTY, "unknown ioctl on /dev/kvm");

	r = ioctl(kvm, KVM_CREATE_VM, 1);
	tap_errno(r, EINVAL, "KVM_CREATE_VM with machine type 1");
	if (r >= 0)
		close(r);

	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (!tap_check(vm >= 0, "KVM_CREATE_VM type 0")) {
		tap_diag("KVM_CREATE_VM: %s", strerror(errno));
		return tap_done();
	}

	r = ioctl(vm, KVM_CHECK_EXTENSION, KVM_CAP_MAX_VCPUS);
	tap_check(r == max, "VM-level KVM_CAP_MAX_VCPUS agrees (%d vs %d)",
		  r, max);

	r = ioctl(vm, KVM_BOGUS_IOCTL, 0);
	tap_errno(r, ENOTTY, "unknown ioctl on a VM fd");

	r = ioctl(vm, KVM_IRQ_LINE, &irq);
	tap_errno(r, ENXIO, "KVM_IRQ_LINE without an interrupt controller");

	r = ioctl(vm, KVM_ENABLE_CAP, &cap);
	tap_errno(r, EINVAL, "KVM_ENABLE_CAP of an unsupported capability");

	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	if (tap_check(vcpu >= 0, "KVM_CREATE_VCPU id 0")) {
		r = ioctl(vcpu, KVM_BOGUS_IOCTL, 0);
		tap_errno(r, ENOTTY, "unknown ioctl on a vCPU fd");
		close(vcpu);
	} else {
		tap_diag("KVM_CREATE_VCPU: %s", strerror(errno));
	}

	close(vm);
	close(kvm);
	return tap_done();
}
