#include "core/check/bulkfetch.h"

#include "core/io/boundedread.h"

#include "core/engine/tlsmaterial.h"
#include "core/http/proxy.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPromise>
#include <QSslConfiguration>
#include <QThreadPool>

#include <memory>

namespace Rwb {

BulkInputFetcher::BulkInputFetcher(QObject *parent)
    : QObject(parent)
    , m_manager(new QNetworkAccessManager(this))
{
    qRegisterMetaType<Rwb::BulkInputResult>();
    m_manager->setProxy(QNetworkProxy::NoProxy);
}

BulkInputFetcher::~BulkInputFetcher() = default;

void BulkInputFetcher::start(const QUrl &url, BulkInputKind kind, const Options &options)
{
    m_kind = kind;
    m_options = options;
    m_sitemaps.clear();
    m_joined = BulkInput();
    m_joined.kind = BulkInputKind::Sitemap;
    m_inIndex = false;
    if (options.proxy && !options.proxy->isEmpty()) {
        QString error;
        if (const std::optional<ProxyServer> p = parseProxyUrl(*options.proxy, &error, options.proxyUser)) {
            m_manager->setProxy(QNetworkProxy(p->kind == ProxyServer::Kind::Http ? QNetworkProxy::HttpProxy
                                                                                 : QNetworkProxy::Socks5Proxy,
                                              p->host, p->port, p->user, p->password));
        }
    }
    fetch(url);
}

void BulkInputFetcher::fetch(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(10);
    QString error;
    const std::optional<TlsMaterial> tls = loadTlsMaterial(m_options.tls, &error);
    if (!tls)
        return done({std::nullopt, error, 0});
    if (!tls->isEmpty()) {
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        if (!tls->caCertificates.isEmpty())
            conf.setCaCertificates(tls->caCertificates);
        if (!tls->clientChain.isEmpty()) {
            conf.setLocalCertificateChain(tls->clientChain);
            conf.setPrivateKey(tls->clientKey.value_or(QSslKey()));
        }
        request.setSslConfiguration(conf);
    }
    QNetworkReply *reply = m_manager->get(request);
    if (m_options.acceptTlsErrors)
        connect(reply, &QNetworkReply::sslErrors, reply, [reply] { reply->ignoreSslErrors(); });
    connect(reply, &QNetworkReply::readyRead, reply, [reply] {
        if (reply->bytesAvailable() > kMaxDocumentBytes)
            reply->abort();  // finished() reports it as too big
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onReply(reply); });
}

void BulkInputFetcher::onReply(QNetworkReply *reply)
{
    reply->deleteLater();
    const QString url = reply->request().url().toDisplayString();
    if (reply->bytesAvailable() > kMaxDocumentBytes)
        return done(
            {std::nullopt, QStringLiteral("%1: more than %2 MiB").arg(url).arg(kMaxDocumentBytes >> 20), 0});
    if (reply->error() != QNetworkReply::NoError
        && reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 0)
        return done({std::nullopt, QStringLiteral("%1: %2").arg(url, reply->errorString()), 0});
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200)
        return done({std::nullopt, QStringLiteral("%1: HTTP %2, not 200").arg(url).arg(status), 0});
    BulkInputResult r = parseBulkInput(reply->readAll(), m_inIndex ? BulkInputKind::Sitemap : m_kind);
    if (!r.input) {
        r.error = QStringLiteral("%1: %2").arg(url, r.error);
        return done(r);
    }
    if (!m_inIndex && !r.input->sitemaps.isEmpty()) {
        m_inIndex = true;
        m_sitemaps = r.input->sitemaps.mid(0, kMaxSitemaps);
        if (r.input->sitemaps.size() > kMaxSitemaps)
            return done({std::nullopt,
                         QStringLiteral("%1: a sitemap index naming %2 sitemaps, more than the %3 read")
                             .arg(url)
                             .arg(r.input->sitemaps.size())
                             .arg(kMaxSitemaps),
                         0});
        return fetch(m_sitemaps.takeFirst());
    }
    if (!m_inIndex)
        return done(r);
    if (!r.input->sitemaps.isEmpty())
        return done({std::nullopt, QStringLiteral("%1: a sitemap index inside a sitemap index").arg(url), 0});
    m_joined.lines += r.input->lines;
    if (!m_sitemaps.isEmpty())
        return fetch(m_sitemaps.takeFirst());
    done({m_joined, {}, 0});
}

