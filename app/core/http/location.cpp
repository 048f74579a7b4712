#include "core/http/location.h"

#include "core/http/origin.h"

#include <QRegularExpression>

namespace Rwb {

namespace {

bool isSpecialScheme(const QString &scheme)
{
    return scheme == QLatin1String("http") || scheme == QLatin1String("https");
}

// Percent-encodes what the WHATWG URL parser encodes: C0 controls, space, non-ASCII (as UTF-8) and the
// extra characters of the component's encode set. '%' is left alone. Written by hand: QUrl's tolerant
// mode encodes a different set (it rewrites a lone '%' and leaves some of these bytes raw).
QString percentEncode(const QString &part, QLatin1String extra)
{
    QString out;
    const QByteArray utf8 = part.toUtf8();
    out.reserve(utf8.size());
    for (char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c >= 0x7f || extra.contains(QLatin1Char(ch))) {
            out += QLatin1Char('%') + QString::number(c, 16).toUpper().rightJustified(2, QLatin1Char('0'));
        } else {
            out += QLatin1Char(ch);
        }
    }
    return out;
}

// UTF-8 decoding as the Encoding Standard does it ("UTF-8 decode without BOM"): each maximal invalid
// subpart becomes one U+FFFD. QString::fromUtf8 gives one U+FFFD per byte of a truncated sequence
// ("\xE2\x82" gives two), so it is not used here.
QString decodeUtf8(const QByteArray &bytes, bool *replaced)
{
    QList<char32_t> out;
    out.reserve(bytes.size());
    char32_t cp = 0;
    int needed = 0, seen = 0;
    unsigned lower = 0x80, upper = 0xBF;
    *replaced = false;
    auto fail = [&] {
        out.append(0xFFFD);
        *replaced = true;
    };
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto b = static_cast<unsigned char>(bytes.at(i));
        if (needed == 0) {
            if (b <= 0x7F) {
                out.append(b);
            } else if (b >= 0xC2 && b <= 0xDF) {
                needed = 1;
                cp = b & 0x1FU;
            } else if (b >= 0xE0 && b <= 0xEF) {
                lower = b == 0xE0 ? 0xA0 : 0x80;
                upper = b == 0xED ? 0x9F : 0xBF;
                needed = 2;
                cp = b & 0xFU;
            } else if (b >= 0xF0 && b <= 0xF4) {
                lower = b == 0xF0 ? 0x90 : 0x80;
                upper = b == 0xF4 ? 0x8F : 0xBF;
                needed = 3;
                cp = b & 0x7U;
            } else {
                fail();
            }
            continue;
        }
        if (b < lower || b > upper) {
            cp = 0;
            needed = seen = 0;
            lower = 0x80;
            upper = 0xBF;
            fail();
            --i;  // the byte starts over
            continue;
        }
        lower = 0x80;
        upper = 0xBF;
        cp = (cp << 6) | (b & 0x3FU);
        if (++seen == needed) {
            out.append(cp);
            cp = 0;
            needed = seen = 0;
        }
    }
    if (needed != 0)
        fail();
    return QString::fromUcs4(out.constData(), out.size());
}

// What the WHATWG URL serializer and curl's URL API both do to an http(s) URL: an empty path is "/".
void normalizeEmptyPath(QUrl &url)
{
    if (isSpecialScheme(url.scheme()) && url.path().isEmpty())
        url.setPath(QStringLiteral("/"));
}

// Splits a URL string into before-query, query (with '?') and fragment (with '#').
struct Parts {
    QString head, query, fragment;
    bool hasFragment = false;
};

Parts splitParts(const QString &s)
{
    Parts p;
    const qsizetype hash = s.indexOf(QLatin1Char('#'));
    QString rest = s;
    if (hash >= 0) {
        p.fragment = s.mid(hash);
        p.hasFragment = true;
        rest = s.left(hash);
    }
    const qsizetype q = rest.indexOf(QLatin1Char('?'));
    if (q >= 0) {
        p.query = rest.mid(q);
        rest = rest.left(q);
    }
    p.head = rest;
    return p;
}

const QRegularExpression &schemeRe()
{
    static const QRegularExpression re(QStringLiteral("^([A-Za-z][A-Za-z0-9+.\\-]*):"));
    return re;
}

enum class FragmentRule {
    Inherit,       // RFC 9110 §10.2.2, Fetch: no fragment in Location keeps the previous URL's
    NotInherited,  // curl: only a fragment in Location itself is kept (never sent)
};

QUrl finishResolution(const QUrl &base, const QUrl &relative, FragmentRule rule, bool refHasFragment,
                      LocationResult &result)
{
    QUrl target = base.resolved(relative);
    if (!target.isValid() || target.scheme().isEmpty()
        || (isSpecialScheme(target.scheme()) && target.host().isEmpty())) {
        result.status = LocationResult::Status::Invalid;
        result.error = QStringLiteral("Location \"%1\" does not resolve to a valid URL")
                           .arg(QString::fromUtf8(result.raw));
        return {};
    }
    if (refHasFragment || !base.hasFragment())
        return target;
    if (rule == FragmentRule::Inherit) {
        target.setFragment(base.fragment(QUrl::FullyEncoded), QUrl::StrictMode);
        result.notes.append(
            {NoteCode::FragmentInherited,
             QStringLiteral("Location has no fragment, so the fragment #%1 of the previous URL "
                            "is kept (RFC 9110 §10.2.2)")
                 .arg(base.fragment())});
    } else {
        result.notes.append({NoteCode::FragmentDropped,
                             QStringLiteral("curl does not carry the fragment #%1 over to the Location URL")
                                 .arg(base.fragment())});
    }
    return target;
}

