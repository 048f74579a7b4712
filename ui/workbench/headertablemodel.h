#pragma once

#include "core/http/trace.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace Rwb {

// Read-only table of one header list: one row per header line, so repeated names (Set-Cookie,
// Location sent twice) stay separate rows in wire order. An optional third column carries marks.
class HeaderTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeaderTableModel)

public:
    enum Column { NameColumn, ValueColumn, NoteColumn };

    explicit HeaderTableModel(QObject *parent = nullptr);
    ~HeaderTableModel() override;

    // `notes` is per row (may be shorter than headers); the Note column exists only when one is set.
    void setHeaders(const HeaderList &headers, const QStringList &notes = {});
    void clear();
    const HeaderList &headers() const { return m_headers; }
    bool hasNoteColumn() const { return m_hasNotes; }

    // "Name: value" (plus "  [note]" when the row has one), as copied or shown in tests.
    QString rowText(int row) const;
    QString allText() const;  // rowText of every row, one per line

    // QAbstractTableModel: the same overrides as every table model here.
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    QString noteAt(int row) const;

    HeaderList m_headers;
    QStringList m_notes;
    bool m_hasNotes = false;
};

}  // namespace Rwb
