// Sessions in the window, driven like a user: build a case from the request, give it expectations, save,
// reopen, run one case and all of them, recover after a crash, and export and import traces. The file on
// disk is checked at every step: nothing is lost or overwritten by a failed operation.
#include "core/check/casecheck.h"
#include "core/engine/engine.h"
#include "sandbox/migration.h"
#include "sandbox/sandbox.h"
#include "support/scriptedserver.h"
#include "support/uitest.h"
#include "widgets/bulkcheckwindow.h"
#include "widgets/casebar.h"
#include "widgets/expectationseditor.h"
#include "widgets/mainwindow.h"
#include "widgets/requesteditor.h"
#include "widgets/sandboxpanel.h"
#include "widgets/sessioncontroller.h"
#include "widgets/sessionpanel.h"
#include "widgets/sessionsettingsdialog.h"
#include "widgets/tracecontroller.h"
#include "widgets/urledit.h"
#include "workbench/expectationsmodel.h"
#include "workbench/sessiondocument.h"
#include "workbench/sessionmodel.h"
#include "workbench/timelinemodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFrame>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace Rwb;
using namespace Rwb::Test;

class tst_SessionWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void buildSaveReopenAndRun();
    void failingExpectationSaysWhy();
    void unknownVariableFailsTheCaseNotTheRun();
    void corruptFileIsNeverOverwritten();
    void failedSaveKeepsTheSession();
    void unsavedChangesAsked();
    void autosaveAndRecoveryAfterACrash();
    void expectThisChainAndUndo();
    void exportEveryFormat();
    void importCurlAndHar();
    void dropASessionFile();
    void undoBringsBackADeletedCase();
    void editingACaseIsADraft();
    void leavingADraftAsks();
    void sendingADraftKeepsTheCase();
    void runStatesSurviveReopening();
    void settingsDialogAndEnvironments();
    void demoSessionPassesAgainstTheSandbox();
    void sandboxRulesAreSavedWithTheSession();
    void bulkCaseOpensInBulkCheck();
    void render();

private:
    Session demoSession() const;
    QString writeSession(const Session &session, const QString &name) const;
    static QByteArray readAll(const QString &path);

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dir;
    ScriptedServer *m_server = nullptr;
};

void tst_SessionWindow::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QStandardPaths::setTestModeEnabled(true);  // recovery copies go to a test folder, not the user's
    QCoreApplication::setOrganizationName(QStringLiteral("rwb-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_sessionwindow"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void tst_SessionWindow::init()
{
    QSettings().clear();
    QDir(SessionDocument::recoveryDir()).removeRecursively();
    m_server = ScriptedServer::startEcho(this);
    QVERIFY(m_server);
    m_server->on("/old", ScriptedServer::redirect(301, "/new"));
    m_server->on("/new", ScriptedServer::redirect(302, "/final").addHeader("Set-Cookie", "seen=1; Path=/"));
    m_server->on("/final", &ScriptedServer::echo);
}

void tst_SessionWindow::cleanup()
{
    delete m_server;
    m_server = nullptr;
}

QByteArray tst_SessionWindow::readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

// Two cases under {{base}}: one that passes (301, 302, 200) and one in a folder.
Session tst_SessionWindow::demoSession() const
{
    Session s;
    s.name = QStringLiteral("Demo");
    s.variables = {{QStringLiteral("base"), m_server->url(QStringLiteral("/")).toString().chopped(1)}};
    SessionItem moved;
    moved.type = SessionItem::Type::Case;
    moved.testCase.name = QStringLiteral("old reaches final");
    moved.testCase.request.url = QStringLiteral("{{base}}/old");
    moved.testCase.expectations = {
        parseExpectationValue(ExpectationKind::StatusSequence, QStringLiteral("301, 302, 200"), nullptr)
            .value(),
        parseExpectationValue(ExpectationKind::CookieSet, QStringLiteral("seen"), nullptr).value()};
    moved.name = moved.testCase.name;
    SessionItem folder;
    folder.type = SessionItem::Type::Folder;
    folder.name = QStringLiteral("Plain");
    SessionItem plain;
    plain.type = SessionItem::Type::Case;
    plain.testCase.name = QStringLiteral("echo");
    plain.testCase.request.url = QStringLiteral("{{base}}/echo");
    plain.testCase.expectations = {
        parseExpectationValue(ExpectationKind::HopCount, QStringLiteral("1"), nullptr).value()};
    plain.name = plain.testCase.name;
    folder.children = {plain};
    s.items = {moved, folder};
    return s;
}

QString tst_SessionWindow::writeSession(const Session &session, const QString &name) const
{
    const QString path = m_dir.filePath(name);
    QString error;
    if (!saveSessionFile(path, session, &error))
        qWarning("%s", qPrintable(error));
    return path;
}

void tst_SessionWindow::buildSaveReopenAndRun()
{
    const QString path = m_dir.filePath(QStringLiteral("built.rwbsession"));
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.isWindowModified());
        // The session's variable, then a case made from the request typed in the editor.
        Session settings;
        settings.variables = {
            {QStringLiteral("base"), m_server->url(QStringLiteral("/")).toString().chopped(1)}};
        window.sessionModel()->setSessionSettings(settings);
        window.requestEditor()->urlEdit()->setText(QStringLiteral("{{base}}/old"));
        QVERIFY2(window.requestEditor()->urlEdit()->problem().isEmpty(),
                 qPrintable(window.requestEditor()->urlEdit()->problem()));
        window.sessionPanel()->view()->setFocus();
        QTest::keyClick(window.sessionPanel()->view(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(window.currentCase().isValid());
        QCOMPARE(window.sessionModel()->caseAt(window.currentCase()).request.url,
                 QStringLiteral("{{base}}/old"));
        QVERIFY(window.isWindowModified());
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("Untitled")));
        // An expectation typed in the Expectations tab.
        ExpectationsModel *expectations = window.expectationsEditor()->model();
        const QModelIndex value = expectations->addExpectation(ExpectationKind::StatusSequence);
        QVERIFY(expectations->setData(value, QStringLiteral("301, 302, 200")));
        // An edit of the selected case is a draft until it is saved to the case.
        QVERIFY(window.sessionController()->hasDraft());
        QCOMPARE(window.sessionModel()->caseAt(window.currentCase()).expectations.size(), 0);
        window.sessionController()->actions().saveToCase->trigger();
        QVERIFY(!window.sessionController()->hasDraft());
        QCOMPARE(window.sessionModel()->caseAt(window.currentCase()).expectations.size(), 1);
        QVERIFY(window.saveSessionAs(path));
        QVERIFY(!window.isWindowModified());
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("built.rwbsession")));
    }
    const SessionLoadResult saved = loadSessionFile(path);
    QVERIFY2(saved.session, qPrintable(saved.error));
    QCOMPARE(allCases(*saved.session).size(), 1);

    MainWindow window;
    window.show();
    QVERIFY(window.openSession(path));
    QCOMPARE(window.sessionModel()->caseIndexes().size(), 1);
    QVERIFY(window.currentCase().isValid());  // the first case is selected on open
    QCOMPARE(window.requestEditor()->urlEdit()->text(), QStringLiteral("{{base}}/old"));
    // F5 in the panel runs the case: the {{base}} variable is resolved, the chain checked.
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.sessionPanel()->view()->setFocus();
    QTest::keyClick(window.sessionPanel()->view(), Qt::Key_F5);
    const QModelIndex index = window.sessionModel()->caseIndexes().constFirst();
    QTRY_COMPARE_WITH_TIMEOUT(window.sessionModel()->runState(index), SessionModel::RunState::Passed, 10000);
    QVERIFY(!window.isRunningCases());
    QCOMPARE(window.timelineModel()->trace().hops.size(), 3);
    QVERIFY(window.sessionModel()->caseAt(index).lastTrace.has_value());
    // The last trace is kept with the case, but a run is not an edit: nothing asks to be saved. A save
    // writes it, and keeps the previous file as .bak.
    const QByteArray before = readAll(path);
    QVERIFY(!window.isWindowModified());
    QVERIFY(window.saveSession());
    QCOMPARE(readAll(path + QStringLiteral(".bak")), before);
    QVERIFY(loadSessionFile(path).session->items.constFirst().testCase.lastTrace.has_value());
}

