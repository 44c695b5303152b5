// SPDX-License-Identifier: GPL-2.0-only
/*
 * An ns16550A for the guest console: transmit goes to stdout at once,
 * the line status always says "transmitter empty", input is not
 * offered (LSR[DR] stays 0).  No interrupt line: the guest's 8250 driver
 * polls a port without one, reading IIR, which reports "transmitter
 * empty" for as long as IER enables it.  The modem control loopback that
 * the driver's probe checks is modelled.
 */
#include <unistd.h>

#include "vmm.h"

enum { RBR, IER, IIR, LCR, MCR, LSR, MSR, SCR };

#define LCR_DLAB	0x80
#define MCR_LOOP	0x10
#define LSR_THRE_TEMT	0x60
#define IIR_NONE	0x01
#define IIR_THRI	0x02
#define IER_THRI	0x02
#define IIR_FIFO	0xc0

/* reg[] holds what the guest wrote (FCR in IIR's slot), dl[] the divisor */
static struct {
	u8 reg[8], dl[2];
	pthread_mutex_t lock;
} u = { .lock = PTHREAD_MUTEX_INITIALIZER };

/* modem status: wired from MCR in loopback, else carrier and ready */
static u8 uart_msr(void)
{
	u8 m = u.reg[MCR];

	if (!(m & MCR_LOOP))
		return 0xb0;
	return (m & 0x08 ? 0x80 : 0) | (m & 0x04 ? 0x40 : 0) |
	       (m & 0x01 ? 0x20 : 0) | (m & 0x02 ? 0x10 : 0);
}

u32 uart_read(unsigned int off)
{
	u32 val;

	pthread_mutex_lock(&u.lock);
	if ((u.reg[LCR] & LCR_DLAB) && off <= IER)
		val = u.dl[off];
	else if (off == RBR)
		val = 0;
	else if (off == IIR)
		val = (u.reg[IER] & IER_THRI ? IIR_THRI : IIR_NONE) |
		      (u.reg[IIR] & 1 ? IIR_FIFO : 0);
	else if (off == LSR)
		val = LSR_THRE_TEMT;
	else if (off == MSR)
		val = uart_msr();
	else
		val = u.reg[off];
	pthread_mutex_unlock(&u.lock);
	return val;
}

static const u8 wmask[8] = {
	[IER] = 0x0f, [IIR] = 0xff, [LCR] = 0xff, [MCR] = 0x1f, [SCR] = 0xff,
};

/* a transmitted byte: to stdout, and to the benchmark stamps */
static void uart_out(u8 c)
{
	ssize_t n = write(1, &c, 1);

	(void)n;	/* stdout gone: the guest's output is dropped */
	stamp_byte(c);
}

void uart_write(unsigned int off, u32 val)
{
	u8 c = val;

	pthread_mutex_lock(&u.lock);
	if ((u.reg[LCR] & LCR_DLAB) && off <= IER)
		u.dl[off] = c;
	else if (off == RBR && !(u.reg[MCR] & MCR_LOOP))
		uart_out(c);
	else
		u.reg[off] = (u.reg[off] & ~wmask[off]) | (c & wmask[off]);
	pthread_mutex_unlock(&u.lock);
}
