// Renders the window with a real 4-hop trace (a login POST answered by 302 that sets a cookie, a
// cross-origin 301, a 302 back, a 200) to PNGs under the build folder, in a light and a dark palette, so
// that a person can look at them; checks that the pictures show what the trace holds.
#include "core/engine/engine.h"
#include "support/scriptedserver.h"
#include "support/uitest.h"
#include "widgets/compareview.h"
#include "widgets/hopinspector.h"
#include "widgets/mainwindow.h"
#include "widgets/requesteditor.h"
#include "widgets/stepeditor.h"
#include "workbench/headereditmodel.h"
#include "workbench/timelinemodel.h"

#include <QApplication>
#include <QDir>
#include <QHeaderView>
#include <QImage>
#include <QListView>
#include <QScrollBar>
#include <QSettings>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Rwb;
using namespace Rwb::Test;

class tst_RenderWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void renderFourHopTrace_data();
    void renderFourHopTrace();
    void renderComparison();
    void renderPausedStep_data();
    void renderPausedStep();
    void renderRefreshChain();
    void renderCookieDecisions_data();
    void renderCookieDecisions();

private:
    void scriptChain();
    RequestSpec loginRequest() const;
    bool showWithLoginRequest(MainWindow &window) const;
    QTemporaryDir m_settingsDir;
    ScriptedServer m_site;   // http://127.0.0.1:PORT
    ScriptedServer m_other;  // http://localhost:OTHER: another origin
};

void tst_RenderWindow::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("rwb-tests"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QVERIFY(m_site.listen());
    QVERIFY(m_other.listen());
    scriptChain();
}

void tst_RenderWindow::scriptChain()
{
    m_site.on(
        "/login",
        ScriptedServer::redirect(302, "/account").addHeader("Set-Cookie", "session=f00d; Path=/; HttpOnly"));
    m_site.on(
        "/account",
        ScriptedServer::redirect(
            301,
            m_other.urlWithHost(QStringLiteral("localhost"), QStringLiteral("/profile?tab=1")).toEncoded()));
    m_other.on("/profile", ScriptedServer::redirect(302, m_site.url(QStringLiteral("/home")).toEncoded()));
    m_site.on("/home", &ScriptedServer::echo);
    // A Refresh header, then a meta refresh after 1 s (not waited for), then a 302.
    Reply refresh;
    refresh.headers = {{"Content-Type", "text/plain"}, {"Refresh", "0; url=/mr/1"}};
    refresh.body = "refreshing";
    m_site.on("/rf/1", refresh);
    Reply meta;
    meta.headers = {{"Content-Type", "text/html"}};
    meta.body = "<!doctype html><meta http-equiv=\"refresh\" content=\"1; url=/r\">";
    m_site.on("/mr/1", meta);
    m_site.on("/r", ScriptedServer::redirect(302, "/home"));
}

RequestSpec tst_RenderWindow::loginRequest() const
{
    RequestSpec spec;
    spec.method = "POST";
    spec.url = m_site.url(QStringLiteral("/login"));
    spec.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                    {"Authorization", "Bearer demo-token"}};
    spec.body = "user=alice&password=secret";
    return spec;
}

// The window at the size of the README picture, shown, with the login request in its editor.
bool tst_RenderWindow::showWithLoginRequest(MainWindow &window) const
{
    window.resize(1440, 900);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    window.requestEditor()->setRequest(loginRequest());
    return true;
}

void tst_RenderWindow::renderFourHopTrace_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void tst_RenderWindow::renderFourHopTrace()
{
    QFETCH(bool, dark);
    RwbTest::applyTheme(dark);
    MainWindow window;
    QVERIFY(showWithLoginRequest(window));
    window.send();
    TimelineModel *model = window.timelineModel();
    QTRY_VERIFY_WITH_TIMEOUT(model->isFinished(), 10000);
    QCOMPARE(model->rowCount(), 5);
    QCOMPARE(model->index(1).data(TimelineModel::PreviousMethodRole).toString(), QStringLiteral("POST"));
    QCOMPARE(model->index(2).data(TimelineModel::OriginChangeRole).toInt(),
             int(TimelineModel::OriginChange::CrossOrigin));
    QVERIFY(model->index(0)
                .data(TimelineModel::BadgesRole)
                .toStringList()
                .contains(QStringLiteral("cookie set")));
    QVERIFY(model->index(3)
                .data(TimelineModel::BadgesRole)
                .toStringList()
                .contains(QStringLiteral("cookie sent")));
    window.timelineView()->setCurrentIndex(model->index(1));
    QApplication::processEvents();
    const QImage image = RwbTest::saveScreenshot(window, dark ? QStringLiteral("workbench-dark.png")
                                                              : QStringLiteral("workbench-light.png"));
    QVERIFY(!image.isNull());
    // The picture holds the status pills: the 302's blue and the 200's green appear in the timeline.
    const QRect timeline(window.timelineView()->mapTo(&window, QPoint(0, 0)), window.timelineView()->size());
    bool blue = false;
    bool green = false;
    for (int y = timeline.top(); y < timeline.bottom(); y += 2) {
        for (int x = timeline.left(); x < timeline.left() + 200; ++x) {
            const QColor c = image.pixelColor(x, y);
            blue = blue || c == QColor(0x15, 0x65, 0xc0);
            green = green || c == QColor(0x2e, 0x7d, 0x32);
        }
    }
    QVERIFY(blue);
    QVERIFY(green);
}

