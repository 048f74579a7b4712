// Sites as browsers compare them (HTML "same site", the Public Suffix List through Qt's copy) and the
// potentially trustworthy URLs of Secure Contexts: what Sec-Fetch-Site, SameSite cookies and the referrer
// rules rest on (docs/spec/request-context.md).
#include "core/http/site.h"

#include <QTest>

using namespace Rwb;

namespace {

QUrl url(const char *u)
{
    return QUrl(QString::fromUtf8(u));
}

}  // namespace

class TestSite : public QObject
{
    Q_OBJECT

private slots:
    void registrableDomain_data();
    void registrableDomain();
    void siteRelation_data();
    void siteRelation();
    void potentiallyTrustworthy_data();
    void potentiallyTrustworthy();
    void relationNames();
};

void TestSite::registrableDomain_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("domain");
    const auto row = [](const char *host, const char *domain) {
        QTest::newRow(host) << QString::fromUtf8(host) << QString::fromUtf8(domain);
    };
    row("www.example.com", "example.com");
    row("example.com", "example.com");
    row("a.b.c.example.com", "example.com");
    row("WWW.Example.COM", "example.com");
    row("www.example.com.", "example.com");      // a trailing dot names the same host
    row("shop.example.co.uk", "example.co.uk");  // a two-label public suffix
    row("co.uk", "");                            // a public suffix has no registrable domain
    row("com", "");
    row("user.github.io", "user.github.io");  // the list's private section counts (github.io is a suffix)
    row("www.example.test", "example.test");  // an unknown TLD is a suffix by the default rule "*"
    row("localhost", "");
    row("api.localhost", "api.localhost");
    row("127.0.0.1", "");  // an IP address is its own site
    row("::1", "");
    row("", "");
}

void TestSite::registrableDomain()
{
    QFETCH(QString, host);
    QFETCH(QString, domain);
    QCOMPARE(Rwb::registrableDomain(host), domain);
}

void TestSite::siteRelation_data()
{
    QTest::addColumn<QUrl>("initiator");
    QTest::addColumn<QUrl>("target");
    QTest::addColumn<QByteArray>("relation");
    const auto row = [](const char *name, const char *a, const char *b, const char *relation) {
        QTest::newRow(name) << url(a) << url(b) << QByteArray(relation);
    };
    row("same origin", "https://a.example.com/x", "https://a.example.com/y?q", "same-origin");
    row("default port written", "https://a.example.com:443/", "https://a.example.com/", "same-origin");
    row("subdomain", "https://www.example.com/", "https://api.example.com/", "same-site");
    row("other port is same site", "http://127.0.0.1:8080/", "http://127.0.0.1:9090/", "same-site");
    row("schemeful: http and https", "http://example.com/", "https://example.com/", "cross-site");
    row("other domain", "https://example.com/", "https://example.org/", "cross-site");
    row("under a public suffix", "https://a.github.io/", "https://b.github.io/", "cross-site");
    row("IP and localhost", "http://127.0.0.1:1/", "http://localhost:1/", "cross-site");
    row("two IPs", "http://127.0.0.1/", "http://127.0.0.2/", "cross-site");
    row("unknown TLD", "http://www.example.test/", "http://api.example.test/", "same-site");
}

void TestSite::siteRelation()
{
    QFETCH(QUrl, initiator);
    QFETCH(QUrl, target);
    QFETCH(QByteArray, relation);
    QCOMPARE(siteRelationName(Rwb::siteRelation(initiator, target)), relation);
    QCOMPARE(siteRelationName(Rwb::siteRelation(target, initiator)), relation);  // symmetric
    QCOMPARE(sameSite(initiator, target), relation != "cross-site");
}

void TestSite::potentiallyTrustworthy_data()
{
    QTest::addColumn<QUrl>("target");
    QTest::addColumn<bool>("trustworthy");
    QTest::newRow("https") << url("https://example.com/") << true;
    QTest::newRow("http") << url("http://example.com/") << false;
    QTest::newRow("localhost") << url("http://localhost:8080/") << true;
    QTest::newRow("LOCALHOST") << url("http://LOCALHOST/") << true;
    QTest::newRow("sub.localhost") << url("http://api.localhost/") << true;
    QTest::newRow("localhost.example") << url("http://localhost.example/") << false;
    QTest::newRow("127.0.0.1") << url("http://127.0.0.1:1/") << true;
    QTest::newRow("127.8.9.10") << url("http://127.8.9.10/") << true;
    QTest::newRow("::1") << url("http://[::1]:80/") << true;
    QTest::newRow("10.0.0.1") << url("http://10.0.0.1/") << false;
    QTest::newRow("128.0.0.1") << url("http://128.0.0.1/") << false;
}

void TestSite::potentiallyTrustworthy()
{
    QFETCH(QUrl, target);
    QFETCH(bool, trustworthy);
    QCOMPARE(isPotentiallyTrustworthy(target), trustworthy);
}

void TestSite::relationNames()
{
    QCOMPARE(siteRelationName(SiteRelation::SameOrigin), QByteArray("same-origin"));
    QCOMPARE(siteRelationName(SiteRelation::SameSite), QByteArray("same-site"));
    QCOMPARE(siteRelationName(SiteRelation::CrossSite), QByteArray("cross-site"));
    // Sec-Fetch-Site takes the least trusted value of a chain: the enum's order is that order.
    QVERIFY(SiteRelation::SameOrigin < SiteRelation::SameSite);
    QVERIFY(SiteRelation::SameSite < SiteRelation::CrossSite);
}

QTEST_GUILESS_MAIN(TestSite)
#include "tst_site.moc"
