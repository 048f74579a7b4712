// Issue 14, item 6: Tools → Bulk Check. A map pasted or named, run against an in-process server, fills the
// table as chains end; the table sorts and filters by problem code and by text; Cancel keeps what was
// checked; a double-click opens the line's trace in the main timeline (a kept trace, or the line traced
// again); exports are rwb check's formats; broken input is a clear error naming its line.
#include "core/check/bulkbaseline.h"
#include "sandbox/migration.h"
#include "sandbox/sandbox.h"
#include "support/scriptedserver.h"
#include "support/uitest.h"
#include "widgets/bulkcheckwindow.h"
#include "widgets/mainwindow.h"
#include "widgets/requesteditor.h"
#include "workbench/bulkresultmodel.h"
#include "workbench/sessionmodel.h"
#include "workbench/timelinemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Rwb;
using Rwb::Test::Reply;
using Rwb::Test::ScriptedServer;

class tst_BulkCheckWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void mapRunFillsTable();
    void filterAndSort();
    void brokenInputNamesItsLine_data();
    void brokenInputNamesItsLine();
    void sourceFileAndUrl();
    void largeInputIsReadAside();
    void cancelKeepsCheckedLines();
    void closeHidesAndKeepsRunning();
    void doubleClickOpensTrace();
    void untracedLineIsTracedAgain();
    void exportsReadBack();
    void exportFailureSaysWhy();
    void menuOpensWindow();
    void renderWindow_data();
    void renderWindow();
    void savedAsCaseRunsFromTheSession();
    void loadedCaseSendsItsRequest();
    void migrationMap_data();
    void migrationMap();

private:
    QString map() const;
    bool runAndWait(BulkCheckWindow &window);
    ScriptedServer m_server;
};

void tst_BulkCheckWindow::initTestCase()
{
    QVERIFY(m_server.listen());
    m_server.on("/old", ScriptedServer::redirect(301, "/new"));
    m_server.on("/new", Reply());
    m_server.on("/temp", ScriptedServer::redirect(302, "/new"));
    m_server.on("/chain1", ScriptedServer::redirect(301, "/chain2"));
    m_server.on("/chain2", ScriptedServer::redirect(301, "/new"));
    m_server.on("/wrong", ScriptedServer::redirect(301, "/elsewhere"));
    m_server.on("/elsewhere", Reply());
    m_server.on("/loop", ScriptedServer::redirect(301, "/loop"));
    Reply gone;
    gone.status = 404;
    m_server.on("/gone", gone);
    m_server.on("/slow", [](const Rwb::Test::ReceivedRequest &) {
        Reply r;
        r.delayMs = 3000;
        return r;
    });
}

void tst_BulkCheckWindow::init()
{
    QSettings().clear();
    QSettings().setValue(QStringLiteral("demo/offered"), true);
}

// Seven lines: two pass, five fail each with its own code.
QString tst_BulkCheckWindow::map() const
{
    const auto u = [this](const char *path) {
        return m_server.url(QLatin1String(path)).toString();
    };
    return QStringLiteral("from,to,status,hops\n") + u("/old") + QLatin1Char(',') + u("/new")
           + QStringLiteral(",301,1\n") + u("/chain1") + QLatin1Char(',') + u("/new")
           + QStringLiteral(",301,1\n") + u("/temp") + QLatin1Char(',') + u("/new")
           + QStringLiteral(",301,1\n") + u("/wrong") + QLatin1Char(',') + u("/new")
           + QStringLiteral(",301,1\n") + u("/loop") + QStringLiteral(",,,\n") + u("/gone")
           + QStringLiteral(",,,\n") + u("/new") + QStringLiteral(",,,\n");
}

bool tst_BulkCheckWindow::runAndWait(BulkCheckWindow &window)
{
    QSignalSpy finished(&window, &BulkCheckWindow::runFinished);
    if (!window.run())
        return false;
    return finished.wait(20000);
}

