#pragma once

#include "core/http/cookierequest.h"
#include "core/http/requestcontext.h"
#include "core/http/site.h"
#include "core/http/trace.h"

#include <optional>

namespace Rwb {

struct UserAgentPreset;

// What the browser's request context makes of one request of a chain.
struct BrowserHop {
    // Every header the browser sends but Host, Connection, Content-Length and Cookie (the engine's), in
    // Chromium 156's order over HTTP/1.1. The request's own headers are merged in: one the browser sends
    // too replaces it in place, the others go before Referer.
    HeaderList headers;
    CookieRequest cookies;  // what the cookie jar needs to decide for this request
    NoteList notes;         // each context decision that changed something
};

// The browser profile's request context over one chain (Fetch, Referrer Policy, Fetch Metadata, as
// Chromium 156 does them; docs/spec/request-context.md): where the chain started, and what the chain so
// far changed (the referrer, a tainted Origin, the least trusted site seen, the referrer policy set by a
// redirect). Pure: no I/O, no clock. Each call is O(1) in the length of the chain.
class BrowserContext
{
public:
    // A typed navigation with the default User-Agent and Accept-Language.
    BrowserContext();
    // `userAgent`: a preset's name or the string itself (empty: "chrome"); `acceptLanguage` empty: the
    // default "en-US,en;q=0.9".
    BrowserContext(const RequestContext &context, const QString &userAgent, const QByteArray &acceptLanguage);

    // A new navigation the page `page` starts by itself (a Refresh header, a meta refresh, a script): no
    // user activation, the page's referrer policy (its Referrer-Policy; unset: the default), a chain of
    // its own; the same User-Agent and Accept-Language. Chromium 156 measured: the first-request header
    // order again, Referer the page's URL, Sec-Fetch-Site relative to the page, no Sec-Fetch-User.
    BrowserContext navigationFrom(const QUrl &page, std::optional<ReferrerPolicy> pagePolicy) const;

    const RequestContext &context() const { return m_context; }
    ReferrerPolicy referrerPolicy() const { return m_policy; }

    // The next request of the chain (the first, or the next after a redirect): its headers, its cookie
    // request and the notes. Its URL joins the chain.
    BrowserHop nextHop(const RequestSpec &request);
    // A redirect response to the last request, before the next one: its Referrer-Policy header, when it
    // names a policy, sets the policy of the rest of the chain.
    void redirected(const HeaderList &responseHeaders, NoteList &notes);
    // fetch(): Fetch's CORS check of the response to the last request (redirects included). The reason,
    // "CORS: ...", when it fails; nothing when it passes or needs no check (navigations, same origin).
    // Only "simple" requests are modelled: a request that needs a preflight (a method other than
    // GET/HEAD/POST, headers outside the safelist) is sent without one.
    std::optional<QString> corsFailure(const HeaderList &responseHeaders) const;
    // The credentials mode let cookies go with the last request (and be stored from its response).
    bool credentialsAllowed() const { return m_credentials; }

private:
    std::optional<QByteArray> originHeader(const RequestSpec &request, const QUrl &url, NoteList &notes);
    QByteArray fetchSite(const QUrl &url, bool sent, NoteList &notes);
    QByteArray referer(const QUrl &url, NoteList &notes);
    QByteArray serializedOrigin() const;

    RequestContext m_context;
    QUrl m_page;  // the page the request starts from, without fragment; empty: typed
    QString m_userAgentSetting;
    const UserAgentPreset *m_preset = nullptr;  // null: a custom User-Agent (no client hints)
    QByteArray m_userAgent;
    QByteArray m_acceptLanguage;
    ReferrerPolicy m_policy = ReferrerPolicy::StrictOriginWhenCrossOrigin;
    QUrl m_referrer;  // the request's referrer so far; empty: no referrer
    QUrl m_lastUrl;   // the URL of the last request
    QByteArray m_firstMethod;
    int m_hops = 0;
    SiteRelation m_site = SiteRelation::SameOrigin;  // least trusted relation of the chain to the page
    QByteArray m_lastFetchSite;                      // Sec-Fetch-Site of the last request; empty: not sent
    bool m_lastMetadataSent = true;
    bool m_originNull = false;    // navigate: a cross-origin redirect; fetch: Fetch's tainted origin flag
    bool m_corsTainting = false;  // fetch: response tainting "cors" (the chain left the page's origin)
    std::optional<QByteArray> m_lastOrigin;  // the Origin of the last request
    bool m_originLate = false;               // fetch: Origin first sent after a redirect
    bool m_credentials = true;
};

// A browser sends no body with GET or HEAD: fetch()'s new Request() throws before anything is sent. The
// reason when the request is such, else empty.
QString browserBodyRefusal(const RequestSpec &request);

}  // namespace Rwb
