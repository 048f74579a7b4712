// Referrer Policy §8.3/§8.4 (determine request's referrer, strip url for use as a referrer) and Fetch's
// Origin header for requests that are not CORS: every policy, on same-origin, cross-origin and downgrading
// requests (docs/spec/request-context.md, rows R*).
#include "core/policy/referrer.h"

#include <QTest>

using namespace Rwb;

namespace {

QUrl url(const char *u)
{
    return QUrl(QString::fromUtf8(u));
}

ReferrerPolicy policy(const char *name)
{
    const auto p = referrerPolicyFromName(QString::fromLatin1(name));
    if (!p)
        qFatal("unknown policy %s", name);
    return *p;
}

}  // namespace

class TestReferrer : public QObject
{
    Q_OBJECT

private slots:
    void determine_data();
    void determine();
    void strip_data();
    void strip();
    void longReferrerIsCutToItsOrigin();
    void hidesOrigin_data();
    void hidesOrigin();
};

void TestReferrer::determine_data()
{
    QTest::addColumn<QUrl>("referrer");
    QTest::addColumn<QString>("policy");
    QTest::addColumn<QUrl>("target");
    QTest::addColumn<QUrl>("expected");
    const char *page = "https://a.test/page?q=1#frag";
    const auto row = [](const char *name, const char *referrer, const char *p, const char *target,
                        const char *expected) {
        QTest::newRow(name) << url(referrer) << QString::fromLatin1(p) << url(target) << url(expected);
    };
    row("no-referrer", page, "no-referrer", "https://a.test/x", "");
    row("unsafe-url keeps all, even to http", page, "unsafe-url", "http://b.test/",
        "https://a.test/page?q=1");
    row("origin, same origin too", page, "origin", "https://a.test/x", "https://a.test/");
    row("strict-origin same scheme", page, "strict-origin", "https://b.test/", "https://a.test/");
    row("strict-origin downgrade", page, "strict-origin", "http://b.test/", "");
    row("strict-origin http to http", "http://a.test/p", "strict-origin", "http://b.test/", "http://a.test/");
    row("default, same origin: full URL", page, "strict-origin-when-cross-origin", "https://a.test/other",
        "https://a.test/page?q=1");
    row("default, cross origin: origin", page, "strict-origin-when-cross-origin", "https://b.test/",
        "https://a.test/");
    row("default, other port is cross origin", "http://127.0.0.1:1/p", "strict-origin-when-cross-origin",
        "http://127.0.0.1:2/", "http://127.0.0.1:1/");
    row("default, downgrade: none", page, "strict-origin-when-cross-origin", "http://b.test/", "");
    row("default, https to loopback http is no downgrade", page, "strict-origin-when-cross-origin",
        "http://127.0.0.1:8080/", "https://a.test/");
    row("trimmed stays trimmed on a same-origin hop", "https://a.test/", "strict-origin-when-cross-origin",
        "https://a.test/page", "https://a.test/");
    row("same-origin, same", page, "same-origin", "https://a.test/x", "https://a.test/page?q=1");
    row("same-origin, cross", page, "same-origin", "https://b.test/", "");
    row("origin-when-cross-origin, same", page, "origin-when-cross-origin", "https://a.test/x",
        "https://a.test/page?q=1");
    row("origin-when-cross-origin, downgrade", page, "origin-when-cross-origin", "http://b.test/",
        "https://a.test/");
    row("no-referrer-when-downgrade, cross", page, "no-referrer-when-downgrade", "https://b.test/",
        "https://a.test/page?q=1");
    row("no-referrer-when-downgrade, downgrade", page, "no-referrer-when-downgrade", "http://b.test/", "");
    row("no referrer stays none", "", "unsafe-url", "https://a.test/", "");
    row("user info is stripped", "https://u:p@a.test/x", "unsafe-url", "https://b.test/", "https://a.test/x");
    row("default port is dropped", "https://a.test:443/x", "unsafe-url", "https://b.test/",
        "https://a.test/x");
    row("a file page sends none", "file:///home/page.html", "unsafe-url", "https://b.test/", "");
}

