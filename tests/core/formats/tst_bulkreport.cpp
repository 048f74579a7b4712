// The records and summary of `rwb check` (core/formats/bulkreport.h): a JSON line parses back to the
// result, a CSV row neutralises a formula and quotes a comma, the text line shows the statuses and problems
// with control characters replaced, and the summary counts lines per code and keeps the slowest and
// longest chains; the summary as JSON (its keys in order) and --format json's document, whole for no line
// too; a changed line's baseline chain shown "before" next to the chain "now" in Markdown and HTML.
#include "core/formats/bulkreport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QXmlStreamReader>

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
    void summaryJson();
    void jsonDocument();
    void baselineBeforeAndNow();
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

void tst_BulkReport::summaryJson()
{
    BulkSummary s;
    s.add(result(1, QStringLiteral("https://a.test/1"), {302, 200}, 1,
                 {{QStringLiteral("wrong-target"), QStringLiteral("t"), false},
                  {QStringLiteral("temporary-redirect"), QStringLiteral("t"), false}}));
    s.add(result(2, QStringLiteral("https://a.test/2"), {200}, 1));
    s.addResumed(false);
    QCOMPARE(bulkSummaryJson(s),
             QByteArray("{\"total\":3,\"passed\":1,\"failed\":2,\"counts\":{\"temporary-redirect\":1,"
                        "\"wrong-target\":1},\"resumed\":1}"));
    s.addBaseline(QStringLiteral("changed"));
    s.addBaseline(QStringLiteral("same"));
    const QByteArray json = bulkSummaryJson(s);
    QVERIFY2(
        json.contains(",\"baseline\":{\"new-failure\":0,\"fixed\":0,\"changed\":1,\"same\":1,\"new\":0},"),
        json.constData());
    QVERIFY(QJsonDocument::fromJson(json).isObject());
    QCOMPARE(bulkSummaryJson(BulkSummary()),
             QByteArray("{\"total\":0,\"passed\":0,\"failed\":0,\"counts\":{},\"resumed\":0}"));
}

void tst_BulkReport::jsonDocument()
{
    // No line at all: still a whole document.
    BulkJsonDocument none;
    QByteArray doc = BulkJsonDocument::begin() + none.end(BulkSummary());
    QJsonParseError error{};
    QJsonObject o = QJsonDocument::fromJson(doc, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError,
             qPrintable(error.errorString() + QLatin1Char(' ') + QString::fromUtf8(doc)));
    QCOMPARE(o.value(QLatin1String("lines")).toArray().size(), 0);
    QCOMPARE(o.value(QLatin1String("summary"))[QLatin1String("total")].toInt(), 0);

    // Three lines, each its record (bulkResultJsonLine's object) on a line of its own.
    BulkJsonDocument json;
    BulkSummary s;
    doc = BulkJsonDocument::begin();
    for (int i = 1; i <= 3; ++i) {
        const BulkResult r = result(i, QStringLiteral("https://a.test/%1").arg(i), {301, 200}, 1);
        s.add(r);
        const QByteArray piece = json.line(r, QStringLiteral("same"));
        QVERIFY(piece.endsWith(bulkResultJsonLine(r, QStringLiteral("same")).chopped(1)));
        doc += piece;
    }
    doc += json.end(s);
    QVERIFY(doc.endsWith("}\n"));
    o = QJsonDocument::fromJson(doc, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError,
             qPrintable(error.errorString() + QLatin1Char(' ') + QString::fromUtf8(doc)));
    const QJsonArray lines = o.value(QLatin1String("lines")).toArray();
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(2)[QLatin1String("line")].toInt(), 3);
    QCOMPARE(lines.at(0)[QLatin1String("baseline")].toString(), QStringLiteral("same"));
    QCOMPARE(o.value(QLatin1String("summary"))[QLatin1String("passed")].toInt(), 3);
    QCOMPARE(doc.count('\n'), 5);  // after the opening, after each record but the last, after it, at the end
}

