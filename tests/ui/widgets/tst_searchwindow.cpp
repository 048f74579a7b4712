// Find in the trace, driven like a user: a real three-hop trace from an in-process server, Ctrl+F, typing,
// F3 / Shift+F3 / Enter / Shift+Enter / Escape; each match selects its hop, opens the inspector tab that
// shows it and selects the matched text there. Also the pictures of the window with a match shown.
#include "support/scriptedserver.h"
#include "support/uitest.h"
#include "widgets/bodyview.h"
#include "widgets/hopinspector.h"
#include "widgets/mainwindow.h"
#include "widgets/requesteditor.h"
#include "widgets/searchbar.h"
#include "widgets/searchcontroller.h"
#include "workbench/timelinemodel.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>

using namespace Rwb;
using namespace Rwb::Test;

class tst_SearchWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void ctrlF_findsAndSteps();
    void newHop_keepsTheCurrentMatch();
    void invalidExpression_saysSo();
    void noteMatch_showsExplain();
    void editMenu_hasTheFindCommands();
    void renderSearch_data();
    void renderSearch();

private:
    // The window shown with the three-hop trace finished, the focus in the URL field.
    bool traceChain(MainWindow &window, const QSize &size = QSize(1440, 900));
    static QString currentTab(MainWindow &window);
    QTemporaryDir m_settingsDir;
    ScriptedServer m_site;
};

void tst_SearchWindow::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("rwb-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_searchwindow"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QLocale::setDefault(QLocale::c());
    QVERIFY(m_site.listen());
    // "needle" lies in hop 0's response header, hop 1's Location and body, and hop 2's request line.
    m_site.on("/a", ScriptedServer::redirect(302, "/b").addHeader("X-Trail", "needle-in-header"));
    Reply b = ScriptedServer::redirect(302, "/c?q=needle");
    b.addHeader("Content-Type", "text/plain; charset=utf-8");
    b.body = "Moved.\nThere is a needle in this body.\n";
    m_site.on("/b", b);
    Reply c;
    c.headers = {{"Content-Type", "text/plain"}, {"Set-Cookie", "session=f00d; Path=/"}};
    c.body = "done";
    m_site.on("/c", c);
}

bool tst_SearchWindow::traceChain(MainWindow &window, const QSize &size)
{
    window.resize(size);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    RequestSpec spec;
    spec.url = m_site.url(QStringLiteral("/a"));
    window.requestEditor()->setRequest(spec);
    window.send();
    if (!QTest::qWaitFor([&] { return window.timelineModel()->isFinished(); }, 10000))
        return false;
    return window.timelineModel()->rowCount() == 4;  // three hops and the outcome
}

QString tst_SearchWindow::currentTab(MainWindow &window)
{
    return window.inspector()->tabs()->currentWidget()->objectName();
}

