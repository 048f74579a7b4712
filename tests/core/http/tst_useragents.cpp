// The User-Agent presets (one table for every profile; README, rwb trace -A).
#include "core/http/useragents.h"

#include <QSet>
#include <QTest>

using namespace Rwb;

class TestUserAgents : public QObject
{
    Q_OBJECT

private slots:
    void table();
    void value_data();
    void value();
};

void TestUserAgents::table()
{
    QSet<QString> seen;
    for (const UserAgentPreset &p : userAgentPresets()) {
        QVERIFY2(!seen.contains(p.name), qPrintable(p.name));
        seen.insert(p.name);
        QVERIFY(p.userAgent.startsWith("Mozilla/5.0 ("));
        QVERIFY(!p.description.isEmpty());
        QCOMPARE(findUserAgentPreset(p.name), &p);
        // Client hints only for Chromium browsers, whose User-Agent says Chrome/.
        QCOMPARE(p.sendsClientHints(), p.userAgent.contains("Chrome/") && !p.userAgent.contains("Firefox"));
        QCOMPARE(p.platform.isEmpty(), !p.sendsClientHints());
    }
    for (const char *name : {"chrome", "chromium", "chrome-android", "firefox", "firefox-android", "safari",
                             "safari-ios", "edge"})
        QVERIFY2(seen.contains(QLatin1String(name)), name);
    QCOMPARE(defaultBrowserPreset().name, QStringLiteral("chrome"));
    QVERIFY(!findUserAgentPreset(QStringLiteral("Chrome")));  // names are exact
}

void TestUserAgents::value_data()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("preset") << QStringLiteral("firefox")
                            << findUserAgentPreset(QStringLiteral("firefox"))->userAgent;
    QTest::newRow("string") << QStringLiteral("MyBot/1.0") << QByteArray("MyBot/1.0");
    QTest::newRow("curl's own") << QStringLiteral("curl/8.0.0") << QByteArray("curl/8.0.0");
    QTest::newRow("UTF-8") << QStringLiteral("Bot/ü") << QByteArray("Bot/\xc3\xbc");
    QTest::newRow("empty") << QString() << QByteArray();
}

void TestUserAgents::value()
{
    QFETCH(QString, setting);
    QFETCH(QByteArray, expected);
    QCOMPARE(userAgentValue(setting), expected);
}

QTEST_GUILESS_MAIN(TestUserAgents)
#include "tst_useragents.moc"
