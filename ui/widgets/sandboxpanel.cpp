#include "widgets/sandboxpanel.h"

#include "sandbox/sandbox.h"
#include "workbench/theme.h"

#include <QApplication>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTextLayout>
#include <QVBoxLayout>

namespace Rwb {

namespace {

constexpr int kMaxLogLines = 1000;

// Only rules that can be answered go to the server: one with a problem (a header value with a line
// break, a path without '/') is shown with its problem and left out.
QList<SandboxRule> servable(const QList<SandboxRule> &rules)
{
    QList<SandboxRule> out;
    for (const SandboxRule &r : rules) {
        if (sandboxRuleError(r).isEmpty())
            out.append(r);
    }
    return out;
}

// Headers as the form shows them: one "Name: value" per line.
QString headersText(const QList<SandboxHeader> &headers)
{
    QStringList lines;
    for (const SandboxHeader &h : headers)
        lines.append(h.first + QLatin1String(": ") + h.second);
    return lines.join(QLatin1Char('\n'));
}

QList<SandboxHeader> headersFromText(const QString &text)
{
    QList<SandboxHeader> out;
    for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        // A line without a colon is kept as a name with an empty value: sandboxRuleError() names it.
        out.append(colon < 0 ? SandboxHeader{line.trimmed(), QString()}
                             : SandboxHeader{line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return out;
}

// The height of `text` wrapped at `width` as a view item draws it (QTextLayout, line by line): a
// QFontMetrics bounding box rounds each glyph run and can say one line where the drawing needs two.
int wrappedTextHeight(const QString &text, const QFont &font, qreal width)
{
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    qreal height = 0;
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        height += line.height();
    }
    layout.endLayout();
    return qCeil(height);
}

// A scenario title wraps onto as many lines as its drawing takes, so the list never elides one. The
// style's drawing can need a few pixels more than its own measure of a title that just fits on a line
// ("Refresh header and meta …" at the dock's usual width), so the height is measured a little narrower.
class WrappingDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        QStyleOptionViewItem o = option;
        initStyleOption(&o, index);
        const QStyle *style = o.widget ? o.widget->style() : QApplication::style();
        const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, o.widget) + 1;
        // Wrapped within the width the list gives a row (its viewport less the spacing).
        const auto *view = qobject_cast<const QListView *>(o.widget);
        const int width = view ? view->viewport()->width() - 2 * view->spacing() : size.width();
        const int slack = o.fontMetrics.averageCharWidth();
        size.setHeight(qMax(size.height(), wrappedTextHeight(o.text, o.font, width - 2 * margin - slack)));
        return size;
    }
};

}  // namespace

