// rwb check (issue 14) as a user runs it, against an in-process server: a redirect map whose lines each
// show one problem code, the exit statuses (0 all passed, 1 some failed, 2 broken input with its line),
// standard input, sitemaps, the CSV and text records, --per-host holding a host to N chains at once while
// other hosts go on, and --retries after a reset connection; --format json as one document (whole for no
// line and after Ctrl+C too); --baseline's changed chains before and now in the Markdown and HTML reports.
#include "support/deflate.h"
#include "support/processrun.h"
#include "support/scriptedserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <csignal>

using namespace Rwb::Test;

namespace {

RwbTest::ProcessRun rwb(const QStringList &args, const QString &standardInput = QString())
{
    return RwbTest::runProcess(QStringLiteral(RWB_EXE), args, 60000, standardInput);
}

// The JSON Lines records by input line: "code code" of the problems (warnings as ~code), "" for a pass.
QMap<qint64, QString> problemsByLine(const QByteArray &jsonl, QMap<qint64, QJsonObject> *records = nullptr)
{
    QMap<qint64, QString> out;
    for (const QByteArray &line : jsonl.split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        QStringList codes;
        for (const QJsonValue &p : o.value(QLatin1String("problems")).toArray())
            codes << (p[QLatin1String("warning")].toBool() ? QLatin1String("~") : QLatin1String(""))
                         + p[QLatin1String("code")].toString();
        const qint64 n = o.value(QLatin1String("line")).toInteger();
        out.insert(n, codes.join(QLatin1Char(' ')));
        if (records)
            records->insert(n, o);
    }
    return out;
}

}  // namespace

class tst_RwbCheck : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void mapLinesGetTheirProblems();
    void everyLinePassesExit0();
    void standardInputAndSitemap();
    void sitemapIndexFromUrl();
    void csvAndTextRecords();
    void markdownAndJUnit();
    void htmlReportReadsBack();
    void brokenInputExits2_data();
    void brokenInputExits2();
    void perHostLimit();
    void retriesAfterReset();
    void resumeSkipsWhatWasWritten();
    void progressAndRate();
    void baselineSaysWhatChanged();
    void jsonDocument();
    void jsonDocumentInterrupted();

private:
    QString base(const char *host = "127.0.0.1") const
    {
        return QStringLiteral("http://%1:%2").arg(QLatin1String(host)).arg(m_server.port());
    }
    QString write(const QString &name, const QByteArray &bytes)
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(bytes);
        return f.fileName();
    }

    QTemporaryDir m_dir;
    ScriptedServer m_server;
};

void tst_RwbCheck::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_server.listen());
    m_server.on("/old", ScriptedServer::redirect(301, "/new"));
    m_server.on("/new", Reply());
    m_server.on("/temp", ScriptedServer::redirect(302, "/new"));
    m_server.on("/chain1", ScriptedServer::redirect(301, "/chain2"));
    m_server.on("/chain2", ScriptedServer::redirect(302, "/new"));
    m_server.on("/loop", ScriptedServer::redirect(302, "/loop"));
    Reply gone;
    gone.status = 410;
    m_server.on("/gone", gone);
    m_server.on("/away", ScriptedServer::redirect(
                             301, "http://localhost:" + QByteArray::number(m_server.port()) + "/new"));
}

