// Run history in the window (issue 13): a case keeps its last runs, as many as the preference says, each
// with its time and verdict; an earlier run opens in the timeline; the history is saved with the session
// without making it ask to be saved; and the History tab is readable at both window sizes, light and dark.
#include "core/check/casecheck.h"
#include "support/scriptedserver.h"
#include "support/uitest.h"
#include "widgets/mainwindow.h"
#include "widgets/requesteditor.h"
#include "widgets/runhistoryview.h"
#include "widgets/sessioncontroller.h"
#include "widgets/sessionpanel.h"
#include "workbench/preferences.h"
#include "workbench/rowtablemodel.h"
#include "workbench/runhistory.h"
#include "workbench/sessiondocument.h"
#include "workbench/sessionmodel.h"
#include "workbench/timelinemodel.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Rwb;
using namespace Rwb::Test;

class tst_RunHistory : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void keepsTheLastRunsOfACase();
    void openAnEarlierRun();
    void render_data();
    void render();

private:
    QString writeSession();
    // Runs the case and waits until its new trace is stored.
    void runOnce(MainWindow &window, const QModelIndex &index);
    // Four runs: passed (301, 200), failed (200), failed (500), passed (301, 200).
    void runFourTimes(MainWindow &window);

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dir;
    ScriptedServer *m_server = nullptr;
    int m_served = 0;
};

void tst_RunHistory::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("rwb-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_runhistory"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void tst_RunHistory::init()
{
    QSettings().clear();
    QDir(SessionDocument::recoveryDir()).removeRecursively();
    m_served = 0;
    m_server = ScriptedServer::startEcho(this);
    QVERIFY(m_server);
    // The chain changes from run to run, as a deploy would change it.
    m_server->on("/moving", [this](const ReceivedRequest &) {
        Reply reply;
        switch (m_served++ % 4) {
        case 1:
            reply.body = "here now";
            return reply;
        case 2:
            reply.status = 500;
            return reply;
        default:
            return ScriptedServer::redirect(301, "/new");
        }
    });
    m_server->on("/new", &ScriptedServer::echo);
}

void tst_RunHistory::cleanup()
{
    delete m_server;
    m_server = nullptr;
}

QString tst_RunHistory::writeSession()
{
    Session s;
    s.name = QStringLiteral("History");
    s.variables = {{QStringLiteral("base"), m_server->url(QStringLiteral("/")).toString().chopped(1)}};
    SessionItem item;
    item.testCase.name = QStringLiteral("moving page");
    item.testCase.request.url = QStringLiteral("{{base}}/moving");
    item.testCase.expectations = {
        parseExpectationValue(ExpectationKind::StatusSequence, QStringLiteral("301, 200"), nullptr).value()};
    item.name = item.testCase.name;
    s.items = {item};
    const QString path = m_dir.filePath(QStringLiteral("history.rwbsession"));
    QString error;
    if (!saveSessionFile(path, s, &error))
        qWarning("%s", qPrintable(error));
    return path;
}

void tst_RunHistory::runOnce(MainWindow &window, const QModelIndex &index)
{
    const std::optional<Trace> before = window.sessionModel()->caseAt(index).lastTrace;
    const QDateTime was = before ? before->startedAt : QDateTime();
    window.runCase(index);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunningCases() && window.sessionModel()->caseAt(index).lastTrace
                                 && window.sessionModel()->caseAt(index).lastTrace->startedAt != was,
                             10000);
}

void tst_RunHistory::runFourTimes(MainWindow &window)
{
    const QModelIndex index = window.sessionModel()->caseIndexes().constFirst();
    for (int i = 0; i < 4; ++i) {
        runOnce(window, index);
        if (QTest::currentTestFailed())
            return;
    }
}

