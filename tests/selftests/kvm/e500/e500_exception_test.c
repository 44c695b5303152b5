// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest exceptions through the library: handlers installed with
 * vm_install_exception_handler() see the interrupted state (vector, SRR0,
 * SRR1, ESR, DEAR, GPRs) and can change it; an exception without a
 * handler reaches the host as UCALL_UNHANDLED; a decrementer interrupt
 * reaches its handler and returns; an exception inside the
 * exception path (an unmapped stack) is reported as a double fault; the
 * TLB miss handler maps more pages than the guest TLB0 holds.
 */
#include <sys/wait.h>

#include "kvm_util.h"
#include "processor.h"
#include "ucall_common.h"

#define UNMAPPED_GVA	0xdead0000u
#define UNMAPPED_CODE	0xdeae0000u
#define MANY_PAGES	640	/* more than TLB0's 512 entries */

/* what the handlers saw, read by the host */
#define NR_SEEN		4
static struct ex_regs seen[NR_SEEN];
static int nr_seen;
static u32 illegal_pc, sc_pc, load_pc;

static void record(struct ex_regs *regs)
{
	if (nr_seen < NR_SEEN)
		seen[nr_seen] = *regs;
	nr_seen++;
}

static void skip_insn(struct ex_regs *regs)
{
	record(regs);
	regs->srr0 += 4;
}

/* a call to an unmapped address: return to the caller */
static void return_to_lr(struct ex_regs *regs)
{
	record(regs);
	regs->srr0 = regs->lr;
}

/* the system call handler returns r3 + 1 in r3, like a service would */
static void syscall_handler(struct ex_regs *regs)
{
	record(regs);
	regs->gpr[3] += 1;
}

static void guest_handled(void)
{
	register u32 r3 asm("r3") = 0x1234;

	/* an illegal instruction (0), skipped by the handler */
	asm volatile("lis 9, 1f@ha; addi 9, 9, 1f@l; stw 9, 0(%0)\n"
		     "1: .long 0" : : "b" (&illegal_pc) : "r9", "memory");

	/* a system call: SRR0 is the next instruction, r3 comes back + 1 */
	asm volatile("lis 9, 1f@ha; addi 9, 9, 1f@l; stw 9, 0(%1)\n"
		     "sc\n1:" : "+r" (r3) : "b" (&sc_pc) : "r9", "memory");
	GUEST_ASSERT_EQ(r3, 0x1235);

	/* a load from a page that is not mapped: DTLB miss, no translation */
	asm volatile("lis 9, 1f@ha; addi 9, 9, 1f@l; stw 9, 0(%1)\n"
		     "1: lwz 9, 0(%0)"
		     : : "b" (UNMAPPED_GVA), "b" (&load_pc) : "r9", "memory");

	/* a call to an unmapped address: ITLB miss, no translation */
	asm volatile("mtctr %0; bctrl" : : "r" (UNMAPPED_CODE)
		     : "lr", "ctr", "memory");
	GUEST_DONE();
}

#define TSR_DIS		0x08000000
#define TCR_DIE		0x04000000

static int nr_dec;
static struct ex_regs dec_seen;

/* count, acknowledge (TSR[DIS] is write-1-to-clear) and go back */
static void dec_handler(struct ex_regs *regs)
{
	dec_seen = *regs;
	nr_dec++;
	mtspr(SPRN_TSR, TSR_DIS);
}

/* arm the decrementer, enable MSR[EE] and wait for the interrupt */
static void guest_dec(void)
{
	int spins = 0;

	mtspr(SPRN_TSR, TSR_DIS);
	mtspr(SPRN_DEC, 5000);
	mtspr(SPRN_TCR, TCR_DIE);
	asm volatile("wrteei 1" : : : "memory");
	while (!READ_ONCE(nr_dec) && spins < 10000000)
		spins++;
	asm volatile("wrteei 0" : : : "memory");
	mtspr(SPRN_TCR, 0);
	GUEST_SYNC2(READ_ONCE(nr_dec), spins);
	GUEST_DONE();
}

/* an exception with the stack pointer on an unmapped page */
static void guest_bad_stack(void)
{
	asm volatile("mr 1, %0; sc" : : "b" (UNMAPPED_GVA + 0x800) : "memory");
	GUEST_DONE();
}

static void guest_unhandled(void)
{
	asm volatile("lis 9, 1f@ha; addi 9, 9, 1f@l; stw 9, 0(%0)\n"
		     "1: .long 0" : : "b" (&illegal_pc) : "r9", "memory");
	GUEST_DONE();
}

