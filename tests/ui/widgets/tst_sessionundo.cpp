// Session undo on its own: the steps a change makes, typing merged within a pause of 1.5 s in one case
// only, a run's result kept without a step, the limit, and undo/redo putting whole sessions back. The
// session is a plain value here (its name tells the states apart) and the clock is the test's.
#include "workbench/sessionundo.h"

#include <QStandardItemModel>
#include <QTest>
#include <QUndoStack>

using namespace Rwb;

class tst_SessionUndo : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void editsAreStepsThatRoundTrip();
    void typingMerges_data();
    void typingMerges();
    void pauseCountsFromTheLatestEdit();
    void anEditEndsTheTyping();
    void typingAfterAnUndoIsAStepOfItsOwn();
    void runResultIsNoStep();
    void undoAndRedoKeepRunResults();
    void limit();
    void restoringRecordsNothing();
    void resetForgetsTheSteps();

private:
    void edit(const QString &name);
    void type(int row, const QString &name, qint64 atMs);
    void runResult(const QString &name);
    QUndoStack *stack() const { return m_undo->stack(); }

    Session m_live;  // the session "in the window"
    QList<SessionUndo::Direction> m_restores;
    bool m_recordWhileRestoring = false;
    qint64 m_now = 0;
    QStandardItemModel m_cases{2, 1};  // two cases, for the typing's case
    SessionUndo *m_undo = nullptr;
};

void tst_SessionUndo::init()
{
    m_live = Session();
    m_restores.clear();
    m_recordWhileRestoring = false;
    m_now = 0;
    m_undo = new SessionUndo([this] { return m_live; },
                             [this](const Session &session, SessionUndo::Direction direction) {
                                 m_live = session;
                                 m_restores.append(direction);
                                 if (m_recordWhileRestoring)
                                     m_undo->record();  // as the model would report a change
                             });
    m_undo->setClock([this] { return m_now; });
}

void tst_SessionUndo::cleanup()
{
    delete m_undo;
    m_undo = nullptr;
}

void tst_SessionUndo::edit(const QString &name)
{
    m_live.name = name;
    m_undo->record();
}

void tst_SessionUndo::type(int row, const QString &name, qint64 atMs)
{
    m_now = atMs;
    m_undo->change(SessionUndo::Change::Typing, QPersistentModelIndex(m_cases.index(row, 0)), [&] {
        m_live.name = name;
        m_undo->record();
    });
}

void tst_SessionUndo::runResult(const QString &name)
{
    m_undo->change(SessionUndo::Change::RunResult, {}, [&] {
        m_live.name = name;
        m_undo->record();
    });
}

void tst_SessionUndo::editsAreStepsThatRoundTrip()
{
    QVERIFY(!stack()->canUndo());
    edit(QStringLiteral("a"));
    edit(QStringLiteral("b"));
    edit(QStringLiteral("c"));
    QCOMPARE(stack()->count(), 3);
    stack()->undo();
    QCOMPARE(m_live.name, QStringLiteral("b"));
    stack()->undo();
    QCOMPARE(m_live.name, QStringLiteral("a"));
    stack()->redo();
    QCOMPARE(m_live.name, QStringLiteral("b"));
    stack()->redo();
    QCOMPARE(m_live.name, QStringLiteral("c"));
    QVERIFY(!stack()->canRedo());
    const QList<SessionUndo::Direction> expected{SessionUndo::Direction::Undo, SessionUndo::Direction::Undo,
                                                 SessionUndo::Direction::Redo, SessionUndo::Direction::Redo};
    QCOMPARE(m_restores, expected);
    // A new step after an undo drops what could have been redone.
    stack()->undo();
    edit(QStringLiteral("d"));
    QVERIFY(!stack()->canRedo());
    stack()->undo();
    QCOMPARE(m_live.name, QStringLiteral("b"));
}

void tst_SessionUndo::typingMerges_data()
{
    QTest::addColumn<int>("secondRow");
    QTest::addColumn<qint64>("pauseMs");
    QTest::addColumn<int>("steps");
    QTest::newRow("same case, 1 s later") << 0 << qint64(1000) << 1;
    QTest::newRow("same case, 1.499 s later") << 0 << qint64(1499) << 1;
    QTest::newRow("same case, 1.5 s later") << 0 << qint64(1500) << 2;
    QTest::newRow("same case, 5 s later") << 0 << qint64(5000) << 2;
    QTest::newRow("another case, at once") << 1 << qint64(0) << 2;
    QTest::newRow("another case, 1 s later") << 1 << qint64(1000) << 2;
}

