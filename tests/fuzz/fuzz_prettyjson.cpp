// prettyJson (ui/workbench/bodyformat.h) on any body. Properties, from its documentation ("re-indented,
// keeping the server's key order and number spelling"): without their whitespace (JSON's: SPACE, TAB, LF,
// CR) the pretty form and the body are the same text, and the pretty form of a UTF-8 body is the same JSON
// document.
#include "fuzzcheck.h"

#include "workbench/bodyformat.h"

#include <QJsonDocument>
#include <QStringDecoder>

using namespace Rwb;

constexpr QStringView kWhitespace = u" \t\n\r";  // JSON's whitespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = Fuzz::inputBytes(data, size);
    const QString pretty = prettyJson(body);
    if (pretty.isNull())
        return 0;  // not one JSON document: shown as text
    const QString text = QString::fromUtf8(body);
    Fuzz::check(Fuzz::withoutWhitespace(pretty, kWhitespace) == Fuzz::withoutWhitespace(text, kWhitespace),
                "only whitespace moves", text + QLatin1String("\n----\n") + pretty);
    // Bytes that are not UTF-8 are shown as U+FFFD, which no longer says what they were.
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = utf8.decode(body);  // a QString: decode() alone decodes nothing
    if (!utf8.hasError())
        Fuzz::check(QJsonDocument::fromJson(pretty.toUtf8()) == QJsonDocument::fromJson(body),
                    "the pretty form of UTF-8 is the same document", pretty);
    return 0;
}