void tst_BulkCheckWindow::mapRunFillsTable()
{
    BulkCheckWindow window;
    window.show();
    window.inputEdit()->setPlainText(map());
    QVERIFY(runAndWait(window));
    BulkResultModel *model = window.model();
    QCOMPARE(model->rowCount(), 7);
    QCOMPARE(window.progressBar()->maximum(), 7);
    QCOMPARE(window.progressBar()->value(), 7);
    QCOMPARE(model->summary().passed(), 2);
    QVERIFY2(window.statusLabel()->text().startsWith(QStringLiteral("Done: 2 of 7 lines passed, 5 failed")),
             qPrintable(window.statusLabel()->text()));
    // Each line's verdict in the Result column, by line number.
    QMap<qint64, QString> results;
    for (int r = 0; r < model->rowCount(); ++r)
        results.insert(model->rowAt(r).row.line,
                       model->index(r, BulkResultModel::ResultColumn).data().toString());
    QCOMPARE(results.value(2), QStringLiteral("✔ passed"));
    QCOMPARE(results.value(3), QStringLiteral("✘ too-many-hops"));
    QCOMPARE(results.value(4), QStringLiteral("✘ wrong-status"));
    QCOMPARE(results.value(5), QStringLiteral("✘ wrong-target"));
    QCOMPARE(results.value(6), QStringLiteral("✘ loop"));
    QCOMPARE(results.value(7), QStringLiteral("✘ final-status"));
    QCOMPARE(results.value(8), QStringLiteral("✔ passed"));
    // The chain column as rwb check writes it.
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->rowAt(r).row.line == 3)
            QCOMPARE(model->index(r, BulkResultModel::ChainColumn).data().toString(),
                     QStringLiteral("301 → 301 → 200"));
    }
    // Every run starts from an empty table: a second run does not add to the first.
    QVERIFY(runAndWait(window));
    QCOMPARE(model->rowCount(), 7);
}

void tst_BulkCheckWindow::filterAndSort()
{
    BulkCheckWindow window;
    window.show();
    window.inputEdit()->setPlainText(map());
    QVERIFY(runAndWait(window));
    QTableView *table = window.table();
    QComboBox *codes = window.codeFilter();
    // All, Failing, Passing, then the codes present, each with its count.
    QCOMPARE(codes->itemText(0), QStringLiteral("All lines (7)"));
    QCOMPARE(codes->itemText(1), QStringLiteral("Failing (5)"));
    QCOMPARE(codes->itemText(2), QStringLiteral("Passing (2)"));
    QVERIFY(codes->findText(QStringLiteral("loop (1)")) > 2);
    codes->setCurrentIndex(1);
    QCOMPARE(table->model()->rowCount(), 5);
    codes->setCurrentIndex(codes->findText(QStringLiteral("wrong-status (1)")));
    QCOMPARE(table->model()->rowCount(), 1);
    QVERIFY(table->model()
                ->index(0, BulkResultModel::FromColumn)
                .data()
                .toString()
                .endsWith(QStringLiteral("/temp")));
    codes->setCurrentIndex(0);
    QCOMPARE(table->model()->rowCount(), 7);
    // Text: in the URL, the final URL, the chain or the problems.
    window.textFilter()->setText(QStringLiteral("CHAIN1"));
    QCOMPARE(table->model()->rowCount(), 1);
    window.textFilter()->setText(QStringLiteral("elsewhere"));  // only wrong's final URL says it
    QCOMPARE(table->model()->rowCount(), 1);
    window.textFilter()->clear();
    // Sorted by line by default; by line descending, and by time as numbers.
    QCOMPARE(table->model()->index(0, BulkResultModel::LineColumn).data().toLongLong(), 2);
    table->sortByColumn(BulkResultModel::LineColumn, Qt::DescendingOrder);
    QCOMPARE(table->model()->index(0, BulkResultModel::LineColumn).data().toLongLong(), 8);
    table->sortByColumn(BulkResultModel::ResultColumn, Qt::AscendingOrder);  // failing lines first
    QVERIFY(!table->model()->index(0, 0).data(BulkResultModel::PassedRole).toBool());
    QVERIFY(table->model()->index(6, 0).data(BulkResultModel::PassedRole).toBool());
    table->sortByColumn(BulkResultModel::MsColumn, Qt::AscendingOrder);
    double last = -1;
    for (int r = 0; r < table->model()->rowCount(); ++r) {
        const double ms =
            table->model()->index(r, BulkResultModel::MsColumn).data(BulkResultModel::SortRole).toDouble();
        QVERIFY(ms >= last);
        last = ms;
    }
}

