#include "widgets/sessionpanel.h"

#include "widgets/sessiontreedelegate.h"
#include "workbench/sessionmodel.h"
#include "workbench/theme.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QProgressBar>
#include <QStyle>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <array>

namespace Rwb {

namespace {

constexpr int kActionCount = int(SessionPanel::Action::OpenInBulkCheck) + 1;

QString casesText(int count)
{
    if (count == 0)
        return SessionPanel::tr("No cases yet: Ctrl+Shift+N keeps the request in the editor as one, "
                                "Ctrl+O opens a session");
    if (count == 1)
        return SessionPanel::tr("1 case");
    return SessionPanel::tr("%1 cases").arg(count);
}

}  // namespace

struct SessionPanel::Private {
    SessionPanel *q = nullptr;
    SessionModel *model = nullptr;
    QTreeView *view = nullptr;
    QComboBox *environments = nullptr;
    QWidget *progressRow = nullptr;
    QProgressBar *progress = nullptr;
    QToolButton *cancel = nullptr;
    QLabel *summary = nullptr;
    QString summaryPlain;  // the summary without its colours
    std::array<QAction *, kActionCount> actions{};
    bool running = false;

    QAction *makeAction(Action which, const QString &objectName, const QString &text, const QString &toolTip,
                        const QKeySequence &shortcut, const QIcon &icon);
    QIcon icon(const char *themeName, QStyle::StandardPixmap fallback) const;
    QModelIndex current() const;
    // True while a name is being edited in the tree: keys then belong to the editor.
    bool editing() const;
    void updateActions();
    void updateSummary();
    void fillEnvironments();
    void addCase();
    void addFolder();
    void startRename(const QModelIndex &index);
};

QIcon SessionPanel::Private::icon(const char *themeName, QStyle::StandardPixmap fallback) const
{
    return QIcon::fromTheme(QLatin1String(themeName), q->style()->standardIcon(fallback));
}

QAction *SessionPanel::Private::makeAction(Action which, const QString &objectName, const QString &text,
                                           const QString &toolTip, const QKeySequence &shortcut,
                                           const QIcon &actionIcon)
{
    auto *action = new QAction(actionIcon, text, q);
    action->setObjectName(objectName);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(tr("%1 (%2)").arg(toolTip, shortcut.toString(QKeySequence::NativeText)));
    q->addAction(action);
    actions[size_t(which)] = action;
    return action;
}

QModelIndex SessionPanel::Private::current() const
{
    return view->currentIndex();
}

bool SessionPanel::Private::editing() const
{
    const QWidget *focus = QApplication::focusWidget();
    return focus && focus != view && view->isAncestorOf(focus);
}

void SessionPanel::Private::updateActions()
{
    const QModelIndex index = current();
    const bool valid = index.isValid();
    const int rows = valid ? model->rowCount(index.parent()) : 0;
    actions[size_t(Action::Duplicate)]->setEnabled(valid);
    actions[size_t(Action::Rename)]->setEnabled(valid);
    actions[size_t(Action::Delete)]->setEnabled(valid);
    actions[size_t(Action::MoveUp)]->setEnabled(valid && index.row() > 0);
    actions[size_t(Action::MoveDown)]->setEnabled(valid && index.row() < rows - 1);
    actions[size_t(Action::RunCase)]->setEnabled(!running && model->isCase(index));
    actions[size_t(Action::RunAll)]->setEnabled(!running && !model->caseIndexes().isEmpty());
    // Only a bulk check has lines for the Bulk Check window to show; a run of the session does not stop it.
    actions[size_t(Action::OpenInBulkCheck)]->setEnabled(model->isCase(index) && model->caseAt(index).bulk);
}

void SessionPanel::Private::updateSummary()
{
    int passed = 0;
    int failed = 0;
    int notRun = 0;
    int unchecked = 0;
    const QList<QModelIndex> cases = model->caseIndexes();
    for (const QModelIndex &index : cases) {
        switch (model->runState(index)) {
        case SessionModel::RunState::Passed:
            ++passed;
            break;
        case SessionModel::RunState::Failed:
            ++failed;
            break;
        case SessionModel::RunState::Unchecked:
            ++unchecked;
            break;
        case SessionModel::RunState::NotRun:
        case SessionModel::RunState::Running:
            ++notRun;
            break;
        }
    }
    if (passed + failed + unchecked == 0) {
        summary->setText(casesText(int(cases.size())));
        summary->setToolTip(QString());
        summaryPlain = summary->text();
        return;
    }
    // The counts are coloured; the plain text is kept for summaryText().
    const QPalette &palette = q->palette();
    const auto coloured = [&palette](const QString &text, Theme::Tone tone) {
        return QStringLiteral("<span style=\"color:%1\">%2</span>")
            .arg(Theme::toneText(tone, palette).name(), text.toHtmlEscaped());
    };
    QStringList plain;
    QStringList rich;
    const auto add = [&](const QString &text, Theme::Tone tone) {
        plain.append(text);
        rich.append(coloured(text, tone));
    };
    if (passed > 0)
        add(tr("%1 passed").arg(passed), Theme::Tone::Good);
    if (failed > 0)
        add(tr("%1 failed").arg(failed), Theme::Tone::Danger);
    if (unchecked > 0)
        add(tr("%1 unchecked").arg(unchecked), Theme::Tone::Muted);
    if (notRun > 0)
        add(tr("%1 not run").arg(notRun), Theme::Tone::Muted);
    const QString separator = tr(", ");
    summary->setText(rich.join(separator));
    summaryPlain = plain.join(separator);
    summary->setToolTip(tr("The last run's results; hover a case for why it failed"));
}

void SessionPanel::Private::fillEnvironments()
{
    const QString previous = environments->currentData().toString();
    const QSignalBlocker blocker(environments);
    environments->clear();
    environments->addItem(tr("No environment"), QString());
    for (const QString &name : model->environmentNames())
        environments->addItem(name, name);
    const int found = environments->findData(previous);
    environments->setCurrentIndex(found < 0 ? 0 : found);
    environments->setEnabled(environments->count() > 1);
    if (environments->currentData().toString() != previous)
        emit q->environmentChanged(environments->currentData().toString());
}

void SessionPanel::Private::startRename(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    view->setCurrentIndex(index);
    view->scrollTo(index);
    view->edit(index);
}

void SessionPanel::Private::addCase()
{
    if (editing())
        return;
    SessionCase testCase;
    testCase.name = tr("New case");
    const QModelIndex index = model->addCase(current(), testCase);
    if (index.parent().isValid())
        view->expand(index.parent());
    startRename(index);
}

void SessionPanel::Private::addFolder()
{
    if (editing())
        return;
    const QModelIndex index = model->addFolder(current(), tr("New folder"));
    if (index.parent().isValid())
        view->expand(index.parent());
    startRename(index);
}

SessionPanel::SessionPanel(QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->model = new SessionModel(this);

    d->view = new QTreeView(this);
    d->view->setObjectName(QStringLiteral("sessionTree"));
    d->view->setModel(d->model);
    d->view->setItemDelegate(new SessionTreeDelegate(d->view));  // folder icons and run-state marks
    d->view->setHeaderHidden(true);
    d->view->setUniformRowHeights(true);
    d->view->setSelectionMode(QAbstractItemView::SingleSelection);
    d->view->setEditTriggers(QAbstractItemView::EditKeyPressed);
    // Rows are moved, never copied, and only inside this tree; the model moves them itself (see
    // SessionModel::dropMimeData for why the view never removes the dragged rows afterwards).
    d->view->setDragEnabled(true);
    d->view->setAcceptDrops(true);
    d->view->setDropIndicatorShown(true);
    d->view->setDragDropMode(QAbstractItemView::InternalMove);
    d->view->setDefaultDropAction(Qt::MoveAction);
    d->view->setContextMenuPolicy(Qt::ActionsContextMenu);
    d->view->setAccessibleName(tr("Session cases"));

    using A = Action;
    const QIcon noIcon;
    QAction *newCase = d->makeAction(
        A::NewCase, QStringLiteral("newCase"), tr("New &Case"), tr("Add a case after the selected one"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), d->icon("document-new", QStyle::SP_FileIcon));
    QAction *newFolder = d->makeAction(A::NewFolder, QStringLiteral("newFolder"), tr("New &Folder"),
                                       tr("Add a folder"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F),
                                       d->icon("folder-new", QStyle::SP_FileDialogNewFolder));
    QAction *duplicate =
        d->makeAction(A::Duplicate, QStringLiteral("duplicate"), tr("&Duplicate"),
                      tr("Duplicate the selected case or folder"), QKeySequence(Qt::CTRL | Qt::Key_D),
                      d->icon("edit-copy", QStyle::SP_FileLinkIcon));
    QAction *rename =
        d->makeAction(A::Rename, QStringLiteral("rename"), tr("&Rename"),
                      tr("Rename the selected case or folder"), QKeySequence(Qt::Key_F2), noIcon);
    QAction *remove = d->makeAction(A::Delete, QStringLiteral("delete"), tr("De&lete"),
                                    tr("Delete the selected case or folder"), QKeySequence(Qt::Key_Delete),
                                    d->icon("edit-delete", QStyle::SP_TrashIcon));
    QAction *moveUp =
        d->makeAction(A::MoveUp, QStringLiteral("moveUp"), tr("Move &Up"), tr("Move the selected item up"),
                      QKeySequence(Qt::ALT | Qt::Key_Up), d->icon("go-up", QStyle::SP_ArrowUp));
    QAction *moveDown = d->makeAction(A::MoveDown, QStringLiteral("moveDown"), tr("Move Do&wn"),
                                      tr("Move the selected item down"), QKeySequence(Qt::ALT | Qt::Key_Down),
                                      d->icon("go-down", QStyle::SP_ArrowDown));
    QAction *runCase =
        d->makeAction(A::RunCase, QStringLiteral("runCase"), tr("&Run Case"),
                      tr("Run the selected case and check its expectations"), QKeySequence(Qt::Key_F5),
                      d->icon("media-playback-start", QStyle::SP_MediaPlay));
    QAction *runAll = d->makeAction(
        A::RunAll, QStringLiteral("runAll"), tr("Run &All"), tr("Run every case of the session in order"),
        QKeySequence(Qt::SHIFT | Qt::Key_F5), d->icon("media-seek-forward", QStyle::SP_MediaSeekForward));
    // Beside Tools → Bulk Check's Ctrl+Shift+U.
    QAction *openInBulkCheck = d->makeAction(
        A::OpenInBulkCheck, QStringLiteral("openInBulkCheck"), tr("Open in &Bulk Check"),
        tr("Open the selected bulk check in the Bulk Check window, to run it there and see its lines in a "
           "table"),
        QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_U), noIcon);

