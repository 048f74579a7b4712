#include "widgets/importexportcontroller.h"

#include "core/formats/curlcommand.h"
#include "core/formats/harimport.h"
#include "core/formats/traceexport.h"
#include "core/io/boundedread.h"
#include "widgets/sessioncontroller.h"
#include "widgets/tracecontroller.h"
#include "widgets/windowcommand.h"
#include "workbench/sessiondocument.h"
#include "workbench/timelinemodel.h"

#include <QAction>
#include <QBuffer>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QInputDialog>
#include <QListView>
#include <QMessageBox>
#include <QPainter>
#include <QSaveFile>
#include <QSettings>

namespace Rwb {

namespace {

constexpr qint64 kMaxHarBytes = 256 * 1024 * 1024;

// Export formats as the dialog offers them: the format name, the dialog's filter, the suffix.
struct ExportChoice {
    const char *format;
    const char *filter;
    const char *suffix;
};
constexpr ExportChoice kExportChoices[] = {
    {"har", QT_TRANSLATE_NOOP("ImportExportController", "HAR 1.2 (*.har)"), "har"},
    {"json", QT_TRANSLATE_NOOP("ImportExportController", "Trace JSON (*.json)"), "json"},
    {"csv", QT_TRANSLATE_NOOP("ImportExportController", "CSV, a row per hop (*.csv)"), "csv"},
    {"md", QT_TRANSLATE_NOOP("ImportExportController", "Markdown table (*.md)"), "md"},
    {"curl", QT_TRANSLATE_NOOP("ImportExportController", "curl script (*.sh)"), "sh"},
    {"png", QT_TRANSLATE_NOOP("ImportExportController", "Timeline picture (*.png)"), "png"},
};

}  // namespace

ImportExportController::ImportExportController(TraceController *trace, QListView *timeline,
                                               SessionController *sessions, QWidget *window)
    : QObject(window)
    , m_trace(trace)
    , m_timeline(timeline)
    , m_sessions(sessions)
    , m_window(window)
{
    m_actions.exportTrace = newCommand(
        this, "exportTrace", tr("&Export Trace…"), {QKeySequence(Qt::CTRL | Qt::Key_E)},
        tr("Save the trace in the timeline as HAR, JSON, CSV, Markdown, a curl script or a picture"));
    connect(m_actions.exportTrace, &QAction::triggered, this, &ImportExportController::exportWithDialog);
    m_actions.importCurl = newCommand(
        this, "importCurl", tr("Import &curl Command…"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I)},
        tr("Make a case from a curl command line (as a browser's \"Copy as cURL\" gives it)"));
    connect(m_actions.importCurl, &QAction::triggered, this, &ImportExportController::importCurlWithDialog);
    m_actions.importHar =
        newCommand(this, "importHar", tr("Import &HAR…"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H)},
                   tr("Make a case from every chain in a HAR file"));
    connect(m_actions.importHar, &QAction::triggered, this, &ImportExportController::importHarWithDialog);

    QAction *keep = m_actions.keepSecrets = new QAction(tr("&Keep Secrets in Exports"), this);
    keep->setObjectName(QStringLiteral("keepSecrets"));
    keep->setCheckable(true);
    keep->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    keep->setToolTip(tr("Off: exports replace Authorization, Cookie and Set-Cookie values and secret query "
                        "parameters with [redacted] (%1)")
                         .arg(keep->shortcut().toString(QKeySequence::NativeText)));
    // A shortcut can flip it unseen: say which way exports now go.
    connect(keep, &QAction::toggled, this, [this](bool on) {
        emit statusMessage(on ? tr("Exports now keep secrets (Authorization, cookies, tokens) as they are")
                              : tr("Exports are redacted again"),
                           8000);
    });
    window->addActions({m_actions.exportTrace, m_actions.importCurl, m_actions.importHar, keep});
}

ImportExportController::~ImportExportController() = default;

QImage ImportExportController::timelineImage() const
{
    constexpr int kMaxRows = 2000;
    const TimelineModel *model = m_trace->model();
    const int rows = std::min(model->rowCount(), kMaxRows);
    const int width = std::max(m_timeline->viewport()->width(), 900);
    QStyleOptionViewItem option;
    option.initFrom(m_timeline);
    option.widget = m_timeline;
    option.font = m_timeline->font();
    option.fontMetrics = QFontMetrics(option.font);
    option.state = QStyle::State_Enabled;
    const int height = m_timeline->itemDelegate()->sizeHint(option, model->index(0)).height();
    QImage image(width, std::max(1, rows * height), QImage::Format_ARGB32_Premultiplied);
    image.fill(m_timeline->palette().color(QPalette::Base));
    QPainter painter(&image);
    for (int row = 0; row < rows; ++row) {
        option.rect = QRect(0, row * height, width, height);
        m_timeline->itemDelegate()->paint(&painter, option, model->index(row));
    }
    return image;
}

