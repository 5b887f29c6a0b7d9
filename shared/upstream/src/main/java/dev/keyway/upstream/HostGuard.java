package dev.keyway.upstream;

import dev.keyway.core.KeywayException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Refuses upstream hosts that resolve to anything but the public internet: loopback, private
 * (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 with the instance metadata
 * address, fe80::/10), CGNAT (100.64/10), multicast, unspecified, reserved ranges, and the IPv6
 * forms that embed one of these (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16).
 * A host is refused when <em>any</em> of its addresses is, whichever one a connection would pick.
 *
 * <p>Only local-mode custom connectors skip this ({@code allowPrivateNetwork}): their upstream is
 * a test server on 127.0.0.1 by design.
 */
public final class HostGuard {

    private HostGuard() {
    }

    /**
     * Every address {@code host} resolves to, all of them checked.
     *
     * @throws KeywayException 400 {@code upstream_address_refused}; 502 {@code upstream_unreachable} when it does not resolve
     */
    public static List<InetAddress> check(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new KeywayException(502, "upstream_unreachable", "the provider's host name does not resolve");
        }
        for (InetAddress address : addresses) {
            if (refused(address)) {
                throw new KeywayException(400, "upstream_address_refused", "the provider's host resolves to a"
                        + " loopback, private, link-local or otherwise non-public address, which Keyway does not call");
            }
        }
        return List.of(addresses);
    }

    /** True for every address that is not plainly on the public internet. */
    public static boolean refused(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return refusedV4(b);
        }
        if (address instanceof Inet6Address) {
            return refusedV6(b);
        }
        return true;
    }

    private static boolean refusedV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return a0 == 0                                   // 0.0.0.0/8 "this network"
                || a0 == 10                              // private
                || a0 == 127                             // loopback
                || (a0 == 100 && (a1 & 0xc0) == 64)      // 100.64.0.0/10 CGNAT
                || (a0 == 169 && a1 == 254)              // link-local, 169.254.169.254 metadata
                || (a0 == 172 && (a1 & 0xf0) == 16)      // 172.16.0.0/12
                || (a0 == 192 && a1 == 168)              // 192.168.0.0/16
                || (a0 == 192 && a1 == 0 && a2 == 0)     // 192.0.0.0/24 IETF protocol assignments
                || (a0 == 192 && a1 == 0 && a2 == 2)     // TEST-NET-1
                || (a0 == 198 && (a1 & 0xfe) == 18)      // 198.18.0.0/15 benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100)  // TEST-NET-2
                || (a0 == 203 && a1 == 0 && a2 == 113)   // TEST-NET-3
                || a0 >= 224;                            // multicast, 240/4 reserved, broadcast
    }

    private static boolean refusedV6(byte[] b) {
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc) {                    // fc00::/7 unique local (incl. fd00:ec2::254)
            return true;
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0x80) {    // fe80::/10 link-local
            return true;
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {    // fec0::/10 old site-local
            return true;
        }
        if (first == 0xff) {                             // multicast
            return true;
        }
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return refusedV4(tail(b, 12));               // ::ffff:a.b.c.d IPv4-mapped
        }
        if (allZero(b, 0, 12)) {
            return true;                                 // ::, ::1 and ::a.b.c.d IPv4-compatible (deprecated)
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12)) {
            return refusedV4(tail(b, 12));               // 64:ff9b::/96 NAT64
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return refusedV4(new byte[] {b[2], b[3], b[4], b[5]}); // 2002::/16 6to4
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return true;                                 // 2001:db8::/32 documentation
        }
        return false;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] tail(byte[] b, int from) {
        return java.util.Arrays.copyOfRange(b, from, b.length);
    }
}
