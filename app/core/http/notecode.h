#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace Rwb {

// What a note says was decided. The stable strings ("method-changed", ...) are written into trace JSON
// and read back: they live in one table (notecode.cpp) and never change. New codes go before Other (a
// static_assert there checks that the table covers every code, in this order).
enum class NoteCode {
    // Sending a request
    Edited,
    CredentialsFromUrl,
    CookieSeeded,
    CookieSent,
    TlsErrorAccepted,
    HeadReceived,
    // The cookie jar and HSTS on a response
    CookieStored,
    CookieRejected,
    CookieIgnored,
    HstsUpgrade,
    HstsStored,
    HstsCleared,
    HstsIgnored,
    // Reading Location
    LocationMissing,
    LocationEmpty,
    LocationMultiple,
    LocationTrimmed,
    LocationBackslash,
    LocationEncoded,
    LocationDecoded,
    InvalidLocation,
    FragmentInherited,
    FragmentDropped,
    // The redirect decision
    NotFollowed,
    BlockedScheme,
    TooManyRedirects,
    MethodChanged,
    MethodKept,
    BodyDropped,
    HeaderRemoved,
    CrossOrigin,
    Downgrade,
    CredentialsRemoved,
    CredentialsKept,
    CredentialsRestored,
    Loop,
    Redirect,
    // Request context (browser profile): Referer, Origin, Fetch Metadata, CORS, the request's own checks
    ReferrerTrimmed,
    ReferrerRemoved,
    ReferrerPolicySet,
    OriginNull,
    FetchSite,
    CorsBlocked,
    BodyRefused,
    HeaderSuppressed,
    HeaderAdded,
    // Cookies as the profile's client keeps them
    CookieNotSent,
    CookieDeleted,
    CookiePreset,
    // Refresh (the Refresh header, <meta http-equiv="refresh">) and script navigations
    RefreshFollowed,
    RefreshNotFollowed,
    ScriptRedirect,
    // Sending a request: a method or header that is not valid on the wire; nothing was sent
    RequestRefused,
    // Reading a response: a head bigger than the profile's client reads (the hop ends without a response)
    HeadTooLarge,
    // Connecting: --connect-to or --resolve sent the connection somewhere other than the URL's host:port
    AddressOverride,
    // TLS: a certificate of the server's chain ends within 30 days (or has ended)
    CertificateExpiring,
    // Connecting: the request went through a proxy (from --proxy, the environment or the system's settings)
    ViaProxy,
    // A code this version does not know (a trace from another version): the note keeps its string.
    Other,
};

// The stable string of a code; empty for Other.
QString noteCodeName(NoteCode code);
// The code a stable string names; Other for any string this version does not know.
NoteCode noteCodeFromName(QStringView name);
// Every code but Other, in the enum's order.
QList<NoteCode> allNoteCodes();
// A decision of the cookie jar: every "cookie-" code, those of later versions included.
bool isCookieNoteCode(QStringView name);

}  // namespace Rwb
