// The session tree: SessionModel's structure, names, run states and drag and drop under
// QAbstractItemModelTester, SessionTreeDelegate's icons, and SessionPanel driven from the keyboard, with
// pictures in both palettes.
#include "support/uitest.h"
#include "widgets/sessionpanel.h"
#include "widgets/sessiontreedelegate.h"
#include "workbench/sessionmodel.h"
#include "workbench/theme.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressBar>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include <memory>

using namespace Rwb;

namespace {

using RunState = SessionModel::RunState;

SessionCase makeCase(const QString &name, const QString &method, const QString &url)
{
    SessionCase c;
    c.name = name;
    c.request.method = method;
    c.request.url = url;
    return c;
}

SessionItem caseItem(const SessionCase &c)
{
    SessionItem item;
    item.type = SessionItem::Type::Case;
    item.testCase = c;
    return item;
}

SessionItem folderItem(const QString &name, const QList<SessionItem> &children)
{
    SessionItem item;
    item.type = SessionItem::Type::Folder;
    item.name = name;
    item.children = children;
    return item;
}

// Legacy/{old page, Deep/{deep one}, second legacy}, top case, Empty/{}
Session nestedSession()
{
    Session s;
    s.name = QStringLiteral("Shop redirects");
    s.variables = {{QStringLiteral("base"), QStringLiteral("http://127.0.0.1:8080")}};
    s.environments = {
        {QStringLiteral("staging"), {{QStringLiteral("base"), QStringLiteral("https://s.test")}}},
        {QStringLiteral("production"), {}}};
    SessionCase old =
        makeCase(QStringLiteral("old page"), QStringLiteral("POST"), QStringLiteral("{{base}}/old"));
    old.request.headers = {{QStringLiteral("Accept"), QStringLiteral("text/html"), false}};
    old.request.body = "a=1";
    old.request.formBody = true;
    old.request.auth.kind = CaseAuth::Kind::Bearer;
    old.request.auth.token = QStringLiteral("t0k");
    s.items = {
        folderItem(QStringLiteral("Legacy"),
                   {caseItem(old),
                    folderItem(QStringLiteral("Deep"),
                               {caseItem(makeCase(QStringLiteral("deep one"), QStringLiteral("GET"),
                                                  QStringLiteral("{{base}}/deep")))}),
                    caseItem(makeCase(QStringLiteral("second legacy"), QStringLiteral("HEAD"),
                                      QStringLiteral("{{base}}/2")))}),
        caseItem(makeCase(QStringLiteral("top case"), QStringLiteral("GET"), QStringLiteral("{{base}}/top"))),
        folderItem(QStringLiteral("Empty"), {}),
    };
    return s;
}

// "Legacy[old page,Deep[deep one],second legacy],top case,Empty[]": a tree in one comparable line.
QString outline(const QAbstractItemModel &model, const QModelIndex &parent = {})
{
    QStringList parts;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        QString part = index.data().toString();
        if (index.data(SessionModel::ItemTypeRole).toInt() == int(SessionItem::Type::Folder))
            part += QLatin1Char('[') + outline(model, index) + QLatin1Char(']');
        parts.append(part);
    }
    return parts.join(QLatin1Char(','));
}

QString outline(const QList<SessionItem> &items)
{
    QStringList parts;
    for (const SessionItem &item : items) {
        if (item.type == SessionItem::Type::Folder)
            parts.append(item.name + QLatin1Char('[') + outline(item.children) + QLatin1Char(']'));
        else
            parts.append(item.testCase.name);
    }
    return parts.join(QLatin1Char(','));
}

const QString kInitial = QStringLiteral("Legacy[old page,Deep[deep one],second legacy],top case,Empty[]");

QColor colourAt(const QIcon &icon, int x, int y, QIcon::Mode mode = QIcon::Normal)
{
    return icon.pixmap(QSize(16, 16), 1.0, mode).toImage().pixelColor(x, y);
}

struct Fixture {
    SessionModel model;
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
    Fixture() { model.setSession(nestedSession()); }
    QModelIndex at(const QString &folderPath, const QString &caseName = {}) const
    {
        return model.indexForPath(folderPath, caseName);
    }
};

}  // namespace

class tst_SessionModel : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void rolesAndPaths();
    void addCaseAndFolder();
    void duplicateAndRemove();
    void moveUpAndDown();
    void rename();
    void runStateAndColours();
    void modifiedOnlyForSavedChanges();
    void dragCaseIntoFolder();
    void dragReordersFolders();
    void dragRefusesFolderIntoItself();
    void dragSeveralKeepsOrder();
    void caseIndexesInTreeOrder();
    void panelKeyboard();
    void panelNewCaseStartsRename();
    void panelProgressAndSummary();
    void panelSignalsAndEnvironments();
    void panelActions();
    void renderPanel();
};

