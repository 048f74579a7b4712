#pragma once

#include "core/check/expectations.h"

#include <QAbstractTableModel>
#include <QPalette>

#include <optional>

namespace Rwb {

// The expectations of the selected case as a table: what is checked (Kind), against what (Value, typed
// in the one-line form of casecheck.h) and, after a run, the result. Editing the kind resets the value to
// one that fits; a value that does not parse is refused and the row says why in the Result column.
class ExpectationsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExpectationsModel)

public:
    enum Column { KindColumn, ValueColumn, ResultColumn, ColumnCount };
    enum Roles { KindRole = Qt::UserRole + 1 };  // int(ExpectationKind) of the row

    explicit ExpectationsModel(QObject *parent = nullptr);
    ~ExpectationsModel() override;

    QList<Expectation> expectations() const { return m_rows; }
    void setExpectations(const QList<Expectation> &expectations);  // clears results; no changed()
    // One result per expectation, as checkCase() gives them; empty: not run since the last edit.
    void setResults(const QList<ExpectationResult> &results);
    // The trace new rows take their values from (the case's last run); null for none.
    void setTrace(const std::optional<Trace> &trace) { m_trace = trace; }
    void setPalette(const QPalette &palette);

    QModelIndex addExpectation(ExpectationKind kind);
    bool removeExpectation(int row);

    // QAbstractTableModel: the same overrides as every table model here.
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    // The user changed the list (added, removed, edited a row).
    void changed();

private:
    void edited(int row);

    QList<Expectation> m_rows;
    QList<ExpectationResult> m_results;  // empty or one per row
    QHash<int, QString> m_errors;        // row -> why the last typed value was refused
    std::optional<Trace> m_trace;
    QPalette m_palette;
};

}  // namespace Rwb
