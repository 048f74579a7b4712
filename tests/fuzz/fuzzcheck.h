// What the fuzz targets share: a check that aborts (libFuzzer then saves the input as a crash), and the
// properties several targets check.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringView>

#include <cstdio>
#include <cstdlib>

namespace Rwb::Fuzz {

// Aborts with `what` on stderr unless `ok`: a broken property is a finding, as a crash is.
inline void check(bool ok, const char *what, const QString &detail = QString())
{
    if (ok)
        return;
    std::fprintf(stderr, "property broken: %s\n%s\n", what, detail.toUtf8().constData());
    std::fflush(stderr);
    std::abort();
}

// CR, LF or NUL: a byte that would end or split a line of a request head. Checked byte by byte here, not
// with the code's own hasFieldBreak(), so that a target does not check the code with itself.
inline bool hasLineBreak(QByteArrayView bytes)
{
    for (const char c : bytes) {
        if (c == '\r' || c == '\n' || c == '\0')
            return true;
    }
    return false;
}

// RFC 9110 §5.6.2 token: one or more of ALPHA, DIGIT and !#$%&'*+-.^_`|~.
inline bool isToken(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return false;
    for (const char c : bytes) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && !QByteArrayView("!#$%&'*+-.^_`|~").contains(c))
            return false;
    }
    return true;
}

// The input cut at each LF (a CR before it stays): lines of the small text formats of the targets.
inline QList<QByteArray> inputLines(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)).split('\n');
}

// `text` without the characters of `whitespace`: the property of the pretty printers, "only whitespace
// moves", compares a body and its pretty form this way (each format has its own whitespace).
inline QString withoutWhitespace(const QString &text, QStringView whitespace)
{
    QString out;
    for (const QChar c : text) {
        if (!whitespace.contains(c))
            out += c;
    }
    return out;
}

inline QByteArray inputBytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

}  // namespace Rwb::Fuzz
