// sessionFromJson (core/session/session.h) on any bytes up to the 64 MiB a session file may have
// (kMaxDocumentBytes). Properties:
// - a session that loads writes back to a file that loads, and writing that one again gives the same bytes
//   (the lossless round trip, with the fixed key order);
// - every case that resolves (resolveCase, with no environment and with each of the session's) puts nothing
//   on the wire that could end or split a line of the request head: its method and header names are tokens,
//   its header values hold no CR, LF or NUL, whatever the file and its variables hold.
#include "fuzzcheck.h"

#include "core/io/boundedread.h"
#include "core/session/session.h"

using namespace Rwb;

namespace {

void checkResolved(const ResolvedCase &resolved)
{
    if (!resolved.error.isEmpty())
        return;
    const RequestSpec &r = resolved.request;
    Fuzz::check(Fuzz::isToken(r.method), "the method of a case that resolves is a token",
                QString::fromLatin1(r.method.toPercentEncoding()));
    for (const HeaderPair &h : r.headers) {
        const QString shown =
            QString::fromLatin1(QByteArray(h.first + ": " + h.second).toPercentEncoding(": "));
        Fuzz::check(Fuzz::isToken(h.first), "a header name of a case that resolves is a token", shown);
        Fuzz::check(!Fuzz::hasLineBreak(h.second),
                    "a header value of a case that resolves holds no CR, LF or NUL", shown);
    }
    Fuzz::check(r.url.isValid() && !r.url.isRelative() && !r.url.host().isEmpty(),
                "a case that resolves has an absolute URL", r.url.toString());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (qint64(size) > kMaxDocumentBytes)
        return -1;  // loadSessionFile() refuses a larger file before parsing it
    const SessionLoadResult loaded = sessionFromJson(Fuzz::inputBytes(data, size));
    Fuzz::check(loaded.session.has_value() == loaded.error.isEmpty(), "either a session or an error",
                loaded.error);
    if (!loaded.session)
        return 0;
    const Session &session = *loaded.session;

    const QByteArray written = sessionToJson(session);
    const SessionLoadResult reread = sessionFromJson(written);
    Fuzz::check(reread.session.has_value(), "a session written loads again",
                reread.error + QLatin1Char('\n') + QString::fromUtf8(written));
    const QByteArray rewritten = sessionToJson(*reread.session);
    Fuzz::check(rewritten == written, "a session loaded again writes the same bytes",
                QString::fromUtf8(written) + QLatin1String("\n----\n") + QString::fromUtf8(rewritten));

    QStringList environments{QString()};
    for (const Environment &e : session.environments)
        environments.append(e.name);
    for (const CaseRef &ref : allCases(session)) {
        for (const QString &environment : std::as_const(environments))
            checkResolved(resolveCase(*ref.testCase, session, environment));
    }
    return 0;
}
