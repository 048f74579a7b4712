#pragma once

#include <QWidget>

class QPushButton;
class QTableView;

namespace Rwb {

class HeaderEditModel;

// A HeaderEditModel in a table with Add and Remove buttons. Keys on the table: Insert starts a new row,
// Delete removes the selected rows (while a cell is being edited, Delete stays with the editor).
class HeaderEditView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeaderEditView)

public:
    HeaderEditView(HeaderEditModel *model, const QString &what, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    // Starts editing the name of the empty last row.
    void addRow();
    void removeSelectedRows();
    // Request headers: a "Leave out" button marks the selected rows as removals of the client's own
    // header of that name (curl's -H 'Name:'), or makes them plain rows again. Off by default.
    void setSuppressible(bool on);
    void toggleSuppressSelectedRows();

private:
    QList<int> selectedRows() const;  // the selected rows, or the current one; placeholder excluded

    HeaderEditModel *m_model;
    QTableView *m_view;
    QPushButton *m_suppress;
};

}  // namespace Rwb
