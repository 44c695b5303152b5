// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux guest userspace benchmark: forkloop N PROGRAM.  N rounds of
 * pipe + fork + exec of PROGRAM (tests/bench/tiny.c: echoes one byte
 * plus one) + a one-byte round trip through the pipes + waitpid.  Every
 * round checks the byte that comes back and the child's exit status.
 *
 * Output, each line in one write(): the markers to /dev/kmsg at level 3
 * when it can be opened (the console driver sends them at once; the VMM
 * times "GUEST: " lines as they reach its console, tools/vmm/stamp.c),
 * else to standard output; the result to standard output:
 *   GUEST: loop start
 *   GUEST: loop end
 *   GUEST: forkloop rounds N errors E ns T
 * T is CLOCK_MONOTONIC across the loop as this system sees it: on the
 * bare emulated host under -icount shift=0 that is host instructions;
 * in a guest it is guest time (the time base), not host instructions.
 * Exit status 0 only when all N rounds were correct.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void line(int fd, const char *s)
{
	size_t n = strlen(s);

	if (write(fd, s, n) != (ssize_t)n)
		exit(2);
}

/* a marker line: to the kernel log at level 3, or to standard output */
static void mark(int kmsg, const char *s)
{
	char buf[64];

	if (kmsg < 0) {
		line(1, s);
		return;
	}
	snprintf(buf, sizeof(buf), "<3>%s", s);
	line(kmsg, buf);
}

static unsigned long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000ull + t.tv_nsec;
}

/* one round: 0 when PROGRAM answered b + 1 and exited 0 */
static int round_trip(const char *prog, unsigned char b)
{
	int to[2], from[2], status;
	unsigned char r = 0;
	pid_t pid;
	int bad = 0;

	if (pipe(to) || pipe(from))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		static char *const envp[] = { NULL };
		char *const argv[] = { (char *)prog, NULL };

		if (dup2(to[0], 0) < 0 || dup2(from[1], 1) < 0)
			_exit(126);
		close(to[0]);
		close(to[1]);
		close(from[0]);
		close(from[1]);
		execve(prog, argv, envp);
		_exit(127);
	}
	close(to[0]);
	close(from[1]);
	if (write(to[1], &b, 1) != 1 || read(from[0], &r, 1) != 1 ||
	    r != (unsigned char)(b + 1))
		bad = 1;
	close(to[1]);
	close(from[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		bad = 1;
	return bad;
}

int main(int argc, char **argv)
{
	unsigned long long t0, t1;
	unsigned long n, i, errors = 0;
	char buf[128];
	int kmsg;

	n = argc == 3 ? strtoul(argv[1], NULL, 0) : 0;
	if (!n) {
		fprintf(stderr, "usage: forkloop N PROGRAM\n");
		return 2;
	}
	if (access(argv[2], X_OK)) {
		fprintf(stderr, "forkloop: %s: %s\n", argv[2], strerror(errno));
		return 2;
	}
	kmsg = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	mark(kmsg, "GUEST: loop start\n");
	t0 = now_ns();
	for (i = 0; i < n; i++)
		errors += round_trip(argv[2], (unsigned char)i) != 0;
	t1 = now_ns();
	mark(kmsg, "GUEST: loop end\n");
	snprintf(buf, sizeof(buf), "GUEST: forkloop rounds %lu errors %lu ns %llu\n",
		 n, errors, t1 - t0);
	line(1, buf);
	return errors ? 1 : 0;
}
