#pragma once

#include "core/session/session.h"
#include "workbench/sessiondocument.h"
#include "workbench/sessionundo.h"

#include <QObject>
#include <QPersistentModelIndex>
#include <QStringList>

#include <functional>
#include <optional>

class QAction;
class QFrame;
class QLabel;
class QMainWindow;
class QMenu;

namespace Rwb {

class CaseBar;
class ExpectationsEditor;
class RequestEditor;
class RunHistoryView;
class SandboxPanel;
class SessionModel;
class SessionPanel;
class TraceController;

// The open session: the File menu's new, open, save and recent sessions, the recovery copy a crash left,
// the window's title; the case selected in the tree and the editors bound to it (an edit in the request
// or the Expectations tab is an edit of the case); session undo; Session Settings; and the {{variables}}
// the URL field checks against.
class SessionController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionController)

public:
    struct Views {
        SessionPanel *panel = nullptr;
        RequestEditor *editor = nullptr;
        ExpectationsEditor *expectations = nullptr;
        RunHistoryView *history = nullptr;  // the selected case's runs
        SandboxPanel *sandbox = nullptr;    // its rules are part of the session
        QFrame *recoveryBar = nullptr;      // shown while a recovery copy is offered
        QLabel *recoveryText = nullptr;
    };
    struct Actions {
        QAction *newSession = nullptr;
        QAction *openSession = nullptr;
        QAction *saveSession = nullptr;
        QAction *saveSessionAs = nullptr;
        QAction *undo = nullptr;  // from the undo stack
        QAction *redo = nullptr;
        QAction *settings = nullptr;
        // The case bar's: the editor's edits into the selected case, into a new case, or back out.
        QAction *saveToCase = nullptr;
        QAction *saveAsNewCase = nullptr;
        QAction *revertCase = nullptr;
        QAction *restoreEdits = nullptr;
    };
    // What the editor holds, as the case bar says it.
    enum class EditorState { Scratch, Saved, Draft };
    // What to do with a draft before leaving it: QMessageBox::Save (into the case), Discard or Cancel.
    using DraftPrompt = std::function<int(const QString &caseName)>;

    // The actions are added to `window`; dialogs open over it, and its title names the session.
    SessionController(const Views &views, TraceController *trace, QMainWindow *window);
    ~SessionController() override;

    const Actions &actions() const { return m_actions; }
    QMenu *recentMenu() const { return m_recentMenu; }  // File → Open Recent
    CaseBar *caseBar() const { return m_caseBar; }      // the window puts it above the editor
    SessionDocument *document() const { return m_document; }
    SessionPanel *panel() const { return m_views.panel; }
    SessionModel *model() const;
    Session session() const;
    QString environment() const;  // the one chosen in the panel; empty for none

    // Each returns false, having said why in a message box or the status bar, when it did not happen;
    // the file on disk is never touched by a failed open.
    bool openSession(const QString &path);
    bool saveSession();  // Save As when untitled
    bool saveSessionAs(const QString &path);
    void newSession();
    // Replaces the open session (runs are stopped first: see loading()). `modified`: a recovered session,
    // unsaved; otherwise the document is `path` (empty: untitled) as it is on disk.
    void loadSession(const Session &session, const QString &path, bool modified);
    // Asks to save unsaved changes: true when the caller may go on (saved or discarded).
    bool maybeSave();
    void setSavePrompt(std::function<int()> prompt) { m_savePrompt = std::move(prompt); }

    // The editor and the selected case. Selecting a case fills the editor from it; an edit in the editor
    // (the request, its options, its expectations) makes a draft that the case does not hold until
    // saveToCase() (one undo step). Leaving a draft (another case, another session, quitting) asks
    // whether to save it to the case first. With no case selected the editor holds a scratch request.
    EditorState editorState() const;
    bool hasDraft() const { return m_draft && m_currentCase.isValid(); }
    bool saveToCase();
    void revertCase();
    void restoreEdits();
    // Asks what to do with a draft: true when the caller may go on (saved, discarded, or no draft).
    bool resolveDraft();
    void setDraftPrompt(DraftPrompt prompt) { m_draftPrompt = std::move(prompt); }
    // A run of the draft (Send while editing a case): the Expectations tab shows its verdict; the case
    // keeps its own last trace.
    void showDraftRunResult(const Trace &trace, const QList<ExpectationResult> &results);
    QList<Expectation> draftExpectations() const { return editorContent().expectations; }

    QModelIndex currentCase() const { return m_currentCase; }
    void selectCase(const QModelIndex &index);
    void selectNoCase();  // a scratch request in the editor, not a change to a case
    QModelIndex addCase(const std::optional<SessionCase> &testCase = std::nullopt);
    // A run's result: the case keeps the trace (not an undo step), the one it replaces goes to the case's
    // history (recordRun, up to runsKept() runs); the Expectations and History tabs show it when it is the
    // selected case.
    void storeRunResult(const QModelIndex &index, const Trace &trace,
                        const QList<ExpectationResult> &results);
    // How many runs of a case are kept, the latest included (the preference; from 1).
    void setRunsKept(int runs);
    int runsKept() const { return m_runsKept; }
    // Shows one of the selected case's runs in the timeline (the History tab's Open in Timeline).
    void showRun(const CaseRun &run, bool latest);

    void undo();
    void redo();
    bool canUndo() const;
    void editSettings();

    void offerRecovery();
    void restoreRecovery();
    void discardRecovery();

    // The variables a running sandbox gives the cases ({{sandbox}}, ...) come from `variables`.
    void setRuntimeVariables(std::function<Variables()> variables)
    {
        m_runtimeVariables = std::move(variables);
    }
    Variables runtimeVariables() const;
    // The URL field checks its {{variables}} again (the environment or the sandbox changed).
    void recheckVariables();