void tst_RwbCheck::mapLinesGetTheirProblems()
{
    const QByteArray b = base().toUtf8();
    const QString map = write(QStringLiteral("map.csv"),
                              "from,to,status,hops,final_status\n"  // line 1
                                  + b + "/old,/new,301,,\n"         // 2: passes
                                  + b + "/temp,/new,301|308,,\n"    // 3: wrong-status
                                  + b + "/old,/elsewhere,,,\n"      // 4: wrong-target
                                  + b + "/chain1,/new,,1,\n"        // 5: ~mixed, too-many-hops
                                  + b + "/loop,,,,\n"               // 6: loop
                                  + b + "/gone,,,,\n"               // 7: final-status (2xx)
                                  + b + "/gone,,,,410\n"            // 8: passes (its own final)
                                  + b
                                  + "/away,,,,\n"                         // 9: other-host (--same-host)
                                    "not a url,,,,\n"                     // 10: invalid-url
                                    "http://127.0.0.1:1/refused,,,,\n");  // 11: error
    const RwbTest::ProcessRun run = rwb({QStringLiteral("check"), QStringLiteral("--profile"),
                                         QStringLiteral("curl"), QStringLiteral("--same-host"), map});
    QVERIFY2(run.finished, qPrintable(run.describe()));
    QCOMPARE(run.exitCode, 1);
    QMap<qint64, QJsonObject> records;
    const QMap<qint64, QString> got = problemsByLine(run.out, &records);
    const QMap<qint64, QString> expected{{2, QString()},
                                         {3, QStringLiteral("wrong-status")},
                                         {4, QStringLiteral("wrong-target")},
                                         {5, QStringLiteral("~mixed-permanence too-many-hops")},
                                         {6, QStringLiteral("loop")},
                                         {7, QStringLiteral("final-status")},
                                         {8, QString()},
                                         {9, QStringLiteral("other-host")},
                                         {10, QStringLiteral("invalid-url")},
                                         {11, QStringLiteral("error")}};
    QCOMPARE(got, expected);
    const QJsonObject first = records.value(2);
    QCOMPARE(first.value(QLatin1String("passed")).toBool(), true);
    QCOMPARE(first.value(QLatin1String("redirects")).toInt(), 1);
    QCOMPARE(first.value(QLatin1String("hops"))[0][QLatin1String("status")].toInt(), 301);
    QCOMPARE(first.value(QLatin1String("hops"))[0][QLatin1String("location")].toString(),
             base() + QLatin1String("/new"));
    QCOMPARE(first.value(QLatin1String("finalUrl")).toString(), base() + QLatin1String("/new"));
    // The summary on stderr: counts per code.
    QVERIFY2(run.err.contains("10 lines: 2 passed, 8 failed"), qPrintable(run.describe()));
    QVERIFY2(run.err.contains("1 wrong-target"), qPrintable(run.describe()));
}

void tst_RwbCheck::everyLinePassesExit0()
{
    const QString list = write(QStringLiteral("list.txt"),
                               "# ok\n" + base().toUtf8() + "/new\n\n" + base().toUtf8() + "/old\n");
    const RwbTest::ProcessRun run =
        rwb({QStringLiteral("check"), QStringLiteral("--expect-permanent"), list});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(problemsByLine(run.out), (QMap<qint64, QString>{{2, QString()}, {4, QString()}}));
}

void tst_RwbCheck::standardInputAndSitemap()
{
    const QString sitemap =
        write(QStringLiteral("sitemap.xml"),
              "<?xml version=\"1.0\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
              "<url><loc>"
                  + base().toUtf8() + "/new</loc></url>\n<url><loc>" + base().toUtf8()
                  + "/temp</loc></url>\n</urlset>\n");
    const RwbTest::ProcessRun run =
        rwb({QStringLiteral("check"), QStringLiteral("--expect-permanent"), QStringLiteral("-")}, sitemap);
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(problemsByLine(run.out),
             (QMap<qint64, QString>{{3, QString()}, {4, QStringLiteral("temporary-redirect")}}));
}

// `rwb check URL`: a sitemap index at a URL (moved once: the redirect is followed), its two sitemaps (one
// gzip) fetched and their lines joined in the index's order; a sitemap that is not there exits 2 naming it.
void tst_RwbCheck::sitemapIndexFromUrl()
{
    const QByteArray b = base().toUtf8();
    const auto urlset = [&b](const QByteArrayList &paths) -> QByteArray {
        QByteArray xml =
            "<?xml version=\"1.0\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
        for (const QByteArray &p : paths)
            xml += "<url><loc>" + b + p + "</loc></url>\n";
        return xml + "</urlset>\n";
    };
    Reply index;
    index.body = "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n<sitemap><loc>" + b
                 + "/s1.xml</loc></sitemap>\n<sitemap><loc>" + b
                 + "/s2.xml.gz</loc></sitemap>\n</sitemapindex>\n";
    m_server.on("/index.xml", index);
    m_server.on("/moved-index.xml", ScriptedServer::redirect(301, "/index.xml"));
    Reply s1;
    s1.body = urlset({"/new", "/temp"});
    m_server.on("/s1.xml", s1);
    Reply s2;
    s2.body = gzipped(urlset({"/old"}));
    s2.headers = {{"Content-Type", "application/gzip"}};
    m_server.on("/s2.xml.gz", s2);
    const RwbTest::ProcessRun run =
        rwb({QStringLiteral("check"), QStringLiteral("--format"), QStringLiteral("text"),
             QStringLiteral("--parallel"), QStringLiteral("1"), QStringLiteral("--expect-permanent"),
             base() + QStringLiteral("/moved-index.xml")});
    QCOMPARE(run.exitCode, 1);
    const QList<QByteArray> lines = run.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines.at(0).contains(QByteArray(b + "/new  200")), run.out.constData());
    QVERIFY2(lines.at(1).contains(QByteArray(b + "/temp  302 → 200"))
                 && lines.at(1).contains("temporary-redirect"),
             run.out.constData());
    QVERIFY2(lines.at(2).contains(QByteArray(b + "/old  301 → 200")), run.out.constData());
    const RwbTest::ProcessRun missing =
        rwb({QStringLiteral("check"), base() + QStringLiteral("/nothing.xml")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(QByteArray("/nothing.xml: HTTP 404, not 200")),
             qPrintable(missing.describe()));
}

