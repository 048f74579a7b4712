#pragma once

#include "core/http/trace.h"

#include <QHstsPolicy>

namespace Rwb {

// The HSTS hosts a browser knows during one trace (RFC 6797), kept as Qt's QHstsPolicy values.
class HstsStore
{
public:
    explicit HstsStore(const QStringList &preloaded = {});

    // Reads a Strict-Transport-Security header received from `url` at `now`; returns the note to record.
    // Over plain http, and from a host that is an IP address, the header is ignored (RFC 6797 §8.1,
    // §8.1.1). A header never removes a preloaded host.
    Note processHeader(const QUrl &url, const QByteArray &headerValue, const QDateTime &now);

    // The https URL an http request to `url` must go to instead, or an empty URL.
    QUrl upgradeTarget(const QUrl &url, const QDateTime &now) const;

    const QList<QHstsPolicy> &policies() const { return m_policies; }

private:
    QList<QHstsPolicy> m_policies;
};

// Parses a Strict-Transport-Security value (RFC 6797 §6.1): max-age (required) and includeSubDomains.
// Returns false when the header is invalid (the outputs are then left alone). max-age is capped at 2^31-1.
bool parseStsHeader(const QByteArray &value, qint64 *maxAgeSeconds, bool *includeSubDomains);

}  // namespace Rwb
