// bench_qnam_loop URL MAX: the floor rwb's engine is measured against. A bare loop of GETs through
// one long-lived QNetworkAccessManager with manual redirects: it follows Location (resolved against
// the current URL) until a non-3xx response, records nothing, and prints the hop count.
// Not a test: tests/bench/redirect-chain.sh runs it next to rwb and curl.
#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

#include <cstdio>

namespace {

struct Loop {
    QNetworkAccessManager nam;
    QUrl url;
    int maxRedirects = 0;
    int hops = 0;
    int lastStatus = 0;
    int exitCode = 1;

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
        std::printf("%d hops (%d redirects), final status %d\n", hops, hops > 0 ? hops - 1 : 0, lastStatus);
        QCoreApplication::exit(code);
    }
};

}  // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 3) {
        std::fputs("usage: bench_qnam_loop URL MAX_REDIRECTS\n", stderr);
        return 2;
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