void tst_BulkReport::baselineBeforeAndNow()
{
    BulkRecord before;
    before.line = 1;
    before.from = QStringLiteral("https://a.test");
    before.passed = true;
    before.hops = {{301, QStringLiteral("https://a.test/old")}, {200, QString()}};
    before.finalUrl = QStringLiteral("https://a.test/old");
    const BulkResult now = result(1, QStringLiteral("https://a.test"), {301, 302, 404}, 1,
                                  {{QStringLiteral("final-status"), QStringLiteral("404"), false}});
    const BulkRow changed = bulkRowOf(now, QStringLiteral("new-failure"), &before);
    QVERIFY(changed.hasBaselineChain);
    QCOMPARE(changed.baselineStatuses, QString::fromUtf8("301 → 200"));
    QCOMPARE(changed.baselineFinalUrl, QStringLiteral("https://a.test/old"));
    QVERIFY(!bulkRowOf(now, QStringLiteral("same"), &before).hasBaselineChain);  // nothing to set beside it
    const BulkResult other = result(2, QStringLiteral("https://b.test"), {404}, 1,
                                    {{QStringLiteral("final-status"), QStringLiteral("404"), false}});
    const BulkRow fresh = bulkRowOf(other, QStringLiteral("new"));

    BulkSummary s;
    s.add(now);
    s.add(other);
    s.addBaseline(QStringLiteral("new-failure"));
    s.addBaseline(QStringLiteral("new"));
    const QString md = QString::fromUtf8(bulkMarkdown(QStringLiteral("t"), s, {changed, fresh}, 0));
    QVERIFY2(md.contains(QLatin1String("| line | URL | before | now | problems | since the baseline |\n")),
             qPrintable(md));
    QVERIFY2(
        md.contains(QString::fromUtf8("| 1 | https://a.test | 301 → 200 https://a.test/old | 301 → 302 → 404 "
                                      "https://a.test/2 | \\[final-status\\] 404 | new-failure |\n")),
        qPrintable(md));
    QVERIFY2(md.contains(QLatin1String("| 2 | https://b.test |  | 404 | \\[final-status\\] 404 | new |\n")),
             qPrintable(md));

    // HTML: the changed line has a row "before" and a row "now", each with its pills and final URL.
    const QByteArray html = bulkHtml(QStringLiteral("t"), s, {changed, fresh}, 0);
    QXmlStreamReader xml(html);
    QString side;
    QMap<QString, QStringList> pills;  // "before"/"now"/"" (a line without a baseline chain): statuses
    QStringList finals;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::EndElement && xml.name() == QLatin1String("tr"))
            side.clear();
        if (xml.tokenType() != QXmlStreamReader::StartElement)
            continue;
        const QString cls = xml.attributes().value(QLatin1String("class")).toString();
        if (xml.name() == QLatin1String("div")
            && (cls == QLatin1String("before") || cls == QLatin1String("now")))
            side = cls;
        else if (xml.name() == QLatin1String("span") && cls.startsWith(QLatin1String("pill ")))
            pills[side] << xml.readElementText();
        else if (xml.name() == QLatin1String("div") && cls == QLatin1String("muted url"))
            finals << xml.readElementText();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(pills.value(QStringLiteral("before")),
             (QStringList{QStringLiteral("301"), QStringLiteral("200")}));
    QCOMPARE(pills.value(QStringLiteral("now")),
             (QStringList{QStringLiteral("301"), QStringLiteral("302"), QStringLiteral("404")}));
    QCOMPARE(pills.value(QString()), QStringList{QStringLiteral("404")});
    QCOMPARE(finals, (QStringList{QString::fromUtf8("→ https://a.test/old"),
                                  QString::fromUtf8("→ https://a.test/2")}));
    QVERIFY(html.contains("<span class=\"lbl\">before</span>"));
    QVERIFY(html.contains(
        "content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\""));
}

QTEST_GUILESS_MAIN(tst_BulkReport)
#include "tst_bulkreport.moc"
