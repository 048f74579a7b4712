// Declarative refreshes (core/http/refresh.h): parseRefresh, scanHtml and findRefresh. The input's first line
// is the page's URL (an http(s) URL; anything else is replaced by one), the second a Refresh header value,
// the rest an HTML body. Properties, from refresh.h:
// - a refresh that parses has a delay of 0 or more, keeps the value as given, and a valid URL: the page's
//   own when the value names none; an http(s) target, as it goes on the wire (encoded, without fragment),
//   is printable ASCII;
// - findRefresh finds one exactly when the header or a meta refresh of an HTML body parses, and it has the
//   shortest delay of them.
#include "fuzzcheck.h"

#include "core/http/refresh.h"

#include <optional>

using namespace Rwb;

namespace {

void checkDirective(const std::optional<RefreshDirective> &d, QStringView value, const QUrl &base)
{
    if (!d)
        return;
    Fuzz::check(d->delayMs >= 0, "a delay of 0 or more", d->value);
    Fuzz::check(d->value == value, "the value as given", d->value);
    Fuzz::check(d->url.isValid(), "a refresh has a valid URL", d->value);
    Fuzz::check(d->hasUrl || d->url == base, "no URL in the value: the page's own", d->url.toString());
    const QString scheme = d->url.scheme();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return;
    const QByteArray wire = d->url.toEncoded(QUrl::RemoveFragment);
    for (const char c : wire)
        Fuzz::check(uchar(c) > 0x20 && uchar(c) < 0x7f, "the target on the wire is printable ASCII",
                    QString::fromLatin1(wire));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = Fuzz::inputBytes(data, size);
    const qsizetype firstEnd = input.indexOf('\n');
    const qsizetype secondEnd = firstEnd < 0 ? -1 : input.indexOf('\n', firstEnd + 1);
    QUrl base = QUrl::fromEncoded(input.left(firstEnd < 0 ? input.size() : firstEnd), QUrl::StrictMode);
    if (!base.isValid() || base.host().isEmpty()
        || (base.scheme() != QLatin1String("http") && base.scheme() != QLatin1String("https")))
        base = QUrl(QStringLiteral("http://a.example/dir/page?q#top"));
    const QByteArray header =
        firstEnd < 0 ? QByteArray() : input.mid(firstEnd + 1, secondEnd < 0 ? -1 : secondEnd - firstEnd - 1);
    const QByteArrayView body =
        secondEnd < 0 ? QByteArrayView() : QByteArrayView(input).sliced(secondEnd + 1);

    const QString headerText = QString::fromLatin1(header);
    const std::optional<RefreshDirective> fromHeader = parseRefresh(headerText, base);
    checkDirective(fromHeader, headerText, base);
    std::optional<qint64> shortest;
    if (fromHeader)
        shortest = fromHeader->delayMs;

    const HeaderList headers{{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/html")},
                             {QByteArrayLiteral("Refresh"), header}};
    const PageScan scan = scanHtml(body);
    for (const QString &content : scan.metaRefreshes) {
        const std::optional<RefreshDirective> d = parseRefresh(content, base);
        checkDirective(d, content, base);
        if (d && (!shortest || d->delayMs < *shortest))
            shortest = d->delayMs;
    }
    const std::optional<FoundRefresh> found = findRefresh(headers, body, base);
    Fuzz::check(found.has_value() == shortest.has_value(), "a refresh is found exactly when one parses");
    if (found)
        Fuzz::check(found->directive.delayMs == *shortest, "the refresh found has the shortest delay");
    (void)isHtmlResponse({}, body);
    return 0;
}