void tst_SearchWindow::ctrlF_findsAndSteps()
{
    MainWindow window;
    QVERIFY(traceChain(window));
    SearchBar *bar = window.searchController()->bar();
    QVERIFY(!bar->isVisible());
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QVERIFY(bar->isVisible());
    QVERIFY(bar->field()->hasFocus());
    // The bar sits above the timeline.
    QVERIFY(bar->mapTo(&window, QPoint(0, 0)).y() < window.timelineView()->mapTo(&window, QPoint(0, 0)).y());

    QTest::keyClicks(bar->field(), QStringLiteral("needle"));
    QTRY_VERIFY(!window.searchController()->isSearching());
    const QList<SearchMatch> matches = window.searchController()->result().matches;
    QCOMPARE(matches.size(), 5);
    TimelineModel *model = window.timelineModel();
    const auto row = [&] {
        return window.timelineView()->currentIndex().row();
    };
    // Typing went to the first match: hop 0's X-Trail header, its row selected in the Response tab.
    QCOMPARE(bar->countLabel()->text(), QStringLiteral("1 of 5"));
    QCOMPARE(row(), 0);
    QCOMPARE(currentTab(window), QStringLiteral("Response"));
    const int trail =
        int(model->trace().hops.at(0).response->headers.indexOf(HeaderPair("X-Trail", "needle-in-header")));
    QVERIFY(trail >= 0);
    QTableView *headers = window.inspector()->tabs()->currentWidget()->findChild<QTableView *>();
    QCOMPARE(headers->selectionModel()->selectedRows().value(0).row(), trail);
    // The hops holding a match are marked; the outcome row is not.
    for (int r = 0; r < 3; ++r)
        QVERIFY(model->index(r).data(TimelineModel::SearchMatchRole).toBool());
    QVERIFY(!model->index(3).data(TimelineModel::SearchMatchRole).toBool());

    // F3: hop 1's Location (Response), its body (Body, the word selected), the note that the redirect was
    // followed (Explain, the word selected), then hop 2's request line (Request, the word selected).
    QTest::keyClick(&window, Qt::Key_F3);
    QCOMPARE(bar->countLabel()->text(), QStringLiteral("2 of 5"));
    QCOMPARE(row(), 1);
    QCOMPARE(currentTab(window), QStringLiteral("Response"));
    QTest::keyClick(&window, Qt::Key_F3);
    QCOMPARE(bar->countLabel()->text(), QStringLiteral("3 of 5"));
    QCOMPARE(row(), 1);
    QCOMPARE(currentTab(window), QStringLiteral("Body"));
    BodyView *body = window.inspector()->tabs()->currentWidget()->findChild<BodyView *>();
    QCOMPARE(body->textEdit()->textCursor().selectedText(), QStringLiteral("needle"));
    QTest::keyClick(&window, Qt::Key_F3);
    QCOMPARE(bar->countLabel()->text(), QStringLiteral("4 of 5"));
    QCOMPARE(row(), 1);
    QCOMPARE(currentTab(window), QStringLiteral("Explain"));
    auto *explain = window.inspector()->tabs()->currentWidget()->findChild<QTextBrowser *>();
    QCOMPARE(explain->textCursor().selectedText(), QStringLiteral("needle"));
    QTest::keyClick(&window, Qt::Key_F3);
    QCOMPARE(bar->countLabel()->text(), QStringLiteral("5 of 5"));
    QCOMPARE(row(), 2);
    QCOMPARE(currentTab(window), QStringLiteral("Request"));
    const QString line =
        QStringLiteral("GET %1 HTTP/1.1").arg(m_site.url(QStringLiteral("/c?q=needle")).toString());
    bool selected = false;
    for (QLabel *label : window.inspector()->tabs()->currentWidget()->findChildren<QLabel *>()) {
        if (label->text() == line)
            selected = label->selectedText() == QLatin1String("needle");
    }
    QVERIFY(selected);
    // Past the last match: round to the first; Shift+F3 back to the last.
    QTest::keyClick(&window, Qt::Key_F3);
    QCOMPARE(bar->countLabel()->text(), QStringLiteral("1 of 5"));
    QCOMPARE(row(), 0);
    QTest::keyClick(&window, Qt::Key_F3, Qt::ShiftModifier);
    QCOMPARE(bar->countLabel()->text(), QStringLiteral("5 of 5"));
    QCOMPARE(row(), 2);
    // Enter and Shift+Enter in the field, Ctrl+G and Ctrl+Shift+G anywhere.
    QTest::keyClick(bar->field(), Qt::Key_Return);
    QCOMPARE(bar->countLabel()->text(), QStringLiteral("1 of 5"));
    QTest::keyClick(bar->field(), Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(bar->countLabel()->text(), QStringLiteral("5 of 5"));
    QTest::keyClick(&window, Qt::Key_G, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(bar->countLabel()->text(), QStringLiteral("4 of 5"));
    QTest::keyClick(&window, Qt::Key_G, Qt::ControlModifier);
    QCOMPARE(bar->countLabel()->text(), QStringLiteral("5 of 5"));

    // Match case: "NEEDLE" is nowhere.
    bar->caseButton()->click();
    bar->field()->selectAll();
    QTest::keyClicks(bar->field(), QStringLiteral("NEEDLE"));
    QTRY_COMPARE(bar->countLabel()->text(), QStringLiteral("No matches"));
    QVERIFY(!model->index(0).data(TimelineModel::SearchMatchRole).toBool());
    bar->caseButton()->click();
    QTRY_COMPARE(bar->countLabel()->text(), QStringLiteral("1 of 5"));

    // Escape closes the bar (it does not stop anything) and clears the marks.
    QTest::keyClick(bar->field(), Qt::Key_Escape);
    QVERIFY(!bar->isVisible());
    QVERIFY(!model->index(0).data(TimelineModel::SearchMatchRole).toBool());
}

void tst_SearchWindow::newHop_keepsTheCurrentMatch()
{
    MainWindow window;
    QVERIFY(traceChain(window));
    SearchController *search = window.searchController();
    SearchBar *bar = search->bar();
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QTest::keyClicks(bar->field(), QStringLiteral("needle"));
    QTRY_VERIFY(!search->isSearching());
    QTest::keyClick(&window, Qt::Key_F3);
    QTest::keyClick(&window, Qt::Key_F3);
    QCOMPARE(bar->countLabel()->text(), QStringLiteral("3 of 5"));
    // A hop arrives with two more matches in its URL: the search runs again, the body match stays current.
    Hop extra = window.timelineModel()->trace().hops.at(2);
    extra.index = 3;
    extra.request.url = m_site.url(QStringLiteral("/d?needle=needle"));
    window.timelineModel()->addHop(extra);
    QTRY_COMPARE(bar->countLabel()->text(), QStringLiteral("3 of 7"));
    QCOMPARE(window.timelineView()->currentIndex().row(), 1);
    QCOMPARE(currentTab(window), QStringLiteral("Body"));
    QVERIFY(window.timelineModel()->index(3).data(TimelineModel::SearchMatchRole).toBool());
}

void tst_SearchWindow::invalidExpression_saysSo()
{
    MainWindow window;
    QVERIFY(traceChain(window));
    SearchBar *bar = window.searchController()->bar();
    window.searchController()->actions().find->trigger();
    bar->regexButton()->click();
    QTest::keyClicks(bar->field(), QStringLiteral("needle("));
    QTRY_COMPARE(bar->countLabel()->text(), QStringLiteral("Invalid expression"));
    QVERIFY(bar->countLabel()->toolTip().contains(QStringLiteral("Invalid regular expression")));
    // Said in the danger colour, not the normal text colour.
    QVERIFY(bar->countLabel()->palette().color(QPalette::WindowText)
            != bar->palette().color(QPalette::WindowText));
    QTest::keyClick(&window, Qt::Key_F3);  // nothing to go to, and no crash
    QTest::keyClick(bar->field(), Qt::Key_Backspace);
    QTRY_COMPARE(bar->countLabel()->text(), QStringLiteral("1 of 5"));
    QCOMPARE(bar->countLabel()->palette().color(QPalette::WindowText),
             bar->palette().color(QPalette::WindowText));
    bar->field()->setText(QStringLiteral("nee+dle.in"));
    QTRY_COMPARE(bar->countLabel()->text(), QStringLiteral("1 of 2"));  // the header and the body
}

void tst_SearchWindow::noteMatch_showsExplain()
{
    MainWindow window;
    QVERIFY(traceChain(window));
    // The last hop's Set-Cookie left a note; search for its first word and step to it.
    const NoteList notes = window.timelineModel()->trace().hops.at(2).notes;
    QVERIFY(!notes.isEmpty());
    const QString word = notes.first().message.section(QLatin1Char(' '), 0, 0);
    SearchBar *bar = window.searchController()->bar();
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QTest::keyClicks(bar->field(), word);
    QTRY_VERIFY(!window.searchController()->isSearching());
    const QList<SearchMatch> matches = window.searchController()->result().matches;
    for (int i = 0; i < matches.size(); ++i) {
        if (matches.at(window.searchController()->currentMatch()).place == SearchPlace::Note)
            break;
        QTest::keyClick(&window, Qt::Key_F3);
    }
    const SearchMatch current = matches.at(window.searchController()->currentMatch());
    QCOMPARE(int(current.place), int(SearchPlace::Note));
    QCOMPARE(window.timelineView()->currentIndex().row(), current.hop);
    QCOMPARE(currentTab(window), QStringLiteral("Explain"));
}

void tst_SearchWindow::editMenu_hasTheFindCommands()
{
    MainWindow window;
    QMenu *edit = nullptr;
    for (QAction *a : window.menuBar()->actions()) {
        if (a->text().remove(QLatin1Char('&')) == QLatin1String("Edit"))
            edit = a->menu();
    }
    QVERIFY(edit);
    const SearchController::Actions &search = window.searchController()->actions();
    for (QAction *a : {search.find, search.findNext, search.findPrevious})
        QVERIFY(edit->actions().contains(a));
    QVERIFY(search.find->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_F)));
    QCOMPARE(search.findNext->shortcut(), QKeySequence(Qt::Key_F3));
    QCOMPARE(search.findPrevious->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_F3));
    // No key twice on one action: that would make it ambiguous and trigger nothing.
    for (QAction *a : {search.find, search.findNext, search.findPrevious}) {
        const QList<QKeySequence> keys = a->shortcuts();
        for (const QKeySequence &k : keys)
            QCOMPARE(keys.count(k), 1);
    }
}

