/** Exit codes shared by every command: 0 ready, 1 not ready (a `fail` or a mandatory violation), 2 could not check. */
export const EXIT_READY = 0;
export const EXIT_NOT_READY = 1;
export const EXIT_COULD_NOT_CHECK = 2;
/** The gate only: no check failed, but some category has no observed evidence (and is not waived). */
export const EXIT_INCOMPLETE = 3;
