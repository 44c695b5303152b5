// SPDX-License-Identifier: GPL-2.0-only
/*
 * VM and vCPU lifecycle: create/destroy loops, vCPU id limits, the
 * kvm_run mapping, register round trips and memory slot checks.
 */
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tap.h"

static int kvm;
static int can_run = 1;	/* --no-run: the backend cannot run guests yet */

static void vm_loop(void)
{
	int i, bad = 0, vm, vcpu;

	for (i = 0; i < 200; i++) {
		vm = ioctl(kvm, KVM_CREATE_VM, 0);
		if (vm < 0) {
			bad++;
			continue;
		}
		vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
		if (vcpu < 0)
			bad++;
		else
			close(vcpu);
		close(vm);
	}
	tap_check(bad == 0, "200 x (create VM, create vCPU, destroy): %d failures",
		  bad);
}

static void vcpu_limits(void)
{
	int vm = ioctl(kvm, KVM_CREATE_VM, 0);
	int max = ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_MAX_VCPUS);
	int max_id = ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_MAX_VCPU_ID);
	int fds[256], i, made = 0, r;

	if (max > 256)
		max = 256;
	for (i = 0; i < max; i++) {
		fds[i] = ioctl(vm, KVM_CREATE_VCPU, i);
		if (fds[i] >= 0)
			made++;
	}
	tap_check(made == max, "create KVM_CAP_MAX_VCPUS = %d vCPUs (made %d)",
		  max, made);

	r = ioctl(vm, KVM_CREATE_VCPU, max);
	tap_errno(r, EINVAL, "KVM_CREATE_VCPU beyond KVM_CAP_MAX_VCPUS");

	for (i = 0; i < max; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	close(vm);

	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	fds[0] = ioctl(vm, KVM_CREATE_VCPU, 1);
	r = ioctl(vm, KVM_CREATE_VCPU, 1);
	tap_errno(r, EEXIST, "KVM_CREATE_VCPU with an id in use");

	r = ioctl(vm, KVM_CREATE_VCPU, max_id);
	tap_errno(r, EINVAL, "KVM_CREATE_VCPU with id KVM_CAP_MAX_VCPU_ID");
	close(fds[0]);
	close(vm);
}

static void vcpu_state(void)
{
	int vm = ioctl(kvm, KVM_CREATE_VM, 0);
	int vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	int size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	struct kvm_regs in, out;
	struct kvm_run *run;
	unsigned int i;
	int r;

	run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (tap_check(run != MAP_FAILED, "mmap the vCPU's kvm_run area")) {
		tap_check(run->exit_reason == KVM_EXIT_UNKNOWN,
			  "a new vCPU's exit_reason is KVM_EXIT_UNKNOWN (%u)",
			  run->exit_reason);
		munmap(run, size);
	}

	memset(&in, 0, sizeof(in));
	in.pc = 0xc0001234;
	in.cr = 0x24000042;
	in.ctr = 0x1111;
	in.lr = 0xc0000abc;
	in.xer = 0x20000000;
	in.msr = 0x00021000;
	in.srr0 = 0x100;
	in.srr1 = 0x200;
	in.pid = 7;
	in.sprg0 = 0x10;
	in.sprg3 = 0x13;
	in.sprg4 = 0x14;
	in.sprg7 = 0x17;
	for (i = 0; i < 32; i++)
		in.gpr[i] = 0x01010101u * i + 5;
	r = ioctl(vcpu, KVM_SET_REGS, &in);
	tap_check(r == 0, "KVM_SET_REGS");
	memset(&out, 0xa5, sizeof(out));
	r = ioctl(vcpu, KVM_GET_REGS, &out);
	tap_check(r == 0 && !memcmp(&in, &out, sizeof(in)),
		  "KVM_GET_REGS returns what KVM_SET_REGS stored");

	/* immediate_exit: back to userspace before entering the guest */
	run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (run != MAP_FAILED) {
		run->immediate_exit = 1;
		run->exit_reason = KVM_EXIT_MMIO;
		r = ioctl(vcpu, KVM_RUN, 0);
		if (can_run) {
			tap_errno(r, EINTR, "KVM_RUN with immediate_exit set");
			r = ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_IMMEDIATE_EXIT);
			tap_check(r == 1, "KVM_CAP_IMMEDIATE_EXIT is 1 (got %d)", r);
			tap_check(run->exit_reason == KVM_EXIT_MMIO,
				  "KVM_RUN with immediate_exit leaves exit_reason alone");
		} else {
			tap_errno(r, EOPNOTSUPP, "KVM_RUN on a backend that cannot run guests yet");
		}
		munmap(run, size);
	}

	close(vcpu);
	close(vm);
}

static void memslots(void)
{
	int vm = ioctl(kvm, KVM_CREATE_VM, 0);
	size_t len = 1 << 20;
	void *mem = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct kvm_userspace_memory_region reg = {
		.slot = 0,
		.guest_phys_addr = 0,
		.memory_size = len,
		.userspace_addr = (uintptr_t)mem,
	};
	int r;

	r = ioctl(vm, KVM_SET_USER_MEMORY_REGION, &reg);
	tap_check(r == 0, "add a 1 MiB memory slot at 0");

	reg.slot = 1;
	reg.guest_phys_addr = 0x100800;
	r = ioctl(vm, KVM_SET_USER_MEMORY_REGION, &reg);
	tap_errno(r, EINVAL, "memory slot at an unaligned guest address");

	reg.guest_phys_addr = 0x80000;
	r = ioctl(vm, KVM_SET_USER_MEMORY_REGION, &reg);
	tap_errno(r, EEXIST, "memory slot overlapping slot 0");

	reg.guest_phys_addr = 0x1000000;
	reg.flags = KVM_MEM_LOG_DIRTY_PAGES;
	r = ioctl(vm, KVM_SET_USER_MEMORY_REGION, &reg);
	tap_check(r == 0, "add a dirty-logged memory slot");
	reg.memory_size = 0;
	r = ioctl(vm, KVM_SET_USER_MEMORY_REGION, &reg);
	tap_check(r == 0, "delete the dirty-logged slot");

	reg.slot = 0;
	reg.flags = 0;
	reg.guest_phys_addr = 0;
	reg.memory_size = 0;
	r = ioctl(vm, KVM_SET_USER_MEMORY_REGION, &reg);
	tap_check(r == 0, "delete memory slot 0");

	close(vm);
	munmap(mem, len);
}

int main(int argc, char **argv)
{
	can_run = !(argc > 1 && !strcmp(argv[1], "--no-run"));
	tap_start();
	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (!tap_check(kvm >= 0, "open /dev/kvm"))
		return tap_done();
	vm_loop();
	vcpu_limits();
	vcpu_state();
	memslots();
	close(kvm);
	return tap_done();
}
