#pragma once

#include "core/http/cookierequest.h"
#include "core/http/requestcontext.h"
#include "core/http/trace.h"

#include <QDateTime>

#include <functional>
#include <memory>

namespace Rwb {

// Whose cookie rules a jar follows.
enum class CookieRules {
    // RFC 6265bis as Chromium 156 implements it: SameSite (Lax by default, with the two-minute allowance
    // for a top-level POST), Secure only from and to potentially trustworthy origins, prefixes, third-party
    // cookies blocked on cross-site subresource requests.
    Chromium,
    // curl 7.88.1's cookie engine: no SameSite, Secure only over https or to localhost, 127.0.0.1 and ::1,
    // the prefixes, its own Cookie header order.
    Curl,
};

// The cookie jar of one trace, with a note for every decision: each cookie stored, rejected, deleted,
// sent or held back, named in the note's subject, with the rule in its reason. The engine sets the Cookie
// header itself (QNAM's automatic cookie handling is off) so that the header is recorded like every other.
//
// Qt parses each Set-Cookie line (QNetworkCookie) and checks a Domain attribute against the public suffix
// list (QNetworkCookieJar::validateCookie); what Qt lacks (SameSite and its defaults, the prefixes, Secure
// and the localhost exception, Max-Age against an injectable clock, the size limits, the order of the
// Cookie header, deletion and overwriting by name, domain and path) is written here by hand.
class TraceCookies
{
public:
    using Clock = std::function<QDateTime()>;

    // An empty clock is the system's (UTC).
    explicit TraceCookies(CookieRules rules = CookieRules::Chromium, Clock clock = {});
    ~TraceCookies();
    TraceCookies(const TraceCookies &) = delete;
    TraceCookies &operator=(const TraceCookies &) = delete;

    CookieRules rules() const { return m_rules; }

    // Puts the name=value pairs of Cookie header values into the jar for url's host (host-only, path /,
    // no attributes), as a browser's cookies would be there already.
    void seed(const QList<QByteArray> &cookieHeaderValues, const QUrl &url);
    // Stores a cookie given before the chain starts as if its URL's response had set it (cookie-preset
    // note; a cookie the rules refuse gets a cookie-rejected note).
    void preset(const PresetCookie &cookie, NoteList &notes);
    // The Cookie header for a request (empty when nothing goes), noting each cookie sent or held back.
    QByteArray headerFor(const CookieRequest &request, NoteList &notes);
    // Stores the Set-Cookie lines of the response to `request`, noting each cookie stored, rejected or
    // deleted.
    void store(const QList<QByteArray> &setCookieLines, const CookieRequest &request, bool fromRedirect,
               NoteList &notes);

    // The cookies in the jar (expired ones removed first), "name=value" in the order the jar keeps them.
    QList<QByteArray> contents();

private:
    // What RFC 6265bis §5.7 keeps of a cookie (the storage model), with Chromium's SameSite "unspecified".
    enum class SameSite { Unspecified, None, Lax, Strict };
    struct Cookie {
        QByteArray name;
        QByteArray value;
        QString domain;  // lower case, no leading dot
        bool hostOnly = true;
        QString path;
        QDateTime expiry;  // invalid: a session cookie
        bool secure = false;
        bool httpOnly = false;
        SameSite sameSite = SameSite::Unspecified;
        QDateTime creation;
        qint64 sequence = 0;  // creation order where the clock does not tell them apart
    };
    enum class Origin { Response, Preset };
    void storeLine(const QByteArray &received, const CookieRequest &request, Origin origin, bool fromRedirect,
                   NoteList &notes);
    void purgeExpired();
    QDateTime now() const;

    CookieRules m_rules;
    Clock m_clock;
    QList<Cookie> m_cookies;
    qint64 m_nextSequence = 0;
};

}  // namespace Rwb