void tst_SessionWindow::failingExpectationSaysWhy()
{
    Session s = demoSession();
    s.items[0].testCase.expectations = {
        parseExpectationValue(ExpectationKind::StatusSequence, QStringLiteral("302, 200"), nullptr).value()};
    const QString path = writeSession(s, QStringLiteral("failing.rwbsession"));
    MainWindow window;
    window.show();
    QVERIFY(window.openSession(path));
    window.runAll();
    QVERIFY(window.sessionPanel()->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunningCases(), 10000);
    QVERIFY(!window.sessionPanel()->isRunning());
    const QList<QModelIndex> cases = window.sessionModel()->caseIndexes();
    QCOMPARE(cases.size(), 2);
    QCOMPARE(window.sessionModel()->runState(cases.at(0)), SessionModel::RunState::Failed);
    QCOMPARE(window.sessionModel()->runState(cases.at(1)), SessionModel::RunState::Passed);
    const QStringList failures = cases.at(0).data(SessionModel::FailuresRole).toStringList();
    QCOMPARE(failures.size(), 1);
    QVERIFY2(failures.constFirst().contains(QLatin1String("302, 200"))
                 && failures.constFirst().contains(QLatin1String("301, 302, 200")),
             qPrintable(failures.constFirst()));
    QVERIFY2(window.sessionPanel()->summaryText().contains(QLatin1String("1 passed")),
             qPrintable(window.sessionPanel()->summaryText()));
    // Picking a case shows its last trace with the final hop current, as after a run.
    window.selectCase(cases.at(1));
    window.selectCase(cases.at(0));
    const int hops = int(window.timelineModel()->trace().hops.size());
    QVERIFY(hops > 0);
    QCOMPARE(window.timelineView()->currentIndex().row(), hops - 1);
    // The failed case's results are in its Expectations tab.
    const QAbstractItemModel *results = window.expectationsEditor()->model();
    QVERIFY(
        results->index(0, ExpectationsModel::ResultColumn).data().toString().startsWith(QStringLiteral("✗")));
}

void tst_SessionWindow::unknownVariableFailsTheCaseNotTheRun()
{
    Session s = demoSession();
    s.items[0].testCase.request.url = QStringLiteral("{{nope}}/old");
    const QString path = writeSession(s, QStringLiteral("unknown.rwbsession"));
    MainWindow window;
    window.show();
    QVERIFY(window.openSession(path));
    window.runAll();
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunningCases(), 10000);
    const QList<QModelIndex> cases = window.sessionModel()->caseIndexes();
    QCOMPARE(window.sessionModel()->runState(cases.at(0)), SessionModel::RunState::Failed);
    QVERIFY2(cases.at(0)
                 .data(SessionModel::FailuresRole)
                 .toStringList()
                 .join(u' ')
                 .contains(QLatin1String("{{nope}}")),
             qPrintable(cases.at(0).data(SessionModel::FailuresRole).toStringList().join(u' ')));
    QCOMPARE(window.sessionModel()->runState(cases.at(1)), SessionModel::RunState::Passed);
}

void tst_SessionWindow::corruptFileIsNeverOverwritten()
{
    const QList<QByteArray> corrupt = {
        QByteArray(),
        QByteArray("{\"format\": \"redirect-workbench-session\", \"version\": 1, \"items\": ["),
        QByteArray("\x00\xff\xfe garbage \x01", 14),
        QByteArray("{\"format\": \"redirect-workbench-session\", \"version\": 99, \"items\": []}"),
        QByteArray("{\"format\": \"redirect-workbench-session\", \"version\": 1, \"items\": 5}"),
    };
    MainWindow window;
    window.show();
    // An open session with unsaved work survives a failed open untouched.
    const QString goodPath = writeSession(demoSession(), QStringLiteral("good.rwbsession"));
    QVERIFY(window.openSession(goodPath));
    for (int i = 0; i < corrupt.size(); ++i) {
        const QString path = m_dir.filePath(QStringLiteral("corrupt%1.rwbsession").arg(i));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(corrupt.at(i));
        f.close();
        QVERIFY(!window.openSession(path));
        auto *box = window.findChild<QMessageBox *>(QStringLiteral("openError"));
        QVERIFY(box);
        QVERIFY2(box->text().contains(path), qPrintable(box->text()));
        box->close();
        QCOMPARE(readAll(path), corrupt.at(i));
        QVERIFY(!QFile::exists(path + QStringLiteral(".bak")));
        QCOMPARE(window.document()->path(), QFileInfo(goodPath).absoluteFilePath());
        QCOMPARE(window.sessionModel()->caseIndexes().size(), 2);
        QTest::qWait(1);  // lets the closed box go (deleteLater)
    }
}

void tst_SessionWindow::failedSaveKeepsTheSession()
{
    MainWindow window;
    window.show();
    QVERIFY(window.openSession(writeSession(demoSession(), QStringLiteral("keep.rwbsession"))));
    window.addCase();
    QVERIFY(window.isWindowModified());
    // A directory where the file should go: the save fails, says why, and the session stays unsaved.
    const QString dirPath = m_dir.filePath(QStringLiteral("a-directory.rwbsession"));
    QVERIFY(QDir().mkpath(dirPath));
    QVERIFY(!window.saveSessionAs(dirPath));
    auto *box = window.findChild<QMessageBox *>(QStringLiteral("saveError"));
    QVERIFY(box);
    box->close();
    QVERIFY(window.isWindowModified());
    QCOMPARE(window.sessionModel()->caseIndexes().size(), 3);
    QVERIFY(QFileInfo(dirPath).isDir());
}