    // The session's commands work anywhere in the window, as the Session menu shows them. The ones on the
    // selected item keep to the tree: their keys (Delete, F2, Alt+arrows, Ctrl+D) edit text and cells
    // elsewhere, and the tooltip says where they apply.
    for (QAction *action : {newCase, newFolder, runCase, runAll, openInBulkCheck})
        action->setShortcutContext(Qt::WindowShortcut);
    for (QAction *action : {duplicate, rename, remove, moveUp, moveDown}) {
        action->setToolTip(tr("%1 (%2 in the session tree)")
                               .arg(action->toolTip().section(QLatin1String(" ("), 0, 0),
                                    action->shortcut().toString(QKeySequence::NativeText)));
    }

    connect(newCase, &QAction::triggered, this, [this] { d->addCase(); });
    connect(newFolder, &QAction::triggered, this, [this] { d->addFolder(); });
    connect(duplicate, &QAction::triggered, this, [this] {
        if (d->editing())
            return;
        const QModelIndex copy = d->model->duplicate(d->current());
        if (copy.isValid()) {
            d->view->setCurrentIndex(copy);
            d->view->scrollTo(copy);
        }
    });
    connect(rename, &QAction::triggered, this, [this] { d->startRename(d->current()); });
    // No question asked: the window offers to undo a deletion.
    connect(remove, &QAction::triggered, this, [this] {
        if (!d->editing())
            d->model->remove(d->current());
    });
    connect(moveUp, &QAction::triggered, this, [this] {
        if (!d->editing() && d->model->moveUp(d->current()))
            d->view->scrollTo(d->current());
    });
    connect(moveDown, &QAction::triggered, this, [this] {
        if (!d->editing() && d->model->moveDown(d->current()))
            d->view->scrollTo(d->current());
    });
    connect(runCase, &QAction::triggered, this, [this] {
        if (d->model->isCase(d->current()))
            emit runCaseRequested(d->current());
    });
    connect(runAll, &QAction::triggered, this, [this] { emit runAllRequested(); });
    connect(openInBulkCheck, &QAction::triggered, this, [this] {
        if (d->model->isCase(d->current()) && d->model->caseAt(d->current()).bulk)
            emit openInBulkCheckRequested(d->current());
    });

