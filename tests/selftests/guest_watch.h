/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the invalidation tests: more instruction encoders, a
 * helper thread that changes the host side of guest memory while the
 * vCPU runs, and a signal that ends a KVM_RUN that would never end.
 */
#ifndef KVM_E500_GUEST_WATCH_H
#define KVM_E500_GUEST_WATCH_H

#include <pthread.h>
#include <signal.h>
#include <time.h>

#include "guest_asm.h"

typedef __u64 u64;

#define I_CMPW(ra, rb)	((31u << 26) | ((ra) << 16) | ((rb) << 11))
#define I_CMPWI(ra, v)	((11u << 26) | ((ra) << 16) | ((v) & 0xffff))
#define I_BEQ(off)	((16u << 26) | (12u << 21) | (2u << 16) | ((off) & 0xfffc))
#define I_MR(ra, rs)	I_ORI(ra, rs, 0)
#define I_TLBIVAX(ra, rb) ((31u << 26) | ((ra) << 16) | ((rb) << 11) | (786u << 1))
#define I_TLBSYNC	0x7c00046cu

#define HI(v)		((u32)(v) >> 16)
#define LO(v)		((u32)(v) & 0xffff)

static inline void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void watch_sig(int sig)
{
}

/* SIGALRM and SIGUSR1 end a blocked KVM_RUN with EINTR (no SA_RESTART) */
static inline void watch_signals(void)
{
	struct sigaction sa = { 0 };

	sa.sa_handler = watch_sig;
	sigaction(SIGALRM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
}

/*
 * A helper thread: sleeps @delay_ms, then runs @fn(@arg).  SIGALRM is
 * blocked in it so that the alarm always reaches the vCPU thread.
 */
struct helper {
	pthread_t t;
	unsigned int delay_ms;
	int (*fn)(void *arg);
	void *arg;
	int ret;
};

static void *helper_main(void *p)
{
	struct helper *h = p;

	sleep_ms(h->delay_ms);
	h->ret = h->fn(h->arg);
	return NULL;
}

static inline int helper_start(struct helper *h, unsigned int delay_ms,
			       int (*fn)(void *), void *arg)
{
	sigset_t set, old;
	int r;

	h->delay_ms = delay_ms;
	h->fn = fn;
	h->arg = arg;
	h->ret = -1;
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	r = pthread_create(&h->t, NULL, helper_main, h);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return r;
}

static inline int helper_join(struct helper *h)
{
	pthread_join(h->t, NULL);
	return h->ret;
}

/* write a big-endian word into guest memory as the guest reads it */
static inline void put_be32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static inline u32 get_be32(const u8 *p)
{
	return (u32)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

#endif /* KVM_E500_GUEST_WATCH_H */