void tst_SessionWindow::unsavedChangesAsked()
{
    const QString path = writeSession(demoSession(), QStringLiteral("ask.rwbsession"));
    const QByteArray onDisk = readAll(path);
    MainWindow window;
    window.show();
    QVERIFY(window.openSession(path));
    QVERIFY(window.sessionModel()->duplicate(window.sessionModel()->caseIndexes().constFirst()).isValid());
    QVERIFY(window.isWindowModified());
    int asked = 0;
    window.setSavePrompt([&asked] {
        ++asked;
        return int(QMessageBox::Cancel);
    });
    QVERIFY(!window.close());  // Cancel keeps the window and the work
    QCOMPARE(asked, 1);
    QVERIFY(window.isVisible());
    QVERIFY(!window.openSession(path));  // opening another file asks too
    QCOMPARE(asked, 2);
    QCOMPARE(window.sessionModel()->caseIndexes().size(), 3);
    window.setSavePrompt([] { return int(QMessageBox::Save); });
    QVERIFY(window.close());
    QCOMPARE(loadSessionFile(path).session->items.size(), 3);  // the duplicate went to disk
    QCOMPARE(readAll(path + QStringLiteral(".bak")), onDisk);
}

void tst_SessionWindow::autosaveAndRecoveryAfterACrash()
{
    const QString path = writeSession(demoSession(), QStringLiteral("crash.rwbsession"));
    const QByteArray onDisk = readAll(path);
    {
        MainWindow window;
        window.document()->setAutosaveDelay(50);
        QVERIFY(window.openSession(path));
        window.sessionModel()->setData(window.sessionModel()->caseIndexes().constFirst(),
                                       QStringLiteral("renamed"));
        QSignalSpy autosaved(window.document(), &SessionDocument::autosaved);
        QVERIFY(autosaved.wait(5000));
        QVERIFY(QFile::exists(window.document()->recoveryFile()));
        // A crash: the window goes without closeEvent, nothing asked, nothing saved.
    }
    QCOMPARE(readAll(path), onDisk);
    MainWindow window;
    window.show();
    QVERIFY(window.recoveryBar()->isVisible());
    auto *restore = window.recoveryBar()->findChild<QPushButton *>(QStringLiteral("restoreRecovery"));
    QVERIFY(restore);
    QTest::mouseClick(restore, Qt::LeftButton);
    QVERIFY(!window.recoveryBar()->isVisible());
    QVERIFY(window.isWindowModified());
    QCOMPARE(window.document()->path(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(window.sessionModel()->caseIndexes().constFirst().data().toString(), QStringLiteral("renamed"));
    window.setSavePrompt([] { return int(QMessageBox::Save); });
    QVERIFY(window.close());
    QCOMPARE(loadSessionFile(path).session->items.constFirst().testCase.name, QStringLiteral("renamed"));
    QVERIFY(SessionDocument::pendingRecoveries().isEmpty());  // saved: the copy is gone
    MainWindow after;
    QVERIFY(!after.recoveryBar()->isVisibleTo(&after));
}

void tst_SessionWindow::expectThisChainAndUndo()
{
    Session s = demoSession();
    s.items[0].testCase.expectations.clear();
    MainWindow window;
    window.show();
    QVERIFY(window.openSession(writeSession(s, QStringLiteral("expect.rwbsession"))));
    const QModelIndex index = window.sessionModel()->caseIndexes().constFirst();
    window.runCase(index);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunningCases(), 10000);
    // A final response, but nothing to check: not shown as passed.
    QCOMPARE(window.sessionModel()->runState(index), SessionModel::RunState::Unchecked);
    ExpectationsEditor *editor = window.expectationsEditor();
    QVERIFY(editor->expectChainAction()->isEnabled());
    editor->expectChainAction()->trigger();
    QVERIFY(window.sessionController()->saveToCase());
    const QList<Expectation> pinned = window.sessionModel()->caseAt(index).expectations;
    QVERIFY(pinned.size() >= 5);
    QCOMPARE(pinned, expectationsFromTrace(window.timelineModel()->trace()));
    // Running again passes every one of them.
    window.runCase(index);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunningCases(), 10000);
    QCOMPARE(window.sessionModel()->runState(index), SessionModel::RunState::Passed);
    // "Expect this chain" on a case that had expectations can be undone.
    QVERIFY(editor->model()->removeExpectation(0));
    editor->expectChainAction()->trigger();
    QVERIFY(editor->undoAction()->isEnabled());
    editor->undoAction()->trigger();
    QCOMPARE(window.sessionController()->draftExpectations().size(), pinned.size() - 1);
    QCOMPARE(window.sessionModel()->caseAt(index).expectations, pinned);  // a draft until saved
}

void tst_SessionWindow::exportEveryFormat()
{
    MainWindow window;
    window.show();
    QString error;
    QVERIFY(!window.exportTrace(m_dir.filePath(QStringLiteral("none.har")), QStringLiteral("har"), false,
                                &error));
    QVERIFY(error.contains(QLatin1String("no trace")));
    RequestSpec spec;
    spec.url = m_server->url(QStringLiteral("/old?token=s3cret&x=1"));
    spec.headers = {{"Authorization", "Bearer top-secret"}};
    window.requestEditor()->setRequest(spec);
    window.send();
    QTRY_VERIFY_WITH_TIMEOUT(window.timelineModel()->isFinished(), 10000);
    for (const char *format : {"har", "json", "csv", "md", "curl", "png"}) {
        const QString path = m_dir.filePath(QStringLiteral("export.%1").arg(QLatin1String(format)));
        QVERIFY2(window.exportTrace(path, QLatin1String(format), false, &error), qPrintable(error));
        const QByteArray bytes = readAll(path);
        QVERIFY(!bytes.isEmpty());
        if (qstrcmp(format, "png") != 0) {
            for (const QByteArray &line : bytes.split('\n')) {
                QVERIFY2(
                    !line.contains("top-secret") && !line.contains("s3cret"),
                    qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(format), QString::fromUtf8(line))));
            }
        }
    }
    const QJsonObject har =
        QJsonDocument::fromJson(readAll(m_dir.filePath(QStringLiteral("export.har")))).object();
    QCOMPARE(har.value(QStringLiteral("log")).toObject().value(QStringLiteral("entries")).toArray().size(),
             3);
    const QImage picture(m_dir.filePath(QStringLiteral("export.png")));
    QVERIFY(!picture.isNull());
    QVERIFY(picture.height() >= 4 * 40);  // three hops and the outcome card
    // Ctrl+Shift+C copies the selected hop as curl from anywhere in the window.
    window.timelineView()->setCurrentIndex(window.timelineModel()->index(0));
    QApplication::clipboard()->clear();
    window.traceController()->actions().copyCurl->trigger();
    QVERIFY(QApplication::clipboard()->text().startsWith(QLatin1String("curl")));
    // Kept on request.
    QVERIFY(
        window.exportTrace(m_dir.filePath(QStringLiteral("kept.har")), QStringLiteral("har"), true, &error));
    QVERIFY(readAll(m_dir.filePath(QStringLiteral("kept.har"))).contains("top-secret"));
}