void tst_RunHistory::keepsTheLastRunsOfACase()
{
    Preferences preferences;
    preferences.runsKept = 3;
    preferences.save();
    const QString path = writeSession();
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openSession(path));
        RunHistoryView *history = window.runHistory();
        QVERIFY(history->isEnabled());
        QCOMPARE(history->model()->rowCount(), 0);
        QVERIFY2(history->noteLabel()->text().contains(QStringLiteral("has not run yet")),
                 qPrintable(history->noteLabel()->text()));
        QVERIFY2(history->noteLabel()->text().contains(QStringLiteral("last 3 runs")),
                 qPrintable(history->noteLabel()->text()));

        runFourTimes(window);
        if (QTest::currentTestFailed())
            return;
        // Three runs kept (the preference), newest first: the fourth passed, the third and second failed.
        const RowTableModel *model = history->model();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->rows().at(0).cells.at(RunVerdictColumn), QStringLiteral("✓ passed"));
        QCOMPARE(model->rows().at(1).cells.at(RunVerdictColumn), QStringLiteral("✗ failed"));
        QCOMPARE(model->rows().at(2).cells.at(RunVerdictColumn), QStringLiteral("✗ failed"));
        QVERIFY(model->rows().at(0).cells.at(RunTimeColumn).endsWith(QStringLiteral("latest")));
        QVERIFY(!model->rows().at(1).cells.at(RunTimeColumn).endsWith(QStringLiteral("latest")));
        QCOMPARE(history->runs().at(0).trace.hops.size(), 2);
        QCOMPARE(history->runs().at(1).trace.outcome.finalStatus, 500);
        QCOMPARE(history->runs().at(2).trace.outcome.finalStatus, 200);
        QCOMPARE(history->runs().at(2).trace.hops.size(), 1);
        // A failed run says why, in its tooltip.
        QVERIFY2(model->data(model->index(1, RunVerdictColumn), Qt::ToolTipRole)
                     .toString()
                     .contains(QStringLiteral("301")),
                 qPrintable(model->data(model->index(1, RunVerdictColumn), Qt::ToolTipRole).toString()));
        QVERIFY(history->runs().at(0).trace.startedAt > history->runs().at(1).trace.startedAt);
        QVERIFY(history->runs().at(1).trace.startedAt > history->runs().at(2).trace.startedAt);
        // Runs are kept with the session but are not edits.
        QVERIFY(!window.isWindowModified());
        QVERIFY(window.saveSession());

        // A smaller number trims the history at the case's next run.
        window.sessionController()->setRunsKept(2);
        QVERIFY2(history->noteLabel()->text().contains(QStringLiteral("last 2 runs")),
                 qPrintable(history->noteLabel()->text()));
        QCOMPARE(model->rowCount(), 3);  // nothing is dropped before then
        runOnce(window, window.sessionModel()->caseIndexes().constFirst());
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->rows().at(1).cells.at(RunVerdictColumn), QStringLiteral("✓ passed"));

        // No case selected: nothing to list.
        window.sessionController()->selectNoCase();
        QVERIFY(!history->isEnabled());
        QCOMPARE(model->rowCount(), 0);
        window.setSavePrompt([] { return int(QMessageBox::Discard); });
    }
    // The saved file holds the latest run as lastTrace and the two before it as "history".
    const SessionLoadResult saved = loadSessionFile(path);
    QVERIFY2(saved.session, qPrintable(saved.error));
    const SessionCase &c = saved.session->items.constFirst().testCase;
    QVERIFY(c.lastTrace);
    QCOMPARE(c.history.size(), 2);
    QCOMPARE(c.history.at(0).verdict, CaseRun::Verdict::Failed);
    QCOMPARE(c.history.at(1).verdict, CaseRun::Verdict::Failed);
    QVERIFY(!c.history.at(0).failures.isEmpty());

    // Reopened, the History tab lists the same runs.
    MainWindow window;
    window.show();
    QVERIFY(window.openSession(path));
    QCOMPARE(window.runHistory()->model()->rowCount(), 3);
    QCOMPARE(window.runHistory()->runs().at(1).trace.outcome.finalStatus, 500);
}

