// Which proxy a request goes through: curl 7.88's reading of --proxy, --noproxy and the environment.
#include "core/http/proxy.h"

#include <QNetworkProxy>
#include <QProcessEnvironment>
#include <QTest>
#include <QUrl>

using namespace Rwb;

class tst_Proxy : public QObject
{
    Q_OBJECT

private slots:
    void parsesProxyUrls_data();
    void parsesProxyUrls();
    void refusesBadProxyUrls_data();
    void refusesBadProxyUrls();
    void proxyUserReplacesUrlCredentials();
    void basicCredentials();
    void noProxyList_data();
    void noProxyList();
    void choosesAsCurl_data();
    void choosesAsCurl();
    void systemSettings();
};

void tst_Proxy::parsesProxyUrls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("display");
    const int http = int(ProxyServer::Kind::Http);
    QTest::newRow("bare host: http, port 1080") << "proxy.test" << http << "proxy.test" << 1080 << ""
                                                << ""
                                                << "http://proxy.test:1080";
    QTest::newRow("host:port") << "127.0.0.1:3128" << http << "127.0.0.1" << 3128 << ""
                               << ""
                               << "http://127.0.0.1:3128";
    QTest::newRow("http URL, path ignored")
        << "http://proxy.test:8080/ignored" << http << "proxy.test" << 8080 << ""
        << ""
        << "http://proxy.test:8080";
    QTest::newRow("credentials, percent-decoded")
        << "http://us%40r:p%3Ass@proxy.test:3128" << http << "proxy.test" << 3128 << "us@r"
        << "p:ss"
        << "http://us%40r@proxy.test:3128";
    QTest::newRow("scheme in capitals") << "HTTP://proxy.test" << http << "proxy.test" << 1080 << ""
                                        << ""
                                        << "http://proxy.test:1080";
    QTest::newRow("socks5") << "socks5://127.0.0.1" << int(ProxyServer::Kind::Socks5) << "127.0.0.1" << 1080
                            << ""
                            << ""
                            << "socks5://127.0.0.1:1080";
    QTest::newRow("socks5h, IPv6") << "socks5h://u:p@[::1]:9050" << int(ProxyServer::Kind::Socks5h) << "::1"
                                   << 9050 << "u"
                                   << "p"
                                   << "socks5h://u@[::1]:9050";
}

void tst_Proxy::parsesProxyUrls()
{
    QFETCH(QString, text);
    QString error;
    const std::optional<ProxyServer> p = parseProxyUrl(text, &error);
    QVERIFY2(p, qPrintable(error));
    QTEST(int(p->kind), "kind");
    QTEST(p->host, "host");
    QTEST(int(p->port), "port");
    QTEST(p->user, "user");
    QTEST(p->password, "password");
    QTEST(p->displayUrl(), "display");
}

void tst_Proxy::refusesBadProxyUrls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("says");
    QTest::newRow("https proxy") << "https://proxy.test"
                                 << "https:// is not supported";
    QTest::newRow("socks4") << "socks4://proxy.test"
                            << "socks4:// is not supported";
    QTest::newRow("no host") << "http://:3128"
                             << "proxy 'http://:3128'";
    QTest::newRow("bad port") << "proxy.test:99999"
                              << "proxy 'proxy.test:99999'";
    QTest::newRow("port 0") << "proxy.test:0"
                            << "port 0";
}

void tst_Proxy::refusesBadProxyUrls()
{
    QFETCH(QString, text);
    QFETCH(QString, says);
    QString error;
    QVERIFY(!parseProxyUrl(text, &error));
    QVERIFY2(error.contains(says), qPrintable(error));
}

void tst_Proxy::proxyUserReplacesUrlCredentials()
{
    QString error;
    const std::optional<ProxyServer> p =
        parseProxyUrl(QStringLiteral("http://a:b@proxy.test"), &error, QStringLiteral("user:pa:ss"));
    QVERIFY(p);
    QCOMPARE(p->user, QStringLiteral("user"));
    QCOMPARE(p->password, QStringLiteral("pa:ss"));  // the first ':' splits, as curl's
}

