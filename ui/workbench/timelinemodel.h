#pragma once

#include "core/http/trace.h"
#include "workbench/theme.h"

#include <QAbstractListModel>
#include <QSet>

namespace Rwb {

// The hop timeline of one trace: a row per hop in order, then an outcome row once the trace ended (or,
// while stepping, a pending row: the next request, not sent yet). Rows are painted by TimelineDelegate,
// which reads them only through the roles below (so it works behind a proxy model); nothing per row is a
// widget, so 10,000 hops stay cheap.
class TimelineModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineModel)

public:
    enum Roles {
        RowKindRole = Qt::UserRole + 1,  // RowKind
        HopIndexRole,
        StatusRole,          // int, 0 while in flight or on error; the outcome row's: the final status
        ReasonRole,          // QString
        MethodRole,          // QString
        PreviousMethodRole,  // QString: the previous hop's method when it differs, else empty
        UrlRole,             // QUrl as requested; the outcome row's: the last URL
        OriginChangeRole,    // OriginChange
        StartMsRole,         // double
        EndMsRole,           // double; 0 while in flight
        TotalMsRole,         // double: the common time scale (end of the latest hop)
        SyntheticRole,       // bool
        EditedRole,          // bool
        ErrorRole,           // QString: the hop's error message
        BadgesRole,          // QStringList: badge texts
        OutcomeKindRole,     // QString (outcome row)
        OutcomeMessageRole,  // QString (outcome and pending rows)
        DifferencesRole,     // QStringList: where this row differs from other profiles' traces
        HopStateRole,        // HopState
        ErrorCodeRole,       // QString: the hop's error code
        ResponseMsRole,      // double: when the response's head arrived
        PhasesRole,          // QVariantList of doubles: blocked, dns, connect, tls, send, wait, receive (ms,
                             // -1: did not happen); empty when not measured
        BadgeListRole,       // QList<Badge>: text, tone and tooltip of each badge
        ViaRole,             // QString: how the hop was reached, as trace JSON names it ("meta-refresh")
        RefreshDelayRole,    // double: a refresh hop's delay in ms; -1 for other hops
        PausedMsRole,        // double: step-through, the time paused just before the hop was sent; 0 if none
        SearchMatchRole,     // bool: the row holds a match of the window's search (setSearchRows)
    };
    enum class RowKind { Hop, Outcome, Pending };
    // Sending: no answer yet; Answered: a response (perhaps with an error after it); Failed: an error and
    // no response.
    enum class HopState { Sending, Answered, Failed };
    enum class OriginChange { None, CrossOrigin, Downgrade, Upgrade };

    struct Badge {
        QString text;
        Theme::Tone tone = Theme::Tone::Info;
        QString toolTip;
    };

    explicit TimelineModel(QObject *parent = nullptr);
    ~TimelineModel() override;

    // Whole traces (a loaded or finished trace, or a benchmark's): one reset.
    void setTrace(const Trace &trace, bool finished = true);
    void clear(const QString &profile = {});
    // Live traces: a hop is added when it is sent and updated when its response (or error) is recorded.
    void addHop(const Hop &hop);
    void updateHop(const Hop &hop);
    void finish(const Outcome &outcome);
    // Stepping: the request the engine will send next, shown after the hops until the next hop is added
    // (it takes the pending row's place), the trace finishes or the pending request changes.
    void setPending(const RequestSpec &next);
    void clearPending();
    const RequestSpec *pending() const { return m_pending ? &*m_pending : nullptr; }

    // Where this trace differs from the others in a comparison (row = hop index; past the hops: outcome).
    void setDifferences(const QList<QStringList> &rows);
    // The rows (hops, or the outcome row) where the search bar found its query; cleared by setTrace().
    void setSearchRows(const QSet<int> &rows);

    const Trace &trace() const { return m_trace; }
    bool isFinished() const { return m_finished; }
    RowKind rowKind(int row) const;
    const Hop *hopAt(int row) const;
    QList<Badge> badges(int row) const;
    OriginChange originChange(int row) const;
    double totalMs() const { return m_totalMs; }
    int outcomeRow() const;  // -1 until finished

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    // The common time scale grew: every visible bar must be repainted.
    void scaleChanged();

private:
    QString summary(int row) const;
    QString pendingMessage() const;
    const QUrl *urlAt(int row) const;  // the URL of a hop or of the pending request; null otherwise
    QString toolTip(int row) const;
    void growScale(double endMs);

    Trace m_trace;
    bool m_finished = false;
    double m_totalMs = 0;
    QList<QStringList> m_differences;
    QSet<int> m_searchRows;
    std::optional<RequestSpec> m_pending;
};

}  // namespace Rwb

Q_DECLARE_METATYPE(Rwb::TimelineModel::Badge)
