package io.lifeboat.providers.sim.aws;

import java.util.Locale;

/** What the real cloud accepts as a rule's protocol and ports. */
final class SecurityGroupRules {
    private SecurityGroupRules() {
    }

    /** The protocol as the cloud keeps it ({@code -1} for all, names in lower case); null when invalid. */
    static String protocol(String p) {
        if (p == null) return null;
        String v = p.trim().toLowerCase(Locale.ROOT);
        if (v.equals("-1") || v.equals("all")) return "-1";
        if (v.matches("tcp|udp|icmp|icmpv6")) return v;
        if (v.matches("\\d{1,3}") && Integer.parseInt(v) <= 255) return v;
        return null;
    }

    /** Why the ports are wrong for the protocol, or null when they are right. */
    static String portProblem(String protocol, Double from, Double to) {
        if (from == null || to == null) return "fromPort and toPort are required";
        if (protocol.equals("tcp") || protocol.equals("udp")) {
            if (from < 0 || to > 65535 || from > to) return "ports must satisfy 0 <= fromPort <= toPort <= 65535 (got " + from.intValue() + ".." + to.intValue() + ")";
        } else if (protocol.equals("-1")) {
            return null; // ports mean nothing for all protocols
        } else if (from < -1 || to > 255) {
            return "ICMP type and code must be within -1..255";
        }
        return null;
    }
}
