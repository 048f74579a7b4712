#include "widgets/casebar.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QRegularExpression>
#include <QToolButton>

namespace Rwb {

CaseBar::CaseBar(const Buttons &buttons, QWidget *parent)
    : QFrame(parent)
    , m_buttons(buttons)
    , m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("caseBar"));
    setFrameShape(QFrame::NoFrame);
    setAutoFillBackground(true);
    m_text->setObjectName(QStringLiteral("caseBarText"));
    m_text->setTextFormat(Qt::RichText);
    m_text->setTextInteractionFlags(Qt::NoTextInteraction);
    m_text->setWordWrap(true);  // a long case name wraps rather than being cut off
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(m_text, 1);
    m_save = addButton(buttons.saveToCase);
    m_revert = addButton(buttons.revert);
    m_restore = addButton(buttons.restoreEdits);
    m_saveAsNew = addButton(buttons.saveAsNewCase);
    setState(State::Scratch);
}

CaseBar::~CaseBar() = default;

QToolButton *CaseBar::addButton(QAction *action)
{
    auto *button = new QToolButton(this);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setAutoRaise(true);
    button->setObjectName(action->objectName() + QStringLiteral("Button"));
    layout()->addWidget(button);
    return button;
}

void CaseBar::setState(State state, const QString &caseName)
{
    m_state = state;
    const QString name = caseName.toHtmlEscaped();
    QString text;
    switch (state) {
    case State::Scratch:
        text = tr("<b>Scratch request</b> — not part of the session; <i>Save as New Case</i> keeps it");
        break;
    case State::Saved:
        text = tr("Case <b>%1</b>").arg(name);
        break;
    case State::Draft:
        text = tr("Case <b>%1</b> — <b>edited</b>, not saved to the case").arg(name);
        break;
    case State::Reverted:
        text = tr("Case <b>%1</b> — edits discarded").arg(name);
        break;
    }
    m_text->setText(text);
    m_text->setToolTip(state == State::Draft ? tr(
                           "Send runs the request as edited; the case keeps its saved request, expectations "
                           "and last trace until Save to Case (Ctrl+Alt+S)")
                                             : QString());
    m_save->setVisible(state == State::Draft);
    m_revert->setVisible(state == State::Draft);
    m_restore->setVisible(state == State::Reverted);
    m_buttons.saveToCase->setEnabled(state == State::Draft);
    m_buttons.revert->setEnabled(state == State::Draft);
    m_buttons.restoreEdits->setEnabled(state == State::Reverted);
    // A draft stands out: the editor's request is not what the case holds.
    setBackgroundRole(state == State::Draft ? QPalette::ToolTipBase : QPalette::Window);
    setForegroundRole(state == State::Draft ? QPalette::ToolTipText : QPalette::WindowText);
}

QString CaseBar::text() const
{
    // The label's rich text without its tags, for tests and accessibility.
    QString plain = m_text->text();
    plain.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    return plain;
}

}  // namespace Rwb