void tst_RwbCheck::csvAndTextRecords()
{
    const QString list =
        write(QStringLiteral("two.txt"), base().toUtf8() + "/old\n" + base().toUtf8() + "/gone\n");
    const QString out = m_dir.filePath(QStringLiteral("out.csv"));
    const RwbTest::ProcessRun csv =
        rwb({QStringLiteral("check"), QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("-o"),
             out, QStringLiteral("--parallel"), QStringLiteral("1"), list});
    QCOMPARE(csv.exitCode, 1);
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = f.readAll().split('\n');
    QCOMPARE(rows.at(0),
             QByteArray("line,from,passed,problems,redirects,final_status,final_url,statuses,ms\r"));
    QVERIFY2(rows.at(1).startsWith(QByteArray("1," + base().toUtf8() + "/old,yes,,1,200," + base().toUtf8()
                                              + "/new,301 → 200,")),
             rows.at(1).constData());
    QVERIFY2(rows.at(2).startsWith(QByteArray("2," + base().toUtf8() + "/gone,no,final-status,0,410,")),
             rows.at(2).constData());
    const RwbTest::ProcessRun text =
        rwb({QStringLiteral("check"), QStringLiteral("--format"), QStringLiteral("text"),
             QStringLiteral("--parallel"), QStringLiteral("1"), list});
    QVERIFY2(text.out.contains(QString::fromUtf8("✔ 1 %1/old  301 → 200  %1/new\n").arg(base()).toUtf8()),
             qPrintable(text.describe()));
    QVERIFY2(text.out.contains(QString::fromUtf8("✘ 2 %1/gone  410  [final-status] ends with 410, not 2xx\n")
                                   .arg(base())
                                   .toUtf8()),
             qPrintable(text.describe()));
}

// The end-of-run reports: Markdown lists the failing lines in input order (a '|' in a URL escaped) under
// the counts; JUnit has a testcase per line, valid against tests/data/junit.xsd (xmllint).
void tst_RwbCheck::markdownAndJUnit()
{
    const QByteArray b = base().toUtf8();
    const QString list = write(QStringLiteral("md.txt"), b + "/gone?a|b\n" + b + "/old\n" + b + "/temp\n");
    const RwbTest::ProcessRun md = rwb({QStringLiteral("check"), QStringLiteral("--format"),
                                        QStringLiteral("md"), QStringLiteral("--expect-permanent"), list});
    QCOMPARE(md.exitCode, 1);
    const QString text = QString::fromUtf8(md.out);
    QVERIFY2(text.startsWith(QStringLiteral("## rwb check %1\n\n**3 lines: 1 passed, 2 failed**\n")
                                 .arg(QString(list).replace(QLatin1Char('_'), QLatin1String("\\_")))),
             qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("| `final-status` | 1 |\n")), qPrintable(text));
    const qsizetype first = text.indexOf(QStringLiteral("| 1 | %1/gone?a\\|b | 410 |").arg(base()));
    const qsizetype third = text.indexOf(QStringLiteral("| 3 | %1/temp | 302 → 200 |").arg(base()));
    QVERIFY2(first > 0 && third > first, qPrintable(text));
    QVERIFY(!text.contains(QStringLiteral("| 2 | ")));  // it passed
    const QString junit = m_dir.filePath(QStringLiteral("check.xml"));
    const RwbTest::ProcessRun xml = rwb({QStringLiteral("check"), QStringLiteral("--format"),
                                         QStringLiteral("junit"), QStringLiteral("-o"), junit, list});
    QCOMPARE(xml.exitCode, 1);
    const RwbTest::ProcessRun lint =
        RwbTest::runProcess(QStringLiteral("xmllint"), {QStringLiteral("--noout"), QStringLiteral("--schema"),
                                                        QStringLiteral(RWB_JUNIT_XSD), junit});
    QVERIFY2(lint.finished, "xmllint did not run: install libxml2-utils (scripts/deps.sh)");
    QVERIFY2(lint.exitCode == 0, qPrintable(QString::fromUtf8(lint.err)));
    QFile f(junit);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray report = f.readAll();
    QCOMPARE(report.count("<testcase "), 3);
    QVERIFY2(report.contains("tests=\"3\" failures=\"1\""), report.constData());
    QVERIFY2(report.contains("type=\"final-status\""), report.constData());
}

