package net.icqtransport.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority made at test time (EC P-256, valid for a day), and the server
 * certificates it issues. Nothing here is committed: every test run makes new keys, so no private key that
 * looks real ever lands in the repository.
 */
public final class TestCertificateAuthority {
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  private final KeyPair keys;
  private final X509Certificate certificate;

  private TestCertificateAuthority(KeyPair keys, X509Certificate certificate) {
    this.keys = keys;
    this.certificate = certificate;
  }

  /** A new self-signed CA named {@code CN=name}. */
  public static TestCertificateAuthority create(String name) {
    try {
      KeyPair keys = newKeys();
      X500Name subject = new X500Name("CN=" + name);
      X509v3CertificateBuilder builder = builder(subject, subject, keys);
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
      return new TestCertificateAuthority(keys, sign(builder, keys.getPrivate()));
    } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException("cannot make a test CA", e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** Writes this CA's certificate as PEM (what {@code ca-file} points to). */
  public Path writeCertificate(Path file) {
    return write(file, pem("CERTIFICATE", encoded(certificate)));
  }

  /**
   * A server certificate for {@code names}: IP literals become {@code iPAddress} entries, everything else
   * {@code dNSName} entries of the subjectAltName (RFC 6125 §6.4: the CN is not looked at).
   */
  public ServerCertificate issue(String... names) {
    try {
      KeyPair serverKeys = newKeys();
      List<GeneralName> alternatives = new ArrayList<>();
      for (String name : names) {
        alternatives.add(isIpLiteral(name)
            ? new GeneralName(GeneralName.iPAddress, name)
            : new GeneralName(GeneralName.dNSName, name));
      }
      X509v3CertificateBuilder builder = builder(
          new X500Name(certificate.getSubjectX500Principal().getName()), new X500Name("CN=" + names[0]), serverKeys);
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(alternatives.toArray(GeneralName[]::new)));
      builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate));
      return new ServerCertificate(serverKeys.getPrivate(), sign(builder, keys.getPrivate()), certificate);
    } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException("cannot issue a test certificate", e);
    }
  }

  /** A server's key and certificate chain (leaf, then the CA). */
  public record ServerCertificate(PrivateKey key, X509Certificate certificate, X509Certificate issuer) {

    /** A key manager for Java servers (JSSE, or Netty's {@code SslContextBuilder.forServer}). */
    public KeyManagerFactory keyManagerFactory() {
      try {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "test".toCharArray();
        store.setKeyEntry("server", key, password, new X509Certificate[] {certificate, issuer});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory;
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Writes the certificate chain and then the PKCS #8 key into one PEM file (ejabberd's {@code certfile}). */
    public Path writeCombinedPem(Path file) {
      return write(file, pem("CERTIFICATE", encoded(certificate)) + pem("CERTIFICATE", encoded(issuer))
          + pem("PRIVATE KEY", key.getEncoded()));
    }
  }

  private static KeyPair newKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair subjectKeys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
        subjectKeys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
      throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
    ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  private static boolean isIpLiteral(String name) {
    return name.matches("[0-9.]+") || name.contains(":");
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static Path write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.US_ASCII);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
