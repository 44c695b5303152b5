// SPDX-License-Identifier: GPL-2.0-only
/*
 * kvm-info: print what /dev/kvm offers on this host.  Used by the main
 * job to show a working module, and handy when booting the host by hand.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	int cap;
	const char *name;
} caps[] = {
	{ KVM_CAP_USER_MEMORY, "USER_MEMORY" },
	{ KVM_CAP_NR_VCPUS, "NR_VCPUS" },
	{ KVM_CAP_MAX_VCPUS, "MAX_VCPUS" },
	{ KVM_CAP_MAX_VCPU_ID, "MAX_VCPU_ID" },
	{ KVM_CAP_NR_MEMSLOTS, "NR_MEMSLOTS" },
	{ KVM_CAP_COALESCED_MMIO, "COALESCED_MMIO" },
	{ KVM_CAP_IOEVENTFD_ANY_LENGTH, "IOEVENTFD_ANY_LENGTH" },
	{ KVM_CAP_BINARY_STATS_FD, "BINARY_STATS_FD" },
	{ KVM_CAP_ONE_REG, "ONE_REG" },
	{ KVM_CAP_SW_TLB, "SW_TLB" },
	{ KVM_CAP_PPC_GET_PVINFO, "PPC_GET_PVINFO" },
	{ KVM_CAP_IRQFD, "IRQFD" },
};

int main(void)
{
	int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	unsigned int i;
	int vm;

	if (kvm < 0) {
		fprintf(stderr, "kvm-info: /dev/kvm: %s\n", strerror(errno));
		return 1;
	}
	printf("KVM API version: %d\n", ioctl(kvm, KVM_GET_API_VERSION, 0));
	printf("vCPU mmap size:  %d\n", ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0));
	for (i = 0; i < ARRAY_SIZE(caps); i++)
		printf("  KVM_CAP_%-22s %d\n", caps[i].name,
		       ioctl(kvm, KVM_CHECK_EXTENSION, caps[i].cap));
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0) {
		fprintf(stderr, "kvm-info: KVM_CREATE_VM: %s\n", strerror(errno));
		return 1;
	}
	printf("KVM_CREATE_VM:   ok (fd %d)\n", vm);
	close(vm);
	close(kvm);
	return 0;
}