    // The tree's context menu: the same actions, grouped.
    auto separator = [this] {
        auto *s = new QAction(this);
        s->setSeparator(true);
        return s;
    };
    d->view->addActions({runCase, runAll, openInBulkCheck, separator(), newCase, newFolder, duplicate, rename,
                         remove, separator(), moveUp, moveDown});

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->setSpacing(1);
    const auto addButton = [this, buttons](QAction *action) {
        auto *button = new QToolButton(this);
        button->setObjectName(action->objectName() + QLatin1String("Button"));
        button->setDefaultAction(action);
        button->setAutoRaise(true);
        buttons->addWidget(button);
    };
    for (QAction *action : {newCase, newFolder, duplicate, remove})
        addButton(action);
    buttons->addSpacing(style()->pixelMetric(QStyle::PM_ToolBarSeparatorExtent));
    addButton(moveUp);
    addButton(moveDown);
    buttons->addStretch(1);
    addButton(runCase);
    addButton(runAll);

    d->environments = new QComboBox(this);
    d->environments->setObjectName(QStringLiteral("environmentCombo"));
    d->environments->setToolTip(tr("The variables the cases run with: the session's, or an environment's "
                                   "over them"));
    d->environments->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *environmentLabel = new QLabel(tr("&Environment:"), this);
    environmentLabel->setBuddy(d->environments);
    auto *environmentRow = new QHBoxLayout;
    environmentRow->setContentsMargins(0, 0, 0, 0);
    environmentRow->addWidget(environmentLabel);
    environmentRow->addWidget(d->environments, 1);

