// The window driven like a user: typing a URL of an in-process server, pressing the shortcuts, reading
// the timeline and the inspector; step-through edits checked on the wire through the echo server.
#include "core/engine/engine.h"
#include "support/scriptedserver.h"
#include "widgets/compareview.h"
#include "widgets/hopinspector.h"
#include "widgets/mainwindow.h"
#include "widgets/requesteditor.h"
#include "widgets/stepeditor.h"
#include "widgets/tracecontroller.h"
#include "widgets/urledit.h"
#include "workbench/timelinemodel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Rwb;
using namespace Rwb::Test;

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void sendFollowsTheChain();
    void invalidUrlIsNotSent();
    void stepThroughEditsTheNextHop();
    void stopCancelsAtOnce();
    void compareProfiles();
    void settingsPersist();
    void curlPasteFillsTheRequest();
    void everyActionHasShortcutAndToolTip();

private:
    void typeUrl(MainWindow &window, const QUrl &url);
    QTemporaryDir m_settingsDir;
    ScriptedServer *m_server = nullptr;
    ScriptedServer *m_other = nullptr;
};

void tst_MainWindow::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("rwb-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void tst_MainWindow::init()
{
    QSettings().clear();
    m_server = ScriptedServer::startEcho(this);
    m_other = ScriptedServer::startEcho(this);
    QVERIFY(m_server && m_other);
}

void tst_MainWindow::cleanup()
{
    delete m_server;
    delete m_other;
    m_server = m_other = nullptr;
}

void tst_MainWindow::typeUrl(MainWindow &window, const QUrl &url)
{
    UrlEdit *edit = window.requestEditor()->urlEdit();
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, url.toString());
}

void tst_MainWindow::sendFollowsTheChain()
{
    m_server->on("/start",
                 ScriptedServer::redirect(302, "/echo?from=start").addHeader("Set-Cookie", "sid=42; Path=/"));
    MainWindow window;
    QAbstractItemModelTester tester(window.timelineModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    typeUrl(window, m_server->url(QStringLiteral("/start")));
    QTest::keyClick(window.requestEditor()->urlEdit(), Qt::Key_Return, Qt::ControlModifier);
    TimelineModel *model = window.timelineModel();
    QTRY_VERIFY_WITH_TIMEOUT(model->isFinished(), 10000);
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->index(0).data(TimelineModel::StatusRole).toInt(), 302);
    QCOMPARE(model->index(1).data(TimelineModel::StatusRole).toInt(), 200);
    QVERIFY(model->index(0)
                .data(TimelineModel::BadgesRole)
                .toStringList()
                .contains(QStringLiteral("cookie set")));
    QVERIFY(model->index(1)
                .data(TimelineModel::BadgesRole)
                .toStringList()
                .contains(QStringLiteral("cookie sent")));
    QCOMPARE(model->index(2).data(TimelineModel::OutcomeKindRole).toString(), QStringLiteral("final"));
    QVERIFY(model->index(2).data().toString().startsWith(QStringLiteral("200 OK after 1 redirect")));
    // The server saw the cookie the 302 set: the timeline tells what went on the wire.
    QCOMPARE(m_server->requests().last().header("Cookie"), QByteArray("sid=42"));
    // The last hop is selected when the trace ends; clicking the first one shows its story.
    QCOMPARE(window.timelineView()->currentIndex().row(), 1);
    QListView *view = window.timelineView();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(model->index(0)).center());
    QCOMPARE(view->currentIndex().row(), 0);
    const QString response = window.inspector()->tabText(QStringLiteral("Response"));
    QVERIFY2(response.contains(QStringLiteral("302")), qPrintable(response));
    QVERIFY2(response.contains(QStringLiteral("/echo?from=start")), qPrintable(response));
    QVERIFY(window.inspector()->tabText(QStringLiteral("Cookies")).contains(QStringLiteral("sid")));
    QVERIFY(window.statusLabel()->text().contains(QStringLiteral("2 hops")));
    // Keyboard: Down moves to the next card and the inspector follows.
    QTest::keyClick(view, Qt::Key_Down);
    QVERIFY(
        window.inspector()->tabText(QStringLiteral("Request")).contains(QStringLiteral("/echo?from=start")));
    QCOMPARE(window.requestEditor()->recentUrls().value(0),
             m_server->url(QStringLiteral("/start")).toString());
}

