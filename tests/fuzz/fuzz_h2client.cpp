// The relay's HTTP/2 client (core/engine/private/h2client_p.h) on any bytes from a server, after it sent a
// GET on stream 1: the first input byte sets the size of the pieces the rest comes in (as reads from a
// socket), the rest is what the server sent. Also h1HeadFor() on every head the client reports, as the relay
// gives it to Qt. Properties:
// - a stream ends at most once, by its end or by a failure, never both; nothing is reported after that;
// - body bytes come only after a final head; a final head comes once; 1xx heads only before it;
// - every head has a :status of 100..999; receive() returning false leaves no stream open, with a reason;
// - the HTTP/1.1 head Qt is given holds no CR, LF or NUL inside a line: it is the start line, lines
//   "name: value" and the empty line, each ending in CRLF, and no pseudo-header field.
#include "fuzzcheck.h"

#include "../../app/core/engine/private/h2client_p.h"

using namespace Rwb;

namespace {

void checkHeadForQt(const QByteArray &head)
{
    Fuzz::check(head.startsWith("HTTP/1.1 ") && head.endsWith("\r\n\r\n"),
                "Qt's head: start line, empty line");
    const QList<QByteArray> lines = head.left(head.size() - 4).split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        Fuzz::check(i == lines.size() - 1 ? !line.endsWith('\r') : line.endsWith('\r'),
                    "Qt's head: CRLF lines", QString::fromLatin1(head.toPercentEncoding()));
        if (line.endsWith('\r'))
            line.chop(1);
        Fuzz::check(!line.contains('\r') && !line.contains('\0'), "Qt's head: no CR or NUL in a line");
        if (i > 0)
            Fuzz::check(line.indexOf(": ") > 0 && !line.startsWith(':'), "Qt's head: name: value, no pseudo");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype piece = 1 + data[0] % 64 * 37;
    const QByteArray bytes(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    bool finalHead = false;
    bool ended = false;
    bool failed = false;
    Detail::H2Client::Handlers handlers;
    handlers.head = [&](const Detail::H2Head &head, bool informational) {
        Fuzz::check(!ended && !failed, "no head after the stream's end");
        Fuzz::check(!finalHead, "no head after the final one");
        Fuzz::check(head.status >= 100 && head.status <= 999, "a head has a 3-digit :status");
        Fuzz::check(!informational || head.status < 200, "an informational head is 1xx");
        finalHead = !informational;
        checkHeadForQt(Detail::h1HeadFor(head, !informational));
    };
    handlers.data = [&](const char *, qsizetype n) {
        Fuzz::check(finalHead && !ended && !failed, "body only after the final head, before the end");
        Fuzz::check(n > 0, "no empty body piece");
    };
    handlers.end = [&] {
        Fuzz::check(finalHead && !ended && !failed, "one end, after the final head");
        ended = true;
    };
    handlers.failed = [&](const QString &reason) {
        Fuzz::check(!ended && !failed, "one failure, never after the end");
        Fuzz::check(!reason.isEmpty(), "a failure says why");
        failed = true;
    };
    Detail::H2Client client(std::move(handlers));
    const Detail::H2Fields get{
        {":method", "GET"}, {":path", "/"}, {":scheme", "https"}, {":authority", "a.test"}};
    Fuzz::check(client.request(get, QByteArray()), "a first request is taken");
    client.takeOutgoing();
    for (qsizetype at = 0; at < bytes.size(); at += piece) {
        const QByteArray chunk = bytes.mid(at, piece);
        if (!client.receive(chunk.constData(), chunk.size())) {
            Fuzz::check(!client.streamOpen(), "a connection error leaves no stream open");
            Fuzz::check(!client.error().isEmpty(), "a connection error says why");
            Fuzz::check(ended || failed, "the open stream ended or failed");
            break;
        }
        client.takeOutgoing();
    }
    return 0;
}
