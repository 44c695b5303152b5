// SPDX-License-Identifier: GPL-2.0-only
/*
 * The in-kernel MMIO bus: an ioeventfd (with and without datamatch) is
 * signalled by a guest store without an exit to userspace, and stores
 * into a coalesced MMIO zone collect in the ring in the vCPU mmap until
 * the next exit.
 */
#include <linux/kvm.h>
#include <sys/eventfd.h>

#include "guest_mem_asm.h"

static unsigned long long efd_count(int fd)
{
	unsigned long long n = 0;

	if (read(fd, &n, sizeof(n)) != sizeof(n))
		return 0;
	return n;
}

static int add_ioeventfd(int vm, int fd, u32 addr, int match, u32 val)
{
	struct kvm_ioeventfd io = {
		.addr = addr, .len = 4, .fd = fd,
		.flags = match ? KVM_IOEVENTFD_FLAG_DATAMATCH : 0,
		.datamatch = val,
	};

	return ioctl(vm, KVM_IOEVENTFD, &io);
}

static void ioeventfds(void)
{
	const u32 plain = GUEST_MMIO + 0x100, matched = GUEST_MMIO + 0x200;
	struct prog p = { .n = 0 };
	int any, one, r;
	struct guest g;

	if (!tap_check(guest_create(&g) == 0, "create a guest for ioeventfd"))
		return;
	r = ioctl(g.vm, KVM_CHECK_EXTENSION, KVM_CAP_IOEVENTFD);
	tap_check(r == 1, "KVM_CAP_IOEVENTFD is 1 (got %d)", r);
	any = eventfd(0, EFD_NONBLOCK);
	one = eventfd(0, EFD_NONBLOCK);
	tap_check(add_ioeventfd(g.vm, any, plain, 0, 0) == 0,
		  "KVM_IOEVENTFD without datamatch");
	tap_check(add_ioeventfd(g.vm, one, matched, 1, 0x42) == 0,
		  "KVM_IOEVENTFD with datamatch 0x42");

	emit(&p, I_LIS(4, GUEST_MMIO >> 16));
	emit(&p, I_LI(3, 7));
	emit(&p, I_STW(3, 0x100, 4));		/* signals 'any' */
	emit(&p, I_STW(3, 0x100, 4));		/* and again */
	emit(&p, I_LI(3, 0x41));
	emit(&p, I_STW(3, 0x200, 4));		/* no match: userspace */
	emit(&p, I_LI(3, 0x42));
	emit(&p, I_STW(3, 0x200, 4));		/* match: signals 'one' */
	emit(&p, I_STW(3, 0, 4));		/* done */
	emit(&p, I_SELF_LOOP);
	prog_put(&g, GUEST_CODE, &p);
	guest_set_pc(&g, GUEST_CODE, 0);

	expect_store(&g, matched, 0x41,
		     "first exit is the non-matching store to the datamatch address");
	tap_check(efd_count(any) == 2,
		  "two stores to the plain ioeventfd signalled it twice, without exits");
	tap_check(efd_count(one) == 0, "a non-matching value does not signal");
	expect_store(&g, GUEST_MMIO, 0x42, "next exit is after the matching store");
	tap_check(efd_count(one) == 1, "the matching store signalled its eventfd");
	close(any);
	close(one);
	guest_destroy(&g);
}

#define ZONE		(GUEST_MMIO + 0x1000)
#define NSTORES		5

static void coalesced_zone(void)
{
	struct kvm_coalesced_mmio_zone zone = { .addr = ZONE, .size = 0x100 };
	struct kvm_coalesced_mmio_ring *ring;
	struct prog p = { .n = 0 };
	struct guest g;
	unsigned int i, n, max;
	int r, ok = 1;

	if (!tap_check(guest_create(&g) == 0, "create a guest for coalesced MMIO"))
		return;
	r = ioctl(g.vm, KVM_CHECK_EXTENSION, KVM_CAP_COALESCED_MMIO);
	tap_check(r == KVM_COALESCED_MMIO_PAGE_OFFSET,
		  "KVM_CAP_COALESCED_MMIO is the ring's page offset (%d)", r);
	tap_check(ioctl(g.vm, KVM_REGISTER_COALESCED_MMIO, &zone) == 0,
		  "KVM_REGISTER_COALESCED_MMIO of a 256-byte zone");
	ring = (void *)((u8 *)g.run + KVM_COALESCED_MMIO_PAGE_OFFSET * getpagesize());

	emit(&p, I_LIS(4, ZONE >> 16));
	emit(&p, I_ORI(4, 4, ZONE & 0xffff));
	for (i = 0; i < NSTORES; i++) {
		emit(&p, I_LI(3, 0x11 * (i + 1)));
		emit(&p, I_STW(3, 8 * i, 4));
	}
	emit(&p, I_LIS(4, GUEST_MMIO >> 16));
	emit(&p, I_STW(3, 0, 4));
	emit(&p, I_SELF_LOOP);
	prog_put(&g, GUEST_CODE, &p);
	guest_set_pc(&g, GUEST_CODE, 0);

	expect_store(&g, GUEST_MMIO, 0x11 * NSTORES,
		     "stores into the zone do not exit; the first exit is outside it");
	/* KVM_COALESCED_MMIO_MAX, which needs the kernel's PAGE_SIZE */
	max = (getpagesize() - sizeof(*ring)) / sizeof(ring->coalesced_mmio[0]);
	n = (ring->last + max - ring->first) % max;
	tap_check(n == NSTORES, "the ring holds %u entries (want %u)", n, NSTORES);
	for (i = 0; i < n && i < NSTORES; i++) {
		struct kvm_coalesced_mmio *e = &ring->coalesced_mmio[ring->first + i];
		u32 v = (u32)e->data[0] << 24 | e->data[1] << 16 | e->data[2] << 8 |
			e->data[3];

		if (e->phys_addr != ZONE + 8 * i || e->len != 4 || v != 0x11 * (i + 1)) {
			tap_diag("entry %u: 0x%llx len %u data 0x%08x", i,
				 (unsigned long long)e->phys_addr, e->len, v);
			ok = 0;
		}
	}
	tap_check(ok, "ring entries have the stores' addresses, lengths and data in order");
	guest_destroy(&g);
}

int main(void)
{
	tap_start();
	ioeventfds();
	coalesced_zone();
	return tap_done();
}
