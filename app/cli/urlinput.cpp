#include "urlinput.h"

#include <QHostAddress>
#include <QRegularExpression>

namespace Rwb::Cli {

namespace {

bool isHttp(const QString &scheme)
{
    return scheme == QLatin1String("http") || scheme == QLatin1String("https");
}

// A character as a message names it: "a space", "the control character \x07", "'<'".
QString describeChar(QChar c)
{
    if (c == QLatin1Char(' '))
        return QStringLiteral("a space");
    if (c == QLatin1Char('\t'))
        return QStringLiteral("a tab");
    if (c.category() == QChar::Other_Control)
        return QStringLiteral("the control character \\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
    return QStringLiteral("'%1'").arg(c);
}

// Characters no host name may hold (WHATWG URL's forbidden domain code points; '/', '?', '#' and '@' end
// or split the authority before the host is looked at).
bool forbiddenInHost(QChar c)
{
    return c.unicode() <= 0x20 || c.unicode() == 0x7f || c.category() == QChar::Other_Control
           || QStringView(u"<>[]\\^|%\"{}`").contains(c);
}

// Characters that a path, query or fragment must percent-encode (RFC 3986 §2: neither reserved nor
// unreserved), as QUrl's strict mode refuses them.
bool mustBeEncoded(QChar c)
{
    return c.unicode() <= 0x20 || c.unicode() == 0x7f || c.category() == QChar::Other_Control
           || QStringView(u"<>\\^`{|}\"").contains(c);
}

bool isHexDigit(QChar c)
{
    return (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
           || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
           || (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
}

// What is wrong with `s` (which has a scheme) for people: the part of the URL and the character or text
// that is at fault. QUrl's errorString() says it for developers ("Invalid hostname (contains invalid
// characters); source was ...; scheme = ..."), and QUrl has no API that gives the faulty part, so the URL
// is taken apart here by hand (RFC 3986's generic syntax). An empty string when nothing is found.
QString describeProblem(const QString &s, bool schemeTyped)
{
    const qsizetype colon = s.indexOf(QLatin1Char(':'));
    const QString scheme = s.left(colon).toLower();
    const QString rest = s.mid(colon + 1);
    if (!rest.startsWith(QLatin1String("//"))) {
        if (isHttp(scheme))
            return QStringLiteral("there is no host: '%1:' must be followed by '//' and a host").arg(scheme);
        return QString();
    }
    const qsizetype authorityEnd = [&rest] {
        qsizetype end = rest.size();
        for (const QChar c : {QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#')}) {
            const qsizetype i = rest.indexOf(c, 2);
            if (i >= 0)
                end = qMin(end, i);
        }
        return end;
    }();
    const QString authority = rest.mid(2, authorityEnd - 2);
    const QString hostPort = authority.mid(authority.lastIndexOf(QLatin1Char('@')) + 1);

    QString host;
    QString port;
    bool hasPort = false;
    if (hostPort.startsWith(QLatin1Char('['))) {
        const qsizetype close = hostPort.indexOf(QLatin1Char(']'));
        if (close < 0)
            return QStringLiteral("the IPv6 address '%1' has no closing ']'").arg(hostPort);
        host = hostPort.mid(1, close - 1);
        if (QHostAddress(host).protocol() != QAbstractSocket::IPv6Protocol)
            return QStringLiteral("'%1' is not an IPv6 address").arg(host);
        const QString after = hostPort.mid(close + 1);
        if (!after.isEmpty() && !after.startsWith(QLatin1Char(':')))
            return QStringLiteral("unexpected '%1' after the IPv6 address").arg(after);
        hasPort = !after.isEmpty();
        port = after.mid(1);
    } else {
        const qsizetype portColon = hostPort.indexOf(QLatin1Char(':'));
        host = portColon < 0 ? hostPort : hostPort.left(portColon);
        hasPort = portColon >= 0;
        port = hasPort ? hostPort.mid(portColon + 1) : QString();
        if (host.isEmpty()) {
            if (!schemeTyped)
                return QStringLiteral(
                    "there is no host (write the whole URL, as in http://example.com/path)");
            return QStringLiteral("the host is empty");
        }
        for (const QChar c : host) {
            if (forbiddenInHost(c))
                return QStringLiteral("the host '%1' contains %2").arg(host, describeChar(c));
        }
        if (host.contains(QLatin1String("..")) || host.startsWith(QLatin1Char('.')))
            return QStringLiteral("the host '%1' has an empty label (a dot at the start or two in a row)")
                .arg(host);
        if (!QUrl(QStringLiteral("http://") + host + QLatin1Char('/'), QUrl::StrictMode).isValid())
            return QStringLiteral("'%1' is not a valid host name").arg(host);
    }
    if (hasPort && !port.isEmpty()) {
        static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
        if (!digits.match(port).hasMatch())
            return QStringLiteral("the port '%1' is not a number").arg(port);
        if (port.size() > 5 || port.toInt() > 65535)
            return QStringLiteral("the port %1 is out of range (0 to 65535)").arg(port);
    }

    const QString tail = rest.mid(authorityEnd);
    const qsizetype fragment = tail.indexOf(QLatin1Char('#'));
    qsizetype query = tail.indexOf(QLatin1Char('?'));
    if (fragment >= 0 && query > fragment)
        query = -1;  // a '?' in the fragment
    for (qsizetype i = 0; i < tail.size(); ++i) {
        const QChar c = tail.at(i);
        const char *part = fragment >= 0 && i > fragment ? "fragment"
                           : query >= 0 && i > query     ? "query"
                                                         : "path";
        if (c == QLatin1Char('%')) {
            if (i + 2 < tail.size() && isHexDigit(tail.at(i + 1)) && isHexDigit(tail.at(i + 2)))
                continue;
            return QStringLiteral("'%1' in the %2 is not a percent-encoded byte (write '%' itself as %25)")
                .arg(tail.mid(i, 3), QLatin1String(part));
        }
        if (mustBeEncoded(c)) {
            return QStringLiteral("the %1 contains %2 (write it as %3)")
                .arg(QLatin1String(part), describeChar(c),
                     QString::fromLatin1(QUrl::toPercentEncoding(QString(c))));
        }
    }
    return QString();
}

}  // namespace

QUrl parseCommandLineUrl(const QString &text, QString *error)
{
    static const QRegularExpression hasScheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.\\-]*:"));
    static const QRegularExpression hostAndPort(QStringLiteral("^[^/:]+:\\d+(/|$)"));
    QString s = text.trimmed();
    if (s.isEmpty()) {
        *error = QStringLiteral("invalid URL '%1': the URL is empty").arg(text);
        return {};
    }
    // Like curl, a URL without a scheme is http ("localhost:8080" is a host and a port, not a scheme).
    const bool schemeTyped = hasScheme.match(s).hasMatch() && !hostAndPort.match(s).hasMatch();
    if (!schemeTyped)
        s.prepend(s.startsWith(QLatin1String("//")) ? QLatin1String("http:") : QLatin1String("http://"));
    const QUrl url(s, QUrl::StrictMode);
    if (url.isValid() && (!isHttp(url.scheme()) || !url.host().isEmpty()))
        return url;
    QString problem = describeProblem(s, schemeTyped);
    if (problem.isEmpty() && !url.isValid()) {
        // Qt's own words, without the parser's dump of the URL ("; source was ...").
        problem = url.errorString().section(QLatin1Char(';'), 0, 0);
        if (!problem.isEmpty())
            problem[0] = problem.at(0).toLower();
    }
    if (problem.isEmpty())
        problem = QStringLiteral("there is no host");
    *error = QStringLiteral("invalid URL '%1': %2").arg(text, problem);
    return {};
}

}  // namespace Rwb::Cli
