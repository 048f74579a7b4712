// The cookie jar (core/http/tracecookies.h) and preset cookies (parsePresetCookie,
// core/http/requestcontext.h) driven by a small script, one command a line:
//   curl | chromium       the jar's rules (first line only; chromium otherwise)
//   url URL               the URL of the requests that follow (http(s); others are ignored)
//   method NAME           their method
//   cross | same          the request is cross-site / same-site
//   sub | top             not a top-level navigation / a top-level navigation
//   omit | allow          the credentials mode sends and stores no cookies / does
//   send                  the Cookie header for the request
//   seed VALUE            a Cookie header the user gave (seed)
//   preset URL VALUE      a --preset-cookie (parsed, then preset)
//   wait SECONDS          the clock moves on
//   anything else         a Set-Cookie line of the response to the request (store)
// Properties: whatever the server's Set-Cookie lines hold, the Cookie header sent holds no CR, LF or NUL; a
// preset cookie read back from its presetCookieText() (as the window's Context tab does) is the same cookie.
#include "fuzzcheck.h"

#include "core/http/requestcontext.h"
#include "core/http/tracecookies.h"

#include <QDateTime>

using namespace Rwb;

namespace {

QByteArray argument(const QByteArray &line, qsizetype keywordSize)
{
    return line.mid(keywordSize + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QList<QByteArray> lines = Fuzz::inputLines(data, size);
    CookieRules rules = CookieRules::Chromium;
    if (lines.first() == "curl" || lines.first() == "chromium")
        rules = lines.takeFirst() == "curl" ? CookieRules::Curl : CookieRules::Chromium;
    QDateTime now(QDate(2026, 5, 1), QTime(12, 0), Qt::UTC);
    TraceCookies jar(rules, [&now] { return now; });
    CookieRequest request;
    request.url = QUrl(QStringLiteral("https://www.example.test/dir/page"));
    NoteList notes;
    // Only a user's own input may hold line breaks (the engine refuses to send such a request): the Cookie
    // header may hold them only once that input did.
    bool userBreaks = false;

    for (const QByteArray &line : std::as_const(lines)) {
        const qsizetype space = line.indexOf(' ');
        const QByteArray keyword = space < 0 ? line : line.left(space);
        if (keyword == "url") {
            const QUrl url = QUrl::fromEncoded(argument(line, 3), QUrl::StrictMode);
            if (url.isValid() && !url.host().isEmpty()
                && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")))
                request.url = url;
        } else if (keyword == "method") {
            request.method = argument(line, 6);
        } else if (line == "cross" || line == "same") {
            request.sameSite = line == "same";
        } else if (line == "sub" || line == "top") {
            request.topLevelNavigation = line == "top";
        } else if (line == "omit" || line == "allow") {
            request.credentialsAllowed = line == "allow";
        } else if (line == "send") {
            const QByteArray header = jar.headerFor(request, notes);
            Fuzz::check(userBreaks || !Fuzz::hasLineBreak(header), "the Cookie header holds no CR, LF or NUL",
                        QString::fromLatin1(header.toPercentEncoding("=; ")));
            (void)jar.contents();
        } else if (keyword == "seed") {
            const QByteArray value = argument(line, 4);
            userBreaks = userBreaks || Fuzz::hasLineBreak(value);
            jar.seed({value}, request.url);
        } else if (keyword == "preset") {
            QString error;
            const auto preset = parsePresetCookie(QString::fromUtf8(argument(line, 6)), &error);
            Fuzz::check(preset.has_value() == error.isEmpty(), "either a preset cookie or an error", error);
            if (!preset)
                continue;
            QString againError;
            const auto again = parsePresetCookie(presetCookieText(*preset), &againError);
            Fuzz::check(again && *again == *preset, "a preset cookie's text reads back as the same cookie",
                        presetCookieText(*preset) + QLatin1Char('\n') + againError);
            userBreaks = userBreaks || Fuzz::hasLineBreak(preset->setCookie);
            jar.preset(*preset, notes);
        } else if (keyword == "wait") {
            now = now.addSecs(qBound(0LL, argument(line, 4).toLongLong(), 3650LL * 86400));
        } else {
            jar.store({line}, request, false, notes);
        }
        if (notes.size() > 1000)
            notes.clear();
    }
    return 0;
}
