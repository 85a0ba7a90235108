package dev.orderflow.local.infra;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The TLS material of the embedded Kafka broker, kept in a folder of its own (owner-only, never committed, made on
 * first use as the development signing key is): a certificate authority of this data folder ({@code ca.pem}, its key
 * in {@code ca-key.pem}) and, per identity, a PEM file with its private key and its certificate chain
 * ({@code <identity>.pem}, subject {@code CN=<identity>}). The broker trusts this CA only and requires a client
 * certificate (mutual TLS), so a client's identity is the name in its certificate ({@link #PRINCIPAL_RULES}).
 *
 * <p>A certificate is made again when it is missing, expires within {@link #RENEW_BEFORE}, or was not signed by this
 * CA; the CA itself is kept. Keys are EC P-256. The broker's certificate names 127.0.0.1 and localhost, so clients
 * verify the host as any TLS client does.
 */
public final class KafkaTls {

    /** The broker's own identity (and the controller's): a super user. */
    public static final String BROKER = "broker";
    /** Whoever creates topics and sets ACLs: a super user too. */
    public static final String ADMIN = "admin";
    /**
     * The broker's principal is the certificate's common name: {@code CN=order} is {@code User:order}. Only this CA's
     * certificates get that far (the broker trusts no other).
     */
    public static final String PRINCIPAL_RULES = "RULE:^CN=([a-z0-9-]+)$/$1/,DEFAULT";

    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final Duration VALIDITY = Duration.ofDays(825);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final PrivateKey caKey;
    private final X509Certificate ca;

    private KafkaTls(Path dir, PrivateKey caKey, X509Certificate ca) {
        this.dir = dir;
        this.caKey = caKey;
        this.ca = ca;
    }

    /**
     * The material in {@code dir}, made or renewed as needed for the broker and each of {@code identities}.
     *
     * @param identities the clients' names (lower case letters, digits, dashes), e.g. {@code order}
     */
    public static KafkaTls prepare(Path dir, Collection<String> identities) {
        try {
            Files.createDirectories(dir);
            OwnerOnly.folder(dir);
            Path caFile = dir.resolve("ca.pem");
            Path caKeyFile = dir.resolve("ca-key.pem");
            if (!Files.exists(caFile) || !Files.exists(caKeyFile)) {
                // half a CA is none: both made again (every identity is then re-issued, as not signed by it)
                Files.deleteIfExists(caFile);
                Files.deleteIfExists(caKeyFile);
                KeyPair pair = keyPair();
                X509Certificate certificate = selfSigned(pair);
                write(caKeyFile, pem(privateKey(pair.getPrivate())));
                write(caFile, pem(certificate));
            }
            var tls = new KafkaTls(dir, readKey(caKeyFile), readCertificate(caFile));
            tls.ensureIdentity(BROKER);
            tls.ensureIdentity(ADMIN);
            identities.forEach(tls::ensureIdentity);
            return tls;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka's TLS material in " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make Kafka's TLS material in " + dir, e);
        }
    }

    /** What the broker's listeners need: its certificate, this CA as the only one trusted, client certificates required. */
    public Map<String, String> brokerSettings() {
        Map<String, String> settings = new LinkedHashMap<>(keyAndTrust(BROKER));
        settings.put("ssl.client.auth", "required");
        settings.put("ssl.principal.mapping.rules", PRINCIPAL_RULES);
        return settings;
    }

    /** A client's settings as {@code identity}: TLS, its certificate, this CA. */
    public Map<String, String> clientSettings(String identity) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("security.protocol", "SSL");
        settings.putAll(keyAndTrust(identity));
        return settings;
    }

    /**
     * Writes {@code <identity>.properties} into {@code clientsDir} for each identity: its {@link #clientSettings}, as
     * Kafka's console tools take them ({@code --command-config}, {@code --consumer.config}). Written on every start, so
     * the paths in them follow the data folder.
     */
    public void writeClientFiles(Path clientsDir, Collection<String> identities) {
        try {
            Files.createDirectories(clientsDir);
            OwnerOnly.folder(clientsDir);
            for (String identity : identities) {
                StringBuilder text = new StringBuilder("# Kafka client settings of the identity '" + identity
                        + "' on orderflow's local broker (mutual TLS; made by the runner on every start)\n");
                clientSettings(identity)
                        .forEach((key, value) ->
                                text.append(key).append('=').append(value).append('\n'));
                Path file = clientsDir.resolve(identity + ".properties");
                Path draft = Files.createTempFile(clientsDir, identity, ".tmp");
                OwnerOnly.file(draft);
                Files.writeString(draft, text, StandardCharsets.UTF_8);
                Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Kafka client settings into " + clientsDir, e);
        }
    }

    public Path caCertificate() {
        return dir.resolve("ca.pem");
    }

    private Map<String, String> keyAndTrust(String identity) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ssl.keystore.type", "PEM");
        settings.put(
                "ssl.keystore.location", identityFile(identity).toAbsolutePath().toString());
        settings.put("ssl.truststore.type", "PEM");
        settings.put("ssl.truststore.location", caCertificate().toAbsolutePath().toString());
        return settings;
    }

    private Path identityFile(String identity) {
        if (!identity.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException(
                    "a Kafka identity is lower case letters, digits and dashes, not " + identity);
        }
        return dir.resolve(identity + ".pem");
    }

    private void ensureIdentity(String identity) {
        Path file = identityFile(identity);
        try {
            if (Files.exists(file) && current(readCertificate(file))) {
                return;
            }
            KeyPair pair = keyPair();
            X509Certificate certificate = issue(identity, pair);
            Files.deleteIfExists(file);
            write(file, pem(privateKey(pair.getPrivate())) + pem(certificate) + pem(ca));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the certificate of " + identity, e);
        }
    }

    private boolean current(X509Certificate certificate) {
        try {
            certificate.verify(ca.getPublicKey());
        } catch (GeneralSecurityException notOurs) {
            return false;
        }
        return certificate.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE));
    }

    private X509Certificate issue(String identity, KeyPair pair)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        var utils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                        ca,
                        serial(),
                        Date.from(now.minus(Duration.ofMinutes(5))),
                        Date.from(now.plus(VALIDITY)),
                        new X500Name("CN=" + identity),
                        pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                    KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                }))
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
        if (identity.equals(BROKER)) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")
            }));
        }
        return sign(builder);
    }

    private static X509Certificate selfSigned(KeyPair pair)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        var name = new X500Name("CN=orderflow local Kafka CA");
        var builder = new JcaX509v3CertificateBuilder(
                        name,
                        serial(),
                        Date.from(now.minus(Duration.ofMinutes(5))),
                        Date.from(now.plus(CA_VALIDITY)),
                        name,
                        pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(
                        Extension.subjectKeyIdentifier,
                        false,
                        new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
        X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder(SIGNATURE).build(pair.getPrivate()));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private X509Certificate sign(X509v3CertificateBuilder builder)
            throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(caKey)));
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).abs().add(BigInteger.ONE);
    }

    /** Unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), as Kafka's PEM key stores read it without a key password. */
    private static Object privateKey(PrivateKey key) throws IOException {
        return new JcaPKCS8Generator(key, null).generate();
    }

    private static String pem(Object object) throws IOException {
        var out = new StringWriter();
        try (var writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static PrivateKey readKey(Path file) throws IOException {
        try (var parser = new PEMParser(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
            Object read = parser.readObject();
            var converter = new JcaPEMKeyConverter();
            if (read instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (read instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new IOException(file + " holds no private key; delete the folder " + file.getParent()
                    + " to make new TLS material");
        }
    }

    /** The first certificate in a PEM file (an identity's own, before its chain). */
    private static X509Certificate readCertificate(Path file) throws IOException {
        try (var parser = new PEMParser(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
            for (Object read = parser.readObject(); read != null; read = parser.readObject()) {
                if (read instanceof X509CertificateHolder holder) {
                    return new JcaX509CertificateConverter().getCertificate(holder);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " holds an unreadable certificate", e);
        }
        throw new IOException(
                file + " holds no certificate; delete the folder " + file.getParent() + " to make new TLS material");
    }

    /** Written owner-only before any content is, and never over an existing file. */
    private static void write(Path file, String content) throws IOException {
        Path draft = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            OwnerOnly.file(draft);
            Files.writeString(draft, content, StandardCharsets.US_ASCII);
            Files.createLink(file, draft);
        } catch (FileAlreadyExistsException raced) {
            // made by another process meanwhile: theirs is kept
        } finally {
            Files.deleteIfExists(draft);
        }
    }
}