void tst_SessionUndo::typingMerges()
{
    QFETCH(int, secondRow);
    QFETCH(qint64, pauseMs);
    QFETCH(int, steps);
    edit(QStringLiteral("before"));
    type(0, QStringLiteral("h"), 10000);
    type(secondRow, QStringLiteral("hi"), 10000 + pauseMs);
    QCOMPARE(stack()->count(), 1 + steps);
    // One undo takes back the last step: all the typing when it merged, the second edit when it did not.
    stack()->undo();
    QCOMPARE(m_live.name, steps == 1 ? QStringLiteral("before") : QStringLiteral("h"));
    stack()->redo();
    QCOMPARE(m_live.name, QStringLiteral("hi"));
}

void tst_SessionUndo::pauseCountsFromTheLatestEdit()
{
    for (int i = 0; i < 5; ++i)
        type(0, QString(i + 1, QLatin1Char('x')), 1000 * i);  // 4 s in all, never 1.5 s apart
    QCOMPARE(stack()->count(), 1);
    stack()->undo();
    QCOMPARE(m_live.name, QString());
}

void tst_SessionUndo::anEditEndsTheTyping()
{
    type(0, QStringLiteral("a"), 0);
    edit(QStringLiteral("renamed"));
    type(0, QStringLiteral("renamed!"), 100);
    QCOMPARE(stack()->count(), 3);
}

void tst_SessionUndo::typingAfterAnUndoIsAStepOfItsOwn()
{
    type(0, QStringLiteral("a"), 0);
    edit(QStringLiteral("b"));
    m_now = 200;
    stack()->undo();
    QCOMPARE(m_live.name, QStringLiteral("a"));
    type(0, QStringLiteral("ax"), 300);  // the typing below is only 300 ms old, but an undo came between
    QCOMPARE(stack()->count(), 2);
    stack()->undo();
    QCOMPARE(m_live.name, QStringLiteral("a"));
}

void tst_SessionUndo::runResultIsNoStep()
{
    edit(QStringLiteral("a"));
    runResult(QStringLiteral("a, run"));
    QCOMPARE(stack()->count(), 1);
    edit(QStringLiteral("b"));
    stack()->undo();
    QCOMPARE(m_live.name, QStringLiteral("a, run"));  // the run's result stays with the session
    // A run between two bursts of typing in one case splits them.
    type(0, QStringLiteral("t"), 0);
    runResult(QStringLiteral("t, run"));
    type(0, QStringLiteral("t, run!"), 100);
    QCOMPARE(stack()->count(), 3);
}

void tst_SessionUndo::undoAndRedoKeepRunResults()
{
    edit(QStringLiteral("a"));
    runResult(QStringLiteral("a, run"));
    stack()->undo();
    QCOMPARE(m_live.name, QString());
    stack()->redo();
    QCOMPARE(m_live.name, QStringLiteral("a, run"));
    // And an undo after a redo goes back to the session as it was at the redo, run results and all.
    stack()->undo();
    runResult(QStringLiteral("run while undone"));
    stack()->redo();
    QCOMPARE(m_live.name, QStringLiteral("a, run"));
    stack()->undo();
    QCOMPARE(m_live.name, QStringLiteral("run while undone"));
}

void tst_SessionUndo::limit()
{
    const int edits = SessionUndo::kLimit + 50;
    for (int i = 1; i <= edits; ++i)
        edit(QString::number(i));
    QCOMPARE(stack()->count(), SessionUndo::kLimit);
    while (stack()->canUndo())
        stack()->undo();
    QCOMPARE(m_live.name, QString::number(edits - SessionUndo::kLimit));  // the oldest steps went first
    QCOMPARE(m_restores.size(), SessionUndo::kLimit);
}

void tst_SessionUndo::restoringRecordsNothing()
{
    m_recordWhileRestoring = true;
    edit(QStringLiteral("a"));
    edit(QStringLiteral("b"));
    stack()->undo();
    QCOMPARE(stack()->count(), 2);
    QCOMPARE(stack()->index(), 1);
    QVERIFY(stack()->canRedo());
    stack()->redo();
    QCOMPARE(m_live.name, QStringLiteral("b"));
    QCOMPARE(stack()->count(), 2);
}

void tst_SessionUndo::resetForgetsTheSteps()
{
    edit(QStringLiteral("a"));
    edit(QStringLiteral("b"));
    Session loaded;
    loaded.name = QStringLiteral("loaded");
    m_live = loaded;
    m_undo->reset(loaded);
    QVERIFY(!stack()->canUndo());
    QCOMPARE(stack()->count(), 0);
    edit(QStringLiteral("c"));
    stack()->undo();
    QCOMPARE(m_live.name, QStringLiteral("loaded"));
    QVERIFY(!stack()->canUndo());
}

QTEST_MAIN(tst_SessionUndo)
#include "tst_sessionundo.moc"
