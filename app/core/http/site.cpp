#include "core/http/site.h"

#include "core/http/origin.h"

#include <QHostAddress>
#include <QNetworkCookie>
#include <QNetworkCookieJar>

namespace Rwb {

namespace {

// Qt 6.4 keeps its copy of the Public Suffix List behind a private function (qIsEffectiveTLD); the one
// public way to it is QNetworkCookieJar::validateCookie, which refuses a Domain cookie for a public
// suffix. This small probe asks it; the registrable domain is then found by hand below.
class PublicSuffixProbe final : public QNetworkCookieJar
{
public:
    bool isPublicSuffix(const QString &domain) const
    {
        QNetworkCookie cookie;
        cookie.setDomain(QLatin1Char('.') + domain);
        // A host one label below the domain: validateCookie accepts the cookie unless the domain is a suffix.
        return !validateCookie(cookie, QUrl(QStringLiteral("http://x.") + domain + QLatin1Char('/')));
    }
};

bool isPublicSuffix(const QString &domain)
{
    static const PublicSuffixProbe probe;
    return probe.isPublicSuffix(domain);
}

}  // namespace

QByteArray siteRelationName(SiteRelation relation)
{
    switch (relation) {
    case SiteRelation::SameOrigin:
        return QByteArrayLiteral("same-origin");
    case SiteRelation::SameSite:
        return QByteArrayLiteral("same-site");
    case SiteRelation::CrossSite:
        return QByteArrayLiteral("cross-site");
    }
    return {};
}

bool isIpHost(const QString &host)
{
    return !QHostAddress(host).isNull();
}

QString registrableDomain(const QString &host)
{
    if (host.isEmpty() || isIpHost(host))
        return {};
    QString h = host.toLower();
    if (h.endsWith(QLatin1Char('.')))
        h.chop(1);
    const QStringList labels = h.split(QLatin1Char('.'));
    // The public suffix is the longest suffix the list names; by the default rule at least the last label.
    qsizetype suffixStart = labels.size() - 1;
    for (qsizetype i = 0; i + 1 < labels.size(); ++i) {
        if (isPublicSuffix(labels.mid(i).join(QLatin1Char('.')))) {
            suffixStart = i;
            break;
        }
    }
    if (suffixStart == 0)
        return {};
    return labels.mid(suffixStart - 1).join(QLatin1Char('.'));
}

QString siteHost(const QUrl &url)
{
    const QString host = url.host().toLower();
    const QString domain = registrableDomain(host);
    return domain.isEmpty() ? host : domain;
}

bool sameSite(const QUrl &a, const QUrl &b)
{
    if (a.scheme() != b.scheme())
        return false;
    const QString hostA = a.host().toLower();
    const QString hostB = b.host().toLower();
    return hostA == hostB || siteHost(a) == siteHost(b);
}

SiteRelation siteRelation(const QUrl &initiator, const QUrl &url)
{
    if (sameOrigin(initiator, url))
        return SiteRelation::SameOrigin;
    return sameSite(initiator, url) ? SiteRelation::SameSite : SiteRelation::CrossSite;
}

bool isPotentiallyTrustworthy(const QUrl &url)
{
    if (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("wss"))
        return true;
    return isLoopbackHost(url.host());
}

bool isLoopbackHost(const QString &name)
{
    const QString host = name.toLower();
    if (host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost")))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

}  // namespace Rwb
