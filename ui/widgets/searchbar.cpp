#include "widgets/searchbar.h"

#include "workbench/theme.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QToolButton>

#include <utility>

namespace Rwb {

namespace {

QToolButton *toolButton(QWidget *parent, const char *name, const QString &text, const QString &tip,
                        bool checkable = false)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(QLatin1String(name));
    button->setText(text);
    button->setToolTip(tip);
    button->setCheckable(checkable);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::TabFocus);  // a click leaves the cursor in the query
    return button;
}

bool isEnter(const QKeyEvent *event)
{
    return event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
}

}  // namespace

SearchBar::SearchBar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("searchBar"));
    m_field = new QLineEdit(this);
    m_field->setObjectName(QStringLiteral("searchField"));
    m_field->setPlaceholderText(tr("Find in hops, headers, bodies and notes"));
    m_field->setClearButtonEnabled(true);
    m_field->setToolTip(tr("Searches every hop's request line, headers and body, status line, response "
                           "headers and body, notes and errors, and the outcome"));
    m_field->installEventFilter(this);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("searchCount"));
    // Room for "999 of 999" without the bar shifting as the count grows; longer counts widen it.
    m_count->setMinimumWidth(m_count->fontMetrics().horizontalAdvance(QStringLiteral("999 of 999")));
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_previous =
        toolButton(this, "searchPrevious", tr("Previous"), tr("Previous match (Shift+F3, Shift+Enter)"));
    m_next = toolButton(this, "searchNext", tr("Next"), tr("Next match (F3, Enter)"));
    m_case = toolButton(this, "searchCase", tr("Aa"), tr("Match case"), true);
    m_regex = toolButton(this, "searchRegex", tr(".*"), tr("Regular expression (Perl syntax)"), true);
    m_close = toolButton(this, "searchClose", tr("✕"), tr("Close the find bar (Escape)"));
    // Arrows keep the bar narrow enough for the timeline's width at 1280x720; the words stay as the
    // buttons' accessible names.
    for (auto [button, icon] :
         {std::pair(m_previous, QStyle::SP_ArrowUp), std::pair(m_next, QStyle::SP_ArrowDown)}) {
        button->setIcon(style()->standardIcon(icon));
        button->setAccessibleName(button->text());
        button->setToolButtonStyle(Qt::ToolButtonIconOnly);
    }
    m_field->setMinimumWidth(m_field->fontMetrics().averageCharWidth() * 18);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_field, 1);
    layout->addWidget(m_count);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_case);
    layout->addWidget(m_regex);
    layout->addWidget(m_close);
    setFocusProxy(m_field);

    connect(m_field, &QLineEdit::textChanged, this, &SearchBar::queryChanged);
    connect(m_case, &QToolButton::toggled, this, &SearchBar::queryChanged);
    connect(m_regex, &QToolButton::toggled, this, &SearchBar::queryChanged);
    connect(m_next, &QToolButton::clicked, this, &SearchBar::nextRequested);
    connect(m_previous, &QToolButton::clicked, this, &SearchBar::previousRequested);
    connect(m_close, &QToolButton::clicked, this, &SearchBar::close);
    hide();
}

QString SearchBar::query() const
{
    return m_field->text();
}

SearchOptions SearchBar::options() const
{
    SearchOptions options;
    options.caseSensitive = m_case->isChecked();
    options.regularExpression = m_regex->isChecked();
    return options;
}

void SearchBar::open()
{
    show();
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
}

void SearchBar::setCount(const QString &text, bool error)
{
    m_count->setText(text);
    m_count->setToolTip(text);
    // An invalid expression in the Danger tone's text colour, read from the palette of the moment.
    QPalette pal = palette();
    if (error)
        pal.setColor(QPalette::WindowText, Theme::toneText(Theme::Tone::Danger, pal));
    m_count->setPalette(pal);
}

void SearchBar::close()
{
    hide();
    emit closed();
}

bool SearchBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_field)
        return false;
    // Escape and Enter belong to the bar while the cursor is in it: not to Stop (Escape) or a default
    // button elsewhere.
    if (event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape || isEnter(key)) {
            event->accept();
            return true;
        }
    } else if (event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape) {
            close();
            return true;
        }
        if (isEnter(key)) {
            if (key->modifiers().testFlag(Qt::ShiftModifier))
                emit previousRequested();
            else
                emit nextRequested();
            return true;
        }
    }
    return false;
}

void SearchBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        close();
        return;
    }
    QWidget::keyPressEvent(event);
}

}  // namespace Rwb
