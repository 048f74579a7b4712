// Written by hand: neither Qt nor anything else this project links parses shell words (QProcess's
// splitCommand knows only plain double quotes, not '...', $'...' or continuations).
#include "core/formats/shellwords.h"

#include <utility>

namespace Rwb {

namespace {

bool isBlank(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n')
           || c == QLatin1Char('\r');
}

bool isNameStart(QChar c)
{
    return c == QLatin1Char('_') || (c.unicode() < 0x80 && c.isLetter());
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

// The start of an unterminated quote for the error message, shortened so a long body stays readable.
QString excerpt(const QString &t, qsizetype from)
{
    const QString rest = t.mid(from).simplified();
    return rest.size() > 30 ? rest.left(30) + QStringLiteral("...") : rest;
}

// A backslash followed by a line break (LF, or CRLF from a Windows copy): the length of the
// continuation, 0 if there is none at i.
int continuationAt(const QString &t, qsizetype i)
{
    if (i + 1 < t.size() && t[i] == QLatin1Char('\\')) {
        if (t[i + 1] == QLatin1Char('\n'))
            return 2;
        if (t[i + 1] == QLatin1Char('\r') && i + 2 < t.size() && t[i + 2] == QLatin1Char('\n'))
            return 3;
    }
    return 0;
}

void appendCodePoint(QByteArray &word, char32_t cp)
{
    word += QString::fromUcs4(&cp, 1).toUtf8();
}

// Words are gathered as UTF-8 bytes so that $'\xc3\xa9' (two escaped bytes) decodes to one character,
// as it does in bash under a UTF-8 locale.
class Splitter
{
public:
    explicit Splitter(const QString &text)
        : t(text)
    {
    }

    QStringList run(QString *error)
    {
        while (i < t.size() && m_error.isEmpty())
            step();
        if (m_error.isEmpty())
            finishWord();
        if (!m_error.isEmpty()) {
            if (error)
                *error = m_error;
            return {};
        }
        return words;
    }

private:
    void finishWord()
    {
        if (inWord)
            words << QString::fromUtf8(word);
        word.clear();
        inWord = false;
    }

    void fail(const QString &message) { m_error = message; }

    // Appends the character at `at` as UTF-8, a character beyond U+FFFF (a surrogate pair) whole; returns
    // its length in QChars.
    qsizetype appendCharAt(qsizetype at)
    {
        const qsizetype n =
            at + 1 < t.size() && t[at].isHighSurrogate() && t[at + 1].isLowSurrogate() ? 2 : 1;
        word += QStringView(t).mid(at, n).toUtf8();
        return n;
    }

    // $ outside single quotes: only a lone $ (or $ before a character that starts no expansion) is literal.
    bool dollarIsExpansion(qsizetype at) const
    {
        if (at + 1 >= t.size())
            return false;
        const QChar n = t[at + 1];
        return isNameStart(n) || n.isDigit() || n == QLatin1Char('{') || n == QLatin1Char('(')
               || QStringLiteral("@*#?$!-").contains(n);
    }

    QString expansionText(qsizetype at) const
    {
        qsizetype end = at + 1;
        while (end < t.size() && !isBlank(t[end]) && t[end] != QLatin1Char('"') && t[end] != QLatin1Char('\'')
               && end - at < 24)
            ++end;
        return t.mid(at, end - at);
    }

    void step()
    {
        const QChar c = t[i];
        if (const int n = continuationAt(t, i)) {
            i += n;
            return;
        }
        if (isBlank(c)) {
            finishWord();
            ++i;
            return;
        }
        if (c == QLatin1Char('#') && !inWord) {
            while (i < t.size() && t[i] != QLatin1Char('\n'))
                ++i;
            return;
        }
        if (QStringLiteral("|;&<>()").contains(c)) {
            fail(QStringLiteral("shell operator %1 is not supported here: quote it if it belongs to a word")
                     .arg(c));
            return;
        }
        if (c == QLatin1Char('\\') && i + 1 >= t.size() && !inWord) {
            ++i;  // a backslash that ends the text: a line continuation with nothing after it
            return;
        }
        inWord = true;
        if (c == QLatin1Char('\\')) {
            i += 1 + (i + 1 < t.size() ? appendCharAt(i + 1) : 1);
        } else if (c == QLatin1Char('\'')) {
            singleQuoted();
        } else if (c == QLatin1Char('"')) {
            doubleQuoted();
        } else if (c == QLatin1Char('$') && i + 1 < t.size() && t[i + 1] == QLatin1Char('\'')) {
            ansiQuoted();
        } else if (c == QLatin1Char('$') && dollarIsExpansion(i)) {
            fail(QStringLiteral("shell expansion is not supported here: %1").arg(expansionText(i)));
        } else if (c == QLatin1Char('`')) {
            fail(QStringLiteral("command substitution is not supported here: `"));
        } else {
            i += appendCharAt(i);
        }
    }

    void singleQuoted()
    {
        const qsizetype end = t.indexOf(QLatin1Char('\''), i + 1);
        if (end < 0) {
            fail(QStringLiteral("unterminated single quote (') starting at %1").arg(excerpt(t, i)));
            return;
        }
        word += t.mid(i + 1, end - i - 1).toUtf8();
        i = end + 1;
    }

    void doubleQuoted()
    {
        const qsizetype start = i;
        ++i;
        while (i < t.size()) {
            const QChar c = t[i];
            if (c == QLatin1Char('"')) {
                ++i;
                return;
            }
            if (const int n = continuationAt(t, i)) {
                i += n;
            } else if (c == QLatin1Char('\\') && i + 1 < t.size()
                       && QStringLiteral("\"\\$`").contains(t[i + 1])) {
                word += QString(t[i + 1]).toUtf8();
                i += 2;
            } else if (c == QLatin1Char('$') && dollarIsExpansion(i)) {
                fail(QStringLiteral("shell expansion is not supported here: %1").arg(expansionText(i)));
                return;
            } else if (c == QLatin1Char('`')) {
                fail(QStringLiteral("command substitution is not supported here: `"));
                return;
            } else {
                i += appendCharAt(i);  // inside "..." any other backslash stays
            }
        }
        fail(QStringLiteral("unterminated double quote (\") starting at %1").arg(excerpt(t, start)));
    }

    // Reads up to maxDigits digits of the given base at i; returns -1 if there is none.
    qint64 digits(int base, int maxDigits)
    {
        qint64 v = -1;
        for (int k = 0; k < maxDigits && i < t.size(); ++k) {
            const int d = hexValue(t[i]);
            if (d < 0 || d >= base)
                break;
            v = (v < 0 ? 0 : v * base) + d;
            ++i;
        }
        return v;
    }

    void ansiQuoted()
    {
        const qsizetype start = i;
        i += 2;
        while (i < t.size()) {
            const QChar c = t[i];
            if (c == QLatin1Char('\'')) {
                ++i;
                return;
            }
            if (c != QLatin1Char('\\') || i + 1 >= t.size()) {
                i += appendCharAt(i);
                continue;
            }
            ++i;
            const QChar e = t[i++];
            static const QString simpleFrom = QStringLiteral("abefnrtv\\'\"?E");
            static const char simpleTo[] = "\a\b\x1b\f\n\r\t\v\\'\"?\x1b";
            if (const qsizetype k = simpleFrom.indexOf(e); k >= 0) {
                word += simpleTo[k];
            } else if (e == QLatin1Char('x')) {
                const qint64 v = digits(16, 2);
                word += v < 0 ? QByteArrayLiteral("\\x") : QByteArray(1, char(v));
            } else if (e == QLatin1Char('u') || e == QLatin1Char('U')) {
                const qint64 v = digits(16, e == QLatin1Char('u') ? 4 : 8);
                if (v < 0 || v > 0x10ffff)
                    word += QByteArray("\\") + QString(e).toUtf8();
                else
                    appendCodePoint(word, char32_t(v));
            } else if (e.unicode() >= u'0' && e.unicode() <= u'7') {
                --i;
                word += char(digits(8, 3) & 0xff);
            } else if (e == QLatin1Char('c') && i < t.size()) {
                word += char(t[i++].toLatin1() & 0x1f);
            } else {  // bash keeps unknown escapes as written
                word += '\\';
                i += appendCharAt(i - 1) - 1;  // e, and the second half of a surrogate pair
            }
        }
        fail(QStringLiteral("unterminated $'...' quote starting at %1").arg(excerpt(t, start)));
    }

    const QString &t;
    qsizetype i = 0;
    QByteArray word;
    bool inWord = false;
    QStringList words;
    QString m_error;
};

}  // namespace

QStringList splitShellWords(const QString &text, QString *error)
{
    return Splitter(text).run(error);
}

namespace {

// cmd.exe's pass: carets and line continuations undone, quotes kept for the C runtime's pass. Written here
// because nothing on Linux reads cmd.exe's syntax.
QString undoCmdEscapes(const QString &text, QString *error)
{
    QString out;
    bool quoted = false;  // cmd's own view: every bare " toggles it
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"')) {
            quoted = !quoted;
            out += c;
            continue;
        }
        if (quoted) {
            out += c;
            continue;
        }
        if (c == QLatin1Char('^')) {
            if (++i >= text.size())
                break;  // a ^ at the very end escapes nothing
            if (text.at(i) == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            if (text.at(i) == QLatin1Char('\n')) {  // the line goes on; the next character is taken as it is
                if (i + 1 < text.size())
                    out += text.at(++i);
                continue;
            }
            out += text.at(i);
            continue;
        }
        if (c == QLatin1Char('&') || c == QLatin1Char('|') || c == QLatin1Char('<')
            || c == QLatin1Char('>')) {
            *error = QStringLiteral("an unescaped %1 outside quotes: cmd would run or redirect more than the "
                                    "curl command")
                         .arg(c);
            return QString();
        }
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            if (!text.mid(i).trimmed().isEmpty()) {
                *error = QStringLiteral("a line ends without ^ and more follows: cmd would run it as another "
                                        "command");
                return QString();
            }
            break;
        }
        out += c;
    }
    return out;
}

}  // namespace