void tst_SessionWindow::importCurlAndHar()
{
    MainWindow window;
    window.show();
    QString error;
    QVERIFY(!window.importCurlCase(QStringLiteral("wget http://x"), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(window.sessionModel()->caseIndexes().isEmpty());
    const QString command =
        QStringLiteral("curl '%1' -X POST -H 'Authorization: Bearer t' --data-raw 'a=1' -L")
            .arg(m_server->url(QStringLiteral("/old")).toString());
    QVERIFY2(window.importCurlCase(command, &error), qPrintable(error));
    QCOMPARE(window.sessionModel()->caseIndexes().size(), 1);
    // Named by method, host and path, not the whole URL (issue 13, item 9).
    QCOMPARE(window.sessionModel()->caseAt(window.currentCase()).name,
             QStringLiteral("POST %1/old").arg(m_server->url(QStringLiteral("/")).authority()));
    // Export Trace starts beside the session file, not in the working directory (item 11).
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("sub"))));
    QVERIFY(window.saveSessionAs(m_dir.filePath(QStringLiteral("sub/imported.rwbsession"))));
    QCOMPARE(QFileInfo(window.importExportController()->exportStartPath()).absolutePath(),
             QFileInfo(m_dir.filePath(QStringLiteral("sub"))).absoluteFilePath());
    const SessionCase imported = window.sessionModel()->caseAt(window.currentCase());
    QCOMPARE(imported.request.method, QStringLiteral("POST"));
    QCOMPARE(imported.request.body, QByteArray("a=1"));
    QCOMPARE(window.requestEditor()->urlEdit()->text(), m_server->url(QStringLiteral("/old")).toString());
    QVERIFY(window.importHarFile(QStringLiteral(RWB_SOURCE_DIR "/tests/data/browser-export.har"), &error));
    QVERIFY(window.sessionModel()->caseIndexes().size() > 1);
    QVERIFY(!window.importHarFile(m_dir.filePath(QStringLiteral("missing.har")), &error));
    QVERIFY(error.contains(QLatin1String("missing.har")));
}

void tst_SessionWindow::dropASessionFile()
{
    const QString path = writeSession(demoSession(), QStringLiteral("dropped.rwbsession"));
    MainWindow window;
    window.show();
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    QTRY_COMPARE(window.document()->path(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(window.sessionModel()->caseIndexes().size(), 2);
    QMimeData other;
    other.setUrls({QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("notes.txt")))});
    QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
    refused.setAccepted(false);
    QApplication::sendEvent(&window, &refused);
    QVERIFY(!refused.isAccepted());
}

void tst_SessionWindow::undoBringsBackADeletedCase()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.openSession(writeSession(demoSession(), QStringLiteral("undo.rwbsession"))));
    QAction *undo = window.sessionController()->actions().undo;
    QAction *redo = window.sessionController()->actions().redo;
    QCOMPARE(undo->objectName(), QStringLiteral("undoSession"));
    QCOMPARE(redo->objectName(), QStringLiteral("redoSession"));
    QCOMPARE(undo->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Z));
    QCOMPARE(redo->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    QVERIFY(!undo->isEnabled());
    const QString first = window.sessionModel()->caseIndexes().constFirst().data().toString();
    window.sessionPanel()->view()->setFocus();
    QTest::keyClick(window.sessionPanel()->view(), Qt::Key_Delete);
    QCOMPARE(window.sessionModel()->caseIndexes().size(), 1);
    QVERIFY(undo->isEnabled());
    QCOMPARE(undo->text(), QStringLiteral("&Undo"));  // the menu's words, whatever the step
    QTest::keyClick(window.sessionPanel()->view(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(redo->isEnabled());
    QCOMPARE(redo->text(), QStringLiteral("&Redo"));
    QCOMPARE(window.sessionModel()->caseIndexes().size(), 2);
    QCOMPARE(window.sessionModel()->caseIndexes().constFirst().data().toString(), first);
    QVERIFY(window.currentCase().isValid());
    QTest::keyClick(window.sessionPanel()->view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(window.sessionModel()->caseIndexes().size(), 1);
    window.undoSessionChange();
    QCOMPARE(window.sessionModel()->caseIndexes().size(), 2);
    // Typed edits of a case are a draft; saving them to the case is one step, and undo puts the old URL
    // back in the case and in the editor.
    window.selectCase(window.sessionModel()->caseIndexes().constFirst());
    const QString before = window.sessionModel()->caseAt(window.currentCase()).request.url;
    QTest::keyClicks(window.requestEditor()->urlEdit(), QStringLiteral("?a=1"));
    QCOMPARE(window.sessionModel()->caseAt(window.currentCase()).request.url, before);
    QVERIFY(window.sessionController()->saveToCase());
    QCOMPARE(window.sessionModel()->caseAt(window.currentCase()).request.url,
             before + QStringLiteral("?a=1"));
    window.undoSessionChange();
    QCOMPARE(window.sessionModel()->caseAt(window.currentCase()).request.url, before);
    QCOMPARE(window.requestEditor()->urlEdit()->text(), before);
}

// Issue 13, item 1: typing into the editor while a saved case is selected never changes the case behind
// the user's back. The case bar says what the editor holds; Save to Case, Save as New Case and Revert are
// explicit, and Save to Case is undoable.
void tst_SessionWindow::editingACaseIsADraft()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openSession(writeSession(demoSession(), QStringLiteral("draft.rwbsession"))));
    SessionController *sessions = window.sessionController();
    const SessionController::Actions &actions = sessions->actions();
    const QModelIndex first = window.sessionModel()->caseIndexes().constFirst();
    QCOMPARE(window.currentCase(), first);
    QCOMPARE(sessions->caseBar()->state(), CaseBar::State::Saved);
    QVERIFY(sessions->caseBar()->text().contains(QLatin1String("old reaches final")));
    QVERIFY(!actions.saveToCase->isEnabled());
    const SessionCase saved = window.sessionModel()->caseAt(first);

    // Another method and URL: a draft; the case, the session and its title are untouched.
    window.requestEditor()->methodBox()->setCurrentText(QStringLiteral("POST"));
    window.requestEditor()->urlEdit()->setText(QStringLiteral("{{base}}/elsewhere"));
    QVERIFY(sessions->hasDraft());
    QCOMPARE(sessions->caseBar()->state(), CaseBar::State::Draft);
    QVERIFY(sessions->caseBar()->text().contains(QLatin1String("edited")));
    QVERIFY(sessions->caseBar()->isVisible());
    QCOMPARE(window.sessionModel()->caseAt(first).request, saved.request);
    QVERIFY(!window.isWindowModified());
    QVERIFY(actions.saveToCase->isEnabled());
    QVERIFY(actions.revertCase->isEnabled());

    // Revert puts the case back; Restore Edits brings the edits back.
    actions.revertCase->trigger();
    QVERIFY(!sessions->hasDraft());
    QCOMPARE(window.requestEditor()->urlEdit()->text(), saved.request.url);
    QCOMPARE(window.requestEditor()->caseRequest().method, QStringLiteral("GET"));
    QCOMPARE(sessions->caseBar()->state(), CaseBar::State::Reverted);
    QVERIFY(actions.restoreEdits->isEnabled());
    actions.restoreEdits->trigger();
    QVERIFY(sessions->hasDraft());
    QCOMPARE(window.requestEditor()->urlEdit()->text(), QStringLiteral("{{base}}/elsewhere"));

    // Undoing back to the saved request by hand is no draft at all.
    window.requestEditor()->urlEdit()->setText(saved.request.url);
    window.requestEditor()->methodBox()->setCurrentText(QStringLiteral("GET"));
    QVERIFY(!sessions->hasDraft());
    window.requestEditor()->urlEdit()->setText(QStringLiteral("{{base}}/elsewhere"));
    QVERIFY(sessions->hasDraft());

    // Save to Case (Ctrl+Alt+S): the case holds the edits, one undo step takes them back out.
    QCOMPARE(actions.saveToCase->shortcut(), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S));
    actions.saveToCase->trigger();
    QVERIFY(!sessions->hasDraft());
    QCOMPARE(window.sessionModel()->caseAt(first).request.url, QStringLiteral("{{base}}/elsewhere"));
    QCOMPARE(window.sessionModel()->caseAt(first).name, saved.name);
    QCOMPARE(window.sessionModel()->caseAt(first).expectations, saved.expectations);
    QVERIFY(window.isWindowModified());
    window.undoSessionChange();
    QCOMPARE(window.sessionModel()->caseAt(window.currentCase()).request.url, saved.request.url);
    QCOMPARE(window.requestEditor()->urlEdit()->text(), saved.request.url);
    QVERIFY(!sessions->hasDraft());

    // Save as New Case: the draft becomes a case of its own (expectations too); the original stays.
    window.requestEditor()->urlEdit()->setText(QStringLiteral("{{base}}/copy"));
    QVERIFY(sessions->hasDraft());
    const int before = int(window.sessionModel()->caseIndexes().size());
    actions.saveAsNewCase->trigger();
    QCOMPARE(window.sessionModel()->caseIndexes().size(), before + 1);
    QCOMPARE(window.sessionModel()->caseAt(window.currentCase()).request.url,
             QStringLiteral("{{base}}/copy"));
    QCOMPARE(window.sessionModel()->caseAt(window.currentCase()).expectations, saved.expectations);
    QCOMPARE(window.sessionModel()->caseAt(window.sessionModel()->caseIndexes().constFirst()).request.url,
             saved.request.url);
    QVERIFY(!sessions->hasDraft());

    // No case selected: a scratch request that no edit ties to a case.
    sessions->selectNoCase();
    QCOMPARE(sessions->caseBar()->state(), CaseBar::State::Scratch);
    QVERIFY(sessions->caseBar()->text().contains(QLatin1String("Scratch")));
    const Session now = window.sessionModel()->session();
    window.requestEditor()->urlEdit()->setText(QStringLiteral("http://127.0.0.1:1/scratch"));
    QVERIFY(!sessions->hasDraft());
    QCOMPARE(window.sessionModel()->session().items.size(), now.items.size());
    const Session after = window.sessionModel()->session();
    QCOMPARE(allCases(after).constFirst().testCase->request.url, saved.request.url);
}