/* touch more pages than TLB0 holds, twice, and sum what is there */
static void guest_many_pages(u32 base)
{
	u32 sum = 0, *p;
	int pass, i;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < MANY_PAGES; i++) {
			p = (u32 *)(base + i * 4096);
			if (!pass)
				WRITE_ONCE(*p, i * 3 + 1);
			else
				sum += READ_ONCE(*p);
		}
	}
	GUEST_SYNC1(sum);
	GUEST_DONE();
}

static u64 run_once(struct kvm_vcpu *vcpu, struct ucall *uc)
{
	vcpu_run(vcpu);
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, UCALL_EXIT_REASON);
	if (get_ucall(vcpu, uc) == UCALL_ABORT)
		REPORT_GUEST_ASSERT(*uc);
	return uc->cmd;
}

static void check_seen(const struct ex_regs *r, u32 vector, u32 pc)
{
	TEST_ASSERT(r->vector == vector && r->srr0 == pc,
		    "handler saw vector %u at 0x%x, expected %u at 0x%x",
		    r->vector, r->srr0, vector, pc);
	TEST_ASSERT((r->srr1 & (MSR_IS | MSR_DS | MSR_PR | MSR_ME)) ==
		    (MSR_IS | MSR_DS | MSR_ME),
		    "vector %u: SRR1 0x%x is not the guest's MSR", vector, r->srr1);
}

static void test_handled(void)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	struct ucall uc;

	vm = vm_create_with_one_vcpu(&vcpu, guest_handled);
	vm_install_exception_handler(vm, VEC_PROGRAM, skip_insn);
	vm_install_exception_handler(vm, VEC_SYSCALL, syscall_handler);
	vm_install_exception_handler(vm, VEC_DTLB_MISS, skip_insn);
	vm_install_exception_handler(vm, VEC_ITLB_MISS, return_to_lr);
	TEST_ASSERT(run_once(vcpu, &uc) == UCALL_DONE, "ucall %llu", uc.cmd);

	sync_global_from_guest(vm, nr_seen);
	sync_global_from_guest(vm, seen);
	sync_global_from_guest(vm, illegal_pc);
	sync_global_from_guest(vm, sc_pc);
	sync_global_from_guest(vm, load_pc);
	TEST_ASSERT(nr_seen == NR_SEEN, "%d exceptions, expected %d", nr_seen,
		    NR_SEEN);

	check_seen(&seen[0], VEC_PROGRAM, illegal_pc);
	TEST_ASSERT(seen[0].esr & ESR_PIL, "program ESR 0x%x lacks PIL", seen[0].esr);

	check_seen(&seen[1], VEC_SYSCALL, sc_pc);
	TEST_ASSERT(seen[1].gpr[3] == 0x1234, "sc: r3 0x%x", seen[1].gpr[3]);

	check_seen(&seen[2], VEC_DTLB_MISS, load_pc);
	TEST_ASSERT(seen[2].dear == UNMAPPED_GVA, "DTLB miss: DEAR 0x%x",
		    seen[2].dear);
	TEST_ASSERT(seen[2].gpr[9] == load_pc,
		    "DTLB miss: r9 0x%x, expected the label 0x%x", seen[2].gpr[9],
		    load_pc);

	check_seen(&seen[3], VEC_ITLB_MISS, UNMAPPED_CODE);
	kvm_vm_free(vm);
	ksft_test_result_pass("handlers see and change the interrupted state\n");
}

static void test_unhandled(void)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	struct ucall uc;
	int r;

	vm = vm_create_with_one_vcpu(&vcpu, guest_unhandled);
	r = __vcpu_run(vcpu);
	TEST_ASSERT(!r, KVM_IOCTL_ERROR(KVM_RUN, r));
	TEST_ASSERT_KVM_EXIT_REASON(vcpu, UCALL_EXIT_REASON);
	TEST_ASSERT(get_ucall(vcpu, &uc) == UCALL_UNHANDLED,
		    "ucall %llu, expected UCALL_UNHANDLED", uc.cmd);
	sync_global_from_guest(vm, illegal_pc);
	TEST_ASSERT(uc.args[0] == VEC_PROGRAM && uc.args[1] == illegal_pc &&
		    (uc.args[2] & ESR_PIL),
		    "unhandled: vector %llu at 0x%llx ESR 0x%llx",
		    uc.args[0], uc.args[1], uc.args[2]);
	kvm_vm_free(vm);
	ksft_test_result_pass("an exception without a handler is UCALL_UNHANDLED\n");
}

