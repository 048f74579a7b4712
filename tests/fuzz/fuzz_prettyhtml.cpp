// prettyHtml (ui/workbench/bodyformat.h) on any body, decoded as UTF-8 as the Body tab decodes one without a
// charset. Property, from its documentation ("markup is never added or dropped, only whitespace between
// it"): without their whitespace the pretty form and the body are the same text. Whitespace is HTML's,
// ASCII whitespace (TAB, LF, FF, CR, SPACE): a no-break space or an ideographic space is text.
#include "fuzzcheck.h"

#include "workbench/bodyformat.h"

using namespace Rwb;

namespace {

QString withoutWhitespace(const QString &text)
{
    QString out;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u != 0x09 && u != 0x0A && u != 0x0C && u != 0x0D && u != 0x20)
            out += c;
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString html = decodeBody(Fuzz::inputBytes(data, size), QByteArray());
    const QString pretty = prettyHtml(html);
    if (pretty.isNull())
        return 0;  // no tag: shown as text
    Fuzz::check(withoutWhitespace(pretty) == withoutWhitespace(html), "only whitespace moves",
                html + QLatin1String("\n----\n") + pretty);
    return 0;
}