void tst_BulkCheckWindow::brokenInputNamesItsLine_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("finalStatus");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty") << QString() << QString() << QStringLiteral("Nothing to check");
    QTest::newRow("quote left open") << QStringLiteral("from,to\nhttp://a.test/x,\"http://a.test/y\n")
                                     << QString() << QStringLiteral("line 2");
    QTest::newRow("no from column") << QStringLiteral("to,status\nhttp://a.test/y,301\n") << QString()
                                    << QStringLiteral("from");
    QTest::newRow("bad status") << QStringLiteral("from,status\nhttp://a.test/x,3o1\n") << QString()
                                << QStringLiteral("line 2");
    QTest::newRow("not a sitemap") << QStringLiteral("<urlset><url><loc>http://a.test/</loc></url>")
                                   << QString() << QStringLiteral("line 1");
    QTest::newRow("bad final status") << QStringLiteral("http://a.test/x\n") << QStringLiteral("20x")
                                      << QStringLiteral("Final status '20x'");
}

void tst_BulkCheckWindow::brokenInputNamesItsLine()
{
    QFETCH(QString, input);
    QFETCH(QString, finalStatus);
    QFETCH(QString, error);
    BulkCheckWindow window;
    window.inputEdit()->setPlainText(input);
    window.finalStatusEdit()->setText(finalStatus);
    QVERIFY(!window.run());
    QVERIFY(!window.isRunning());
    QVERIFY2(window.statusLabel()->text().contains(error), qPrintable(window.statusLabel()->text()));
    QCOMPARE(window.model()->rowCount(), 0);
    QVERIFY(window.runButton()->isEnabled());
    // The input is still there to fix.
    QCOMPARE(window.inputEdit()->toPlainText(), input);
}

void tst_BulkCheckWindow::sourceFileAndUrl()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("map.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(map().toUtf8());
    file.close();
    BulkCheckWindow window;
    window.inputEdit()->setPlainText(
        QStringLiteral("http://ignored.test/\n"));  // a source wins over the text
    window.sourceEdit()->setText(path);
    QVERIFY(runAndWait(window));
    QCOMPARE(window.model()->rowCount(), 7);

    // The same map served by the server, fetched first.
    m_server.on("/map.csv", [this](const Rwb::Test::ReceivedRequest &) {
        Reply r;
        r.headers = {{"Content-Type", "text/csv"}};
        r.body = map().toUtf8();
        return r;
    });
    window.sourceEdit()->setText(m_server.url(QStringLiteral("/map.csv")).toString());
    QVERIFY(runAndWait(window));
    QCOMPARE(window.model()->rowCount(), 7);

    // A URL that cannot be fetched: the status names why, and the run ends.
    window.sourceEdit()->setText(m_server.url(QStringLiteral("/gone")).toString());
    QSignalSpy ended(&window, &BulkCheckWindow::runFinished);
    QVERIFY(window.run());
    QVERIFY(ended.wait(10000));
    QVERIFY2(window.statusLabel()->text().contains(QLatin1String("404")),
             qPrintable(window.statusLabel()->text()));
    QVERIFY(!window.isRunning());
    QVERIFY(window.runButton()->isEnabled());

    window.sourceEdit()->setText(dir.filePath(QStringLiteral("missing.csv")));
    QVERIFY(!window.run());
    QVERIFY2(window.statusLabel()->text().contains(QStringLiteral("missing.csv")),
             qPrintable(window.statusLabel()->text()));
}

