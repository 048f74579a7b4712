// bench_qnam_loop URL MAX [CHAINS PARALLEL]: the floor rwb's engine is measured against. A bare loop of GETs
// through one long-lived QNetworkAccessManager with manual redirects: it follows Location (resolved against
// the current URL) until a non-3xx response, records nothing, and prints the hop count.
// With CHAINS and PARALLEL: CHAINS chains from URL, PARALLEL loops at once (a manager each, as rwb check's
// engines: one manager keeps at most 6 connections to a host), the floor of `rwb check`.
// Not a test: tests/bench/redirect-chain.sh and bulk-check.sh run it next to rwb and curl.
#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

namespace {

struct Loop {
    QNetworkAccessManager nam;
    QUrl url;
    int maxRedirects = 0;
    int hops = 0;
    int lastStatus = 0;
    int exitCode = 1;
    std::function<void(Loop &)> finished;  // set: called instead of printing and quitting

    void send()
    {
        QNetworkRequest req(url);
        QNetworkReply *reply = nam.get(req);
        QObject::connect(reply, &QNetworkReply::finished, &nam, [this, reply] { onFinished(reply); });
    }

    void onFinished(QNetworkReply *reply)
    {
        reply->deleteLater();
        ++hops;
        reply->readAll();
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (!status.isValid()) {
            std::fprintf(stderr, "bench_qnam_loop: hop %d: %s\n", hops, qPrintable(reply->errorString()));
            done(1);
            return;
        }
        lastStatus = status.toInt();
        const QByteArray location = reply->rawHeader("Location");
        if (lastStatus >= 300 && lastStatus <= 399 && !location.isEmpty()) {
            if (hops > maxRedirects) {
                std::fprintf(stderr, "bench_qnam_loop: more than %d redirects\n", maxRedirects);
                done(1);
                return;
            }
            url = url.resolved(QUrl::fromEncoded(location));
            send();
            return;
        }
        done(0);
    }

    void done(int code)
    {
        exitCode = code;
        if (finished)
            return finished(*this);
        std::printf("%d hops (%d redirects), final status %d\n", hops, hops > 0 ? hops - 1 : 0, lastStatus);
        QCoreApplication::exit(code);
    }
};

}  // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 3 && args.size() != 5) {
        std::fputs("usage: bench_qnam_loop URL MAX_REDIRECTS [CHAINS PARALLEL]\n", stderr);
        return 2;
    }
    if (args.size() == 5) {
        const QUrl start(args.at(1), QUrl::StrictMode);
        const int maxRedirects = args.at(2).toInt();
        const int chains = args.at(3).toInt();
        const int parallel = args.at(4).toInt();
        if (!start.isValid() || chains < 1 || parallel < 1) {
            std::fputs("usage: bench_qnam_loop URL MAX_REDIRECTS [CHAINS PARALLEL]\n", stderr);
            return 2;
        }
        int started = 0;
        int ended = 0;
        int failed = 0;
        qint64 hops = 0;
        std::vector<std::unique_ptr<Loop>> loops;
        const auto next = [&](Loop &l) {
            l.url = start;
            l.hops = 0;
            ++started;
            l.send();
        };
        for (int i = 0; i < parallel && i < chains; ++i) {
            auto l = std::make_unique<Loop>();
            l->maxRedirects = maxRedirects;
            l->nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
            l->nam.setProxy(QNetworkProxy::NoProxy);
            l->finished = [&](Loop &done) {
                ++ended;
                hops += done.hops;
                failed += done.exitCode != 0;
                if (started < chains)
                    next(done);
                else if (ended == chains)
                    QCoreApplication::exit(failed == 0 ? 0 : 1);
            };
            next(*l);
            loops.push_back(std::move(l));
        }
        const int code = app.exec();
        std::printf("%d chains, %lld hops, %d failed, %d at once\n", ended, qlonglong(hops), failed,
                    parallel);
        return code;
    }
    bool ok = false;
    Loop loop;
    loop.url = QUrl(args.at(1), QUrl::StrictMode);
    loop.maxRedirects = args.at(2).toInt(&ok);
    if (!loop.url.isValid() || !ok || loop.maxRedirects < 0) {
        std::fputs("usage: bench_qnam_loop URL MAX_REDIRECTS\n", stderr);
        return 2;
    }
    // The engine's manager settings for a direct connection (no HeaderTap), and nothing more.
    loop.nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    loop.nam.setProxy(QNetworkProxy::NoProxy);
    loop.send();
    return app.exec();
}
