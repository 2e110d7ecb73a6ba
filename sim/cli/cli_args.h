/* Option parsing shared by the commands that run runners (sweep, report). */
#ifndef LWIPSIM_CLI_ARGS_H
#define LWIPSIM_CLI_ARGS_H

/* "--name VALUE" or "--name=VALUE" at argv[*i]: returns the value (moving
 * *i past it), or NULL when argv[*i] is another option. A missing value is an
 * error: message and *bad = 1. */
const char *lwipsim_arg_value(int argc, char **argv, int *i, const char *name, const char *cmd, int *bad);

/* Parses "LO:HI" with 0 <= LO <= HI <= max; 0 or -1. */
int lwipsim_parse_range(const char *s, long max, long *lo, long *hi);

/* Parses a positive job count; 0 or -1. */
int lwipsim_parse_jobs(const char *s, int *jobs);

/* Checks --max-wall's SECONDS as the runner does (more than 0, at most the
 * longest scenario, at most 3 decimals); 0 or -1. */
int lwipsim_check_max_wall(const char *s);

#endif
