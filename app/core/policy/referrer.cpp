#include "core/policy/referrer.h"

#include "core/http/origin.h"
#include "core/http/site.h"

namespace Rwb {

namespace {

bool isHttpUrl(const QUrl &url)
{
    return url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https");
}

// From a potentially trustworthy URL to one that is not: what the "strict" policies and
// no-referrer-when-downgrade refuse.
bool downgrades(const QUrl &from, const QUrl &to)
{
    return isPotentiallyTrustworthy(from) && !isPotentiallyTrustworthy(to);
}

}  // namespace

QUrl stripReferrer(const QUrl &url, bool originOnly)
{
    if (!isHttpUrl(url))
        return {};
    QUrl stripped = url.adjusted(QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    removeDefaultPort(stripped);
    if (originOnly) {
        stripped.setPath(QStringLiteral("/"));
        stripped.setQuery(QString());
    } else if (stripped.path().isEmpty()) {
        stripped.setPath(QStringLiteral("/"));  // the URL serializer writes the empty path of http as "/"
    }
    return stripped;
}

QUrl determineReferrer(const QUrl &referrer, ReferrerPolicy policy, const QUrl &target)
{
    if (referrer.isEmpty())
        return {};
    QUrl url = stripReferrer(referrer, false);
    const QUrl origin = stripReferrer(referrer, true);
    if (url.isEmpty())
        return {};
    // §8.3 step 6: a referrer longer than 4096 bytes is cut to its origin.
    if (url.toEncoded().size() > 4096)
        url = origin;
    const bool same = sameOrigin(url, target);
    switch (policy) {
    case ReferrerPolicy::NoReferrer:
        return {};
    case ReferrerPolicy::Origin:
        return origin;
    case ReferrerPolicy::UnsafeUrl:
        return url;
    case ReferrerPolicy::StrictOrigin:
        return downgrades(url, target) ? QUrl() : origin;
    case ReferrerPolicy::StrictOriginWhenCrossOrigin:
        if (same)
            return url;
        return downgrades(url, target) ? QUrl() : origin;
    case ReferrerPolicy::SameOrigin:
        return same ? url : QUrl();
    case ReferrerPolicy::OriginWhenCrossOrigin:
        return same ? url : origin;
    case ReferrerPolicy::NoReferrerWhenDowngrade:
        return downgrades(url, target) ? QUrl() : url;
    }
    return {};
}

bool referrerPolicyHidesOrigin(ReferrerPolicy policy, const QUrl &origin, const QUrl &target)
{
    switch (policy) {
    case ReferrerPolicy::NoReferrer:
        return true;
    case ReferrerPolicy::NoReferrerWhenDowngrade:
    case ReferrerPolicy::StrictOrigin:
    case ReferrerPolicy::StrictOriginWhenCrossOrigin:
        // Fetch compares schemes here, not trustworthiness as the referrer rules above do.
        return origin.scheme() == QLatin1String("https") && target.scheme() != QLatin1String("https");
    case ReferrerPolicy::SameOrigin:
        return !sameOrigin(origin, target);
    case ReferrerPolicy::Origin:
    case ReferrerPolicy::OriginWhenCrossOrigin:
    case ReferrerPolicy::UnsafeUrl:
        return false;
    }
    return false;
}

}  // namespace Rwb
