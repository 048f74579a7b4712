#include "core/http/tracecookies.h"

#include "core/http/origin.h"
#include "core/http/site.h"

#include <QNetworkCookie>
#include <QNetworkCookieJar>

#include <algorithm>

namespace Rwb {

namespace {

// QNetworkCookieJar::validateCookie is protected: this opens it for the public suffix check of a Domain
// attribute (Qt's copy of the Public Suffix List).
class SuffixCheck : public QNetworkCookieJar
{
public:
    using QNetworkCookieJar::validateCookie;
};

const SuffixCheck &suffixCheck()
{
    static const SuffixCheck check;
    return check;
}

// RFC 6265bis §5.1.4 default-path: the request path up to, not including, its last '/'; "/" for none.
QString defaultPath(const QUrl &url)
{
    const QString path = url.path(QUrl::FullyEncoded);
    if (!path.startsWith(QLatin1Char('/')))
        return QStringLiteral("/");
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

QString requestPath(const QUrl &url)
{
    const QString path = url.path(QUrl::FullyEncoded);
    return path.isEmpty() ? QStringLiteral("/") : path;
}

// RFC 6265bis §5.1.4 path-match.
bool pathMatches(const QString &requestPath, const QString &cookiePath)
{
    if (requestPath == cookiePath)
        return true;
    if (!requestPath.startsWith(cookiePath))
        return false;
    return cookiePath.endsWith(QLatin1Char('/')) || requestPath.at(cookiePath.size()) == QLatin1Char('/');
}

// RFC 6265bis §5.1.3 domain-match (no suffix match for IP addresses).
bool domainMatches(const QString &host, const QString &domain)
{
    if (host == domain)
        return true;
    return !isIpHost(host) && host.endsWith(domain)
           && host.at(host.size() - domain.size() - 1) == QLatin1Char('.');
}

bool safeMethod(const QByteArray &method)
{
    return method == "GET" || method == "HEAD" || method == "OPTIONS" || method == "TRACE";
}

// curl 7.88.1 (lib/http.c): a "secure context" for its cookie engine is https, or a request to the host
// names localhost, 127.0.0.1 or ::1 exactly.
bool curlSecureContext(const QUrl &url)
{
    const QString host = url.host();
    return url.scheme() == QLatin1String("https") || host == QLatin1String("localhost")
           || host == QLatin1String("127.0.0.1") || host == QLatin1String("::1");
}

bool hasPrefix(const QByteArray &name, const char *prefix, CookieRules rules)
{
    // Chromium compares the prefixes without regard to case (RFC 6265bis §4.1.3); curl with it.
    const QByteArrayView p(prefix);
    return rules == CookieRules::Chromium ? name.left(p.size()).compare(p, Qt::CaseInsensitive) == 0
                                          : name.startsWith(p);
}

// The attributes of a Set-Cookie line as RFC 6265bis §5.6 reads them: the last of each name wins, and a value
// over 1024 bytes makes the attribute ignored. Qt's QNetworkCookie gives name, value and the Expires date;
// what it does not keep (whether Domain and Path were given, Max-Age apart from Expires, an unknown SameSite)
// is read here by hand.
struct Attributes {
    std::optional<QString> domain;
    std::optional<QString> path;
    std::optional<qint64> maxAge;
    bool expires = false;
    bool secure = false;
    bool httpOnly = false;
    std::optional<QByteArray> sameSite;
    QStringList ignored;  // over the length limit
};

Attributes readAttributes(const QByteArray &line)
{
    Attributes a;
    const QList<QByteArray> parts = line.split(';');
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray &part = parts.at(i);
        const qsizetype eq = part.indexOf('=');
        const QByteArray name = (eq < 0 ? part : part.left(eq)).trimmed().toLower();
        const QByteArray value = eq < 0 ? QByteArray() : part.mid(eq + 1).trimmed();
        if (name.isEmpty())
            continue;
        if (value.size() > 1024) {
            a.ignored << QString::fromLatin1(name);
            continue;
        }
        if (name == "domain") {
            QByteArray d = value.startsWith('.') ? value.mid(1) : value;
            if (d.isEmpty())
                a.domain.reset();  // an empty Domain is ignored
            else
                a.domain = QUrl::fromAce(d.toLower());
        } else if (name == "path") {
            if (value.startsWith('/'))
                a.path = QString::fromUtf8(value);
            else
                a.path.reset();  // not a path: the default path
        } else if (name == "max-age") {
            bool ok = false;
            const qint64 seconds = value.toLongLong(&ok);
            if (ok && !value.isEmpty() && (value.at(0) == '-' || (value.at(0) >= '0' && value.at(0) <= '9')))
                a.maxAge = seconds;
        } else if (name == "expires") {
            a.expires = true;
        } else if (name == "secure") {
            a.secure = true;
        } else if (name == "httponly") {
            a.httpOnly = true;
        } else if (name == "samesite") {
            a.sameSite = value.toLower();
        }
    }
    return a;
}

// A C0 control character or DEL; HTAB only when `tabCounts`.
bool hasControl(QByteArrayView text, bool tabCounts)
{
    for (const char c : text) {
        if ((uchar(c) < 0x20 && (c != '\t' || tabCounts)) || c == 0x7f)
            return true;
    }
    return false;
}

// Where a CR or LF in a Set-Cookie line ends it (measured with Chromium 156 and curl 7.88.1 on loopback:
// "a=b\rc" stores a=b in both): Chromium drops the rest of the line, attributes included; for curl it ends
// the name or the value as ';' does, and the attributes after it still count. Such a byte is never sent.
QByteArray cutAtLineBreak(const QByteArray &line, CookieRules rules)
{
    const auto isBreak = [](char c) {
        return c == '\r' || c == '\n';
    };
    const auto at = std::find_if(line.cbegin(), line.cend(), isBreak);
    if (at == line.cend())
        return line;
    if (rules == CookieRules::Chromium)
        return line.left(at - line.cbegin());
    QByteArray out = line;
    std::replace_if(out.begin(), out.end(), isBreak, ';');
    return out;
}

// A note about one cookie: the message names it, subject and reason carry it for the views.
Note cookieNote(NoteCode code, const QByteArray &name, const QString &message, const QString &reason)
{
    return Note(code, message, QString::fromUtf8(name), reason);
}

}  // namespace

TraceCookies::TraceCookies(CookieRules rules, Clock clock)
    : m_rules(rules)
    , m_clock(std::move(clock))
{
}

TraceCookies::~TraceCookies() = default;

QDateTime TraceCookies::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

void TraceCookies::purgeExpired()
{
    const QDateTime t = now();
    m_cookies.removeIf([&t](const Cookie &c) { return c.expiry.isValid() && c.expiry <= t; });
}

QList<QByteArray> TraceCookies::contents()
{
    purgeExpired();
    QList<QByteArray> out;
    for (const Cookie &c : std::as_const(m_cookies))
        out << c.name + '=' + c.value;
    return out;
}

void TraceCookies::seed(const QList<QByteArray> &cookieHeaderValues, const QUrl &url)
{
    for (const QByteArray &header : cookieHeaderValues) {
        for (const QByteArray &pair : header.split(';')) {
            const qsizetype eq = pair.indexOf('=');
            if (eq <= 0)
                continue;
            Cookie c;
            c.name = pair.left(eq).trimmed();
            c.value = pair.mid(eq + 1).trimmed();
            c.domain = url.host();
            c.path = QStringLiteral("/");
            c.creation = now();
            c.sequence = m_nextSequence++;
            m_cookies.removeIf([&c](const Cookie &o) {
                return o.name == c.name && o.hostOnly && o.domain == c.domain && o.path == c.path;
            });
            m_cookies.append(c);
        }
    }
}

void TraceCookies::preset(const PresetCookie &cookie, NoteList &notes)
{
    CookieRequest request;
    request.url = cookie.url;
    storeLine(cookie.setCookie, request, Origin::Preset, false, notes);
}

void TraceCookies::store(const QList<QByteArray> &setCookieLines, const CookieRequest &request,
                         bool fromRedirect, NoteList &notes)
{
    if (!request.credentialsAllowed) {
        notes.append(
            {NoteCode::CookieIgnored,
             QStringLiteral("Set-Cookie ignored: the credentials mode of this fetch() ('omit', or "
                            "'same-origin' once the chain left the page's origin) stores no cookies"),
             QString(), QStringLiteral("credentials mode")});
        return;
    }
    for (const QByteArray &line : setCookieLines)
        storeLine(line, request, Origin::Response, fromRedirect, notes);
}

void TraceCookies::storeLine(const QByteArray &received, const CookieRequest &request, Origin origin,
                             bool fromRedirect, NoteList &notes)
{
    const bool chromium = m_rules == CookieRules::Chromium;
    const QByteArray line = cutAtLineBreak(received, m_rules);
    const QUrl &url = request.url;
    const QString host = url.host();
    const QString from =
        origin == Origin::Preset ? QStringLiteral(" (preset for %1)").arg(url.toDisplayString()) : QString();
    const QList<QNetworkCookie> parsed = QNetworkCookie::parseCookies(line);
    const QByteArray rawName = line.left(qMax(qsizetype(0), line.indexOf('='))).trimmed();
    const auto reject = [&](const QByteArray &name, const QString &reason) {
        notes.append(cookieNote(
            NoteCode::CookieRejected, name,
            QStringLiteral("Cookie %1 rejected%2: %3").arg(QString::fromUtf8(name), from, reason), reason));
    };
    // RFC 6265bis §5.6: a line holding a control character but HTAB is ignored whole (Chromium; measured: a
    // \x01 in an attribute value). A NUL, which makes both clients refuse the whole response, is one.
    if (chromium && hasControl(line, false)) {
        reject(rawName, QStringLiteral("the Set-Cookie line holds a control character"));
        return;
    }
    if (parsed.size() != 1) {
        reject(rawName, QStringLiteral("Set-Cookie line not understood"));
        return;
    }
    const QNetworkCookie &q = parsed.constFirst();
    const Attributes a = readAttributes(line);
    Cookie c;
    c.name = q.name();
    c.value = q.value();
    const QString shown = QString::fromUtf8(c.name);
    // Both refuse a name or value that holds a control character, HTAB included (around them it is
    // trimmed); curl 7.88.1 keeps a cookie with one in an attribute (measured).
    if (hasControl(c.name, true) || hasControl(c.value, true)) {
        reject(c.name, QStringLiteral("its name or value holds a control character"));
        return;
    }

    // RFC 6265bis §5.6: a cookie whose name and value together exceed 4096 bytes is ignored.
    if (c.name.size() + c.value.size() > 4096) {
        reject(c.name, QStringLiteral("name and value together are over 4096 bytes"));
        return;
    }
    if (c.name.isEmpty() && c.value.isEmpty()) {
        reject(c.name, QStringLiteral("no name and no value"));
        return;
    }
    // Chromium does not take cookies on a cross-site subresource response (third-party cookies are
    // blocked by default in Chromium 156); a top-level navigation's response sets the target's own.
    if (chromium && !request.sameSite && !request.topLevelNavigation) {
        reject(c.name, QStringLiteral("third-party cookies are blocked (a cross-site request that is not a "
                                      "top-level navigation)"));
        return;
    }

    // Domain (§5.7 steps 8-10): the host must domain-match it and it must not be a public suffix.
    if (a.domain) {
        const QString &d = *a.domain;
        if (isIpHost(host)) {
            if (d != host) {
                reject(c.name, QStringLiteral("Domain=%1 on a request to the IP address %2").arg(d, host));
                return;
            }
            c.hostOnly = true;
        } else if (!domainMatches(host, d)) {
            reject(c.name, QStringLiteral("Domain=%1 does not match the host %2").arg(d, host));
            return;
        } else if (d != host) {
            QNetworkCookie probe(c.name, c.value);
            probe.setDomain(QLatin1Char('.') + d);
            if (!suffixCheck().validateCookie(probe, url) || registrableDomain(d).isEmpty()) {
                reject(c.name, QStringLiteral("Domain=%1 is a public suffix").arg(d));
                return;
            }
            c.hostOnly = false;
        } else {
            // Domain equal to the host: a domain cookie, unless the host is itself a public suffix
            // (localhost), which Chromium keeps host-only.
            c.hostOnly = registrableDomain(d).isEmpty();
        }
        c.domain = d;
    } else {
        c.domain = host;
        c.hostOnly = true;
    }
    c.path = a.path.value_or(defaultPath(url));
    c.secure = a.secure;
    c.httpOnly = a.httpOnly;
    if (a.sameSite) {
        if (*a.sameSite == "strict")
            c.sameSite = SameSite::Strict;
        else if (*a.sameSite == "lax")
            c.sameSite = SameSite::Lax;
        else if (*a.sameSite == "none")
            c.sameSite = SameSite::None;
    }
    if (!chromium)
        c.sameSite = SameSite::Unspecified;  // curl's jar ignores SameSite

    // Secure only from a secure origin: Chromium counts every potentially trustworthy origin (http on
    // loopback included), curl https and the loopback names.
    const bool secureOrigin = chromium ? isPotentiallyTrustworthy(url) : curlSecureContext(url);
    if (c.secure && !secureOrigin) {
        reject(c.name, QStringLiteral("Secure cookie from an insecure origin"));
        return;
    }
    if (hasPrefix(c.name, "__Secure-", m_rules) && !c.secure) {
        reject(c.name, QStringLiteral("__Secure- prefix without Secure"));
        return;
    }
    if (hasPrefix(c.name, "__Host-", m_rules)) {
        if (!c.secure) {
            reject(c.name, QStringLiteral("__Host- prefix without Secure"));
            return;
        }
        if (a.domain) {
            reject(c.name, QStringLiteral("__Host- prefix with a Domain attribute"));
            return;
        }
        if (a.path != QStringLiteral("/")) {
            reject(c.name, QStringLiteral("__Host- prefix without Path=/"));
            return;
        }
    }
    if (chromium && c.sameSite == SameSite::None && !c.secure) {
        reject(c.name, QStringLiteral("SameSite=None without Secure"));
        return;
    }
    // §5.7 step 16: an insecure origin cannot replace or shadow a Secure cookie.
    if (!c.secure && !secureOrigin) {
        for (const Cookie &o : std::as_const(m_cookies)) {
            if (o.secure && o.name == c.name
                && (domainMatches(o.domain, c.domain) || domainMatches(c.domain, o.domain))
                && pathMatches(c.path, o.path)) {
                reject(c.name, QStringLiteral("it would replace a Secure cookie, from an insecure origin"));
                return;
            }
        }
    }

    // Expiry: Max-Age wins over Expires (§5.6.2); Chromium caps it at 400 days.
    const QDateTime t = now();
    c.creation = t;
    if (a.maxAge) {
        c.expiry = *a.maxAge <= 0 ? QDateTime::fromSecsSinceEpoch(0, Qt::UTC) : t.addSecs(*a.maxAge);
    } else if (a.expires && q.expirationDate().isValid()) {
        c.expiry = q.expirationDate().toUTC();
    }
    if (chromium && c.expiry.isValid() && c.expiry > t.addDays(400))
        c.expiry = t.addDays(400);

    const auto same = [&c](const Cookie &o) {
        return o.name == c.name && o.domain == c.domain && o.hostOnly == c.hostOnly && o.path == c.path;
    };
    const auto existing = std::find_if(m_cookies.begin(), m_cookies.end(), same);
    if (c.expiry.isValid() && c.expiry <= t) {
        if (existing != m_cookies.end()) {
            m_cookies.erase(existing);
            const QString reason = QStringLiteral("expired on arrival (Max-Age or Expires in the past), same "
                                                  "name, domain and path %1")
                                       .arg(c.path);
            notes.append(cookieNote(NoteCode::CookieDeleted, c.name,
                                    QStringLiteral("Cookie %1 deleted%2: %3").arg(shown, from, reason),
                                    reason));
        } else {
            const QString reason =
                QStringLiteral("expired on arrival and no cookie of that name, domain and path "
                               "%1 to delete")
                    .arg(c.path);
            notes.append(cookieNote(NoteCode::CookieIgnored, c.name,
                                    QStringLiteral("Cookie %1 not stored%2: %3").arg(shown, from, reason),
                                    reason));
        }
        return;
    }

    QStringList how;
    how << (c.hostOnly ? QStringLiteral("host-only") : QStringLiteral("Domain=%1").arg(c.domain));
    how << QStringLiteral("path %1").arg(c.path);
    if (chromium) {
        switch (c.sameSite) {
        case SameSite::Unspecified:
            how << QStringLiteral("SameSite=Lax by default");
            break;
        case SameSite::None:
            how << QStringLiteral("SameSite=None");
            break;
        case SameSite::Lax:
            how << QStringLiteral("SameSite=Lax");
            break;
        case SameSite::Strict:
            how << QStringLiteral("SameSite=Strict");
            break;
        }
    }
    if (c.secure)
        how << QStringLiteral("Secure");
    if (c.httpOnly)
        how << QStringLiteral("HttpOnly");
    how << (c.expiry.isValid() ? QStringLiteral("until %1").arg(c.expiry.toString(Qt::ISODate))
                               : QStringLiteral("session"));
    if (!a.ignored.isEmpty())
        how << QStringLiteral("%1 ignored: over 1024 bytes").arg(a.ignored.join(QLatin1String(", ")));
    if (existing != m_cookies.end()) {
        // §5.7 step 22: the new cookie replaces the old and keeps its creation time.
        c.creation = existing->creation;
        c.sequence = existing->sequence;
        *existing = c;
        how << QStringLiteral("replaces the earlier value");
    } else {
        c.sequence = m_nextSequence++;
        m_cookies.append(c);
    }
    const QString reason = how.join(QLatin1String(", "));
    if (origin == Origin::Preset) {
        notes.append(cookieNote(
            NoteCode::CookiePreset, c.name,
            QStringLiteral("Cookie %1 preset for %2 (%3)").arg(shown, url.toDisplayString(), reason),
            reason));
    } else {
        notes.append(cookieNote(
            NoteCode::CookieStored, c.name,
            QStringLiteral("Cookie %1 stored%2 (%3)")
                .arg(shown, fromRedirect ? QStringLiteral(" from a redirect response") : QString(), reason),
            reason));
    }
}

QByteArray TraceCookies::headerFor(const CookieRequest &request, NoteList &notes)
{
    purgeExpired();
    const bool chromium = m_rules == CookieRules::Chromium;
    const QUrl &url = request.url;
    const QString host = url.host();
    const QString path = requestPath(url);
    QList<const Cookie *> matching;
    for (const Cookie &c : std::as_const(m_cookies)) {
        const bool domainOk = c.hostOnly ? host == c.domain : domainMatches(host, c.domain);
        if (domainOk && pathMatches(path, c.path))
            matching << &c;
    }
    if (matching.isEmpty())
        return {};
    if (!request.credentialsAllowed) {
        notes.append(
            {NoteCode::CookieNotSent,
             QStringLiteral("Cookies not sent to %1: the credentials mode of this fetch() ('omit', or "
                            "'same-origin' once the chain left the page's origin) sends none")
                 .arg(originOf(url)),
             QString(), QStringLiteral("credentials mode")});
        return {};
    }
    // RFC 6265bis §5.8.3: longer paths first, then earlier creation. curl (cookie_sort) puts longer domains
    // and longer names before the creation order.
    std::stable_sort(matching.begin(), matching.end(), [chromium](const Cookie *a, const Cookie *b) {
        if (a->path.size() != b->path.size())
            return a->path.size() > b->path.size();
        if (!chromium) {
            if (a->domain.size() != b->domain.size())
                return a->domain.size() > b->domain.size();
            if (a->name.size() != b->name.size())
                return a->name.size() > b->name.size();
        }
        return a->sequence < b->sequence;
    });

    const bool secureDestination = chromium ? isPotentiallyTrustworthy(url) : curlSecureContext(url);
    const QDateTime t = now();
    QByteArray header;
    for (const Cookie *c : std::as_const(matching)) {
        const QString shown = QString::fromUtf8(c->name);
        QString refusal;
        QString allowance;
        if (c->secure && !secureDestination) {
            refusal = QStringLiteral("Secure cookie and the request goes to an insecure origin");
        } else if (chromium && !request.sameSite) {
            const bool safe = safeMethod(request.method);
            const QString method = QString::fromLatin1(request.method);
            if (!request.topLevelNavigation) {
                refusal =
                    QStringLiteral("third-party cookies are blocked (a cross-site request that is not a "
                                   "top-level navigation)");
            } else if (c->sameSite == SameSite::Strict) {
                refusal = QStringLiteral("SameSite=Strict and the request comes from another site");
            } else if (c->sameSite == SameSite::Lax && !safe) {
                refusal = QStringLiteral("SameSite=Lax and the cross-site navigation is a %1").arg(method);
            } else if (c->sameSite == SameSite::Unspecified && !safe) {
                // Chromium's Lax-by-default allowance: a cookie without SameSite, at most two minutes old,
                // still goes with a cross-site top-level navigation of an unsafe method.
                if (c->creation.msecsTo(t) <= 120 * 1000)
                    allowance = QStringLiteral("SameSite=Lax by default, under two minutes old: allowed on a "
                                               "cross-site top-level %1")
                                    .arg(method);
                else
                    refusal =
                        QStringLiteral("SameSite=Lax by default (no attribute), over two minutes old, and "
                                       "the cross-site navigation is a %1")
                            .arg(method);
            } else {
                allowance =
                    c->sameSite == SameSite::None
                        ? QStringLiteral("SameSite=None")
                        : QStringLiteral("%1 on a cross-site top-level %2")
                              .arg(c->sameSite == SameSite::Lax ? QStringLiteral("SameSite=Lax")
                                                                : QStringLiteral("SameSite=Lax by default"),
                                   method);
            }
        }
        if (!refusal.isEmpty()) {
            notes.append(cookieNote(NoteCode::CookieNotSent, c->name,
                                    QStringLiteral("Cookie %1 not sent: %2").arg(shown, refusal), refusal));
            continue;
        }
        if (!header.isEmpty())
            header += "; ";
        header += c->name + '=' + c->value;
        const QString reason =
            allowance.isEmpty()
                ? (request.sameSite || !chromium ? QStringLiteral("matches host and path") : allowance)
                : allowance;
        notes.append(cookieNote(NoteCode::CookieSent, c->name,
                                allowance.isEmpty()
                                    ? QStringLiteral("Cookie %1 sent").arg(shown)
                                    : QStringLiteral("Cookie %1 sent: %2").arg(shown, allowance),
                                reason));
    }
    return header;
}

}  // namespace Rwb
