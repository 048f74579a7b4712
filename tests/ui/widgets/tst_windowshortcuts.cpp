// Every command in the window's menus answers its shortcut with the focus in the URL field, as the menus
// show them (issue 13: New Case and New Folder answered only in the session tree). The exceptions are
// the keys the URL field itself takes for editing text, and the commands on the session tree's selected
// item, whose keys mean something else in text fields and tables: those answer in the tree.
#include "widgets/mainwindow.h"
#include "widgets/requesteditor.h"
#include "widgets/sessionpanel.h"
#include "widgets/urledit.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QShortcutEvent>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <functional>

using namespace Rwb;

namespace {

// Counts the shortcut events an action receives and eats them, so that the command does not run (Quit,
// About and the file dialogs would end or block the test).
class ShortcutCatcher final : public QObject
{
public:
    using QObject::QObject;
    int hits = 0;
    int ambiguous = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Shortcut)
            return QObject::eventFilter(watched, event);
        if (static_cast<QShortcutEvent *>(event)->isAmbiguous())
            ++ambiguous;
        else
            ++hits;
        return true;
    }
};

QString describe(const QAction *action)
{
    return action->objectName() + QStringLiteral(" (") + action->text().remove(QLatin1Char('&'))
           + QStringLiteral(", ") + action->shortcut().toString(QKeySequence::PortableText)
           + QLatin1Char(')');
}

// Whether the focused widget claims the key for itself (QLineEdit does for Delete, Ctrl+Z, ...): then no
// shortcut of the window may take it.
bool claimedBy(QWidget *widget, const QKeyCombination &key)
{
    QKeyEvent override(QEvent::ShortcutOverride, key.key(), key.keyboardModifiers());
    override.ignore();
    QCoreApplication::sendEvent(widget, &override);
    return override.isAccepted();
}

// Presses the action's first shortcut on `target` and tells how the action answered.
struct Answer {
    int hits = 0;
    int ambiguous = 0;
};
Answer press(QAction *action, QWidget *target)
{
    const bool wasEnabled = action->isEnabled();
    action->setEnabled(true);  // Continue, Stop, Save, ... answer only when they can do something
    ShortcutCatcher catcher;
    action->installEventFilter(&catcher);
    const QKeyCombination key = action->shortcut()[0];
    QTest::keyClick(target, key.key(), key.keyboardModifiers());
    action->removeEventFilter(&catcher);
    action->setEnabled(wasEnabled);
    return {catcher.hits, catcher.ambiguous};
}

}  // namespace

class tst_WindowShortcuts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyMenuShortcutWorksFromTheUrlField();
    void sessionCommandsFromTheUrlField();

private:
    QList<QAction *> menuCommands(MainWindow &window) const;
    bool showActive(MainWindow &window) const;
    QTemporaryDir m_settingsDir;
};

