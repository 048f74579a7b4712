// HSTS for the browser profile (shared/spec/redirect-semantics.md §6; RFC 6797): the header grammar, what
// the store learns from a header, and where an http URL is sent instead.
#include "core/http/hsts.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Rwb;

namespace {

const QDateTime kNow(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);

QUrl url(const char *u)
{
    return QUrl(QString::fromLatin1(u));
}

}  // namespace

class TestHsts : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void parseManyDirectives();
    void processHeader_data();
    void processHeader();
    void expiry();
    void maxAgeZeroClears();
    void laterHeaderReplaces();
    void includeSubDomains_data();
    void includeSubDomains();
    void preload();
    void upgradeTarget_data();
    void upgradeTarget();
};

// RFC 6797 §6.1: directives separated by ';', max-age required (delta-seconds, may be quoted), each
// directive at most once, includeSubDomains without a value, unknown directives ignored.
void TestHsts::parse_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("maxAge");
    QTest::addColumn<bool>("subDomains");

    auto ok = [](const char *name, const char *v, qint64 age, bool sub) {
        QTest::newRow(name) << QByteArray(v) << true << age << sub;
    };
    auto bad = [](const char *name, const char *v) {
        QTest::newRow(name) << QByteArray(v) << false << qint64(-7) << false;
    };

    ok("max-age", "max-age=31536000", 31536000, false);
    ok("max-age+includeSubDomains", "max-age=31536000; includeSubDomains", 31536000, true);
    ok("includeSubDomains-first", "includeSubDomains; max-age=0", 0, true);
    ok("names-case-insensitive", "MAX-AGE=5; INCLUDESUBDOMAINS", 5, true);
    ok("max-age-quoted", "max-age=\"300\"", 300, false);
    ok("whitespace-around", "  max-age = 300 ;\tincludeSubDomains  ", 300, true);
    ok("empty-directives", ";max-age=300;;", 300, false);
    ok("unknown-directive-ignored", "max-age=300; preload", 300, false);
    ok("unknown-directive-with-value", "max-age=300; report-uri=\"https://r.example/;x\"", 300, false);
    ok("quoted-escape", "foo=\"a\\\"b\"; max-age=1", 1, false);
    ok("huge-max-age-capped", "max-age=99999999999999999999", 2147483647, false);
    ok("max-age-leading-zeros", "max-age=007", 7, false);
    bad("empty", "");
    bad("max-age-missing", "includeSubDomains");
    bad("max-age-without-value", "max-age");
    bad("max-age-empty-value", "max-age=");
    bad("max-age-empty-quoted", "max-age=\"\"");
    bad("max-age-not-a-number", "max-age=abc");
    bad("max-age-negative", "max-age=-1");
    bad("max-age-plus-sign", "max-age=+5");
    bad("max-age-fraction", "max-age=1.5");
    bad("max-age-unterminated-quote", "max-age=\"300");
    bad("max-age-two-values", "max-age=300 400");
    bad("max-age-duplicate", "max-age=300; max-age=400");
    bad("max-age-duplicate-other-case", "max-age=300; Max-Age=300");
    bad("includeSubDomains-duplicate", "max-age=300; includeSubDomains; includeSubDomains");
    bad("includeSubDomains-with-value", "max-age=300; includeSubDomains=true");
    bad("includeSubDomains-with-empty-value", "max-age=300; includeSubDomains=");
    bad("comma-separated", "max-age=300, includeSubDomains");
    bad("quoted-directive-name", "max-age=300; \"name\"");
}

void TestHsts::parse()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, valid);
    QFETCH(qint64, maxAge);
    QFETCH(bool, subDomains);

    qint64 age = -7;
    bool sub = false;
    QCOMPARE(parseStsHeader(value, &age, &sub), valid);
    QCOMPARE(age, maxAge);
    QCOMPARE(sub, subDomains);
}

// Each directive is looked up among those before it (§6.1: at most once each): 60,000 of them (a long header
// line over https, where no head limit of the tap applies) take milliseconds, not seconds. The list they
// were kept in made it quadratic: over 10 s in the release build (found while writing the HSTS fuzzer).
void TestHsts::parseManyDirectives()
{
    QByteArrayList directives{"max-age=60"};
    for (int i = 0; i < 60000; ++i)
        directives.append("d" + QByteArray::number(i));
    const QByteArray value = directives.join("; ");
    qint64 age = -1;
    bool sub = true;
    QElapsedTimer timer;
    timer.start();
    QVERIFY(parseStsHeader(value, &age, &sub));
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QStringLiteral("%1 ms").arg(timer.elapsed())));
    QCOMPARE(age, 60);
    QVERIFY(!sub);
    QVERIFY(!parseStsHeader(value + "; d59999", &age, &sub));  // the last one again
}

