// The browser profile's request context: the headers Chromium 156 sends on a navigation or a fetch() and
// how a chain of redirects changes them. Measured facts and their sources: docs/spec/request-context.md.
#include "core/policy/browsercontext.h"

#include "core/http/origin.h"
#include "core/http/useragents.h"
#include "core/policy/referrer.h"

namespace Rwb {

namespace {

const QByteArray kNavigateAccept =
    QByteArrayLiteral("text/html,application/xhtml+xml,application/xml;q=0.9,image/jxl,image/avif,image/webp,"
                      "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7");
const QByteArray kDefaultAcceptLanguage = QByteArrayLiteral("en-US,en;q=0.9");

bool isGetOrHead(const QByteArray &method)
{
    return method == "GET" || method == "HEAD";
}

// The headers the engine writes itself around the browser's set (Host, Connection and Content-Length
// first, Cookie last): a request's own header of these names is theirs, not merged here.
bool isFramingHeader(QByteArrayView name)
{
    for (const char *framing : {"Host", "Connection", "Content-Length", "Cookie"}) {
        if (name.compare(framing, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString text(const QUrl &url)
{
    return url.toDisplayString();
}

QString text(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes);
}

// The request's own headers replace the browser's of the same name where they stand; the rest go in at
// `customAt` (before Referer, Accept-Encoding and Accept-Language, which Chromium's network stack adds).
void mergeRequestHeaders(HeaderList &headers, qsizetype customAt, const HeaderList &own)
{
    QList<bool> replaced(headers.size(), false);
    HeaderList custom;
    for (const HeaderPair &p : own) {
        if (isFramingHeader(p.first))
            continue;
        qsizetype at = -1;
        for (qsizetype i = 0; i < headers.size() && at < 0; ++i) {
            if (!replaced.at(i) && headers.at(i).first.compare(p.first, Qt::CaseInsensitive) == 0)
                at = i;
        }
        if (at >= 0) {
            headers[at] = p;
            replaced[at] = true;
        } else {
            custom.append(p);
        }
    }
    for (qsizetype i = 0; i < custom.size(); ++i)
        headers.insert(customAt + i, custom.at(i));
}

}  // namespace

BrowserContext::BrowserContext()
    : BrowserContext(RequestContext(), QString(), QByteArray())
{
}

BrowserContext::BrowserContext(const RequestContext &context, const QString &userAgent,
                               const QByteArray &acceptLanguage)
    : m_context(context)
    , m_page(context.from.adjusted(QUrl::RemoveFragment))
    , m_userAgentSetting(userAgent)
    , m_acceptLanguage(acceptLanguage.isEmpty() ? kDefaultAcceptLanguage : acceptLanguage)
    , m_policy(context.effectiveReferrerPolicy())
{
    if (userAgent.isEmpty()) {
        m_preset = &defaultBrowserPreset();
        m_userAgent = m_preset->userAgent;
    } else {
        m_preset = findUserAgentPreset(userAgent);
        m_userAgent = userAgentValue(userAgent);
    }
    // The referrer of a request a page makes is the page's URL ("client"); a typed one has none.
    m_referrer = context.typed() ? QUrl() : m_page;
}

BrowserContext BrowserContext::navigationFrom(const QUrl &page,
                                              std::optional<ReferrerPolicy> pagePolicy) const
{
    RequestContext context;
    context.from = page;
    context.referrerPolicy = pagePolicy;
    context.userActivated = false;
    return BrowserContext(context, m_userAgentSetting, m_acceptLanguage);
}

QByteArray BrowserContext::serializedOrigin() const
{
    if (m_page.scheme() != QLatin1String("http") && m_page.scheme() != QLatin1String("https"))
        return QByteArrayLiteral("null");  // an opaque origin (a file: or data: page)
    return m_page.scheme().toLatin1() + "://" + hostHeaderValue(m_page);
}

BrowserHop BrowserContext::nextHop(const RequestSpec &request)
{
    BrowserHop hop;
    const QUrl url = request.url.adjusted(QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    const bool first = m_hops == 0;
    const bool navigate = m_context.mode == RequestMode::Navigate;
    const bool trustworthy = isPotentiallyTrustworthy(url);
    if (first)
        m_firstMethod = request.method;
    if (!navigate && !sameOrigin(m_page, url))
        m_corsTainting = true;  // Fetch, main fetch: response tainting "cors" from here on

    const std::optional<QByteArray> origin = originHeader(request, url, hop.notes);
    const QByteArray site = fetchSite(url, trustworthy, hop.notes);
    const QByteArray referrer = referer(url, hop.notes);
    const bool hints = m_preset && m_preset->sendsClientHints() && trustworthy;
    const bool body = !request.body.isEmpty();
    QByteArray contentType;
    if (body) {
        // A form sends its own type; fetch() with a string body says text/plain. A body of another kind
        // on a navigation has no browser equivalent: it goes as octet-stream, as it did before.
        contentType = request.formBody ? QByteArrayLiteral("application/x-www-form-urlencoded")
                      : navigate       ? QByteArrayLiteral("application/octet-stream")
                                       : QByteArrayLiteral("text/plain;charset=UTF-8");
    }

    HeaderList &h = hop.headers;
    // The names are literals: no allocation per header and hop.
    const auto add = [&h](const QByteArray &name, const QByteArray &value) {
        h.append({name, value});
    };
    const auto addClientHints = [&] {
        add(QByteArrayLiteral("sec-ch-ua"), m_preset->clientHintBrands);
        add(QByteArrayLiteral("sec-ch-ua-mobile"),
            m_preset->mobile ? QByteArrayLiteral("?1") : QByteArrayLiteral("?0"));
        add(QByteArrayLiteral("sec-ch-ua-platform"), m_preset->platform);
    };
    const auto addFetchMetadata = [&] {
        add(QByteArrayLiteral("Sec-Fetch-Site"), site);
        add(QByteArrayLiteral("Sec-Fetch-Mode"),
            navigate ? QByteArrayLiteral("navigate") : QByteArrayLiteral("cors"));
        if (navigate && (m_context.typed() || m_context.userActivated))
            add(QByteArrayLiteral("Sec-Fetch-User"), QByteArrayLiteral("?1"));
        add(QByteArrayLiteral("Sec-Fetch-Dest"),
            navigate ? QByteArrayLiteral("document") : QByteArrayLiteral("empty"));
        // Storage Access headers: a credentialed fetch() to another site says it has no storage access.
        if (!navigate && m_context.credentials == CredentialsMode::Include && !sameSite(m_page, url))
            add(QByteArrayLiteral("Sec-Fetch-Storage-Access"), QByteArrayLiteral("none"));
    };
    // The orders are Chromium 156's as measured: a navigation's redirect moves the client hints after the
    // Fetch Metadata (they are computed again), and an Origin that fetch() adds on a redirect goes last.
    if (navigate) {
        if (!isGetOrHead(m_firstMethod))
            add(QByteArrayLiteral("Cache-Control"),
                QByteArrayLiteral("max-age=0"));  // a form submission revalidates
        if (hints && first)
            addClientHints();
        add(QByteArrayLiteral("Upgrade-Insecure-Requests"), QByteArrayLiteral("1"));
        if (body)
            add(QByteArrayLiteral("Content-Type"), contentType);
        add(QByteArrayLiteral("User-Agent"), m_userAgent);
        if (origin)
            add(QByteArrayLiteral("Origin"), *origin);
        add(QByteArrayLiteral("Accept"), kNavigateAccept);
        if (trustworthy)
            addFetchMetadata();
        if (hints && !first)
            addClientHints();
    } else {
        if (hints)
            add(QByteArrayLiteral("sec-ch-ua-platform"), m_preset->platform);
        add(QByteArrayLiteral("User-Agent"), m_userAgent);
        if (hints)
            add(QByteArrayLiteral("sec-ch-ua"), m_preset->clientHintBrands);
        if (body)
            add(QByteArrayLiteral("Content-Type"), contentType);
        if (hints)
            add(QByteArrayLiteral("sec-ch-ua-mobile"),
                m_preset->mobile ? QByteArrayLiteral("?1") : QByteArrayLiteral("?0"));
        add(QByteArrayLiteral("Accept"), QByteArrayLiteral("*/*"));
        if (origin && !first && !m_lastOrigin)
            m_originLate = true;
        if (origin && !m_originLate)
            add(QByteArrayLiteral("Origin"), *origin);
        if (trustworthy)
            addFetchMetadata();
        if (origin && m_originLate)
            add(QByteArrayLiteral("Origin"), *origin);
    }
    const qsizetype customAt = h.size();
    if (!referrer.isEmpty())
        add(QByteArrayLiteral("Referer"), referrer);
    // Chromium offers brotli and zstd only where the connection is encrypted or on the machine itself.
    add(QByteArrayLiteral("Accept-Encoding"),
        trustworthy ? QByteArrayLiteral("gzip, deflate, br, zstd") : QByteArrayLiteral("gzip, deflate"));
    add(QByteArrayLiteral("Accept-Language"), m_acceptLanguage);
    mergeRequestHeaders(h, customAt, request.headers);

    // Credentials: a navigation always sends them; fetch() as its credentials mode says, "same-origin"
    // only while the response tainting is still "basic" (Fetch, HTTP-network-or-cache fetch step 8.4).
    switch (m_context.mode == RequestMode::Navigate ? CredentialsMode::Include : m_context.credentials) {
    case CredentialsMode::Omit:
        m_credentials = false;
        break;
    case CredentialsMode::SameOrigin:
        m_credentials = !m_corsTainting;
        break;
    case CredentialsMode::Include:
        m_credentials = true;
        break;
    }
    hop.cookies.url = request.url;
    hop.cookies.method = request.method;
    hop.cookies.topLevelNavigation = navigate;
    // SameSite against the initiator only: Chromium 156 does not count the redirect chain
    // (kCookieSameSiteConsidersRedirectChain is off; measured: A → B → A sends A's Strict cookies).
    hop.cookies.sameSite = m_context.typed() || sameSite(m_page, url);
    hop.cookies.credentialsAllowed = m_credentials;

    m_lastOrigin = origin;
    m_lastUrl = url;
    ++m_hops;
    return hop;
}

std::optional<QByteArray> BrowserContext::originHeader(const RequestSpec &request, const QUrl &url,
                                                       NoteList &notes)
{
    const bool navigate = m_context.mode == RequestMode::Navigate;
    QString why;
    // A redirect across origins, where it matters (checked first: comparing origins builds strings).
    if (m_hops > 0 && !m_originNull && (navigate ? m_lastOrigin.has_value() : !sameOrigin(m_page, m_lastUrl))
        && !sameOrigin(m_lastUrl, url)) {
        if (navigate) {
            // Chromium (net::URLRequest::Redirect): any cross-origin redirect of a request that has an
            // Origin makes it "null", so that a POST cannot be bounced back to its own origin as if sent
            // from there. Fetch would keep it when the redirect leaves the page's own origin.
            m_originNull = true;
            why = QStringLiteral("the request was redirected from %1 to another origin, %2 (Chromium's rule "
                                 "for navigations)")
                      .arg(originOf(m_lastUrl), originOf(url));
        } else {
            // Fetch, HTTP-redirect fetch step 11: the tainted origin flag.
            m_originNull = true;
            why = QStringLiteral("%1 redirected to another origin, %2, and is not the page's origin (Fetch's "
                                 "tainted origin)")
                      .arg(originOf(m_lastUrl), originOf(url));
        }
    }
    std::optional<QByteArray> origin;
    if (navigate) {
        // A GET navigation never says where it comes from. Nor does a typed one: no page started it
        // (Fetch would say "null" for the browser's opaque origin; no real browser types a POST, and a
        // form is --from).
        if (isGetOrHead(request.method) || m_context.typed())
            return std::nullopt;
        if (m_originNull) {
            origin = QByteArrayLiteral("null");
        } else if (referrerPolicyHidesOrigin(m_policy, m_page, url)) {
            origin = QByteArrayLiteral("null");
            why = QStringLiteral("the referrer policy %1 hides the page's origin %2 from %3 (Fetch, append a "
                                 "request Origin header)")
                      .arg(referrerPolicyName(m_policy), originOf(m_page), originOf(url));
        } else {
            origin = serializedOrigin();
        }
    } else {
        // fetch(): every CORS request (once the chain left the page's origin) and every non-GET says its
        // origin. Chromium ignores the referrer policy here (measured: no-referrer, same-origin POST).
        if (!m_corsTainting && isGetOrHead(request.method))
            return std::nullopt;
        origin = m_originNull ? QByteArrayLiteral("null") : serializedOrigin();
    }
    if (origin == "null" && m_lastOrigin != origin && !why.isEmpty())
        notes.append({NoteCode::OriginNull, QStringLiteral("Origin: null: %1").arg(why)});
    return origin;
}

QByteArray BrowserContext::fetchSite(const QUrl &url, bool sent, NoteList &notes)
{
    QByteArray value = QByteArrayLiteral("none");  // typed: the user, not a page, started it
    if (!m_context.typed()) {
        const SiteRelation own = siteRelation(m_page, url);
        m_site = qMax(m_site, own);
        value = siteRelationName(m_site);
        const QByteArray before =
            m_lastFetchSite.isEmpty() ? QByteArrayLiteral("same-origin") : m_lastFetchSite;
        if (sent && m_site != own) {
            notes.append(
                {NoteCode::FetchSite,
                 QStringLiteral("Sec-Fetch-Site: %1, though %2 is %3 with the page %4: an earlier URL "
                                "of the chain was %1, and the value never becomes more trusted")
                     .arg(text(value), originOf(url), text(siteRelationName(own)), originOf(m_page))});
        } else if (sent && value != before) {
            notes.append({NoteCode::FetchSite, QStringLiteral("Sec-Fetch-Site: %1: %2 is %1 with the page %3")
                                                   .arg(text(value), originOf(url), originOf(m_page))});
        }
    }
    if (sent != m_lastMetadataSent) {
        notes.append(
            {NoteCode::FetchSite,
             sent
                 ? QStringLiteral("Sec-Fetch-* sent again: %1 is potentially trustworthy").arg(originOf(url))
                 : QStringLiteral("No Sec-Fetch-* headers: Chromium sends Fetch Metadata only to potentially "
                                  "trustworthy URLs (https, localhost, 127.0.0.0/8, ::1), and %1 is not one")
                       .arg(originOf(url))});
    }
    m_lastMetadataSent = sent;
    m_lastFetchSite = sent ? value : QByteArray();
    return value;
}

QByteArray BrowserContext::referer(const QUrl &url, NoteList &notes)
{
    if (m_referrer.isEmpty())
        return {};
    const QUrl before = m_referrer;
    m_referrer = determineReferrer(before, m_policy, url);
    const QString policy = referrerPolicyName(m_policy);
    if (m_referrer.isEmpty()) {
        notes.append({NoteCode::ReferrerRemoved,
                      QStringLiteral("No Referer: the referrer policy %1 gives no referrer from %2 to %3; it "
                                     "does not come back on later hops")
                          .arg(policy, text(before), text(url))});
        return {};
    }
    if (m_referrer != stripReferrer(before, false)) {
        notes.append(
            {NoteCode::ReferrerTrimmed,
             QStringLiteral("Referer trimmed to %1: the referrer policy %2 sends only the origin of %3 "
                            "to %4; it stays trimmed on later hops")
                 .arg(text(m_referrer), policy, text(before), originOf(url))});
    }
    return m_referrer.toEncoded();
}

void BrowserContext::redirected(const HeaderList &responseHeaders, NoteList &notes)
{
    const QList<QByteArray> values = headerValues(responseHeaders, "Referrer-Policy");
    if (values.isEmpty())
        return;
    const std::optional<ReferrerPolicy> policy = parseReferrerPolicyHeader(values.join(','));
    if (!policy || *policy == m_policy)
        return;
    notes.append({NoteCode::ReferrerPolicySet,
                  QStringLiteral("Referrer-Policy: %1 on this redirect replaces %2 for the rest of the chain")
                      .arg(referrerPolicyName(*policy), referrerPolicyName(m_policy))});
    m_policy = *policy;
}

std::optional<QString> BrowserContext::corsFailure(const HeaderList &responseHeaders) const
{
    if (m_context.mode != RequestMode::Fetch || !m_corsTainting)
        return std::nullopt;
    const QByteArray origin = m_originNull ? QByteArrayLiteral("null") : serializedOrigin();
    const QString from =
        QStringLiteral("fetch() of %1 from the origin %2 blocked").arg(text(m_lastUrl), text(origin));
    const bool include = m_context.credentials == CredentialsMode::Include;
    const QList<QByteArray> allowOrigin = headerValues(responseHeaders, "Access-Control-Allow-Origin");
    if (allowOrigin.isEmpty())
        return QStringLiteral("CORS: %1: the response has no Access-Control-Allow-Origin header").arg(from);
    // Fetch's CORS check reads the header as one value (several lines are joined with ", ").
    const QByteArray allowed = allowOrigin.join(", ").trimmed();
    if (allowed == "*" && include) {
        return QStringLiteral("CORS: %1: Access-Control-Allow-Origin is '*', which does not allow a request "
                              "with credentials 'include'")
            .arg(from);
    }
    if (allowed != "*" && allowed != origin) {
        if (allowOrigin.size() > 1 || allowed.contains(',')) {
            return QStringLiteral("CORS: %1: Access-Control-Allow-Origin has several values ('%2'); it must "
                                  "name one origin")
                .arg(from, text(allowed));
        }
        return QStringLiteral("CORS: %1: Access-Control-Allow-Origin is '%2', not '%3'")
            .arg(from, text(allowed), text(origin));
    }
    if (!include)
        return std::nullopt;
    const QList<QByteArray> allowCredentials =
        headerValues(responseHeaders, "Access-Control-Allow-Credentials");
    const QByteArray credentials = allowCredentials.join(", ").trimmed();
    if (credentials != "true") {
        return QStringLiteral("CORS: %1: credentials 'include' needs Access-Control-Allow-Credentials: true, "
                              "and the response has %2")
            .arg(from, allowCredentials.isEmpty() ? QStringLiteral("none")
                                                  : QStringLiteral("'%1'").arg(text(credentials)));
    }
    return std::nullopt;
}

QString browserBodyRefusal(const RequestSpec &request)
{
    if (!isGetOrHead(request.method) || request.body.isEmpty())
        return {};
    return QStringLiteral(
               "A browser cannot send a body with %1: fetch() refuses such a request before sending "
               "it (the curl profile sends it)")
        .arg(QString::fromLatin1(request.method));
}

}  // namespace Rwb
