#include "core/http/hsts.h"

#include "core/http/tokens.h"

#include <QHostAddress>
#include <QSet>

#include <algorithm>

#include <limits>

namespace Rwb {

namespace {

// Longest max-age kept: 2^31 - 1 seconds (about 68 years), as RFC 9111 §1.2.2 does for delta-seconds;
// it keeps every stored expiry a valid date.
constexpr qint64 kMaxAgeCap = std::numeric_limits<qint32>::max();

}  // namespace

bool parseStsHeader(const QByteArray &value, qint64 *maxAgeSeconds, bool *includeSubDomains)
{
    // RFC 6797 §6.1: [ directive ] *( ";" [ directive ] ), directive = name [ "=" value ], name a token,
    // value a token or quoted-string, with optional whitespace around every element. A header that does
    // not match the grammar, repeats a directive, lacks max-age or gives includeSubDomains a value is
    // ignored as a whole (§6.1, §8.1). Unknown directives are ignored. Hand-written: Qt's own parser
    // (QHstsHeaderParser) is private API.
    bool haveMaxAge = false;
    bool subDomains = false;
    qint64 maxAge = 0;
    QSet<QByteArray> seen;  // a set: a header may hold thousands of directives
    const qsizetype n = value.size();
    qsizetype i = 0;
    auto skipSpace = [&] {
        while (i < n && (value.at(i) == ' ' || value.at(i) == '\t'))
            ++i;
    };
    for (;;) {
        skipSpace();
        if (i < n && value.at(i) != ';') {
            const qsizetype start = i;
            while (i < n && isTokenChar(value.at(i)))
                ++i;
            if (i == start)
                return false;
            const QByteArray name = value.mid(start, i - start).toLower();
            skipSpace();
            bool hasArg = false;
            bool quoted = false;
            QByteArray arg;
            if (i < n && value.at(i) == '=') {
                ++i;
                skipSpace();
                hasArg = true;
                if (i < n && value.at(i) == '"') {
                    quoted = true;
                    bool closed = false;
                    for (++i; i < n;) {
                        const char c = value.at(i++);
                        if (c == '\\' && i < n) {
                            arg += value.at(i++);
                        } else if (c == '"') {
                            closed = true;
                            break;
                        } else {
                            arg += c;
                        }
                    }
                    if (!closed)
                        return false;
                } else {
                    const qsizetype argStart = i;
                    while (i < n && isTokenChar(value.at(i)))
                        ++i;
                    arg = value.mid(argStart, i - argStart);
                }
                skipSpace();
            }
            if (hasArg && !quoted && arg.isEmpty())
                return false;  // "name=" with nothing after it
            if (seen.contains(name))
                return false;  // each directive at most once (§6.1)
            seen.insert(name);
            if (name == "max-age") {
                // delta-seconds: 1*DIGIT, possibly quoted (§6.1.1)
                if (!hasArg || arg.isEmpty())
                    return false;
                for (char c : std::as_const(arg)) {
                    if (c < '0' || c > '9')
                        return false;
                }
                bool ok = false;
                const qint64 parsed = arg.toLongLong(&ok);
                maxAge = ok ? qMin(parsed, kMaxAgeCap) : kMaxAgeCap;
                haveMaxAge = true;
            } else if (name == "includesubdomains") {
                if (hasArg)
                    return false;  // a valueless directive (§6.1.2)
                subDomains = true;
            }
        }
        if (i >= n)
            break;
        if (value.at(i) != ';')
            return false;
        ++i;
    }
    if (!haveMaxAge)
        return false;
    *maxAgeSeconds = maxAge;
    *includeSubDomains = subDomains;
    return true;
}

HstsStore::HstsStore(const QStringList &preloaded)
{
    for (const QString &host : preloaded) {
        // A preload entry has no expiry (a null QDateTime); headers never remove it.
        m_policies.append(QHstsPolicy(QDateTime(), QHstsPolicy::IncludeSubDomains, host.toLower()));
    }
}

Note HstsStore::processHeader(const QUrl &url, const QByteArray &headerValue, const QDateTime &now)
{
    if (url.scheme() != QLatin1String("https")) {
        return {
            NoteCode::HstsIgnored,
            QStringLiteral("Strict-Transport-Security received over plain http is ignored (RFC 6797 §8.1)")};
    }
    const QString host = url.host().toLower();
    if (QHostAddress address; address.setAddress(host)) {
        return {
            NoteCode::HstsIgnored,
            QStringLiteral("Strict-Transport-Security from the IP address %1 is ignored (RFC 6797 §8.1.1)")
                .arg(host)};
    }
    qint64 maxAge = 0;
    bool subDomains = false;
    if (!parseStsHeader(headerValue, &maxAge, &subDomains)) {
        return {NoteCode::HstsIgnored,
                QStringLiteral("Strict-Transport-Security \"%1\" is invalid and ignored")
                    .arg(QString::fromLatin1(headerValue))};
    }
    // The entry a header set before is replaced; a preload entry (no expiry) stays, as in Chromium, where
    // the preload list is separate from what headers teach.
    m_policies.removeIf([&host](const QHstsPolicy &p) { return p.host() == host && p.expiry().isValid(); });
    const bool preloaded = std::any_of(m_policies.cbegin(), m_policies.cend(),
                                       [&host](const QHstsPolicy &p) { return p.host() == host; });
    if (maxAge == 0) {
        return {NoteCode::HstsCleared,
                preloaded
                    ? QStringLiteral("max-age=0 clears what headers taught about %1, but it stays an HSTS "
                                     "host: it is on the preload list")
                          .arg(host)
                    : QStringLiteral("max-age=0: %1 is no longer a known HSTS host").arg(host)};
    }
    m_policies.append(QHstsPolicy(
        now.addSecs(maxAge), subDomains ? QHstsPolicy::IncludeSubDomains : QHstsPolicy::PolicyFlags(), host));
    return {
        NoteCode::HstsStored,
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
        const bool match =
            p.host() == host || (p.includesSubDomains() && host.endsWith(QLatin1Char('.') + p.host()));
        if (!match)
            continue;
        QUrl target = url;
        target.setScheme(QStringLiteral("https"));
        if (url.port() == 80)
            target.setPort(-1);  // RFC 6797 §8.3: port 80 becomes 443 (the default); other ports are kept
        return target;
    }
    return {};
}

}  // namespace Rwb
