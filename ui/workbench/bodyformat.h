#pragma once

#include <QByteArray>
#include <QString>

namespace Rwb {

// What a body is, from its Content-Type or (when that says nothing useful) from its first bytes.
enum class BodyKind { Empty, Json, Xml, Html, Text, Binary };

struct BodyType {
    BodyKind kind = BodyKind::Empty;
    QByteArray mimeType;  // lower case, without parameters; empty when none was sent
    QByteArray charset;   // from the charset parameter; empty when none
};
BodyType classifyBody(const QByteArray &body, const QByteArray &contentType);

// "0 bytes", "1 byte", "512 bytes", "1.2 KiB", "64 KiB", "3.2 MiB" (binary units, one decimal at most).
QString formatByteSize(qint64 bytes);
// "No body", "1.2 KiB", or for a cut preview "showing 64 KiB of 3.2 MiB".
QString bodySizeText(qint64 previewSize, qint64 totalSize, bool truncated);

// The body as text in its charset (UTF-8 when none is named or the name is unknown).
QString decodeBody(const QByteArray &body, const QByteArray &charset);
// Re-indented JSON keeping the server's key order and number spelling (QJsonDocument would sort keys
// and rewrite numbers); a null QString when the bytes are not one complete JSON document.
QString prettyJson(const QByteArray &body);
// Re-indented HTML: blocks on lines of their own, indented by nesting; text and phrasing elements kept
// together on a line; script and style re-indented as lines, pre and textarea kept as sent. Markup is
// never added or dropped, only whitespace between it. A null QString when the text holds no tag.
QString prettyHtml(const QString &html);
// Indented XML, spelled as sent (only whitespace between the markup moves); a null QString when the
// document is not well-formed (or is cut short).
QString prettyXml(const QByteArray &body);
// "00000000  48 65 6c 6c 6f 0a ...  |Hello.|", 16 bytes a line.
QString hexDump(const QByteArray &body);

}  // namespace Rwb
