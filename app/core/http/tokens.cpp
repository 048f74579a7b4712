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
