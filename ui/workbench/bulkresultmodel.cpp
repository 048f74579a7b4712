#include "workbench/bulkresultmodel.h"

#include "core/formats/junit.h"

#include <QGuiApplication>

#include <algorithm>

namespace Rwb {

BulkResultModel::BulkResultModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_palette(QGuiApplication::palette())
{
}

BulkResultModel::~BulkResultModel() = default;

void BulkResultModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_pending.clear();
    m_traces.clear();
    m_summary = BulkSummary();
    endResetModel();
}

void BulkResultModel::add(const BulkResult &result)
{
    m_summary.add(result);
    Row r;
    r.row = bulkRowOf(result);
    for (const BulkProblem &p : result.problems)
        r.codes << p.code;
    r.jsonLine = bulkResultJsonLine(result);
    r.csvRow = bulkResultCsvRow(result);
    r.traceable = result.line.invalid.isEmpty() && result.line.url.isValid();
    // Failing lines are what a user opens: theirs are kept while there is room; a passing line's only
    // while the room left is more than the failing lines could need (a tenth of it).
    const qsizetype room = m_traceBudget - qsizetype(m_traces.size());
    if (result.trace && room > 0 && (!result.passed() || room > m_traceBudget / 10)) {
        r.keptTrace = qsizetype(m_traces.size());
        m_traces.push_back(*result.trace);
    }
    m_pending.push_back(std::move(r));
}

void BulkResultModel::flush()
{
    if (m_pending.empty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(m_pending.size()) - 1);
    for (Row &row : m_pending)
        m_rows.push_back(std::move(row));
    m_pending.clear();
    endInsertRows();
}

const Trace *BulkResultModel::traceAt(int row) const
{
    const qsizetype kept = rowAt(row).keptTrace;
    return kept < 0 ? nullptr : &m_traces.at(size_t(kept));
}

QStringList BulkResultModel::exportFormats()
{
    return {QStringLiteral("jsonl"), QStringLiteral("json"), QStringLiteral("csv"),  QStringLiteral("text"),
            QStringLiteral("md"),    QStringLiteral("html"), QStringLiteral("junit")};
}

QByteArray BulkResultModel::exportAs(const QString &format, const QString &title) const
{
    std::vector<const Row *> ordered;
    ordered.reserve(m_rows.size() + m_pending.size());
    for (const Row &r : m_rows)
        ordered.push_back(&r);
    for (const Row &r : m_pending)
        ordered.push_back(&r);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const Row *a, const Row *b) { return a->row.line < b->row.line; });
    QByteArray out;
    if (format == QLatin1String("json")) {
        BulkJsonDocument document;
        out = document.begin();
        for (const Row *r : ordered)
            out += document.line(r->jsonLine);
        return out + document.end(m_summary);
    }
    if (format == QLatin1String("jsonl") || format == QLatin1String("csv")) {
        const bool csv = format == QLatin1String("csv");
        if (csv)
            out += bulkCsvHeader();
        for (const Row *r : ordered)
            out += csv ? r->csvRow : r->jsonLine;
        return out;
    }
    if (format == QLatin1String("text")) {
        for (const Row *r : ordered)
            out += bulkRowText(r->row, false);
        return out;
    }
    if (format == QLatin1String("junit")) {  // a testcase per line, as rwb check --format junit
        JUnitSuite suite;
        suite.name = title;
        suite.timestamp = QDateTime::currentDateTimeUtc();
        for (const Row *r : ordered) {
            suite.cases << bulkJUnitCase(r->row, QStringLiteral("rwb.check"));
            suite.seconds += r->row.ms / 1000;
        }
        return junitXml(suite);
    }
    // The reports list the failing lines (as rwb check's do), at most their row limit.
    const bool html = format == QLatin1String("html");
    const qsizetype limit = html ? kMaxHtmlRows : kMaxMarkdownRows;
    QList<BulkRow> rows;
    qsizetype more = 0;
    for (const Row *r : ordered) {
        if (r->row.passed)
            continue;
        if (rows.size() < limit)
            rows << r->row;
        else
            ++more;
    }
    if (html)
        return bulkHtml(title, m_summary, rows, more);
    if (format == QLatin1String("md"))
        return bulkMarkdown(title, m_summary, rows, more);
    return {};
}

void BulkResultModel::setPalette(const QPalette &palette)
{
    m_palette = palette;
    if (!m_rows.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, kColumnCount - 1), {Qt::ForegroundRole});
}

int BulkResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BulkResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kColumnCount;
}

QVariant BulkResultModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row &r = rowAt(index.row());
    const BulkRow &b = r.row;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case LineColumn:
            return b.line;
        case ResultColumn:
            if (b.passed)
                return r.codes.isEmpty() ? tr("✔ passed") : tr("✔ %1").arg(r.codes.constFirst());
            return tr("✘ %1").arg(b.firstCode);
        case FromColumn:
            return b.from;
        case ChainColumn:
            return b.statuses;
        case FinalUrlColumn:
            return b.finalUrl;
        case ProblemsColumn:
            return b.problems;
        case MsColumn:
            return QString::number(b.ms, 'f', b.ms < 10 ? 1 : 0);
        }
        return {};
    case SortRole:
        if (index.column() == LineColumn)
            return b.line;
        if (index.column() == MsColumn)
            return b.ms;
        if (index.column() == ResultColumn)  // failing first when ascending, then by code
            return QString((b.passed ? QStringLiteral("1") : QStringLiteral("0")) + b.firstCode);
        return data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        if (index.column() == ProblemsColumn || index.column() == ResultColumn)
            return b.problems.isEmpty() ? QVariant() : QVariant(b.problems);
        if (index.column() == FromColumn || index.column() == FinalUrlColumn)
            return data(index, Qt::DisplayRole);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == ResultColumn) {
            const Theme::Tone tone = !b.passed
                                         ? Theme::Tone::Danger
                                         : (r.codes.isEmpty() ? Theme::Tone::Good : Theme::Tone::Warning);
            return Theme::toneText(tone, m_palette);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == LineColumn || index.column() == MsColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case CodesRole:
        return r.codes;
    case PassedRole:
        return b.passed;
    }
    return {};
}

QVariant BulkResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LineColumn:
        return tr("Line");
    case ResultColumn:
        return tr("Result");
    case FromColumn:
        return tr("URL");
    case ChainColumn:
        return tr("Chain");
    case FinalUrlColumn:
        return tr("Final URL");
    case ProblemsColumn:
        return tr("Problems");
    case MsColumn:
        return tr("ms");
    }
    return {};
}

BulkFilterModel::BulkFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(BulkResultModel::SortRole);
}

BulkFilterModel::~BulkFilterModel() = default;

void BulkFilterModel::setCode(const QString &code)
{
    if (code == m_code)
        return;
    m_code = code;
    invalidateFilter();
}

void BulkFilterModel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

bool BulkFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *model = qobject_cast<const BulkResultModel *>(sourceModel());
    if (!model || sourceParent.isValid())
        return true;
    const BulkResultModel::Row &r = model->rowAt(sourceRow);
    if (m_code == QLatin1String("failed")) {
        if (r.row.passed)
            return false;
    } else if (m_code == QLatin1String("passed")) {
        if (!r.row.passed)
            return false;
    } else if (!m_code.isEmpty() && !r.codes.contains(m_code)) {
        return false;
    }
    if (m_text.isEmpty())
        return true;
    for (const QString *field : {&r.row.from, &r.row.finalUrl, &r.row.statuses, &r.row.problems}) {
        if (field->contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

}  // namespace Rwb
