#include "core/http/origin.h"

namespace Rwb {

int defaultPort(const QString &scheme)
{
    // Schemes are case-insensitive (RFC 3986 §3.1); QUrl::scheme() is always in lower case, other text
    // need not be.
    if (scheme.compare(QLatin1String("http"), Qt::CaseInsensitive) == 0)
        return 80;
    if (scheme.compare(QLatin1String("https"), Qt::CaseInsensitive) == 0)
        return 443;
    return -1;
}

int effectivePort(const QUrl &url)
{
    return url.port(defaultPort(url.scheme()));
}

void removeDefaultPort(QUrl &url)
{
    if (url.port() != -1 && url.port() == defaultPort(url.scheme()))
        url.setPort(-1);
}

QString originOf(const QUrl &url, QUrl::ComponentFormattingOptions hostFormat)
{
    return url.scheme() + QLatin1String("://") + url.host(hostFormat) + QLatin1Char(':')
           + QString::number(effectivePort(url));
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return originOf(a) == originOf(b);
}

bool isDowngrade(const QUrl &from, const QUrl &to)
{
    return from.scheme() == QLatin1String("https") && to.scheme() == QLatin1String("http");
}

QByteArray hostHeaderValue(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';  // IPv6 literal
    if (effectivePort(url) != defaultPort(url.scheme()))
        host += ':' + QByteArray::number(url.port());
    return host;
}

}  // namespace Rwb
