#include "widgets/bulkcheckwindow.h"

#include "core/check/bulkfetch.h"
#include "core/engine/engine.h"
#include "workbench/bulkresultmodel.h"
#include "workbench/theme.h"

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

#include <climits>

namespace Rwb {

namespace {

struct FormatChoice {
    const char *name;
    const char *label;
    const char *filter;
};
// The export formats, as the file dialog offers them.
constexpr FormatChoice kExports[] = {
    {"jsonl", QT_TRANSLATE_NOOP("Rwb::BulkCheckWindow", "JSON Lines, a record per line"), "*.jsonl"},
    {"json", QT_TRANSLATE_NOOP("Rwb::BulkCheckWindow", "JSON, the records and the summary"), "*.json"},
    {"csv", QT_TRANSLATE_NOOP("Rwb::BulkCheckWindow", "CSV, a row per line"), "*.csv"},
    {"text", QT_TRANSLATE_NOOP("Rwb::BulkCheckWindow", "Text, a line per line"), "*.txt"},
    {"md", QT_TRANSLATE_NOOP("Rwb::BulkCheckWindow", "Markdown report"), "*.md"},
    {"html", QT_TRANSLATE_NOOP("Rwb::BulkCheckWindow", "HTML report"), "*.html"},
    {"junit", QT_TRANSLATE_NOOP("Rwb::BulkCheckWindow", "JUnit XML, a testcase per line"), "*.xml"},
};

// URLs keep both ends when cut: the host and the last path segment ("http://a.test/…/products/42.html")
// tell lines apart, their middle rarely does.
class MiddleElideDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->textElideMode = Qt::ElideMiddle;
    }
};

}  // namespace

