// The records and summary of `rwb check` (core/formats/bulkreport.h): a JSON line parses back to the
// result, a CSV row neutralises a formula and quotes a comma, the text line shows the statuses and problems
// with control characters replaced, and the summary counts lines per code and keeps the slowest and
// longest chains.
#include "core/formats/bulkreport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Rwb;

namespace {

BulkResult result(qint64 line, const QString &from, const QList<int> &statuses, double ms,
                  const QList<BulkProblem> &problems = {})
{
    BulkResult r;
    r.line.lineNumber = line;
    r.line.from = from;
    r.line.url = QUrl(from);
    Trace t;
    for (qsizetype i = 0; i < statuses.size(); ++i) {
        Hop hop;
        hop.index = int(i);
        hop.request.url = QUrl(from + QStringLiteral("/%1").arg(i));
        WireResponse w;
        w.status = statuses.at(i);
        if (i + 1 < statuses.size())
            w.location = QUrl(from + QStringLiteral("/%1").arg(i + 1));
        hop.response = w;
        t.hops << hop;
    }
    r.trace = t;
    r.problems = problems;
    r.attempts = 1;
    r.elapsedMs = ms;
    return r;
}

}  // namespace

class tst_BulkReport : public QObject
{
    Q_OBJECT

private slots:
    void jsonLine();
    void csvRow();
    void textLine();
    void summary();
    void progress();
};

void tst_BulkReport::jsonLine()
{
    const BulkResult r = result(7, QStringLiteral("https://a.test"), {301, 200}, 12.3456,
                                {{QStringLiteral("mixed-permanence"), QStringLiteral("m"), true}});
    const QByteArray line = bulkResultJsonLine(r);
    QVERIFY(line.endsWith('\n'));
    QCOMPARE(line.count('\n'), 1);
    const QJsonObject o = QJsonDocument::fromJson(line).object();
    QCOMPARE(o.value(QLatin1String("line")).toInt(), 7);
    QCOMPARE(o.value(QLatin1String("passed")).toBool(), true);  // a warning only
    QCOMPARE(o.value(QLatin1String("redirects")).toInt(), 1);
    QCOMPARE(o.value(QLatin1String("finalStatus")).toInt(), 200);
    QCOMPARE(o.value(QLatin1String("hops"))[0][QLatin1String("location")].toString(),
             QStringLiteral("https://a.test/1"));
    QCOMPARE(o.value(QLatin1String("problems"))[0][QLatin1String("warning")].toBool(), true);
    QCOMPARE(o.value(QLatin1String("ms")).toDouble(), 12.346);
}

void tst_BulkReport::csvRow()
{
    BulkResult r = result(2, QStringLiteral("=HYPERLINK(\"x\")"), {}, 1.26,
                          {{QStringLiteral("invalid-url"), QStringLiteral("no"), false}});
    r.trace.reset();
    QCOMPARE(bulkResultCsvRow(r), QByteArray("2,\"'=HYPERLINK(\"\"x\"\")\",no,invalid-url,0,0,,,1.3\r\n"));
}

void tst_BulkReport::textLine()
{
    const BulkResult r =
        result(3, QStringLiteral("https://a.test"), {302, 404}, 5,
               {{QStringLiteral("final-status"), QStringLiteral("ends\x1b[2J with 404"), false}});
    QCOMPARE(QString::fromUtf8(bulkResultText(r, false)),
             QString::fromUtf8(
                 "✘ 3 https://a.test  302 → 404  https://a.test/1  [final-status] ends\xef\xbf\xbd[2J "
                 "with 404\n"));
    QVERIFY(bulkResultText(r, true).startsWith("\x1b[31m✘\x1b[0m"));
}

void tst_BulkReport::summary()
{
    BulkSummary s;
    for (int i = 1; i <= 8; ++i) {
        QList<BulkProblem> problems;
        if (i % 2 == 0)
            problems = {{QStringLiteral("wrong-target"), QStringLiteral("t"), false},
                        {QStringLiteral("wrong-target"), QStringLiteral("again"), false}};
        QList<int> statuses(i % 4, 301);
        statuses << 200;
        s.add(result(i, QStringLiteral("https://a.test/%1").arg(i), statuses, i * 10.0, problems));
    }
    QCOMPARE(s.total(), 8);
    QCOMPARE(s.failed(), 4);
    QCOMPARE(s.counts().value(QStringLiteral("wrong-target")), 4);  // lines, not problems
    const QString text = s.text();
    QVERIFY2(
        text.startsWith(QLatin1String("8 lines: 4 passed, 4 failed\n        4 wrong-target\nslowest:\n")),
        qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("slowest:\n       80.0 ms  line 8")), qPrintable(text));
    QCOMPARE(text.count(QLatin1String(" ms  line ")), BulkSummary::kKeep);
    QVERIFY2(text.contains(QLatin1String("longest:\n     3 redirects  line 3")), qPrintable(text));
    QCOMPARE(text.count(QLatin1String(" redirects  line ")), BulkSummary::kKeep - 1);
    QVERIFY2(text.contains(QLatin1String("     1 redirect   line 1")), qPrintable(text));
}

void tst_BulkReport::progress()
{
    QCOMPARE(bulkProgressText(0, 10, 0, 0, {}, 80), QStringLiteral("0/10 lines  0.0/s"));
    QCOMPARE(bulkProgressText(1234, 100000, 10, 0, {}, 80),
             QStringLiteral("1234/100000 lines  123/s  ETA 13m20s"));
    QCOMPARE(bulkProgressText(5, 100000, 10, 0, {}, 80), QStringLiteral("5/100000 lines  0.5/s  ETA 55h33m"));
    const QMap<QString, qsizetype> counts{{QStringLiteral("loop"), 1}, {QStringLiteral("wrong-target"), 2}};
    QCOMPARE(bulkProgressText(10, 10, 2, 3, counts, 0),
             QStringLiteral("10/10 lines  5.0/s  failed 3: loop 1, wrong-target 2"));
    const QString cut = bulkProgressText(10, 10, 2, 3, counts, 20);
    QCOMPARE(cut.size(), 20);
    QVERIFY(cut.endsWith(QChar(0x2026)));
}

QTEST_GUILESS_MAIN(tst_BulkReport)
#include "tst_bulkreport.moc"
