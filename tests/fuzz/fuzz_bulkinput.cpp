// parseBulkInput (core/check/bulkinput.h), the input of `rwb check`, on any bytes: the first byte picks how
// it is read (auto, list, csv, tsv, sitemap), the rest is the input. Properties:
// - it gives lines (or a sitemap index's sitemaps) or an error, never both, never neither;
// - lines come in input order, each with a line number from 1; a line is traceable (no `invalid`) exactly
//   when its URL is an absolute http(s) URL with a host; every expected status is a code of 100..999.
#include "fuzzcheck.h"

#include "core/check/bulkinput.h"

using namespace Rwb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const BulkInputKind kinds[] = {BulkInputKind::Auto, BulkInputKind::List, BulkInputKind::Csv,
                                          BulkInputKind::Tsv, BulkInputKind::Sitemap};
    const BulkInputKind kind = kinds[data[0] % 5];
    const QByteArray bytes(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const BulkInputResult r = parseBulkInput(bytes, kind);
    Fuzz::check(bool(r.input) != !r.error.isEmpty(), "lines or an error");
    if (!r.input)
        return 0;
    Fuzz::check(r.input->kind != BulkInputKind::Auto, "the kind read is named");
    Fuzz::check(!r.input->lines.isEmpty() || !r.input->sitemaps.isEmpty(), "something to check");
    qint64 last = 0;
    for (const BulkLine &l : r.input->lines) {
        Fuzz::check(l.lineNumber >= 1 && l.lineNumber > last, "lines in order, numbered from 1");
        last = l.lineNumber;
        const bool traceable =
            l.url.isValid() && !l.url.host().isEmpty()
            && (l.url.scheme() == QLatin1String("http") || l.url.scheme() == QLatin1String("https"));
        Fuzz::check(l.invalid.isEmpty() == traceable
                        || (!l.invalid.isEmpty() && l.expectedTarget == std::nullopt),
                    "invalid exactly when not traceable", l.from);
        for (const QList<int> &codes : {l.expectedStatuses, l.finalStatuses}) {
            for (int c : codes)
                Fuzz::check(c >= 100 && c <= 999, "statuses are codes");
        }
    }
    return 0;
}