BulkCheckWindow::BulkCheckWindow(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_model(new BulkResultModel(this))
    , m_filter(new BulkFilterModel(this))
    , m_runner(new BulkRunner(this))
    , m_reader(new BulkInputReader(this))
{
    setObjectName(QStringLiteral("bulkCheckWindow"));
    setWindowTitle(tr("Bulk Check — Redirect Workbench"));
    m_filter->setSourceModel(m_model);
    buildLayout();
    connect(m_reader, &BulkInputReader::finished, this, &BulkCheckWindow::onInputRead);
    connect(m_runner, &BulkRunner::lineFinished, this, &BulkCheckWindow::onLineFinished);
    connect(m_runner, &BulkRunner::finished, this, &BulkCheckWindow::onRunFinished);
    m_refreshTimer.setInterval(BulkResultModel::kFlushMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &BulkCheckWindow::refresh);
    updateButtons();
    resize(1180, 760);
}

BulkCheckWindow::~BulkCheckWindow() = default;

void BulkCheckWindow::buildLayout()
{
    // Input: a source (file or URL) or the text pasted under it.
    auto *inputBox = new QGroupBox(tr("Input"));
    m_source = new QLineEdit;
    m_source->setObjectName(QStringLiteral("bulkSource"));
    m_source->setPlaceholderText(
        tr("A file or an http(s) URL (a sitemap, map or list); empty: the text below"));
    m_source->setClearButtonEnabled(true);
    m_browse = new QPushButton(tr("&Open…"));
    m_browse->setToolTip(tr("Choose a list, a CSV/TSV redirect map or a sitemap (plain or gzip)"));
    connect(m_browse, &QPushButton::clicked, this, &BulkCheckWindow::chooseSource);
    m_format = new QComboBox;
    m_format->setObjectName(QStringLiteral("bulkFormat"));
    for (const BulkInputKind kind : {BulkInputKind::Auto, BulkInputKind::List, BulkInputKind::Csv,
                                     BulkInputKind::Tsv, BulkInputKind::Sitemap}) {
        static const char *const labels[] = {QT_TR_NOOP("Detect"), QT_TR_NOOP("URL list"),
                                             QT_TR_NOOP("CSV map"), QT_TR_NOOP("TSV map"),
                                             QT_TR_NOOP("Sitemap")};
        m_format->addItem(tr(labels[int(kind)]), bulkInputKindName(kind));
    }
    m_format->setToolTip(tr("How the input is read; Detect tells a map by its header row and a sitemap by "
                            "its XML"));
    m_input = new QPlainTextEdit;
    m_input->setObjectName(QStringLiteral("bulkInput"));
    m_input->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_input->setPlaceholderText(tr("Paste URLs, one per line,\nor a redirect map with a header row:\n"
                                   "from,to,status,hops,final_status\n"
                                   "https://example.test/old,https://example.test/new,301,1,200\n"
                                   "or a sitemap's XML."));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_input->setFont(mono);
    auto *sourceRow = new QHBoxLayout;
    sourceRow->addWidget(m_source, 1);
    sourceRow->addWidget(m_browse);
    sourceRow->addWidget(new QLabel(tr("Read as")));
    sourceRow->addWidget(m_format);
    auto *inputLayout = new QVBoxLayout(inputBox);
    inputLayout->addLayout(sourceRow);
    inputLayout->addWidget(m_input, 1);

    // What each chain must do, and how politely the lines run.
    auto *rulesBox = new QGroupBox(tr("Check"));
    m_profile = new QComboBox;
    m_profile->setObjectName(QStringLiteral("bulkProfile"));
    for (const Profile p : allProfiles())
        m_profile->addItem(profileName(p), profileName(p));
    m_expectPermanent = new QCheckBox(tr("Every redirect permanent (301 or 308)"));
    m_noDowngrade = new QCheckBox(tr("No redirect from https to http"));
    m_sameHost = new QCheckBox(tr("Never leave the first URL's host"));
    m_insecure = new QCheckBox(tr("Accept invalid certificates (insecure)"));
    m_insecure->setToolTip(tr("Trace https lines whose certificate does not verify, as curl --insecure does "
                              "(a self-signed test server)"));
    m_maxHops = new QSpinBox;
    m_maxHops->setRange(-1, 1000);
    m_maxHops->setValue(-1);
    m_maxHops->setSpecialValueText(tr("any"));
    m_maxHops->setToolTip(tr("Redirects at most per line (a map's hops column wins)"));
    m_finalStatus = new QLineEdit;
    m_finalStatus->setPlaceholderText(QStringLiteral("2xx"));
    m_finalStatus->setToolTip(tr("The last status must be one of these, e.g. 200|410 or 2xx (a map's "
                                 "final_status column wins)"));
    m_parallel = new QSpinBox;
    m_parallel->setRange(1, 1024);
    m_parallel->setValue(16);
    m_parallel->setToolTip(tr("Chains in flight at once"));
    m_perHost = new QSpinBox;
    m_perHost->setRange(1, 1024);
    m_perHost->setValue(6);
    m_perHost->setToolTip(tr("Chains in flight to one host at once"));
    m_retries = new QSpinBox;
    m_retries->setRange(0, 100);
    m_retries->setToolTip(tr("Tries again after a network error or a timeout"));
    m_rate = new QDoubleSpinBox;
    m_rate->setRange(0, 100000);
    m_rate->setDecimals(1);
    m_rate->setSpecialValueText(tr("no limit"));
    m_rate->setSuffix(tr(" /s"));
    m_rate->setToolTip(tr("Chains started a second at most"));
    auto *rules = new QFormLayout(rulesBox);
    rules->addRow(tr("&Profile"), m_profile);
    rules->addRow(m_expectPermanent);
    rules->addRow(m_noDowngrade);
    rules->addRow(m_sameHost);
    rules->addRow(m_insecure);
    rules->addRow(tr("&Max redirects"), m_maxHops);
    rules->addRow(tr("&Final status"), m_finalStatus);
    auto *pace = new QHBoxLayout;
    pace->addWidget(m_parallel);
    pace->addWidget(new QLabel(tr("per host")));
    pace->addWidget(m_perHost);
    // A label named with a layout beside it gets no buddy from the form: these are made with theirs.
    auto *parallelLabel = new QLabel(tr("P&arallel"));
    parallelLabel->setBuddy(m_parallel);
    rules->addRow(parallelLabel, pace);
    auto *retry = new QHBoxLayout;
    retry->addWidget(m_retries);
    retry->addWidget(new QLabel(tr("rate")));
    retry->addWidget(m_rate);
    auto *retriesLabel = new QLabel(tr("Re&tries"));
    retriesLabel->setBuddy(m_retries);
    rules->addRow(retriesLabel, retry);

    auto *top = new QWidget;
    auto *topLayout = new QHBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(inputBox, 3);
    topLayout->addWidget(rulesBox, 2);

    // Run, cancel, progress.
    m_runButton = new QPushButton(tr("&Run"));
    m_runButton->setObjectName(QStringLiteral("bulkRun"));
    m_runButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_runButton->setToolTip(tr("Trace and check every line (Ctrl+Return)"));
    m_runButton->setDefault(true);
    connect(m_runButton, &QPushButton::clicked, this, [this] { run(); });
    m_cancelButton = new QPushButton(tr("&Cancel"));
    m_cancelButton->setObjectName(QStringLiteral("bulkCancel"));
    m_cancelButton->setToolTip(tr("Stop the run; the lines checked so far stay (Esc)"));
    connect(m_cancelButton, &QPushButton::clicked, this, &BulkCheckWindow::cancel);
    auto *escape = new QAction(this);
    escape->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(escape, &QAction::triggered, this, [this] {
        if (isRunning())
            cancel();
    });
    addAction(escape);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("bulkStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_runButton);
    runRow->addWidget(m_cancelButton);
    runRow->addWidget(m_progress, 1);

    // The results: filter, export, the table.
    m_codeFilter = new QComboBox;
    m_codeFilter->setObjectName(QStringLiteral("bulkCodeFilter"));
    m_codeFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_codeFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setCode(m_codeFilter->currentData().toString()); });
    m_textFilter = new QLineEdit;
    m_textFilter->setObjectName(QStringLiteral("bulkTextFilter"));
    m_textFilter->setPlaceholderText(tr("Filter by URL, chain or problem (Ctrl+F)"));
    m_textFilter->setClearButtonEnabled(true);
    connect(m_textFilter, &QLineEdit::textChanged, m_filter, &BulkFilterModel::setText);
    auto *find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, m_textFilter, [this] {
        m_textFilter->setFocus();
        m_textFilter->selectAll();
    });
    addAction(find);
    m_exportButton = new QPushButton(tr("&Export…"));
    m_exportButton->setObjectName(QStringLiteral("bulkExport"));
    m_exportButton->setToolTip(
        tr("Save the results as JSON Lines, JSON, CSV, text, Markdown, HTML or JUnit (Ctrl+S)"));
    m_exportButton->setShortcut(QKeySequence::Save);
    connect(m_exportButton, &QPushButton::clicked, this, &BulkCheckWindow::chooseExport);
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(new QLabel(tr("Show")));
    filterRow->addWidget(m_codeFilter);
    filterRow->addWidget(m_textFilter, 1);
    filterRow->addWidget(m_exportButton);
    m_saveCase = new QPushButton(tr("Save as &Case"));
    m_saveCase->setObjectName(QStringLiteral("bulkSaveCase"));
    m_saveCase->setToolTip(tr("Keep this check (input, profile, rules) as a case of the open session: the "
                              "window and rwb run run it"));
    connect(m_saveCase, &QPushButton::clicked, this, [this] { emit saveAsCase(toCase()); });
    filterRow->addWidget(m_saveCase);

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("bulkTable"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(BulkResultModel::LineColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    // A fixed row height: the view never measures 100,000 rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(BulkResultModel::ProblemsColumn, QHeaderView::Stretch);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_table->setColumnWidth(BulkResultModel::LineColumn, digit * 8);
    m_table->setColumnWidth(BulkResultModel::ResultColumn, digit * 21);
    m_table->setColumnWidth(BulkResultModel::FromColumn, digit * 30);
    m_table->setColumnWidth(BulkResultModel::ChainColumn, digit * 22);
    auto *urls = new MiddleElideDelegate(m_table);
    m_table->setItemDelegateForColumn(BulkResultModel::FromColumn, urls);
    m_table->setItemDelegateForColumn(BulkResultModel::FinalUrlColumn, urls);
    m_table->setColumnWidth(BulkResultModel::FinalUrlColumn, digit * 26);
    m_table->setColumnWidth(BulkResultModel::MsColumn, digit * 7);
    m_table->setToolTip(tr("Double-click a line (or Enter) to open its trace in the main window"));
    connect(m_table, &QTableView::activated, this,
            [this](const QModelIndex &index) { openRow(index.row()); });

    auto *results = new QWidget;
    auto *resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addLayout(runRow);
    resultsLayout->addWidget(m_status);
    resultsLayout->addLayout(filterRow);
    resultsLayout->addWidget(m_table, 1);

    auto *split = new QSplitter(Qt::Vertical);
    split->setChildrenCollapsible(false);
    split->addWidget(top);
    split->addWidget(results);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);
    updateCodeFilter();
}

