/* Runs this lwipsim program again as a child (lwipsim fix runs reports,
 * report --explore runs explore), so each command keeps its own state. */
#ifndef LWIPSIM_RUN_SELF_H
#define LWIPSIM_RUN_SELF_H

/* argv[0] is a display name; the program is /proc/self/exe. log: where the
 * child's stdout and stderr go (NULL: ours). Returns its exit status (128 +
 * signal when killed), or -1 with a line on stderr when it cannot start. */
int lwipsim_run_self(char *const argv[], const char *log);

#endif
