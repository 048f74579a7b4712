// The window's panels at the sizes people use (1440x900 and 1280x720, light and dark): the Options tab
// readable without dragging a splitter, the profiles compared side by side with the sandbox dock open and
// every host whole, the sandbox dock not coming back by itself. Pictures go to screenshots/ for a person
// to look at; the assertions check what a picture cannot prove by itself.
#include "sandbox/sandbox.h"
#include "support/scriptedserver.h"
#include "support/uitest.h"
#include "widgets/compareview.h"
#include "widgets/mainwindow.h"
#include "widgets/requesteditor.h"
#include "widgets/requestoptionspane.h"
#include "widgets/sandboxcontroller.h"
#include "widgets/sandboxpanel.h"
#include "workbench/timelinelayout.h"
#include "workbench/timelinemodel.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QListView>
#include <QListWidget>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextLayout>

using namespace Rwb;
using namespace Rwb::Test;

class tst_WindowPanels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void optionsTabIsReadable_data();
    void optionsTabIsReadable();
    void compareKeepsHostsWhole_data();
    void compareKeepsHostsWhole();
    void sandboxDockDoesNotComeBackByItself();

private:
    QTemporaryDir m_settingsDir;
    ScriptedServer m_server;
};

void tst_WindowPanels::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("rwb-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_windowpanels"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QVERIFY(m_server.listen());
    m_server.on("/a", ScriptedServer::redirect(302, "/b"));
    m_server.on("/b", ScriptedServer::redirect(307, "/c"));
    m_server.on("/c", &ScriptedServer::echo);
}

void tst_WindowPanels::init()
{
    QSettings().clear();
    QSettings().setValue(QStringLiteral("demo/offered"), true);  // no demo bar over the pictures
}

namespace {

QString pictureName(const QString &what, const QSize &size, bool dark)
{
    return QStringLiteral("%1-%2-%3.png")
        .arg(what, dark ? QStringLiteral("dark") : QStringLiteral("light"))
        .arg(size.width());
}

}  // namespace

void tst_WindowPanels::optionsTabIsReadable_data()
{
    RwbTest::addScreenRows();
}

// Issue 13, item 3: at 1440x900 the profile, limit, timeout and cookie jar rows overlapped until the
// splitter was dragged. Now no two of the pane's fields overlap and none is squeezed below its size hint
// (the tab scrolls when the editor is too short for the whole pane).
void tst_WindowPanels::optionsTabIsReadable()
{
    QFETCH(QSize, size);
    QFETCH(bool, dark);
    RwbTest::applyTheme(dark);
    MainWindow window;
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    RequestOptionsPane *pane = window.requestEditor()->optionsPane();
    QWidget *tab = pane;
    while (tab && tab->parentWidget() && !qobject_cast<QTabWidget *>(tab->parentWidget()->parentWidget()))
        tab = tab->parentWidget();
    window.requestEditor()->tabs()->setCurrentWidget(tab);
    QApplication::processEvents();
    QVERIFY(pane->isVisible());
    QList<QWidget *> fields;
    for (QWidget *w : pane->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly)) {
        if (w->isVisible())
            fields.append(w);
    }
    QVERIFY(fields.size() >= 10);
    for (QWidget *w : fields) {
        QVERIFY2(w->height() >= w->minimumSizeHint().height(),
                 qPrintable(QStringLiteral("%1 is %2 px high, needs %3")
                                .arg(QString::fromLatin1(w->metaObject()->className()))
                                .arg(w->height())
                                .arg(w->minimumSizeHint().height())));
        for (QWidget *other : fields) {
            if (other != w)
                QVERIFY2(!w->geometry().intersects(other->geometry()),
                         qPrintable(QStringLiteral("%1 overlaps %2")
                                        .arg(QString::fromLatin1(w->metaObject()->className()),
                                             QString::fromLatin1(other->metaObject()->className()))));
        }
    }
    QVERIFY(!RwbTest::saveScreenshot(window, pictureName(QStringLiteral("options"), size, dark)).isNull());
    // The tab scrolled to its end: the last rows (HTTP version, the check boxes) in the picture too.
    auto *scroll = qobject_cast<QScrollArea *>(tab);
    QVERIFY(scroll);
    scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
    QApplication::processEvents();
    QVERIFY(
        !RwbTest::saveScreenshot(window, pictureName(QStringLiteral("options-end"), size, dark)).isNull());
}