/*
 * A second memory slot above 4 GiB (guest-physical bits 32..35 go through
 * MAS7), mapped at MANY_GVA, more pages than TLB0 holds.
 */
#define MANY_GPA	0x100000000ull
#define MANY_GVA	0x40000000u
#define MANY_SLOT	1

static void test_decrementer(void)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	struct ucall uc;

	vm = vm_create_with_one_vcpu(&vcpu, guest_dec);
	vm_install_exception_handler(vm, VEC_DECREMENTER, dec_handler);
	TEST_ASSERT(run_once(vcpu, &uc) == UCALL_SYNC, "ucall %llu", uc.cmd);
	TEST_ASSERT(uc.args[0] == 1, "%llu decrementer interrupts after %llu spins",
		    uc.args[0], uc.args[1]);
	sync_global_from_guest(vm, dec_seen);
	TEST_ASSERT(dec_seen.vector == VEC_DECREMENTER &&
		    (dec_seen.srr1 & (MSR_EE | MSR_IS | MSR_DS)) ==
		    (MSR_EE | MSR_IS | MSR_DS),
		    "decrementer: vector %u, SRR1 0x%x", dec_seen.vector,
		    dec_seen.srr1);
	TEST_ASSERT(run_once(vcpu, &uc) == UCALL_DONE, "ucall %llu", uc.cmd);
	kvm_vm_free(vm);
	ksft_test_result_pass("a decrementer interrupt reaches its handler and returns\n");
}

/*
 * The host side of a double fault is a test failure, so run it in a
 * child and check how the child failed: the DTLB miss (13) on the stack
 * in ppc_ex_entry while entering the system call (8).
 */
static void test_double_fault(void)
{
	char out[4096] = "";
	struct kvm_vcpu *vcpu;
	int fds[2], status;
	ssize_t len = 0, r;
	pid_t pid;

	TEST_ASSERT(!pipe(fds), "pipe");
	pid = fork();
	TEST_ASSERT(pid >= 0, "fork");
	if (!pid) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		vm_create_with_one_vcpu(&vcpu, guest_bad_stack);
		vcpu_run(vcpu);
		_exit(0);
	}
	close(fds[1]);
	while (len < (ssize_t)sizeof(out) - 1 &&
	       (r = read(fds[0], out + len, sizeof(out) - 1 - len)) > 0)
		len += r;
	out[len] = 0;
	close(fds[0]);
	TEST_ASSERT(waitpid(pid, &status, 0) == pid, "waitpid");
	TEST_ASSERT(WIFEXITED(status) && WEXITSTATUS(status),
		    "the double fault did not fail the run (status 0x%x)", status);
	TEST_ASSERT(strstr(out, "Double fault: 13 at ") && strstr(out, " in 8: "),
		    "no double fault report in: %s", out);
	ksft_test_result_pass("an exception in the exception path is a double fault\n");
}

static void test_many_pages(void)
{
	u64 sum = 0, i;
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	struct ucall uc;
	u32 *host;

	vm = vm_create_with_one_vcpu(&vcpu, guest_many_pages);
	vm_userspace_mem_region_add(vm, VM_MEM_SRC_ANONYMOUS, MANY_GPA, MANY_SLOT,
				    MANY_PAGES, 0);
	virt_map(vm, MANY_GVA, MANY_GPA, MANY_PAGES);
	vcpu_args_set(vcpu, 1, (unsigned long)MANY_GVA);
	TEST_ASSERT(run_once(vcpu, &uc) == UCALL_SYNC, "ucall %llu", uc.cmd);
	for (i = 0; i < MANY_PAGES; i++)
		sum += i * 3 + 1;
	TEST_ASSERT(uc.args[0] == sum, "guest sum %llu, expected %llu",
		    uc.args[0], sum);
	for (i = 0; i < MANY_PAGES; i++) {
		host = addr_gpa2hva(vm, MANY_GPA + i * vm->page_size);
		TEST_ASSERT(*host == i * 3 + 1, "page %llu: 0x%x", i, *host);
	}
	TEST_ASSERT(run_once(vcpu, &uc) == UCALL_DONE, "ucall %llu", uc.cmd);
	kvm_vm_free(vm);
	ksft_test_result_pass("%d pages above 4 GiB through the TLB miss handler\n",
			      MANY_PAGES);
}

int main(void)
{
	ksft_print_header();
	ksft_set_plan(5);
	test_handled();
	test_unhandled();
	test_decrementer();
	test_double_fault();
	test_many_pages();
	ksft_finished();
}
