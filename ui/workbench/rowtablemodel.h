#pragma once

#include <QAbstractTableModel>
#include <QColor>
#include <QPalette>
#include <QStringList>

#include "workbench/theme.h"

namespace Rwb {

// A small read-only table of text rows (cookies, header changes): plain cells plus a tone per row and
// a one-line rendering used for copying and tests. Never one widget per row.
class RowTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RowTableModel)

public:
    struct Row {
        QStringList cells;
        // How the row reads at a glance: the colour of its first column (Theme::toneText).
        Theme::Tone tone = Theme::Tone::Info;
        QString line;  // how the row reads as one line of text; empty: cells joined
        QString toolTip;
    };

    explicit RowTableModel(const QStringList &columns, QObject *parent = nullptr);
    ~RowTableModel() override;

    void setRows(const QList<Row> &rows);
    const QList<Row> &rows() const { return m_rows; }
    // Colours follow this palette (the view's), refreshed on palette changes.
    void setPalette(const QPalette &palette);
    // Columns shown in a monospace font (header names and values).
    void setMonospaceColumns(const QList<int> &columns);

    QString rowText(int row) const;
    QString allText() const;

    // QAbstractTableModel: the same overrides as every table model here.
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    QStringList m_columns;
    QList<Row> m_rows;
    QPalette m_palette;
    QList<int> m_monospace;
};

}  // namespace Rwb
