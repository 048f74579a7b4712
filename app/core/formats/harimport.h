#pragma once

#include "core/http/trace.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Rwb {

// A chain found in a HAR file: the request of an entry that no other entry redirected to.
struct HarChain {
    QString name;  // "GET http://host/path"
    RequestSpec request;
};
struct HarImportResult {
    QList<HarChain> chains;
    QString error;  // empty on success; names the place ("log.entries[3].request.url: expected a string")
};
// Entries are read in file order; one starts a chain unless its request URL is the redirect target
// (redirectURL, else the Location header, resolved against the entry's URL) of an earlier entry. Entries
// that are not http(s) (data:, blob:, ...) are skipped. HTTP/2 pseudo-headers, Host, Content-Length and
// Connection are left out of the request; the body comes from postData.text (or its params).
HarImportResult importHar(const QByteArray &json);

}  // namespace Rwb