void tst_SessionModel::roundTrip()
{
    Fixture f;
    QCOMPARE(outline(f.model), kInitial);
    const Session original = nestedSession();
    const Session back = f.model.session();
    QCOMPARE(back.name, original.name);
    QCOMPARE(back.variables, original.variables);
    QCOMPARE(back.environments.size(), 2);
    QCOMPARE(back.environments.at(0).name, QStringLiteral("staging"));
    QCOMPARE(back.environments.at(0).variables, original.environments.at(0).variables);
    QCOMPARE(outline(back.items), kInitial);
    QCOMPARE(back.items.at(0).children.at(0).testCase.request,
             original.items.at(0).children.at(0).testCase.request);
    QCOMPARE(back.items.at(0).children.at(1).children.at(0).testCase.request.url,
             QStringLiteral("{{base}}/deep"));
    QCOMPARE(back.items.at(1).type, SessionItem::Type::Case);
    QCOMPARE(back.items.at(2).type, SessionItem::Type::Folder);
    QCOMPARE(f.model.environmentNames(),
             (QStringList{QStringLiteral("staging"), QStringLiteral("production")}));
    // Loading again replaces everything.
    Session other;
    other.items = {
        caseItem(makeCase(QStringLiteral("only"), QStringLiteral("GET"), QStringLiteral("http://a.test/")))};
    f.model.setSession(other);
    QCOMPARE(outline(f.model), QStringLiteral("only"));
    QCOMPARE(f.model.session().name, QString());
}

void tst_SessionModel::rolesAndPaths()
{
    Fixture f;
    const QModelIndex deep = f.at(QStringLiteral("Legacy/Deep"), QStringLiteral("deep one"));
    QVERIFY(deep.isValid());
    QCOMPARE(deep.data(SessionModel::FolderPathRole).toString(), QStringLiteral("Legacy/Deep"));
    QCOMPARE(deep.data(SessionModel::ItemTypeRole).toInt(), int(SessionItem::Type::Case));
    QCOMPARE(deep.parent().data(SessionModel::FolderPathRole).toString(), QStringLiteral("Legacy/Deep"));
    QCOMPARE(deep.parent().data(SessionModel::ItemTypeRole).toInt(), int(SessionItem::Type::Folder));
    QCOMPARE(f.at(QString(), QStringLiteral("top case")).data(SessionModel::FolderPathRole).toString(),
             QString());
    QCOMPARE(f.model.rowPath(deep), (QList<int>{0, 1, 0}));
    QCOMPARE(f.model.indexForRowPath({0, 1, 0}), deep);
    QVERIFY(!f.model.indexForRowPath({0, 7}).isValid());
    QVERIFY(!f.at(QStringLiteral("Legacy/Nope")).isValid());
    QVERIFY(!f.at(QStringLiteral("Legacy"), QStringLiteral("deep one")).isValid());

    const QModelIndex old = f.at(QStringLiteral("Legacy"), QStringLiteral("old page"));
    QCOMPARE(old.data(Qt::ToolTipRole).toString(), QStringLiteral("POST {{base}}/old"));
    QCOMPARE(f.model.caseAt(old).request.body, QByteArray("a=1"));
    QVERIFY(f.model.flags(old) & Qt::ItemIsDragEnabled);
    QVERIFY(f.model.flags(old) & Qt::ItemIsEditable);
    QVERIFY(!(f.model.flags(old) & Qt::ItemIsDropEnabled));
    QVERIFY(f.model.flags(old.parent()) & Qt::ItemIsDropEnabled);
    QVERIFY(f.model.flags(QModelIndex()) & Qt::ItemIsDropEnabled);
    // A pure model: the icons are the view's (see runStateAndColours).
    QVERIFY(!old.parent().data(Qt::DecorationRole).isValid());
    QVERIFY(!old.data(Qt::DecorationRole).isValid());
    QVERIFY(old.parent().data(Qt::ToolTipRole).toString().contains(QStringLiteral("3 cases")));
    QVERIFY(f.at(QStringLiteral("Legacy/Deep"))
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("1 case")));
    QVERIFY(
        f.at(QStringLiteral("Empty")).data(Qt::ToolTipRole).toString().contains(QStringLiteral("no cases")));

    // setCase replaces the request and keeps the name when the new one has none.
    QSignalSpy changed(&f.model, &QAbstractItemModel::dataChanged);
    SessionCase edited = f.model.caseAt(old);
    edited.name.clear();
    edited.request.url = QStringLiteral("{{base}}/older");
    f.model.setCase(old, edited);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(f.model.caseAt(old).request.url, QStringLiteral("{{base}}/older"));
    QCOMPARE(old.data().toString(), QStringLiteral("old page"));
}

void tst_SessionModel::addCaseAndFolder()
{
    Fixture f;
    QSignalSpy modified(&f.model, &SessionModel::modified);
    // Selected case: right after it, in its folder.
    const QModelIndex old = f.at(QStringLiteral("Legacy"), QStringLiteral("old page"));
    const QModelIndex a =
        f.model.addCase(old, makeCase(QStringLiteral("a"), QStringLiteral("GET"), QString()));
    QCOMPARE(a.parent(), old.parent());
    QCOMPARE(a.row(), 1);
    // Selected folder: at its end.
    const QModelIndex b = f.model.addCase(f.at(QStringLiteral("Empty")),
                                          makeCase(QStringLiteral("b"), QStringLiteral("GET"), QString()));
    QCOMPARE(b.parent(), f.at(QStringLiteral("Empty")));
    // Nothing selected: at the end of the top level.
    const QModelIndex c =
        f.model.addCase({}, makeCase(QStringLiteral("c"), QStringLiteral("GET"), QString()));
    QVERIFY(!c.parent().isValid());
    const QModelIndex folder =
        f.model.addFolder(f.at(QString(), QStringLiteral("top case")), QStringLiteral("New"));
    QCOMPARE(folder.row(), 2);
    QVERIFY(f.model.isFolder(folder));
    QVERIFY(!f.model.addFolder({}, QStringLiteral("  ")).isValid());
    QVERIFY(!f.model.addCase({}, SessionCase()).isValid());
    QCOMPARE(outline(f.model),
             QStringLiteral("Legacy[old page,a,Deep[deep one],second legacy],top case,New[],Empty[b],c"));
    QCOMPARE(modified.size(), 4);
}

