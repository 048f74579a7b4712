// Renders the window with a real 4-hop trace (a login POST answered by 302 that sets a cookie, a
// cross-origin 301, a 302 back, a 200) to PNGs under the build folder, in a light and a dark palette, so
// that a person can look at them; checks that the pictures show what the trace holds.
#include "compareview.h"
#include "engine.h"
#include "mainwindow.h"
#include "requesteditor.h"
#include "scriptedserver.h"
#include "stepeditor.h"
#include "timelinemodel.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QListView>
#include <QSettings>
#include <QStyleFactory>
#include <QTabWidget>
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
    void renderPausedStep();

private:
    void scriptChain();
    RequestSpec loginRequest() const;
    QString outputDir() const;
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
    QVERIFY(QDir().mkpath(outputDir()));
}

QString tst_RenderWindow::outputDir() const
{
    return QStringLiteral(QT_TESTCASE_BUILDDIR "/screenshots");
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

void tst_RenderWindow::renderFourHopTrace_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

namespace {

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xd8));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    return p;
}

}  // namespace

void tst_RenderWindow::renderFourHopTrace()
{
    QFETCH(bool, dark);
    QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
    MainWindow window;
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.requestEditor()->setRequest(loginRequest());
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
    const QImage image = window.grab().toImage();
    const QString path =
        outputDir() + (dark ? QStringLiteral("/workbench-dark.png") : QStringLiteral("/workbench-light.png"));
    QVERIFY(image.save(path));
    qInfo("Window picture: %s", qPrintable(path));
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
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.requestEditor()->setRequest(loginRequest());
    window.compareProfiles();
    QTRY_VERIFY_WITH_TIMEOUT(!window.compareView()->isRunning(), 15000);
    QVERIFY(!window.compareView()->differences().isEmpty());
    const QString path = outputDir() + QStringLiteral("/compare-light.png");
    QVERIFY(window.grab().save(path));
    qInfo("Comparison picture: %s", qPrintable(path));
}

void tst_RenderWindow::renderPausedStep()
{
    QApplication::setPalette(QApplication::style()->standardPalette());
    MainWindow window;
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.requestEditor()->setRequest(loginRequest());
    window.step();
    QTRY_VERIFY_WITH_TIMEOUT(window.engine()->isPaused(), 10000);
    window.step();  // the 302 → GET /account hop, then paused before the cross-origin hop
    QTRY_COMPARE_WITH_TIMEOUT(window.timelineModel()->rowCount(), 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(window.engine()->isPaused(), 10000);
    QVERIFY(window.stepEditor()->isVisible());
    const QString path = outputDir() + QStringLiteral("/step-light.png");
    QVERIFY(window.grab().save(path));
    qInfo("Step-through picture: %s", qPrintable(path));
    window.stop();
}

QTEST_MAIN(tst_RenderWindow)
#include "tst_render_window.moc"