QStringList splitCmdWords(const QString &text, QString *error)
{
    QString cmdError;
    const QString line = undoCmdEscapes(text, &cmdError);
    if (!cmdError.isEmpty()) {
        *error = cmdError;
        return {};
    }
    // The C runtime's pass (Microsoft's rules for parsing C command-line arguments).
    QStringList words;
    QString word;
    bool inWord = false;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (!quoted && (c == QLatin1Char(' ') || c == QLatin1Char('\t'))) {
            if (inWord)
                words.append(std::exchange(word, QString()));
            inWord = false;
            continue;
        }
        inWord = true;
        if (c == QLatin1Char('\\')) {
            qsizetype n = 0;
            while (i + n < line.size() && line.at(i + n) == QLatin1Char('\\'))
                ++n;
            i += n - 1;
            if (i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"')) {
                word += QString(n / 2, QLatin1Char('\\'));
                if (n % 2 == 1) {
                    word += QLatin1Char('"');
                    ++i;
                }
            } else {
                word += QString(n, QLatin1Char('\\'));
            }
        } else if (c == QLatin1Char('"')) {
            if (quoted && i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"')) {
                word += QLatin1Char('"');
                ++i;
            } else {
                quoted = !quoted;
            }
        } else {
            word += c;
        }
    }
    if (inWord)
        words.append(word);
    return words;
}

}  // namespace Rwb
