// The step editor shows the next request with each header's change from the previous hop, and returns
// what the user made of it: unticked, ticked again or edited rows, an edited method or body.
#include "support/uitest.h"
#include "widgets/stepeditor.h"
#include "widgets/urledit.h"
#include "workbench/headereditmodel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Rwb;

namespace {

RequestSpec pendingRequest()
{
    RequestSpec r;
    r.method = "GET";
    r.url = QUrl(QStringLiteral("https://other.example/landing"));
    r.headers = {{"Accept", "*/*"}, {"Cookie", "sid=1"}, {"Referer", "https://first.example/"}};
    return r;
}

QList<HeaderChange> changes()
{
    using K = HeaderChange::Kind;
    return {
        {K::Kept, "Accept", "*/*", "*/*", {}},
        // As the engine words it: the header's name and what happened, then why.
        {K::Removed,
         "Authorization",
         "Basic dTpw",
         {},
         QStringLiteral("Authorization removed: the hop goes to another origin (new host)")},
        {K::Added, "Cookie", {}, "sid=1", QStringLiteral("from the cookie jar")},
        {K::Changed, "Referer", "https://a/", "https://first.example/", QStringLiteral("new referrer")},
        {K::Removed, "Content-Type", "text/plain", {}, QStringLiteral("body dropped: 303")},
    };
}

}  // namespace

class TestStepEditor : public QObject
{
    Q_OBJECT

private slots:
    void setPending_showsMarks();
    void setPending_unchangedIsNotEdited();
    void untickAndTick_changeRequest();
    void editingValue_changesRequest();
    void editingMethodAndBody();
    void binaryBody_isKeptAndReadOnly();
    void inconsistentChanges_fallBackToPendingHeaders();
    void clear_leavesNothing();
    void addedRow_saysAdded();
    void columnsFitWithoutScrolling_data();
    void columnsFitWithoutScrolling();
    void render();
};