void tst_SessionModel::duplicateAndRemove()
{
    Fixture f;
    QSignalSpy modified(&f.model, &SessionModel::modified);
    const QModelIndex old = f.at(QStringLiteral("Legacy"), QStringLiteral("old page"));
    f.model.setRunState(old, RunState::Failed, {QStringLiteral("x")});
    const QModelIndex copy = f.model.duplicate(old);
    QCOMPARE(copy.row(), old.row() + 1);
    QCOMPARE(copy.data().toString(), QStringLiteral("old page (copy)"));
    QCOMPARE(f.model.caseAt(copy).request, f.model.caseAt(old).request);
    QCOMPARE(f.model.runState(copy), RunState::NotRun);  // a copy has not been run

    const QModelIndex legacyCopy = f.model.duplicate(f.at(QStringLiteral("Legacy")));
    QCOMPARE(legacyCopy.row(), 1);
    QCOMPARE(outline(f.model, legacyCopy),
             QStringLiteral("old page,old page (copy),Deep[deep one],second legacy"));
    QCOMPARE(f.model.caseIndexes().size(), 9);

    QVERIFY(f.model.remove(legacyCopy));
    QVERIFY(f.model.remove(copy));
    QVERIFY(!f.model.remove(QModelIndex()));
    QCOMPARE(outline(f.model), kInitial);
    QCOMPARE(modified.size(), 4);
    // Removing is never done for a view: a view's removeRows() after a drag is refused.
    QVERIFY(!f.model.removeRows(0, 1));
    QCOMPARE(outline(f.model), kInitial);
}

void tst_SessionModel::moveUpAndDown()
{
    Fixture f;
    QSignalSpy modified(&f.model, &SessionModel::modified);
    QSignalSpy moved(&f.model, &QAbstractItemModel::rowsMoved);
    const QPersistentModelIndex top = f.at(QString(), QStringLiteral("top case"));
    QVERIFY(f.model.moveUp(top));
    QCOMPARE(top.row(), 0);
    QVERIFY(!f.model.moveUp(top));
    QVERIFY(f.model.moveDown(top));
    QVERIFY(f.model.moveDown(top));
    QCOMPARE(top.row(), 2);
    QVERIFY(!f.model.moveDown(top));
    QCOMPARE(outline(f.model),
             QStringLiteral("Legacy[old page,Deep[deep one],second legacy],Empty[],top case"));
    const QModelIndex deep = f.at(QStringLiteral("Legacy/Deep"));
    QVERIFY(f.model.moveDown(deep));
    QCOMPARE(outline(f.model, f.at(QStringLiteral("Legacy"))),
             QStringLiteral("old page,second legacy,Deep[deep one]"));
    QCOMPARE(moved.size(), 4);
    QCOMPARE(modified.size(), 4);
}

void tst_SessionModel::rename()
{
    Fixture f;
    QSignalSpy modified(&f.model, &SessionModel::modified);
    const QModelIndex top = f.at(QString(), QStringLiteral("top case"));
    QVERIFY(f.model.setData(top, QStringLiteral("  renamed  ")));
    QCOMPARE(top.data().toString(), QStringLiteral("renamed"));
    QCOMPARE(top.data(Qt::EditRole).toString(), QStringLiteral("renamed"));
    QCOMPARE(f.model.caseAt(top).name, QStringLiteral("renamed"));
    QVERIFY(!f.model.setData(top, QString()));
    QVERIFY(!f.model.setData(top, QStringLiteral("   ")));
    QVERIFY(!f.model.setData(top, QStringLiteral("x"), Qt::ToolTipRole));
    QCOMPARE(top.data().toString(), QStringLiteral("renamed"));
    QVERIFY(f.model.setData(top, QStringLiteral("renamed")));  // unchanged: nothing to save
    QVERIFY(f.model.setData(f.at(QStringLiteral("Legacy")), QStringLiteral("Old URLs")));
    QCOMPARE(f.at(QStringLiteral("Old URLs/Deep"), QStringLiteral("deep one"))
                 .data(SessionModel::FolderPathRole)
                 .toString(),
             QStringLiteral("Old URLs/Deep"));
    QCOMPARE(modified.size(), 2);
    QCOMPARE(f.model.session().items.at(0).name, QStringLiteral("Old URLs"));
    QCOMPARE(f.model.session().items.at(1).testCase.name, QStringLiteral("renamed"));
}

