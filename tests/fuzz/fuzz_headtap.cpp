// HeaderTap's head parsing (core/engine/private/headertap_p.h): headEnd, parseHead, requestBodyLength,
// takeMarker, headerLines and replaceHeaderLines on any bytes, as the relay applies them to what a server
// (a response head) or Qt (a request head) sends. The relay's own framing (Tunnel::tapResponse and
// takeRequestBytes in headertap.cpp) is a class of that file, not reachable from here. Properties:
// - headEnd finds the first empty line (LF LF or LF CR LF), and finds the same one when the bytes come in
//   pieces and each search starts two bytes before the new piece, as the relay searches;
// - parseHead: no header name holds a LF or ':'; a value has no SP/HT around it and holds a LF only where
//   an obs-fold line continues it (kept raw);
// - requestBodyLength reads the lines as parseHead does: -1 for Transfer-Encoding or a Content-Length that
//   is not a number of 0 or more, else the last Content-Length, else 0;
// - takeMarker removes one whole marker line after the request line, and its value is the ID;
// - header lines written by headerLines() into a head parse back to the same headers.
#include "fuzzcheck.h"

#include "../../app/core/engine/private/headertap_p.h"

using namespace Rwb;
using Headers = QList<QPair<QByteArray, QByteArray>>;

namespace {

bool isEmptyLineEnd(const QByteArray &data, qsizetype end)
{
    return (end >= 2 && data.at(end - 1) == '\n' && data.at(end - 2) == '\n')
           || (end >= 3 && data.at(end - 1) == '\n' && data.at(end - 2) == '\r' && data.at(end - 3) == '\n');
}

void checkHeadEnd(const QByteArray &data, qsizetype pieceSize)
{
    const qsizetype end = Detail::headEnd(data, 0);
    if (end >= 0) {
        Fuzz::check(end <= data.size() && isEmptyLineEnd(data, end), "headEnd ends at an empty line");
        Fuzz::check(Detail::headEnd(data.left(end - 1), 0) < 0, "headEnd finds the first empty line");
    }
    QByteArray received;
    qsizetype found = -1;
    for (qsizetype at = 0; at < data.size() && found < 0; at += pieceSize) {
        const qsizetype from = qMax<qsizetype>(0, received.size() - 2);
        received += data.mid(at, pieceSize);
        found = Detail::headEnd(received, from);
    }
    Fuzz::check(found == end, "headEnd finds the same end in pieces",
                QStringLiteral("%1 in one, %2 in pieces of %3").arg(end).arg(found).arg(pieceSize));
}

qint64 lengthOf(const Headers &headers)
{
    qint64 length = 0;
    for (const auto &h : headers) {
        if (h.first.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0)
            return -1;
        if (h.first.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            bool ok = false;
            length = h.second.toLongLong(&ok);
            if (!ok || length < 0)
                return -1;
        }
    }
    return length;
}

void checkParsed(const QByteArray &startLine, const Headers &headers)
{
    Fuzz::check(!startLine.contains('\n'), "the start line holds no LF");
    for (const auto &h : headers) {
        const QString shown =
            QString::fromLatin1(QByteArray(h.first + ':' + h.second).toPercentEncoding(":"));
        Fuzz::check(!h.first.contains('\n') && !h.first.contains(':'), "a name holds no LF or ':'", shown);
        const QByteArray &v = h.second;
        Fuzz::check(v.isEmpty()
                        || (v.front() != ' ' && v.front() != '\t' && v.back() != ' ' && v.back() != '\t'),
                    "a value has no SP or HT around it", shown);
        // (A fold line of blanks only leaves the value ending with its line break: the blanks are trimmed.)
        for (qsizetype i = v.indexOf('\n'); i >= 0; i = v.indexOf('\n', i + 1))
            Fuzz::check(i + 1 == v.size() || v.at(i + 1) == ' ' || v.at(i + 1) == '\t',
                        "a LF in a value only where an obs-fold line continues it", shown);
    }
}

void checkMarker(const QByteArray &head)
{
    const QByteArray marker = HeaderTap::markerName();
    const Detail::MarkedHead marked = Detail::takeMarker(head, marker);
    if (marked.id.isNull()) {
        Fuzz::check(marked.head == head, "a head without a marker is kept");
        return;
    }
    // The line removed: where the two differ, up to the LF that ends it.
    qsizetype at = 0;
    while (at < marked.head.size() && marked.head.at(at) == head.at(at))
        ++at;
    at = head.lastIndexOf('\n', at - 1) + 1;  // the start of that line
    const qsizetype removed = head.size() - marked.head.size();
    const QByteArray line = head.mid(at, removed);
    Fuzz::check(at > 0 && head.left(at) + head.mid(at + removed) == marked.head && line.endsWith('\n'),
                "takeMarker removes one whole line after the request line", QString::fromLatin1(line));
    Fuzz::check(line.left(marker.size()).compare(marker, Qt::CaseInsensitive) == 0
                    && line.at(marker.size()) == ':',
                "the line removed is the marker line", QString::fromLatin1(line));
    Fuzz::check(Detail::trimOws(line.mid(marker.size() + 1).chopped(line.endsWith("\r\n") ? 2 : 1))
                    == marked.id,
                "the ID is the marker line's value", QString::fromLatin1(line));
}

// headForQt: the head itself when Qt reads it; otherwise a complete head within Qt's limits, with the same
// start line, whose lines are lines of the head, in their order, the framing ones (Content-Length, ...)
// kept when they fit.
void checkHeadForQt(const QByteArray &head, const Headers &headers)
{
    const Detail::HeadForQt forQt = Detail::headForQt(head);
    if (forQt.leftOut == 0) {
        Fuzz::check(forQt.head == head, "a head Qt reads is given as it is");
        return;
    }
    Fuzz::check(forQt.head.size() <= Detail::kQtHeadBudget, "the head for Qt is within its budget");
    Fuzz::check(Detail::headEnd(forQt.head, 0) == forQt.head.size(), "the head for Qt is one complete head");
    Headers kept;
    Headers all;
    Fuzz::check(Detail::parseHead(forQt.head, kept) == Detail::parseHead(head, all),
                "the head for Qt has the same start line");
    Fuzz::check(kept.size() <= Detail::kQtMaxHeaderLines && kept.size() + forQt.leftOut == headers.size(),
                "at most 100 lines are given, the others counted as left out",
                QStringLiteral("%1 given, %2 left out of %3")
                    .arg(kept.size())
                    .arg(forQt.leftOut)
                    .arg(headers.size()));
    qsizetype next = 0;  // each kept line is a line of the head, in order
    for (const auto &h : std::as_const(kept)) {
        while (next < headers.size() && headers.at(next) != h)
            ++next;
        Fuzz::check(next < headers.size(), "the lines given are the head's, in its order");
        ++next;
    }
}

// BodyFramer: the bytes after a head read whole or in pieces of `piece` bytes end the body at the same place,
// never past what was given; a Content-Length body is exactly that long.
void checkBodyFramer(const QByteArray &head, const QByteArray &rest, qsizetype piece)
{
    const int code = head.mid(head.indexOf(' ') + 1, 3).toInt();
    Headers headers;
    Detail::parseHead(head, headers);
    const Detail::BodyFramer start = Detail::BodyFramer::forResponse(headers, code, "GET");
    Detail::BodyFramer whole = start;
    const qsizetype all = whole.consume(rest.constData(), rest.size());
    Fuzz::check(all >= 0 && all <= rest.size(), "a body never takes more than it is given");
    Fuzz::check(all == rest.size() || whole.done(), "a body stops taking bytes only once done");
    Detail::BodyFramer pieces = start;
    qsizetype taken = 0;
    for (qsizetype i = 0; i < rest.size() && !pieces.done(); i += piece)
        taken += pieces.consume(rest.constData() + i, qMin(piece, rest.size() - i));
    Fuzz::check(taken == all && pieces.mode() == whole.mode(), "a body ends at the same place read in pieces",
                QStringLiteral("%1 against %2 bytes").arg(taken).arg(all));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = Fuzz::inputBytes(data, size);
    checkHeadEnd(input, 1 + (input.isEmpty() ? 0 : uchar(input.at(0)) % 13));

    const qsizetype end = Detail::headEnd(input, 0);
    const QByteArray head = end < 0 ? input : input.left(end);  // the relay parses complete heads
    Headers headers;
    const QByteArray startLine = Detail::parseHead(head, headers);
    checkParsed(startLine, headers);
    Fuzz::check(Detail::requestBodyLength(head) == lengthOf(headers),
                "requestBodyLength reads as parseHead does",
                QStringLiteral("%1 against %2").arg(Detail::requestBodyLength(head)).arg(lengthOf(headers)));
    if (end >= 0) {
        checkMarker(head);
        checkHeadForQt(head, headers);
        checkBodyFramer(head, input.mid(end), 1 + (input.isEmpty() ? 0 : uchar(input.back()) % 7));
    }

    // Header lines the relay writes (names that are tokens, values without line breaks: what expectRequest()
    // accepts) read back as written.
    Headers written;
    for (const auto &h : std::as_const(headers)) {
        if (Fuzz::isToken(h.first) && !Fuzz::hasLineBreak(h.second))
            written.append(h);
    }
    const QByteArray replaced =
        Detail::replaceHeaderLines("GET / HTTP/1.1\r\n", Detail::headerLines(written));
    Headers reread;
    Fuzz::check(Detail::parseHead(replaced, reread) == "GET / HTTP/1.1" && reread == written,
                "header lines written parse back to the same headers", QString::fromLatin1(replaced));
    return 0;
}