// An input over 64 KiB is read by a worker thread: run() starts at once, and a broken line in it is said
// when the reading ends, with runFinished(); a good one runs. Cancel while it is read ends the run.
void tst_BulkCheckWindow::largeInputIsReadAside()
{
    const QString url = m_server.url(QStringLiteral("/new")).toString();
    QString text = QStringLiteral("from,status\n");
    int lines = 1;
    while (text.size() < 80 * 1024) {
        text += url + QStringLiteral(",200\n");
        ++lines;
    }
    BulkCheckWindow window;
    window.inputEdit()->setPlainText(text + QStringLiteral("%1,2oo\n").arg(url));
    QSignalSpy finished(&window, &BulkCheckWindow::runFinished);
    QVERIFY(window.run());
    QVERIFY(window.isRunning());
    QVERIFY(!window.runButton()->isEnabled());
    QVERIFY(finished.wait(10000));
    QVERIFY(!window.isRunning());
    QVERIFY2(
        window.statusLabel()->text().startsWith(QStringLiteral("the pasted text: line %1").arg(lines + 1)),
        qPrintable(window.statusLabel()->text()));
    QCOMPARE(window.model()->rowCount(), 0);

    window.inputEdit()->setPlainText(text);
    QVERIFY(window.run());
    window.cancel();  // while it is read
    QCOMPARE(finished.size(), 2);
    QVERIFY(!window.isRunning());
    QVERIFY(window.statusLabel()->text().startsWith(QStringLiteral("Cancelled")));
    QTest::qWait(200);  // the worker's result, if it comes, is dropped
    QCOMPARE(window.model()->rowCount(), 0);

    window.parallelBox()->setValue(32);
    window.perHostBox()->setValue(32);
    QVERIFY(window.run());
    QVERIFY(finished.wait(60000));
    QCOMPARE(window.model()->rowCount(), lines - 1);
    QCOMPARE(window.model()->summary().passed(), lines - 1);
}

void tst_BulkCheckWindow::cancelKeepsCheckedLines()
{
    BulkCheckWindow window;
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QString lines = m_server.url(QStringLiteral("/old")).toString() + QLatin1Char('\n');
    for (int i = 0; i < 6; ++i)
        lines += m_server.url(QStringLiteral("/slow?%1").arg(i)).toString() + QLatin1Char('\n');
    window.inputEdit()->setPlainText(lines);
    window.parallelBox()->setValue(3);
    QSignalSpy finished(&window, &BulkCheckWindow::runFinished);
    QVERIFY(window.run());
    QVERIFY(window.isRunning());
    QVERIFY(!window.runButton()->isEnabled());
    QVERIFY(window.cancelButton()->isEnabled());
    QVERIFY(!window.inputEdit()->isEnabled());  // the input of a running check does not change under it
    QTRY_COMPARE(window.model()->summary().total(), 1);  // /old, while the slow ones wait
    QTest::keyClick(&window, Qt::Key_Escape);            // Esc cancels a run
    QVERIFY(finished.wait(2000));
    QVERIFY(!window.isRunning());
    QVERIFY2(window.statusLabel()->text().startsWith(QStringLiteral("Cancelled")),
             qPrintable(window.statusLabel()->text()));
    // The line done stays; the stopped ones are reported as stopped; the rest never started.
    QVERIFY(window.model()->rowCount() >= 1);
    QVERIFY(window.model()->rowCount() < 7);
    QCOMPARE(window.model()->summary().passed(), 1);
    QVERIFY(window.model()->summary().counts().value(QStringLiteral("stopped")) >= 1);
    QVERIFY(window.runButton()->isEnabled());
    QTemporaryDir dir;
    QString error;
    QVERIFY2(
        window.exportTo(dir.filePath(QStringLiteral("cancelled.jsonl")), QStringLiteral("jsonl"), &error),
        qPrintable(error));
}

void tst_BulkCheckWindow::closeHidesAndKeepsRunning()
{
    BulkCheckWindow window;
    window.show();
    window.inputEdit()->setPlainText(m_server.url(QStringLiteral("/slow?close")).toString());
    QSignalSpy finished(&window, &BulkCheckWindow::runFinished);
    QVERIFY(window.run());
    QVERIFY(window.close() == false || !window.isVisible());
    QVERIFY(!window.isVisible());
    QVERIFY(window.isRunning());
    QVERIFY(finished.wait(10000));
    QCOMPARE(window.model()->rowCount(), 1);
    QVERIFY(window.model()->rowAt(0).row.passed);
}