    d->progressRow = new QWidget(this);
    d->progressRow->setObjectName(QStringLiteral("runProgressRow"));
    d->progress = new QProgressBar(d->progressRow);
    d->progress->setObjectName(QStringLiteral("runProgress"));
    d->progress->setRange(0, 0);
    d->progress->setTextVisible(true);
    d->cancel = new QToolButton(d->progressRow);
    d->cancel->setObjectName(QStringLiteral("cancelRun"));
    d->cancel->setText(tr("Cancel"));
    d->cancel->setToolTip(tr("Stop the run; the cases not run yet stay not run"));
    d->cancel->setIcon(d->icon("process-stop", QStyle::SP_BrowserStop));
    d->cancel->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto *progressLayout = new QHBoxLayout(d->progressRow);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    progressLayout->addWidget(d->progress, 1);
    progressLayout->addWidget(d->cancel);
    d->progressRow->hide();
    connect(d->cancel, &QToolButton::clicked, this, &SessionPanel::cancelRequested);

    d->summary = new QLabel(this);
    d->summary->setObjectName(QStringLiteral("runSummary"));
    d->summary->setTextFormat(Qt::RichText);
    d->summary->setTextInteractionFlags(Qt::NoTextInteraction);
    d->summary->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(buttons);
    layout->addLayout(environmentRow);
    layout->addWidget(d->view, 1);
    layout->addWidget(d->progressRow);
    layout->addWidget(d->summary);

    connect(d->environments, &QComboBox::currentIndexChanged, this,
            [this] { emit environmentChanged(currentEnvironment()); });
    connect(d->model, &SessionModel::settingsChanged, this, [this] { d->fillEnvironments(); });
    connect(d->view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &index) {
                d->updateActions();
                emit caseSelected(d->model->isCase(index) ? index : QModelIndex());
            });
    const auto structureChanged = [this] {
        d->updateActions();
        d->updateSummary();
    };
    connect(d->model, &QAbstractItemModel::rowsInserted, this, structureChanged);
    connect(d->model, &QAbstractItemModel::rowsRemoved, this, structureChanged);
    connect(d->model, &QAbstractItemModel::rowsMoved, this, structureChanged);
    connect(d->model, &QAbstractItemModel::modelReset, this, [this, structureChanged] {
        d->view->expandAll();
        structureChanged();
    });
    connect(d->model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                if (roles.isEmpty() || roles.contains(SessionModel::RunStateRole))
                    d->updateSummary();
            });

    d->fillEnvironments();
    d->updateActions();
    d->updateSummary();
}

SessionPanel::~SessionPanel() = default;

QTreeView *SessionPanel::view() const
{
    return d->view;
}

SessionModel *SessionPanel::model() const
{
    return d->model;
}

QAction *SessionPanel::action(Action which) const
{
    return d->actions[size_t(which)];
}

QString SessionPanel::currentEnvironment() const
{
    return d->environments->currentData().toString();
}

bool SessionPanel::setCurrentEnvironment(const QString &name)
{
    const int found = d->environments->findData(name);
    if (found < 0)
        return false;
    d->environments->setCurrentIndex(found);
    return true;
}

void SessionPanel::setRunning(bool running)
{
    d->running = running;
    if (running) {
        d->progress->setRange(0, 0);  // busy until the first setRunProgress()
        d->progress->setValue(0);
    }
    d->progressRow->setVisible(running);
    d->updateActions();
}

bool SessionPanel::isRunning() const
{
    return d->running;
}

void SessionPanel::setRunProgress(int done, int total)
{
    d->progress->setRange(0, qMax(total, 0));
    d->progress->setValue(qBound(0, done, qMax(total, 0)));
    d->progress->setFormat(tr("%1 of %2").arg(done).arg(total));
}

QString SessionPanel::summaryText() const
{
    return d->summaryPlain;
}

QModelIndex SessionPanel::currentCase() const
{
    const QModelIndex index = d->current();
    return d->model->isCase(index) ? index : QModelIndex();
}

void SessionPanel::setCurrentIndex(const QModelIndex &index)
{
    d->view->setCurrentIndex(index);
    if (index.isValid())
        d->view->scrollTo(index);
}

void SessionPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        d->updateSummary();
}

}  // namespace Rwb