void tst_Proxy::basicCredentials()
{
    ProxyServer p;
    QCOMPARE(p.basicAuthorization(), QByteArray());
    p.user = QStringLiteral("u");
    p.password = QStringLiteral("p@");
    QCOMPARE(p.basicAuthorization(),
             QByteArrayLiteral("Basic dTpwQA=="));  // curl -x http://u:p%40@… sent this
}

void tst_Proxy::noProxyList_data()
{
    QTest::addColumn<QString>("list");
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("direct");
    QTest::newRow("star") << "*"
                          << "any.test" << true;
    QTest::newRow("star among others is a name") << "a.test,*"
                                                 << "any.test" << false;
    QTest::newRow("exact name") << "example.test"
                                << "example.test" << true;
    QTest::newRow("subdomain") << "example.test"
                               << "www.example.test" << true;
    QTest::newRow("leading dot") << ".example.test"
                                 << "www.example.test" << true;
    QTest::newRow("leading dot, the name itself") << ".example.test"
                                                  << "example.test" << true;
    QTest::newRow("suffix without a dot is not a subdomain") << "example.test"
                                                             << "badexample.test" << false;
    QTest::newRow("case") << "Example.TEST"
                          << "www.example.test" << true;
    QTest::newRow("spaces and commas") << " a.test ,  b.test"
                                       << "b.test" << true;
    QTest::newRow("trailing dot of the host") << "example.test"
                                              << "example.test." << true;
    QTest::newRow("address") << "127.0.0.1"
                             << "127.0.0.1" << true;
    QTest::newRow("other address") << "127.0.0.1"
                                   << "127.0.0.2" << false;
    QTest::newRow("network") << "10.0.0.0/8"
                             << "10.1.2.3" << true;
    QTest::newRow("outside the network") << "10.0.0.0/8"
                                         << "11.1.2.3" << false;
    QTest::newRow("IPv6") << "::1"
                          << "::1" << true;
    QTest::newRow("IPv6 in brackets") << "[::1]"
                                      << "[::1]" << true;
    QTest::newRow("a name does not match an address") << "localhost"
                                                      << "127.0.0.1" << false;
    QTest::newRow("empty") << ""
                           << "example.test" << false;
}

void tst_Proxy::noProxyList()
{
    QFETCH(QString, list);
    QFETCH(QString, host);
    QTEST(noProxyMatches(list, host), "direct");
}

void tst_Proxy::choosesAsCurl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("environment");  // NAME=VALUE;NAME=VALUE
    QTest::addColumn<QString>("proxy");        // "<unset>": no --proxy
    QTest::addColumn<QString>("noProxy");      // "<unset>": no --noproxy
    QTest::addColumn<QString>("chosen");       // display URL; empty: direct
    QTest::addColumn<QString>("reason");
    const QString unset = QStringLiteral("<unset>");
    QTest::newRow("nothing") << "http://a.test/"
                             << "" << unset << unset << ""
                             << "";
    QTest::newRow("http_proxy") << "http://a.test/"
                                << "http_proxy=p.test:1" << unset << unset << "http://p.test:1"
                                << "http_proxy";
    QTest::newRow("HTTP_PROXY is not read") << "http://a.test/"
                                            << "HTTP_PROXY=p.test:1" << unset << unset << ""
                                            << "";
    QTest::newRow("https_proxy") << "https://a.test/"
                                 << "https_proxy=p.test:2;http_proxy=p.test:1" << unset << unset
                                 << "http://p.test:2"
                                 << "https_proxy";
    QTest::newRow("HTTPS_PROXY") << "https://a.test/"
                                 << "HTTPS_PROXY=p.test:3" << unset << unset << "http://p.test:3"
                                 << "HTTPS_PROXY";
    QTest::newRow("http_proxy is not for https") << "https://a.test/"
                                                 << "http_proxy=p.test:1" << unset << unset << ""
                                                 << "";
    QTest::newRow("all_proxy") << "https://a.test/"
                               << "all_proxy=socks5h://p.test" << unset << unset << "socks5h://p.test:1080"
                               << "all_proxy";
    QTest::newRow("ALL_PROXY") << "http://a.test/"
                               << "ALL_PROXY=p.test:4" << unset << unset << "http://p.test:4"
                               << "ALL_PROXY";
    QTest::newRow("no_proxy") << "http://www.a.test/"
                              << "http_proxy=p.test:1;no_proxy=a.test" << unset << unset << ""
                              << "no_proxy";
    QTest::newRow("NO_PROXY") << "http://a.test/"
                              << "http_proxy=p.test:1;NO_PROXY=a.test" << unset << unset << ""
                              << "no_proxy";
    QTest::newRow("--proxy over the environment") << "http://a.test/"
                                                  << "http_proxy=p.test:1"
                                                  << "p.test:9" << unset << "http://p.test:9"
                                                  << "--proxy";
    QTest::newRow("--proxy \"\": none") << "http://a.test/"
                                        << "http_proxy=p.test:1"
                                        << "" << unset << ""
                                        << "--proxy \"\"";
    QTest::newRow("no_proxy applies to --proxy") << "http://a.test/"
                                                 << "no_proxy=a.test"
                                                 << "p.test:9" << unset << ""
                                                 << "no_proxy";
    QTest::newRow("--noproxy over no_proxy") << "http://a.test/"
                                             << "no_proxy=a.test"
                                             << "p.test:9"
                                             << "b.test"
                                             << "http://p.test:9"
                                             << "--proxy";
    QTest::newRow("--noproxy *") << "http://a.test/"
                                 << ""
                                 << "p.test:9"
                                 << "*"
                                 << ""
                                 << "--noproxy";
}

