#include "core/http/tokens.h"

#include <algorithm>

namespace Rwb {

namespace {

bool isFieldBreak(char16_t c)
{
    return c == u'\r' || c == u'\n' || c == u'\0';
}

}  // namespace

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isTokenChar(QChar c)
{
    return c.unicode() < 0x80 && isTokenChar(char(c.unicode()));
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](char c) { return isTokenChar(c); });
}

bool isToken(QStringView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) { return isTokenChar(c); });
}

bool hasFieldBreak(QByteArrayView value)
{
    return std::any_of(value.begin(), value.end(), [](char c) { return isFieldBreak(char16_t(c)); });
}

bool hasFieldBreak(QStringView value)
{
    return std::any_of(value.begin(), value.end(), [](QChar c) { return isFieldBreak(c.unicode()); });
}

QByteArray replaceFieldBreaks(QByteArray value)
{
    std::replace_if(
        value.begin(), value.end(), [](char c) { return isFieldBreak(char16_t(c)); }, ' ');
    return value;
}

QString visibleText(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u'\r')
            out += QLatin1String("\\r");
        else if (u == u'\n')
            out += QLatin1String("\\n");
        else if (u < 0x20 || (u >= 0x7f && u < 0xa0))
            out += QStringLiteral("\\x%1").arg(uint(u), 2, 16, QLatin1Char('0'));
        else if ((u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069) || u == 0x200e || u == 0x200f
                 || u == 0x061c)
            out += QStringLiteral("\\u%1").arg(uint(u), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

QString requestSyntaxProblem(QByteArrayView method, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    if (!isToken(method)) {
        return QStringLiteral("the method '%1' is not a token (RFC 9110 §9.1: letters, digits and "
                              "!#$%&'*+-.^_`|~, nothing else)")
            .arg(visibleText(QString::fromLatin1(method)));
    }
    if (headers.size() > kMaxRequestHeaderLines) {
        return QStringLiteral("the request has %1 header lines, more than the %2 this tool sends (a server "
                              "reads about 100: Apache's LimitRequestFields is 100)")
            .arg(headers.size())
            .arg(kMaxRequestHeaderLines);
    }
    for (const auto &[name, value] : headers) {
        if (!isToken(name)) {
            return QStringLiteral("the header name '%1' is not a token (RFC 9110 §5.1: letters, digits and "
                                  "!#$%&'*+-.^_`|~, no spaces or colons)")
                .arg(visibleText(QString::fromLatin1(name)));
        }
        if (hasFieldBreak(value)) {
            return QStringLiteral(
                       "the value of header %1 holds a line break or NUL ('%2'), which would start "
                       "another header line on the wire (RFC 9110 §5.5)")
                .arg(QString::fromLatin1(name), visibleText(QString::fromLatin1(value)));
        }
    }
    return {};
}

bool isForbiddenRequestHeader(QByteArrayView name)
{
    static const QByteArrayView names[] = {"Accept-Charset",
                                           "Accept-Encoding",
                                           "Access-Control-Request-Headers",
                                           "Access-Control-Request-Method",
                                           "Connection",
                                           "Content-Length",
                                           "Cookie",
                                           "Cookie2",
                                           "Date",
                                           "DNT",
                                           "Expect",
                                           "Host",
                                           "Keep-Alive",
                                           "Origin",
                                           "Referer",
                                           "Set-Cookie",
                                           "TE",
                                           "Trailer",
                                           "Transfer-Encoding",
                                           "Upgrade",
                                           "Via"};
    const auto startsWith = [name](QByteArrayView prefix) {
        return name.size() >= prefix.size()
               && name.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) == 0;
    };
    return startsWith("Proxy-") || startsWith("Sec-")
           || std::any_of(std::begin(names), std::end(names),
                          [name](QByteArrayView n) { return n.compare(name, Qt::CaseInsensitive) == 0; });
}

}  // namespace Rwb
