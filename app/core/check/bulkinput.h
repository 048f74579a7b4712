// What `rwb check` and the Bulk Check window read: the lines of a bulk check, each a URL to trace and what
// its chain is expected to do, from one of three inputs (issue 14):
// - a URL list: one URL per line, '#' comments and blank lines skipped;
// - a redirect map, CSV or TSV with a header row: `from` and optional `to`, `status` (the first hop's, "301"
//   or "301|308"), `hops` (redirects at most), `final_status` (the last response's, "200|204"); the column
//   names of common SEO tools' exports are recognised too ("Address", "Source", "Redirect URL", "Status
//   Code", ...), in any case; a `to` may be relative to its `from`;
// - a sitemap (sitemaps.org: <urlset> of <url><loc>, or <sitemapindex> naming other sitemaps), plain or
//   gzip.
// Pure: bytes in, lines out. A format-level problem (an empty input, a CSV without a `from` column, a row
// with fields unclosed, a sitemap that is not XML, a line over kMaxLineBytes) is an error naming the line;
// a line whose URL is not an absolute http(s) URL is kept with `invalid` set, so that the run reports it
// in its place.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace Rwb {

struct BulkLine {
    qint64 lineNumber = 0;               // 1-based, in the (decompressed) input
    QString from;                        // as written
    QUrl url;                            // `from` parsed; empty when `invalid`
    QString invalid;                     // why `from` cannot be traced; empty: it can
    std::optional<QUrl> expectedTarget;  // where the chain must end (`to`, resolved against `url`)
    QList<int> expectedStatuses;         // the first hop's status must be one of these; empty: any
    std::optional<int> maxHops;          // redirects at most (this line's, over the run's rule)
    QList<int> finalStatuses;            // the last status must be one of these; empty: the run's rule
};

enum class BulkInputKind { Auto, List, Csv, Tsv, Sitemap };
QString bulkInputKindName(BulkInputKind kind);  // "auto", "list", "csv", "tsv", "sitemap"
std::optional<BulkInputKind> bulkInputKindFromName(const QString &name);

struct BulkInput {
    BulkInputKind kind = BulkInputKind::List;  // as read (never Auto)
    QList<BulkLine> lines;
    // A <sitemapindex>: the sitemaps it names (absolute URLs), which hold the lines; `lines` is empty.
    QList<QUrl> sitemaps;
};

struct BulkInputResult {
    std::optional<BulkInput> input;
    QString error;         // empty when `input` is set
    qint64 errorLine = 0;  // the line the error is about; 0: the input as a whole
};

constexpr qsizetype kMaxBulkLineBytes = 1024 * 1024;

// Reads `data` as `kind` (Auto: a gzip stream is decompressed; XML is a sitemap; a first line that is no URL
// (no "://") is a header row, of TSV when it holds a tab, of CSV when it holds a comma; anything else is a
// URL list).
BulkInputResult parseBulkInput(const QByteArray &data, BulkInputKind kind = BulkInputKind::Auto);

// "301", "301|308", "2xx|304" (a class stands for its hundred codes) into codes; nothing for text that is
// not such a list.
std::optional<QList<int>> parseStatusList(const QString &text);

}  // namespace Rwb
