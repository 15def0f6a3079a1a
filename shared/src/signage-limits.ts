/**
 * The most bytes of JSON a screen puts in one `proof-of-play` batch: the hub caps a socket message at 64 KB and
 * closes the connection of a client that sends more, and 500 records with long ids can pass that. (A module of
 * its own, free of schemas, so the wall's bundle can import it.)
 */
export const PLAY_REPORT_MAX_BYTES = 48 * 1024;