void tst_RunHistory::openAnEarlierRun()
{
    const QString path = writeSession();
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openSession(path));
    runFourTimes(window);
    if (QTest::currentTestFailed())
        return;
    RunHistoryView *history = window.runHistory();
    QCOMPARE(history->model()->rowCount(), 4);                 // the default keeps five
    QCOMPARE(window.timelineModel()->trace().hops.size(), 2);  // the latest run
    // Enter on an earlier run shows its trace in the timeline.
    window.requestEditor()->tabs()->setCurrentWidget(history);
    history->view()->setFocus();
    history->view()->setCurrentIndex(history->model()->index(2, RunOutcomeColumn));
    QTest::keyClick(history->view(), Qt::Key_Return);
    QCOMPARE(window.timelineModel()->trace().startedAt, history->runs().at(2).trace.startedAt);
    QCOMPARE(window.timelineModel()->trace().hops.size(), 1);
    QCOMPARE(window.timelineModel()->trace().outcome.finalStatus, 200);
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("earlier run")),
             qPrintable(window.statusBar()->currentMessage()));
    // The status line says which run the timeline shows for as long as it shows it.
    const QLabel *status = window.findChild<QLabel *>(QStringLiteral("traceStatus"));
    QVERIFY(status);
    QVERIFY2(status->text().startsWith(QStringLiteral("Earlier run (failed), ")), qPrintable(status->text()));
    // Double-click on the first row brings the latest back.
    const QModelIndex first = history->model()->index(0, RunVerdictColumn);
    // A press first, as a real double-click has: the view opens what the press was on.
    QTest::mouseClick(history->view()->viewport(), Qt::LeftButton, {},
                      history->view()->visualRect(first).center());
    QTest::mouseDClick(history->view()->viewport(), Qt::LeftButton, {},
                       history->view()->visualRect(first).center());
    QCOMPARE(window.timelineModel()->trace().startedAt, history->runs().at(0).trace.startedAt);
    QCOMPARE(window.timelineModel()->trace().hops.size(), 2);
    QVERIFY2(!status->text().contains(QStringLiteral("Earlier")), qPrintable(status->text()));
    // Opening a run is not an edit.
    QVERIFY(!window.isWindowModified());
    QVERIFY(!window.sessionController()->hasDraft());
}

void tst_RunHistory::render_data()
{
    RwbTest::addScreenRows();
}

// The History tab after four runs: every column readable, no horizontal scrolling, the note whole.
void tst_RunHistory::render()
{
    QFETCH(bool, dark);
    QFETCH(QSize, size);
    RwbTest::applyTheme(dark);
    const QString path = writeSession();
    {
        MainWindow window;
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openSession(path));
        runFourTimes(window);
        if (QTest::currentTestFailed())
            return;
        RunHistoryView *history = window.runHistory();
        window.requestEditor()->tabs()->setCurrentWidget(history);
        history->openRun(1);
        QApplication::processEvents();
        QTableView *view = history->view();
        QTRY_VERIFY(view->isVisible() && view->viewport()->width() > 0);
        const QImage shot =
            RwbTest::saveScreenshot(window, QStringLiteral("history-%1-%2.png")
                                                .arg(dark ? QStringLiteral("dark") : QStringLiteral("light"))
                                                .arg(size.width()));
        QVERIFY(!shot.isNull());
        QCOMPARE(view->horizontalScrollBar()->maximum(), 0);
        QVERIFY2(view->verticalScrollBar()->maximum() == 0 || view->height() > view->rowHeight(0) * 3,
                 "at least three runs in sight");
        // Every column but the final URL (which stretches) is as wide as its text.
        for (int column : {RunVerdictColumn, RunTimeColumn, RunOutcomeColumn, RunProfileColumn}) {
            for (int row = 0; row < history->model()->rowCount(); ++row) {
                const QString text = history->model()->index(row, column).data().toString();
                // The item delegate's text margin is the focus frame's plus one pixel, on each side.
                const int margin = view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 1;
                const int needed = view->fontMetrics().horizontalAdvance(text) + 2 * margin;
                QVERIFY2(view->columnWidth(column) >= needed,
                         qPrintable(QStringLiteral("column %1, '%2': %3 < %4")
                                        .arg(column)
                                        .arg(text)
                                        .arg(view->columnWidth(column))
                                        .arg(needed)));
            }
        }
        // The editor's tabs all show, the History tab among them.
        const QTabBar *tabs = window.requestEditor()->tabs()->tabBar();
        QVERIFY2(tabs->sizeHint().width() <= tabs->width(),
                 qPrintable(QStringLiteral("%1 > %2").arg(tabs->sizeHint().width()).arg(tabs->width())));
        const QLabel *note = history->noteLabel();
        QVERIFY(note->height() >= note->heightForWidth(note->width()));
        window.setSavePrompt([] { return int(QMessageBox::Discard); });
    }
    QApplication::setPalette(QApplication::style()->standardPalette());
}

QTEST_MAIN(tst_RunHistory)
#include "tst_runhistory.moc"