// §8.1: only over https; §8.1.1: not from an IP address; an invalid header is ignored.
void TestHsts::processHeader_data()
{
    QTest::addColumn<QUrl>("from");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QUrl>("probe");  // an http URL asked about afterwards
    QTest::addColumn<bool>("upgraded");

    const QByteArray year("max-age=31536000");
    QTest::newRow("https->stored") << url("https://a.example/") << year << QStringLiteral("hsts-stored")
                                   << url("http://a.example/x") << true;
    QTest::newRow("https-host-case->stored")
        << url("https://A.Example:8443/") << year << QStringLiteral("hsts-stored")
        << url("http://a.example/x") << true;
    QTest::newRow("http->ignored") << url("http://a.example/") << year << QStringLiteral("hsts-ignored")
                                   << url("http://a.example/x") << false;
    QTest::newRow("ipv4-literal->ignored")
        << url("https://127.0.0.1/") << year << QStringLiteral("hsts-ignored") << url("http://127.0.0.1/x")
        << false;
    QTest::newRow("ipv6-literal->ignored")
        << url("https://[::1]:8443/") << year << QStringLiteral("hsts-ignored") << url("http://[::1]/x")
        << false;
    QTest::newRow("ipv4-looking-name->stored")
        << url("https://127.0.0.1.example/") << year << QStringLiteral("hsts-stored")
        << url("http://127.0.0.1.example/") << true;
    QTest::newRow("invalid->ignored") << url("https://a.example/") << QByteArray("max-age=abc")
                                      << QStringLiteral("hsts-ignored") << url("http://a.example/x") << false;
    QTest::newRow("max-age=0->cleared")
        << url("https://a.example/") << QByteArray("max-age=0") << QStringLiteral("hsts-cleared")
        << url("http://a.example/x") << false;
    QTest::newRow("other-host-not-upgraded")
        << url("https://a.example/") << year << QStringLiteral("hsts-stored") << url("http://b.example/x")
        << false;
}

void TestHsts::processHeader()
{
    QFETCH(QUrl, from);
    QFETCH(QByteArray, value);
    QFETCH(QString, code);
    QFETCH(QUrl, probe);
    QFETCH(bool, upgraded);

    HstsStore store;
    const Note note = store.processHeader(from, value, kNow);
    QCOMPARE(note.code, code);
    QVERIFY(!note.message.isEmpty());
    QCOMPARE(store.policies().size(), code == QLatin1String("hsts-stored") ? 1 : 0);
    QCOMPARE(!store.upgradeTarget(probe, kNow.addSecs(60)).isEmpty(), upgraded);
}

void TestHsts::expiry()
{
    HstsStore store;
    QCOMPARE(store.processHeader(url("https://a.example/"), "max-age=100", kNow).code,
             QStringLiteral("hsts-stored"));
    const QUrl probe = url("http://a.example/");
    QCOMPARE(store.upgradeTarget(probe, kNow), url("https://a.example/"));
    QCOMPARE(store.upgradeTarget(probe, kNow.addSecs(99)), url("https://a.example/"));
    QVERIFY(store.upgradeTarget(probe, kNow.addSecs(100)).isEmpty());  // expired at now + max-age
    QVERIFY(store.upgradeTarget(probe, kNow.addDays(365)).isEmpty());
}

void TestHsts::maxAgeZeroClears()
{
    HstsStore store;
    store.processHeader(url("https://a.example/"), "max-age=31536000; includeSubDomains", kNow);
    QVERIFY(!store.upgradeTarget(url("http://sub.a.example/"), kNow).isEmpty());
    QCOMPARE(store.processHeader(url("https://a.example/"), "max-age=0", kNow).code,
             QStringLiteral("hsts-cleared"));
    QVERIFY(store.upgradeTarget(url("http://a.example/"), kNow).isEmpty());
    QVERIFY(store.upgradeTarget(url("http://sub.a.example/"), kNow).isEmpty());
    QVERIFY(store.policies().isEmpty());
}

void TestHsts::laterHeaderReplaces()
{
    HstsStore store;
    store.processHeader(url("https://a.example/"), "max-age=31536000; includeSubDomains", kNow);
    store.processHeader(url("https://a.example/"), "max-age=60", kNow);
    QCOMPARE(store.policies().size(), 1);
    QVERIFY(
        store.upgradeTarget(url("http://sub.a.example/"), kNow).isEmpty());  // no longer includeSubDomains
    QVERIFY(store.upgradeTarget(url("http://a.example/"), kNow.addSecs(61)).isEmpty());  // the new max-age
    // An invalid header leaves what was known alone.
    QCOMPARE(store.processHeader(url("https://a.example/"), "max-age=x", kNow).code,
             QStringLiteral("hsts-ignored"));
    QCOMPARE(store.policies().size(), 1);
}