// Leaving a draft (another case, another session) asks: Cancel keeps it, Discard drops it, Save keeps it
// in its case. Ctrl+S saves the draft into its case and then the session, as Postman and Bruno do.
void tst_SessionWindow::leavingADraftAsks()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString path = writeSession(demoSession(), QStringLiteral("leave.rwbsession"));
    QVERIFY(window.openSession(path));
    SessionController *sessions = window.sessionController();
    const QList<QModelIndex> cases = window.sessionModel()->caseIndexes();
    QStringList asked;
    int answer = QMessageBox::Cancel;
    sessions->setDraftPrompt([&](const QString &name) {
        asked.append(name);
        return answer;
    });
    window.requestEditor()->urlEdit()->setText(QStringLiteral("{{base}}/draft"));
    QVERIFY(sessions->hasDraft());
    // Cancel: the draft's case stays selected, the draft stays in the editor.
    window.sessionPanel()->view()->setCurrentIndex(cases.at(1));
    QCOMPARE(asked, QStringList{QStringLiteral("old reaches final")});
    QTRY_COMPARE(window.sessionPanel()->view()->currentIndex(), cases.at(0));
    QCOMPARE(window.currentCase(), cases.at(0));
    QVERIFY(sessions->hasDraft());
    QCOMPARE(window.requestEditor()->urlEdit()->text(), QStringLiteral("{{base}}/draft"));
    // Asked once when the window selects another case (Run case does), and Cancel keeps the draft too.
    asked.clear();
    window.selectCase(cases.at(1));
    QCOMPARE(asked.size(), 1);
    QTRY_COMPARE(window.sessionPanel()->view()->currentIndex(), cases.at(0));
    QVERIFY(sessions->hasDraft());
    // Discard: the other case comes up; the first is as saved.
    answer = QMessageBox::Discard;
    window.sessionPanel()->view()->setCurrentIndex(cases.at(1));
    QCOMPARE(window.currentCase(), cases.at(1));
    QCOMPARE(window.requestEditor()->urlEdit()->text(), QStringLiteral("{{base}}/echo"));
    QCOMPARE(window.sessionModel()->caseAt(cases.at(0)).request.url, QStringLiteral("{{base}}/old"));
    QVERIFY(!window.isWindowModified());
    // Save: the draft goes into its case before the other case comes up.
    window.requestEditor()->urlEdit()->setText(QStringLiteral("{{base}}/echo?x=1"));
    answer = QMessageBox::Save;
    window.selectCase(cases.at(0));
    QCOMPARE(window.currentCase(), cases.at(0));
    QCOMPARE(window.sessionModel()->caseAt(cases.at(1)).request.url, QStringLiteral("{{base}}/echo?x=1"));
    QVERIFY(window.isWindowModified());
    // Ctrl+S with a draft: into the case, then onto disk.
    window.requestEditor()->urlEdit()->setText(QStringLiteral("{{base}}/old?y=2"));
    asked.clear();
    window.sessionController()->actions().saveSession->trigger();
    QVERIFY(asked.isEmpty());
    QVERIFY(!sessions->hasDraft());
    QVERIFY(!window.isWindowModified());
    const SessionLoadResult saved = loadSessionFile(path);
    QVERIFY(saved.session);
    QCOMPARE(allCases(*saved.session).constFirst().testCase->request.url, QStringLiteral("{{base}}/old?y=2"));
    // Closing with a draft asks about it too; Cancel keeps the window open.
    window.requestEditor()->urlEdit()->setText(QStringLiteral("{{base}}/old?z=3"));
    answer = QMessageBox::Cancel;
    QVERIFY(!window.maybeSave());
    QVERIFY(sessions->hasDraft());
}

