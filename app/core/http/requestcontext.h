#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace Rwb {

// Where a chain starts and how, for the browser profile (Fetch's request context). The curl and strict
// profiles ignore it. Names as the trace JSON and the command line spell them live in one table each
// (requestcontext.cpp).

// Fetch's request mode: a navigation of the top-level document, or fetch() from a page.
enum class RequestMode { Navigate, Fetch };
// fetch()'s credentials mode: whether cookies (and HTTP authentication) go with the request.
enum class CredentialsMode { Omit, SameOrigin, Include };
// Referrer Policy (W3C), the eight values; the default of a page is StrictOriginWhenCrossOrigin.
enum class ReferrerPolicy {
    NoReferrer,
    NoReferrerWhenDowngrade,
    SameOrigin,
    Origin,
    StrictOrigin,
    OriginWhenCrossOrigin,
    StrictOriginWhenCrossOrigin,
    UnsafeUrl,
};

QString requestModeName(RequestMode mode);
std::optional<RequestMode> requestModeFromName(QStringView name);
QString credentialsModeName(CredentialsMode mode);
std::optional<CredentialsMode> credentialsModeFromName(QStringView name);
QString referrerPolicyName(ReferrerPolicy policy);
std::optional<ReferrerPolicy> referrerPolicyFromName(QStringView name);
const QList<ReferrerPolicy> &allReferrerPolicies();
// The policy a Referrer-Policy header value sets: the last value the browser knows in the comma-separated
// list (unknown ones are skipped, so that new values can be listed before a fallback); none when no value
// is known.
std::optional<ReferrerPolicy> parseReferrerPolicyHeader(QByteArrayView value);

struct RequestContext {
    // The page the request starts from: a link, a form, a script on that page. Empty: typed into the
    // address bar or opened from a bookmark (no initiator).
    QUrl from;
    RequestMode mode = RequestMode::Navigate;
    CredentialsMode credentials = CredentialsMode::SameOrigin;  // fetch only
    // The page's referrer policy; unset: the default (strict-origin-when-cross-origin).
    std::optional<ReferrerPolicy> referrerPolicy;
    // The navigation had a user activation (a click): Sec-Fetch-User: ?1. A script's location change has
    // none. Typed navigations always have one.
    bool userActivated = true;

    bool typed() const { return from.isEmpty(); }
    ReferrerPolicy effectiveReferrerPolicy() const
    {
        return referrerPolicy.value_or(ReferrerPolicy::StrictOriginWhenCrossOrigin);
    }
    // True when every field has its default (a typed navigation): then it is left out of files.
    bool isDefault() const;
    friend bool operator==(const RequestContext &a, const RequestContext &b)
    {
        return a.from == b.from && a.mode == b.mode && a.credentials == b.credentials
               && a.referrerPolicy == b.referrerPolicy && a.userActivated == b.userActivated;
    }
};

// A cookie present before the chain starts, as if `url`'s response had set it with `setCookie` (a
// Set-Cookie header value) just before.
struct PresetCookie {
    QUrl url;
    QByteArray setCookie;
    friend bool operator==(const PresetCookie &a, const PresetCookie &b)
    {
        return a.url == b.url && a.setCookie == b.setCookie;
    }
};
// "URL SET-COOKIE-VALUE" as --preset-cookie takes it; an error names what is wrong.
std::optional<PresetCookie> parsePresetCookie(const QString &text, QString *error);
QString presetCookieText(const PresetCookie &cookie);

// How a hop was reached: the first request, a redirect, the browser's own HSTS upgrade, or a refresh.
enum class HopVia { Request, Redirect, Hsts, RefreshHeader, MetaRefresh };
QString hopViaName(HopVia via);
std::optional<HopVia> hopViaFromName(QStringView name);

}  // namespace Rwb