signals:
    void statusMessage(const QString &text, int timeout = 0);
    // Another session is about to replace the open one: whatever runs its cases stops now.
    void loading();
    // Open in Bulk Check (the case bar, the Session menu, the tree): a bulk check's case as the editor shows
    // it, its input and lines with their {{variables}} replaced and a file named from the session's folder,
    // so that the Bulk Check window (which knows no session) can run it as Run Case would.
    void openInBulkCheck(const Rwb::SessionCase &testCase, const Rwb::RequestSpec &request);

private:
    void createActions();
    void onCaseSelected(const QModelIndex &index);
    void clearExpectations();  // no case selected: nothing to expect
    void onEditorChanged();
    void fillEditors(const SessionCase &c);
    void updateCaseBar();  // and the URL field's placeholder, which a bulk check's case leaves empty
    void requestBulkCheck(const QModelIndex &index);
    QString caseLabel(const QModelIndex &index) const;
    void onSessionModified();
    void restore(const Session &session, SessionUndo::Direction direction);
    void updateTitle();
    void updateRecentSessions(const QString &path);
    void rebuildRecentMenu();
    QString resolveUrlText(const QString &text, QString *error) const;
    void showFileError(const QString &name, const QString &title, const QString &text);

    Views m_views;
    Actions m_actions;
    TraceController *m_trace = nullptr;
    QMainWindow *m_window = nullptr;
    SessionDocument *m_document = nullptr;
    SessionUndo *m_undo = nullptr;
    QMenu *m_recentMenu = nullptr;
    QStringList m_recentSessions;
    QPersistentModelIndex m_currentCase;
    std::optional<SessionDocument::Recovery> m_pendingRecovery;
    std::function<int()> m_savePrompt;
    std::function<Variables()> m_runtimeVariables;
    DraftPrompt m_draftPrompt;
    CaseBar *m_caseBar = nullptr;
    // The selected case as the editors showed it when it was selected or last saved: an edit is a draft
    // while the editors differ from it.
    struct EditorContent {
        CaseRequest request;
        Options options;
        QList<Expectation> expectations;
        friend bool operator==(const EditorContent &a, const EditorContent &b)
        {
            return a.request == b.request && a.options == b.options && a.expectations == b.expectations;
        }
    };
    EditorContent editorContent() const;
    void setEditorContent(const EditorContent &content);
    EditorContent m_saved;
    std::optional<EditorContent> m_discarded;  // Revert's edits, until the next edit or selection
    bool m_draft = false;
    bool m_storingRun = false;  // a run's trace going into its case: kept, but not an unsaved change
    int m_runsKept = kDefaultRunsKept;
};

}  // namespace Rwb
