#pragma once

#include "core/engine/headertap.h"
#include "core/engine/tlsmaterial.h"
#include "core/http/hsts.h"
#include "core/http/trace.h"
#include "core/policy/browsercontext.h"
#include "core/policy/options.h"
#include "core/policy/policy.h"

#include <QElapsedTimer>
#include <QHash>
#include <QNetworkProxy>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QSet>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace Rwb {
class BodyDecoder;
class HeaderTap;
class TraceCookies;
}  // namespace Rwb

namespace Rwb {

// Follows a redirect chain hop by hop through one long-lived QNetworkAccessManager with manual
// redirects, recording each hop as it went on the wire. Either runs to the end or, in step mode,
// pauses before every next hop with the computed request exposed for editing.
class Engine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Engine)

public:
    explicit Engine(QObject *parent = nullptr);
    ~Engine() override;

    // Starts a trace; the first hop is sent at once. Ignored while a trace runs.
    void start(const RequestSpec &request, const Options &options);

    // In step mode the engine pauses (signal paused) before sending each next hop.
    void setStepMode(bool step);
    bool stepMode() const { return m_stepMode; }

    bool isRunning() const { return m_running; }
    bool isPaused() const { return m_paused; }
    // While paused: the request the policy computed for the next hop.
    const RequestSpec &pendingRequest() const { return m_current; }
    // Browser profile, while paused: the headers its request context adds to `request` when it is sent
    // next (Referer, Origin, Sec-Fetch-*, ...; BrowserContext::nextHop), for showing before sending.
    HeaderList pendingContextHeaders(const RequestSpec &request) const;

    // Sends the pending hop (as computed, or as edited by the user).
    void resume();
    void resume(const RequestSpec &edited);
    // Cancels the trace: an in-flight hop is aborted; the outcome is `stopped`.
    void stop();

    const Trace &trace() const { return m_trace; }
    QNetworkAccessManager *networkAccessManager() const { return m_nam; }

signals:
    void hopStarted(int index);
    void hopRecorded(int index);
    void paused(const Rwb::RequestSpec &next);
    void finished();

private:
    void sendCurrent();
    QByteArray takeCurrentKey();  // requestKey(m_current), computed by the policy where it could be
    bool recordSyntheticHstsHop();
    void onReadyRead();
    void onFinished();
    void recordResponse(Hop &hop);
    void applyDecision(Hop &hop, const Decision &decision);
    void advance();
    void endPause();  // resuming or stopping: the pause is left out of the clock
    // A final response of the browser profile: the refresh it asks for, when followed (notes on the hop
    // say what was decided either way); the other profiles only note it.
    struct PendingRefresh {
        HopVia via = HopVia::RefreshHeader;
        qint64 delayMs = 0;
        RequestSpec next;
        QByteArray key;
        std::optional<ReferrerPolicy> pagePolicy;
        std::optional<OutcomeKind> stop;  // the chain ends instead: the redirect limit, a loop
        QString message;
        int repeatsHop = -1;
    };
    std::optional<PendingRefresh> considerRefresh(Hop &hop);
    void followRefresh(const QUrl &page, const PendingRefresh &refresh);
    void finish(OutcomeKind kind, const QString &message);
    double nowMs() const;
    void storeCookies(Hop &hop);
    void refuseBody(Hop &hop, const HeaderList &browserHeaders, const QString &reason);
    // The one check of what goes on the wire, whatever the request came from (editor, session, import,
    // step edit): a method or header that would put other bytes on the wire than the trace records ends
    // the chain before anything is sent.
    // The hop ends without a response: `error` recorded, the chain finished as `kind` with "WHAT on hop N:
    // message".
    void endWithError(Hop &hop, const HopError &error, OutcomeKind kind, const QString &what);
    void refuseRequest(Hop &hop, const QString &problem);
    // Sets the relay's proxy for the hop in flight (its http-proxy headers written into its request, a note
    // the first time a proxy is used in the chain); a setting that cannot be used gives the reason.
    std::optional<QString> chooseHopProxy(Hop &hop, bool https);
    // Ends the chain with `hop`, which was not sent: its error `code`, a `note` and the outcome
    // network-error, all saying `reason`.
    void endUnsent(Hop &hop, const QString &code, NoteCode note, const QString &reason);

    QNetworkAccessManager *m_nam = nullptr;
    QTimer *m_hopTimer = nullptr;
    QTimer *m_refreshTimer = nullptr;  // waitForRefresh: the refresh's delay
    HeaderTap *m_tap = nullptr;
    std::unique_ptr<TraceCookies> m_cookies;
    CookieRequest m_hopCookies;  // what the jar was told about the hop in flight
    QPointer<QNetworkReply> m_reply;
    std::unique_ptr<BodyDecoder> m_decoder;  // the body of the hop in flight
    HstsStore m_hsts;
    Options m_options;
    ChainContext m_context;
    qint64 m_hopStartNs = 0;            // HeaderTap::nowNs() when the hop in flight was sent
    TlsMaterial m_tlsMaterial;          // --cacert, --cert, --key as read when the chain started
    HeaderTap::Policy m_policy;         // the chain's relay policy; each hop sets its proxy in it
    QSet<QString> m_proxiesNoted;       // the proxies a via-proxy note has named in this chain
    QProcessEnvironment m_environment;  // as the chain started (curl profile: its proxy variables)
    QHash<QString, QNetworkProxy> m_systemProxies;  // the system's answers in this chain, by scheme host:port
    QSet<QString> m_expiryWarned;    // the servers whose certificates were checked for their end
    qsizetype m_chainHeadBytes = 0;  // the response heads of the chain so far (curl limits a transfer's)
    BrowserContext m_browser;        // the browser profile's request context over the chain
    RequestSpec m_current;
    Trace m_trace;
    QElapsedTimer m_clock;
    // Step mode: the clock of the trace stops while it is paused. m_pauseClock runs while paused;
    // m_pausedNs is the time paused so far (left out of nowMs()), m_nextPausedMs the last pause, which
    // goes on the next hop sent.
    QElapsedTimer m_pauseClock;
    qint64 m_pausedNs = 0;
    double m_nextPausedMs = 0;
    bool m_running = false;
    bool m_paused = false;
    bool m_stepMode = false;
    bool m_nextEdited = false;
    HopVia m_nextVia = HopVia::Request;        // how the next hop sent is reached
    std::optional<qint64> m_nextRefreshDelay;  // the next hop is a refresh after this delay
    bool m_timedOut = false;
    bool m_stopRequested = false;
    QByteArray m_nextKey;     // requestKey(m_current) when the policy computed it
    QByteArray m_relayId;     // HeaderTap::expectRequest() of the hop in flight
    NoteList m_pendingNotes;  // notes about the next hop's request, taken before it is sent
};

}  // namespace Rwb