void tst_SessionModel::runStateAndColours()
{
    Fixture f;
    const QModelIndex old = f.at(QStringLiteral("Legacy"), QStringLiteral("old page"));
    const QModelIndex top = f.at(QString(), QStringLiteral("top case"));
    const QModelIndex deep = f.at(QStringLiteral("Legacy/Deep"), QStringLiteral("deep one"));
    const QPalette light(QColor(0xef, 0xef, 0xef));
    SessionTreeDelegate delegate;
    QStyle *style = QApplication::style();
    const auto iconColourAt = [&](const QModelIndex &index, const QPalette &palette, int x, int y) {
        return colourAt(delegate.icon(index, palette, style), x, y);
    };
    QCOMPARE(iconColourAt(old, light, 8, 8), Theme::toneText(Theme::Tone::Muted, light));  // a small dot
    QCOMPARE(iconColourAt(old, light, 8, 2).alpha(), 0);
    // A folder shows the style's folder icon.
    const QIcon folder = delegate.icon(old.parent(), light, style);
    QVERIFY(!folder.isNull());
    QCOMPARE(folder.pixmap(QSize(16, 16), 1.0).toImage(),
             style->standardIcon(QStyle::SP_DirIcon).pixmap(QSize(16, 16), 1.0).toImage());
    QVERIFY(delegate.icon(QModelIndex(), light, style).isNull());

    QSignalSpy changed(&f.model, &QAbstractItemModel::dataChanged);
    f.model.setRunState(old, RunState::Passed);
    f.model.setRunState(top, RunState::Failed, {QStringLiteral("expected 301, got 302")});
    f.model.setRunState(deep, RunState::Running);
    QCOMPARE(changed.size(), 3);
    QVERIFY(changed.first().at(2).value<QList<int>>().contains(SessionModel::RunStateRole));
    QCOMPARE(old.data(SessionModel::RunStateRole).toInt(), int(RunState::Passed));
    QCOMPARE(top.data(SessionModel::FailuresRole).toStringList(),
             QStringList{QStringLiteral("expected 301, got 302")});
    QCOMPARE(top.data(Qt::ToolTipRole).toString(),
             QStringLiteral("GET {{base}}/top\nFailed:\n• expected 301, got 302"));
    QVERIFY(old.data(Qt::ToolTipRole).toString().endsWith(QStringLiteral("Passed")));
    QCOMPARE(iconColourAt(old, light, 8, 4), Theme::toneText(Theme::Tone::Good, light));
    QCOMPARE(iconColourAt(top, light, 8, 4), Theme::toneText(Theme::Tone::Danger, light));
    QCOMPARE(iconColourAt(deep, light, 8, 2), Theme::statusColor(Theme::StatusClass::Redirect));
    // Selected rows show the same colours, not the style's tinted ones.
    QCOMPARE(colourAt(delegate.icon(old, light, style), 8, 4, QIcon::Selected),
             Theme::toneText(Theme::Tone::Good, light));
    // The tick is cut out in the background's colour.
    QVERIFY(iconColourAt(old, light, 7, 10).lightness() > 240);

    // A dark palette gets the brighter variants (the delegate's icons follow the palette it is given).
    const QPalette dark = RwbTest::darkPalette();
    QCOMPARE(iconColourAt(old, dark, 8, 4), Theme::toneText(Theme::Tone::Good, dark));
    QCOMPARE(iconColourAt(top, dark, 8, 4), Theme::toneText(Theme::Tone::Danger, dark));
    QVERIFY(iconColourAt(deep, dark, 8, 2).lightness()
            > Theme::statusColor(Theme::StatusClass::Redirect).lightness());
    QVERIFY(Theme::toneText(Theme::Tone::Good, dark) != Theme::toneText(Theme::Tone::Good, light));

    // A folder has no run state; setting one is ignored.
    f.model.setRunState(old.parent(), RunState::Failed);
    QCOMPARE(old.parent().data(SessionModel::RunStateRole).toInt(), int(RunState::NotRun));
    f.model.clearRunStates();
    for (const QModelIndex &index : f.model.caseIndexes())
        QCOMPARE(f.model.runState(index), RunState::NotRun);
    QCOMPARE(top.data(SessionModel::FailuresRole).toStringList(), QStringList());
}

void tst_SessionModel::modifiedOnlyForSavedChanges()
{
    Fixture f;
    QSignalSpy modified(&f.model, &SessionModel::modified);
    f.model.setSession(nestedSession());
    f.model.setRunState(f.at(QString(), QStringLiteral("top case")), RunState::Passed);
    f.model.clearRunStates();
    QCOMPARE(modified.size(), 0);
    f.model.setCase(
        f.at(QString(), QStringLiteral("top case")),
        makeCase(QStringLiteral("top case"), QStringLiteral("PUT"), QStringLiteral("http://x.test/")));
    QCOMPARE(modified.size(), 1);
    QSignalSpy settings(&f.model, &SessionModel::settingsChanged);
    Session newSettings;
    newSettings.name = QStringLiteral("Renamed session");
    newSettings.environments = {{QStringLiteral("dev"), {}}};
    f.model.setSessionSettings(newSettings);
    QCOMPARE(modified.size(), 2);
    QCOMPARE(settings.size(), 1);
    QCOMPARE(f.model.session().name, QStringLiteral("Renamed session"));
    QCOMPARE(outline(f.model.session().items), kInitial);
    QCOMPARE(f.model.environmentNames(), QStringList{QStringLiteral("dev")});
}

