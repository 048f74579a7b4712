#include "workbench/sessionundo.h"

#include <QScopedValueRollback>
#include <QUndoCommand>
#include <QUndoStack>

#include <chrono>
#include <utility>

namespace Rwb {

namespace {

constexpr int kTypingId = 1;  // QUndoStack merges only commands of one id; other steps have none (-1)

qint64 steadyMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

// One step: the session before the change and the one after it. Pushed once the change is made, so its
// first redo() has nothing to do; later ones put `after` back.
class SessionUndo::Step final : public QUndoCommand
{
public:
    Step(SessionUndo *owner, Session before, Session after, const QPersistentModelIndex &typingCase,
         quint64 epoch, qint64 at)
        : m_owner(owner)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_typingCase(typingCase)
        , m_epoch(epoch)
        , m_lastAt(at)
    {
    }

    int id() const override { return m_typingCase.isValid() ? kTypingId : -1; }

    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *next = static_cast<const Step *>(other);  // the same id: typing, so a Step
        if (next->m_typingCase != m_typingCase || next->m_epoch != m_epoch
            || next->m_lastAt - m_lastAt >= kTypingPauseMs)
            return false;
        m_after = next->m_after;
        m_lastAt = next->m_lastAt;  // the pause is measured from the latest edit, not the first
        return true;
    }

    void undo() override
    {
        m_after = m_owner->m_current();  // with the run results kept since: a redo brings them back
        m_owner->restore(m_before, Direction::Undo);
    }

    void redo() override
    {
        if (std::exchange(m_pushed, false))
            return;
        m_before = m_owner->m_current();
        m_owner->restore(m_after, Direction::Redo);
    }

private:
    SessionUndo *m_owner;
    Session m_before;
    Session m_after;
    QPersistentModelIndex m_typingCase;  // valid for typing only
    quint64 m_epoch;
    qint64 m_lastAt;  // when the latest edit in it was made
    bool m_pushed = true;
};

SessionUndo::SessionUndo(Current current, Restore restore, QObject *parent)
    : QObject(parent)
    , m_stack(new QUndoStack(this))
    , m_current(std::move(current))
    , m_restore(std::move(restore))
    , m_clock(steadyMs)
{
    m_stack->setUndoLimit(kLimit);
}

SessionUndo::~SessionUndo() = default;

void SessionUndo::reset(const Session &session)
{
    m_stack->clear();
    m_baseline = session;
    ++m_epoch;
}

void SessionUndo::record()
{
    if (m_restoring)
        return;
    const Session now = m_current();
    if (m_kind == Change::RunResult) {
        m_baseline = now;  // an undo after this goes back to a session with the trace in it
        ++m_epoch;
        return;
    }
    const bool typing = m_kind == Change::Typing && m_typingCase.isValid();
    m_stack->push(
        new Step(this, m_baseline, now, typing ? m_typingCase : QPersistentModelIndex(), m_epoch, m_clock()));
    m_baseline = now;
}

void SessionUndo::change(Change kind, const QPersistentModelIndex &typingCase,
                         const std::function<void()> &make)
{
    const QScopedValueRollback<Change> changeKind(m_kind, kind);
    const QScopedValueRollback<QPersistentModelIndex> where(m_typingCase, typingCase);
    make();
}

void SessionUndo::restore(const Session &session, Direction direction)
{
    const QScopedValueRollback<bool> restoring(m_restoring, true);
    m_baseline = session;
    ++m_epoch;
    m_restore(session, direction);
}

}  // namespace Rwb
