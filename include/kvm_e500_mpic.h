/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kvm-e500's own attribute group of the in-kernel MPIC device
 * (KVM_DEV_TYPE_FSL_MPIC_20/42, not in the upstream uapi): the state
 * that no MPIC register shows without side effects, so that a VMM can
 * move a VM whose MPIC is mid-interrupt.  Values are u32.  Kernel and
 * userspace (the tests) include this file.
 *
 * Interrupt numbers in the bit words: 0..255 the sources, 256..259 the
 * global timers, 260..263 the IPIs; word w, bit b is number 32 w + b.
 */
#ifndef KVM_E500_MPIC_H_UAPI
#define KVM_E500_MPIC_H_UAPI

/* far from the upstream groups (1..3) */
#define KVM_DEV_MPIC_GRP_E500_STATE	0x4500

#define KVM_E500_MPIC_WORDS		9	/* 264 interrupt numbers */
/* per CPU (0..7): the interrupts IACK took and EOI has not ended */
#define KVM_E500_MPIC_IN_SERVICE(cpu, w)	(0x000 + ((cpu) << 4) + (w))
/* latched requests of edge sources and timers (level ones: their line) */
#define KVM_E500_MPIC_PENDING(w)	(0x100 + (w))
/* IPI n (0..3): the CPUs it is pending for, one bit each */
#define KVM_E500_MPIC_IPI_PENDING(n)	(0x200 + (n))
/* timer t (0..3): GTCCR (current count | TOG); set it after GTBCR */
#define KVM_E500_MPIC_TIMER_COUNT(t)	(0x300 + (t))
/* MSIR n (0..7) without the clear a guest read makes */
#define KVM_E500_MPIC_MSIR(n)		(0x400 + (n))

#endif /* KVM_E500_MPIC_H_UAPI */