bool ImportExportController::exportTrace(const QString &path, const QString &format, bool keepSecrets,
                                         QString *error)
{
    const Trace &trace = m_trace->model()->trace();
    if (trace.hops.isEmpty()) {
        *error = tr("There is no trace to export: send a request or run a case first");
        return false;
    }
    if (m_trace->isRunning()) {
        *error = tr("The trace is still running");
        return false;
    }
    QByteArray bytes;
    if (format == QLatin1String("png")) {
        // The picture shows hosts and paths only; no header values, so nothing to redact.
        QImage image = timelineImage();
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        if (!image.save(&buffer, "PNG")) {
            *error = tr("The picture could not be made");
            return false;
        }
    } else {
        const std::optional<ExportFormat> f = exportFormatFromName(format);
        if (!f) {
            *error = tr("Unknown export format \"%1\"").arg(format);
            return false;
        }
        ExportOptions options;
        options.keepSecrets = keepSecrets;
        bytes = Rwb::exportTrace(trace, *f, options);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

// Where Export Trace starts: beside the open session file (traces are attached to bug reports next to
// it), else where the last export went, else the home folder; never the process's working directory.
QString ImportExportController::exportStartPath() const
{
    QString dir;
    const QString session = m_sessions->document()->path();
    if (!session.isEmpty())
        dir = QFileInfo(session).absolutePath();
    if (dir.isEmpty())
        dir = QSettings().value(QStringLiteral("export/lastDir")).toString();
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        dir = QDir::homePath();
    return QDir(dir).filePath(QStringLiteral("trace"));
}

void ImportExportController::exportWithDialog()
{
    QStringList filters;
    for (const ExportChoice &c : kExportChoices)
        filters.append(tr(c.filter));
    QString selected = filters.constFirst();
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Export Trace"), exportStartPath(),
                                                      filters.join(QLatin1String(";;")), &selected);
    if (path.isEmpty())
        return;
    QSettings().setValue(QStringLiteral("export/lastDir"), QFileInfo(path).absolutePath());
    const ExportChoice *choice = &kExportChoices[0];
    for (const ExportChoice &c : kExportChoices) {
        if (tr(c.filter) == selected)
            choice = &c;
    }
    // A typed suffix wins over the filter.
    for (const ExportChoice &c : kExportChoices) {
        if (QFileInfo(path).suffix().compare(QLatin1String(c.suffix), Qt::CaseInsensitive) == 0)
            choice = &c;
    }
    QString target = path;
    if (QFileInfo(target).suffix().isEmpty())
        target += QLatin1Char('.') + QLatin1String(choice->suffix);
    QString error;
    const bool keep = m_actions.keepSecrets->isChecked();
    if (exportTrace(target, QLatin1String(choice->format), keep, &error))
        emit statusMessage(keep ? tr("Exported %1 (secrets kept)").arg(QDir::toNativeSeparators(target))
                                : tr("Exported %1 (secrets redacted)").arg(QDir::toNativeSeparators(target)),
                           8000);
    else
        QMessageBox::warning(m_window, tr("Cannot export"), error);
}

bool ImportExportController::importCurlCase(const QString &commandLine, QString *error)
{
    const CurlParseResult parsed = parseCurlCommand(commandLine);
    if (!parsed.command) {
        *error = parsed.error;
        return false;
    }
    SessionCase c;
    c.request = caseRequestFromSpec(parsed.command->request);
    c.options = parsed.command->options;
    c.name = curlCaseName(*parsed.command);
    m_sessions->addCase(c);
    const QStringList notes = curlImportNotes(*parsed.command);
    emit statusMessage(notes.isEmpty()
                           ? tr("Imported \"%1\"").arg(c.name)
                           : tr("Imported \"%1\": %2").arg(c.name, notes.join(QStringLiteral("; "))),
                       15000);
    return true;
}

bool ImportExportController::importHarFile(const QString &path, QString *error)
{
    const BoundedRead read = readBounded(path, kMaxHarBytes, tr("a HAR file"));
    if (!read.bytes) {
        *error = read.error;
        return false;
    }
    const HarImportResult result = importHar(*read.bytes);
    if (!result.error.isEmpty()) {
        *error = tr("%1: %2").arg(QDir::toNativeSeparators(path), result.error);
        return false;
    }
    if (result.chains.isEmpty()) {
        *error = tr("%1: no requests in it").arg(QDir::toNativeSeparators(path));
        return false;
    }
    for (const HarChain &chain : result.chains) {
        SessionCase c;
        c.name = chain.name;
        c.request = caseRequestFromSpec(chain.request);
        m_sessions->addCase(c);
    }
    emit statusMessage(
        result.chains.size() == 1
            ? tr("Imported 1 case from %1").arg(QFileInfo(path).fileName())
            : tr("Imported %1 cases from %2").arg(result.chains.size()).arg(QFileInfo(path).fileName()),
        8000);
    return true;
}

void ImportExportController::importCurlWithDialog()
{
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(
        m_window, tr("Import curl Command"),
        tr("Paste a curl command line (a browser's \"Copy as cURL (bash)\" works):"), QString(), &ok);
    if (!ok || text.trimmed().isEmpty())
        return;
    QString error;
    if (!importCurlCase(text, &error))
        QMessageBox::warning(m_window, tr("Cannot import the curl command"), error);
}

void ImportExportController::importHarWithDialog()
{
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Import HAR"), QString(),
                                                      tr("HAR files (*.har *.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!importHarFile(path, &error))
        QMessageBox::warning(m_window, tr("Cannot import the HAR file"), error);
}

}  // namespace Rwb
