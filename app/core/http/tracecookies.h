#pragma once

#include "core/http/trace.h"

#include <memory>

class QNetworkCookieJar;

namespace Rwb {

// The cookie jar of one trace, on Qt's QNetworkCookieJar, with a note for every cookie stored or sent.
// The engine sets the Cookie header itself (QNAM's automatic cookie handling is off) so that the header
// is recorded like every other.
class TraceCookies
{
public:
    TraceCookies();
    ~TraceCookies();
    TraceCookies(const TraceCookies &) = delete;
    TraceCookies &operator=(const TraceCookies &) = delete;

    // Puts the name=value pairs of Cookie header values into the jar for url's host (as a browser's
    // cookies would be there already).
    void seed(const QList<QByteArray> &cookieHeaderValues, const QUrl &url);
    // The Cookie header for a request to url (empty when the jar has none), noting what is sent.
    QByteArray headerFor(const QUrl &url, NoteList &notes) const;
    // Stores the Set-Cookie lines of a response to requestUrl, noting each cookie stored or rejected.
    void store(const QList<QByteArray> &setCookieLines, const QUrl &requestUrl, bool fromRedirect,
               NoteList &notes);

private:
    std::unique_ptr<QNetworkCookieJar> m_jar;
};

}  // namespace Rwb