void tst_SearchWindow::renderSearch_data()
{
    RwbTest::addScreenRows();
}

// The window with the find bar open and the body match shown: the word selected in the Body tab.
void tst_SearchWindow::renderSearch()
{
    QFETCH(bool, dark);
    QFETCH(QSize, size);
    RwbTest::applyTheme(dark);
    MainWindow window;
    QVERIFY(traceChain(window, size));
    SearchBar *bar = window.searchController()->bar();
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QTest::keyClicks(bar->field(), QStringLiteral("needle"));
    QTRY_VERIFY(!window.searchController()->isSearching());
    QTest::keyClick(&window, Qt::Key_F3);
    QTest::keyClick(&window, Qt::Key_F3);
    QCOMPARE(bar->countLabel()->text(), QStringLiteral("3 of 5"));
    QApplication::processEvents();
    // Every part of the bar is at least as wide as it asks to be: nothing cut off.
    for (QWidget *w : bar->findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
        if (w->isVisible())
            QVERIFY2(w->width() >= w->minimumSizeHint().width(), qPrintable(w->objectName()));
    }
    QVERIFY(bar->countLabel()->width() >= bar->countLabel()->sizeHint().width());
    const QImage image =
        RwbTest::saveScreenshot(window, QStringLiteral("search-%1-%2.png")
                                            .arg(dark ? QStringLiteral("dark") : QStringLiteral("light"))
                                            .arg(size.width()));
    QVERIFY(!image.isNull());
    // The matching hops' amber marks are in the picture: one per marked card, none on the outcome card.
    const QListView *timeline = window.timelineView();
    const QPoint origin = timeline->viewport()->mapTo(&window, QPoint(0, 0));
    for (int r = 0; r < 4; ++r) {
        const QRect card = timeline->visualRect(window.timelineModel()->index(r)).translated(origin);
        bool amber = false;
        for (int x = card.right() - 10; x <= card.right(); ++x)
            amber = amber || image.pixelColor(x, card.center().y()) == QColor(0xE8, 0xA3, 0x17);
        QCOMPARE(amber, r < 3);
    }
}

QTEST_MAIN(tst_SearchWindow)
#include "tst_searchwindow.moc"
