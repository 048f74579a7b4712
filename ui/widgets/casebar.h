#pragma once

#include <QFrame>

class QAction;
class QLabel;
class QToolButton;

namespace Rwb {

// The line above the request editor that says what the editor holds: a scratch request that no case
// keeps, a saved case as it is, or a saved case with edits not yet saved to it (a draft). Its buttons are
// the session's commands (Save to Case, Save as New Case, Revert, Restore Edits); the bar shows those that
// apply.
class CaseBar final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseBar)

public:
    enum class State {
        Scratch,   // no case selected: the editor's request is the user's own
        Saved,     // the selected case, as saved
        Draft,     // the selected case with edits that are not in it yet
        Reverted,  // the selected case as saved, its discarded edits still on offer
    };
    struct Buttons {
        QAction *saveToCase = nullptr;
        QAction *saveAsNewCase = nullptr;
        QAction *revert = nullptr;
        QAction *restoreEdits = nullptr;
    };

    CaseBar(const Buttons &buttons, QWidget *parent = nullptr);
    ~CaseBar() override;

    // `caseName` as the tree shows it, with its folders ("Auth / Login"); empty for Scratch.
    void setState(State state, const QString &caseName = QString());
    State state() const { return m_state; }
    QString text() const;

private:
    QToolButton *addButton(QAction *action);

    State m_state = State::Scratch;
    Buttons m_buttons;
    QLabel *m_text = nullptr;
    QToolButton *m_save = nullptr;
    QToolButton *m_saveAsNew = nullptr;
    QToolButton *m_revert = nullptr;
    QToolButton *m_restore = nullptr;
};

}  // namespace Rwb
