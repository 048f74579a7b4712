// parseCurlCommand (core/formats/curlcommand.h) on any pasted text, up to the 1 MiB that rwb import-curl
// reads (kMaxCommandBytes). Property: a command that parses puts nothing on the wire that could end or split
// a line of the request head: its method and header names are tokens, its header values and its User-Agent
// hold no CR, LF or NUL, and its URL is an http(s) URL whose encoded form has none either.
#include "fuzzcheck.h"

#include "core/formats/curlcommand.h"
#include "core/http/useragents.h"
#include "core/io/boundedread.h"

using namespace Rwb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (qint64(size) > kMaxCommandBytes)
        return -1;  // rwb import-curl refuses a longer command before parsing it
    const QString text = QString::fromUtf8(Fuzz::inputBytes(data, size));
    const CurlParseResult parsed = parseCurlCommand(text);
    Fuzz::check(parsed.command.has_value() != !parsed.error.isEmpty(), "either a command or an error",
                parsed.error);
    if (!parsed.command)
        return 0;
    const CurlCommand &command = *parsed.command;
    const RequestSpec &request = command.request;
    Fuzz::check(Fuzz::isToken(request.method), "the method is a token", QString::fromLatin1(request.method));
    for (const HeaderPair &h : request.headers) {
        const QString shown = QString::fromLatin1(h.first + ": " + h.second);
        Fuzz::check(Fuzz::isToken(h.first), "a header name is a token", shown);
        Fuzz::check(!Fuzz::hasLineBreak(h.second), "a header value holds no CR, LF or NUL", shown);
    }
    const QByteArray userAgent = userAgentValue(command.options.userAgent);
    Fuzz::check(!Fuzz::hasLineBreak(userAgent), "the User-Agent holds no CR, LF or NUL",
                QString::fromLatin1(userAgent));
    Fuzz::check(!Fuzz::hasLineBreak(command.options.curlCookies), "curl's cookies hold no CR, LF or NUL");
    const QString scheme = request.url.scheme();
    Fuzz::check(request.url.isValid()
                    && (scheme == QLatin1String("http") || scheme == QLatin1String("https")),
                "the URL is an http(s) URL", request.url.toString());
    const QByteArray encoded = request.url.toEncoded(QUrl::RemoveFragment);
    for (const char c : encoded)
        Fuzz::check(uchar(c) > 0x20 && uchar(c) < 0x7f, "the encoded URL is printable ASCII",
                    QString::fromLatin1(encoded));

    // What the window and rwb import-curl show of it.
    (void)curlImportNotes(command);
    (void)curlCaseName(command);
    (void)splitCurlUser(command.user);
    return 0;
}
