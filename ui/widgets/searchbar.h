#pragma once

#include "workbench/tracesearch.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

namespace Rwb {

// The find bar over the timeline: the query, "3 of 17", Previous and Next, and the case and
// regular-expression toggles. Enter finds the next match, Shift+Enter the previous, Escape closes the
// bar. It only edits and reports; SearchController searches and shows the matches.
class SearchBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchBar)

public:
    explicit SearchBar(QWidget *parent = nullptr);

    QString query() const;
    SearchOptions options() const;
    // Shows the bar, the query selected and the cursor in it.
    void open();
    // The match count ("3 of 17") and whether the query is an error (then `text` says why).
    void setCount(const QString &text, bool error = false);

    QLineEdit *field() const { return m_field; }
    QLabel *countLabel() const { return m_count; }
    QToolButton *nextButton() const { return m_next; }
    QToolButton *previousButton() const { return m_previous; }
    QToolButton *caseButton() const { return m_case; }
    QToolButton *regexButton() const { return m_regex; }

signals:
    void queryChanged();  // the text or an option changed
    void nextRequested();
    void previousRequested();
    void closed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void close();

    QLineEdit *m_field = nullptr;
    QLabel *m_count = nullptr;
    QToolButton *m_previous = nullptr;
    QToolButton *m_next = nullptr;
    QToolButton *m_case = nullptr;
    QToolButton *m_regex = nullptr;
    QToolButton *m_close = nullptr;
};

}  // namespace Rwb