Options BulkCheckWindow::runOptions() const
{
    Options options;
    options.profile = profileFromName(m_profile->currentData().toString()).value_or(Profile::Browser);
    options.acceptTlsErrors = m_insecure->isChecked();
    return options;
}

SessionCase BulkCheckWindow::toCase() const
{
    SessionCase c;
    c.request = m_caseRequest;
    c.request.url.clear();
    c.options = runOptions();
    SessionBulk &b = c.bulk.emplace();
    b.input = m_source->text().trimmed();
    if (b.input.isEmpty())
        b.lines = m_input->toPlainText();
    b.inputKind = bulkInputKindFromName(m_format->currentData().toString()).value_or(BulkInputKind::Auto);
    b.expectPermanent = m_expectPermanent->isChecked();
    b.noDowngrade = m_noDowngrade->isChecked();
    b.sameHost = m_sameHost->isChecked();
    if (m_maxHops->value() >= 0)
        b.maxHops = m_maxHops->value();
    b.finalStatus = m_finalStatus->text().trimmed();
    b.settings.parallel = m_parallel->value();
    b.settings.perHost = m_perHost->value();
    b.settings.retries = m_retries->value();
    b.settings.ratePerSecond = m_rate->value();
    const qsizetype lines = b.lines.count(QLatin1Char('\n')) + (b.lines.endsWith(QLatin1Char('\n')) ? 0 : 1);
    c.name = !b.input.isEmpty() ? tr("Bulk check of %1")
                                      .arg(QFileInfo(QUrl(b.input).path()).fileName().isEmpty()
                                               ? b.input
                                               : QFileInfo(QUrl(b.input).path()).fileName())
             : lines == 1 ? tr("Bulk check of 1 line")
                          : tr("Bulk check of %1 lines").arg(lines);
    return c;
}