// WHATWG URL parsing of a Location, as Fetch and Chromium do it. The base is always http(s).
void resolveBrowser(const QUrl &base, const QByteArray &raw, LocationResult &result)
{
    bool replaced = false;
    QString s = decodeUtf8(raw, &replaced);
    if (replaced) {
        result.notes.append({NoteCode::LocationDecoded,
                             QStringLiteral("Location is not valid UTF-8: invalid bytes became U+FFFD")});
    }
    const qsizetype before = s.size();
    while (!s.isEmpty() && s.front().unicode() <= 0x20)
        s.remove(0, 1);
    while (!s.isEmpty() && s.back().unicode() <= 0x20)
        s.chop(1);
    bool removedTabs = false;
    for (QChar c : {QChar(u'\t'), QChar(u'\n'), QChar(u'\r')}) {
        if (s.contains(c)) {
            s.remove(c);
            removedTabs = true;
        }
    }
    if (s.size() != before || removedTabs) {
        result.notes.append({NoteCode::LocationTrimmed,
                             QStringLiteral("Leading/trailing spaces and controls, tabs and newlines were "
                                            "removed from Location (WHATWG URL parser)")});
    }

    Parts parts = splitParts(s);
    const auto m = schemeRe().match(parts.head);
    const QString scheme = m.hasMatch() ? m.captured(1).toLower() : QString();
    // Backslashes are slashes in http(s) URLs (a relative reference takes the base's special scheme).
    if ((scheme.isEmpty() || isSpecialScheme(scheme)) && parts.head.contains(QLatin1Char('\\'))) {
        parts.head.replace(QLatin1Char('\\'), QLatin1Char('/'));
        result.notes.append({NoteCode::LocationBackslash,
                             QStringLiteral("Backslashes in Location were read as '/' (WHATWG URL parser, "
                                            "special schemes)")});
    }

    // Scheme handling of the WHATWG parser for special schemes: "http:x" with an http base is relative,
    // "https:x" with an http base names host x; any number of slashes may come before the host.
    auto stripSlashes = [](QString rest) {
        while (rest.startsWith(QLatin1Char('/')))
            rest.remove(0, 1);
        return rest;
    };
    if (isSpecialScheme(scheme)) {
        const QString rest = parts.head.mid(m.capturedLength(0));
        if (scheme == base.scheme() && !rest.startsWith(QLatin1String("//")))
            parts.head = rest;  // relative reference
        else
            parts.head = scheme + QLatin1String("://") + stripSlashes(rest);
    } else if (scheme.isEmpty() && parts.head.startsWith(QLatin1String("//"))) {
        parts.head = QLatin1String("//") + stripSlashes(parts.head);  // "///host" names host
    }

    // The authority is left as it is: QUrl maps a non-ASCII host to punycode (IDNA), as the WHATWG host
    // parser does, and refuses the forbidden host code points.
    qsizetype authStart = 0, authEnd = 0;
    if (parts.head.startsWith(QLatin1String("//")))
        authStart = 2;
    else if (isSpecialScheme(scheme) && parts.head.startsWith(scheme + QLatin1String("://")))
        authStart = scheme.size() + 3;
    if (authStart > 0) {
        authEnd = parts.head.indexOf(QLatin1Char('/'), authStart);
        if (authEnd < 0)
            authEnd = parts.head.size();
    }
    const QString authority = parts.head.mid(authStart, authEnd - authStart);
    bool asciiHost = true;
    for (QChar c : authority)
        asciiHost = asciiHost && c.unicode() < 0x80;
    if (!asciiHost) {
        result.notes.append(
            {NoteCode::LocationEncoded,
             QStringLiteral("The host %1 in Location was converted to its ASCII (punycode) form")
                 .arg(authority)});
    }
    // Encode sets: path (C0, space, " # < > ? ` { }), special query (C0, space, " # < > '), fragment
    // (C0, space, " < > `); everything above 0x7E as UTF-8.
    const QString path = parts.head.left(authStart) + parts.head.mid(authEnd);
    const QString encodedPath = percentEncode(path, QLatin1String("\"<>`{}"));
    const QString encodedQuery = percentEncode(parts.query, QLatin1String("\"<>'"));
    const QString encodedFragment = percentEncode(parts.fragment, QLatin1String("\"<>`"));
    if (encodedPath != path || encodedQuery != parts.query || encodedFragment != parts.fragment) {
        result.notes.append({NoteCode::LocationEncoded,
                             QStringLiteral("Spaces, quotes and non-ASCII characters in Location were "
                                            "percent-encoded (as UTF-8)")});
    }
    const QString encoded =
        encodedPath.left(authStart) + authority + encodedPath.mid(authStart) + encodedQuery + encodedFragment;
    const QUrl relative(encoded, QUrl::TolerantMode);
    if (!relative.isValid()) {
        result.status = LocationResult::Status::Invalid;
        result.error = QStringLiteral("Location \"%1\" is not a valid URL: %2")
                           .arg(QString::fromUtf8(raw), relative.errorString());
        return;
    }
    result.url = finishResolution(base, relative, FragmentRule::Inherit, parts.hasFragment, result);
    if (result.status != LocationResult::Status::Ok)
        return;
    // The WHATWG serializer: no default port, "/" for an empty path.
    removeDefaultPort(result.url);
    normalizeEmptyPath(result.url);
}

