#include "workbench/bodyformat.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>
#include <QXmlStreamReader>

#include <optional>

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
    // decode() only describes the work: turning it into a QString is what decodes and sets hasError().
    const QString text = utf8.decode(body.left(body.size() - 3));
    Q_UNUSED(text)
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

// The pieces of a well-formed XML document, each spelled as sent and trimmed; runs of text (CDATA
// included) are one piece, and whitespace-only text is none. Cut up by hand: QXmlStreamWriter would
// re-quote attributes, write <a></a> as <a/> and resolve entities, and the reader's character offsets
// run ahead of its tokens.
enum class XmlPiece { Text, Start, End, Other };  // Other: <b/>, comments, declarations
struct XmlToken {
    XmlPiece piece;
    QString source;
};

QList<XmlToken> xmlTokens(const QString &text)
{
    QList<XmlToken> tokens;
    const auto endOf = [&text](qsizetype from, QLatin1String close) {
        const qsizetype at = text.indexOf(close, from);
        return at < 0 ? text.size() : at + close.size();
    };
    for (qsizetype i = 0; i < text.size();) {
        qsizetype end;
        XmlPiece piece = XmlPiece::Other;
        const QStringView rest = QStringView(text).mid(i);
        if (text.at(i) != QLatin1Char('<')) {
            end = text.indexOf(QLatin1Char('<'), i);
            end = end < 0 ? text.size() : end;
            piece = XmlPiece::Text;
        } else if (rest.startsWith(QLatin1String("<!--"))) {
            end = endOf(i + 4, QLatin1String("-->"));
        } else if (rest.startsWith(QLatin1String("<![CDATA["))) {
            end = endOf(i + 9, QLatin1String("]]>"));
            piece = XmlPiece::Text;
        } else if (rest.startsWith(QLatin1String("<?"))) {
            end = endOf(i + 2, QLatin1String("?>"));
        } else {
            // A tag, or <!DOCTYPE ...> with an internal subset: up to the '>' outside quotes and brackets.
            QChar quote;
            int brackets = 0;
            for (end = i + 1; end < text.size(); ++end) {
                const QChar c = text.at(end);
                if (!quote.isNull()) {
                    if (c == quote)
                        quote = QChar();
                } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
                    quote = c;
                } else if (c == QLatin1Char('[')) {
                    ++brackets;
                } else if (c == QLatin1Char(']')) {
                    --brackets;
                } else if (c == QLatin1Char('>') && brackets <= 0) {
                    break;
                }
            }
            end = qMin(end + 1, text.size());
            if (rest.startsWith(QLatin1String("</")))
                piece = XmlPiece::End;
            else if (!rest.startsWith(QLatin1String("<!")))
                piece = text.at(end - 2) == QLatin1Char('/') ? XmlPiece::Other : XmlPiece::Start;
        }
        const QString source = text.mid(i, end - i);
        i = end;
        if (piece == XmlPiece::Text && !tokens.isEmpty() && tokens.last().piece == XmlPiece::Text)
            tokens.last().source += source;
        else
            tokens.append({piece, source});
    }
    // XML's whitespace (S: SPACE, TAB, CR, LF) only: a no-break space or any other Unicode space is text.
    const auto isXmlSpace = [](QChar c) {
        return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\r')
               || c == QLatin1Char('\n');
    };
    for (XmlToken &t : tokens) {
        qsizetype begin = 0;
        qsizetype end = t.source.size();
        while (begin < end && isXmlSpace(t.source.at(begin)))
            ++begin;
        while (end > begin && isXmlSpace(t.source.at(end - 1)))
            --end;
        t.source = t.source.mid(begin, end - begin);
    }
    tokens.removeIf([](const XmlToken &t) { return t.source.isEmpty(); });
    return tokens;
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
    // Well-formed or nothing: the reader checks the whole document (a cut preview fails here), and
    // finds the encoding it declares.
    QByteArray declared;
    {
        QXmlStreamReader reader(body);
        while (!reader.atEnd()) {
            reader.readNext();
            if (reader.isStartDocument())
                declared = reader.documentEncoding().toLatin1();
        }
        if (reader.hasError())
            return {};
    }
    // A BOM first, then the declaration, then UTF-8.
    const std::optional<QStringConverter::Encoding> bom = QStringConverter::encodingForData(body);
    QStringDecoder decoder = bom ? QStringDecoder(*bom) : QStringDecoder(declared.constData());
    if (!decoder.isValid())
        decoder = QStringDecoder(QStringConverter::Utf8);
    const QList<XmlToken> tokens = xmlTokens(decoder.decode(body));

    QStringList lines;
    int depth = 0;
    const auto pieceAt = [&tokens](qsizetype k) {
        return k < tokens.size() ? tokens.at(k).piece : XmlPiece::Other;
    };
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const XmlToken &t = tokens.at(i);
        QString line = t.source;
        bool opens = t.piece == XmlPiece::Start;
        if (opens && pieceAt(i + 1) == XmlPiece::End) {  // <a></a>
            line += tokens.at(++i).source;
            opens = false;
        } else if (opens && pieceAt(i + 1) == XmlPiece::Text && pieceAt(i + 2) == XmlPiece::End) {
            line += tokens.at(i + 1).source + tokens.at(i + 2).source;  // <a>text</a>
            i += 2;
            opens = false;
        } else if (t.piece == XmlPiece::End) {
            depth = qMax(0, depth - 1);
        }
        lines << QString(depth * 2, QLatin1Char(' ')) + line;
        if (opens)
            ++depth;
    }
    return lines.join(QLatin1Char('\n'));
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