void TestReferrer::determine()
{
    QFETCH(QUrl, referrer);
    QFETCH(QString, policy);
    QFETCH(QUrl, target);
    QFETCH(QUrl, expected);
    QCOMPARE(determineReferrer(referrer, ::policy(policy.toLatin1().constData()), target), expected);
}

void TestReferrer::strip_data()
{
    QTest::addColumn<QUrl>("in");
    QTest::addColumn<bool>("originOnly");
    QTest::addColumn<QByteArray>("out");
    QTest::newRow("full") << url("https://u:p@a.test:8443/p/q?x=1#f") << false
                          << QByteArray("https://a.test:8443/p/q?x=1");
    QTest::newRow("origin") << url("https://u:p@a.test:8443/p/q?x=1#f") << true
                            << QByteArray("https://a.test:8443/");
    QTest::newRow("empty path") << url("http://a.test") << false << QByteArray("http://a.test/");
    QTest::newRow("not http") << url("data:text/html,x") << false << QByteArray();
}

void TestReferrer::strip()
{
    QFETCH(QUrl, in);
    QFETCH(bool, originOnly);
    QFETCH(QByteArray, out);
    QCOMPARE(stripReferrer(in, originOnly).toEncoded(), out);
}

void TestReferrer::longReferrerIsCutToItsOrigin()
{
    const QUrl longUrl(QStringLiteral("https://a.test/") + QString(5000, QLatin1Char('x')));
    QCOMPARE(determineReferrer(longUrl, ReferrerPolicy::UnsafeUrl, url("https://b.test/")),
             url("https://a.test/"));
    const QUrl shortEnough(QStringLiteral("https://a.test/") + QString(4000, QLatin1Char('x')));
    QCOMPARE(determineReferrer(shortEnough, ReferrerPolicy::UnsafeUrl, url("https://b.test/")), shortEnough);
}

void TestReferrer::hidesOrigin_data()
{
    QTest::addColumn<QString>("policy");
    QTest::addColumn<QUrl>("origin");
    QTest::addColumn<QUrl>("target");
    QTest::addColumn<bool>("hidden");
    const auto row = [](const char *name, const char *p, const char *origin, const char *target,
                        bool hidden) {
        QTest::newRow(name) << QString::fromLatin1(p) << url(origin) << url(target) << hidden;
    };
    row("no-referrer", "no-referrer", "https://a.test/", "https://a.test/", true);
    row("default same scheme", "strict-origin-when-cross-origin", "https://a.test/", "https://b.test/",
        false);
    row("default downgrade", "strict-origin-when-cross-origin", "https://a.test/", "http://b.test/", true);
    row("strict-origin downgrade", "strict-origin", "https://a.test/", "http://b.test/", true);
    row("no-referrer-when-downgrade", "no-referrer-when-downgrade", "https://a.test/", "http://a.test/",
        true);
    row("same-origin, cross", "same-origin", "https://a.test/", "https://b.test/", true);
    row("same-origin, same", "same-origin", "https://a.test/", "https://a.test/x", false);
    row("origin", "origin", "https://a.test/", "http://b.test/", false);
    row("origin-when-cross-origin", "origin-when-cross-origin", "https://a.test/", "http://b.test/", false);
    row("unsafe-url", "unsafe-url", "https://a.test/", "http://b.test/", false);
}

void TestReferrer::hidesOrigin()
{
    QFETCH(QString, policy);
    QFETCH(QUrl, origin);
    QFETCH(QUrl, target);
    QFETCH(bool, hidden);
    QCOMPARE(referrerPolicyHidesOrigin(::policy(policy.toLatin1().constData()), origin, target), hidden);
}

QTEST_GUILESS_MAIN(TestReferrer)
#include "tst_referrer.moc"
