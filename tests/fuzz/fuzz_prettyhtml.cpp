// prettyHtml (ui/workbench/bodyformat.h) on any body, decoded as UTF-8 as the Body tab decodes one without a
// charset. Property, from its documentation ("markup is never added or dropped, only whitespace between
// it"): without their whitespace the pretty form and the body are the same text. Whitespace is HTML's,
// ASCII whitespace (TAB, LF, FF, CR, SPACE): a no-break space or an ideographic space is text.
#include "fuzzcheck.h"

#include "workbench/bodyformat.h"

using namespace Rwb;

constexpr QStringView kWhitespace = u"\t\n\f\r ";  // HTML's ASCII whitespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString html = decodeBody(Fuzz::inputBytes(data, size), QByteArray());
    const QString pretty = prettyHtml(html);
    if (pretty.isNull())
        return 0;  // no tag: shown as text
    Fuzz::check(Fuzz::withoutWhitespace(pretty, kWhitespace) == Fuzz::withoutWhitespace(html, kWhitespace),
                "only whitespace moves", html + QLatin1String("\n----\n") + pretty);
    return 0;
}
