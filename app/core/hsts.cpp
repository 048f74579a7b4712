#include "hsts.h"

namespace Rwb {

bool parseStsHeader(const QByteArray &value, qint64 *maxAgeSeconds, bool *includeSubDomains)
{
    // Hand-written: Qt's own STS header parser (QHstsHeaderParser) is private API.
    bool haveMaxAge = false;
    *includeSubDomains = false;
    QList<QByteArray> seen;
    for (const QByteArray &rawDirective : value.split(';')) {
        const QByteArray directive = rawDirective.trimmed();
        if (directive.isEmpty())
            continue;
        const qsizetype eq = directive.indexOf('=');
        const QByteArray name = (eq < 0 ? directive : directive.left(eq)).trimmed().toLower();
        QByteArray arg = eq < 0 ? QByteArray() : directive.mid(eq + 1).trimmed();
        if (seen.contains(name))
            return false;  // each directive at most once
        seen.append(name);
        if (name == "max-age") {
            if (arg.size() >= 2 && arg.startsWith('"') && arg.endsWith('"'))
                arg = arg.mid(1, arg.size() - 2);
            bool ok = false;
            const qint64 n = arg.toLongLong(&ok);
            if (!ok || n < 0)
                return false;
            *maxAgeSeconds = n;
            haveMaxAge = true;
        } else if (name == "includesubdomains") {
            if (eq >= 0)
                return false;
            *includeSubDomains = true;
        }
    }
    return haveMaxAge;
}

HstsStore::HstsStore(const QStringList &preloaded)
{
    for (const QString &host : preloaded) {
        m_policies.append(QHstsPolicy(QDateTime(), QHstsPolicy::IncludeSubDomains, host.toLower()));
    }
}

Note HstsStore::processHeader(const QUrl &url, const QByteArray &headerValue, const QDateTime &now)
{
    if (url.scheme() != QLatin1String("https")) {
        return {QStringLiteral("hsts-ignored"),
                QStringLiteral("Strict-Transport-Security received over plain http is ignored (RFC 6797 §8.1)")};
    }
    qint64 maxAge = 0;
    bool subDomains = false;
    if (!parseStsHeader(headerValue, &maxAge, &subDomains)) {
        return {QStringLiteral("hsts-ignored"),
                QStringLiteral("Strict-Transport-Security \"%1\" is invalid and ignored")
                    .arg(QString::fromLatin1(headerValue))};
    }
    const QString host = url.host().toLower();
    m_policies.removeIf([&host](const QHstsPolicy &p) { return p.host() == host; });
    if (maxAge == 0) {
        return {QStringLiteral("hsts-cleared"),
                QStringLiteral("max-age=0: %1 is no longer a known HSTS host").arg(host)};
    }
    m_policies.append(QHstsPolicy(now.addSecs(maxAge),
                                  subDomains ? QHstsPolicy::IncludeSubDomains : QHstsPolicy::PolicyFlags(),
                                  host));
    return {QStringLiteral("hsts-stored"),
            QStringLiteral("%1 is now a known HSTS host for %2 s%3: later http:// requests to it become https")
                .arg(host)
                .arg(maxAge)
                .arg(subDomains ? QStringLiteral(", subdomains included") : QString())};
}

QUrl HstsStore::upgradeTarget(const QUrl &url, const QDateTime &now) const
{
    if (url.scheme() != QLatin1String("http"))
        return {};
    const QString host = url.host().toLower();
    for (const QHstsPolicy &p : m_policies) {
        if (p.expiry().isValid() && p.expiry() <= now)
            continue;
        const bool match = p.host() == host
            || (p.includesSubDomains() && host.endsWith(QLatin1Char('.') + p.host()));
        if (!match)
            continue;
        QUrl target = url;
        target.setScheme(QStringLiteral("https"));
        if (url.port() == 80)
            target.setPort(-1);  // Chromium maps the default port; other ports are kept
        return target;
    }
    return {};
}

}  // namespace Rwb