void tst_BulkCheckWindow::doubleClickOpensTrace()
{
    MainWindow main;
    main.show();
    QAction *action = main.actions().bulkCheck;
    QVERIFY(action);
    action->trigger();
    BulkCheckWindow *window = main.bulkCheckWindow();
    QVERIFY(window && window->isVisible());
    window->inputEdit()->setPlainText(map());
    QVERIFY(runAndWait(*window));
    window->textFilter()->setText(QStringLiteral("/chain1"));
    QCOMPARE(window->table()->model()->rowCount(), 1);
    const QModelIndex first = window->table()->model()->index(0, BulkResultModel::FromColumn);
    window->table()->setCurrentIndex(first);
    QTest::keyClick(window->table(), Qt::Key_Return);  // Enter, as a double-click
    TimelineModel *timeline = main.timelineModel();
    QTRY_COMPARE(timeline->trace().hops.size(), 3);
    QCOMPARE(timeline->trace().hops.constFirst().request.url, m_server.url(QStringLiteral("/chain1")));
    QCOMPARE(timeline->trace().hops.constLast().response->status, 200);
    // The request editor is not touched: the scratch request stays empty.
    QVERIFY(main.requestEditor()->request().url.isEmpty());
}

void tst_BulkCheckWindow::untracedLineIsTracedAgain()
{
    BulkCheckWindow window;
    window.model()->setTraceBudget(0);  // no trace kept: every line is traced again when opened
    window.inputEdit()->setPlainText(m_server.url(QStringLiteral("/old")).toString());
    QVERIFY(runAndWait(window));
    QCOMPARE(window.model()->rowCount(), 1);
    QVERIFY(!window.model()->traceAt(0));
    QSignalSpy opened(&window, &BulkCheckWindow::openTrace);
    const int before = m_server.requestCount();
    window.openRow(0);
    QVERIFY(opened.wait(10000));
    QCOMPARE(m_server.requestCount(), before + 2);
    const Trace trace = opened.constFirst().at(0).value<Trace>();
    QCOMPARE(trace.hops.size(), 2);
    QCOMPARE(opened.constFirst().at(1).toString(), QStringLiteral("Bulk check line 1 (traced again)"));
}