void tst_MainWindow::invalidUrlIsNotSent()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    UrlEdit *edit = window.requestEditor()->urlEdit();
    edit->setFocus();
    edit->clear();
    QTest::keyClicks(edit, QStringLiteral("htp:/nowhere"));
    QVERIFY(!edit->problem().isEmpty());
    QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(!window.engine()->isRunning());
    QCOMPARE(window.timelineModel()->rowCount(), 0);
    QVERIFY2(window.statusBar()->currentMessage().startsWith(QStringLiteral("Cannot send")),
             qPrintable(window.statusBar()->currentMessage()));
    QCOMPARE(m_server->requestCount(), 0);
}

void tst_MainWindow::stepThroughEditsTheNextHop()
{
    m_server->on("/form", ScriptedServer::redirect(307, "/echo"));
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    RequestSpec spec;
    spec.method = "POST";
    spec.url = m_server->url(QStringLiteral("/form"));
    spec.headers = {{"X-Token", "original"}};
    spec.body = "a=1";
    window.requestEditor()->setRequest(spec);
    QTest::keyClick(&window, Qt::Key_F10);
    QTRY_VERIFY_WITH_TIMEOUT(window.engine()->isPaused(), 10000);
    QVERIFY(window.stepEditor()->isVisible());
    QVERIFY(window.traceController()->actions().resume->isEnabled());
    QCOMPARE(window.stepEditor()->request().method, QByteArray("POST"));  // 307 keeps the method
    // The timeline ends with a card for the next request, not sent yet.
    TimelineModel *timeline = window.timelineModel();
    QCOMPARE(timeline->rowCount(), 2);
    QCOMPARE(timeline->rowKind(1), TimelineModel::RowKind::Pending);
    QCOMPARE(timeline->index(1).data(TimelineModel::UrlRole).toUrl(), m_server->url(QStringLiteral("/echo")));

    // Edit the header's value in the step editor's table, as the user would in the cell editor.
    auto *table = window.stepEditor()->findChild<QTableView *>();
    QVERIFY(table);
    QAbstractItemModel *headers = table->model();
    QModelIndex valueCell;
    for (int row = 0; row < headers->rowCount() && !valueCell.isValid(); ++row) {
        for (int column = 0; column < headers->columnCount(); ++column) {
            if (headers->index(row, column).data().toString() == QLatin1String("original"))
                valueCell = headers->index(row, column);
        }
    }
    QVERIFY(valueCell.isValid());
    QVERIFY(headers->setData(valueCell, QStringLiteral("edited-by-user"), Qt::EditRole));
    QVERIFY(window.stepEditor()->edited());
    QCOMPARE(timeline->pending()->headers, window.stepEditor()->request().headers);  // shows the edit

    QTest::keyClick(&window, Qt::Key_F8);
    QTRY_VERIFY_WITH_TIMEOUT(window.timelineModel()->isFinished(), 10000);
    QCOMPARE(m_server->requestCount(), 2);
    const ReceivedRequest second = m_server->requests().at(1);
    QCOMPARE(second.method, QByteArray("POST"));
    QCOMPARE(second.header("X-Token"), QByteArray("edited-by-user"));
    QCOMPARE(second.body, QByteArray("a=1"));
    QVERIFY(window.timelineModel()->index(1).data(TimelineModel::EditedRole).toBool());
    QVERIFY(window.timelineModel()
                ->index(1)
                .data(TimelineModel::BadgesRole)
                .toStringList()
                .contains(QStringLiteral("edited")));
    QVERIFY(!window.stepEditor()->isVisible());
    QCOMPARE(timeline->rowCount(), 3);  // two hops and the outcome: the pending card became hop 1
    QVERIFY(!timeline->pending());
}