void tst_RenderWindow::renderComparison()
{
    QApplication::setPalette(QApplication::style()->standardPalette());
    MainWindow window;
    QVERIFY(showWithLoginRequest(window));
    window.compareProfiles();
    QTRY_VERIFY_WITH_TIMEOUT(!window.compareView()->isRunning(), 15000);
    QVERIFY(!window.compareView()->differences().isEmpty());
    QVERIFY(!RwbTest::saveScreenshot(window, QStringLiteral("compare-light.png")).isNull());
}

void tst_RenderWindow::renderPausedStep_data()
{
    RwbTest::addScreenRows();
}

// Paused before the cross-origin hop, in step-<theme>-<width>.png, and the step editor alone in
// stepeditor-<theme>-<width>.png; every header row of that request in view, no column cut off.
void tst_RenderWindow::renderPausedStep()
{
    QFETCH(bool, dark);
    QFETCH(QSize, size);
    RwbTest::applyTheme(dark);
    MainWindow window;
    QVERIFY(showWithLoginRequest(window));
    window.resize(size);
    window.step();
    QTRY_VERIFY_WITH_TIMEOUT(window.engine()->isPaused(), 10000);
    window.step();  // the 302 → GET /account hop, then paused before the cross-origin hop
    QTRY_COMPARE_WITH_TIMEOUT(window.timelineModel()->rowCount(), 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(window.engine()->isPaused(), 10000);
    StepEditor *editor = window.stepEditor();
    QVERIFY(editor->isVisible());
    // The splitter lays the editor out after the event loop has run (under load, later): wait for it
    // rather than grab an empty widget.
    QTRY_VERIFY_WITH_TIMEOUT(editor->height() >= editor->minimumSizeHint().height() && editor->width() > 0,
                             10000);
    auto *table = editor->findChild<QTableView *>();
    QVERIFY(table);
    // Nothing grows past the screen: the window keeps its size.
    QCOMPARE(window.size(), size);
    // Saved first, so that a failure below can be looked at.
    const QString name = QStringLiteral("%1-%2.png")
                             .arg(dark ? QStringLiteral("dark") : QStringLiteral("light"))
                             .arg(size.width());
    QVERIFY(!RwbTest::saveScreenshot(window, QStringLiteral("step-") + name).isNull());
    QVERIFY(!RwbTest::saveScreenshot(*editor, QStringLiteral("stepeditor-") + name).isNull());
    QHeaderView *columns = table->horizontalHeader();
    QTRY_COMPARE(columns->length(), table->viewport()->width());  // no horizontal scrolling
    QVERIFY(!table->horizontalScrollBar()->isVisible());
    // The names show whole; each row is as high as its cells need (a long change wraps), none cut off.
    QVERIFY(columns->sectionSize(HeaderEditModel::NameColumn)
            >= static_cast<QAbstractItemView *>(table)->sizeHintForColumn(HeaderEditModel::NameColumn));
    QVERIFY(table->wordWrap());
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        const int needed = static_cast<QAbstractItemView *>(table)->sizeHintForRow(row);
        QVERIFY2(table->rowHeight(row) >= needed,
                 qPrintable(
                     QStringLiteral("row %1: %2 px of %3").arg(row).arg(table->rowHeight(row)).arg(needed)));
    }
    QVERIFY(columns->sectionSize(HeaderEditModel::ValueColumn) >= table->viewport()->width() / 5);
    const int rowHeight = table->verticalHeader()->defaultSectionSize();
    QVERIFY2(
        table->viewport()->height() >= 5 * rowHeight,
        qPrintable(QStringLiteral("%1 px for rows of %2").arg(table->viewport()->height()).arg(rowHeight)));
    window.stop();
    QTRY_VERIFY(!window.engine()->isRunning());
    QVERIFY(window.inspector()->isVisible());  // back once the step editor is gone
}