void tst_SessionModel::dragCaseIntoFolder()
{
    Fixture f;
    QSignalSpy modified(&f.model, &SessionModel::modified);
    QSignalSpy moved(&f.model, &QAbstractItemModel::rowsMoved);
    const QPersistentModelIndex top = f.at(QString(), QStringLiteral("top case"));
    f.model.setRunState(top, RunState::Passed);
    std::unique_ptr<QMimeData> data(f.model.mimeData({top}));
    QVERIFY(data);
    QCOMPARE(data->formats(), QStringList{SessionModel::mimeType()});
    QCOMPARE(f.model.mimeTypes(), QStringList{SessionModel::mimeType()});
    QCOMPARE(f.model.supportedDropActions(), Qt::DropActions(Qt::MoveAction));
    QCOMPARE(f.model.supportedDragActions(), Qt::DropActions(Qt::MoveAction));
    const QModelIndex legacy = f.at(QStringLiteral("Legacy"));
    QVERIFY(f.model.canDropMimeData(data.get(), Qt::MoveAction, -1, 0, legacy));
    QVERIFY(!f.model.canDropMimeData(data.get(), Qt::CopyAction, -1, 0, legacy));
    // Dropped on a case: refused (only folders and the top level take drops).
    QVERIFY(!f.model.canDropMimeData(data.get(), Qt::MoveAction, -1, 0,
                                     f.at(QStringLiteral("Legacy"), QStringLiteral("old page"))));
    // The move is done, and reported as not done so the view removes nothing (see dropMimeData).
    QVERIFY(!f.model.dropMimeData(data.get(), Qt::MoveAction, -1, 0, legacy));
    QCOMPARE(moved.size(), 1);
    QCOMPARE(modified.size(), 1);
    QCOMPARE(outline(f.model),
             QStringLiteral("Legacy[old page,Deep[deep one],second legacy,top case],Empty[]"));
    // Views keep following the moved row, and it keeps its run state.
    QVERIFY(top.isValid());
    QCOMPARE(top.parent(), legacy);
    QCOMPARE(top.data(SessionModel::FolderPathRole).toString(), QStringLiteral("Legacy"));
    QCOMPARE(f.model.runState(top), RunState::Passed);

    // Between two rows of another folder, then back to the top level's first row.
    data.reset(f.model.mimeData({top}));
    f.model.dropMimeData(data.get(), Qt::MoveAction, 0, 0, f.at(QStringLiteral("Legacy/Deep")));
    QCOMPARE(outline(f.model, f.at(QStringLiteral("Legacy/Deep"))), QStringLiteral("top case,deep one"));
    data.reset(f.model.mimeData({top}));
    f.model.dropMimeData(data.get(), Qt::MoveAction, 0, 0, QModelIndex());
    QCOMPARE(outline(f.model),
             QStringLiteral("top case,Legacy[old page,Deep[deep one],second legacy],Empty[]"));
    QCOMPARE(modified.size(), 3);

    // A drag from another model (another window) is refused: its rows mean nothing here.
    SessionModel other;
    other.setSession(nestedSession());
    std::unique_ptr<QMimeData> foreign(other.mimeData({other.index(1, 0)}));
    QVERIFY(!f.model.canDropMimeData(foreign.get(), Qt::MoveAction, -1, 0, QModelIndex()));
    QMimeData garbage;
    garbage.setData(SessionModel::mimeType(), "nonsense");
    QVERIFY(!f.model.canDropMimeData(&garbage, Qt::MoveAction, -1, 0, QModelIndex()));
    QVERIFY(!f.model.dropMimeData(&garbage, Qt::MoveAction, -1, 0, QModelIndex()));
    QCOMPARE(modified.size(), 3);
}

void tst_SessionModel::dragReordersFolders()
{
    Fixture f;
    std::unique_ptr<QMimeData> data(f.model.mimeData({f.at(QStringLiteral("Empty"))}));
    f.model.dropMimeData(data.get(), Qt::MoveAction, 0, 0, QModelIndex());
    QCOMPARE(outline(f.model),
             QStringLiteral("Empty[],Legacy[old page,Deep[deep one],second legacy],top case"));
    // A folder dropped where it already is changes nothing.
    QSignalSpy modified(&f.model, &SessionModel::modified);
    data.reset(f.model.mimeData({f.at(QStringLiteral("Legacy"))}));
    f.model.dropMimeData(data.get(), Qt::MoveAction, 2, 0, QModelIndex());
    QCOMPARE(modified.size(), 0);
    // To the end (row -1 on the top level), with everything inside it.
    data.reset(f.model.mimeData({f.at(QStringLiteral("Legacy"))}));
    f.model.dropMimeData(data.get(), Qt::MoveAction, -1, 0, QModelIndex());
    QCOMPARE(outline(f.model),
             QStringLiteral("Empty[],top case,Legacy[old page,Deep[deep one],second legacy]"));
    // Into another folder.
    data.reset(f.model.mimeData({f.at(QStringLiteral("Legacy/Deep"))}));
    f.model.dropMimeData(data.get(), Qt::MoveAction, -1, 0, f.at(QStringLiteral("Empty")));
    QCOMPARE(outline(f.model),
             QStringLiteral("Empty[Deep[deep one]],top case,Legacy[old page,second legacy]"));
    QCOMPARE(f.at(QStringLiteral("Empty/Deep"), QStringLiteral("deep one"))
                 .data(SessionModel::FolderPathRole)
                 .toString(),
             QStringLiteral("Empty/Deep"));
}

void tst_SessionModel::dragRefusesFolderIntoItself()
{
    Fixture f;
    QSignalSpy modified(&f.model, &SessionModel::modified);
    const QModelIndex legacy = f.at(QStringLiteral("Legacy"));
    std::unique_ptr<QMimeData> data(f.model.mimeData({legacy}));
    QVERIFY(!f.model.canDropMimeData(data.get(), Qt::MoveAction, -1, 0, legacy));
    QVERIFY(!f.model.canDropMimeData(data.get(), Qt::MoveAction, 0, 0, f.at(QStringLiteral("Legacy/Deep"))));
    QVERIFY(!f.model.dropMimeData(data.get(), Qt::MoveAction, 0, 0, f.at(QStringLiteral("Legacy/Deep"))));
    QVERIFY(!f.model.dropMimeData(data.get(), Qt::MoveAction, -1, 0, legacy));
    QVERIFY(!f.model.moveItems({legacy}, f.at(QStringLiteral("Legacy/Deep")), -1));
    QCOMPARE(outline(f.model), kInitial);
    QCOMPARE(modified.size(), 0);
    // A folder with a case of another folder: refused as a whole.
    data.reset(
        f.model.mimeData({f.at(QStringLiteral("Legacy/Deep")), f.at(QString(), QStringLiteral("top case"))}));
    QVERIFY(!f.model.canDropMimeData(data.get(), Qt::MoveAction, -1, 0, f.at(QStringLiteral("Legacy/Deep"))));
    QVERIFY(f.model.canDropMimeData(data.get(), Qt::MoveAction, -1, 0, f.at(QStringLiteral("Empty"))));
}