void BulkCheckWindow::loadCase(const SessionCase &testCase, const RequestSpec &request)
{
    if (!testCase.bulk || isRunning())
        return;
    m_request = request;
    m_caseRequest = testCase.request;
    m_model->clear();
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    updateCodeFilter();
    updateButtons();
    const qsizetype headers = request.headers.size();
    setStatus(tr("The case \"%1\": each line is sent as %2 with %3%4. Run (Ctrl+Enter) checks it.")
                  .arg(testCase.name, QString::fromLatin1(request.method),
                       headers == 1 ? tr("1 header") : tr("%1 headers").arg(headers),
                       request.body.isEmpty() ? QString() : tr(" and a body")));
    const SessionBulk &b = *testCase.bulk;
    m_source->setText(b.input);
    if (b.input.isEmpty())
        m_input->setPlainText(b.lines);
    m_format->setCurrentIndex(std::max(0, m_format->findData(bulkInputKindName(b.inputKind))));
    m_profile->setCurrentIndex(std::max(0, m_profile->findData(profileName(testCase.options.profile))));
    m_insecure->setChecked(testCase.options.acceptTlsErrors);
    m_expectPermanent->setChecked(b.expectPermanent);
    m_noDowngrade->setChecked(b.noDowngrade);
    m_sameHost->setChecked(b.sameHost);
    m_maxHops->setValue(b.maxHops.value_or(-1));
    m_finalStatus->setText(b.finalStatus);
    m_parallel->setValue(b.settings.parallel);
    m_perHost->setValue(b.settings.perHost);
    m_retries->setValue(b.settings.retries);
    m_rate->setValue(b.settings.ratePerSecond);
}