void TestHsts::includeSubDomains_data()
{
    QTest::addColumn<bool>("subDomainsDirective");
    QTest::addColumn<QUrl>("probe");
    QTest::addColumn<bool>("upgraded");

    for (bool sub : {true, false}) {
        const char *s = sub ? "includeSubDomains" : "host-only";
        QTest::addRow("%s/the-host", s) << sub << url("http://a.example/") << true;
        QTest::addRow("%s/subdomain", s) << sub << url("http://sub.a.example/") << sub;
        QTest::addRow("%s/deep-subdomain", s) << sub << url("http://x.y.a.example/") << sub;
        QTest::addRow("%s/suffix-not-a-subdomain", s) << sub << url("http://xa.example/") << false;
        QTest::addRow("%s/parent-domain", s) << sub << url("http://example/") << false;
        QTest::addRow("%s/sibling", s) << sub << url("http://b.example/") << false;
    }
}

void TestHsts::includeSubDomains()
{
    QFETCH(bool, subDomainsDirective);
    QFETCH(QUrl, probe);
    QFETCH(bool, upgraded);

    HstsStore store;
    store.processHeader(url("https://a.example/"),
                        subDomainsDirective ? "max-age=600; includeSubDomains" : "max-age=600", kNow);
    const QUrl target = store.upgradeTarget(probe, kNow);
    QCOMPARE(!target.isEmpty(), upgraded);
    if (upgraded)
        QCOMPARE(target.host(), probe.host());
}

// A preloaded host (with its subdomains) is HSTS from the start and never expires; a header cannot
// remove it (Chromium keeps the preload list apart from what headers teach).
void TestHsts::preload()
{
    HstsStore store({QStringLiteral("Preload.Example")});
    const QDateTime farFuture = kNow.addYears(50);
    QCOMPARE(store.upgradeTarget(url("http://preload.example/x"), farFuture),
             url("https://preload.example/x"));
    QCOMPARE(store.upgradeTarget(url("http://www.preload.example/"), farFuture),
             url("https://www.preload.example/"));
    QVERIFY(store.upgradeTarget(url("http://other.example/"), farFuture).isEmpty());

    const Note cleared = store.processHeader(url("https://preload.example/"), "max-age=0", kNow);
    QCOMPARE(cleared.code, QStringLiteral("hsts-cleared"));
    QVERIFY(cleared.message.contains(QLatin1String("preload")));
    QVERIFY(!store.upgradeTarget(url("http://preload.example/"), kNow).isEmpty());
    QVERIFY(!store.upgradeTarget(url("http://www.preload.example/"), kNow).isEmpty());
    // A header without includeSubDomains adds an entry; the preloaded one still covers subdomains.
    QCOMPARE(store.processHeader(url("https://preload.example/"), "max-age=60", kNow).code,
             QStringLiteral("hsts-stored"));
    QCOMPARE(store.policies().size(), 2);
    QVERIFY(!store.upgradeTarget(url("http://www.preload.example/"), kNow.addDays(1)).isEmpty());
}

// RFC 6797 §8.3: the scheme becomes https, an explicit port 80 becomes the default (443), any other port
// is kept; path, query and fragment go along. https URLs need no upgrade.
void TestHsts::upgradeTarget_data()
{
    QTest::addColumn<QUrl>("from");
    QTest::addColumn<QUrl>("expected");

    QTest::newRow("no-port") << url("http://h.example/p?q=1#f") << url("https://h.example/p?q=1#f");
    QTest::newRow("port-80-to-default") << url("http://h.example:80/p") << url("https://h.example/p");
    QTest::newRow("port-8080-kept") << url("http://h.example:8080/p") << url("https://h.example:8080/p");
    QTest::newRow("port-443-kept") << url("http://h.example:443/p") << url("https://h.example:443/p");
    QTest::newRow("already-https") << url("https://h.example/p") << QUrl();
    QTest::newRow("ftp-untouched") << url("ftp://h.example/p") << QUrl();
}

void TestHsts::upgradeTarget()
{
    QFETCH(QUrl, from);
    QFETCH(QUrl, expected);

    HstsStore store({QStringLiteral("h.example")});
    const QUrl target = store.upgradeTarget(from, kNow);
    QCOMPARE(target, expected);
    if (!expected.isEmpty())
        QCOMPARE(target.toEncoded(), expected.toEncoded());
}

QTEST_GUILESS_MAIN(TestHsts)
#include "tst_hsts.moc"