void tst_MainWindow::stopCancelsAtOnce()
{
    Reply slow = ScriptedServer::redirect(302, "/echo");
    slow.delayMs = 8000;
    m_server->on("/slow", slow);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    typeUrl(window, m_server->url(QStringLiteral("/slow")));
    QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(), 1, 5000);
    QVERIFY(window.engine()->isRunning());
    QVERIFY(window.statusLabel()->text().startsWith(QStringLiteral("Running")));
    QTest::keyClick(&window, Qt::Key_Escape);
    // Stop is synchronous: no waiting for the server's 8 s.
    QVERIFY(!window.engine()->isRunning());
    QVERIFY(window.timelineModel()->isFinished());
    const int outcome = window.timelineModel()->outcomeRow();
    QCOMPARE(window.timelineModel()->index(outcome).data(TimelineModel::OutcomeKindRole).toString(),
             QStringLiteral("stopped"));
    QVERIFY(window.traceController()->actions().send->isEnabled());
}

void tst_MainWindow::compareProfiles()
{
    // POST → 302 to another origin: browser and curl turn it into GET, strict keeps POST;
    // Authorization goes on only where the profile allows it.
    m_server->on(
        "/form",
        ScriptedServer::redirect(
            302, m_other->urlWithHost(QStringLiteral("localhost"), QStringLiteral("/echo")).toEncoded()));
    MainWindow window;
    window.resize(1400, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    RequestSpec spec;
    spec.method = "POST";
    spec.url = m_server->url(QStringLiteral("/form"));
    spec.body = "x=1";
    spec.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    window.requestEditor()->setRequest(spec);
    QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
    CompareView *compare = window.compareView();
    QCOMPARE(window.resultTabs()->currentWidget(), compare);
    QTRY_VERIFY_WITH_TIMEOUT(!compare->isRunning(), 15000);
    QCOMPARE(compare->columnCount(), 3);
    QHash<Profile, QString> secondMethod;
    for (int c = 0; c < compare->columnCount(); ++c) {
        TimelineModel *model = compare->model(c);
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model->isFinished());
        QCOMPARE(model->rowCount(), 3);
        secondMethod.insert(compare->profileAt(c),
                            model->index(1).data(TimelineModel::MethodRole).toString());
    }
    QCOMPARE(secondMethod.value(Profile::Browser), QStringLiteral("GET"));
    QCOMPARE(secondMethod.value(Profile::Curl), QStringLiteral("GET"));
    QCOMPARE(secondMethod.value(Profile::Strict), QStringLiteral("POST"));
    // The differing hop is highlighted in every column and listed in words.
    for (int c = 0; c < compare->columnCount(); ++c)
        QVERIFY(!compare->model(c)->index(1).data(TimelineModel::DifferencesRole).toStringList().isEmpty());
    QVERIFY(!compare->differences().isEmpty());
    QVERIFY2(compare->differences().join(QLatin1Char('\n')).contains(QStringLiteral("POST")),
             qPrintable(compare->differences().join(QLatin1Char('\n'))));
    // Activating a compared hop opens that trace in the timeline and inspector.
    QListView *strictView = compare->view(2);
    emit strictView->activated(compare->model(2)->index(1));
    QCOMPARE(window.resultTabs()->currentIndex(), 0);
    QCOMPARE(window.timelineModel()->trace().profile, QStringLiteral("strict"));
    QCOMPARE(window.timelineView()->currentIndex().row(), 1);
}

void tst_MainWindow::settingsPersist()
{
    const QUrl url = m_server->url(QStringLiteral("/echo"));
    {
        MainWindow window;
        // First start, nothing saved: up to 1440x900, at most nine tenths of the screen, centred.
        const QRect screen = window.screen()->availableGeometry();
        const QSize expected = QSize(1440, 900).boundedTo(screen.size() * 0.9);
        QCOMPARE(window.size(), expected);
        QCOMPARE(window.geometry().center(), screen.center());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        Options options = window.requestEditor()->options();
        options.profile = Profile::Strict;
        window.requestEditor()->setOptions(options);
        typeUrl(window, url);
        window.send();
        QTRY_VERIFY_WITH_TIMEOUT(window.timelineModel()->isFinished(), 10000);
        window.resize(1111, 777);
        window.close();
    }
    MainWindow again;
    QCOMPARE(again.requestEditor()->options().profile, Profile::Strict);
    QCOMPARE(again.requestEditor()->recentUrls().value(0), url.toString());
    QCOMPARE(again.requestEditor()->urlEdit()->text(), url.toString());
    QCOMPARE(again.size(), QSize(1111, 777));
}

