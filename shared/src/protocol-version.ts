/** Bumped whenever a schema in this package changes incompatibly; clients send it on connect. */
export const PROTOCOL_VERSION = 1;
