#pragma once

#include "core/policy/options.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Rwb {

// The size of a response head as a client counts it: all of it (start line to the blank line, line ends
// included), and its longest line with its line end.
struct HeadSize {
    qsizetype bytes = 0;
    qsizetype longestLine = 0;
    bool cut = false;  // only the first `bytes` were read: the head went on beyond them
};
HeadSize measureHead(const QByteArray &raw, bool cut);

// Why the profile's client gives up on a response head of this size, naming its limit; nothing when it
// reads it. `chainBytes` counts the heads of the chain before this one, 1xx heads included (curl's limit is
// on a whole transfer).
//  - browser: Chromium reads at most 256 KiB of a head (HttpStreamParser's kMaxHeaderBufSize), then fails
//    with net::ERR_RESPONSE_HEADERS_TOO_BIG.
//  - curl: a header line of 100 KiB or more (CURL_MAX_HTTP_HEADER) fails with "(27) Out of memory"; more
//    than 300 KiB of heads in one transfer, redirects included (MAX_HTTP_RESP_HEADER_SIZE), with "(56) Too
//    large response headers" (both measured with Debian 12's curl 7.88 on a raw loopback server).
//  - strict: RFC 9110 sets no limit; the profile takes no more than both clients do (256 KiB a head,
//    lines under 100 KiB).
std::optional<QString> responseHeadProblem(Profile profile, const HeadSize &head, qsizetype chainBytes);

constexpr qsizetype kChromiumMaxHead = 256 * 1024;
constexpr qsizetype kCurlMaxHeaderLine = 100 * 1024;
constexpr qsizetype kCurlMaxHeads = 300 * 1024;

}  // namespace Rwb