void tst_Proxy::choosesAsCurl()
{
    QFETCH(QString, url);
    QFETCH(QString, environment);
    QFETCH(QString, proxy);
    QFETCH(QString, noProxy);
    QProcessEnvironment env;
    for (const QString &pair : environment.split(u';', Qt::SkipEmptyParts))
        env.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
    const auto given = [](const QString &v) {
        return v == QLatin1String("<unset>") ? std::nullopt : std::optional<QString>(v);
    };
    const ProxyChoice choice =
        chooseProxy(QUrl(url), given(proxy), given(noProxy), QString(), ProxySource::Environment, env,
                    QNetworkProxy(QNetworkProxy::NoProxy));
    QVERIFY2(choice.error.isEmpty(), qPrintable(choice.error));
    QTEST(choice.server ? choice.server->displayUrl() : QString(), "chosen");
    QTEST(choice.reason, "reason");
}

void tst_Proxy::systemSettings()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("http_proxy"), QStringLiteral("env.test:1"));  // not read: the system's is
    const QUrl url(QStringLiteral("http://a.test/"));
    const QNetworkProxy system(QNetworkProxy::HttpProxy, QStringLiteral("sys.test"), 8080);
    ProxyChoice c = chooseProxy(url, std::nullopt, std::nullopt, QString(), ProxySource::System, env, system);
    QVERIFY(c.server);
    QCOMPARE(c.server->displayUrl(), QStringLiteral("http://sys.test:8080"));
    QCOMPARE(c.reason, QStringLiteral("the system's proxy settings"));
    c = chooseProxy(url, std::nullopt, std::nullopt, QString(), ProxySource::System, env,
                    QNetworkProxy(QNetworkProxy::NoProxy));
    QVERIFY(!c.server);
    c = chooseProxy(url, std::nullopt, QStringLiteral("a.test"), QString(), ProxySource::System, env, system);
    QVERIFY(!c.server);  // --noproxy still applies
    // The strict profile takes none from anywhere.
    c = chooseProxy(url, std::nullopt, std::nullopt, QString(), ProxySource::None, env, system);
    QVERIFY(!c.server);
    // A proxy in the environment that cannot be used says where it came from.
    env.insert(QStringLiteral("http_proxy"), QStringLiteral("gopher://x"));
    c = chooseProxy(url, std::nullopt, std::nullopt, QString(), ProxySource::Environment, env, system);
    QVERIFY(c.error.startsWith(QLatin1String("http_proxy: ")));
}

QTEST_GUILESS_MAIN(tst_Proxy)
#include "tst_proxy.moc"
