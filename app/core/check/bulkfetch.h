// The input of a bulk check fetched from an http(s) URL (issue 14): `rwb check https://example.test/
// sitemap.xml`. The document (a list, a map or a sitemap, plain or gzip) is read as parseBulkInput() reads a
// file; a sitemap index's sitemaps are fetched in turn (at most kMaxSitemaps) and their lines joined in the
// index's order. Redirects are followed (at most 10), as a sitemap often moves; any final status but 200 is
// an error naming the URL. QNetworkAccessManager, with the options' TLS files and --insecure.
#pragma once

#include "core/check/bulkinput.h"
#include "core/policy/options.h"

#include <QFutureWatcher>
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
// The same for bytes already in memory (pasted text, a case's inline lines); `name` is what errors call it.
BulkInputResult readBulkInputBytes(const QByteArray &bytes, BulkInputKind kind, const QString &name);

// Whether a bulk check's source is fetched (an http or https URL) rather than read as a file.
bool isBulkInputUrl(const QString &source);

// Reads a bulk check's input wherever it is, without holding up the event loop: `source` fetched when it is
// an http(s) URL (BulkInputFetcher), else read as a file, or `inlineBytes` when `source` is empty. A file or
// text over kReadAtOnce bytes is read and parsed by a worker thread (a 100,000-line list takes a third of a
// second). finished() follows start() on a later turn of the event loop, always; deleting the reader drops
// a read under way.
class BulkInputReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkInputReader)

public:
    static constexpr qint64 kReadAtOnce = 64 * 1024;

    explicit BulkInputReader(QObject *parent = nullptr);
    ~BulkInputReader() override;

    void start(const QString &source, const QByteArray &inlineBytes, const QString &inlineName,
               BulkInputKind kind, const Options &options);
    // Drops the read under way: no finished() for it.
    void cancel();
    bool isReading() const { return m_fetcher || m_worker; }

    // A local input of at most kReadAtOnce bytes, read now (what start() would say); nothing for a URL or
    // a larger input. For a caller that answers small input at once.
    static std::optional<BulkInputResult> readAtOnce(const QString &source, const QByteArray &inlineBytes,
                                                     const QString &inlineName, BulkInputKind kind);

signals:
    void finished(const Rwb::BulkInputResult &result);

private:
    BulkInputFetcher *m_fetcher = nullptr;
    QFutureWatcher<BulkInputResult> *m_worker = nullptr;  // a file or text read; gone with a dropped read
};

}  // namespace Rwb

Q_DECLARE_METATYPE(Rwb::BulkInputResult)
