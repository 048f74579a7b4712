#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace Rwb {

// The port a scheme implies when a URL names none: 80 for http, 443 for https; -1 for any other scheme
// (none is ever requested: only http and https URLs are followed).
int defaultPort(const QString &scheme);
// The port a request to the URL goes to: the URL's own, else the scheme's default.
int effectivePort(const QUrl &url);
// Drops a port that only repeats the scheme's default (http://a:80/ is http://a/ on the wire).
void removeDefaultPort(QUrl &url);

// RFC 6454: "scheme://host:port", the port always written, for comparing and showing origins. The host
// as `hostFormat` gives it (QUrl::FullyEncoded for the ASCII form of an IDN host).
QString originOf(const QUrl &url, QUrl::ComponentFormattingOptions hostFormat = QUrl::FullyDecoded);
// Same scheme, host and effective port.
bool sameOrigin(const QUrl &a, const QUrl &b);
// From https to plain http: the next request travels unencrypted.
bool isDowngrade(const QUrl &from, const QUrl &to);

// What the Host header carries for the URL: the host (an IPv6 address in brackets) and the port unless it
// is the scheme's default.
QByteArray hostHeaderValue(const QUrl &url);

}  // namespace Rwb