void tst_SessionModel::dragSeveralKeepsOrder()
{
    Fixture f;
    // Given out of order, with a case inside a dragged folder (it goes with its folder).
    std::unique_ptr<QMimeData> data(f.model.mimeData(
        {f.at(QString(), QStringLiteral("top case")),
         f.at(QStringLiteral("Legacy/Deep"), QStringLiteral("deep one")), f.at(QStringLiteral("Legacy/Deep")),
         f.at(QStringLiteral("Legacy"), QStringLiteral("old page"))}));
    f.model.dropMimeData(data.get(), Qt::MoveAction, -1, 0, f.at(QStringLiteral("Empty")));
    QCOMPARE(outline(f.model),
             QStringLiteral("Legacy[second legacy],Empty[old page,Deep[deep one],top case]"));
}

void tst_SessionModel::caseIndexesInTreeOrder()
{
    Fixture f;
    const auto names = [](const QList<QModelIndex> &indexes) {
        QStringList result;
        for (const QModelIndex &index : indexes)
            result.append(index.data().toString());
        return result.join(QLatin1Char(','));
    };
    QCOMPARE(names(f.model.caseIndexes()), QStringLiteral("old page,deep one,second legacy,top case"));
    QCOMPARE(names(f.model.caseIndexes(f.at(QStringLiteral("Legacy")))),
             QStringLiteral("old page,deep one,second legacy"));
    QCOMPARE(names(f.model.caseIndexes(f.at(QString(), QStringLiteral("top case")))),
             QStringLiteral("top case"));
    QCOMPARE(f.model.caseIndexes(f.at(QStringLiteral("Empty"))).size(), 0);
}