// Send while a case has a draft runs the draft; the case keeps its last trace and its run state, and the
// Expectations tab shows the draft's verdict.
void tst_SessionWindow::sendingADraftKeepsTheCase()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openSession(writeSession(demoSession(), QStringLiteral("send.rwbsession"))));
    const QModelIndex first = window.sessionModel()->caseIndexes().constFirst();
    window.runCase(first);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunningCases(), 10000);
    QCOMPARE(window.sessionModel()->runState(first), SessionModel::RunState::Passed);
    QCOMPARE(window.sessionModel()->caseAt(first).lastTrace->hops.size(), 3);
    QVERIFY(!window.isWindowModified());  // a run is not an edit
    window.requestEditor()->urlEdit()->setText(QStringLiteral("{{base}}/final"));
    QVERIFY(window.sessionController()->hasDraft());
    window.traceController()->send();
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunningCases() && !window.traceController()->isRunning(), 10000);
    QCOMPARE(window.timelineModel()->trace().hops.size(), 1);                  // the draft ran
    QCOMPARE(window.sessionModel()->caseAt(first).lastTrace->hops.size(), 3);  // the case kept its own
    QCOMPARE(window.sessionModel()->runState(first), SessionModel::RunState::Passed);
    QVERIFY(window.sessionController()->hasDraft());
    QVERIFY(!window.isWindowModified());
    QVERIFY(window.statusBar()->currentMessage().contains(QLatin1String("not stored")));
}

// Issue 13, item 8: a reopened session shows each case's stored verdict; a case without expectations is
// not shown as passed; running a case does not make the session unsaved.
void tst_SessionWindow::runStatesSurviveReopening()
{
    Session s = demoSession();
    s.items[1].children[0].testCase.expectations.clear();  // "echo": nothing to check
    const QString path = writeSession(s, QStringLiteral("states.rwbsession"));
    {
        MainWindow window;
        window.show();
        QVERIFY(window.openSession(path));
        window.runAll();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isRunningCases(), 15000);
        const QList<QModelIndex> cases = window.sessionModel()->caseIndexes();
        QCOMPARE(window.sessionModel()->runState(cases.at(0)), SessionModel::RunState::Passed);
        QCOMPARE(window.sessionModel()->runState(cases.at(1)), SessionModel::RunState::Unchecked);
        QVERIFY(cases.at(1).data(Qt::ToolTipRole).toString().contains(QLatin1String("no expectations")));
        QVERIFY(window.statusBar()->currentMessage().contains(QLatin1String("1 without expectations")));
        QVERIFY(!window.isWindowModified());
        QVERIFY(window.saveSession());
    }
    MainWindow window;
    window.show();
    QVERIFY(window.openSession(path));
    const QList<QModelIndex> cases = window.sessionModel()->caseIndexes();
    QCOMPARE(window.sessionModel()->runState(cases.at(0)), SessionModel::RunState::Passed);
    QCOMPARE(window.sessionModel()->runState(cases.at(1)), SessionModel::RunState::Unchecked);
    QVERIFY(!window.isWindowModified());
    // A stored trace that no longer meets the expectations shows as failed, with why.
    Session changed = s;
    changed.items[0].testCase.expectations = {
        parseExpectationValue(ExpectationKind::HopCount, QStringLiteral("1"), nullptr).value()};
    changed.items[0].testCase.lastTrace = loadSessionFile(path).session->items[0].testCase.lastTrace;
    QVERIFY(changed.items[0].testCase.lastTrace.has_value());
    window.sessionModel()->setSession(changed);
    const QModelIndex first = window.sessionModel()->caseIndexes().constFirst();
    QCOMPARE(window.sessionModel()->runState(first), SessionModel::RunState::Failed);
    QVERIFY(!first.data(SessionModel::FailuresRole).toStringList().isEmpty());
}

void tst_SessionWindow::settingsDialogAndEnvironments()
{
    Session s = demoSession();
    const QString good = s.variables.constFirst().second;
    s.variables = {{QStringLiteral("base"), QStringLiteral("http://127.0.0.1:1")}};  // nothing listens there
    s.items.removeLast();
    {
        SessionSettingsDialog dialog(s);
        dialog.nameEdit()->setText(QStringLiteral("Shop"));
        dialog.addEnvironment(QStringLiteral("local"));
        QTableWidget *env = dialog.environmentTable();
        env->insertRow(0);
        env->setItem(0, 0, new QTableWidgetItem(QStringLiteral("base")));
        env->setItem(0, 1, new QTableWidgetItem(good));
        const Session edited = dialog.settings();
        QCOMPARE(edited.name, QStringLiteral("Shop"));
        QCOMPARE(edited.variables, s.variables);
        QCOMPARE(edited.environments.size(), 1);
        QCOMPARE(edited.environments.constFirst().name, QStringLiteral("local"));
        QCOMPARE(edited.environments.constFirst().variables, (Variables{{QStringLiteral("base"), good}}));
        QVERIFY(dialog.problem().isEmpty());
        dialog.addEnvironment(QStringLiteral("local"));
        QVERIFY(dialog.problem().contains(QLatin1String("local")));
        s.name = edited.name;
        s.environments = edited.environments;
    }
    MainWindow window;
    window.show();
    QVERIFY(window.openSession(writeSession(s, QStringLiteral("environments.rwbsession"))));
    const QModelIndex index = window.sessionModel()->caseIndexes().constFirst();
    window.runCase(index);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunningCases(), 10000);
    QCOMPARE(window.sessionModel()->runState(index), SessionModel::RunState::Failed);
    QVERIFY(window.sessionPanel()->setCurrentEnvironment(QStringLiteral("local")));
    window.runCase(index);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunningCases(), 10000);
    QCOMPARE(window.sessionModel()->runState(index), SessionModel::RunState::Passed);
    QVERIFY(window.timelineModel()->trace().hops.constFirst().request.url.toString().startsWith(good));
}

