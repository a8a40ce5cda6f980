// Which addresses a source feed may be fetched from (SSRF): an agent types a URL, the server fetches
// it, so a URL naming the cloud's metadata service (169.254.169.254), the machine itself or the
// private network must be refused, at creation and at every hop of every fetch. Names are resolved
// here and the connection goes to the very address that was checked (no DNS rebinding in between).
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Says whether a resolved address (and port) may be connected to. */
export type AddressPolicy = (address: string, port: number) => boolean;

/**
 * Production: public unicast addresses only. ipaddr.js names every other range (private, loopback,
 * linkLocal, uniqueLocal, carrierGradeNat, multicast, reserved, 6to4/teredo/rfc6052 wrappers…);
 * an IPv4-mapped IPv6 address is judged as the IPv4 address it carries.
 */
export const publicAddressesOnly: AddressPolicy = (address) =>
  ipaddr.isValid(address) && ipaddr.process(address).range() === 'unicast';

/** Any address: the local runtime with FEED_IMPORT_ALLOW_PRIVATE (a platform on the developer's machine). */
export const anyAddress: AddressPolicy = () => true;

export type Resolve = (hostname: string) => Promise<{ address: string; family: number }[]>;
const systemResolve: Resolve = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');
const portOf = (url: URL) => Number(url.port) || (url.protocol === 'https:' ? 443 : 80);

/** The refusal of a URL in plain French (scheme, address), or undefined; names are resolved to judge them. */
export async function addressRefusal(
  url: URL,
  policy: AddressPolicy,
  resolve: Resolve = systemResolve,
): Promise<string | undefined> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `seules les adresses http et https sont acceptées (pas « ${url.protocol.replace(/:$/, '')} »)`;
  const host = hostOf(url);
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : (await resolve(host)).map((a) => a.address);
  } catch {
    return `le nom « ${host} » est introuvable (DNS)`;
  }
  if (addresses.length === 0) return `le nom « ${host} » est introuvable (DNS)`;
  const refused = addresses.find((a) => !policy(a, portOf(url)));
  return refused === undefined ? undefined : refusedAddress(host, refused);
}

const refusedAddress = (host: string, address: string) =>
  host === address
    ? `l’adresse ${address} est privée ou réservée : seules les adresses publiques sont acceptées`
    : `« ${host} » désigne une adresse privée ou réservée (${address}) : seules les adresses publiques sont acceptées`;

/** An error whose message is the plain reason a fetch was refused. */
export class AddressRefused extends Error {
  override name = 'AddressRefused';
}

/**
 * A `lookup` for http(s).request: resolves the name, refuses the whole name if any of its
 * addresses breaks the policy, and hands Node the addresses it checked, which it then connects to.
 */
export function checkedLookup(policy: AddressPolicy, port: number, resolve: Resolve = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (found) => {
        const refused = found.find((a) => !policy(a.address, port));
        if (refused) return callback(new AddressRefused(refusedAddress(hostname, refused.address)), '', 4);
        if (found.length === 0)
          return callback(new AddressRefused(`le nom « ${hostname} » est introuvable (DNS)`), '', 4);
        if (options.all) return (callback as (e: null, a: typeof found) => void)(null, found);
        callback(null, found[0]!.address, found[0]!.family);
      },
      () => callback(new AddressRefused(`le nom « ${hostname} » est introuvable (DNS)`), '', 4),
    );
  };
}

export { hostOf, portOf };
