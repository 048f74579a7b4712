#pragma once

#include <QModelIndex>
#include <QWidget>

#include <memory>

class QAction;
class QTreeView;

namespace Rwb {

class SessionModel;

// The session side of the window: the tree of folders and cases with a row of tool buttons above it, the
// environment the cases run in, and the progress and result of a run below it.
//
// The panel edits the tree itself (add, duplicate, delete, move, rename, drag and drop); running is the
// window's job, asked for with runCaseRequested()/runAllRequested() and reported back with setRunning(),
// setRunProgress() and the model's run states. Every action's shortcut works only while the focus is in
// the panel (Qt::WidgetWithChildrenShortcut), so the window may show the same actions in its menus.
class SessionPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionPanel)

public:
    enum class Action {
        NewCase,          // Ctrl+Shift+N
        NewFolder,        // Ctrl+Shift+F
        Duplicate,        // Ctrl+D
        Rename,           // F2
        Delete,           // Delete
        MoveUp,           // Alt+Up
        MoveDown,         // Alt+Down
        RunCase,          // F5
        RunAll,           // Shift+F5
        OpenInBulkCheck,  // Ctrl+Alt+U: a bulk check's case in the Bulk Check window
    };

    explicit SessionPanel(QWidget *parent = nullptr);
    ~SessionPanel() override;

    QTreeView *view() const;
    SessionModel *model() const;
    // The panel's actions (QWidget::actions() lists them in the order of Action) for the window's menus.
    QAction *action(Action which) const;

    // The chosen environment's name; empty for "No environment".
    QString currentEnvironment() const;
    // Chooses an environment by name (empty: none). False when the session has no such environment.
    bool setCurrentEnvironment(const QString &name);

    // While running, the progress bar and the Cancel button are shown and Run is disabled.
    void setRunning(bool running);
    bool isRunning() const;
    void setRunProgress(int done, int total);
    // "5 passed, 1 failed" after a run, "3 cases" before one: what the label below the tree says.
    QString summaryText() const;

    // The case the tree shows as current; invalid when a folder or nothing is current.
    QModelIndex currentCase() const;
    void setCurrentIndex(const QModelIndex &index);

signals:
    void caseSelected(const QModelIndex &index);
    void runCaseRequested(const QModelIndex &index);
    void runAllRequested();
    // Open in Bulk Check on a bulk check's case; the window opens the Bulk Check window with it.
    void openInBulkCheckRequested(const QModelIndex &index);
    void cancelRequested();
    void environmentChanged(const QString &name);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

}  // namespace Rwb
