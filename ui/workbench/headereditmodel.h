#pragma once

#include "core/http/trace.h"
#include "core/policy/headerdiff.h"

#include <QAbstractTableModel>

#include <optional>

namespace Rwb {

// Editable name/value rows with an enable box each (check state of column 0), used for request headers
// and for urlencoded form fields. The last row is always an empty one: typing a name or value into it
// makes it a real row and a new empty one appears, so adding needs no button (keyboard-only works).
// With the change column on, each row can carry how it differs from the previous hop's request.
class HeaderEditModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeaderEditModel)

public:
    enum Column { NameColumn, ValueColumn, ChangeColumn };
    enum Role {
        ChangeKindRole = Qt::UserRole + 1,  // int(HeaderChange::Kind), or invalid when the row has none
        ReasonRole,                         // QString
        EnabledRole,                        // bool
    };

    struct Row {
        bool enabled = true;
        QByteArray name;
        QByteArray value;
        std::optional<HeaderChange> change;  // what the step editor shows in the change column
        // The client's own header of this name is left out (curl's -H 'Name:'); the value is unused.
        bool suppress = false;
        // Typed into the empty last row (or inserted) here rather than given: with the change column on, the
        // step editor shows it as added by the user.
        bool addedHere = false;
    };

    explicit HeaderEditModel(QObject *parent = nullptr);
    ~HeaderEditModel() override;

    void setColumnTitles(const QString &name, const QString &value);
    void setChangeColumnVisible(bool visible);
    bool changeColumnVisible() const { return m_showChange; }

    // Replaces every row with these, all enabled; the suppressed names come after them.
    void setHeaders(const HeaderList &headers, const QList<QByteArray> &suppressed = {});
    // Enabled rows with a non-empty name, in order, the suppressed ones left out.
    HeaderList headers() const;
    // The names of the enabled suppressed rows, in order (RequestSpec::suppressedHeaders).
    QList<QByteArray> suppressedNames() const;
    // Rows from diffHeaders(): removed headers come back unticked with their old value.
    void setChanges(const QList<HeaderChange> &changes);

    QList<Row> rows() const { return m_rows; }
    void setRows(const QList<Row> &rows);
    void clear() { setRows({}); }
    bool isPlaceholderRow(int row) const { return row == int(m_rows.size()); }

    // Appends a row (before the empty one) and returns its index.
    int appendRow(const QByteArray &name, const QByteArray &value, bool enabled = true);
    void setRowEnabled(int row, bool enabled);
    // A suppressed row sends nothing: it leaves out the client's own header of its name. Typing a value
    // makes it a header again.
    void setRowSuppressed(int row, bool suppress);

    // Empty when every enabled name is a valid HTTP field name; otherwise the first problem.
    QString problem() const;

    // QAbstractTableModel: the same overrides as every table model here.
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // Rows can be inserted anywhere up to the empty last row; that row itself cannot be removed.
    bool insertRows(int row, int count, const QModelIndex &parent = {}) override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

private:
    QVariant changeData(const Row &r, int role) const;
    QVariant rowStyle(const Row &r, int role) const;

    QList<Row> m_rows;
    QString m_nameTitle;
    QString m_valueTitle;
    bool m_showChange = false;
};

}  // namespace Rwb