// curl's reading (observed with curl 7.88.1; lib/http.c, urlapi.c with CURLU_URLENCODE|CURLU_ALLOW_SPACE):
// surrounding whitespace skipped, control characters refused ("Bad path"), a space percent-encoded
// before the query and '+' in it, bytes above 0x7E percent-encoded byte by byte; the previous URL's
// fragment is not inherited (a fragment in Location is kept, and never sent).
void resolveCurl(const QUrl &base, const QByteArray &raw, LocationResult &result)
{
    const QByteArray trimmed = raw.trimmed();
    QByteArray encoded;
    bool inQuery = false;
    for (char ch : trimmed) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7f) {
            result.status = LocationResult::Status::Invalid;
            result.error = QStringLiteral("Location \"%1\" contains a control character: curl cannot parse "
                                          "it (Bad path)")
                               .arg(QString::fromUtf8(raw));
            return;
        }
        if (ch == '?')
            inQuery = true;  // curl's urlencode_str: '+' for a space from the first '?' on
        if (c == ' ' && inQuery)
            encoded += '+';
        else if (c == ' ' || c > 0x7e)
            encoded += '%' + QByteArray::number(c, 16).toUpper().rightJustified(2, '0');
        else
            encoded += ch;
    }
    if (encoded != trimmed) {
        result.notes.append({NoteCode::LocationEncoded,
                             QStringLiteral("curl percent-encoded spaces and non-ASCII bytes of Location")});
    }
    const QUrl relative = QUrl::fromEncoded(encoded, QUrl::TolerantMode);
    if (!relative.isValid()) {
        result.status = LocationResult::Status::Invalid;
        result.error = QStringLiteral("Location \"%1\" is not a valid URL: %2")
                           .arg(QString::fromUtf8(raw), relative.errorString());
        return;
    }
    result.url = finishResolution(base, relative, FragmentRule::NotInherited, encoded.contains('#'), result);
    if (result.status == LocationResult::Status::Ok)
        normalizeEmptyPath(result.url);
}

// RFC 9110 §10.2.2: a URI-reference (RFC 3986) resolved against the request URL; nothing repaired.
void resolveStrict(const QUrl &base, const QByteArray &raw, LocationResult &result)
{
    // Field values carry no leading or trailing whitespace (RFC 9110 §5.5).
    const QByteArray value = raw.trimmed();
    static const QRegularExpression uriChars(QStringLiteral("^[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]*$"));
    const QUrl relative = QUrl::fromEncoded(value, QUrl::StrictMode);
    if (!uriChars.match(QString::fromLatin1(value)).hasMatch() || !relative.isValid()) {
        result.status = LocationResult::Status::Invalid;
        result.error = QStringLiteral("Location \"%1\" is not a URI-reference (RFC 3986): strict clients "
                                      "do not repair it")
                           .arg(QString::fromUtf8(raw));
        return;
    }
    result.url = finishResolution(base, relative, FragmentRule::Inherit, value.contains('#'), result);
}

}  // namespace

LocationResult resolveLocation(Profile profile, const QUrl &base, const QList<QByteArray> &locationValues)
{
    LocationResult result;
    if (locationValues.isEmpty())
        return result;  // Missing
    result.raw = locationValues.first();
    if (locationValues.size() > 1 && profile != Profile::Curl) {
        for (const QByteArray &v : locationValues) {
            if (v != result.raw) {
                result.status = LocationResult::Status::Multiple;
                result.error = QStringLiteral("The response has %1 different Location headers")
                                   .arg(locationValues.size());
                return result;
            }
        }
    }
    if (locationValues.size() > 1 && profile == Profile::Curl) {
        result.notes.append({NoteCode::LocationMultiple,
                             QStringLiteral("The response has %1 Location headers; curl uses the first")
                                 .arg(locationValues.size())});
    }
    if (result.raw.trimmed().isEmpty()) {
        result.status = LocationResult::Status::Empty;
        return result;
    }
    result.status = LocationResult::Status::Ok;
    switch (profile) {
    case Profile::Browser:
        resolveBrowser(base, result.raw, result);
        break;
    case Profile::Curl:
        resolveCurl(base, result.raw, result);
        break;
    case Profile::Strict:
        resolveStrict(base, result.raw, result);
        break;
    }
    return result;
}

}  // namespace Rwb
