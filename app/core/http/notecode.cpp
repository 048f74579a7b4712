#include "core/http/notecode.h"

#include <array>
#include <iterator>

namespace Rwb {

namespace {

struct Entry {
    NoteCode code;
    const char *name;
};

// The one place a code meets its string. The strings are part of the trace format: never rename one.
constexpr Entry kTable[] = {
    {NoteCode::Edited, "edited"},
    {NoteCode::CredentialsFromUrl, "credentials-from-url"},
    {NoteCode::CookieSeeded, "cookie-seeded"},
    {NoteCode::CookieSent, "cookie-sent"},
    {NoteCode::TlsErrorAccepted, "tls-error-accepted"},
    {NoteCode::HeadReceived, "head-received"},
    {NoteCode::CookieStored, "cookie-stored"},
    {NoteCode::CookieRejected, "cookie-rejected"},
    {NoteCode::CookieIgnored, "cookie-ignored"},
    {NoteCode::HstsUpgrade, "hsts-upgrade"},
    {NoteCode::HstsStored, "hsts-stored"},
    {NoteCode::HstsCleared, "hsts-cleared"},
    {NoteCode::HstsIgnored, "hsts-ignored"},
    {NoteCode::LocationMissing, "location-missing"},
    {NoteCode::LocationEmpty, "location-empty"},
    {NoteCode::LocationMultiple, "location-multiple"},
    {NoteCode::LocationTrimmed, "location-trimmed"},
    {NoteCode::LocationBackslash, "location-backslash"},
    {NoteCode::LocationEncoded, "location-encoded"},
    {NoteCode::LocationDecoded, "location-decoded"},
    {NoteCode::InvalidLocation, "invalid-location"},
    {NoteCode::FragmentInherited, "fragment-inherited"},
    {NoteCode::FragmentDropped, "fragment-dropped"},
    {NoteCode::NotFollowed, "not-followed"},
    {NoteCode::BlockedScheme, "blocked-scheme"},
    {NoteCode::TooManyRedirects, "too-many-redirects"},
    {NoteCode::MethodChanged, "method-changed"},
    {NoteCode::MethodKept, "method-kept"},
    {NoteCode::BodyDropped, "body-dropped"},
    {NoteCode::HeaderRemoved, "header-removed"},
    {NoteCode::CrossOrigin, "cross-origin"},
    {NoteCode::Downgrade, "downgrade"},
    {NoteCode::CredentialsRemoved, "credentials-removed"},
    {NoteCode::CredentialsKept, "credentials-kept"},
    {NoteCode::CredentialsRestored, "credentials-restored"},
    {NoteCode::Loop, "loop"},
    {NoteCode::Redirect, "redirect"},
    {NoteCode::ReferrerTrimmed, "referrer-trimmed"},
    {NoteCode::ReferrerRemoved, "referrer-removed"},
    {NoteCode::ReferrerPolicySet, "referrer-policy-set"},
    {NoteCode::OriginNull, "origin-null"},
    {NoteCode::FetchSite, "fetch-site"},
    {NoteCode::CorsBlocked, "cors-blocked"},
    {NoteCode::BodyRefused, "body-refused"},
    {NoteCode::HeaderSuppressed, "header-suppressed"},
    {NoteCode::HeaderAdded, "header-added"},
    {NoteCode::CookieNotSent, "cookie-not-sent"},
    {NoteCode::CookieDeleted, "cookie-deleted"},
    {NoteCode::CookiePreset, "cookie-preset"},
    {NoteCode::RefreshFollowed, "refresh-followed"},
    {NoteCode::RefreshNotFollowed, "refresh-not-followed"},
    {NoteCode::ScriptRedirect, "script-redirect"},
    {NoteCode::RequestRefused, "request-refused"},
    {NoteCode::HeadTooLarge, "head-too-large"},
    {NoteCode::AddressOverride, "address-override"},
    {NoteCode::CertificateExpiring, "certificate-expiring"},
    {NoteCode::ViaProxy, "via-proxy"},
};

constexpr std::size_t kCount = std::size(kTable);

// Row i is the code with value i, and every code before Other has a row: then int(code) indexes the table.
constexpr bool coversEveryCodeInOrder()
{
    for (std::size_t i = 0; i < kCount; ++i) {
        if (std::size_t(kTable[i].code) != i)
            return false;
    }
    return kCount == std::size_t(NoteCode::Other);
}
static_assert(coversEveryCodeInOrder(), "kTable lists every NoteCode but Other once, in the enum's order");

// The strings as QStrings, made once: names are asked for on every note made and compared.
const std::array<QString, kCount> &names()
{
    static const std::array<QString, kCount> strings = [] {
        std::array<QString, kCount> out;
        for (std::size_t i = 0; i < kCount; ++i)
            out[i] = QLatin1String(kTable[i].name);
        return out;
    }();
    return strings;
}

}  // namespace

QString noteCodeName(NoteCode code)
{
    const auto i = std::size_t(code);
    return i < kCount ? names()[i] : QString();
}

NoteCode noteCodeFromName(QStringView name)
{
    for (const Entry &e : kTable) {
        if (name == QLatin1String(e.name))
            return e.code;
    }
    return NoteCode::Other;
}

QList<NoteCode> allNoteCodes()
{
    QList<NoteCode> out;
    out.reserve(qsizetype(kCount));
    for (const Entry &e : kTable)
        out.append(e.code);
    return out;
}

bool isCookieNoteCode(QStringView name)
{
    return name.startsWith(QLatin1String("cookie-"));
}

}  // namespace Rwb