void tst_WindowPanels::compareKeepsHostsWhole_data()
{
    RwbTest::addScreenRows();
}

// Issue 13, item 7: with the sandbox dock open the three profiles got so narrow that hosts read
// "127….4489". Each column is now at least as wide as its longest host needs, and the columns scroll.
void tst_WindowPanels::compareKeepsHostsWhole()
{
    QFETCH(QSize, size);
    QFETCH(bool, dark);
    RwbTest::applyTheme(dark);
    MainWindow window;
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.sandboxController()->actions().sandbox->trigger();
    QTRY_VERIFY(window.sandboxPanel()->isRunning());
    QVERIFY(window.sandboxPanel()->isVisible());
    RequestSpec spec;
    spec.method = "POST";
    spec.url = m_server.url(QStringLiteral("/a"));
    spec.body = "x=1";
    spec.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    window.requestEditor()->setRequest(spec);
    window.compareProfiles();
    CompareView *compare = window.compareView();
    QTRY_VERIFY_WITH_TIMEOUT(!compare->isRunning(), 10000);
    QApplication::processEvents();
    const QString host = TimelineLayout::hostText(spec.url);
    for (int column = 0; column < compare->columnCount(); ++column) {
        QListView *view = compare->view(column);
        TimelineModel *model = compare->model(column);
        QVERIFY(model->rowCount() >= 3);
        for (int row = 0; row < model->outcomeRow(); ++row) {
            const QModelIndex index = model->index(row);
            const TimelineLayout layout = TimelineLayout::compute(TimelineLayout::Row::of(index),
                                                                  view->visualRect(index), view->font());
            QCOMPARE(layout.host.text, host);
        }
    }
    QVERIFY(!RwbTest::saveScreenshot(window, pictureName(QStringLiteral("compare-sandbox"), size, dark))
                 .isNull());
    // Every scenario title in the narrow dock is whole: each row is as tall as its wrapped title.
    auto *scenarios = window.sandboxPanel()->findChild<QListWidget *>(QStringLiteral("sandboxScenarios"));
    QVERIFY(scenarios);
    const int margin = scenarios->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, scenarios) + 1;
    for (int row = 0; row < scenarios->count(); ++row) {
        const QRect rect = scenarios->visualItemRect(scenarios->item(row));
        const QString title = scenarios->item(row)->text();
        // The title wrapped as a view item wraps it (QTextLayout), within the row less the text margins and
        // a character of slack: the style's drawing elides a title that only just fits by its own measure.
        QTextLayout layout(title, scenarios->font());
        QTextOption wrap;
        wrap.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        layout.setTextOption(wrap);
        layout.beginLayout();
        qreal needed = 0;
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(rect.width() - 2 * margin - scenarios->fontMetrics().averageCharWidth());
            needed += line.height();
        }
        layout.endLayout();
        QVERIFY2(rect.height() >= needed,
                 qPrintable(QStringLiteral("'%1': %2 < %3").arg(title).arg(rect.height()).arg(needed)));
        // A one-line title keeps a one-line row.
        QVERIFY2(needed > scenarios->fontMetrics().height()
                     || rect.height() < 2 * scenarios->fontMetrics().height(),
                 qPrintable(title));
    }
    window.sandboxPanel()->stop();
}

// Issue 13, item 11: the dock came back at every start because its visibility was part of the saved
// window state; it opens when the sandbox is started.
void tst_WindowPanels::sandboxDockDoesNotComeBackByItself()
{
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.sandboxController()->actions().sandbox->trigger();
        QTRY_VERIFY(window.sandboxPanel()->isRunning());
        QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("sandboxDock"))->isVisible());
        QVERIFY(window.close());
    }
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.sandboxPanel()->isRunning());
    QVERIFY(!window.findChild<QDockWidget *>(QStringLiteral("sandboxDock"))->isVisible());
}

QTEST_MAIN(tst_WindowPanels)
#include "tst_windowpanels.moc"