// The GUI smoke test of the first run: Help → Open Demo starts the sandbox, opens the demo session and
// runs every case; every one passes but the migration map's bulk check, whose wrong lines are on purpose.
void tst_SessionWindow::demoSessionPassesAgainstTheSandbox()
{
    MainWindow window;
    window.resize(1440, 900);
    window.show();
    QVERIFY(window.demoBar()->isVisibleTo(&window));  // offered on the first start
    QVERIFY(window.openDemo(true));
    QVERIFY(!window.demoBar()->isVisibleTo(&window));
    QVERIFY(window.sandboxPanel()->isRunning());
    const QList<QModelIndex> cases = window.sessionModel()->caseIndexes();
    QVERIFY2(cases.size() >= 15, qPrintable(QString::number(cases.size())));
    QTRY_VERIFY_WITH_TIMEOUT(window.isRunningCases(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunningCases(), 60000);
    QStringList failed;
    for (const QModelIndex &index : cases) {
        // The migration map's bulk check fails on purpose: its wrong lines are its failures.
        if (window.sessionModel()->caseAt(index).bulk) {
            QCOMPARE(window.sessionModel()->runState(index), SessionModel::RunState::Failed);
            const QStringList lines = index.data(SessionModel::FailuresRole).toStringList();
            const qsizetype wrong =
                migrationFaults().size() - (window.sandboxPanel()->sandbox()->httpsUrl().isEmpty() ? 1 : 0);
            QCOMPARE(lines.size(), wrong);
            QVERIFY2(lines.constFirst().startsWith(QLatin1String("line 43 ")),
                     qPrintable(lines.constFirst()));
            continue;
        }
        if (window.sessionModel()->runState(index) != SessionModel::RunState::Passed)
            failed << index.data().toString() + QStringLiteral(": ")
                          + index.data(SessionModel::FailuresRole).toStringList().join(QLatin1String("; "));
    }
    QVERIFY2(failed.isEmpty(), qPrintable(failed.join(u'\n')));
    QVERIFY(window.document()->path().isEmpty());  // the shipped demo is never written over
    QVERIFY(!window.sandboxPanel()->logText().isEmpty());
    // The README's picture: the form POST answered with 302, its second hop selected (POST → GET).
    for (const QModelIndex &index : cases) {
        if (index.data().toString().contains(QLatin1String("then 302")))
            window.selectCase(index);
    }
    QVERIFY(window.timelineModel()->rowCount() > 2);
    window.timelineView()->setCurrentIndex(window.timelineModel()->index(1));
    QApplication::processEvents();
    QVERIFY(!RwbTest::saveScreenshot(window, QStringLiteral("demo-light.png")).isNull());
    MainWindow second;  // the offer is made once
    QVERIFY(!second.demoBar()->isVisibleTo(&second));
    window.setSavePrompt([] { return int(QMessageBox::Discard); });
}

void tst_SessionWindow::sandboxRulesAreSavedWithTheSession()
{
    const QString path = m_dir.filePath(QStringLiteral("rules.rwbsession"));
    {
        MainWindow window;
        window.show();
        SandboxPanel *panel = window.sandboxPanel();
        QVERIFY(panel->start());
        panel->addRule();
        QVERIFY(window.isWindowModified());
        QList<SandboxRule> rules = panel->rules();
        QCOMPARE(rules.size(), 1);
        QCOMPARE(window.sessionModel()->sandboxRules(), rules);
        // The rule answers at once: /my/page → 302 to the sandbox's root.
        QNetworkAccessManager nam;
        QNetworkRequest request(QUrl(panel->sandbox()->originUrl().toString() + QStringLiteral("/my/page")));
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply = nam.get(request);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 302);
        delete reply;
        QVERIFY(window.saveSessionAs(path));
        // A scenario tried from the panel lands in the editor with the sandbox's address.
        panel->scenarioList()->setCurrentRow(0);
        QListWidgetItem *first = panel->scenarioList()->item(0);
        emit panel->scenarioList()->itemActivated(first);
        QVERIFY(
            window.requestEditor()->urlEdit()->text().startsWith(panel->sandbox()->originUrl().toString())
            || window.requestEditor()->urlEdit()->text().startsWith(panel->sandbox()->otherUrl().toString())
            || window.requestEditor()->urlEdit()->text().startsWith(panel->sandbox()->httpsUrl().toString()));
        window.setSavePrompt([] { return int(QMessageBox::Discard); });
    }
    MainWindow reopened;
    QVERIFY(reopened.openSession(path));
    QCOMPARE(reopened.sandboxPanel()->rules().size(), 1);
    QCOMPARE(reopened.sandboxPanel()->rules().constFirst().path, QStringLiteral("/my/page"));
}