// The HTML report parsed back as XML: nothing it loads from anywhere (a Content-Security-Policy of none, no
// src or href), the summary, one section per first problem code with a row per failing line (the server's
// text escaped), each chain as pills coloured by kind, and the filter's script.
void tst_RwbCheck::htmlReportReadsBack()
{
    const QByteArray b = base().toUtf8();
    const QString list = write(QStringLiteral("html.txt"), b + "/old\n" + b + "/temp\n" + b + "/gone\n" + b
                                                               + "/gone?<script>x</script>\n");
    const QString out = m_dir.filePath(QStringLiteral("report.html"));
    const RwbTest::ProcessRun run =
        rwb({QStringLiteral("check"), QStringLiteral("--format"), QStringLiteral("html"),
             QStringLiteral("--expect-permanent"), QStringLiteral("-o"), out, list});
    QCOMPARE(run.exitCode, 1);
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray html = f.readAll();
    QVERIFY(html.startsWith("<!DOCTYPE html>"));
    QXmlStreamReader xml(html);
    QMap<QString, int> rowsBySection;
    QString section;
    QStringList pills;
    QString summary;
    bool csp = false;
    bool script = false;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QXmlStreamAttributes a = xml.attributes();
        QVERIFY2(!a.hasAttribute(QLatin1String("src")) && !a.hasAttribute(QLatin1String("href")),
                 qPrintable(xml.name().toString()));
        if (xml.name() == QLatin1String("meta")
            && a.value(QLatin1String("http-equiv")) == QLatin1String("Content-Security-Policy"))
            csp = a.value(QLatin1String("content")).startsWith(QLatin1String("default-src 'none'"));
        else if (xml.name() == QLatin1String("section"))
            section = a.value(QLatin1String("id")).toString();
        else if (xml.name() == QLatin1String("tr") && a.hasAttribute(QLatin1String("data-codes")))
            ++rowsBySection[section];
        else if (xml.name() == QLatin1String("span")
                 && a.value(QLatin1String("class")).startsWith(QLatin1String("pill ")))
            pills << a.value(QLatin1String("class")).mid(5).toString() + QLatin1Char(':')
                         + xml.readElementText();
        else if (xml.name() == QLatin1String("p") && a.value(QLatin1String("id")) == QLatin1String("summary"))
            summary = xml.readElementText(QXmlStreamReader::IncludeChildElements);
        else if (xml.name() == QLatin1String("script"))
            script = xml.readElementText().contains(QLatin1String("querySelectorAll"));
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(csp);
    QVERIFY(script);
    QCOMPARE(summary, QStringLiteral("4 lines: 1 passed, 3 failed"));
    QCOMPARE(rowsBySection, (QMap<QString, int>{{QStringLiteral("temporary-redirect"), 1},
                                                {QStringLiteral("final-status"), 2}}));
    QCOMPARE(pills, (QStringList{QStringLiteral("temp:302"), QStringLiteral("ok:200"),
                                 QStringLiteral("bad:410"), QStringLiteral("bad:410")}));
    QVERIFY(!html.contains("<script>x</script>"));  // the line's text is escaped
}

void tst_RwbCheck::brokenInputExits2_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty file") << QByteArray() << QStringLiteral("the input is empty: no URL in it");
    QTest::newRow("csv without a from column")
        << QByteArray("page,target\nhttp://a.test/,/b\n") << QStringLiteral("line 1: no 'from' column");
    QTest::newRow("sitemap that is not XML")
        << QByteArray("<urlset><url><loc>http://a.test/</loc>\n</urlset>\n")
        << QStringLiteral("line 2: not a sitemap: the XML is broken");
    QByteArray huge = "http://a.test/1\nhttp://a.test/";
    huge += QByteArray(50 * 1024 * 1024, 'x');
    QTest::newRow("a 50 MB line") << huge
                                  << QStringLiteral(
                                         "line 2: 52428814 bytes, over the 1048576 a line may have");
}

void tst_RwbCheck::brokenInputExits2()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, error);
    const QString file = write(QStringLiteral("broken"), input);
    const RwbTest::ProcessRun run = rwb({QStringLiteral("check"), file});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(error.toUtf8()), qPrintable(run.describe()));
    QVERIFY2(run.err.startsWith(QByteArray("rwb: " + file.toUtf8() + ": ")), qPrintable(run.describe()));
    QVERIFY(run.out.isEmpty());
}

