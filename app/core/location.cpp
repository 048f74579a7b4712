#include "location.h"

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

QUrl finishResolution(const QUrl &base, const QUrl &relative, bool inheritFragment, bool refHasFragment,
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
    if (inheritFragment && !refHasFragment && base.hasFragment()) {
        target.setFragment(base.fragment(QUrl::FullyEncoded), QUrl::StrictMode);
        result.notes.append({QStringLiteral("fragment-inherited"),
                             QStringLiteral("Location has no fragment, so the fragment #%1 of the previous URL "
                                            "is kept (RFC 9110 §10.2.2)")
                                 .arg(base.fragment())});
    } else if (!inheritFragment && base.hasFragment()) {
        target.setFragment(QString());
        result.notes.append({QStringLiteral("fragment-dropped"),
                             QStringLiteral("curl drops the fragment #%1 when it follows a Location")
                                 .arg(base.fragment())});
    }
    return target;
}

// WHATWG URL parsing of a Location, as Fetch and Chromium do it.
void resolveBrowser(const QUrl &base, const QByteArray &raw, LocationResult &result)
{
    QString s = QString::fromUtf8(raw);
    if (s.contains(QChar::ReplacementCharacter) && !raw.contains("\xEF\xBF\xBD")) {
        result.notes.append({QStringLiteral("location-decoded"),
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
        result.notes.append({QStringLiteral("location-trimmed"),
                             QStringLiteral("Leading/trailing spaces and controls, tabs and newlines were "
                                            "removed from Location (WHATWG URL parser)")});
    }

    Parts parts = splitParts(s);
    if (parts.head.contains(QLatin1Char('\\'))) {
        parts.head.replace(QLatin1Char('\\'), QLatin1Char('/'));
        result.notes.append({QStringLiteral("location-backslash"),
                             QStringLiteral("Backslashes in Location were read as '/' (WHATWG URL parser, "
                                            "special schemes)")});
    }

    // Scheme handling of the WHATWG parser for special schemes: "http:x" with an http base is relative,
    // "https:x" with an http base names host x.
    const auto m = schemeRe().match(parts.head);
    if (m.hasMatch()) {
        const QString scheme = m.captured(1).toLower();
        if (isSpecialScheme(scheme)) {
            QString rest = parts.head.mid(m.capturedLength(0));
            if (scheme == base.scheme() && !rest.startsWith(QLatin1String("//"))) {
                parts.head = rest;  // relative reference
            } else {
                while (rest.startsWith(QLatin1Char('/')))
                    rest.remove(0, 1);
                parts.head = scheme + QLatin1String("://") + rest;
            }
        }
    }

    const QString encoded = percentEncode(parts.head, QLatin1String("\"<>`{}"))
        + percentEncode(parts.query, QLatin1String("\"<>'"))
        + percentEncode(parts.fragment, QLatin1String("\"<>`"));
    if (encoded != parts.head + parts.query + parts.fragment) {
        result.notes.append({QStringLiteral("location-encoded"),
                             QStringLiteral("Spaces, quotes and non-ASCII characters in Location were "
                                            "percent-encoded (as UTF-8)")});
    }
    const QUrl relative = QUrl::fromEncoded(encoded.toLatin1(), QUrl::TolerantMode);
    if (!relative.isValid()) {
        result.status = LocationResult::Status::Invalid;
        result.error = QStringLiteral("Location \"%1\" is not a valid URL: %2")
                           .arg(QString::fromUtf8(raw), relative.errorString());
        return;
    }
    result.url = finishResolution(base, relative, true, parts.hasFragment, result);
}

// curl's reading (lib/transfer.c, urlapi.c with CURLU_ALLOW_SPACE): surrounding whitespace skipped, spaces
// and bytes above 0x7f percent-encoded byte by byte, the fragment never kept.
void resolveCurl(const QUrl &base, const QByteArray &raw, LocationResult &result)
{
    const QByteArray trimmed = raw.trimmed();
    QByteArray encoded;
    for (char ch : trimmed) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c >= 0x7f)
            encoded += '%' + QByteArray::number(c, 16).toUpper().rightJustified(2, '0');
        else
            encoded += ch;
    }
    if (encoded != trimmed) {
        result.notes.append({QStringLiteral("location-encoded"),
                             QStringLiteral("curl percent-encoded spaces and non-ASCII bytes of Location")});
    }
    const qsizetype hash = encoded.indexOf('#');
    const bool hadFragment = hash >= 0;
    if (hadFragment)
        encoded.truncate(hash);
    const QUrl relative = QUrl::fromEncoded(encoded, QUrl::TolerantMode);
    if (!relative.isValid()) {
        result.status = LocationResult::Status::Invalid;
        result.error = QStringLiteral("Location \"%1\" is not a valid URL: %2")
                           .arg(QString::fromUtf8(raw), relative.errorString());
        return;
    }
    result.url = finishResolution(base, relative, false, hadFragment, result);
    if (hadFragment)
        result.url.setFragment(QString());
}

// RFC 9110 §10.2.2: a URI-reference (RFC 3986) resolved against the request URL; nothing repaired.
void resolveStrict(const QUrl &base, const QByteArray &raw, LocationResult &result)
{
    // Field values carry no leading or trailing whitespace (RFC 9110 §5.5).
    const QByteArray value = raw.trimmed();
    static const QRegularExpression uriChars(
        QStringLiteral("^[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]*$"));
    const QUrl relative = QUrl::fromEncoded(value, QUrl::StrictMode);
    if (!uriChars.match(QString::fromLatin1(value)).hasMatch() || !relative.isValid()) {
        result.status = LocationResult::Status::Invalid;
        result.error = QStringLiteral("Location \"%1\" is not a URI-reference (RFC 3986): strict clients "
                                      "do not repair it")
                           .arg(QString::fromUtf8(raw));
        return;
    }
    result.url = finishResolution(base, relative, true, value.contains('#'), result);
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
        result.notes.append({QStringLiteral("location-multiple"),
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