// A bulk check's case has no URL of its own: the case bar says what it checks, the URL field why it is empty,
// and Open in Bulk Check (the bar's button, the Session menu, the tree's context menu) hands it to the Bulk
// Check window with its file named from the session's folder.
void tst_SessionWindow::bulkCaseOpensInBulkCheck()
{
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("maps")));
    const QString mapPath = m_dir.filePath(QStringLiteral("maps/migration.csv"));
    {
        QFile map(mapPath);
        QVERIFY(map.open(QIODevice::WriteOnly));
        map.write("from,to\n" + m_server->url(QStringLiteral("/old")).toEncoded() + ','
                  + m_server->url(QStringLiteral("/final")).toEncoded() + '\n');
    }
    Session s = demoSession();
    SessionItem fromFile;
    fromFile.type = SessionItem::Type::Case;
    fromFile.name = fromFile.testCase.name = QStringLiteral("Migration map");
    SessionBulk &mapped = fromFile.testCase.bulk.emplace();
    mapped.input = QStringLiteral("maps/migration.csv");
    mapped.expectPermanent = true;
    mapped.maxHops = 1;
    mapped.finalStatus = QStringLiteral("200|410");
    mapped.noDowngrade = true;
    SessionItem inlined;
    inlined.type = SessionItem::Type::Case;
    inlined.name = inlined.testCase.name = QStringLiteral("Old links");
    inlined.testCase.options.profile = Profile::Curl;
    inlined.testCase.bulk.emplace().lines = QStringLiteral("# the old links\n%1\n%2\n%3\n")
                                                .arg(m_server->url(QStringLiteral("/old")).toString(),
                                                     m_server->url(QStringLiteral("/new")).toString(),
                                                     m_server->url(QStringLiteral("/echo")).toString());
    s.items.append(fromFile);
    s.items.append(inlined);
    const QString path = writeSession(s, QStringLiteral("bulk.rwbsession"));

    MainWindow window;
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openSession(path));
    SessionController *sessions = window.sessionController();
    CaseBar *bar = sessions->caseBar();
    UrlEdit *url = window.requestEditor()->urlEdit();
    const QString requestPlaceholder = url->placeholderText();
    QAction *open = window.sessionPanel()->action(SessionPanel::Action::OpenInBulkCheck);
    auto *button = bar->findChild<QToolButton *>(QStringLiteral("openInBulkCheckButton"));
    QVERIFY(button);
    QVERIFY(!open->isEnabled());  // the first case is a request of its own
    QVERIFY(!button->isVisibleTo(bar));
    // The command is in the Session menu and the tree's context menu.
    QVERIFY(window.sessionPanel()->view()->actions().contains(open));
    bool inMenu = false;
    for (QAction *top : window.menuBar()->actions()) {
        if (top->menu() && top->text().remove(QLatin1Char('&')) == QLatin1String("Session"))
            inMenu = top->menu()->actions().contains(open);
    }
    QVERIFY(inMenu);

    const QList<QModelIndex> cases = window.sessionModel()->caseIndexes();
    QCOMPARE(cases.size(), 4);
    const QModelIndex mapCase = cases.at(2);
    const QModelIndex inlineCase = cases.at(3);
    QCOMPARE(mapCase.data().toString(), QStringLiteral("Migration map"));

    // Selected: the bar names its input and rules, the URL field says why it is empty; nothing is edited.
    window.selectCase(mapCase);
    QApplication::processEvents();
    QVERIFY(bar->isBulkCheck());
    QVERIFY2(bar->text().startsWith(QLatin1String("Bulk check Migration map: maps/migration.csv")),
             qPrintable(bar->text()));
    QVERIFY2(bar->text().contains(QLatin1String("301/308 only, at most 1 hop, final status 200|410")),
             qPrintable(bar->text()));
    QVERIFY(url->text().isEmpty());
    QCOMPARE(url->placeholderText(), QStringLiteral("A bulk check: its lines bring their URLs"));
    QVERIFY(url->toolTip().contains(QLatin1String("bulk check")));
    QVERIFY(!sessions->hasDraft());
    QCOMPARE(bar->state(), CaseBar::State::Saved);
    QVERIFY(!window.isWindowModified());
    QVERIFY(open->isEnabled());
    QVERIFY(button->isVisible());
    QVERIFY(window.bulkCheckWindow() == nullptr);

    // The picture at 1280x720: nothing of the bar is cut off.
    QVERIFY(!RwbTest::saveScreenshot(window, QStringLiteral("session-bulk-case-1280.png")).isNull());
    const QLabel *text = bar->findChild<QLabel *>(QStringLiteral("caseBarText"));
    QVERIFY(text);
    QVERIFY2(
        text->height() >= text->heightForWidth(text->width()),
        qPrintable(QStringLiteral("%1 < %2").arg(text->height()).arg(text->heightForWidth(text->width()))));
    QVERIFY(button->geometry().right() <= bar->contentsRect().right());
    // Narrower, the rules give way (they stay in the tooltip) rather than take a second line.
    window.resize(900, 720);
    QTRY_VERIFY(!bar->text().contains(QLatin1String("301/308")));
    QVERIFY2(bar->text().startsWith(QLatin1String("Bulk check Migration map: maps/migration.csv")),
             qPrintable(bar->text()));
    QVERIFY(text->toolTip().contains(QLatin1String("301/308 only")));
    window.resize(1280, 720);
    QTRY_VERIFY(bar->text().contains(QLatin1String("301/308")));

    // The bar's button: the window opens with the case; the file is named from the session's folder.
    button->click();
    BulkCheckWindow *bulk = window.bulkCheckWindow();
    QVERIFY(bulk);
    QTRY_VERIFY(bulk->isVisible());
    SessionBulk expected = window.sessionModel()->caseAt(mapCase).bulk.value();
    expected.input = QDir(m_dir.path()).filePath(QStringLiteral("maps/migration.csv"));
    QCOMPARE(bulk->sourceEdit()->text(), expected.input);
    QCOMPARE(bulk->toCase().bulk, std::optional<SessionBulk>(expected));

    // The menu's command on the inline list: its lines and profile, as the case holds them.
    window.selectCase(inlineCase);
    QVERIFY2(bar->text().startsWith(QLatin1String("Bulk check Old links: 3 lines inline")),
             qPrintable(bar->text()));
    open->trigger();
    const SessionCase saved = window.sessionModel()->caseAt(inlineCase);
    QCOMPARE(bulk->toCase().bulk, saved.bulk);
    QCOMPARE(bulk->inputEdit()->toPlainText(), saved.bulk->lines);
    QVERIFY(bulk->sourceEdit()->text().isEmpty());
    QCOMPARE(bulk->toCase().options.profile, Profile::Curl);
    QVERIFY(!window.isWindowModified());

    // A case of its own again: the bar and the URL field are as they were.
    window.selectCase(cases.at(0));
    QVERIFY(!bar->isBulkCheck());
    QVERIFY2(bar->text().startsWith(QLatin1String("Case old reaches final")), qPrintable(bar->text()));
    QVERIFY(!bar->text().contains(QLatin1String("Bulk check")));
    QVERIFY(!button->isVisibleTo(bar));
    QVERIFY(!open->isEnabled());
    QCOMPARE(url->placeholderText(), requestPlaceholder);
    QVERIFY(!url->toolTip().contains(QLatin1String("bulk check")));
    QVERIFY(!sessions->hasDraft());
    // Renamed in the tree, the bulk check is named anew in the bar.
    window.selectCase(inlineCase);
    QVERIFY(window.sessionModel()->setData(inlineCase, QStringLiteral("Old links, 2019")));
    QVERIFY2(bar->text().startsWith(QLatin1String("Bulk check Old links, 2019: 3 lines inline")),
             qPrintable(bar->text()));
    window.setSavePrompt([] { return int(QMessageBox::Discard); });
}

// The window with a run session, light and dark, for a person to look at.
void tst_SessionWindow::render()
{
    Session s = demoSession();
    s.items[0].testCase.expectations.append(
        parseExpectationValue(ExpectationKind::FinalUrl, QStringLiteral("*/final"), nullptr).value());
    s.items[1].children[0].testCase.expectations = {
        parseExpectationValue(ExpectationKind::FinalStatus, QStringLiteral("404"), nullptr).value()};
    const QString path = writeSession(s, QStringLiteral("render.rwbsession"));
    for (const QSize size : {QSize(1440, 900), QSize(1280, 720)}) {
        for (const bool dark : {false, true}) {
            RwbTest::applyTheme(dark);
            MainWindow window;
            window.resize(size);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(window.openSession(path));
            window.sessionPanel()->view()->expandAll();
            window.runAll();
            QTRY_VERIFY_WITH_TIMEOUT(!window.isRunningCases(), 10000);
            window.selectCase(window.sessionModel()->caseIndexes().constFirst());
            window.requestEditor()->tabs()->setCurrentWidget(window.expectationsEditor());
            // An edited case: the case bar says so.
            window.requestEditor()->urlEdit()->setText(QStringLiteral("{{base}}/old?edited=1"));
            QVERIFY(window.sessionController()->hasDraft());
            QApplication::processEvents();
            const QString suffix = size.width() == 1440 ? QString() : QStringLiteral("-1280");
            QVERIFY(!RwbTest::saveScreenshot(
                         window, (dark ? QStringLiteral("session-dark") : QStringLiteral("session-light"))
                                     + suffix + QStringLiteral(".png"))
                         .isNull());
            // No text of the case bar is cut off: its label fits beside its buttons.
            const QLabel *text =
                window.sessionController()->caseBar()->findChild<QLabel *>(QStringLiteral("caseBarText"));
            QVERIFY(text);
            QVERIFY2(
                text->height() >= text->heightForWidth(text->width()),
                qPrintable(
                    QStringLiteral("%1 < %2").arg(text->height()).arg(text->heightForWidth(text->width()))));
            window.sessionController()->setDraftPrompt(
                [](const QString &) { return int(QMessageBox::Discard); });
            window.setSavePrompt([] { return int(QMessageBox::Discard); });
        }
    }
    QApplication::setPalette(QApplication::style()->standardPalette());
}

QTEST_MAIN(tst_SessionWindow)
#include "tst_sessionwindow.moc"
