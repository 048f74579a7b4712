// Origins (RFC 6454: scheme, host, port) and default ports: what the redirect policy compares, what
// loop detection and the WHATWG serializer drop, and what the Host header carries.
#include "core/http/origin.h"

#include <QTest>

using namespace Rwb;

namespace {

QUrl url(const char *u)
{
    return QUrl(QString::fromUtf8(u));
}

}  // namespace

class TestOrigin : public QObject
{
    Q_OBJECT

private slots:
    void defaultPort_data();
    void defaultPort();
    void effectivePort_data();
    void effectivePort();
    void removeDefaultPort_data();
    void removeDefaultPort();
    void originOf_data();
    void originOf();
    void sameOrigin_data();
    void sameOrigin();
    void isDowngrade_data();
    void isDowngrade();
    void hostHeaderValue_data();
    void hostHeaderValue();
};

void TestOrigin::defaultPort_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<int>("port");
    QTest::newRow("http") << QStringLiteral("http") << 80;
    QTest::newRow("https") << QStringLiteral("https") << 443;
    QTest::newRow("upper case") << QStringLiteral("HTTPS") << 443;
    QTest::newRow("ftp is never requested") << QStringLiteral("ftp") << -1;
    QTest::newRow("ws") << QStringLiteral("ws") << -1;
    QTest::newRow("empty") << QString() << -1;
}

void TestOrigin::defaultPort()
{
    QFETCH(QString, scheme);
    QFETCH(int, port);
    QCOMPARE(Rwb::defaultPort(scheme), port);
}

void TestOrigin::effectivePort_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<int>("port");
    QTest::newRow("http") << url("http://a.example/") << 80;
    QTest::newRow("https") << url("https://a.example/") << 443;
    QTest::newRow("explicit default") << url("https://a.example:443/") << 443;
    QTest::newRow("other port") << url("http://a.example:8080/") << 8080;
    QTest::newRow("https on 80") << url("https://a.example:80/") << 80;
    QTest::newRow("unknown scheme") << url("ftp://a.example/") << -1;
}

void TestOrigin::effectivePort()
{
    QFETCH(QUrl, url);
    QFETCH(int, port);
    QCOMPARE(Rwb::effectivePort(url), port);
}

void TestOrigin::removeDefaultPort_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("expected");
    QTest::newRow("http:80") << url("http://a.example:80/x") << QStringLiteral("http://a.example/x");
    QTest::newRow("https:443") << url("https://a.example:443/x") << QStringLiteral("https://a.example/x");
    QTest::newRow("http:443 kept") << url("http://a.example:443/x")
                                   << QStringLiteral("http://a.example:443/x");
    QTest::newRow("https:80 kept") << url("https://a.example:80/x")
                                   << QStringLiteral("https://a.example:80/x");
    QTest::newRow("other port kept") << url("http://a.example:8080/")
                                     << QStringLiteral("http://a.example:8080/");
    QTest::newRow("no port") << url("http://a.example/") << QStringLiteral("http://a.example/");
    QTest::newRow("ftp:21 kept") << url("ftp://a.example:21/") << QStringLiteral("ftp://a.example:21/");
    QTest::newRow("IPv6") << url("http://[::1]:80/") << QStringLiteral("http://[::1]/");
}

void TestOrigin::removeDefaultPort()
{
    QFETCH(QUrl, url);
    QFETCH(QString, expected);
    QUrl u = url;
    Rwb::removeDefaultPort(u);
    QCOMPARE(u.toString(), expected);
}

void TestOrigin::originOf_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("origin");
    QTest::addColumn<QString>("encoded");
    QTest::newRow("http") << url("http://a.example/x?q#f") << QStringLiteral("http://a.example:80")
                          << QStringLiteral("http://a.example:80");
    QTest::newRow("https explicit port")
        << url("https://a.example:443/") << QStringLiteral("https://a.example:443")
        << QStringLiteral("https://a.example:443");
    QTest::newRow("other port") << url("https://a.example:8443/") << QStringLiteral("https://a.example:8443")
                                << QStringLiteral("https://a.example:8443");
    QTest::newRow("case and user info")
        << url("HTTP://user:pw@A.Example/") << QStringLiteral("http://a.example:80")
        << QStringLiteral("http://a.example:80");
    // A host in an IDN-enabled top-level domain shows in Unicode; its ASCII form is asked for by format.
    QTest::newRow("IDN") << url("http://bücher.de/") << QStringLiteral("http://bücher.de:80")
                         << QStringLiteral("http://xn--bcher-kva.de:80");
}

