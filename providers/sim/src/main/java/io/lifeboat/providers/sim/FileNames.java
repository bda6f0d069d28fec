package io.lifeboat.providers.sim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Object ids as file names: ids are ARNs, names with {@code /} or {@code cluster:nodegroup}, so
 * every byte outside {@code [A-Za-z0-9._-]} is written as {@code %XX}. Types become a directory
 * name from their module ({@code aws:ec2/vpc:Vpc} is {@code aws.ec2.vpc}), because two types may
 * use the same id (an RDS subnet group and an instance both named after the stack).
 */
final class FileNames {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FileNames() {
    }

    static String encode(String id) {
        StringBuilder b = new StringBuilder();
        for (byte by : id.getBytes(StandardCharsets.UTF_8)) {
            int c = by & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || (c == '.' && b.length() > 0)) {
                b.append((char) c);
            } else {
                b.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return b.toString();
    }

    static String decode(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%' && i + 2 < name.length()) {
                out.write(Integer.parseInt(name.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * {@code aws:ec2/vpc:Vpc} → {@code aws.ec2.vpc}; where the module does not name the type
     * ({@code kubernetes:core/v1:Secret}, beside {@code kubernetes:core/v1:ConfigMap}) the type's
     * name follows: {@code kubernetes.core.v1.Secret}.
     */
    static String typeDirectory(String token) {
        String[] parts = token.split(":");
        if (parts.length != 3) return encode(token);
        String module = parts[1].replace('/', '.');
        boolean named = module.substring(module.lastIndexOf('.') + 1).equalsIgnoreCase(parts[2]);
        return encode(parts[0] + "." + module + (named ? "" : "." + parts[2]));
    }
}