void BulkInputFetcher::done(BulkInputResult result)
{
    emit finished(result);
}

BulkInputResult readBulkInputFile(const QString &path, BulkInputKind kind)
{
    const BoundedRead read = readBounded(path, kMaxBulkInputBytes, QStringLiteral("a bulk check's input"));
    if (!read.bytes) {
        BulkInputResult result;
        result.error = read.error;
        return result;
    }
    return readBulkInputBytes(*read.bytes, kind, path == QLatin1String("-") ? QStringLiteral("stdin") : path);
}

BulkInputResult readBulkInputBytes(const QByteArray &bytes, BulkInputKind kind, const QString &name)
{
    BulkInputResult result = parseBulkInput(bytes, kind);
    if (!result.input) {
        result.error = QStringLiteral("%1: %2").arg(name, result.error);
    } else if (!result.input->sitemaps.isEmpty()) {
        result.error =
            QStringLiteral("%1 is a sitemap index (%2 sitemaps): give its URL, and the sitemaps it "
                           "names are fetched")
                .arg(name)
                .arg(result.input->sitemaps.size());
        result.input.reset();
    }
    return result;
}

bool isBulkInputUrl(const QString &source)
{
    const QString scheme = QUrl(source).scheme();
    return scheme == QLatin1String("http") || scheme == QLatin1String("https");
}

BulkInputReader::BulkInputReader(QObject *parent)
    : QObject(parent)
{
}

BulkInputReader::~BulkInputReader() = default;

std::optional<BulkInputResult> BulkInputReader::readAtOnce(const QString &source,
                                                           const QByteArray &inlineBytes,
                                                           const QString &inlineName, BulkInputKind kind)
{
    if (isBulkInputUrl(source))
        return std::nullopt;
    if (source.isEmpty())
        return inlineBytes.size() <= kReadAtOnce
                   ? std::optional(readBulkInputBytes(inlineBytes, kind, inlineName))
                   : std::nullopt;
    // "-" (standard input) has no size to know in advance: it is read here, as rwb check reads it.
    return source == QLatin1String("-") || QFileInfo(source).size() <= kReadAtOnce
               ? std::optional(readBulkInputFile(source, kind))
               : std::nullopt;
}

void BulkInputReader::cancel()
{
    delete m_fetcher;
    m_fetcher = nullptr;
    delete m_worker;  // a worker's result, if it comes, finds no one
    m_worker = nullptr;
}

void BulkInputReader::start(const QString &source, const QByteArray &inlineBytes, const QString &inlineName,
                            BulkInputKind kind, const Options &options)
{
    cancel();
    if (isBulkInputUrl(source)) {
        m_fetcher = new BulkInputFetcher(this);
        connect(m_fetcher, &BulkInputFetcher::finished, this, [this](const BulkInputResult &r) {
            m_fetcher->deleteLater();
            m_fetcher = nullptr;
            emit finished(r);
        });
        m_fetcher->start(QUrl(source), kind, options);
        return;
    }
    // The result goes through a future: a dropped read deletes its watcher, and the worker's result then
    // finds no one. Read at once, the finished() of a future already done still comes on a later turn.
    auto promise = std::make_shared<QPromise<BulkInputResult>>();
    m_worker = new QFutureWatcher<BulkInputResult>(this);
    connect(m_worker, &QFutureWatcherBase::finished, this, [this, watcher = m_worker] {
        if (watcher != m_worker)
            return;
        const BulkInputResult r = m_worker->result();
        m_worker->deleteLater();
        m_worker = nullptr;
        emit finished(r);
    });
    promise->start();
    m_worker->setFuture(promise->future());
    if (const std::optional<BulkInputResult> now = readAtOnce(source, inlineBytes, inlineName, kind)) {
        promise->addResult(*now);
        promise->finish();
        return;
    }
    QThreadPool::globalInstance()->start([promise, source, inlineBytes, inlineName, kind] {
        promise->addResult(source.isEmpty() ? readBulkInputBytes(inlineBytes, kind, inlineName)
                                            : readBulkInputFile(source, kind));
        promise->finish();
    });
}

}  // namespace Rwb
