import ipaddr from 'ipaddr.js';

/** Whether an address (as Node reports it, IPv4-mapped IPv6 included) lies in one of the ranges. */
export function createAddressMatcher(ranges: readonly string[]): (address: string | undefined | null) => boolean {
  const parsed = ranges.map((r) => ipaddr.parseCIDR(r));
  return (address) => {
    if (!address) return false;
    let ip: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      ip = ipaddr.process(address);
    } catch {
      return false;
    }
    return parsed.some(([range, bits]) => ip.kind() === range.kind() && ip.match([range, bits] as [typeof ip, number]));
  };
}
