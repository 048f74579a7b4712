#pragma once

#include "core/session/session.h"

#include <QFrame>

#include <optional>

class QAction;
class QLabel;
class QToolButton;

namespace Rwb {

// The line above the request editor that says what the editor holds: a scratch request that no case
// keeps, a saved case as it is, or a saved case with edits not yet saved to it (a draft). Its buttons are
// the session's commands (Save to Case, Save as New Case, Revert, Restore Edits, Open in Bulk Check); the bar
// shows those that apply. A bulk check's case has no URL of its own (its lines bring theirs), so the bar says
// what it checks instead: its input and, when there is room on the line, its rules.
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
        QAction *openInBulkCheck = nullptr;  // shown for a bulk check's case
    };

    CaseBar(const Buttons &buttons, QWidget *parent = nullptr);
    ~CaseBar() override;

    // `caseName` as the tree shows it, with its folders ("Auth / Login"); empty for Scratch. `bulk`: the
    // case is a bulk check (as saved: its input is named as the session file has it).
    void setState(State state, const QString &caseName = QString(),
                  const std::optional<SessionBulk> &bulk = std::nullopt);
    State state() const { return m_state; }
    bool isBulkCheck() const { return m_bulk; }
    QString text() const;  // as shown, without markup

    // "maps/migration.csv", "12 lines inline": where a bulk check's lines come from.
    static QString bulkInputText(const SessionBulk &bulk);
    // "301/308 only, at most 1 hop, final status 200|410": its rules; empty when it has none of its own.
    static QString bulkRulesText(const SessionBulk &bulk);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    QToolButton *addButton(QAction *action);
    void fitText();  // the text with the rules when they fit on the line, else without them

    State m_state = State::Scratch;
    bool m_bulk = false;
    QString m_fullText;   // rich text, with a bulk check's rules
    QString m_shortText;  // rich text, without them (the same for any other case)
    Buttons m_buttons;
    QLabel *m_text = nullptr;
    QToolButton *m_save = nullptr;
    QToolButton *m_saveAsNew = nullptr;
    QToolButton *m_revert = nullptr;
    QToolButton *m_restore = nullptr;
    QToolButton *m_openInBulkCheck = nullptr;
};

}  // namespace Rwb