// 10 lines to 127.0.0.1 and 10 to localhost (the same server), each answered after 150 ms, --per-host 3
// --parallel 8: no 150 ms window ever holds more than 3 requests for one host, both hosts are served
// side by side, and every line is done.
void tst_RwbCheck::perHostLimit()
{
    QList<QPair<qint64, QByteArray>> seen;  // ms since the start, Host
    QElapsedTimer clock;
    m_server.on("/slow", [&](const ReceivedRequest &r) {
        seen.append({clock.elapsed(), r.header("Host").split(':').constFirst()});
        Reply reply;
        reply.delayMs = 150;
        return reply;
    });
    QByteArray list;
    for (int i = 0; i < 10; ++i)
        list += base().toUtf8() + "/slow?" + QByteArray::number(i) + "\n" + base("localhost").toUtf8()
                + "/slow?" + QByteArray::number(i) + "\n";
    const QString file = write(QStringLiteral("slow.txt"), list);
    clock.start();
    const RwbTest::ProcessRun run =
        rwb({QStringLiteral("check"), QStringLiteral("--per-host"), QStringLiteral("3"),
             QStringLiteral("--parallel"), QStringLiteral("8"), file});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(seen.size(), 20);
    int mostAtOnce = 0;
    bool bothAtOnce = false;
    for (const auto &[at, host] : seen) {
        int sameHost = 0;
        int otherHost = 0;
        for (const auto &[t, h] : seen) {
            if (t <= at && t > at - 120)  // a window shorter than a response takes
                ++(h == host ? sameHost : otherHost);
        }
        mostAtOnce = std::max(mostAtOnce, sameHost);
        bothAtOnce = bothAtOnce || otherHost > 0;
    }
    QVERIFY2(mostAtOnce <= 3, qPrintable(QString::number(mostAtOnce)));
    QCOMPARE(mostAtOnce, 3);  // the limit is used, not just kept
    QVERIFY(bothAtOnce);
}

// Connections reset: one chain's attempt sees as many resets as it takes to fail (QNAM itself sends a
// request again once on a connection closed before any answer); --retries 1 then tries the line again, and
// it passes on its second attempt; without --retries the same line fails with error.
void tst_RwbCheck::retriesAfterReset()
{
    int calls = 0;
    int resets = 1000;  // reset this many requests, then answer
    m_server.on("/flaky", [&](const ReceivedRequest &) {
        Reply r;
        r.reset = calls++ < resets;
        return r;
    });
    const QString file = write(QStringLiteral("flaky.txt"), base().toUtf8() + "/flaky\n");
    const RwbTest::ProcessRun failing = rwb({QStringLiteral("check"), file});
    QCOMPARE(failing.exitCode, 1);
    QCOMPARE(problemsByLine(failing.out), (QMap<qint64, QString>{{1, QStringLiteral("error")}}));
    const int perAttempt = calls;  // the requests one attempt made
    QVERIFY(perAttempt >= 1);

    calls = 0;
    resets = perAttempt;  // the first attempt fails, a second one would pass
    const RwbTest::ProcessRun once = rwb({QStringLiteral("check"), file});
    QCOMPARE(once.exitCode, 1);
    calls = 0;
    QMap<qint64, QJsonObject> records;
    const RwbTest::ProcessRun retried =
        rwb({QStringLiteral("check"), QStringLiteral("--retries"), QStringLiteral("1"), file});
    QCOMPARE(retried.exitCode, 0);
    QCOMPARE(problemsByLine(retried.out, &records), (QMap<qint64, QString>{{1, QString()}}));
    QCOMPARE(records.value(1).value(QLatin1String("attempts")).toInt(), 2);
}

// --rate 10 spreads 8 lines over about 0.7 s, during which --progress always redraws its one line (CR, erase
// line) with the count; the line is erased before the summary. --progress never writes none.
void tst_RwbCheck::progressAndRate()
{
    QByteArray list;
    for (int i = 0; i < 8; ++i)
        list += base().toUtf8() + "/new?" + QByteArray::number(i) + "\n";
    const QString input = write(QStringLiteral("progress.txt"), list);
    QElapsedTimer clock;
    clock.start();
    const RwbTest::ProcessRun run =
        rwb({QStringLiteral("check"), QStringLiteral("--progress"), QStringLiteral("always"),
             QStringLiteral("--rate"), QStringLiteral("10"), input});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(clock.elapsed() >= 650);  // 8 starts at 10 a second: the 8th at 0.7 s
    QVERIFY2(run.err.contains("\r\x1b[K") && run.err.contains("/8 lines  "), qPrintable(run.describe()));
    QVERIFY2(run.err.contains("\r\x1b[K8 lines: 8 passed, 0 failed\n"), qPrintable(run.describe()));
    const RwbTest::ProcessRun quiet =
        rwb({QStringLiteral("check"), QStringLiteral("--progress"), QStringLiteral("never"),
             QStringLiteral("--rate"), QStringLiteral("10"), input});
    QVERIFY(!quiet.err.contains("/8 lines"));
    QVERIFY(quiet.err.startsWith("8 lines: 8 passed"));
}

