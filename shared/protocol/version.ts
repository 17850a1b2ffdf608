/** Bump when a change to the wire contract is not backward compatible. */
export const PROTOCOL_VERSION = 1;

/** The most mutations one push may carry. */
export const MAX_PUSH_BATCH = 500;

/** The most documents one pull page returns. */
export const MAX_PULL_PAGE = 1000;
