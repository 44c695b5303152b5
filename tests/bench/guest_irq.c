// SPDX-License-Identifier: GPL-2.0-only
/*
 * kvm_bench's irqfd row: interrupt injection latency through the
 * in-kernel MPIC.  The guest programs MPIC source 1 (edge, priority 5,
 * vector 0x42, to CPU 0; GSI 1 routed to pin 1) and waits in MSR[WE] with MSR[EE] set; its
 * external interrupt handler reads IACK, stores the vector to B_EXIT
 * and writes EOI.  A second thread writes the irqfd of GSI 1 once the
 * vCPU waits; the latency runs from just before that write until
 * KVM_RUN returned the handler's store in the vCPU thread.
 */
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <time.h>

#include "bench.h"

#define N_IRQ		200
#define VECTOR		0x42
#define SRC		1
#define SPR_IVOR4	404
#define HANDLER		0x800
#define MSR_WE		0x00040000u
/* MPIC registers: source 1 and CPU 0's, from the bases in r29 and r31 */
#define SRC_BASE	(B_MPIC + 0x10000)
#define CPU0_BASE	(B_MPIC + 0x20000)
#define IVPR_OFF	(SRC * 0x20)
#define IDR_OFF		(SRC * 0x20 + 0x10)
#define CTPR_OFF	0x80
#define IACK_OFF	0xa0
#define EOI_OFF		0xb0

struct irq_bench {
	sem_t go, done;
	int efd;
	long long t0;		/* the writer's, read after sem done */
	int stop;
};

static void no_op(int sig)
{
	(void)sig;
}

static void *writer(void *arg)
{
	struct irq_bench *ib = arg;
	const struct timespec settle = { 0, 1000000 };
	u64 one = 1;
	sigset_t alrm;

	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &alrm, NULL);

	for (;;) {
		sem_wait(&ib->go);
		if (ib->stop)
			return NULL;
		/* let the vCPU thread reach its MSR[WE] wait first */
		nanosleep(&settle, NULL);
		ib->t0 = now_ns();
		if (write(ib->efd, &one, 8) != 8)
			ib->t0 = -1;
		sem_post(&ib->done);
	}
}

static void emit_guest(struct prog *p, struct prog *h)
{
	emit(p, I_LI(5, 0));
	emit(p, I_MTSPR(SPR_IVPR, 5));
	emit(p, I_LI(5, HANDLER));
	emit(p, I_MTSPR(SPR_IVOR4, 5));
	emit_li32(p, 29, SRC_BASE);
	emit_li32(p, 31, CPU0_BASE);
	emit(p, I_LI(5, 1));
	emit(p, I_STW(5, IDR_OFF, 29));
	emit_li32(p, 5, (5u << 16) | VECTOR);
	emit(p, I_STW(5, IVPR_OFF, 29));
	emit(p, I_LI(5, 0));
	emit(p, I_STW(5, CTPR_OFF, 31));
	emit_li32(p, 5, MSR_WE | MSR_EE);
	emit(p, I_LI(3, 0x7ead));
	emit(p, I_STW(3, 0, R_MMIO));	/* ready */
	emit(p, I_MTMSR(5));		/* wait: */
	emit(p, I_B(-4));
	emit(h, I_LWZ(3, IACK_OFF, 31));
	emit(h, I_STW(3, 0, R_MMIO));
	emit(h, I_STW(3, EOI_OFF, 31));
	emit(h, I_RFI);
}

static int mpic_setup(struct bvm *b, int *efd)
{
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_FSL_MPIC_20 };
	__u64 base = B_MPIC;
	struct kvm_device_attr a = {
		.group = KVM_DEV_MPIC_GRP_MISC, .attr = KVM_DEV_MPIC_BASE_ADDR,
		.addr = (uintptr_t)&base,
	};
	struct kvm_enable_cap cap = { .cap = KVM_CAP_IRQ_MPIC };
	struct kvm_irqfd f = { .gsi = SRC };
	struct {
		struct kvm_irq_routing r;
		struct kvm_irq_routing_entry e;
	} rt = {
		.r.nr = 1,
		.e = { .gsi = SRC, .type = KVM_IRQ_ROUTING_IRQCHIP,
		       .u.irqchip = { .irqchip = 0, .pin = SRC } },
	};

	if (ioctl(b->g.vm, KVM_CREATE_DEVICE, &cd) ||
	    ioctl(cd.fd, KVM_SET_DEVICE_ATTR, &a))
		return -1;
	cap.args[0] = cd.fd;
	cap.args[1] = 0;
	if (ioctl(b->g.vcpu, KVM_ENABLE_CAP, &cap))
		return -1;
	/* upstream starts with an empty GSI routing table, as QEMU expects */
	if (ioctl(b->g.vm, KVM_SET_GSI_ROUTING, &rt))
		return -1;
	*efd = eventfd(0, 0);
	f.fd = *efd;
	return *efd < 0 ? -1 : ioctl(b->g.vm, KVM_IRQFD, &f);
}

int guest_irqfd(const char *row)
{
	struct prog p = { .n = 0 }, h = { .n = 0 };
	struct irq_bench ib = { .stop = 0 };
	long long sum = 0, t1;
	pthread_t th;
	struct bvm b;
	u32 v;
	int i;

	if (bvm_create(&b, B_SMALL_RAM, 0) || mpic_setup(&b, &ib.efd))
		return fail(row, "VM with an in-kernel MPIC and an irqfd");
	emit_guest(&p, &h);
	bvm_load(&b, GUEST_CODE, &p);
	bvm_load(&b, HANDLER, &h);
	if (bvm_time(&b, 0, &v) < 0 || v != 0x7ead)
		return fail(row, "the guest did not program the MPIC");
	/* a delivery that never comes ends KVM_RUN with EINTR, reported */
	sigaction(SIGALRM, &(struct sigaction){ .sa_handler = no_op }, NULL);
	alarm(5);
	sem_init(&ib.go, 0, 0);
	sem_init(&ib.done, 0, 0);
	if (pthread_create(&th, NULL, writer, &ib))
		return fail(row, "thread");
	for (i = 0; i < N_IRQ; i++) {
		sem_post(&ib.go);
		if (!guest_store_exit(&b.g, B_EXIT, &v) || v != VECTOR) {
			struct kvm_regs regs = { 0 };

			ioctl(b.g.vcpu, KVM_GET_REGS, &regs);
			return fail(row, "delivery %d: exit %u, stored 0x%x, pc 0x%llx msr 0x%llx",
				    i, b.g.run->exit_reason, v,
				    (unsigned long long)regs.pc,
				    (unsigned long long)regs.msr);
		}
		t1 = now_ns();
		sem_wait(&ib.done);
		if (ib.t0 < 0)
			return fail(row, "eventfd write");
		sum += t1 - ib.t0;
	}
	alarm(0);
	ib.stop = 1;
	sem_post(&ib.go);
	pthread_join(th, NULL);
	report(row, sum, N_IRQ, "insns/op");
	close(ib.efd);
	bvm_destroy(&b);
	return 0;
}
