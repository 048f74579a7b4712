#include "widgets/casebar.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QRegularExpression>
#include <QTextDocument>
#include <QToolButton>

#include <algorithm>

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
    m_openInBulkCheck = addButton(buttons.openInBulkCheck);
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

QString CaseBar::bulkInputText(const SessionBulk &bulk)
{
    if (!bulk.input.trimmed().isEmpty())
        return bulk.input.trimmed();
    // Counted as a run reads them (a CSV's header row and a list's comments are no lines); text that does not
    // parse is counted by its lines that hold something, which is what the run will complain about.
    const BulkInputResult read = parseBulkInput(bulk.lines.toUtf8(), bulk.inputKind);
    qsizetype lines = 0;
    if (read.input && read.input->sitemaps.isEmpty()) {
        lines = read.input->lines.size();
    } else {
        const QStringList all = bulk.lines.split(QLatin1Char('\n'));
        lines =
            std::count_if(all.begin(), all.end(), [](const QString &l) { return !l.trimmed().isEmpty(); });
    }
    return lines == 1 ? tr("1 line inline") : tr("%1 lines inline").arg(lines);
}

QString CaseBar::bulkRulesText(const SessionBulk &bulk)
{
    QStringList rules;
    if (bulk.expectPermanent)
        rules << tr("301/308 only");
    if (bulk.maxHops)
        rules << (*bulk.maxHops == 1 ? tr("at most 1 hop") : tr("at most %1 hops").arg(*bulk.maxHops));
    if (!bulk.finalStatus.trimmed().isEmpty())
        rules << tr("final status %1").arg(bulk.finalStatus.trimmed());
    if (bulk.noDowngrade)
        rules << tr("no https→http");
    if (bulk.sameHost)
        rules << tr("same host");
    return rules.join(tr(", "));
}

void CaseBar::setState(State state, const QString &caseName, const std::optional<SessionBulk> &bulk)
{
    m_state = state;
    m_bulk = bulk.has_value();
    const QString name = caseName.toHtmlEscaped();
    // A bulk check's case says what it checks, since the URL field is empty: "Bulk check NAME: INPUT".
    const QString what = bulk ? tr("Bulk check <b>%1</b>: %2").arg(name, bulkInputText(*bulk).toHtmlEscaped())
                              : tr("Case <b>%1</b>").arg(name);
    const QString rules = bulk ? bulkRulesText(*bulk) : QString();
    QString text;
    QString tail;  // after the rules, when they are shown
    switch (state) {
    case State::Scratch:
        text = tr("<b>Scratch request</b> — not part of the session; <i>Save as New Case</i> keeps it");
        break;
    case State::Saved:
        text = what;
        break;
    case State::Draft:
        text = what;
        tail = tr(" — <b>edited</b>, not saved to the case");
        break;
    case State::Reverted:
        text = what;
        tail = tr(" — edits discarded");
        break;
    }
    m_shortText = text + tail;
    m_fullText = rules.isEmpty() || state == State::Scratch
                     ? m_shortText
                     : text + tr(" (%1)").arg(rules.toHtmlEscaped()) + tail;
    QStringList tips;
    if (bulk && state != State::Scratch) {
        const QString source = bulk->input.trimmed().isEmpty()
                                   ? tr("the case itself (%1)").arg(bulkInputText(*bulk))
                                   : bulkInputText(*bulk);
        tips << tr("Its lines come from %1; each is traced with this case's method, headers, body, auth and "
                   "options, and checked against its rules (%2). Run Case or Send checks every line; Open in "
                   "Bulk Check shows them in a table.")
                    .arg(source, rules.isEmpty() ? tr("a 2xx at the end") : rules);
    }
    if (state == State::Draft) {
        tips << tr("Send runs the request as edited; the case keeps its saved request, expectations and last "
                   "trace until Save to Case (Ctrl+Alt+S)");
    }
    m_text->setToolTip(tips.join(QLatin1Char('\n')));
    m_save->setVisible(state == State::Draft);
    m_revert->setVisible(state == State::Draft);
    m_restore->setVisible(state == State::Reverted);
    m_openInBulkCheck->setVisible(m_bulk && state != State::Scratch);
    m_buttons.saveToCase->setEnabled(state == State::Draft);
    m_buttons.revert->setEnabled(state == State::Draft);
    m_buttons.restoreEdits->setEnabled(state == State::Reverted);
    // A draft stands out: the editor's request is not what the case holds.
    setBackgroundRole(state == State::Draft ? QPalette::ToolTipBase : QPalette::Window);
    setForegroundRole(state == State::Draft ? QPalette::ToolTipText : QPalette::WindowText);
    fitText();
}

void CaseBar::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    fitText();
}

void CaseBar::fitText()
{
    // The rules are worth a glance, not a second line: they are shown when the whole text fits beside the
    // buttons, and are always in the tooltip. The room is worked out from the buttons the state shows (the
    // layout may not have placed them yet), so the choice does not depend on the text shown before.
    QString text = m_shortText;
    if (m_fullText != m_shortText) {
        const QMargins margins = layout()->contentsMargins();
        int room = contentsRect().width() - margins.left() - margins.right();
        for (const QToolButton *button : {m_save, m_revert, m_restore, m_saveAsNew, m_openInBulkCheck}) {
            if (button->isVisibleTo(this))
                room -= button->sizeHint().width() + layout()->spacing();
        }
        QTextDocument measure;
        measure.setDocumentMargin(0);
        measure.setDefaultFont(m_text->font());
        measure.setHtml(m_fullText);
        if (measure.idealWidth() <= room - m_text->margin() * 2 - qMax(0, m_text->indent()))
            text = m_fullText;
    }
    if (m_text->text() != text)
        m_text->setText(text);
}

QString CaseBar::text() const
{
    // The label's rich text without its tags, for tests and accessibility.
    QString plain = m_text->text();
    plain.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    return plain;
}

}  // namespace Rwb
