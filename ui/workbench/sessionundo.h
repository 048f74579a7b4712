#pragma once

#include "core/session/session.h"

#include <QObject>
#include <QPersistentModelIndex>

#include <functional>

class QUndoStack;

namespace Rwb {

// Session undo (the window's Edit menu) on a QUndoStack. Each change to the session is a step holding
// whole sessions: the one before the change, and once undone the one it undid, so undo and redo put a
// session back as it was. Typing in one case is one step for as long as the pauses between edits stay
// under kTypingPauseMs; a run's last trace is kept with the session but is never a step. At most kLimit
// steps; the oldest go first.
class SessionUndo final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionUndo)

public:
    enum class Change {
        Edit,       // a step of its own
        Typing,     // an edit in a case's editor: one step with the typing just before it in that case
        RunResult,  // a run's trace stored in its case: no step
    };
    enum class Direction { Undo, Redo };
    // The session as it is now; and how undo and redo put one back.
    using Current = std::function<Session()>;
    using Restore = std::function<void(const Session &session, Direction direction)>;

    static constexpr int kLimit = 100;
    static constexpr qint64 kTypingPauseMs = 1500;

    SessionUndo(Current current, Restore restore, QObject *parent = nullptr);
    ~SessionUndo() override;

    // Its undo and redo actions come from createUndoAction() and createRedoAction().
    QUndoStack *stack() const { return m_stack; }

    // A session just loaded or started: no steps, and undo goes back no further than `session`.
    void reset(const Session &session);
    // Records the change just made to the session (call it after every change: the model's modified()).
    // An Edit, unless it is made inside change(). Nothing is recorded while a step is being undone or redone.
    void record();
    // Runs `make`: what it records is `kind` (for Typing, in `typingCase`).
    void change(Change kind, const QPersistentModelIndex &typingCase, const std::function<void()> &make);

    // Milliseconds on a monotonic clock, for the pauses in typing (a steady clock unless a test sets one).
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

private:
    class Step;
    void restore(const Session &session, Direction direction);

    QUndoStack *m_stack = nullptr;
    Current m_current;
    Restore m_restore;
    std::function<qint64()> m_clock;
    Session m_baseline;  // the session after the latest recorded change: the next step's "before"
    Change m_kind = Change::Edit;
    QPersistentModelIndex m_typingCase;
    // Typing merges only with typing of the same epoch: an undo, a redo or a run's result ends one.
    quint64 m_epoch = 0;
    bool m_restoring = false;  // a step being undone or redone must not push one (QUndoStack forbids it)
};

}  // namespace Rwb