void TestOrigin::originOf()
{
    QFETCH(QUrl, url);
    QFETCH(QString, origin);
    QFETCH(QString, encoded);
    QCOMPARE(Rwb::originOf(url), origin);
    QCOMPARE(Rwb::originOf(url, QUrl::FullyEncoded), encoded);
}

void TestOrigin::sameOrigin_data()
{
    QTest::addColumn<QUrl>("a");
    QTest::addColumn<QUrl>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("path and query differ")
        << url("http://a.example/x") << url("http://a.example/y?z") << true;
    QTest::newRow("explicit default port") << url("http://a.example/") << url("http://a.example:80/") << true;
    QTest::newRow("https explicit default")
        << url("https://a.example:443/") << url("https://a.example/") << true;
    QTest::newRow("host case") << url("http://A.EXAMPLE/") << url("http://a.example/") << true;
    QTest::newRow("user info") << url("http://u:p@a.example/") << url("http://a.example/") << true;
    QTest::newRow("scheme") << url("http://a.example/") << url("https://a.example/") << false;
    QTest::newRow("host") << url("http://a.example/") << url("http://b.example/") << false;
    QTest::newRow("subdomain") << url("http://a.example/") << url("http://www.a.example/") << false;
    QTest::newRow("port") << url("http://a.example/") << url("http://a.example:8080/") << false;
    QTest::newRow("https:80 against http")
        << url("https://a.example:80/") << url("http://a.example/") << false;
}

void TestOrigin::sameOrigin()
{
    QFETCH(QUrl, a);
    QFETCH(QUrl, b);
    QFETCH(bool, same);
    QCOMPARE(Rwb::sameOrigin(a, b), same);
    QCOMPARE(Rwb::sameOrigin(b, a), same);
}

void TestOrigin::isDowngrade_data()
{
    QTest::addColumn<QUrl>("from");
    QTest::addColumn<QUrl>("to");
    QTest::addColumn<bool>("downgrade");
    QTest::newRow("https to http") << url("https://a.example/") << url("http://a.example/") << true;
    QTest::newRow("to another host") << url("https://a.example/") << url("http://b.example:8080/") << true;
    QTest::newRow("http to https") << url("http://a.example/") << url("https://a.example/") << false;
    QTest::newRow("https to https") << url("https://a.example/") << url("https://b.example/") << false;
    QTest::newRow("http to http") << url("http://a.example/") << url("http://b.example/") << false;
    QTest::newRow("https to ftp") << url("https://a.example/") << url("ftp://a.example/") << false;
}

void TestOrigin::isDowngrade()
{
    QFETCH(QUrl, from);
    QFETCH(QUrl, to);
    QFETCH(bool, downgrade);
    QCOMPARE(Rwb::isDowngrade(from, to), downgrade);
}

void TestOrigin::hostHeaderValue_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QByteArray>("host");
    QTest::newRow("http") << url("http://a.example/x") << QByteArray("a.example");
    QTest::newRow("explicit default") << url("https://a.example:443/") << QByteArray("a.example");
    QTest::newRow("other port") << url("http://a.example:8080/") << QByteArray("a.example:8080");
    QTest::newRow("https on 80") << url("https://a.example:80/") << QByteArray("a.example:80");
    QTest::newRow("IPv4") << url("http://127.0.0.1:8080/") << QByteArray("127.0.0.1:8080");
    QTest::newRow("IPv6") << url("http://[::1]/") << QByteArray("[::1]");
    QTest::newRow("IPv6 with port") << url("http://[::1]:8080/") << QByteArray("[::1]:8080");
    QTest::newRow("IDN in ASCII") << url("http://bücher.de/") << QByteArray("xn--bcher-kva.de");
}

void TestOrigin::hostHeaderValue()
{
    QFETCH(QUrl, url);
    QFETCH(QByteArray, host);
    QCOMPARE(Rwb::hostHeaderValue(url), host);
}

QTEST_GUILESS_MAIN(TestOrigin)
#include "tst_origin.moc"
