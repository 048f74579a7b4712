// splitShellWords (core/formats/shellwords.h) on any text, and shellQuote (core/formats/curlexport.h)
// against it. Properties:
// - the words a text splits into, each quoted with shellQuote() and joined by spaces, split back into the
//   same words;
// - the input read as words separated by NUL bytes (no shell word can hold one), each quoted and joined,
//   splits back into those words (as UTF-8 text, which is what a word becomes).
#include "fuzzcheck.h"

#include "core/formats/curlexport.h"
#include "core/formats/shellwords.h"

#include <QStringList>

using namespace Rwb;

namespace {

QString quotedLine(const QList<QByteArray> &words)
{
    QStringList quoted;
    for (const QByteArray &w : words)
        quoted << shellQuote(w);
    return quoted.join(QLatin1Char(' '));
}

void checkRoundTrip(const QList<QByteArray> &words, const char *what)
{
    const QString line = quotedLine(words);
    QString error;
    const QStringList back = splitShellWords(line, &error);
    QStringList expected;
    for (const QByteArray &w : words)
        expected << QString::fromUtf8(w);
    Fuzz::check(error.isEmpty() && back == expected, what,
                QStringLiteral("line: %1\nerror: %2\nexpected: [%3]\nfound: [%4]")
                    .arg(line, error, expected.join(QLatin1String("] [")), back.join(QLatin1String("] ["))));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = Fuzz::inputBytes(data, size);

    QString error;
    const QStringList words = splitShellWords(QString::fromUtf8(input), &error);
    Fuzz::check(error.isEmpty() || words.isEmpty(), "an error returns no words");
    bool hasNul = false;
    QList<QByteArray> utf8Words;
    for (const QString &w : words) {
        utf8Words << w.toUtf8();
        hasNul = hasNul || w.contains(QChar(0));
    }
    if (!hasNul)  // $'\0' makes a NUL, which shellQuote() cannot quote (bash would cut the word there)
        checkRoundTrip(utf8Words, "split words quoted and split again are the same words");

    QList<QByteArray> nulSeparated = input.split('\0');
    if (!input.isEmpty())
        checkRoundTrip(nulSeparated, "quoted words split back into the same words");
    return 0;
}