void tst_BulkCheckWindow::exportsReadBack()
{
    BulkCheckWindow window;
    window.inputEdit()->setPlainText(map());
    QVERIFY(runAndWait(window));
    QTemporaryDir dir;
    QString error;
    // JSON Lines: every line, in line order, read back as rwb check's records.
    const QString jsonl = dir.filePath(QStringLiteral("r.jsonl"));
    QVERIFY2(window.exportTo(jsonl, QStringLiteral("jsonl"), &error), qPrintable(error));
    QFile f(jsonl);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const BulkRecordsResult records = readBulkRecords(f.readAll());
    QVERIFY2(records.records, qPrintable(records.error));
    QCOMPARE(records.records->size(), 7);
    for (qsizetype i = 0; i < 7; ++i)
        QCOMPARE(records.records->at(i).line, i + 2);
    QCOMPARE(records.records->at(2).codes, QStringList{QStringLiteral("wrong-status")});
    // JSON: the same records and the summary in one document.
    const QString json = dir.filePath(QStringLiteral("r.json"));
    QVERIFY(window.exportTo(json, QStringLiteral("json"), &error));
    QFile j(json);
    QVERIFY(j.open(QIODevice::ReadOnly));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(j.readAll(), &parseError);
    QVERIFY2(document.isObject(), qPrintable(parseError.errorString()));
    QCOMPARE(document[QStringLiteral("lines")].toArray().size(), 7);
    QCOMPARE(document[QStringLiteral("lines")][4][QStringLiteral("line")].toInt(), 6);
    QCOMPARE(document[QStringLiteral("summary")][QStringLiteral("failed")].toInt(), 5);
    // CSV: a header and a row per line.
    const QString csv = dir.filePath(QStringLiteral("r.csv"));
    QVERIFY(window.exportTo(csv, QStringLiteral("csv"), &error));
    QFile c(csv);
    QVERIFY(c.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = c.readAll().trimmed().split('\n');
    QCOMPARE(rows.size(), 8);
    QVERIFY(rows.constFirst().startsWith("line,from,passed"));
    // Text: a line per line, as rwb check --format text writes it.
    const QString text = dir.filePath(QStringLiteral("r.txt"));
    QVERIFY(window.exportTo(text, QStringLiteral("text"), &error));
    QFile t(text);
    QVERIFY(t.open(QIODevice::ReadOnly));
    const QList<QByteArray> textLines = t.readAll().trimmed().split('\n');
    QCOMPARE(textLines.size(), 7);
    QVERIFY2(textLines.at(2).startsWith(QByteArray(
                 "✘ 4 " + m_server.url(QStringLiteral("/temp")).toString().toUtf8() + "  302 → 200  ")),
             textLines.at(2).constData());
    // JUnit: a testcase per line, the failing ones typed by their first code.
    const QString junit = dir.filePath(QStringLiteral("r.xml"));
    QVERIFY(window.exportTo(junit, QStringLiteral("junit"), &error));
    QFile x(junit);
    QVERIFY(x.open(QIODevice::ReadOnly));
    QXmlStreamReader cases(x.readAll());
    int testcases = 0;
    QStringList types;
    while (!cases.atEnd()) {
        cases.readNext();
        if (cases.isStartElement() && cases.name() == QLatin1String("testcase"))
            ++testcases;
        if (cases.isStartElement() && cases.name() == QLatin1String("failure"))
            types << cases.attributes().value(QStringLiteral("type")).toString();
    }
    QVERIFY2(!cases.hasError(), qPrintable(cases.errorString()));
    QCOMPARE(testcases, 7);
    QCOMPARE(types, (QStringList{QStringLiteral("too-many-hops"), QStringLiteral("wrong-status"),
                                 QStringLiteral("wrong-target"), QStringLiteral("loop"),
                                 QStringLiteral("final-status")}));
    // Markdown: the failing lines.
    const QString md = dir.filePath(QStringLiteral("r.md"));
    QVERIFY(window.exportTo(md, QStringLiteral("md"), &error));
    QFile m(md);
    QVERIFY(m.open(QIODevice::ReadOnly));
    const QByteArray markdown = m.readAll();
    QVERIFY(markdown.contains("wrong-target"));
    QVERIFY(markdown.contains("/loop"));
    QVERIFY(!markdown.contains("/chain2 |"));
    // HTML: well-formed, with the failing lines.
    const QString html = dir.filePath(QStringLiteral("r.html"));
    QVERIFY(window.exportTo(html, QStringLiteral("html"), &error));
    QFile h(html);
    QVERIFY(h.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(h.readAll());
    int failing = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isCharacters() && xml.text().contains(QStringLiteral("/gone")))
            ++failing;
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(failing > 0);
}

void tst_BulkCheckWindow::exportFailureSaysWhy()
{
    BulkCheckWindow window;
    window.inputEdit()->setPlainText(m_server.url(QStringLiteral("/old")).toString());
    QVERIFY(runAndWait(window));
    QTemporaryDir dir;
    const QString existing = dir.filePath(QStringLiteral("keep.jsonl"));
    QFile keep(existing);
    QVERIFY(keep.open(QIODevice::WriteOnly));
    keep.write("earlier\n");
    keep.close();
    QString error;
    QVERIFY(!window.exportTo(dir.filePath(QStringLiteral("no/such/dir/r.jsonl")), QStringLiteral("jsonl"),
                             &error));
    QVERIFY2(error.contains(QStringLiteral("cannot write")), qPrintable(error));
    QVERIFY(!window.exportTo(existing, QStringLiteral("pdf"), &error));
    QVERIFY(error.contains(QStringLiteral("pdf")));
    QVERIFY(keep.open(QIODevice::ReadOnly));
    QCOMPARE(keep.readAll(), QByteArray("earlier\n"));  // a failed export leaves the file as it was
}

void tst_BulkCheckWindow::menuOpensWindow()
{
    MainWindow main;
    main.show();
    main.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&main));
    QVERIFY(!main.bulkCheckWindow());
    QCOMPARE(main.actions().bulkCheck->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    QTest::keyClick(&main, Qt::Key_U, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(main.bulkCheckWindow());
    QVERIFY(main.bulkCheckWindow()->isVisible());
    // Closed and opened again: the same window, the text kept.
    main.bulkCheckWindow()->inputEdit()->setPlainText(QStringLiteral("http://a.test/"));
    main.bulkCheckWindow()->close();
    QVERIFY(!main.bulkCheckWindow()->isVisible());
    BulkCheckWindow *again = main.showBulkCheck();
    QCOMPARE(again, main.bulkCheckWindow());
    QCOMPARE(again->inputEdit()->toPlainText(), QStringLiteral("http://a.test/"));
}

void tst_BulkCheckWindow::renderWindow_data()
{
    RwbTest::addScreenRows();
}

// Pictures to look at, and what must hold in them: no column's header cut, every row's result readable.
void tst_BulkCheckWindow::renderWindow()
{
    QFETCH(bool, dark);
    QFETCH(QSize, size);
    RwbTest::applyTheme(dark);
    BulkCheckWindow window;
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.inputEdit()->setPlainText(map());
    window.expectPermanentBox()->setChecked(true);
    QVERIFY(runAndWait(window));
    QTableView *table = window.table();
    const QFontMetrics metrics(table->font());
    for (int c = 0; c < BulkResultModel::kColumnCount; ++c) {
        if (c == BulkResultModel::ProblemsColumn)
            continue;  // stretches, and elides long problems (the tooltip has them whole)
        const QString header = table->model()->headerData(c, Qt::Horizontal).toString();
        QVERIFY2(table->columnWidth(c) > metrics.horizontalAdvance(header), qPrintable(header));
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            if (c == BulkResultModel::ResultColumn || c == BulkResultModel::ChainColumn
                || c == BulkResultModel::LineColumn) {
                const QString text = table->model()->index(r, c).data().toString();
                QVERIFY2(table->columnWidth(c) > metrics.horizontalAdvance(text) + 8, qPrintable(text));
            }
        }
    }
    const QImage image =
        RwbTest::saveScreenshot(window, QStringLiteral("bulk-check-%1-%2.png")
                                            .arg(dark ? QStringLiteral("dark") : QStringLiteral("light"))
                                            .arg(size.width()));
    QCOMPARE(image.size(), size * window.devicePixelRatio());
    RwbTest::applyTheme(false);
}

