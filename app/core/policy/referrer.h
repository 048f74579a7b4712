#pragma once

#include "core/http/requestcontext.h"

#include <QUrl>

namespace Rwb {

// Referrer Policy (W3C) §8.3, "determine request's referrer": the referrer a request to `target` carries,
// from the request's referrer so far and its policy. An empty URL is "no referrer" (in and out). Fetch's
// main fetch runs it again on every redirect with the result of the hop before, so a referrer trimmed to
// its origin never grows back and one removed never comes back.
QUrl determineReferrer(const QUrl &referrer, ReferrerPolicy policy, const QUrl &target);

// Referrer Policy §8.4, "strip url for use as a referrer": no fragment, no user info; with `originOnly`,
// the origin with an empty path ("https://a.test/"). Empty for a URL that is not http or https.
QUrl stripReferrer(const QUrl &url, bool originOnly);

// Fetch, "append a request Origin header", for a request that is not CORS: whether the policy hides the
// request's origin from `target` (the header then says "null").
bool referrerPolicyHidesOrigin(ReferrerPolicy policy, const QUrl &origin, const QUrl &target);

}  // namespace Rwb
