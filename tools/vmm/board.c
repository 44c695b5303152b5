// SPDX-License-Identifier: GPL-2.0-only
/*
 * MMIO exits: the UART, the reset control register of the global
 * utilities block (RSTCR, HRESET_REQ: the guest reboots), and a GPIO
 * block whose pin 0 is the "gpio-poweroff" line (driven high: power off).
 */
#include <stdio.h>

#include "vmm.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define GUTS_RSTCR	0xb0
#define GPIO_DIR	0x00
#define GPIO_DAT	0x08
/* pin 0: the most significant bit, as the mpc8xxx driver numbers them */
#define GPIO_PIN0	0x80000000u

static u32 gpio[8];

static u32 get_be(const u8 *d, unsigned int len)
{
	u32 v = 0;
	unsigned int i;

	for (i = 0; i < len; i++)
		v = v << 8 | d[i];
	return v;
}

static void put_be(u8 *d, unsigned int len, u32 v)
{
	while (len--) {
		d[len] = v;
		v >>= 8;
	}
}

static u32 uart_mmio(struct vmm *v, unsigned int off, int write, u32 val)
{
	if (off >= 8)
		return 0;
	if (write)
		uart_write(off, val);
	return write ? 0 : uart_read(off);
}

static u32 guts_mmio(struct vmm *v, unsigned int off, int write, u32 val)
{
	if (write && off == GUTS_RSTCR && (val & 2)) {
		fprintf(stderr, "\nvmm: the guest asked for a reset\n");
		vmm_stop(v, VMM_RESET);
	}
	return 0;
}

static u32 gpio_mmio(struct vmm *v, unsigned int off, int write, u32 val)
{
	if (off >= sizeof(gpio) || off & 3)
		return 0;
	if (!write)
		return gpio[off / 4];
	gpio[off / 4] = val;
	if (off == GPIO_DAT && (gpio[GPIO_DIR / 4] & GPIO_PIN0) && (val & GPIO_PIN0)) {
		fprintf(stderr, "\nvmm: the guest powered off\n");
		vmm_stop(v, VMM_POWER_OFF);
	}
	return 0;
}

static const struct {
	u64 base, size;
	u32 (*fn)(struct vmm *v, unsigned int off, int write, u32 val);
} regions[] = {
	{ VMM_UART, 0x100, uart_mmio },
	{ VMM_GUTS, 0x1000, guts_mmio },
	{ VMM_GPIO, 0x1000, gpio_mmio },
};

/* 0 when handled; -1 for an access to nothing (reads 0, writes dropped) */
int board_mmio(struct vmm *v, struct kvm_run *run)
{
	u64 a = run->mmio.phys_addr;
	unsigned int i, len = run->mmio.len;
	u32 val;

	if (len > 4)
		len = 4;
	for (i = 0; i < ARRAY_SIZE(regions); i++) {
		if (a < regions[i].base || a - regions[i].base >= regions[i].size)
			continue;
		val = get_be(run->mmio.data, len);
		val = regions[i].fn(v, a - regions[i].base, run->mmio.is_write, val);
		if (!run->mmio.is_write)
			put_be(run->mmio.data, len, val);
		return 0;
	}
	if (!run->mmio.is_write)
		put_be(run->mmio.data, len, 0);
	return -1;
}