// A run killed after two records (and in the middle of a third): --resume with the same -o goes on with the
// other lines only, drops the half record, and the file ends with every line once; the exit status counts
// the lines taken over.
void tst_RwbCheck::resumeSkipsWhatWasWritten()
{
    QByteArray list;
    for (int i = 0; i < 5; ++i)
        list += base().toUtf8() + "/count?" + QByteArray::number(i) + "\n";
    list += base().toUtf8() + "/gone\n";
    const QString input = write(QStringLiteral("resume.txt"), list);
    QStringList asked;
    m_server.on("/count", [&asked](const ReceivedRequest &r) {
        asked << QString::fromLatin1(r.query());
        return Reply();
    });
    const QString out = m_dir.filePath(QStringLiteral("resume.jsonl"));
    const RwbTest::ProcessRun full = rwb({QStringLiteral("check"), QStringLiteral("--parallel"),
                                          QStringLiteral("1"), QStringLiteral("-o"), out, input});
    QCOMPARE(full.exitCode, 1);  // /gone
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> records = f.readAll().split('\n');
    f.close();
    QCOMPARE(records.size(), 7);  // six records and the empty piece after the last line end
    // As if killed: the first two records and half of the third.
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(records.at(0) + '\n' + records.at(1) + '\n' + records.at(2).left(20));
    f.close();
    asked.clear();
    const RwbTest::ProcessRun resumed =
        rwb({QStringLiteral("check"), QStringLiteral("--parallel"), QStringLiteral("1"), QStringLiteral("-o"),
             out, QStringLiteral("--resume"), out, input});
    QCOMPARE(resumed.exitCode, 1);
    QCOMPARE(asked, (QStringList{QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("4")}));
    QVERIFY2(resumed.err.contains("2 lines taken over from the run resumed (0 failed)"),
             qPrintable(resumed.describe()));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QMap<qint64, QString> lines = problemsByLine(f.readAll());
    QCOMPARE(lines.keys(), (QList<qint64>{1, 2, 3, 4, 5, 6}));
    QCOMPARE(lines.value(6), QStringLiteral("final-status"));
    // Nothing left to do: no request, the same exit status from the records alone.
    asked.clear();
    const RwbTest::ProcessRun again =
        rwb({QStringLiteral("check"), QStringLiteral("-o"), out, QStringLiteral("--resume"), out, input});
    QCOMPARE(again.exitCode, 1);
    QVERIFY(asked.isEmpty());
}

