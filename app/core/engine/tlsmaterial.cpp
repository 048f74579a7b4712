#include "core/engine/tlsmaterial.h"

#include "core/io/boundedread.h"

#include <QBuffer>
#include <QCryptographicHash>

namespace Rwb {

namespace {

// A certificate or key file is small; this is far beyond any.
constexpr qint64 kMaxTlsFileBytes = 1024 * 1024;

bool isPem(const QByteArray &bytes)
{
    return bytes.contains("-----BEGIN ");
}

// The private key in `bytes`, of whichever algorithm it is (QSslKey asks for one).
QSslKey readKey(const QByteArray &bytes, const QByteArray &password)
{
    const QSsl::EncodingFormat format = isPem(bytes) ? QSsl::Pem : QSsl::Der;
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa, QSsl::Dh}) {
        QSslKey key(bytes, algorithm, format, QSsl::PrivateKey, password);
        if (!key.isNull())
            return key;
    }
    return {};
}

bool isEncryptedPemKey(const QByteArray &bytes)
{
    return bytes.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
           || bytes.contains("Proc-Type: 4,ENCRYPTED");
}

std::optional<QByteArray> readTlsFile(const QString &path, const QString &what, QString *error)
{
    BoundedRead read = readBounded(path, kMaxTlsFileBytes, what);
    if (!read.bytes)
        *error = read.error;
    return read.bytes;
}

bool loadCaCertificates(const QString &path, TlsMaterial *out, QString *error)
{
    const QString what = QStringLiteral("the CA certificates");
    const std::optional<QByteArray> bytes = readTlsFile(path, what, error);
    if (!bytes)
        return false;
    out->caCertificates = QSslCertificate::fromData(*bytes, isPem(*bytes) ? QSsl::Pem : QSsl::Der);
    if (out->caCertificates.isEmpty()) {
        *error = QStringLiteral("%1: no certificate in it (PEM or DER)").arg(path);
        return false;
    }
    return true;
}

bool loadClientCertificate(const TlsFiles &files, TlsMaterial *out, QString *error)
{
    const QString &path = files.clientCertificate;
    const std::optional<QByteArray> bytes = readTlsFile(path, QStringLiteral("a client certificate"), error);
    if (!bytes)
        return false;
    const QString type = files.certificateType.toUpper();
    const QByteArray password = files.password.toUtf8();
    const bool p12 =
        type == QLatin1String("P12")
        || (type.isEmpty() && !isPem(*bytes) && QSslCertificate::fromData(*bytes, QSsl::Der).isEmpty());
    if (p12) {
        if (!files.clientKey.isEmpty()) {
            *error =
                QStringLiteral("%1: a PKCS#12 file holds its own key; --key is for PEM and DER").arg(path);
            return false;
        }
        QBuffer device;
        device.setData(*bytes);
        device.open(QIODevice::ReadOnly);
        QSslKey key;
        QSslCertificate certificate;
        QList<QSslCertificate> cas;
        if (!QSslCertificate::importPkcs12(&device, &key, &certificate, &cas, password)) {
            *error =
                files.password.isEmpty()
                    ? QStringLiteral("%1: cannot be read as PKCS#12 (if it has a password, give it with "
                                     "--pass)")
                          .arg(path)
                    : QStringLiteral("%1: cannot be read as PKCS#12, or the password is wrong").arg(path);
            return false;
        }
        out->clientChain = QList<QSslCertificate>{certificate} + cas;
        out->clientKey = key;
        return true;
    }
    if (!type.isEmpty() && type != QLatin1String("PEM") && type != QLatin1String("DER")) {
        *error =
            QStringLiteral("unknown certificate type \"%1\" (PEM, DER or P12)").arg(files.certificateType);
        return false;
    }
    out->clientChain = QSslCertificate::fromData(*bytes, isPem(*bytes) ? QSsl::Pem : QSsl::Der);
    if (out->clientChain.isEmpty()) {
        *error = QStringLiteral("%1: no certificate in it (PEM, DER or PKCS#12)").arg(path);
        return false;
    }
    // The key: in its own file, or beside the certificate in a PEM file (as curl reads --cert alone).
    QByteArray keyBytes = *bytes;
    QString keyPath = path;
    if (!files.clientKey.isEmpty()) {
        const std::optional<QByteArray> k =
            readTlsFile(files.clientKey, QStringLiteral("a private key"), error);
        if (!k)
            return false;
        keyBytes = *k;
        keyPath = files.clientKey;
    } else if (!isPem(keyBytes) || !keyBytes.contains("PRIVATE KEY-----")) {
        *error = QStringLiteral("%1: no private key in it: give the key's file with --key").arg(path);
        return false;
    }
    out->clientKey = readKey(keyBytes, password);
    if (out->clientKey->isNull()) {
        if (isEncryptedPemKey(keyBytes))
            *error = files.password.isEmpty()
                         ? QStringLiteral("%1: the private key is encrypted: give its password with --pass")
                               .arg(keyPath)
                         : QStringLiteral("%1: the private key cannot be decrypted with the password given")
                               .arg(keyPath);
        else
            *error = QStringLiteral("%1: no private key can be read in it (PEM or DER)").arg(keyPath);
        return false;
    }
    return true;
}

QString dayText(const QDateTime &when)
{
    return when.toUTC().toString(QStringLiteral("yyyy-MM-dd"));
}

}  // namespace

std::optional<TlsMaterial> loadTlsMaterial(const TlsFiles &files, QString *error)
{
    TlsMaterial out;
    if (!files.caCertificates.isEmpty() && !loadCaCertificates(files.caCertificates, &out, error))
        return std::nullopt;
    if (files.clientCertificate.isEmpty()) {
        if (!files.clientKey.isEmpty()) {
            *error = QStringLiteral("a key (--key) without a certificate (--cert)");
            return std::nullopt;
        }
        return out;
    }
    if (!loadClientCertificate(files, &out, error))
        return std::nullopt;
    return out;
}

QByteArray tlsMaterialId(const TlsMaterial &material)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (const QSslCertificate &c : material.caCertificates)
        hash.addData(c.digest(QCryptographicHash::Sha1));
    hash.addData("|");
    for (const QSslCertificate &c : material.clientChain)
        hash.addData(c.digest(QCryptographicHash::Sha1));
    hash.addData("|");
    if (material.clientKey)
        hash.addData(material.clientKey->toDer());
    return hash.result().toHex();
}

QStringList certificateExpiryWarnings(const TlsInfo &tls, const QDateTime &now, int days)
{
    QStringList out;
    for (qsizetype i = 0; i < tls.chain.size(); ++i) {
        const CertificateInfo &c = tls.chain.at(i);
        if (!c.notAfter.isValid())
            continue;
        const qint64 left = now.secsTo(c.notAfter);
        if (left > qint64(days) * 86400)
            continue;
        const QString whose = i == 0 ? QStringLiteral("The certificate of %1").arg(c.subject)
                                     : QStringLiteral("The CA certificate %1 in the chain").arg(c.subject);
        if (left < 0) {
            out << QStringLiteral("%1 expired on %2").arg(whose, dayText(c.notAfter));
        } else {
            const qint64 daysLeft = left / 86400;
            out << QStringLiteral("%1 expires on %2 (%3)")
                       .arg(whose, dayText(c.notAfter),
                            daysLeft == 0   ? QStringLiteral("within a day")
                            : daysLeft == 1 ? QStringLiteral("in 1 day")
                                            : QStringLiteral("in %1 days").arg(daysLeft));
        }
    }
    return out;
}

}  // namespace Rwb
