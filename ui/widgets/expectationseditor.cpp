#include "widgets/expectationseditor.h"

#include "core/check/casecheck.h"
#include "workbench/expectationsmodel.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace Rwb {

namespace {

// The Kind column is edited with a list of the kinds.
class KindDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        if (index.column() != ExpectationsModel::KindColumn)
            return QStyledItemDelegate::createEditor(parent, option, index);
        auto *box = new QComboBox(parent);
        for (ExpectationKind kind : allExpectationKinds())
            box->addItem(expectationKindTitle(kind), int(kind));
        return box;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        if (auto *box = qobject_cast<QComboBox *>(editor))
            box->setCurrentIndex(box->findData(index.data(Qt::EditRole).toInt()));
        else
            QStyledItemDelegate::setEditorData(editor, index);
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        if (auto *box = qobject_cast<QComboBox *>(editor))
            model->setData(index, box->currentData(), Qt::EditRole);
        else
            QStyledItemDelegate::setModelData(editor, model, index);
    }
};

}  // namespace

ExpectationsEditor::ExpectationsEditor(QWidget *parent)
    : QWidget(parent)
    , m_model(new ExpectationsModel(this))
    , m_view(new QTableView(this))
{
    m_model->setPalette(palette());
    m_view->setModel(m_model);
    m_view->setItemDelegate(new KindDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                            | QAbstractItemView::AnyKeyPressed);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(ExpectationsModel::KindColumn,
                                                     QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->resizeSection(ExpectationsModel::ValueColumn, 260);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setToolTip(tr("What the chain must do. Double-click or F2 to edit; Delete removes the row"));

    m_add = new QToolButton(this);
    m_add->setText(tr("Add"));
    m_add->setToolTip(tr("Add an expectation of the chosen kind"));
    m_add->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_add);
    for (ExpectationKind kind : allExpectationKinds()) {
        QAction *a = menu->addAction(expectationKindTitle(kind));
        connect(a, &QAction::triggered, this, [this, kind] {
            const QModelIndex added = m_model->addExpectation(kind);
            m_view->setCurrentIndex(added);
            if (added.flags() & Qt::ItemIsEditable)
                m_view->edit(added);
        });
    }
    m_add->setMenu(menu);

    m_remove = new QAction(tr("Remove"), this);
    m_remove->setShortcut(QKeySequence::Delete);
    m_remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_remove->setToolTip(tr("Remove the selected expectation (Delete)"));
    connect(m_remove, &QAction::triggered, this, [this] {
        if (m_view->currentIndex().isValid())
            m_model->removeExpectation(m_view->currentIndex().row());
    });
    m_view->addAction(m_remove);

    m_expectChain = new QAction(tr("Expect this chain"), this);
    m_expectChain->setToolTip(tr("Turn the latest trace into expectations: its hops, statuses, final URL, "
                                 "method, outcome, cookies and credentials (Ctrl+Shift+E)"));
    m_expectChain->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_expectChain->setShortcutContext(Qt::WindowShortcut);
    connect(m_expectChain, &QAction::triggered, this, &ExpectationsEditor::expectThisChain);
    addAction(m_expectChain);

    m_undo = new QAction(tr("Undo"), this);
    // No shortcut: Ctrl+Z is the window's session undo, which covers this change too.
    m_undo->setToolTip(tr("Bring back the expectations \"Expect this chain\" replaced"));
    connect(m_undo, &QAction::triggered, this, [this] {
        if (!m_beforeChain)
            return;
        const QList<Expectation> before = *m_beforeChain;
        m_beforeChain.reset();
        m_model->setExpectations(before);
        updateActions();
        emit changed();
    });
    addAction(m_undo);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    for (QAction *a : {m_remove, m_expectChain, m_undo}) {
        auto *b = new QToolButton(this);
        b->setDefaultAction(a);
        buttons->addWidget(b);
    }
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_view);

    connect(m_model, &ExpectationsModel::changed, this, [this] {
        m_beforeChain.reset();
        updateActions();
        emit changed();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ExpectationsEditor::updateActions);
    updateActions();
}

ExpectationsEditor::~ExpectationsEditor() = default;

QList<Expectation> ExpectationsEditor::expectations() const
{
    return m_model->expectations();
}

void ExpectationsEditor::setExpectations(const QList<Expectation> &expectations)
{
    m_beforeChain.reset();
    m_model->setExpectations(expectations);
    updateActions();
}

void ExpectationsEditor::setTrace(const std::optional<Trace> &trace)
{
    m_trace = trace;
    m_model->setTrace(trace);
    updateActions();
}

void ExpectationsEditor::setResults(const QList<ExpectationResult> &results)
{
    m_model->setResults(results);
}

void ExpectationsEditor::expectThisChain()
{
    if (!m_trace || m_trace->hops.isEmpty())
        return;
    const QList<Expectation> before = m_model->expectations();
    m_model->setExpectations(expectationsFromTrace(*m_trace));
    m_beforeChain = before;
    updateActions();
    emit changed();
}

bool ExpectationsEditor::event(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_model->setPalette(palette());
    return QWidget::event(event);
}

void ExpectationsEditor::updateActions()
{
    m_expectChain->setEnabled(m_trace && !m_trace->hops.isEmpty());
    m_remove->setEnabled(m_view->currentIndex().isValid());
    m_undo->setEnabled(m_beforeChain.has_value());
}

}  // namespace Rwb
