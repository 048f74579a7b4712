// responseHeadProblem(): which response heads each profile's client gives up on, at the limits measured
// with the real clients (Chromium 256 KiB a head; curl 100 KiB a line, 300 KiB a transfer).
#include "core/policy/headlimit.h"

#include <QTest>

using namespace Rwb;

class tst_HeadLimit : public QObject
{
    Q_OBJECT

private slots:
    void measure();
    void limits_data();
    void limits();
};

namespace {

QByteArray headWithLine(qsizetype lineBytes)  // a head with one "X-Big: bbb...\r\n" line of lineBytes
{
    return "HTTP/1.1 200 OK\r\nX-Big: " + QByteArray(lineBytes - 9, 'b') + "\r\nContent-Length: 0\r\n\r\n";
}

}  // namespace

void tst_HeadLimit::measure()
{
    const HeadSize size = measureHead("HTTP/1.1 302 Found\r\nLocation: /a\nX: 1\r\n\r\n", false);
    QCOMPARE(size.bytes, 41);
    QCOMPARE(size.longestLine, 20);  // the status line and its CRLF
    QVERIFY(!size.cut);
    QCOMPARE(measureHead(headWithLine(5000), false).longestLine, 5000);
    // A cut last line counts as far as it was read.
    QCOMPARE(measureHead("HTTP/1.1 200 OK\r\nX: " + QByteArray(30, 'a'), true).longestLine, 33);
}

void tst_HeadLimit::limits_data()
{
    QTest::addColumn<int>("profile");
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("cut");
    QTest::addColumn<qsizetype>("chainBytes");
    QTest::addColumn<QString>("problem");  // a part of the message; empty: read

    const QByteArray small = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
    const QByteArray chromiumMax =
        "HTTP/1.1 200 OK\r\nX: " + QByteArray(kChromiumMaxHead - 24, 'a') + "\r\n\r\n";
    QCOMPARE(chromiumMax.size(), kChromiumMaxHead);
    QByteArray manyLines = "HTTP/1.1 200 OK\r\n";
    while (manyLines.size() < 200 * 1024)
        manyLines += "Set-Cookie: c=" + QByteArray::number(manyLines.size()) + "\r\n";
    manyLines += "\r\n";
    for (int p : {int(Profile::Browser), int(Profile::Curl), int(Profile::Strict)})
        QTest::addRow("small-%d", p) << p << small << false << qsizetype(0) << QString();
    QTest::newRow("browser-256KiB") << int(Profile::Browser) << chromiumMax << false << qsizetype(0)
                                    << QString();
    QTest::newRow("browser-256KiB+1")
        << int(Profile::Browser) << chromiumMax + "\n"
        << false << qsizetype(0) << QStringLiteral("262,145 bytes: Chromium reads at most 256 KiB");
    QTest::newRow("browser-line") << int(Profile::Browser) << headWithLine(200000) << false << qsizetype(0)
                                  << QString();  // a 200,000-byte Location is read whole
    QTest::newRow("browser-cut") << int(Profile::Browser) << QByteArray("HTTP/1.1 200 OK\r\nX: a") << true
                                 << qsizetype(0)
                                 << QStringLiteral("more than 21 bytes (the rest was not read)");
    QTest::newRow("browser-many-lines")
        << int(Profile::Browser) << manyLines << false << qsizetype(0) << QString();
    QTest::newRow("curl-line-under") << int(Profile::Curl) << headWithLine(kCurlMaxHeaderLine - 1) << false
                                     << qsizetype(0) << QString();
    QTest::newRow("curl-line-100KiB")
        << int(Profile::Curl) << headWithLine(kCurlMaxHeaderLine) << false << qsizetype(0)
        << QStringLiteral("102,400 bytes: curl stops at a header line of 100 KiB");
    QTest::newRow("curl-transfer-under")
        << int(Profile::Curl) << small << false << kCurlMaxHeads - small.size() << QString();
    QTest::newRow("curl-transfer-over")
        << int(Profile::Curl) << small << false << kCurlMaxHeads - small.size() + 1
        << QStringLiteral("come to 307,201 bytes: curl reads at most 300 KiB of heads in one transfer");
    QTest::newRow("curl-cut") << int(Profile::Curl) << QByteArray("HTTP/1.1 200 OK\r\nX: a") << true
                              << qsizetype(0) << QStringLiteral("come to more than 21 bytes");
    QTest::newRow("curl-many-lines") << int(Profile::Curl) << manyLines << false << qsizetype(0) << QString();
    QTest::newRow("strict-line") << int(Profile::Strict) << headWithLine(kCurlMaxHeaderLine) << false
                                 << qsizetype(0) << QStringLiteral("its longest line 102,400 bytes");
    QTest::newRow("strict-head") << int(Profile::Strict) << chromiumMax + "\n"
                                 << false << qsizetype(0)
                                 << QStringLiteral("The response head is 262,145 bytes");
    QTest::newRow("strict-transfer") << int(Profile::Strict) << small << false << qsizetype(10000000)
                                     << QString();  // per head only
}

void tst_HeadLimit::limits()
{
    QFETCH(int, profile);
    QFETCH(QByteArray, head);
    QFETCH(bool, cut);
    QFETCH(qsizetype, chainBytes);
    QFETCH(QString, problem);
    const std::optional<QString> got =
        responseHeadProblem(Profile(profile), measureHead(head, cut), chainBytes);
    if (problem.isEmpty()) {
        QVERIFY2(!got, qPrintable(got.value_or(QString())));
    } else {
        QVERIFY(got);
        QVERIFY2(got->contains(problem), qPrintable(*got));
    }
}

QTEST_APPLESS_MAIN(tst_HeadLimit)
#include "tst_headlimit.moc"
