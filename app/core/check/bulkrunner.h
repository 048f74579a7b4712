// Runs the lines of a bulk check (issue 14) through a pool of Engines: at most `parallel` chains at once,
// at most `perHost` to one host, no more than `ratePerSecond` chains started a second, network errors and
// timeouts tried again up to `retries` times. Each line's result is reported by lineFinished() as soon as
// its chain ends (in the order chains end, not the input's), so that a caller writes it out and forgets it:
// nothing but the input lines is kept. The window and `rwb check` are two listeners of the same runner.
#pragma once

#include "core/check/bulkinput.h"
#include "core/check/bulkrules.h"
#include "core/http/trace.h"
#include "core/policy/options.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

#include <deque>
#include <memory>
#include <optional>
#include <vector>

class QTimer;

namespace Rwb {

class Engine;

struct BulkResult {
    qsizetype index = 0;  // the line's place among the lines given to start()
    BulkLine line;
    std::optional<Trace> trace;  // unset for a line that was not traced (invalid)
    QList<BulkProblem> problems;
    int attempts = 0;  // chains run for it (1 + the retries it took)
    double elapsedMs = 0;
    bool passed() const { return bulkLinePassed(problems); }
};

struct BulkSettings {
    int parallel = 16;
    int perHost = 6;
    double ratePerSecond = 0;  // 0: no limit
    int retries = 0;
};

class BulkRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkRunner)

public:
    explicit BulkRunner(QObject *parent = nullptr);
    ~BulkRunner() override;

    // Starts the run: every line traced with `request` (its URL replaced by the line's) and `options`,
    // checked against `rules`. False while a run goes on. `skip`: indexes not to run (a resumed run's).
    bool start(const QList<BulkLine> &lines, const RequestSpec &request, const Options &options,
               const BulkRules &rules, const BulkSettings &settings, const QSet<qsizetype> &skip = {});
    // Starts no more lines and stops the running chains (each reported, as stopped); then finished().
    void stop();
    bool isRunning() const { return m_running; }

    qsizetype total() const { return m_total; }
    qsizetype done() const { return m_done; }
    int inFlight() const { return m_inFlight; }

signals:
    void lineFinished(const Rwb::BulkResult &result);
    void finished();

private:
    struct Slot;
    void pump();
    void startOn(Slot &slot, qsizetype index);
    void onChainFinished(Slot &slot);
    void report(BulkResult result);
    void finishIfDone();

    QList<BulkLine> m_lines;
    RequestSpec m_request;
    Options m_options;
    BulkRules m_rules;
    BulkSettings m_settings;
    std::deque<qsizetype> m_pending;  // indexes of lines not started yet (retries go back to the front)
    QHash<qsizetype, int> m_attempts;
    QHash<QString, int> m_perHost;  // chains in flight by the first URL's host
    std::vector<std::unique_ptr<Slot>> m_slots;
    QTimer *m_rateTimer = nullptr;
    qint64 m_started = 0;     // chains started in this run (for the rate)
    qint64 m_runStartNs = 0;  // HeaderTap::nowNs() at start()
    qsizetype m_total = 0;
    qsizetype m_done = 0;
    int m_inFlight = 0;
    bool m_running = false;
    bool m_stopping = false;
    bool m_pumpQueued = false;  // a pump() is posted (engines still to make)
};

}  // namespace Rwb

Q_DECLARE_METATYPE(Rwb::BulkResult)