// A baseline run, then the server changes: one redirect now goes elsewhere (changed), one line now fails
// (new-failure), one now passes (fixed), one is the same, one is new.
void tst_RwbCheck::baselineSaysWhatChanged()
{
    const QByteArray b = base().toUtf8();
    m_server.on("/b1", ScriptedServer::redirect(301, "/new"));
    m_server.on("/b2", Reply());
    Reply gone;
    gone.status = 410;
    m_server.on("/b3", gone);
    const QString before =
        write(QStringLiteral("before.txt"), b + "/b1\n" + b + "/b2\n" + b + "/b3\n" + b + "/new\n");
    const QString baseline = m_dir.filePath(QStringLiteral("baseline.jsonl"));
    QCOMPARE(rwb({QStringLiteral("check"), QStringLiteral("-o"), baseline, before}).exitCode, 1);
    m_server.on("/b1", ScriptedServer::redirect(301, "/old"));  // then /new: another chain, still passing
    m_server.on("/b2", gone);
    m_server.on("/b3", Reply());
    const QString after = write(QStringLiteral("after.txt"),
                                b + "/b1\n" + b + "/b2\n" + b + "/b3\n" + b + "/new\n" + b + "/old\n");
    const RwbTest::ProcessRun run =
        rwb({QStringLiteral("check"), QStringLiteral("--baseline"), baseline, after});
    QCOMPARE(run.exitCode, 1);
    QMap<qint64, QJsonObject> records;
    problemsByLine(run.out, &records);
    QStringList changes;
    for (const QJsonObject &o : std::as_const(records))
        changes << o.value(QLatin1String("baseline")).toString();
    QCOMPARE(changes, (QStringList{QStringLiteral("changed"), QStringLiteral("new-failure"),
                                   QStringLiteral("fixed"), QStringLiteral("same"), QStringLiteral("new")}));
    QVERIFY2(run.err.contains("against the baseline: 1 new-failure, 1 fixed, 1 changed, 1 same, 1 new"),
             qPrintable(run.describe()));

    // Markdown: the chain before (the baseline's) and now, with the final URL after a redirect; a new line
    // has no chain before, and a line the same as before is not listed.
    const RwbTest::ProcessRun md = rwb({QStringLiteral("check"), QStringLiteral("--format"),
                                        QStringLiteral("md"), QStringLiteral("--baseline"), baseline, after});
    QCOMPARE(md.exitCode, 1);
    const QString text = QString::fromUtf8(md.out);
    QVERIFY2(text.contains(QLatin1String("| line | URL | before | now | problems | since the baseline |\n")),
             qPrintable(text));
    const QString n = base() + QLatin1String("/new");
    for (const QString &row :
         {QString::fromUtf8("| 1 | %1/b1 | 301 → 200 %2 | 301 → 301 → 200 %2 |  | changed |\n")
              .arg(base(), n),
          QStringLiteral("| 2 | %1/b2 | 200 | 410 | \\[final-status\\] ").arg(base()),
          QStringLiteral("| 3 | %1/b3 | 410 | 200 |  | fixed |\n").arg(base()),
          QString::fromUtf8("| 5 | %1/old |  | 301 → 200 %2 |  | new |\n").arg(base(), n)})
        QVERIFY2(text.contains(row), qPrintable(row + QLatin1String(" in\n") + text));
    QVERIFY2(!text.contains(QLatin1String("| 4 | ")), qPrintable(text));

    // HTML: a changed line's chains on a row "before" above the row "now", as pills.
    const QString page = m_dir.filePath(QStringLiteral("baseline.html"));
    QCOMPARE(rwb({QStringLiteral("check"), QStringLiteral("--format"), QStringLiteral("html"),
                  QStringLiteral("--baseline"), baseline, QStringLiteral("-o"), page, after})
                 .exitCode,
             1);
    QFile f(page);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray html = f.readAll();
    QVERIFY(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
    QXmlStreamReader xml(html);
    QMap<QString, QStringList> chains;  // "line 1 before": its pills
    QString line;
    QString side;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && xml.name() == QLatin1String("div"))
            side.clear();
        if (!xml.isStartElement())
            continue;
        const QString cls = xml.attributes().value(QLatin1String("class")).toString();
        if (xml.name() == QLatin1String("td") && cls == QLatin1String("n"))
            line = QLatin1String("line ") + xml.readElementText();
        else if (xml.name() == QLatin1String("div")
                 && (cls == QLatin1String("before") || cls == QLatin1String("now")))
            side = cls;
        else if (xml.name() == QLatin1String("span") && cls.startsWith(QLatin1String("pill ")))
            chains[side.isEmpty() ? line : line + QLatin1Char(' ') + side] << xml.readElementText();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    const QMap<QString, QStringList> expected{
        {QStringLiteral("line 1 before"), {QStringLiteral("301"), QStringLiteral("200")}},
        {QStringLiteral("line 1 now"), {QStringLiteral("301"), QStringLiteral("301"), QStringLiteral("200")}},
        {QStringLiteral("line 2 before"), {QStringLiteral("200")}},
        {QStringLiteral("line 2 now"), {QStringLiteral("410")}},
        {QStringLiteral("line 3 before"), {QStringLiteral("410")}},
        {QStringLiteral("line 3 now"), {QStringLiteral("200")}},
        {QStringLiteral("line 5"), {QStringLiteral("301"), QStringLiteral("200")}}};
    QCOMPARE(chains, expected);
    const RwbTest::ProcessRun bad =
        rwb({QStringLiteral("check"), QStringLiteral("--baseline"), after, after});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("line 1: not a record of rwb check --format jsonl"),
             qPrintable(bad.describe()));
}

