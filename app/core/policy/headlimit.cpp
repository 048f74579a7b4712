#include "core/policy/headlimit.h"

#include <QLocale>

namespace Rwb {

HeadSize measureHead(const QByteArray &raw, bool cut)
{
    HeadSize size;
    size.bytes = raw.size();
    size.cut = cut;
    for (qsizetype pos = 0; pos < raw.size();) {
        const qsizetype nl = raw.indexOf('\n', pos);
        const qsizetype next = nl < 0 ? raw.size() : nl + 1;
        size.longestLine = qMax(size.longestLine, next - pos);
        pos = next;
    }
    return size;
}

namespace {

QString bytes(qsizetype n)
{
    return QLocale(QLocale::English).toString(qlonglong(n)) + QStringLiteral(" bytes");  // "307,205 bytes"
}

QString headBytes(const HeadSize &head)
{
    return head.cut ? QStringLiteral("more than %1 (the rest was not read)").arg(bytes(head.bytes))
                    : bytes(head.bytes);
}

}  // namespace

std::optional<QString> responseHeadProblem(Profile profile, const HeadSize &head, qsizetype chainBytes)
{
    const bool overChromium = head.cut || head.bytes > kChromiumMaxHead;
    const bool lineOverCurl = head.longestLine >= kCurlMaxHeaderLine;
    switch (profile) {
    case Profile::Browser:
        if (overChromium)
            return QStringLiteral("The response head is %1: Chromium reads at most 256 KiB of a head "
                                  "(net::ERR_RESPONSE_HEADERS_TOO_BIG)")
                .arg(headBytes(head));
        return std::nullopt;
    case Profile::Curl:
        if (lineOverCurl)
            return QStringLiteral("A line of the response head is %1: curl stops at a header line of 100 KiB "
                                  "(curl 7.88 says \"(27) Out of memory\")")
                .arg(head.cut && head.longestLine == head.bytes ? headBytes(head) : bytes(head.longestLine));
        if (head.cut || chainBytes + head.bytes > kCurlMaxHeads)
            return QStringLiteral("The response heads of this chain come to %1%2: curl reads at most 300 KiB "
                                  "of heads in one transfer, redirects included (\"(56) Too large response "
                                  "headers\")")
                .arg(head.cut ? QStringLiteral("more than ") : QString(), bytes(chainBytes + head.bytes));
        return std::nullopt;
    case Profile::Strict:
        if (overChromium || lineOverCurl)
            return QStringLiteral(
                       "The response head is %1, its longest line %2: the strict profile reads "
                       "no more than the real clients do (a head up to 256 KiB, lines under 100 KiB)")
                .arg(headBytes(head), bytes(head.longestLine));
        return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace Rwb
