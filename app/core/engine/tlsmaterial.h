// The certificates and key of curl's --cacert, --cert, --cert-type, --key and --pass, read from their files
// for the relay's TLS connections, and the warning for a certificate about to expire.
#pragma once

#include "core/http/trace.h"
#include "core/policy/options.h"

#include <QDateTime>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QStringList>

#include <optional>

namespace Rwb {

struct TlsMaterial {
    QList<QSslCertificate> caCertificates;  // empty: the system's CAs
    QList<QSslCertificate> clientChain;     // the client certificate first, then any CA certificates with it
    // Set with clientChain. Optional so that material without a certificate constructs no QSslKey (whose
    // constructor asks Qt for its TLS backend): a chain of plain-http hops has no use for one.
    std::optional<QSslKey> clientKey;
    bool isEmpty() const { return caCertificates.isEmpty() && clientChain.isEmpty(); }
};

// Reads the files `files` names. Nothing, with a message naming the file and what is wrong with it ("the
// client certificate client.p12: not PKCS#12, or the password is wrong"), when one cannot be used.
std::optional<TlsMaterial> loadTlsMaterial(const TlsFiles &files, QString *error);

// A text identifying the material (digests of the certificates and key), equal for equal material.
QByteArray tlsMaterialId(const TlsMaterial &material);

// How many days before its end a certificate is worth a warning.
inline constexpr int kCertificateWarningDays = 30;

// The warnings for the certificates of `tls.chain` that end within `days` days of `now` (or have ended),
// one a certificate: "The certificate of localhost expires on 2026-12-20 (in 15 days)". Pure.
QStringList certificateExpiryWarnings(const TlsInfo &tls, const QDateTime &now,
                                      int days = kCertificateWarningDays);

}  // namespace Rwb
