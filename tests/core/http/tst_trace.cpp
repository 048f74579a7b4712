// Header bytes as text, for files and for the window, and milliseconds as files write them (trace.h).
#include "core/http/trace.h"

#include <QTest>

using namespace Rwb;

class TestTrace : public QObject
{
    Q_OBJECT

private slots:
    void headerText_data();
    void headerText();
    void roundedMs_data();
    void roundedMs();
};

void TestTrace::headerText_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");         // headerText(): as files hold it
    QTest::addColumn<QString>("displayText");  // headerDisplayText(): as the window shows it

    const QString latin1Bom = QString::fromLatin1("\xEF\xBB\xBF");
    QTest::newRow("empty") << QByteArray() << QString() << QString();
    QTest::newRow("ASCII") << QByteArray("/next?a=1") << QStringLiteral("/next?a=1")
                           << QStringLiteral("/next?a=1");
    QTest::newRow("NUL kept") << QByteArray("a\0b", 3) << QString::fromUtf16(u"a\0b", 3)
                              << QString::fromUtf16(u"a\0b", 3);
    QTest::newRow("UTF-8") << QByteArray("/caf\xC3\xA9") << QString::fromUtf8("/caf\xC3\xA9")
                           << QString::fromUtf8("/caf\xC3\xA9");
    QTest::newRow("Latin-1") << QByteArray("/caf\xE9") << QString::fromLatin1("/caf\xE9")
                             << QString::fromLatin1("/caf\xE9");
    QTest::newRow("cut UTF-8 sequence")
        << QByteArray("/\xC3") << QString::fromLatin1("/\xC3") << QString::fromLatin1("/\xC3");
    QTest::newRow("encoded surrogate") << QByteArray("\xED\xA0\x80") << QString::fromLatin1("\xED\xA0\x80")
                                       << QString::fromLatin1("\xED\xA0\x80");
    QTest::newRow("mark inside") << QByteArray("a\xEF\xBB\xBF"
                                               "b")
                                 << QString::fromUtf16(u"a\uFEFFb") << QString::fromUtf16(u"a\uFEFFb");
    // The one difference: a leading byte order mark.
    QTest::newRow("leading mark") << QByteArray("\xEF\xBB\xBF/a") << latin1Bom + QStringLiteral("/a")
                                  << QStringLiteral("/a");
    QTest::newRow("leading mark, then Latin-1")
        << QByteArray("\xEF\xBB\xBF\xE9") << latin1Bom + QString::fromLatin1("\xE9")
        << latin1Bom + QString::fromLatin1("\xE9");
}

void TestTrace::headerText()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QFETCH(QString, displayText);
    QCOMPARE(Rwb::headerText(bytes), text);
    QCOMPARE(headerDisplayText(bytes), displayText);
}

void TestTrace::roundedMs_data()
{
    QTest::addColumn<double>("ms");
    QTest::addColumn<double>("rounded");
    QTest::newRow("zero") << 0.0 << 0.0;
    QTest::newRow("whole") << 12.0 << 12.0;
    QTest::newRow("microseconds kept") << 1.234 << 1.234;
    QTest::newRow("below a microsecond, down") << 1.2344 << 1.234;
    QTest::newRow("below a microsecond, up") << 1.2346 << 1.235;
    QTest::newRow("half away from zero") << 0.0005 << 0.001;
    QTest::newRow("negative") << -2.0004 << -2.0;
}

void TestTrace::roundedMs()
{
    QFETCH(double, ms);
    QFETCH(double, rounded);
    QCOMPARE(Rwb::roundedMs(ms), rounded);
}

QTEST_GUILESS_MAIN(TestTrace)
#include "tst_trace.moc"
