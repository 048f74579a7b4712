// The input of a bulk check fetched from an http(s) URL (issue 14): `rwb check https://example.test/
// sitemap.xml`. The document (a list, a map or a sitemap, plain or gzip) is read as parseBulkInput() reads a
// file; a sitemap index's sitemaps are fetched in turn (at most kMaxSitemaps) and their lines joined in the
// index's order. Redirects are followed (at most 10), as a sitemap often moves; any final status but 200 is
// an error naming the URL. QNetworkAccessManager, with the options' TLS files and --insecure.
#pragma once

#include "core/check/bulkinput.h"
#include "core/policy/options.h"

#include <QList>
#include <QObject>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace Rwb {

class BulkInputFetcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkInputFetcher)

public:
    static constexpr int kMaxSitemaps = 1000;
    static constexpr qint64 kMaxDocumentBytes = 256 * 1024 * 1024;

    explicit BulkInputFetcher(QObject *parent = nullptr);
    ~BulkInputFetcher() override;

    // Starts fetching; finished() tells the result (an error names the URL it is about).
    void start(const QUrl &url, BulkInputKind kind, const Options &options);

signals:
    void finished(const Rwb::BulkInputResult &result);

private:
    void fetch(const QUrl &url);
    void onReply(QNetworkReply *reply);
    void done(BulkInputResult result);

    QNetworkAccessManager *m_manager = nullptr;
    BulkInputKind m_kind = BulkInputKind::Auto;
    Options m_options;
    QList<QUrl> m_sitemaps;  // an index's sitemaps not fetched yet
    BulkInput m_joined;      // the lines of the sitemaps fetched so far
    bool m_inIndex = false;
};

// The input of a bulk check read from a file ("-": standard input), at most kMaxBulkInputBytes; an error
// names the file (and the line). A sitemap index is an error here: its sitemaps are fetched by URL.
constexpr qint64 kMaxBulkInputBytes = 256 * 1024 * 1024;
BulkInputResult readBulkInputFile(const QString &path, BulkInputKind kind);

}  // namespace Rwb

Q_DECLARE_METATYPE(Rwb::BulkInputResult)