// Save as Case keeps the check in the open session (input, profile, rules); the case runs from the session
// tree like any other, and its failing lines are its failures; loaded back, the window shows the same check.
void tst_BulkCheckWindow::savedAsCaseRunsFromTheSession()
{
    MainWindow main;
    main.show();
    BulkCheckWindow *window = main.showBulkCheck();
    window->inputEdit()->setPlainText(map());
    window->profileBox()->setCurrentIndex(window->profileBox()->findData(QStringLiteral("curl")));
    window->expectPermanentBox()->setChecked(true);
    window->maxHopsBox()->setValue(2);
    window->finalStatusEdit()->setText(QStringLiteral("200|404"));
    window->saveCaseButton()->click();
    const QList<QModelIndex> cases = main.sessionModel()->caseIndexes();
    QCOMPARE(cases.size(), 1);
    const SessionCase saved = main.sessionModel()->caseAt(cases.constFirst());
    QVERIFY(saved.bulk);
    QCOMPARE(saved.name, QStringLiteral("Bulk check of 8 lines"));
    QCOMPARE(saved.bulk->lines, map());
    QVERIFY(saved.bulk->input.isEmpty());
    QCOMPARE(saved.options.profile, Profile::Curl);
    QVERIFY(saved.bulk->expectPermanent);
    QCOMPARE(saved.bulk->maxHops, std::optional<int>(2));
    QCOMPARE(saved.bulk->finalStatus, QStringLiteral("200|404"));
    QVERIFY(main.canUndoSessionChange());

    // Run from the session: the four failing lines of the map (its own hops column wins over the window's
    // limit of 2; 404 is a final status allowed) are the case's failures, in line order.
    main.runCase(cases.constFirst());
    QTRY_VERIFY_WITH_TIMEOUT(!main.isRunningCases(), 20000);
    QCOMPARE(main.sessionModel()->runState(cases.constFirst()), SessionModel::RunState::Failed);
    const QStringList failures = cases.constFirst().data(SessionModel::FailuresRole).toStringList();
    QCOMPARE(failures.size(), 4);
    const QString temp = m_server.url(QStringLiteral("/temp")).toString();
    QVERIFY2(failures.at(0).contains(QLatin1String("/chain1: [too-many-hops]")), qPrintable(failures.at(0)));
    QVERIFY2(failures.at(1).startsWith(QStringLiteral("line 4 %1: [wrong-status]").arg(temp)),
             qPrintable(failures.at(1)));
    QVERIFY2(failures.at(2).contains(QLatin1String("[wrong-target]")), qPrintable(failures.at(2)));
    QVERIFY2(failures.at(3).contains(QLatin1String("[loop]")), qPrintable(failures.at(3)));

    BulkCheckWindow other;
    other.loadCase(saved);
    SessionCase again = other.toCase();
    QCOMPARE(again.bulk, saved.bulk);
    QCOMPARE(again.options.profile, saved.options.profile);
    main.setSavePrompt([] { return int(QMessageBox::Discard); });
}

