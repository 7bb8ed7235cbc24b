package dev.moddesk.server.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds an in-memory {@link KeyStore} from the PEM files operators have (what certbot or an internal CA hands out):
 * a certificate chain, leaf first, and its private key as PKCS#8 ({@code PRIVATE KEY}), PKCS#1
 * ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}). The two older forms are wrapped into PKCS#8, the one
 * form the JDK reads, so no extra library is needed. Encrypted keys are refused with a message that says so.
 */
public final class PemKeyStore {
    /** The alias and (in-memory only) password of the one key entry. */
    public static final String ALIAS = "moddesk";
    public static final char[] PASSWORD = "moddesk-in-memory".toCharArray();

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+?)-----END \\1-----");
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0D, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02,
        0x01};

    private PemKeyStore() {
    }

    /** Reads both files; an {@link IllegalArgumentException} says which file is wrong and why. */
    public static KeyStore load(Path certificateChain, Path privateKey) {
        List<Certificate> chain = certificates(certificateChain);
        PrivateKey key = privateKey(privateKey);
        if (!signsFor(key, chain.getFirst())) {
            throw new IllegalArgumentException("the key in " + privateKey + " does not fit the first certificate in "
                    + certificateChain + " (the chain must start with this server's own certificate)");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, PASSWORD, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("the key in " + privateKey + " does not fit the certificate in "
                    + certificateChain + ": " + e.getMessage(), e);
        }
    }

    /** Whether a signature by {@code key} verifies with the certificate's public key (a KeyStore does not check). */
    private static boolean signsFor(PrivateKey key, Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] probe = "moddesk key check".getBytes(StandardCharsets.US_ASCII);
            java.security.Signature signer = java.security.Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The certificates in a PEM file, in file order (a chain starts with the server's own). */
    public static List<Certificate> certificates(Path file) {
        try {
            List<Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(read(file))));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no certificate");
            }
            return chain;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not a PEM certificate chain: " + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(Path file) {
        Matcher block = BLOCK.matcher(new String(read(file), StandardCharsets.US_ASCII));
        while (block.find()) {
            String type = block.group(1);
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            switch (type) {
                case "PRIVATE KEY" -> {
                    return pkcs8(file, der, "RSA", "EC", "Ed25519", "Ed448");
                }
                case "RSA PRIVATE KEY" -> {
                    return pkcs8(file, sequence(concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM,
                            tagged(0x04, der))), "RSA");
                }
                case "EC PRIVATE KEY" -> {
                    byte[] algorithm = sequence(concat(EC_PUBLIC_KEY_OID, curveOf(file, der)));
                    return pkcs8(file, sequence(concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tagged(0x04, der))),
                            "EC");
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(file
                        + " holds an encrypted private key; decrypt it first (openssl pkey -in key.pem -out plain.pem)");
                default -> {
                    // e.g. EC PARAMETERS before the key: skip it
                }
            }
        }
        throw new IllegalArgumentException(file + " holds no PEM private key (PRIVATE KEY, RSA PRIVATE KEY or EC "
                + "PRIVATE KEY)");
    }

    private static PrivateKey pkcs8(Path file, byte[] der, String... algorithms) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : algorithms) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next
            }
        }
        throw new IllegalArgumentException(file + " holds a private key of a kind this server cannot read");
    }

    /**
     * The named-curve OID of a SEC1 key: ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING,
     * [0] parameters OPTIONAL, [1] publicKey OPTIONAL }; OpenSSL always writes [0].
     */
    private static byte[] curveOf(Path file, byte[] sec1) {
        int[] outer = header(sec1, 0);
        int at = outer[0];
        int end = outer[0] + outer[1];
        while (at < end) {
            int[] item = header(sec1, at);
            if ((sec1[at] & 0xFF) == 0xA0) {
                int[] oid = header(sec1, item[0]);
                return java.util.Arrays.copyOfRange(sec1, item[0], oid[0] + oid[1]);
            }
            at = item[0] + item[1];
        }
        throw new IllegalArgumentException(file + " is an EC key without its curve; write it as PKCS#8 "
                + "(openssl pkcs8 -topk8 -nocrypt)");
    }

    /** {content offset, content length} of the DER element at {@code at}. */
    private static int[] header(byte[] der, int at) {
        int length = der[at + 1] & 0xFF;
        int offset = at + 2;
        if (length > 0x80) {
            int bytes = length - 0x80;
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = (length << 8) | (der[offset++] & 0xFF);
            }
        }
        return new int[] {offset, length};
    }

    private static byte[] sequence(byte[] content) {
        return tagged(0x30, content);
    }

    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
            out.write(0x80 + bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e, e);
        }
    }
}
