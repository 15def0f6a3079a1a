/**
 * Reads only the fixed headers of the MQTT packets going by (type byte, then the remaining length as a
 * variable byte integer of at most 4 bytes, MQTT 3.1.1 §2.2.3) and says when a packet declares more than
 * `maxBytes`. aedes has no such limit: its parser buffers a packet until it is complete, so a 100 MB CONNECT
 * from anyone who can reach the port would be held in memory before anything was authenticated.
 */
export function createPacketSizeGuard(maxBytes: number): (chunk: Buffer) => 'ok' | 'too-large' | 'malformed' {
  let skip = 0; // bytes of the current packet's body still to come
  let inHeader = false; // the type byte was seen, the length is being read
  let length = 0;
  let multiplier = 1;
  return (chunk) => {
    let i = 0;
    while (i < chunk.length) {
      if (skip > 0) {
        const n = Math.min(skip, chunk.length - i);
        skip -= n;
        i += n;
        continue;
      }
      const byte = chunk[i++]!;
      if (!inHeader) {
        inHeader = true;
        length = 0;
        multiplier = 1;
        continue;
      }
      length += (byte & 0x7f) * multiplier;
      if (length > maxBytes) return 'too-large';
      if (byte & 0x80) {
        multiplier *= 128;
        if (multiplier > 128 ** 3) return 'malformed';
        continue;
      }
      inHeader = false;
      skip = length;
    }
    return 'ok';
  };
}