// A case opened in the window (Open in Bulk Check) sends every line with its request: its method, headers
// and auth; the table of an earlier run is cleared; Save as Case keeps the request.
void tst_BulkCheckWindow::loadedCaseSendsItsRequest()
{
    BulkCheckWindow window;
    window.inputEdit()->setPlainText(m_server.url(QStringLiteral("/old")).toString());
    QVERIFY(runAndWait(window));
    QCOMPARE(window.model()->rowCount(), 1);
    SessionCase c;
    c.name = QStringLiteral("with a header");
    c.request.headers = {{QStringLiteral("X-Check"), QStringLiteral("{{token}}"), true, false}};
    c.bulk = SessionBulk();
    c.bulk->lines = m_server.url(QStringLiteral("/new")).toString() + QLatin1Char('\n');
    RequestSpec resolved;
    resolved.headers = {{"X-Check", "abc"}};
    window.loadCase(c, resolved);
    QCOMPARE(window.model()->rowCount(), 0);  // the earlier run's table is gone
    QVERIFY2(window.statusLabel()->text().contains(QLatin1String("GET with 1 header")),
             qPrintable(window.statusLabel()->text()));
    const int before = m_server.requestCount();
    QVERIFY(runAndWait(window));
    QCOMPARE(m_server.requestCount(), before + 1);
    QCOMPARE(m_server.requests().constLast().header("X-Check"), QByteArray("abc"));
    const SessionCase saved = window.toCase();
    QCOMPARE(saved.request.headers, c.request.headers);  // as written, {{token}} kept
    QCOMPARE(saved.bulk->lines, c.bulk->lines);
}

void tst_BulkCheckWindow::migrationMap_data()
{
    RwbTest::addScreenRows();
}

// The README's third quick start: the sandbox's site migration map, fetched by URL, checked in the window.
// Its wrong products fail with their codes; the failing lines are what the picture shows.
void tst_BulkCheckWindow::migrationMap()
{
    QFETCH(bool, dark);
    QFETCH(QSize, size);
    RwbTest::applyTheme(dark);
    Sandbox sandbox;
    QString error;
    QVERIFY2(sandbox.start(0, &error), qPrintable(error));
    BulkCheckWindow window;
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.sourceEdit()->setText(sandbox.originUrl().toString() + QStringLiteral("/migration/map.csv"));
    window.noDowngradeBox()->setChecked(true);
    window.insecureBox()->setChecked(true);  // the https line is on the sandbox's self-signed listener
    QSignalSpy finished(&window, &BulkCheckWindow::runFinished);
    QVERIFY(window.run());
    QVERIFY2(finished.wait(60000), qPrintable(window.statusLabel()->text()));
    const QList<int> products = migrationProducts(sandbox.urls());
    QCOMPARE(window.model()->rowCount(), int(products.size()));
    qsizetype wrong = 0;
    for (const MigrationFaultEntry &f : migrationFaults())
        wrong += products.contains(f.product) ? 1 : 0;
    QCOMPARE(window.model()->summary().total() - window.model()->summary().passed(), wrong);
    window.codeFilter()->setCurrentIndex(1);  // Failing
    QCOMPARE(window.table()->model()->rowCount(), int(wrong));
    window.table()->selectRow(0);
    QApplication::processEvents();
    const QImage image =
        RwbTest::saveScreenshot(window, QStringLiteral("bulk-check-migration-%1-%2.png")
                                            .arg(dark ? QStringLiteral("dark") : QStringLiteral("light"))
                                            .arg(size.width()));
    QVERIFY(!image.isNull());
    RwbTest::applyTheme(false);
}

QTEST_MAIN(tst_BulkCheckWindow)
#include "tst_bulkcheckwindow.moc"