// --format json: one document, {"lines": [the JSON Lines records], "summary": {counts}}; with --resume taking
// over every line, no line is left to run and the document is still whole.
void tst_RwbCheck::jsonDocument()
{
    const QByteArray b = base().toUtf8();
    const QString list = write(QStringLiteral("json.txt"), b + "/old\n" + b + "/temp\n" + b + "/gone\n");
    const RwbTest::ProcessRun run = rwb({QStringLiteral("check"), QStringLiteral("--format"),
                                         QStringLiteral("json"), QStringLiteral("--expect-permanent"), list});
    QCOMPARE(run.exitCode, 1);
    QJsonParseError error{};
    QJsonObject doc = QJsonDocument::fromJson(run.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError,
             qPrintable(error.errorString() + QLatin1Char(' ') + QString::fromUtf8(run.out)));
    QMap<qint64, QString> codes;
    for (const QJsonValue &v : doc.value(QLatin1String("lines")).toArray()) {
        QStringList c;
        for (const QJsonValue &p : v[QLatin1String("problems")].toArray())
            c << p[QLatin1String("code")].toString();
        codes.insert(v[QLatin1String("line")].toInteger(), c.join(QLatin1Char(' ')));
    }
    QCOMPARE(codes, (QMap<qint64, QString>{{1, QString()},
                                           {2, QStringLiteral("temporary-redirect")},
                                           {3, QStringLiteral("final-status")}}));
    const QJsonObject summary = doc.value(QLatin1String("summary")).toObject();
    QCOMPARE(summary.value(QLatin1String("total")).toInt(), 3);
    QCOMPARE(summary.value(QLatin1String("passed")).toInt(), 1);
    QCOMPARE(summary.value(QLatin1String("failed")).toInt(), 2);
    QCOMPARE(summary.value(QLatin1String("counts")).toObject(),
             (QJsonObject{{QLatin1String("temporary-redirect"), 1}, {QLatin1String("final-status"), 1}}));
    QCOMPARE(summary.value(QLatin1String("resumed")).toInt(), 0);
    QVERIFY(!summary.contains(QLatin1String("baseline")));

    // The records as JSON Lines, then resumed as one document: nothing left to run, every line taken over.
    const QString records = m_dir.filePath(QStringLiteral("json.jsonl"));
    QCOMPARE(rwb({QStringLiteral("check"), QStringLiteral("--expect-permanent"), QStringLiteral("-o"),
                  records, list})
                 .exitCode,
             1);
    const RwbTest::ProcessRun none =
        rwb({QStringLiteral("check"), QStringLiteral("--format"), QStringLiteral("json"),
             QStringLiteral("--resume"), records, QStringLiteral("--baseline"), records, list});
    QCOMPARE(none.exitCode, 1);
    doc = QJsonDocument::fromJson(none.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError,
             qPrintable(error.errorString() + QLatin1Char(' ') + QString::fromUtf8(none.out)));
    QCOMPARE(doc.value(QLatin1String("lines")).toArray().size(), 0);
    QCOMPARE(doc.value(QLatin1String("summary")).toObject(),
             (QJsonObject{{QLatin1String("total"), 3},
                          {QLatin1String("passed"), 1},
                          {QLatin1String("failed"), 2},
                          {QLatin1String("counts"), QJsonObject()},
                          {QLatin1String("resumed"), 3}}));
    // --resume adds JSON Lines to its file: not a JSON document.
    const RwbTest::ProcessRun same =
        rwb({QStringLiteral("check"), QStringLiteral("--format"), QStringLiteral("json"),
             QStringLiteral("-o"), records, QStringLiteral("--resume"), records, list});
    QCOMPARE(same.exitCode, 2);
}

// Stopped by a signal after the first record (the second line's server never answers): the document is
// closed on the way out, with the lines done so far and their summary; exit 130.
void tst_RwbCheck::jsonDocumentInterrupted()
{
    Reply never;
    never.delayMs = 30000;
    m_server.on("/hang", never);
    const QByteArray b = base().toUtf8();
    const QString list = write(QStringLiteral("hang.txt"), b + "/new\n" + b + "/hang\n" + b + "/new?2\n");
    QProcess process;
    QByteArray out;
    bool sent = false;
    QEventLoop loop;
    QObject::connect(&process, &QProcess::readyReadStandardOutput, &loop, [&] {
        out += process.readAllStandardOutput();
        if (!sent && out.contains("\"line\":1,") && process.state() == QProcess::Running) {
            sent = true;  // once: the second Ctrl+C after the run ends is the default one, that kills
            ::kill(pid_t(process.processId()), SIGINT);
        }
    });
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    process.start(QStringLiteral(RWB_EXE),
                  {QStringLiteral("check"), QStringLiteral("--format"), QStringLiteral("json"),
                   QStringLiteral("--parallel"), QStringLiteral("1"), list});
    loop.exec();
    QCOMPARE(process.state(), QProcess::NotRunning);
    out += process.readAllStandardOutput();
    const QByteArray err = process.readAllStandardError();
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 130);
    QVERIFY2(err.contains("rwb: interrupted after"), err.constData());
    QJsonParseError error{};
    const QJsonObject doc = QJsonDocument::fromJson(out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError,
             qPrintable(error.errorString() + QLatin1Char(' ') + QString::fromUtf8(out)));
    const QJsonArray lines = doc.value(QLatin1String("lines")).toArray();
    QVERIFY(!lines.isEmpty());
    QVERIFY(lines.size() < 3);  // the third line never ran
    QCOMPARE(lines.at(0)[QLatin1String("line")].toInt(), 1);
    QCOMPARE(doc.value(QLatin1String("summary"))[QLatin1String("total")].toInt(), lines.size());
}

QTEST_GUILESS_MAIN(tst_RwbCheck)
#include "tst_rwb_check.moc"
