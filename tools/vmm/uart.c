// SPDX-License-Identifier: GPL-2.0-only
/*
 * An ns16550A for the guest console.  Transmit goes to stdout at once,
 * so the transmitter is always empty.  Receive: bytes from -input (a
 * file, or "-" for stdin), read by a thread of their own into a 16-byte
 * FIFO (LSR[DR], RBR), once the guest driver has enabled the receive
 * interrupt (the 8250 driver's start-up clears the FIFO first).  The
 * interrupt line (MPIC source VMM_UART_IRQ, level) goes to the in-kernel
 * MPIC with KVM_IRQ_LINE: received data with IER[RDI], or "transmitter
 * empty" with IER[THRI] until IIR reported it.  The modem control
 * loopback that the driver's probe checks is modelled.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "vmm.h"

enum { RBR, IER, IIR, LCR, MCR, LSR, MSR, SCR };

#define LCR_DLAB	0x80
#define MCR_LOOP	0x10
#define LSR_DR		0x01
#define LSR_THRE_TEMT	0x60
#define IIR_NONE	0x01
#define IIR_THRI	0x02
#define IIR_RDI		0x04
#define IIR_FIFO	0xc0
#define IER_RDI		0x01
#define IER_THRI	0x02
#define FCR_CLEAR_RX	0x02
#define RX_FIFO		16

/*
 * reg[] holds what the guest wrote (FCR in IIR's slot), dl[] the
 * divisor; rx[] the receive FIFO.  The lock covers all of it: vCPU
 * threads (MMIO) and the input thread.
 */
static struct {
	u8 reg[8], dl[2];
	u8 rx[RX_FIFO];
	unsigned int rx_head, rx_count;
	int thre;		/* "transmitter empty" interrupt pending */
	int rx_open;		/* the guest enabled the receive interrupt */
	int line;		/* level last given to KVM_IRQ_LINE */
	unsigned long long received, raised;
	struct vmm *v;
	pthread_mutex_t lock;
	pthread_cond_t room;
} u = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.room = PTHREAD_COND_INITIALIZER,
};

/* modem status: wired from MCR in loopback, else carrier and ready */
static u8 uart_msr(void)
{
	u8 m = u.reg[MCR];

	if (!(m & MCR_LOOP))
		return 0xb0;
	return (m & 0x08 ? 0x80 : 0) | (m & 0x04 ? 0x40 : 0) |
	       (m & 0x01 ? 0x20 : 0) | (m & 0x02 ? 0x10 : 0);
}

static int rx_irq(void)
{
	return (u.reg[IER] & IER_RDI) && u.rx_count;
}

static int tx_irq(void)
{
	return (u.reg[IER] & IER_THRI) && u.thre;
}

/* with the lock held: the line follows the two conditions */
static void update_irq(void)
{
	struct kvm_irq_level irq = { .irq = VMM_UART_IRQ };
	int level = rx_irq() || tx_irq();

	if (level == u.line || !u.v)
		return;
	u.line = level;
	irq.level = level;
	u.raised += level;
	if (ioctl(u.v->vm, KVM_IRQ_LINE, &irq))
		fprintf(stderr, "vmm: UART: KVM_IRQ_LINE: %s\n", strerror(errno));
}

static u8 rx_pop(void)
{
	u8 c;

	if (!u.rx_count)
		return 0;
	c = u.rx[u.rx_head];
	u.rx_head = (u.rx_head + 1) % RX_FIFO;
	u.rx_count--;
	pthread_cond_broadcast(&u.room);
	return c;
}

u32 uart_read(unsigned int off)
{
	u32 val;

	pthread_mutex_lock(&u.lock);
	if ((u.reg[LCR] & LCR_DLAB) && off <= IER) {
		val = u.dl[off];
	} else if (off == RBR) {
		val = rx_pop();
	} else if (off == IIR) {
		val = rx_irq() ? IIR_RDI : tx_irq() ? IIR_THRI : IIR_NONE;
		if (val == IIR_THRI)
			u.thre = 0;	/* reading IIR clears it */
		val |= u.reg[IIR] & 1 ? IIR_FIFO : 0;
	} else if (off == LSR) {
		val = LSR_THRE_TEMT | (u.rx_count ? LSR_DR : 0);
	} else if (off == MSR) {
		val = uart_msr();
	} else {
		val = u.reg[off];
	}
	update_irq();
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
	u8 c = val, old;

	pthread_mutex_lock(&u.lock);
	old = u.reg[off];
	if ((u.reg[LCR] & LCR_DLAB) && off <= IER) {
		u.dl[off] = c;
	} else if (off == RBR) {
		if (!(u.reg[MCR] & MCR_LOOP))
			uart_out(c);
		u.thre = 1;	/* sent at once: empty again */
	} else {
		u.reg[off] = (old & ~wmask[off]) | (c & wmask[off]);
		if (off == IIR && (c & FCR_CLEAR_RX)) {
			u.rx_count = 0;
			pthread_cond_broadcast(&u.room);
		}
		/* enabling THRI with the transmitter empty interrupts */
		if (off == IER && (c & IER_THRI) && !(old & IER_THRI))
			u.thre = 1;
		if (off == IER && (c & IER_RDI) && !u.rx_open) {
			u.rx_open = 1;
			pthread_cond_broadcast(&u.room);
		}
	}
	update_irq();
	pthread_mutex_unlock(&u.lock);
}

/* the input thread: one byte at a time into the FIFO, as room allows */
static void *input_thread(void *arg)
{
	int fd = (intptr_t)arg;
	u8 c;

	while (read(fd, &c, 1) == 1) {
		pthread_mutex_lock(&u.lock);
		while (!vmm_stopped() && (!u.rx_open || u.rx_count == RX_FIFO))
			pthread_cond_wait(&u.room, &u.lock);
		if (vmm_stopped()) {
			pthread_mutex_unlock(&u.lock);
			break;
		}
		u.rx[(u.rx_head + u.rx_count) % RX_FIFO] = c;
		u.rx_count++;
		u.received++;
		update_irq();
		pthread_mutex_unlock(&u.lock);
	}
	return NULL;
}

void uart_init(struct vmm *v)
{
	pthread_t t;
	int fd;

	u.v = v;
	if (!v->input)
		return;
	fd = strcmp(v->input, "-") ? open(v->input, O_RDONLY | O_CLOEXEC) : 0;
	if (fd < 0)
		die("-input %s: %s", v->input, strerror(errno));
	if (pthread_create(&t, NULL, input_thread, (void *)(intptr_t)fd))
		die("cannot start the UART input thread");
	pthread_detach(t);
}

/* vmm_stop(): an input thread waiting for room gives up */
void uart_stop(void)
{
	pthread_mutex_lock(&u.lock);
	pthread_cond_broadcast(&u.room);
	pthread_mutex_unlock(&u.lock);
}

void uart_summary(void)
{
	pthread_mutex_lock(&u.lock);
	fprintf(stderr, "vmm: UART: %llu bytes received, interrupt raised %llu times\n",
		u.received, u.raised);
	pthread_mutex_unlock(&u.lock);
}