void TestStepEditor::setPending_showsMarks()
{
    StepEditor editor;
    QAbstractItemModelTester tester(editor.headerModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    editor.setProfile(Profile::Curl);
    editor.setPending(pendingRequest(), changes());
    QVERIFY(editor.findChild<QLabel *>()->text().startsWith(
        QLatin1String("Next request computed by the curl profile.")));
    HeaderEditModel *m = editor.headerModel();
    QCOMPARE(m->rowCount(), 6);  // five and the empty row
    QCOMPARE(m->columnCount(), 3);
    const QModelIndex removed = m->index(1, HeaderEditModel::ChangeColumn);
    // The cell does not say "removed: Authorization removed: ..." (the tooltip keeps the whole reason).
    QCOMPARE(removed.data().toString(), QStringLiteral("removed: the hop goes to another origin (new host)"));
    QVERIFY(removed.data(Qt::ToolTipRole).toString().contains(QLatin1String("new host")));
    QCOMPARE(m->index(1, 0).data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
    QVERIFY(m->index(1, 0).data(Qt::FontRole).value<QFont>().strikeOut());
    QCOMPARE(m->index(1, 1).data().toString(), QStringLiteral("Basic dTpw"));
    QCOMPARE(m->index(2, HeaderEditModel::ChangeColumn).data().toString(),
             QStringLiteral("added: from the cookie jar"));
    QVERIFY(m->index(2, HeaderEditModel::ChangeColumn).data(Qt::ForegroundRole).canConvert<QColor>());
    QVERIFY(m->index(3, HeaderEditModel::ChangeColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("Was: https://a/")));
    QCOMPARE(m->index(0, HeaderEditModel::ChangeColumn).data().toString(), QStringLiteral("kept"));
}

void TestStepEditor::setPending_unchangedIsNotEdited()
{
    StepEditor editor;
    editor.setPending(pendingRequest(), changes());
    QVERIFY(!editor.edited());
    QCOMPARE(editor.request().headers, pendingRequest().headers);
    QCOMPARE(editor.request().url, pendingRequest().url);
}

void TestStepEditor::untickAndTick_changeRequest()
{
    StepEditor editor;
    editor.setPending(pendingRequest(), changes());
    QSignalSpy changed(&editor, &StepEditor::changed);
    HeaderEditModel *m = editor.headerModel();
    m->setRowEnabled(1, true);  // send the removed credentials anyway
    QCOMPARE(changed.size(), 1);
    QVERIFY(editor.edited());
    QCOMPARE(editor.request().headers, (HeaderList{{"Accept", "*/*"},
                                                   {"Authorization", "Basic dTpw"},
                                                   {"Cookie", "sid=1"},
                                                   {"Referer", "https://first.example/"}}));
    QVERIFY(!m->index(1, 0).data(Qt::FontRole).value<QFont>().strikeOut());
    m->setRowEnabled(1, false);
    QVERIFY(!editor.edited());
    m->setRowEnabled(2, false);  // leave the jar's cookie out
    QCOMPARE(editor.request().headers,
             (HeaderList{{"Accept", "*/*"}, {"Referer", "https://first.example/"}}));
    QVERIFY(editor.edited());
}

void TestStepEditor::editingValue_changesRequest()
{
    StepEditor editor;
    editor.setPending(pendingRequest(), changes());
    HeaderEditModel *m = editor.headerModel();
    QVERIFY(m->setData(m->index(0, HeaderEditModel::ValueColumn), QStringLiteral("text/html")));
    QCOMPARE(editor.request().headers.first(), HeaderPair("Accept", "text/html"));
    QVERIFY(editor.edited());
    QCOMPARE(m->index(0, HeaderEditModel::ChangeColumn).data().toString(), QStringLiteral("kept, edited"));
    QVERIFY(m->setData(m->index(0, HeaderEditModel::ValueColumn), QStringLiteral("*/*")));
    QVERIFY(!editor.edited());
    // A header typed into the empty last row is added.
    QVERIFY(m->setData(m->index(m->rowCount() - 1, 0), QStringLiteral("X-Debug")));
    QCOMPARE(editor.request().headers.last(), HeaderPair("X-Debug", ""));
    QVERIFY(editor.edited());
}

void TestStepEditor::editingMethodAndBody()
{
    StepEditor editor;
    RequestSpec r = pendingRequest();
    r.method = "POST";
    r.body = "a=1";
    r.formBody = true;
    editor.setPending(r, {});
    QVERIFY(!editor.edited());
    auto *body = editor.findChild<QPlainTextEdit *>();
    QCOMPARE(body->toPlainText(), QStringLiteral("a=1"));
    body->setPlainText(QStringLiteral("a=2"));
    QCOMPARE(editor.request().body, QByteArray("a=2"));
    QVERIFY(editor.request().formBody);
    editor.findChild<QComboBox *>()->setCurrentText(QStringLiteral("GET"));
    QCOMPARE(editor.request().method, QByteArray("GET"));
    editor.findChild<UrlEdit *>()->setText(QStringLiteral("https://third.example/"));
    QCOMPARE(editor.request().url, QUrl(QStringLiteral("https://third.example/")));
}

void TestStepEditor::binaryBody_isKeptAndReadOnly()
{
    StepEditor editor;
    RequestSpec r = pendingRequest();
    r.body = QByteArray("\x89PNG\xff\x00", 6);
    editor.setPending(r, {});
    auto *body = editor.findChild<QPlainTextEdit *>();
    QVERIFY(body->isReadOnly());
    QCOMPARE(body->toPlainText(), QStringLiteral("(binary, 6 bytes)"));
    QCOMPARE(editor.request().body, r.body);
    QVERIFY(!editor.edited());
}

void TestStepEditor::inconsistentChanges_fallBackToPendingHeaders()
{
    StepEditor editor;
    RequestSpec r = pendingRequest();
    r.headers.append(HeaderPair("X-Late", "1"));  // not in the diff
    editor.setPending(r, changes());
    QCOMPARE(editor.request().headers, r.headers);
    QVERIFY(!editor.edited());
}

void TestStepEditor::clear_leavesNothing()
{
    StepEditor editor;
    editor.setPending(pendingRequest(), changes());
    editor.clear();
    QVERIFY(!editor.edited());
    QCOMPARE(editor.headerModel()->rowCount(), 1);
    QVERIFY(editor.request().headers.isEmpty());
}

void TestStepEditor::addedRow_saysAdded()
{
    // Issue 13: a header added in the step editor showed an empty Change cell.
    StepEditor editor;
    editor.setPending(pendingRequest(), changes());
    HeaderEditModel *m = editor.headerModel();
    const int row = m->rowCount() - 1;
    QVERIFY(m->setData(m->index(row, HeaderEditModel::NameColumn), QStringLiteral("X-Debug")));
    QVERIFY(m->setData(m->index(row, HeaderEditModel::ValueColumn), QStringLiteral("1")));
    const QModelIndex change = m->index(row, HeaderEditModel::ChangeColumn);
    QCOMPARE(change.data().toString(), QStringLiteral("added: by you"));
    QCOMPARE(change.data(HeaderEditModel::ChangeKindRole).toInt(), int(HeaderChange::Kind::Added));
    QVERIFY(change.data(Qt::ToolTipRole).toString().contains(QLatin1String("You added")));
    QVERIFY(change.data(Qt::ForegroundRole).canConvert<QColor>());
    // The new empty row says nothing; the rows the profile computed keep their own changes.
    QVERIFY(m->index(row + 1, HeaderEditModel::ChangeColumn).data().toString().isEmpty());
    QCOMPARE(m->index(2, HeaderEditModel::ChangeColumn).data().toString(),
             QStringLiteral("added: from the cookie jar"));
    // Shown plainly (no diff given), the pending headers are not "added by you".
    editor.setPending(pendingRequest(), {});
    QVERIFY(m->index(0, HeaderEditModel::ChangeColumn).data().toString().isEmpty());
}

void TestStepEditor::columnsFitWithoutScrolling_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("roomy") << QSize(760, 420);
    QTest::newRow("side pane") << QSize(520, 300);
    QTest::newRow("squeezed") << QSize(560, 120);  // less than its minimum: the header rows stay
}

void TestStepEditor::columnsFitWithoutScrolling()
{
    // Issue 13: about one header row was visible, and the Change column needed horizontal scrolling.
    QFETCH(QSize, size);
    StepEditor editor;
    editor.setPending(pendingRequest(), changes());
    editor.resize(size);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    auto *table = editor.findChild<QTableView *>();
    QVERIFY(table);
    QCOMPARE(table->horizontalScrollBarPolicy(), Qt::ScrollBarAlwaysOff);
    QHeaderView *columns = table->horizontalHeader();
    // The columns fill the table's width and no more.
    QTRY_COMPARE(columns->length(), table->viewport()->width());
    // Name and Change show all they say; Value takes the rest.
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
    QVERIFY(columns->sectionSize(HeaderEditModel::ValueColumn) >= 100);
    // At least five rows in view.
    const int rowHeight = table->verticalHeader()->defaultSectionSize();
    QVERIFY2(
        table->viewport()->height() >= 5 * rowHeight,
        qPrintable(QStringLiteral("%1 px for rows of %2").arg(table->viewport()->height()).arg(rowHeight)));
}

void TestStepEditor::render()
{
    // The picture goes to the build folder's screenshots/ (or RWB_RENDER_DIR) for a person to look at.
    StepEditor editor;
    editor.resize(760, 420);
    editor.setProfile(Profile::Browser);
    RequestSpec r = pendingRequest();
    r.body = "a=1";
    editor.setPending(r, changes());
    QVERIFY(!RwbTest::saveScreenshot(editor, QStringLiteral("stepeditor.png")).isNull());
}

QTEST_MAIN(TestStepEditor)
#include "tst_stepeditor.moc"
