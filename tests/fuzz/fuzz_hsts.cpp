// Strict-Transport-Security (core/http/hsts.h): parseStsHeader on each line of the input, and an HstsStore
// with one preloaded host (pre.example.test) that receives each line as a header from https://HOST/ and from
// the preloaded host. HOST is the first line when it is a host name, a.example.test otherwise.
// Properties, from hsts.h:
// - a value that parses gives a max-age from 0 to 2^31-1; one that does not leaves the outputs alone;
// - the store's note agrees with the parse (stored for max-age > 0, cleared for 0, ignored when invalid);
// - a host stored is upgraded, http://HOST:80/p?q to https://HOST/p?q (the default port); a cleared one
//   is not (unless the preload covers it); the preloaded host is upgraded whatever header came.
#include "fuzzcheck.h"

#include "core/http/hsts.h"

#include <QDateTime>
#include <QHostAddress>

using namespace Rwb;

namespace {

const QString kPreloaded = QStringLiteral("pre.example.test");

QUrl url(const QString &scheme, const QString &host, const QString &rest)
{
    return QUrl(scheme + QLatin1String("://") + host + rest, QUrl::StrictMode);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QList<QByteArray> lines = Fuzz::inputLines(data, size);
    QString host = QStringLiteral("a.example.test");
    {
        const QString first = QString::fromUtf8(lines.first()).toLower();
        const QUrl candidate = url(QStringLiteral("https"), first, QStringLiteral("/"));
        if (!first.isEmpty() && candidate.isValid() && candidate.host() == first && candidate.port() == -1
            && QHostAddress(first).isNull()) {
            host = first;
            lines.removeFirst();
        }
    }
    const bool preloadCovers = host == kPreloaded || host.endsWith(QLatin1Char('.') + kPreloaded);
    const QDateTime now(QDate(2026, 5, 1), QTime(12, 0), Qt::UTC);
    HstsStore store({kPreloaded});

    for (const QByteArray &value : std::as_const(lines)) {
        qint64 maxAge = -7;
        bool subDomains = true;
        const bool parsed = parseStsHeader(value, &maxAge, &subDomains);
        const QString shown = QString::fromLatin1(value.toPercentEncoding(" ;=\"\\"));
        if (parsed)
            Fuzz::check(maxAge >= 0 && maxAge <= 2147483647, "max-age from 0 to 2^31-1", shown);
        else
            Fuzz::check(maxAge == -7 && subDomains, "an invalid header leaves the outputs alone", shown);

        const Note note =
            store.processHeader(url(QStringLiteral("https"), host, QStringLiteral("/")), value, now);
        const NoteCode expected = !parsed      ? NoteCode::HstsIgnored
                                  : maxAge > 0 ? NoteCode::HstsStored
                                               : NoteCode::HstsCleared;
        Fuzz::check(note.is(expected), "the store's note agrees with the parse",
                    shown + QLatin1Char(' ') + note.code);
        const QUrl target =
            store.upgradeTarget(url(QStringLiteral("http"), host, QStringLiteral(":80/p?q")), now);
        if (note.is(NoteCode::HstsStored))
            Fuzz::check(target == url(QStringLiteral("https"), host, QStringLiteral("/p?q")),
                        "a stored host is upgraded to https on the default port", target.toString());
        else if (note.is(NoteCode::HstsCleared) && !preloadCovers)
            Fuzz::check(target.isEmpty(), "a cleared host is not upgraded", target.toString());

        store.processHeader(url(QStringLiteral("https"), kPreloaded, QStringLiteral("/")), value, now);
        const QUrl preloaded =
            store.upgradeTarget(url(QStringLiteral("http"), kPreloaded, QStringLiteral("/x")), now);
        Fuzz::check(preloaded == url(QStringLiteral("https"), kPreloaded, QStringLiteral("/x")),
                    "a header never removes a preloaded host", shown);
    }
    return 0;
}