bool BulkCheckWindow::run()
{
    if (isRunning())
        return false;
    const BulkInputKind kind =
        bulkInputKindFromName(m_format->currentData().toString()).value_or(BulkInputKind::Auto);
    const QString source = m_source->text().trimmed();
    QByteArray pasted;
    if (source.isEmpty()) {
        pasted = m_input->toPlainText().toUtf8();
        if (pasted.trimmed().isEmpty()) {
            setStatus(tr("Nothing to check: paste URLs or a redirect map, or open a file."), true);
            return false;
        }
    }
    const QString pastedName = tr("the pasted text");
    // A small input is read at once, and a broken one said at once; a URL is fetched, and a large input (a
    // 100,000-line list takes a third of a second to parse) read by a worker thread, so that the window
    // never stops: its result, or its error, comes with runFinished().
    if (const std::optional<BulkInputResult> now =
            BulkInputReader::readAtOnce(source, pasted, pastedName, kind)) {
        if (!now->input) {
            setStatus(now->error, true);
            return false;
        }
        startLines(*now->input);
        return isRunning();
    }
    m_reader->start(source, pasted, pastedName, kind, runOptions());
    setStatus((isBulkInputUrl(source) ? tr("Fetching %1…") : tr("Reading %1…"))
                  .arg(source.isEmpty() ? pastedName : source));
    updateButtons();
    return true;
}

void BulkCheckWindow::onInputRead(const BulkInputResult &result)
{
    if (!result.input)
        setStatus(result.error, true);
    // run() said it started: input that ends without lines to run ends the run too.
    if (!result.input || !startLines(*result.input)) {
        updateButtons();
        emit runFinished();
    }
}

bool BulkCheckWindow::startLines(const BulkInput &input)
{
    BulkRules rules;
    rules.expectPermanent = m_expectPermanent->isChecked();
    rules.noDowngrade = m_noDowngrade->isChecked();
    rules.sameHost = m_sameHost->isChecked();
    if (m_maxHops->value() >= 0)
        rules.maxHops = m_maxHops->value();
    if (const QString text = m_finalStatus->text().trimmed(); !text.isEmpty()) {
        const std::optional<QList<int>> codes = parseStatusList(text);
        if (!codes || codes->isEmpty()) {
            setStatus(tr("Final status '%1': expected statuses such as 200|410 or 2xx").arg(text), true);
            m_finalStatus->setFocus();
            updateButtons();
            return false;
        }
        rules.finalStatuses = *codes;
    }
    if (input.lines.isEmpty()) {
        setStatus(tr("The input holds no line to check."), true);
        updateButtons();
        return false;
    }
    BulkSettings settings;
    settings.parallel = m_parallel->value();
    settings.perHost = m_perHost->value();
    settings.retries = m_retries->value();
    settings.ratePerSecond = m_rate->value();
    m_runOptions = runOptions();
    m_model->clear();
    m_toRun = input.lines.size();
    m_runTitle = m_toRun == 1 ? tr("Bulk check of 1 line") : tr("Bulk check of %1 lines").arg(m_toRun);
    m_progress->setRange(0, int(std::min<qsizetype>(m_toRun, INT_MAX)));
    m_progress->setValue(0);
    m_clock.start();
    m_runner->start(input.lines, m_request, m_runOptions, rules, settings);
    m_refreshTimer.start();
    refresh();
    updateButtons();
    return true;
}

