#pragma once

#include "core/http/trace.h"
#include "core/policy/headerdiff.h"
#include "core/policy/options.h"

#include <QWidget>

#include <memory>

namespace Rwb {

class HeaderEditModel;

// While a step-through is paused: the next request the profile computed, editable (method, URL, headers
// with an enable box each, body). Each header row says whether it was kept, added, changed or removed
// on the way from the previous request, and why; removed headers appear unticked so the user can send
// them anyway.
class StepEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StepEditor)

public:
    explicit StepEditor(QWidget *parent = nullptr);
    ~StepEditor() override;

    // `changes` is diffHeaders(previous request headers, pending.headers, notes of the last hop).
    void setPending(const RequestSpec &pending, const QList<HeaderChange> &changes);
    void clear();

    // The request as now shown (with the user's edits); edited() tells whether it differs from pending.
    RequestSpec request() const;
    bool edited() const;
    RequestSpec pending() const;

    // Names the profile in the explanation line at the top.
    void setProfile(Profile profile);
    HeaderEditModel *headerModel() const;

signals:
    void changed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

}  // namespace Rwb
