// The request heads of the curl and strict profiles, header by header as their clients write them.
#include "private/clientwire_p.h"

#include "core/http/origin.h"

#include <algorithm>

namespace Rwb::Detail {

namespace {

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

bool containsName(const QList<QByteArray> &names, QByteArrayView name)
{
    for (const QByteArray &n : names) {
        if (sameName(n, name))
            return true;
    }
    return false;
}

WireRequest wireBase(const RequestSpec &spec)
{
    WireRequest wire;
    wire.method = spec.method;
    wire.url = spec.url.adjusted(QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    wire.body = spec.body;
    return wire;
}

// The User-Agent the profile sends: Options::userAgent as it is, or the client's own.
// A preset name is for the browser profile; here it is taken as the literal string.
QByteArray userAgent(const Options &options, const QByteArray &fallback)
{
    return options.userAgent.isEmpty() ? fallback : options.userAgent.toUtf8();
}

// Collects the headers the client adds itself, leaving out the suppressed ones.
class OwnHeaders
{
public:
    OwnHeaders(const RequestSpec &spec, HeaderList *headers)
        : m_spec(spec)
        , m_headers(headers)
    {
    }
    void add(const QByteArray &name, const QByteArray &value)
    {
        claim(name);
        if (!isSuppressed(m_spec, name))
            m_headers->append({name, value});
    }
    // A header the client adds itself that the caller writes.
    void claim(const QByteArray &name) { m_names.append(name); }
    const QList<QByteArray> &names() const { return m_names; }

private:
    const RequestSpec &m_spec;
    HeaderList *m_headers;
    QList<QByteArray> m_names;
};

}  // namespace

bool isSuppressed(const RequestSpec &spec, QByteArrayView name)
{
    return containsName(spec.suppressedHeaders, name);
}

void classifySuppressions(const RequestSpec &spec, const QList<QByteArray> &own,
                          const QList<QPair<QByteArray, QString>> &required, Suppression *suppression)
{
    if (!suppression)
        return;
    for (const QByteArray &name : spec.suppressedHeaders) {
        const auto req = std::find_if(required.cbegin(), required.cend(),
                                      [&name](const auto &r) { return sameName(r.first, name); });
        if (req != required.cend()) {
            suppression->kept << QStringLiteral("%1 (%2)").arg(QString::fromLatin1(req->first), req->second);
            continue;
        }
        const auto it =
            std::find_if(own.cbegin(), own.cend(), [&name](const auto &n) { return sameName(n, name); });
        if (it != own.cend())
            suppression->removed << QString::fromLatin1(*it);
        else
            suppression->absent << headerText(name);
    }
}

WireRequest curlRequest(const Options &options, const RequestSpec &spec, const QByteArray &cookieHeader,
                        Suppression *suppression)
{
    WireRequest wire = wireBase(spec);
    HeaderList &h = wire.headers;
    OwnHeaders own(spec, &h);
    QList<QPair<QByteArray, QString>> required;

    // A -H Host takes the place of curl's own Host line, always the first.
    if (hasHeader(spec.headers, "Host"))
        h.append({QByteArrayLiteral("Host"), headerValue(spec.headers, "Host")});
    else
        own.add(QByteArrayLiteral("Host"), hostHeaderValue(wire.url));
    // Credentials of -u or user:password@ (Basic) come next; rwb has one header list, so an Authorization
    // that is not Basic is taken for a -H line and stays in its place among them.
    qsizetype credentials = -1;
    for (qsizetype i = 0; i < spec.headers.size() && credentials < 0; ++i) {
        const HeaderPair &p = spec.headers.at(i);
        if (sameName(p.first, "Authorization") && p.second.startsWith("Basic "))
            credentials = i;
    }
    if (credentials >= 0)
        own.add(spec.headers.at(credentials).first, spec.headers.at(credentials).second);
    // A -H line of the same name replaces User-Agent and Accept (Curl_checkheaders), in its own place.
    if (!hasHeader(spec.headers, "User-Agent"))
        own.add(QByteArrayLiteral("User-Agent"), userAgent(options, QByteArrayLiteral("curl/7.88.1")));
    if (!hasHeader(spec.headers, "Accept"))
        own.add(QByteArrayLiteral("Accept"), QByteArrayLiteral("*/*"));
    // --compressed: what this curl (7.88.1, Debian's, with brotli and zstd) asks for, measured; a -H line of
    // the same name is sent in its own place instead.
    if (options.compressed && !hasHeader(spec.headers, "Accept-Encoding"))
        own.add(QByteArrayLiteral("Accept-Encoding"), QByteArrayLiteral("deflate, gzip, br, zstd"));
    // One Cookie line: the cookie engine's cookies, then -b's strings (Curl_http_cookies), which go to every
    // host on every hop; a Cookie header of the request's own (-H, removed on a hop to another origin) last.
    QByteArrayList cookies;
    if (!cookieHeader.isEmpty())
        cookies << cookieHeader;
    if (!options.curlCookies.isEmpty())
        cookies << options.curlCookies;
    const QList<QByteArray> given = headerValues(spec.headers, "Cookie");
    if (!given.isEmpty() || !options.curlCookies.isEmpty()) {
        own.claim(QByteArrayLiteral("Cookie"));
        if (!isSuppressed(spec, "Cookie"))
            cookies << given;
        else
            cookies.removeAll(options.curlCookies);
    }
    if (!cookies.isEmpty())
        h.append({QByteArrayLiteral("Cookie"), cookies.join("; ")});
    for (qsizetype i = 0; i < spec.headers.size(); ++i) {
        const QByteArrayView name = spec.headers.at(i).first;
        if (i != credentials && !sameName(name, "Host") && !sameName(name, "Cookie")
            && !sameName(name, "Content-Length"))
            h.append(spec.headers.at(i));
    }
    // -d '' sends an empty form body, with its Content-Length and Content-Type, on every method but GET/HEAD.
    const bool body =
        !spec.body.isEmpty() || (spec.formBody && spec.method != "GET" && spec.method != "HEAD");
    if (body) {
        h.append({QByteArrayLiteral("Content-Length"), QByteArray::number(spec.body.size())});
        required.append({QByteArrayLiteral("Content-Length"), QStringLiteral("the body is framed by it")});
        // curl sends every body as a form (its POSTFIELDS), --data-binary's too, unless a -H names the type.
        if (!hasHeader(spec.headers, "Content-Type"))
            own.add(QByteArrayLiteral("Content-Type"),
                    QByteArrayLiteral("application/x-www-form-urlencoded"));
        // Above 1 MiB curl asks first (EXPECT_100_THRESHOLD); rwb sends the body without waiting.
        if (spec.body.size() > 1024 * 1024 && !hasHeader(spec.headers, "Expect"))
            own.add(QByteArrayLiteral("Expect"), QByteArrayLiteral("100-continue"));
    }
    classifySuppressions(spec, own.names(), required, suppression);
    return wire;
}

WireRequest strictRequest(const Options &options, const RequestSpec &spec, const QByteArray &cookieHeader,
                          Suppression *suppression)
{
    WireRequest wire = wireBase(spec);
    HeaderList &h = wire.headers;
    OwnHeaders own(spec, &h);
    QList<QPair<QByteArray, QString>> required{
        {QByteArrayLiteral("Host"), QStringLiteral("HTTP/1.1 requires it, RFC 9112 §3.2")}};

    h.append({QByteArrayLiteral("Host"), hostHeaderValue(wire.url)});
    HeaderList user = spec.headers;
    removeHeader(user, "Host");
    removeHeader(user, "Content-Length");
    // The request's own User-Agent and Accept take the place of the profile's.
    for (const QByteArray &name : {QByteArrayLiteral("User-Agent"), QByteArrayLiteral("Accept")}) {
        if (hasHeader(user, name)) {
            h.append({name, headerValue(user, name)});
            removeHeader(user, name);
        } else {
            own.add(name, name == "Accept" ? QByteArrayLiteral("*/*")
                                           : userAgent(options, QByteArrayLiteral("rwb/" RWB_VERSION)));
        }
    }
    h.append(user);
    if (!spec.body.isEmpty() && !hasHeader(user, "Content-Type")) {
        own.add(QByteArrayLiteral("Content-Type"),
                spec.formBody ? QByteArrayLiteral("application/x-www-form-urlencoded")
                              : QByteArrayLiteral("application/octet-stream"));
    }
    if (!cookieHeader.isEmpty())
        h.append({QByteArrayLiteral("Cookie"), cookieHeader});
    // RFC 9110 §8.6: a client sends Content-Length when the method defines a meaning for content, so a
    // bodyless POST/PUT/PATCH says 0 (that one may be left out; a body's may not).
    const QByteArray length = QByteArray::number(spec.body.size());
    if (!spec.body.isEmpty()) {
        h.append({QByteArrayLiteral("Content-Length"), length});
        required.append({QByteArrayLiteral("Content-Length"), QStringLiteral("the body is framed by it")});
    } else if (spec.method == "POST" || spec.method == "PUT" || spec.method == "PATCH") {
        own.add(QByteArrayLiteral("Content-Length"), length);
    }
    classifySuppressions(spec, own.names(), required, suppression);
    return wire;
}

}  // namespace Rwb::Detail
