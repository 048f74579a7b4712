#pragma once

#include <QByteArray>
#include <QUrl>

namespace Rwb {

// What the cookie jar needs to know about a request to decide which cookies go with it (RFC 6265bis
// §5.8.3 as Chromium implements it). The engine fills it from the request context and the chain so far.
struct CookieRequest {
    QUrl url;
    QByteArray method = QByteArrayLiteral("GET");
    // A top-level navigation (the browser's navigate mode), not a fetch() or a subresource.
    bool topLevelNavigation = true;
    // The request is same-site for cookies: its initiator (the page it starts from, none when typed) is
    // same-site with the URL, and, where Chromium counts the redirect chain, so was every URL before.
    bool sameSite = true;
    // The credentials mode lets cookies go with this request (fetch's omit, or same-origin across origins,
    // says no).
    bool credentialsAllowed = true;
};

}  // namespace Rwb