SandboxPanel::SandboxPanel(QWidget *parent)
    : QWidget(parent)
    , m_sandbox(new Sandbox(this))
{
    m_startStop = new QPushButton(this);
    m_startStop->setObjectName(QStringLiteral("sandboxStartStop"));
    connect(m_startStop, &QPushButton::clicked, this, [this] {
        if (isRunning())
            stop();
        else
            start();
    });
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("sandboxStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *top = new QVBoxLayout;  // the dock is narrow: the address gets a line of its own
    top->addWidget(m_startStop, 0, Qt::AlignLeft);
    top->addWidget(m_status);

    // Scenarios: what the sandbox always serves, each with the story it tells.
    auto *scenarioPage = new QWidget(this);
    m_scenarios = new QListWidget(scenarioPage);
    m_scenarios->setObjectName(QStringLiteral("sandboxScenarios"));
    // Long titles wrap in the narrow dock rather than hiding behind a horizontal scroll bar.
    m_scenarios->setWordWrap(true);
    m_scenarios->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Wrapped heights are measured for the width without a scroll bar; a bar that appears afterwards
    // narrows the rows and cut one title short ("Refresh header and meta …"): keep the bar's room always.
    m_scenarios->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    m_scenarios->setResizeMode(QListView::Adjust);
    m_scenarios->setItemDelegate(new WrappingDelegate(m_scenarios));
    m_scenarios->setSpacing(2);
    for (const SandboxScenario &s : builtinScenarios()) {
        auto *item = new QListWidgetItem(s.title, m_scenarios);
        item->setToolTip(s.description);
        item->setData(Qt::UserRole, s.id);
    }
    m_scenarioText = new QLabel(scenarioPage);
    m_scenarioText->setWordWrap(true);
    m_scenarioText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_try = new QPushButton(tr("&Try It"), scenarioPage);
    m_try->setToolTip(tr("Put the scenario's request in the editor (the sandbox must run); then Send"));
    const auto tryCurrent = [this] {
        const int row = m_scenarios->currentRow();
        if (row >= 0 && row < builtinScenarios().size() && isRunning())
            emit tryScenario(builtinScenarios().at(row));
    };
    connect(m_try, &QPushButton::clicked, this, tryCurrent);
    connect(m_scenarios, &QListWidget::itemActivated, this, tryCurrent);
    connect(m_scenarios, &QListWidget::currentRowChanged, this, [this](int row) {
        m_scenarioText->setText(
            row >= 0 && row < builtinScenarios().size() ? builtinScenarios().at(row).description : QString());
        updateState();
    });
    auto *scenarioLayout = new QVBoxLayout(scenarioPage);
    scenarioLayout->addWidget(m_scenarios, 1);
    scenarioLayout->addWidget(m_scenarioText);
    scenarioLayout->addWidget(m_try, 0, Qt::AlignRight);

    // Rules: the session's own, as a list with a form for the selected one.
    auto *rulePage = new QWidget(this);
    m_ruleList = new QListWidget(rulePage);
    m_ruleList->setObjectName(QStringLiteral("sandboxRules"));
    auto *add = new QPushButton(tr("Add Rule"), rulePage);
    add->setToolTip(tr("A new rule: a path and what it answers (served before the built-in scenarios)"));
    auto *remove = new QPushButton(tr("Remove Rule"), rulePage);
    remove->setToolTip(tr("Remove the selected rule"));
    connect(add, &QPushButton::clicked, this, &SandboxPanel::addRule);
    connect(remove, &QPushButton::clicked, this, [this] { removeRule(m_ruleList->currentRow()); });
    connect(m_ruleList, &QListWidget::currentRowChanged, this, &SandboxPanel::showRule);

    m_ruleForm = new QWidget(rulePage);
    m_path = new QLineEdit(m_ruleForm);
    m_path->setPlaceholderText(tr("/old/page, or /old/* for every path under /old/"));
    m_method = new QLineEdit(m_ruleForm);
    m_method->setPlaceholderText(tr("any"));
    m_statusCode = new QSpinBox(m_ruleForm);
    m_statusCode->setRange(kSandboxMinStatus, kSandboxMaxStatus);
    m_location = new QLineEdit(m_ruleForm);
    m_location->setPlaceholderText(tr("{{origin}}/new{{query}}"));
    m_location->setToolTip(tr("{{origin}}, {{other}} (another origin), {{https}}, {{path}} and {{query}} are "
                              "replaced when the rule answers"));
    m_delay = new QSpinBox(m_ruleForm);
    m_delay->setRange(0, kSandboxMaxDelayMs);
    m_delay->setSuffix(tr(" ms"));
    m_cookie = new QLineEdit(m_ruleForm);
    m_cookie->setPlaceholderText(tr("only when the request carries this cookie"));
    m_contentType = new QLineEdit(m_ruleForm);
    m_contentType->setPlaceholderText(QStringLiteral("text/plain; charset=utf-8"));
    m_headers = new QPlainTextEdit(m_ruleForm);
    m_headers->setPlaceholderText(tr("Set-Cookie: session=1; Path=/\nCache-Control: no-store"));
    m_headers->setTabChangesFocus(true);
    m_body = new QPlainTextEdit(m_ruleForm);
    m_body->setTabChangesFocus(true);
    m_ruleProblem = new QLabel(m_ruleForm);
    m_ruleProblem->setWordWrap(true);
    auto *form = new QFormLayout(m_ruleForm);
    form->addRow(tr("&Path:"), m_path);
    form->addRow(tr("&Method:"), m_method);
    form->addRow(tr("&Status:"), m_statusCode);
    form->addRow(tr("&Location:"), m_location);
    form->addRow(tr("&Delay:"), m_delay);
    form->addRow(tr("Needs &cookie:"), m_cookie);
    form->addRow(tr("Content &type:"), m_contentType);
    form->addRow(tr("&Headers:"), m_headers);
    form->addRow(tr("&Body:"), m_body);
    form->addRow(m_ruleProblem);
    for (QLineEdit *edit : {m_path, m_method, m_location, m_cookie, m_contentType})
        connect(edit, &QLineEdit::textChanged, this, &SandboxPanel::storeRule);
    for (QSpinBox *box : {m_statusCode, m_delay})
        connect(box, &QSpinBox::valueChanged, this, &SandboxPanel::storeRule);
    for (QPlainTextEdit *edit : {m_headers, m_body})
        connect(edit, &QPlainTextEdit::textChanged, this, &SandboxPanel::storeRule);

    auto *ruleButtons = new QHBoxLayout;
    ruleButtons->addWidget(add);
    ruleButtons->addWidget(remove);
    ruleButtons->addStretch();
    auto *ruleLayout = new QVBoxLayout(rulePage);
    ruleLayout->addWidget(m_ruleList, 1);
    ruleLayout->addLayout(ruleButtons);
    ruleLayout->addWidget(m_ruleForm, 2);

    m_log = new QPlainTextEdit(this);
    m_log->setObjectName(QStringLiteral("sandboxLog"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(kMaxLogLines);
    m_log->setPlaceholderText(tr("Requests the sandbox answered show here"));
    connect(m_sandbox, &Sandbox::requestServed, this,
            [this](const QString &origin, const QString &method, const QString &path, int status) {
                // One arg() call: a second would replace a "%1" that came with the path.
                m_log->appendPlainText(QStringLiteral("%1  %2 %3%4  → %5")
                                           .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz")),
                                                method, origin, path, QString::number(status)));
            });

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(scenarioPage, tr("Scenarios"));
    m_tabs->addTab(rulePage, tr("Your Rules"));
    m_tabs->addTab(m_log, tr("Log"));
    m_tabs->setTabToolTip(0, tr("Built-in redirect scenarios: double-click one to try it"));
    m_tabs->setTabToolTip(1, tr("Rules saved with the session, answered before the scenarios"));
    m_tabs->setTabToolTip(2, tr("Every request the sandbox answered"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);
    showRule(-1);
    updateState();
}

SandboxPanel::~SandboxPanel() = default;

bool SandboxPanel::start(QString *error)
{
    if (isRunning())
        return true;
    QString why;
    const bool ok = m_sandbox->start(0, &why);
    if (!ok)
        m_status->setText(tr("Could not start: %1").arg(why));
    if (error)
        *error = why;
    updateState();
    emit runningChanged(isRunning());
    return ok;
}

void SandboxPanel::stop()
{
    if (!isRunning())
        return;
    m_sandbox->stop();
    updateState();
    emit runningChanged(false);
}

bool SandboxPanel::isRunning() const
{
    return m_sandbox->isRunning();
}

QString SandboxPanel::logText() const
{
    return m_log->toPlainText();
}

void SandboxPanel::updateState()
{
    const bool running = isRunning();
    m_startStop->setText(running ? tr("Stop Sandbox") : tr("Start Sandbox"));
    m_startStop->setToolTip(running ? tr("Stop the local server")
                                    : tr("Start the local server on 127.0.0.1"));
    if (running) {
        QString text = tr("Serving on %1 (another origin: %2)")
                           .arg(m_sandbox->originUrl().toString(), m_sandbox->otherUrl().toString());
        if (!m_sandbox->httpsUrl().isEmpty())
            text += tr(", https on %1").arg(m_sandbox->httpsUrl().toString());
        text += tr(". Cases reach it as {{sandbox}}, {{sandbox_other}} and {{sandbox_https}}.");
        m_status->setText(text);
    } else if (!m_status->text().startsWith(tr("Could not start"))) {
        m_status->setText(tr("Not running"));
    }
    m_try->setEnabled(running && m_scenarios->currentRow() >= 0);
}

QString SandboxPanel::ruleTitle(const SandboxRule &rule) const
{
    QString title = QStringLiteral("%1 %2 → %3")
                        .arg(rule.method.isEmpty() ? tr("any") : rule.method,
                             rule.path.isEmpty() ? tr("(no path)") : rule.path)
                        .arg(rule.status);
    if (!rule.location.isEmpty())
        title += QLatin1Char(' ') + rule.location;
    if (!sandboxRuleError(rule).isEmpty())
        title = QStringLiteral("⚠ ") + title;
    return title;
}

void SandboxPanel::setRules(const QList<SandboxRule> &rules)
{
    m_rules = rules;
    m_ruleList->clear();
    for (const SandboxRule &r : m_rules)
        m_ruleList->addItem(ruleTitle(r));
    m_sandbox->setRules(servable(m_rules));
    showRule(m_rules.isEmpty() ? -1 : 0);
    if (!m_rules.isEmpty())
        m_ruleList->setCurrentRow(0);
}

void SandboxPanel::addRule()
{
    SandboxRule rule;
    rule.path = QStringLiteral("/my/page");
    rule.status = 302;
    rule.location = QStringLiteral("{{origin}}/");
    m_rules.append(rule);
    m_ruleList->addItem(ruleTitle(rule));
    m_ruleList->setCurrentRow(int(m_rules.size()) - 1);
    m_sandbox->setRules(servable(m_rules));
    emit rulesEdited();
    m_path->setFocus();
    m_path->selectAll();
}

bool SandboxPanel::removeRule(int row)
{
    if (row < 0 || row >= m_rules.size())
        return false;
    m_rules.removeAt(row);
    delete m_ruleList->takeItem(row);
    m_sandbox->setRules(servable(m_rules));
    showRule(m_ruleList->currentRow());
    emit rulesEdited();
    return true;
}

void SandboxPanel::showRule(int row)
{
    const bool valid = row >= 0 && row < m_rules.size();
    m_ruleForm->setEnabled(valid);
    const SandboxRule rule = valid ? m_rules.at(row) : SandboxRule();
    m_filling = true;
    m_path->setText(rule.path);
    m_method->setText(rule.method);
    m_statusCode->setValue(rule.status);
    m_location->setText(rule.location);
    m_delay->setValue(rule.delayMs);
    m_cookie->setText(rule.requireCookie);
    m_contentType->setText(rule.contentType);
    m_headers->setPlainText(headersText(rule.headers));
    m_body->setPlainText(QString::fromUtf8(rule.body));
    m_filling = false;
    const QString problem = valid ? sandboxRuleError(rule) : QString();
    m_ruleProblem->setText(problem.isEmpty() ? QString() : tr("⚠ Not served: %1").arg(problem));
    QPalette pal = m_ruleProblem->palette();
    pal.setColor(QPalette::WindowText, Theme::toneText(Theme::Tone::Danger, palette()));
    m_ruleProblem->setPalette(pal);
}

void SandboxPanel::storeRule()
{
    const int row = m_ruleList->currentRow();
    if (m_filling || row < 0 || row >= m_rules.size())
        return;
    SandboxRule &rule = m_rules[row];
    rule.path = m_path->text().trimmed();
    rule.method = m_method->text().trimmed().toUpper();
    rule.status = m_statusCode->value();
    rule.location = m_location->text().trimmed();
    rule.delayMs = m_delay->value();
    rule.requireCookie = m_cookie->text().trimmed();
    rule.contentType = m_contentType->text().trimmed();
    rule.headers = headersFromText(m_headers->toPlainText());
    rule.body = m_body->toPlainText().toUtf8();
    m_ruleList->item(row)->setText(ruleTitle(rule));
    const QString problem = sandboxRuleError(rule);
    m_ruleProblem->setText(problem.isEmpty() ? QString() : tr("⚠ Not served: %1").arg(problem));
    m_sandbox->setRules(servable(m_rules));
    emit rulesEdited();
}

}  // namespace Rwb
