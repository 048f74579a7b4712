#include "core/http/tracecookies.h"

#include <QNetworkCookie>
#include <QNetworkCookieJar>

namespace Rwb {

TraceCookies::TraceCookies()
    : m_jar(std::make_unique<QNetworkCookieJar>())
{
}

TraceCookies::~TraceCookies() = default;

void TraceCookies::seed(const QList<QByteArray> &cookieHeaderValues, const QUrl &url)
{
    QList<QNetworkCookie> seeded;
    for (const QByteArray &header : cookieHeaderValues) {
        for (const QByteArray &pair : header.split(';')) {
            const qsizetype eq = pair.indexOf('=');
            if (eq > 0)
                seeded.append(QNetworkCookie(pair.left(eq).trimmed(), pair.mid(eq + 1).trimmed()));
        }
    }
    m_jar->setCookiesFromUrl(seeded, url);
}

QByteArray TraceCookies::headerFor(const QUrl &url, NoteList &notes) const
{
    const QList<QNetworkCookie> cookies = m_jar->cookiesForUrl(url);
    if (cookies.isEmpty())
        return {};
    QByteArray header;
    QStringList names;
    for (const QNetworkCookie &c : cookies) {
        if (!header.isEmpty())
            header += "; ";
        header += c.toRawForm(QNetworkCookie::NameAndValueOnly);
        names << QString::fromUtf8(c.name());
    }
    notes.append(
        {NoteCode::CookieSent,
         QStringLiteral("Cookie jar sends %1 to %2").arg(names.join(QLatin1String(", ")), url.host())});
    return header;
}

void TraceCookies::store(const QList<QByteArray> &setCookieLines, const QUrl &requestUrl, bool fromRedirect,
                         NoteList &notes)
{
    for (const QByteArray &line : setCookieLines) {
        const QList<QNetworkCookie> parsed = QNetworkCookie::parseCookies(line);
        if (parsed.isEmpty())
            continue;
        const bool stored = m_jar->setCookiesFromUrl(parsed, requestUrl);
        for (const QNetworkCookie &c : parsed) {
            const QString name = QString::fromUtf8(c.name());
            if (stored) {
                notes.append(
                    {NoteCode::CookieStored,
                     QStringLiteral("Cookie %1 stored%2; later hops to matching URLs send it")
                         .arg(name, fromRedirect ? QStringLiteral(" from a redirect response") : QString())});
            } else {
                notes.append(
                    {NoteCode::CookieRejected,
                     QStringLiteral("Cookie %1 rejected by the jar (domain or path does not match %2)")
                         .arg(name, requestUrl.host())});
            }
        }
    }
}

}  // namespace Rwb
