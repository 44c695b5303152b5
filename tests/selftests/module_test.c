// SPDX-License-Identifier: GPL-2.0-only
/*
 * Backend module life cycle, driven with the system's modprobe:
 *   module_test MODULE              load, pin by an open VM, unload, reload
 *   module_test --refuse MODULE     MODULE must refuse to load on this
 *                                   core, say why in the kernel log, and
 *                                   leave no /dev/kvm behind
 */
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

static int run(const char *fmt, const char *arg)
{
	char cmd[256];
	int st;

	snprintf(cmd, sizeof(cmd), fmt, arg);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

/* the kernel's name for a module (KBUILD_MODNAME): '-' becomes '_' */
static const char *kernel_name(const char *mod)
{
	static char name[64];
	size_t i;

	snprintf(name, sizeof(name), "%s", mod);
	for (i = 0; name[i]; i++)
		if (name[i] == '-')
			name[i] = '_';
	return name;
}

/* busybox modprobe/rmmod exit 0 even when the kernel refuses: ask it */
static int module_loaded(const char *mod)
{
	return run("grep -q '^%s ' /proc/modules", kernel_name(mod)) == 0;
}

static int have_dev_kvm(void)
{
	return access("/dev/kvm", F_OK) == 0;
}

static int api_version(void)
{
	int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	int v;

	if (fd < 0)
		return -1;
	v = ioctl(fd, KVM_GET_API_VERSION, 0);
	close(fd);
	return v;
}

static void lifecycle(const char *mod)
{
	int kvm, vm, r;

	run("modprobe -r %s 2>/dev/null", mod);
	tap_check(!have_dev_kvm(), "no /dev/kvm while %s is not loaded", mod);

	tap_check(run("modprobe %s", mod) == 0, "modprobe %s", mod);
	tap_check(have_dev_kvm() && api_version() == KVM_API_VERSION,
		  "/dev/kvm answers API version %d after loading", KVM_API_VERSION);

	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	vm = kvm >= 0 ? ioctl(kvm, KVM_CREATE_VM, 0) : -1;
	tap_check(vm >= 0, "create a VM");
	run("modprobe -r %s 2>/dev/null", mod);
	tap_check(module_loaded(mod),
		  "modprobe -r %s is refused while a VM is open", mod);
	r = ioctl(vm, KVM_CHECK_EXTENSION, KVM_CAP_USER_MEMORY);
	tap_check(have_dev_kvm() && r == 1,
		  "the open VM still works after the refused unload");
	close(vm);
	close(kvm);

	run("modprobe -r %s", mod);
	tap_check(!module_loaded(mod),
		  "modprobe -r %s once the VM is closed", mod);
	tap_check(!have_dev_kvm(), "/dev/kvm is gone after unloading");
	tap_check(!module_loaded("kvm"), "kvm.ko was unloaded with its last user");

	run("modprobe %s", mod);
	tap_check(module_loaded(mod) && api_version() == KVM_API_VERSION,
		  "reload %s and /dev/kvm answers again", mod);
}

static void must_refuse(const char *mod)
{
	run("modprobe %s 2>/dev/null", mod);
	tap_check(!module_loaded(mod), "modprobe %s is refused on this core", mod);
	tap_check(!have_dev_kvm(), "no /dev/kvm after %s was refused", mod);
	tap_check(run("dmesg | grep -E -q '%s: host core .*(cannot drive|does not implement)'",
		      kernel_name(mod)) == 0,
		  "the kernel log says why %s refused", mod);
}

int main(int argc, char **argv)
{
	tap_start();
	if (argc == 3 && !strcmp(argv[1], "--refuse"))
		must_refuse(argv[2]);
	else if (argc == 2)
		lifecycle(argv[1]);
	else
		tap_check(0, "usage: module_test [--refuse] MODULE");
	return tap_done();
}