void tst_WindowShortcuts::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("rwb-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_windowshortcuts"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

QList<QAction *> tst_WindowShortcuts::menuCommands(MainWindow &window) const
{
    QList<QAction *> commands;
    const std::function<void(QMenu *)> walk = [&](QMenu *menu) {
        for (QAction *a : menu->actions()) {
            if (a->isSeparator())
                continue;
            if (a->menu()) {
                if (a->menu()->objectName() != QLatin1String("recentSessions"))
                    walk(a->menu());
                continue;
            }
            if (!a->shortcut().isEmpty() && !commands.contains(a))
                commands.append(a);
        }
    };
    for (QAction *top : window.menuBar()->actions()) {
        if (top->menu())
            walk(top->menu());
    }
    return commands;
}

bool tst_WindowShortcuts::showActive(MainWindow &window) const
{
    window.resize(1280, 720);
    window.show();
    QApplication::setActiveWindow(&window);
    return QTest::qWaitForWindowActive(&window);
}

void tst_WindowShortcuts::everyMenuShortcutWorksFromTheUrlField()
{
    MainWindow window;
    QVERIFY(showActive(window));
    UrlEdit *url = window.requestEditor()->urlEdit();
    url->setFocus();
    QTRY_VERIFY(url->hasFocus());
    QTreeView *tree = window.sessionPanel()->findChild<QTreeView *>();
    QVERIFY(tree);

    // The commands on the tree's selected item: their keys edit text and table cells elsewhere.
    const QStringList treeOnly{QStringLiteral("duplicate"), QStringLiteral("rename"),
                               QStringLiteral("delete"), QStringLiteral("moveUp"),
                               QStringLiteral("moveDown")};
    const QList<QAction *> commands = menuCommands(window);
    QVERIFY(commands.size() > 20);
    QStringList failures;
    QStringList keptByTheField;
    int tested = 0;
    for (QAction *action : commands) {
        const QKeyCombination key = action->shortcut()[0];
        if (treeOnly.contains(action->objectName())) {
            if (action->shortcutContext() != Qt::WidgetWithChildrenShortcut)
                failures << describe(action)
                                + QStringLiteral(": expected to answer in the session tree only");
            continue;
        }
        if (action->shortcutContext() != Qt::WindowShortcut
            && action->shortcutContext() != Qt::ApplicationShortcut)
            failures << describe(action) + QStringLiteral(": not a window shortcut");
        const Answer answer = press(action, url);
        if (answer.ambiguous > 0) {
            failures << describe(action) + QStringLiteral(": ambiguous, another command has the same key");
            continue;
        }
        if (claimedBy(url, key)) {
            // The field edits its text with this key (Ctrl+Z undoes typing): the command must not run.
            keptByTheField << describe(action);
            if (answer.hits != 0)
                failures << describe(action) + QStringLiteral(": ran although the URL field takes the key");
            continue;
        }
        ++tested;
        if (answer.hits != 1)
            failures << describe(action) + QStringLiteral(": did not answer with the focus in the URL field");
        if (!url->hasFocus()) {
            failures << describe(action) + QStringLiteral(": took the focus away");
            url->setFocus();
        }
    }
    qInfo("%d menu commands answered from the URL field; kept by the field for editing: %s", tested,
          qPrintable(keptByTheField.join(QStringLiteral("; "))));
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
    QVERIFY(tested >= 20);

    // The tree's item commands answer there.
    tree->setFocus();
    QTRY_VERIFY(tree->hasFocus());
    for (QAction *action : commands) {
        if (!treeOnly.contains(action->objectName()))
            continue;
        const Answer inTree = press(action, tree);
        QVERIFY2(inTree.hits == 1 && inTree.ambiguous == 0, qPrintable(describe(action)));
        url->setFocus();
        QTRY_VERIFY(url->hasFocus());
        QCOMPARE(press(action, url).hits, 0);
        QVERIFY2(action->toolTip().contains(QStringLiteral("in the session tree")),
                 qPrintable(action->toolTip()));
        tree->setFocus();
    }
}

void tst_WindowShortcuts::sessionCommandsFromTheUrlField()
{
    // Issue 13's own case, with the commands running: New Case and New Folder from the URL field add a case
    // and a folder to the session.
    MainWindow window;
    QVERIFY(showActive(window));
    UrlEdit *url = window.requestEditor()->urlEdit();
    url->setFocus();
    QTRY_VERIFY(url->hasFocus());
    QAbstractItemModel *model = window.sessionPanel()->findChild<QTreeView *>()->model();
    QVERIFY(model);
    const int before = model->rowCount();
    QTest::keyClick(url, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE(model->rowCount(), before + 1);
    QApplication::setActiveWindow(&window);  // a rename editor may have opened; the window stays active
    url->setFocus();
    QTRY_VERIFY(url->hasFocus());
    QTest::keyClick(url, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE(model->rowCount(), before + 2);
}

QTEST_MAIN(tst_WindowShortcuts)
#include "tst_windowshortcuts.moc"
