// prettyXml (ui/workbench/bodyformat.h) on any body. Property, from its documentation ("spelled as sent,
// only whitespace between the markup moves"): without their whitespace the pretty form and the document
// are the same text. Whitespace is XML's (S: SPACE, TAB, CR, LF); the document is read as prettyXml reads
// it: in the encoding of its byte order mark, else the one it declares, else UTF-8.
#include "fuzzcheck.h"

#include "workbench/bodyformat.h"

#include <QStringDecoder>
#include <QXmlStreamReader>

using namespace Rwb;

constexpr QStringView kWhitespace = u" \t\r\n";  // XML's S

namespace {

QString decoded(const QByteArray &body)
{
    QByteArray declared;
    QXmlStreamReader reader(body);
    while (!reader.atEnd() && declared.isEmpty()) {
        if (reader.readNext() == QXmlStreamReader::StartDocument)
            declared = reader.documentEncoding().toLatin1();
    }
    const auto bom = QStringConverter::encodingForData(body);
    QStringDecoder decoder = bom ? QStringDecoder(*bom) : QStringDecoder(declared.constData());
    if (!decoder.isValid())
        decoder = QStringDecoder(QStringConverter::Utf8);
    return decoder.decode(body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = Fuzz::inputBytes(data, size);
    const QString pretty = prettyXml(body);
    if (pretty.isNull())
        return 0;  // not well-formed: shown as text
    const QString text = decoded(body);
    Fuzz::check(Fuzz::withoutWhitespace(pretty, kWhitespace) == Fuzz::withoutWhitespace(text, kWhitespace),
                "only whitespace moves", text + QLatin1String("\n----\n") + pretty);
    return 0;
}