void tst_MainWindow::curlPasteFillsTheRequest()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString url = m_server->url(QStringLiteral("/echo")).toString();
    QGuiApplication::clipboard()->setText(
        QStringLiteral("curl -X PUT '%1' \\\n  -H 'X-A: 1' \\\n  --data-raw 'hello'").arg(url));
    UrlEdit *edit = window.requestEditor()->urlEdit();
    edit->setFocus();
    edit->clear();
    QTest::keySequence(edit, QKeySequence::Paste);
    QCOMPARE(window.requestEditor()->methodBox()->currentText(), QStringLiteral("PUT"));
    QCOMPARE(edit->text(), url);
    window.send();
    QTRY_VERIFY_WITH_TIMEOUT(window.timelineModel()->isFinished(), 10000);
    const ReceivedRequest received = m_server->requests().last();
    QCOMPARE(received.method, QByteArray("PUT"));
    QCOMPARE(received.header("X-A"), QByteArray("1"));
    QCOMPARE(received.body, QByteArray("hello"));
}

void tst_MainWindow::everyActionHasShortcutAndToolTip()
{
    MainWindow window;
    const TraceController::Actions &trace = window.traceController()->actions();
    const MainWindow::Actions &own = window.actions();
    const QList<QPair<QAction *, QString>> named{
        {trace.send, QStringLiteral("send")},         {trace.step, QStringLiteral("step")},
        {trace.resume, QStringLiteral("continue")},   {trace.stop, QStringLiteral("stop")},
        {trace.compare, QStringLiteral("compare")},   {own.focusUrl, QStringLiteral("focusUrl")},
        {own.showTrace, QStringLiteral("showTrace")}, {own.showCompare, QStringLiteral("showCompare")},
        {own.quit, QStringLiteral("quit")},           {own.about, QStringLiteral("about")}};
    for (const auto &[a, name] : named) {
        QVERIFY2(a, qPrintable(name));
        QCOMPARE(a->objectName(), name);
        QVERIFY2(!a->shortcut().isEmpty(), qPrintable(name));
        QVERIFY2(!a->toolTip().isEmpty() && a->toolTip() != a->text(), qPrintable(name));
    }
    // Every command in the menus, not only the named ones: a tooltip that says more than its text, and a
    // shortcut. Menus that list files (Open Recent) hold no commands of their own.
    QStringList missing;
    const std::function<void(QMenu *)> walk = [&](QMenu *menu) {
        for (QAction *a : menu->actions()) {
            if (a->isSeparator())
                continue;
            if (a->menu()) {
                if (a->menu()->objectName() != QLatin1String("recentSessions"))
                    walk(a->menu());
                continue;
            }
            const QString what = menu->title().remove(QLatin1Char('&')) + QStringLiteral(" > ")
                                 + a->text().remove(QLatin1Char('&'));
            if (a->shortcut().isEmpty())
                missing << what + QStringLiteral(": no shortcut");
            if (a->toolTip().isEmpty() || a->toolTip() == a->text().remove(QLatin1Char('&')))
                missing << what + QStringLiteral(": no tooltip");
        }
    };
    for (QAction *top : window.menuBar()->actions()) {
        if (top->menu())
            walk(top->menu());
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));
    QCOMPARE(trace.send->shortcuts(), MainWindow::sendShortcuts());
    QCOMPARE(trace.step->shortcut(), QKeySequence(Qt::Key_F10));
    QCOMPARE(trace.resume->shortcut(), QKeySequence(Qt::Key_F8));
    QCOMPARE(trace.stop->shortcut(), QKeySequence(Qt::Key_Escape));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