void BulkCheckWindow::cancel()
{
    if (m_reader->isReading()) {
        m_reader->cancel();
        setStatus(tr("Cancelled before the input was read."));
        updateButtons();
        emit runFinished();
        return;
    }
    if (m_runner->isRunning())
        m_runner->stop();
}

bool BulkCheckWindow::isRunning() const
{
    return m_runner->isRunning() || m_reader->isReading();
}

void BulkCheckWindow::onLineFinished(const BulkResult &result)
{
    m_model->add(result);
}

void BulkCheckWindow::onRunFinished()
{
    m_refreshTimer.stop();
    refresh();
    const BulkSummary &summary = m_model->summary();
    const bool stopped = summary.total() < m_toRun || summary.counts().contains(QStringLiteral("stopped"));
    QString text = tr("%1: %2 of %3 lines passed, %4 failed, in %5 s.")
                       .arg(stopped ? tr("Cancelled") : tr("Done"))
                       .arg(summary.passed())
                       .arg(summary.total())
                       .arg(summary.total() - summary.passed())
                       .arg(double(m_clock.elapsed()) / 1000, 0, 'f', m_clock.elapsed() < 1000 ? 2 : 1);
    QStringList counts;
    for (const QString &code : bulkProblemCodes()) {
        if (const qsizetype n = summary.counts().value(code))
            counts << QStringLiteral("%1 %2").arg(code).arg(n);
    }
    if (!counts.isEmpty())
        text += QLatin1Char(' ') + counts.join(QStringLiteral(", "));
    setStatus(text, false);
    updateButtons();
    emit runFinished();
}

void BulkCheckWindow::refresh()
{
    m_model->flush();
    const BulkSummary &summary = m_model->summary();
    m_progress->setValue(int(std::min<qsizetype>(summary.total(), INT_MAX)));
    if (m_runner->isRunning()) {
        setStatus(bulkProgressText(summary.total(), m_toRun, double(m_clock.elapsed()) / 1000,
                                   summary.total() - summary.passed(), summary.counts(), 0));
    }
    updateCodeFilter();
}

void BulkCheckWindow::updateCodeFilter()
{
    const BulkSummary &summary = m_model->summary();
    QStringList codes;
    for (const QString &code : bulkProblemCodes()) {
        if (summary.counts().contains(code))
            codes << code;
    }
    const qsizetype failed = summary.total() - summary.passed();
    // Rebuilt when the codes change; otherwise only the counts in the labels.
    const QString current = m_filter->code();
    if (codes != m_filterCodes || m_codeFilter->count() == 0) {
        const QSignalBlocker block(m_codeFilter);
        m_codeFilter->clear();
        m_codeFilter->addItem(QString(), QString());
        m_codeFilter->addItem(QString(), QStringLiteral("failed"));
        m_codeFilter->addItem(QString(), QStringLiteral("passed"));
        for (const QString &code : std::as_const(codes))
            m_codeFilter->addItem(QString(), code);
        m_filterCodes = codes;
        const int at = m_codeFilter->findData(current);
        m_codeFilter->setCurrentIndex(std::max(at, 0));
    }
    m_codeFilter->setItemText(0, tr("All lines (%1)").arg(summary.total()));
    m_codeFilter->setItemText(1, tr("Failing (%1)").arg(failed));
    m_codeFilter->setItemText(2, tr("Passing (%1)").arg(summary.passed()));
    for (int i = 3; i < m_codeFilter->count(); ++i) {
        const QString code = m_codeFilter->itemData(i).toString();
        m_codeFilter->setItemText(i, QStringLiteral("%1 (%2)").arg(code).arg(summary.counts().value(code)));
    }
}