// Refresh hops in the timeline: their pills and the dashed connectors, in the picture timeline-refresh.png.
void tst_RenderWindow::renderRefreshChain()
{
    QApplication::setPalette(QApplication::style()->standardPalette());
    MainWindow window;
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    RequestSpec spec;
    spec.url = m_site.url(QStringLiteral("/rf/1"));
    window.requestEditor()->setRequest(spec);
    window.send();
    TimelineModel *model = window.timelineModel();
    QTRY_VERIFY_WITH_TIMEOUT(model->isFinished(), 10000);
    QCOMPARE(model->rowCount(), 5);
    QCOMPARE(model->index(1).data(TimelineModel::ViaRole).toString(), QStringLiteral("refresh-header"));
    QCOMPARE(model->index(2).data(TimelineModel::ViaRole).toString(), QStringLiteral("meta-refresh"));
    QCOMPARE(model->index(2).data(TimelineModel::RefreshDelayRole).toDouble(), 1000.0);
    QCOMPARE(model->index(3).data(TimelineModel::ViaRole).toString(), QStringLiteral("redirect"));
    window.timelineView()->setCurrentIndex(model->index(0));
    QApplication::processEvents();
    const QImage image = RwbTest::saveScreenshot(window, QStringLiteral("timeline-refresh.png"));
    QVERIFY(!image.isNull());
    // The refresh colour is on the connectors' column of both refresh cards, and not on the redirect's.
    QListView *view = window.timelineView();
    const QColor ink = Theme::refreshColor();
    const auto inkedRow = [&](int row) {
        const QRect item = view->visualRect(model->index(row));
        const QRect r(view->viewport()->mapTo(&window, item.topLeft()), item.size());
        for (int y = r.top(); y < r.top() + r.height() / 2; ++y) {
            for (int x = r.left(); x < r.left() + 10; ++x) {
                const QColor c = image.pixelColor(x, y);
                if (qAbs(c.red() - ink.red()) + qAbs(c.green() - ink.green()) + qAbs(c.blue() - ink.blue())
                    < 40)
                    return true;
            }
        }
        return false;
    };
    QVERIFY(inkedRow(1));
    QVERIFY(inkedRow(2));
    QVERIFY(!inkedRow(3));
}

void tst_RenderWindow::renderCookieDecisions_data()
{
    RwbTest::addScreenRows();
}

// A link from a page on another site (localhost) to the login chain, with three cookies already in the jar:
// the Cookies tab of the first hop lists the Strict one as not sent, with the rule, and the others as sent.
void tst_RenderWindow::renderCookieDecisions()
{
    QFETCH(bool, dark);
    QFETCH(QSize, size);
    RwbTest::applyTheme(dark);
    MainWindow window;
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    RequestSpec spec;
    spec.url = m_site.url(QStringLiteral("/login"));
    window.requestEditor()->setRequest(spec);
    Options options = window.requestEditor()->options();
    options.context.from = m_other.urlWithHost(QStringLiteral("localhost"), QStringLiteral("/blog/post"));
    const QUrl site = m_site.url(QStringLiteral("/"));
    for (const char *cookie : {"strict=1; SameSite=Strict", "lax=1; SameSite=Lax", "plain=1"})
        options.presetCookies.append({site, QByteArray(cookie)});
    window.requestEditor()->setOptions(options);
    window.send();
    TimelineModel *model = window.timelineModel();
    QTRY_VERIFY_WITH_TIMEOUT(model->isFinished(), 10000);
    window.timelineView()->setCurrentIndex(model->index(0));
    QTabWidget *tabs = window.inspector()->tabs();
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->tabText(i).remove(QLatin1Char('&')) == QLatin1String("Cookies"))
            tabs->setCurrentIndex(i);
    }
    QApplication::processEvents();
    const QString text = window.inspector()->tabText(QStringLiteral("Cookies"));
    const QString sent = text.section(QLatin1String("Set by this response"), 0, 0);
    QVERIFY2(sent.contains(QLatin1String("lax: 1")) && sent.contains(QLatin1String("plain: 1")),
             qPrintable(text));
    QVERIFY2(!sent.contains(QLatin1String("strict")), qPrintable(text));
    QVERIFY2(text.contains(
                 QLatin1String("strict not sent: SameSite=Strict and the request comes from another site")),
             qPrintable(text));
    const QImage image =
        RwbTest::saveScreenshot(window, QStringLiteral("cookies-%1-%2.png")
                                            .arg(dark ? QStringLiteral("dark") : QStringLiteral("light"))
                                            .arg(size.width()));
    QVERIFY(!image.isNull());
}

QTEST_MAIN(tst_RenderWindow)
#include "tst_render_window.moc"
