#include "core/check/bulkrunner.h"

#include "core/engine/engine.h"
#include "core/engine/headertap.h"

#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <utility>

namespace Rwb {

namespace {

constexpr int kScanAhead = 256;  // pending lines looked at for one whose host has room
constexpr int kNewEnginesPerTurn = 4;

}  // namespace

struct BulkRunner::Slot {
    std::unique_ptr<Engine> engine;
    qsizetype index = -1;  // the line it runs; -1: free
    QString host;
    QElapsedTimer clock;
};

BulkRunner::BulkRunner(QObject *parent)
    : QObject(parent)
    , m_rateTimer(new QTimer(this))
{
    qRegisterMetaType<Rwb::BulkResult>();
    m_rateTimer->setSingleShot(true);
    connect(m_rateTimer, &QTimer::timeout, this, &BulkRunner::pump);
}

BulkRunner::~BulkRunner() = default;

bool BulkRunner::start(const QList<BulkLine> &lines, const RequestSpec &request, const Options &options,
                       const BulkRules &rules, const BulkSettings &settings, const QSet<qsizetype> &skip)
{
    if (m_running)
        return false;
    m_lines = lines;
    m_request = request;
    m_options = options;
    m_rules = rules;
    m_settings = settings;
    m_settings.parallel = std::max(1, settings.parallel);
    m_settings.perHost = std::max(1, settings.perHost);
    m_pending.clear();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (!skip.contains(i))
            m_pending.push_back(i);
    }
    m_attempts.clear();
    m_perHost.clear();
    m_total = qsizetype(m_pending.size());
    m_done = 0;
    m_inFlight = 0;
    m_started = 0;
    m_runStartNs = HeaderTap::nowNs();
    m_running = true;
    m_stopping = false;
    pump();
    return true;
}

void BulkRunner::stop()
{
    if (!m_running || m_stopping)
        return;
    m_stopping = true;
    m_pending.clear();
    m_rateTimer->stop();
    for (const auto &slot : m_slots) {
        if (slot->index >= 0)
            slot->engine->stop();  // reported as stopped when it ends
    }
    finishIfDone();
}

void BulkRunner::pump()
{
    int created = 0;  // engines made in this turn
    while (!m_stopping && !m_pending.empty()) {
        if (m_settings.ratePerSecond > 0) {
            const double allowedNs =
                double(m_runStartNs) + double(m_started) * 1e9 / m_settings.ratePerSecond;
            const double waitNs = allowedNs - double(HeaderTap::nowNs());
            if (waitNs > 0) {
                if (!m_rateTimer->isActive())
                    m_rateTimer->start(int(std::ceil(waitNs / 1e6)));
                break;
            }
        }
        // A line with room on its host, among the first pending ones.
        auto chosen = m_pending.end();
        const auto scanEnd = m_pending.begin() + std::min<qsizetype>(kScanAhead, qsizetype(m_pending.size()));
        for (auto it = m_pending.begin(); it != scanEnd; ++it) {
            const BulkLine &line = m_lines.at(*it);
            if (!line.invalid.isEmpty() || m_perHost.value(line.url.host()) < m_settings.perHost) {
                chosen = it;
                break;
            }
        }
        if (chosen == m_pending.end())
            break;  // every host has its chains: one that ends pumps again
        const qsizetype index = *chosen;
        if (!m_lines.at(index).invalid.isEmpty()) {
            m_pending.erase(chosen);
            BulkResult result;
            result.index = index;
            result.line = m_lines.at(index);
            result.problems = checkBulkChain(result.line, m_rules, Trace());
            report(std::move(result));
            continue;
        }
        Slot *free = nullptr;
        for (const auto &slot : m_slots) {
            if (slot->index < 0) {
                free = slot.get();
                break;
            }
        }
        if (!free && int(m_slots.size()) < m_settings.parallel) {
            if (created == kNewEnginesPerTurn) {
                // An Engine costs a few milliseconds to make (its manager, its relay thread): a few a turn,
                // so that the event loop (a window's) is never away for long while a run starts.
                if (!m_pumpQueued) {
                    m_pumpQueued = true;
                    QTimer::singleShot(0, this, [this] {
                        m_pumpQueued = false;
                        pump();
                    });
                }
                break;
            }
            ++created;
            auto slot = std::make_unique<Slot>();
            slot->engine = std::make_unique<Engine>();
            Slot *raw = slot.get();
            // Queued: a chain that ends inside Engine::start() is taken up after this loop.
            connect(
                slot->engine.get(), &Engine::finished, this, [this, raw] { onChainFinished(*raw); },
                Qt::QueuedConnection);
            m_slots.push_back(std::move(slot));
            free = raw;
        }
        if (!free)
            break;
        m_pending.erase(chosen);
        startOn(*free, index);
    }
    finishIfDone();
}

void BulkRunner::startOn(Slot &slot, qsizetype index)
{
    const BulkLine &line = m_lines.at(index);
    slot.index = index;
    slot.host = line.url.host();
    ++m_perHost[slot.host];
    ++m_inFlight;
    ++m_attempts[index];
    ++m_started;
    RequestSpec request = m_request;
    request.url = line.url;
    slot.clock.start();
    slot.engine->start(request, m_options);
}

void BulkRunner::onChainFinished(Slot &slot)
{
    if (slot.index < 0)
        return;
    const qsizetype index = std::exchange(slot.index, -1);
    if (--m_perHost[slot.host] <= 0)
        m_perHost.remove(slot.host);
    --m_inFlight;
    const Trace &trace = slot.engine->trace();
    const bool transient =
        trace.outcome.kind == OutcomeKind::NetworkError || trace.outcome.kind == OutcomeKind::Timeout;
    if (transient && !m_stopping && m_attempts.value(index) <= m_settings.retries) {
        m_pending.push_front(index);  // tried again next
        pump();
        return;
    }
    BulkResult result;
    result.index = index;
    result.line = m_lines.at(index);
    result.trace = trace;
    result.problems = checkBulkChain(result.line, m_rules, trace);
    result.attempts = m_attempts.take(index);
    result.elapsedMs = double(slot.clock.nsecsElapsed()) / 1e6;
    report(std::move(result));
    pump();
}

void BulkRunner::report(BulkResult result)
{
    ++m_done;
    emit lineFinished(result);
}

void BulkRunner::finishIfDone()
{
    if (!m_running || m_inFlight > 0 || (!m_pending.empty() && !m_stopping))
        return;
    m_running = false;
    m_rateTimer->stop();
    emit finished();
}

}  // namespace Rwb
