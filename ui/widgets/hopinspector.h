#pragma once

#include "core/http/trace.h"

#include <QWidget>

#include <memory>

class QTabWidget;

namespace Rwb {

// Everything about the selected hop, in tabs: Request, Response, Body, Cookies, Changes, Explain, curl.
class HopInspector final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HopInspector)

public:
    explicit HopInspector(QWidget *parent = nullptr);
    ~HopInspector() override;

    // Shows hop `index` of `trace` (the previous hop is used by Changes); -1 shows the outcome only.
    void showHop(const Trace &trace, int index);
    void clear();
    // The curl command that repeats the shown hop (empty when none), and a copy of it to the clipboard.
    QString curlCommand() const;
    void copyCurl();

    QTabWidget *tabs() const;
    // The text a tab shows, for tests and copy: "Request", "Response", "Body", "Cookies", "Changes",
    // "Explain", "curl". Tables are rendered as "Name: value" lines.
    QString tabText(const QString &tabName) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();
    void updateMinimumWidth();

    struct Private;
    std::unique_ptr<Private> d;
};

}  // namespace Rwb
