// Earlier runs of rwb check read back (core/check/bulkbaseline.h): records from JSON Lines (a last line
// cut short dropped, any other broken line an error naming it), and each line's change against a baseline.
#include "core/check/bulkbaseline.h"

#include <QTest>

using namespace Rwb;

class tst_BulkBaseline : public QObject
{
    Q_OBJECT

private slots:
    void readsRecords();
    void brokenRecords_data();
    void brokenRecords();
    void changes();
};

void tst_BulkBaseline::readsRecords()
{
    const QByteArray jsonl =
        "{\"line\":2,\"from\":\"https://a.test/old\",\"passed\":true,\"outcome\":\"final\",\"finalUrl\":"
        "\"https://a.test/new\",\"finalStatus\":200,\"hops\":[{\"url\":\"https://a.test/old\",\"status\":301,"
        "\"location\":\"https://a.test/new\"},{\"url\":\"https://a.test/"
        "new\",\"status\":200}],\"problems\":[]}\n"
        "\n"
        "{\"line\":3,\"from\":\"nope\",\"passed\":false,\"problems\":[{\"code\":\"invalid-url\",\"message\":"
        "\"m\"}]}\n"
        "{\"line\":4,\"from\":\"https://a.te";  // killed while writing it
    const BulkRecordsResult r = readBulkRecords(jsonl);
    QVERIFY2(r.records, qPrintable(r.error));
    QCOMPARE(r.records->size(), 2);
    const BulkRecord &first = r.records->at(0);
    QCOMPARE(first.line, 2);
    QCOMPARE(first.passed, true);
    QCOMPARE(first.hops,
             (QList<QPair<int, QString>>{{301, QStringLiteral("https://a.test/new")}, {200, QString()}}));
    QCOMPARE(first.finalStatus, 200);
    QCOMPARE(r.records->at(1).codes, QStringList{QStringLiteral("invalid-url")});
    QCOMPARE(recordsByFrom(*r.records).value(QStringLiteral("nope")).line, 3);
}

void tst_BulkBaseline::brokenRecords_data()
{
    QTest::addColumn<QByteArray>("jsonl");
    QTest::addColumn<QString>("error");
    QTest::newRow("text") << QByteArray("hello\n{\"line\":1,\"from\":\"x\"}\n")
                          << QStringLiteral(
                                 "line 1: not a record of rwb check --format jsonl (illegal value)");
    QTest::newRow("no from") << QByteArray("{\"line\":1}\n{\"line\":2}\n")
                             << QStringLiteral("line 1: not a record of rwb check --format jsonl");
    QTest::newRow("an array") << QByteArray("{\"line\":1,\"from\":\"x\"}\n[1]\n")
                              << QStringLiteral("line 2: not a record of rwb check --format jsonl");
}

void tst_BulkBaseline::brokenRecords()
{
    QFETCH(QByteArray, jsonl);
    QFETCH(QString, error);
    const BulkRecordsResult r = readBulkRecords(jsonl);
    QVERIFY(!r.records);
    QCOMPARE(r.error, error);
}

void tst_BulkBaseline::changes()
{
    BulkRecord before;
    before.from = QStringLiteral("https://a.test/");
    before.passed = true;
    before.outcome = QStringLiteral("final");
    before.hops = {{301, QStringLiteral("https://a.test/b")}, {200, QString()}};
    before.finalUrl = QStringLiteral("https://a.test/b");
    BulkRecord now = before;
    QCOMPARE(compareWithBaseline(now, nullptr), BaselineChange::New);
    QCOMPARE(compareWithBaseline(now, &before), BaselineChange::Same);
    now.hops[0].first = 308;
    QCOMPARE(compareWithBaseline(now, &before), BaselineChange::Changed);
    now.passed = false;
    QCOMPARE(compareWithBaseline(now, &before), BaselineChange::NewFailure);
    QCOMPARE(compareWithBaseline(before, &now), BaselineChange::Fixed);
    now = before;
    now.outcome = QStringLiteral("loop");
    QCOMPARE(baselineChangeName(compareWithBaseline(now, &before)), QStringLiteral("changed"));
}

QTEST_GUILESS_MAIN(tst_BulkBaseline)
#include "tst_bulkbaseline.moc"
