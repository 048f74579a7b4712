#pragma once

#include "core/check/bulkrunner.h"
#include "core/formats/bulkreport.h"
#include "workbench/theme.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QPalette>
#include <QSortFilterProxyModel>

#include <deque>
#include <optional>
#include <vector>

namespace Rwb {

// The Bulk Check window's table (issue 14): a row per checked line, as results stream in from a
// BulkRunner. A row keeps a few strings and its JSON Lines and CSV records (what the exports are made of),
// not its trace: a run of 100,000 lines stays small. The traces of the first kKeptTraces lines (failing
// lines first in line) are kept, so that a double-click opens them; the others are traced again.
//
// Results arrive one by one, many a millisecond; they are buffered and inserted in batches (flush(),
// every kFlushMs while a run goes on, called by the window), so that the view lays out a batch at a time
// and never falls behind the network.
class BulkResultModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkResultModel)

public:
    enum Column {
        LineColumn,
        ResultColumn,
        FromColumn,
        ChainColumn,
        FinalUrlColumn,
        ProblemsColumn,
        MsColumn
    };
    static constexpr int kColumnCount = 7;
    enum Role {
        SortRole = Qt::UserRole + 1,  // numbers as numbers (line, ms), the rest as text
        CodesRole,                    // QStringList: the row's problem codes, warnings too
        PassedRole,                   // bool
    };
    static constexpr int kFlushMs = 100;
    static constexpr qsizetype kKeptTraces = 1000;  // some 11 KiB each (a 3-hop chain): 11 MiB

    struct Row {
        BulkRow row;
        QStringList codes;
        QByteArray jsonLine;     // bulkResultJsonLine()
        QByteArray csvRow;       // bulkResultCsvRow()
        bool traceable = false;  // the line has a URL (row.from, absolute), which can be traced again
        qsizetype keptTrace = -1;
    };

    explicit BulkResultModel(QObject *parent = nullptr);
    ~BulkResultModel() override;

    // Forgets every row and trace.
    void clear();
    // Takes a result in (shown at the next flush()); counted in summary() at once.
    void add(const BulkResult &result);
    // Inserts the results added since the last flush, in one batch.
    void flush();
    qsizetype pendingCount() const { return qsizetype(m_pending.size()); }

    const Row &rowAt(int row) const { return m_rows.at(size_t(row)); }
    // The row's trace when it was kept.
    const Trace *traceAt(int row) const;
    const BulkSummary &summary() const { return m_summary; }
    // How many traces are kept (kKeptTraces unless told otherwise, e.g. by a test).
    void setTraceBudget(qsizetype traces) { m_traceBudget = traces; }
    qsizetype traceBudget() const { return m_traceBudget; }

    // The rows in line order, as each format of rwb check writes them: "jsonl", "json", "csv", "md",
    // "html", "junit". `title` heads the reports.
    QByteArray exportAs(const QString &format, const QString &title) const;
    static QStringList exportFormats();

    void setPalette(const QPalette &palette);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // A deque: rows are only ever added at the end, and a vector's growth would copy every row at once
    // (78 ms at 56,000 rows, measured with bench_bulk_window --synthetic).
    std::deque<Row> m_rows;
    std::vector<Row> m_pending;
    std::vector<Trace> m_traces;
    BulkSummary m_summary;
    QPalette m_palette;
    qsizetype m_traceBudget = kKeptTraces;
};

// The table's filter and sort: by problem code ("" every line, "failed" the failing ones, "passed" the
// passing ones, or a code: the lines with it) and by text (in the URL, final URL, chain or problems).
class BulkFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkFilterModel)

public:
    explicit BulkFilterModel(QObject *parent = nullptr);
    ~BulkFilterModel() override;

    void setCode(const QString &code);
    QString code() const { return m_code; }
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_code;
    QString m_text;
};

}  // namespace Rwb