void BulkCheckWindow::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setForegroundRole(QPalette::WindowText);
    QPalette p = m_status->palette();
    p.setColor(QPalette::WindowText, error ? Theme::toneText(Theme::Tone::Danger, palette())
                                           : palette().color(QPalette::WindowText));
    m_status->setPalette(p);
}

void BulkCheckWindow::updateButtons()
{
    const bool running = isRunning();
    m_runButton->setEnabled(!running);
    m_cancelButton->setEnabled(running);
    m_exportButton->setEnabled(m_model->summary().total() > 0);
    for (QWidget *w : std::initializer_list<QWidget *>{
             m_source, m_browse, m_format, m_input, m_profile, m_expectPermanent, m_noDowngrade, m_sameHost,
             m_insecure, m_maxHops, m_finalStatus, m_parallel, m_perHost, m_retries, m_rate})
        w->setEnabled(!running);
}

void BulkCheckWindow::openRow(int viewRow)
{
    const QModelIndex source = m_filter->mapToSource(m_filter->index(viewRow, 0));
    if (!source.isValid())
        return;
    const BulkResultModel::Row &row = m_model->rowAt(source.row());
    const QString caption = tr("Bulk check line %1").arg(row.row.line);
    if (const Trace *trace = m_model->traceAt(source.row())) {
        emit openTrace(*trace, caption);
        return;
    }
    if (!row.traceable) {
        setStatus(tr("Line %1 has no URL to trace: %2").arg(row.row.line).arg(row.row.problems), true);
        return;
    }
    // The run kept the first traces only: this line is traced again, with the run's options.
    m_retrace = std::make_unique<Engine>();
    m_retraceCaption = caption + tr(" (traced again)");
    connect(m_retrace.get(), &Engine::finished, this, [this] {
        const Trace trace = m_retrace->trace();
        m_retrace.release()->deleteLater();
        emit openTrace(trace, m_retraceCaption);
    });
    setStatus(tr("Tracing line %1 again (a run keeps %2 traces, failing lines first)…")
                  .arg(row.row.line)
                  .arg(m_model->traceBudget()));
    RequestSpec request = m_request;
    request.url = QUrl(row.row.from, QUrl::TolerantMode);  // as the input was read
    m_retrace->start(request, m_runOptions);
}

bool BulkCheckWindow::exportTo(const QString &path, const QString &format, QString *error)
{
    if (!BulkResultModel::exportFormats().contains(format)) {
        *error = tr("unknown format '%1'").arg(format);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_model->exportAs(format, m_runTitle)) < 0
        || !file.commit()) {
        *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void BulkCheckWindow::chooseSource()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a list, map or sitemap"), m_source->text(),
        tr("Lists, maps and sitemaps (*.txt *.csv *.tsv *.xml *.gz);;All files (*)"));
    if (!path.isEmpty())
        m_source->setText(path);
}

void BulkCheckWindow::chooseExport()
{
    QStringList filters;
    for (const FormatChoice &f : kExports)
        filters << QStringLiteral("%1 (%2)").arg(tr(f.label), QLatin1String(f.filter));
    QString selected = filters.constFirst();
    QString path = QFileDialog::getSaveFileName(this, tr("Export the results"), QString(),
                                                filters.join(QStringLiteral(";;")), &selected);
    if (path.isEmpty())
        return;
    const qsizetype choice = filters.indexOf(selected);
    const FormatChoice &f = kExports[choice < 0 ? 0 : choice];
    const QString suffix = QLatin1String(f.filter).mid(1);
    if (QFileInfo(path).suffix().isEmpty())
        path += suffix;
    QString error;
    if (!exportTo(path, QLatin1String(f.name), &error))
        setStatus(error, true);
    else
        setStatus(tr("Saved %1").arg(path));
}

void BulkCheckWindow::closeEvent(QCloseEvent *event)
{
    // A tool window: hidden, its input, results and a run going on kept.
    hide();
    event->ignore();
}

void BulkCheckWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_model->setPalette(palette());
    QWidget::changeEvent(event);
}

}  // namespace Rwb
