// Step-through in the window, as a user does it (issue 13): the time spent paused is shown as a pause on
// the card of the hop sent after it and counted nowhere else (durations, time scale, outcome, status);
// the recent-URL popup closes when a trace starts, so that the next click (Stop's) is not spent on it.
#include "core/engine/engine.h"
#include "support/scriptedserver.h"
#include "widgets/mainwindow.h"
#include "widgets/requesteditor.h"
#include "widgets/tracecontroller.h"
#include "widgets/urledit.h"
#include "workbench/timelinelayout.h"
#include "workbench/timelinemodel.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QCompleter>
#include <QLabel>
#include <QListView>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Rwb;
using namespace Rwb::Test;

namespace {

constexpr int kThinkMs = 1500;  // well above three loopback hops' time, even under ASan on a loaded machine

// The "…, N ms" at the end of a text; -1 when there is none.
int trailingMs(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("(\\d+) ms"));
    QRegularExpressionMatchIterator it = pattern.globalMatch(text);
    int ms = -1;
    while (it.hasNext())
        ms = it.next().captured(1).toInt();
    return ms;
}

}  // namespace

class tst_StepThrough : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void pauseIsShownNotCounted();
    void urlPopupClosesOnStep_data();
    void urlPopupClosesOnStep();

private:
    bool showWindow(MainWindow &window);
    QTemporaryDir m_settingsDir;
    ScriptedServer *m_server = nullptr;
};

void tst_StepThrough::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("rwb-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_stepthrough"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void tst_StepThrough::init()
{
    QSettings().clear();
    m_server = ScriptedServer::startEcho(this);
    QVERIFY(m_server);
    m_server->on("/a", ScriptedServer::redirect(302, "/b"));
    m_server->on("/b", ScriptedServer::redirect(302, "/echo"));
}

void tst_StepThrough::cleanup()
{
    delete m_server;
    m_server = nullptr;
}

bool tst_StepThrough::showWindow(MainWindow &window)
{
    window.resize(1440, 900);
    window.show();
    return QTest::qWaitForWindowExposed(&window);
}

void tst_StepThrough::pauseIsShownNotCounted()
{
    MainWindow window;
    QVERIFY(showWindow(window));
    RequestSpec spec;
    spec.url = m_server->url(QStringLiteral("/a"));
    window.requestEditor()->setRequest(spec);
    TimelineModel *model = window.timelineModel();

    // Step (F10), think, Step, think, Continue (F8).
    QTest::keyClick(&window, Qt::Key_F10);
    QTRY_VERIFY_WITH_TIMEOUT(window.engine()->isPaused(), 10000);
    QTest::qWait(kThinkMs);
    QTest::keyClick(&window, Qt::Key_F10);
    QTRY_VERIFY_WITH_TIMEOUT(window.engine()->isPaused() && window.engine()->trace().hops.size() == 2, 10000);
    QTest::qWait(kThinkMs);
    QTest::keyClick(&window, Qt::Key_F8);
    QTRY_VERIFY_WITH_TIMEOUT(model->isFinished(), 10000);
    QCOMPARE(model->rowCount(), 4);  // three hops and the outcome

    // The pauses are on the hops sent after them.
    QCOMPARE(model->index(0).data(TimelineModel::PausedMsRole).toDouble(), 0.0);
    for (int row : {1, 2}) {
        const double paused = model->index(row).data(TimelineModel::PausedMsRole).toDouble();
        QVERIFY2(paused >= kThinkMs, qPrintable(QString::number(paused)));
    }
    // Nothing else counts them: the time scale, the outcome's figure and the status line are network time.
    const double total = model->index(0).data(TimelineModel::TotalMsRole).toDouble();
    QVERIFY2(total < kThinkMs, qPrintable(QString::number(total)));
    const QString outcome = model->index(3).data(TimelineModel::OutcomeMessageRole).toString();
    QVERIFY2(outcome.startsWith(QStringLiteral("200 OK after 2 redirects")), qPrintable(outcome));
    QVERIFY2(trailingMs(outcome) >= 0 && trailingMs(outcome) < kThinkMs, qPrintable(outcome));
    qInfo("Network time %.1f ms; paused %.0f ms and %.0f ms; outcome: %s", total,
          model->index(1).data(TimelineModel::PausedMsRole).toDouble(),
          model->index(2).data(TimelineModel::PausedMsRole).toDouble(), qPrintable(outcome));
    const QString status = window.statusLabel()->text();
    QVERIFY2(trailingMs(status) >= 0 && trailingMs(status) < kThinkMs, qPrintable(status));

    // On the card: a "paused" mark, no span on the scale. Each hop's bar ends within the scale.
    QListView *view = window.timelineView();
    for (int row = 0; row < 3; ++row) {
        const QModelIndex index = model->index(row);
        const TimelineLayout l =
            TimelineLayout::compute(TimelineLayout::Row::of(index), view->visualRect(index), view->font());
        QVERIFY(l.bar.right() <= l.barArea.right() + 1);
        if (row == 0) {
            QVERIFY(l.pause.rect.isNull());
            continue;
        }
        QVERIFY2(l.pause.text.contains(QStringLiteral("paused")), qPrintable(l.pause.text));
        QVERIFY(!l.pause.rect.isNull());
        QVERIFY(l.pause.rect.left() > l.duration.rect.left());  // after the figure, not on the scale
        QVERIFY(l.pause.toolTip.contains(QStringLiteral("not network time")));
    }
}

void tst_StepThrough::urlPopupClosesOnStep_data()
{
    QTest::addColumn<bool>("byKey");
    QTest::newRow("F10 in the popup") << true;
    QTest::newRow("Step action") << false;
}

void tst_StepThrough::urlPopupClosesOnStep()
{
    QFETCH(bool, byKey);
    MainWindow window;
    QVERIFY(showWindow(window));
    UrlEdit *edit = window.requestEditor()->urlEdit();
    const QString url = m_server->url(QStringLiteral("/a")).toString();
    edit->setRecentUrls({url, m_server->url(QStringLiteral("/b")).toString()});
    edit->setFocus();
    edit->clear();
    // Typing a recent URL opens the popup, as it does for the user.
    QTest::keyClicks(edit, url);
    QAbstractItemView *popup = edit->completer()->popup();
    QTRY_VERIFY(popup->isVisible());

    if (byKey)
        QTest::keyClick(QApplication::activePopupWidget() ? QApplication::activePopupWidget() : edit,
                        Qt::Key_F10);
    else
        window.traceController()->actions().step->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window.engine()->isPaused(), 10000);
    QVERIFY(!popup->isVisible());
    QVERIFY(!QApplication::activePopupWidget());

    // The next click is Stop's: it stops the trace (with the popup open it only closed the popup).
    QToolButton *stopButton = nullptr;
    for (QToolButton *button : window.findChildren<QToolButton *>()) {
        if (button->defaultAction() == window.traceController()->actions().stop && button->isVisible())
            stopButton = button;
    }
    QVERIFY(stopButton);
    QVERIFY(stopButton->isEnabled());
    QTest::mouseClick(stopButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!window.engine()->isRunning(), 5000);
    QCOMPARE(window.engine()->trace().outcome.kind, OutcomeKind::Stopped);
}

QTEST_MAIN(tst_StepThrough)
#include "tst_stepthrough.moc"