void tst_SessionModel::panelKeyboard()
{
    SessionPanel panel;
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.model()->setSession(nestedSession());
    panel.resize(360, 480);
    panel.show();
    QApplication::setActiveWindow(&panel);
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    QTreeView *view = panel.view();
    view->setFocus();
    SessionModel *model = panel.model();
    QSignalSpy modified(model, &SessionModel::modified);

    panel.setCurrentIndex(model->indexForPath(QStringLiteral("Legacy"), QStringLiteral("old page")));
    QTest::keyClick(view, Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(outline(*model, model->indexForPath(QStringLiteral("Legacy"))),
             QStringLiteral("old page,old page (copy),Deep[deep one],second legacy"));
    QCOMPARE(view->currentIndex().data().toString(), QStringLiteral("old page (copy)"));

    QTest::keyClick(view, Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(outline(*model, model->indexForPath(QStringLiteral("Legacy"))),
             QStringLiteral("old page,Deep[deep one],old page (copy),second legacy"));
    QCOMPARE(view->currentIndex().data().toString(), QStringLiteral("old page (copy)"));
    QTest::keyClick(view, Qt::Key_Up, Qt::AltModifier);
    QTest::keyClick(view, Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(view->currentIndex().row(), 0);
    QVERIFY(!panel.action(SessionPanel::Action::MoveUp)->isEnabled());

    QTest::keyClick(view, Qt::Key_Delete);
    QCOMPARE(outline(*model, model->indexForPath(QStringLiteral("Legacy"))),
             QStringLiteral("old page,Deep[deep one],second legacy"));
    QCOMPARE(modified.size(), 5);

    // F2 opens an editor on the current row; Return renames it.
    const QModelIndex top = model->indexForPath(QString(), QStringLiteral("top case"));
    panel.setCurrentIndex(top);
    QTest::keyClick(view, Qt::Key_F2);
    auto *editor = qobject_cast<QLineEdit *>(view->indexWidget(top));
    QVERIFY(editor);
    QTRY_COMPARE(QApplication::focusWidget(), editor);
    // While the name is edited, the panel's keys are the editor's: Ctrl+D and Alt+Down change nothing.
    QTest::keyClick(editor, Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(top.row(), 1);
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("Top level"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(top.data().toString(), QStringLiteral("Top level"));
    QCOMPARE(modified.size(), 6);
}

void tst_SessionModel::panelNewCaseStartsRename()
{
    SessionPanel panel;
    panel.model()->setSession(nestedSession());
    panel.show();
    QApplication::setActiveWindow(&panel);
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    QTreeView *view = panel.view();
    view->setFocus();
    panel.setCurrentIndex(panel.model()->indexForPath(QStringLiteral("Empty")));
    QTest::keyClick(view, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    const QModelIndex added =
        panel.model()->index(0, 0, panel.model()->indexForPath(QStringLiteral("Empty")));
    QVERIFY(added.isValid());
    QCOMPARE(added.data().toString(), QStringLiteral("New case"));
    QCOMPARE(view->currentIndex(), added);
    QVERIFY(view->isExpanded(added.parent()));
    QVERIFY(qobject_cast<QLineEdit *>(view->indexWidget(added)));
    QTest::keyClick(view->indexWidget(added), Qt::Key_Escape);

    view->setFocus();
    panel.setCurrentIndex({});
    QTest::keyClick(view, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(outline(*panel.model()).section(QLatin1Char(','), -1), QStringLiteral("New folder[]"));
}

void tst_SessionModel::panelProgressAndSummary()
{
    SessionPanel panel;
    panel.model()->setSession(nestedSession());
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *progress = panel.findChild<QProgressBar *>(QStringLiteral("runProgress"));
    auto *cancel = panel.findChild<QToolButton *>(QStringLiteral("cancelRun"));
    QVERIFY(progress && cancel);
    QVERIFY(!progress->isVisible());
    QVERIFY(!cancel->isVisible());
    QCOMPARE(panel.summaryText(), QStringLiteral("4 cases"));

    QSignalSpy cancelled(&panel, &SessionPanel::cancelRequested);
    panel.setRunning(true);
    QVERIFY(progress->isVisible());
    QVERIFY(cancel->isVisible());
    QVERIFY(!panel.action(SessionPanel::Action::RunAll)->isEnabled());
    QVERIFY(!panel.action(SessionPanel::Action::RunCase)->isEnabled());
    panel.setRunProgress(2, 4);
    QCOMPARE(progress->value(), 2);
    QCOMPARE(progress->maximum(), 4);
    QCOMPARE(progress->text(), QStringLiteral("2 of 4"));
    QTest::mouseClick(cancel, Qt::LeftButton);
    QCOMPARE(cancelled.size(), 1);

    SessionModel *model = panel.model();
    const QList<QModelIndex> cases = model->caseIndexes();
    model->setRunState(cases.at(0), RunState::Passed);
    QCOMPARE(panel.summaryText(), QStringLiteral("1 passed, 3 not run"));
    model->setRunState(cases.at(1), RunState::Failed, {QStringLiteral("no")});
    model->setRunState(cases.at(2), RunState::Passed);
    model->setRunState(cases.at(3), RunState::Passed);
    QCOMPARE(panel.summaryText(), QStringLiteral("3 passed, 1 failed"));
    panel.setRunning(false);
    QVERIFY(!progress->isVisible());
    QVERIFY(panel.action(SessionPanel::Action::RunAll)->isEnabled());

    model->remove(cases.at(1));
    QCOMPARE(panel.summaryText(), QStringLiteral("3 passed"));
    model->clearRunStates();
    QCOMPARE(panel.summaryText(), QStringLiteral("3 cases"));
    model->setSession(Session());
    QCOMPARE(
        panel.summaryText(),
        QStringLiteral(
            "No cases yet: Ctrl+Shift+N keeps the request in the editor as one, Ctrl+O opens a session"));
    QVERIFY(!panel.action(SessionPanel::Action::RunAll)->isEnabled());
    model->addCase({}, makeCase(QStringLiteral("one"), QStringLiteral("GET"), QString()));
    QCOMPARE(panel.summaryText(), QStringLiteral("1 case"));
}

void tst_SessionModel::panelSignalsAndEnvironments()
{
    SessionPanel panel;
    SessionModel *model = panel.model();
    auto *combo = panel.findChild<QComboBox *>(QStringLiteral("environmentCombo"));
    QVERIFY(combo);
    QCOMPARE(combo->count(), 1);
    QVERIFY(!combo->isEnabled());
    QSignalSpy environment(&panel, &SessionPanel::environmentChanged);
    model->setSession(nestedSession());
    QCOMPARE(combo->count(), 3);
    QCOMPARE(combo->itemText(0), QStringLiteral("No environment"));
    QCOMPARE(combo->itemText(2), QStringLiteral("production"));
    QCOMPARE(panel.currentEnvironment(), QString());
    QVERIFY(panel.setCurrentEnvironment(QStringLiteral("staging")));
    QVERIFY(!panel.setCurrentEnvironment(QStringLiteral("nope")));
    QCOMPARE(panel.currentEnvironment(), QStringLiteral("staging"));
    QCOMPARE(environment.size(), 1);
    QCOMPARE(environment.last().first().toString(), QStringLiteral("staging"));
    // Kept when the settings change and it is still there; back to none when it is gone.
    Session settings = nestedSession();
    settings.environments.removeLast();
    model->setSessionSettings(settings);
    QCOMPARE(panel.currentEnvironment(), QStringLiteral("staging"));
    settings.environments.clear();
    model->setSessionSettings(settings);
    QCOMPARE(panel.currentEnvironment(), QString());
    QCOMPARE(environment.size(), 2);

    model->setSession(nestedSession());
    QSignalSpy selected(&panel, &SessionPanel::caseSelected);
    QSignalSpy runCase(&panel, &SessionPanel::runCaseRequested);
    QSignalSpy runAll(&panel, &SessionPanel::runAllRequested);
    const QModelIndex top = model->indexForPath(QString(), QStringLiteral("top case"));
    panel.setCurrentIndex(top);
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.last().first().toModelIndex(), top);
    QCOMPARE(panel.currentCase(), top);
    panel.setCurrentIndex(model->indexForPath(QStringLiteral("Legacy")));
    QCOMPARE(selected.size(), 2);
    QVERIFY(!selected.last().first().toModelIndex().isValid());
    QVERIFY(!panel.currentCase().isValid());
    QVERIFY(!panel.action(SessionPanel::Action::RunCase)->isEnabled());

    panel.setCurrentIndex(top);
    panel.action(SessionPanel::Action::RunCase)->trigger();
    QCOMPARE(runCase.size(), 1);
    QCOMPARE(runCase.first().first().toModelIndex(), top);
    panel.action(SessionPanel::Action::RunAll)->trigger();
    QCOMPARE(runAll.size(), 1);

    // Deleting the current case makes a neighbour current.
    panel.action(SessionPanel::Action::Delete)->trigger();
    QVERIFY(panel.view()->currentIndex().isValid());
    QCOMPARE(selected.last().first().toModelIndex(), panel.currentCase());
}

void tst_SessionModel::panelActions()
{
    SessionPanel panel;
    // The window's own keys, which the panel must leave alone.
    const QList<QKeySequence> taken = {
        QKeySequence(Qt::CTRL | Qt::Key_N),
        QKeySequence(Qt::CTRL | Qt::Key_O),
        QKeySequence(Qt::CTRL | Qt::Key_S),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
        QKeySequence(Qt::CTRL | Qt::Key_L),
        QKeySequence(Qt::CTRL | Qt::Key_Q),
        QKeySequence(Qt::CTRL | Qt::Key_Return),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return),
        QKeySequence(Qt::Key_F8),
        QKeySequence(Qt::Key_F10),
        QKeySequence(Qt::Key_Escape),
        QKeySequence(Qt::Key_F1),
        QKeySequence(Qt::CTRL | Qt::Key_1),
        QKeySequence(Qt::CTRL | Qt::Key_2),
    };
    QCOMPARE(panel.actions().size(), int(SessionPanel::Action::OpenInBulkCheck) + 1);
    QSet<QString> seen;
    for (QAction *action : panel.actions()) {
        const QString name = action->objectName();
        QVERIFY2(!action->shortcut().isEmpty(), qPrintable(name));
        // The session's commands work anywhere in the window (issue 13); those on the tree's selected item
        // only in the tree, where their keys (Delete, F2, ...) do not edit text.
        const bool sessionWide = name == QLatin1String("newCase") || name == QLatin1String("newFolder")
                                 || name == QLatin1String("runCase") || name == QLatin1String("runAll")
                                 || name == QLatin1String("openInBulkCheck");
        QCOMPARE(action->shortcutContext(),
                 sessionWide ? Qt::WindowShortcut : Qt::WidgetWithChildrenShortcut);
        QVERIFY2(action->toolTip().contains(action->shortcut().toString(QKeySequence::NativeText)),
                 qPrintable(action->toolTip()));
        QVERIFY2(!taken.contains(action->shortcut()), qPrintable(name));
        QVERIFY2(!seen.contains(action->shortcut().toString()), qPrintable(name));
        seen.insert(action->shortcut().toString());
    }
    QCOMPARE(panel.action(SessionPanel::Action::Duplicate)->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_D));
    QCOMPARE(panel.action(SessionPanel::Action::Delete)->shortcut(), QKeySequence(Qt::Key_Delete));
    QCOMPARE(panel.action(SessionPanel::Action::MoveDown)->shortcut(), QKeySequence(Qt::ALT | Qt::Key_Down));
    // Every tool button has an icon.
    const QList<QToolButton *> buttons = panel.findChildren<QToolButton *>();
    QVERIFY(buttons.size() >= 8);
    for (const QToolButton *button : buttons)
        QVERIFY2(!button->icon().isNull(), qPrintable(button->objectName()));
}

void tst_SessionModel::renderPanel()
{
    for (const bool dark : {false, true}) {
        SessionPanel panel;
        if (dark)
            panel.setPalette(RwbTest::darkPalette());
        SessionModel *model = panel.model();
        model->setSession(nestedSession());
        model->addCase(model->indexForPath(QStringLiteral("Empty")),
                       makeCase(QStringLiteral("a case with a rather long name that is cut"),
                                QStringLiteral("GET"), QStringLiteral("http://a.test/")));
        const QList<QModelIndex> cases = model->caseIndexes();
        model->setRunState(cases.at(0), RunState::Passed);
        model->setRunState(cases.at(1), RunState::Failed, {QStringLiteral("expected 301, got 302")});
        model->setRunState(cases.at(2), RunState::Running);
        panel.setCurrentEnvironment(QStringLiteral("staging"));
        panel.setCurrentIndex(cases.at(1));
        panel.setRunning(true);
        panel.setRunProgress(2, 5);
        panel.resize(320, 420);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const QImage image = RwbTest::saveScreenshot(panel, dark ? QStringLiteral("sessionpanel-dark.png")
                                                                 : QStringLiteral("sessionpanel-light.png"));
        QVERIFY(!image.isNull());
        // The tree is painted in the palette's base colour.
        const QPoint inTree =
            panel.view()->mapTo(&panel, QPoint(panel.view()->width() - 8, panel.view()->height() - 8));
        QCOMPARE(image.pixelColor(inTree * image.devicePixelRatio()),
                 panel.view()->palette().color(QPalette::Base));
        // The run-state marks come from the tree's delegate: the passed case's disc is in the picture.
        const QRect passedRow = panel.view()
                                    ->visualRect(cases.at(0))
                                    .translated(panel.view()->viewport()->mapTo(&panel, QPoint(0, 0)));
        const QColor good = Theme::toneText(Theme::Tone::Good, panel.view()->palette());
        int discPixels = 0;
        for (int y = passedRow.top(); y <= passedRow.bottom(); ++y) {
            for (int x = passedRow.left(); x < passedRow.left() + 40; ++x)
                discPixels += image.pixelColor(QPoint(x, y) * image.devicePixelRatio()) == good ? 1 : 0;
        }
        QVERIFY2(discPixels > 20, qPrintable(QString::number(discPixels)));
    }
}

QTEST_MAIN(tst_SessionModel)
#include "tst_sessionmodel.moc"
