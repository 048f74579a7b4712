#include "bodyformat.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace Rwb {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("Rwb::BodyView", text);
}

bool isTextMime(const QByteArray &mime)
{
    static const QByteArray textual[] = {
        "application/javascript", "application/ecmascript",   "application/x-www-form-urlencoded",
        "application/x-sh",       "application/problem+json", "application/graphql"};
    if (mime.startsWith("text/"))
        return true;
    for (const QByteArray &t : textual) {
        if (mime == t)
            return true;
    }
    return false;
}

// Bytes that a text view would garble: NUL or other C0 controls besides tab/CR/LF/FF/ESC, or UTF-8
// that does not decode (an incomplete sequence at the end of a cut preview is allowed).
bool looksBinary(const QByteArray &body)
{
    for (char c : body) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != '\f' && u != 0x1b)
            return true;
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    (void)utf8.decode(body.left(body.size() - 3));
    return utf8.hasError();
}

BodyKind sniff(const QByteArray &body)
{
    const QByteArray head = body.left(256).trimmed().toLower();
    if (looksBinary(body))
        return BodyKind::Binary;
    if (head.startsWith('{') || head.startsWith('['))
        return BodyKind::Json;
    if (head.startsWith("<!doctype html") || head.startsWith("<html"))
        return BodyKind::Html;
    if (head.startsWith("<?xml"))
        return BodyKind::Xml;
    return BodyKind::Text;
}

}  // namespace

BodyType classifyBody(const QByteArray &body, const QByteArray &contentType)
{
    BodyType type;
    const QList<QByteArray> parts = contentType.split(';');
    type.mimeType = parts.value(0).trimmed().toLower();
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray param = parts.at(i).trimmed();
        if (param.toLower().startsWith("charset="))
            type.charset = param.mid(8).trimmed().replace('"', QByteArray());
    }
    const QByteArray &m = type.mimeType;
    if (body.isEmpty())
        type.kind = BodyKind::Empty;
    else if (m == "application/json" || m == "text/json" || m.endsWith("+json"))
        type.kind = BodyKind::Json;
    else if (m == "text/html")
        type.kind = BodyKind::Html;
    else if (m.endsWith("/xml") || m.endsWith("+xml"))
        type.kind = BodyKind::Xml;
    else if (isTextMime(m))
        type.kind = BodyKind::Text;
    else if (m.isEmpty() || m == "application/octet-stream" || m == "unknown/unknown")
        type.kind = sniff(body);  // servers often send no type, or a generic one, for text
    else
        type.kind = BodyKind::Binary;
    return type;
}

QString formatByteSize(qint64 bytes)
{
    if (bytes < 1024)
        return bytes == 1 ? translate("1 byte") : translate("%1 bytes").arg(bytes);
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    double value = double(bytes) / 1024.0;
    int unit = 0;
    while (value >= 1024.0 && unit < 3) {
        value /= 1024.0;
        ++unit;
    }
    QString number = QString::number(value, 'f', 1);
    if (number.endsWith(QLatin1String(".0")))
        number.chop(2);
    return number + QLatin1Char(' ') + QLatin1String(units[unit]);
}

QString bodySizeText(qint64 previewSize, qint64 totalSize, bool truncated)
{
    if (previewSize == 0 && totalSize <= 0)
        return translate("No body");
    if (truncated) {
        if (totalSize > previewSize)
            return translate("showing %1 of %2").arg(formatByteSize(previewSize), formatByteSize(totalSize));
        return translate("showing %1 of a longer body").arg(formatByteSize(previewSize));
    }
    return formatByteSize(qMax(previewSize, totalSize));
}

QString decodeBody(const QByteArray &body, const QByteArray &charset)
{
    if (!charset.isEmpty()) {
        QStringDecoder named(charset.constData());
        if (named.isValid())
            return named.decode(body);
    }
    QStringDecoder utf8(QStringDecoder::Utf8);
    return utf8.decode(body);
}

QString prettyJson(const QByteArray &body)
{
    QJsonParseError error;
    if (QJsonDocument::fromJson(body, &error).isNull() || error.error != QJsonParseError::NoError)
        return {};
    // Valid JSON: re-indent token by token so the text stays what the server sent.
    const QString text = QString::fromUtf8(body);
    QString out;
    out.reserve(text.size() * 2);
    int depth = 0;
    bool inString = false;
    const auto newline = [&out, &depth] {
        out += QLatin1Char('\n');
        out += QString(depth * 4, QLatin1Char(' '));
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inString) {
            out += c;
            if (c == QLatin1Char('\\') && i + 1 < text.size())
                out += text.at(++i);
            else if (c == QLatin1Char('"'))
                inString = false;
            continue;
        }
        if (c.isSpace())
            continue;
        switch (c.unicode()) {
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[': {
            // Empty containers stay on one line: "{}" and "[]".
            qsizetype j = i + 1;
            while (j < text.size() && text.at(j).isSpace())
                ++j;
            const QChar close = c == QLatin1Char('{') ? QLatin1Char('}') : QLatin1Char(']');
            if (j < text.size() && text.at(j) == close) {
                out += c;
                out += close;
                i = j;
                break;
            }
            out += c;
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']':
            --depth;
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += QLatin1String(": ");
            break;
        default:
            out += c;
        }
    }
    return out;
}

QString prettyXml(const QByteArray &body)
{
    QXmlStreamReader reader(body);
    QString out;
    QXmlStreamWriter writer(&out);
    writer.setAutoFormatting(true);
    writer.setAutoFormattingIndent(2);
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.hasError())
            return {};
        // Indentation whitespace of the original would fight the writer's own.
        if (reader.isWhitespace())
            continue;
        // The declaration is copied as sent (the writer would drop its encoding, or invent one when
        // the reader reports a start of document without any declaration).
        if (reader.isStartDocument()) {
            const QByteArray head = body.trimmed();
            const qsizetype end = head.indexOf("?>");
            if (head.startsWith("<?xml") && end > 0)
                out += QString::fromUtf8(head.left(end + 2));
            continue;
        }
        writer.writeCurrentToken(reader);
    }
    if (reader.hasError())
        return {};
    return out.trimmed();
}

QString hexDump(const QByteArray &body)
{
    static const char digits[] = "0123456789abcdef";
    QByteArray out;
    out.reserve((body.size() / 16 + 1) * 80);
    for (qsizetype offset = 0; offset < body.size(); offset += 16) {
        const qsizetype n = qMin<qsizetype>(16, body.size() - offset);
        out += QByteArray::number(offset, 16).rightJustified(8, '0');
        out += "  ";
        for (qsizetype i = 0; i < 16; ++i) {
            if (i == 8)
                out += ' ';
            if (i < n) {
                const auto u = static_cast<unsigned char>(body.at(offset + i));
                out += digits[u >> 4];
                out += digits[u & 0xf];
                out += ' ';
            } else {
                out += "   ";
            }
        }
        out += " |";
        for (qsizetype i = 0; i < n; ++i) {
            const char c = body.at(offset + i);
            out += (c >= 0x20 && c < 0x7f) ? c : '.';
        }
        out += "|\n";
    }
    out.chop(1);
    return QString::fromLatin1(out);
}

}  // namespace Rwb
