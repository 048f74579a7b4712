#include "core/engine/engine.h"

#include "core/engine/bodydecoder.h"
#include "core/engine/headertap.h"
#include "core/engine/wire.h"
#include "core/http/origin.h"
#include "core/http/refresh.h"
#include "core/http/site.h"
#include "core/http/tokens.h"
#include "core/http/tracecookies.h"
#include "core/policy/headlimit.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcessEnvironment>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QTimer>

#include <limits>

namespace Rwb {

namespace {

bool isHttpScheme(const QUrl &url)
{
    return url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https");
}

QString plural(int n, const char *word)
{
    const bool es = QByteArrayView(word).endsWith("sh");  // "refreshes"
    return QString::number(n) + QLatin1Char(' ') + QLatin1String(word)
           + (n == 1 ? QString()
              : es   ? QStringLiteral("es")
                     : QStringLiteral("s"));
}

Note tlsErrorsAccepted(const QStringList &errors)
{
    return {NoteCode::TlsErrorAccepted,
            QStringLiteral("TLS errors accepted (--insecure): %1").arg(errors.join(QLatin1String("; ")))};
}

}  // namespace

Engine::Engine(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
    , m_hopTimer(new QTimer(this))
    , m_refreshTimer(new QTimer(this))
{
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    // Every hop goes through the in-process SOCKS5 tap, which reads each response head as it came
    // (QNetworkReply keeps only the last Location line and joins other repeated lines) and makes the TLS
    // connection of an https hop itself; only when it cannot listen does QNAM connect directly.
    m_tap = new HeaderTap(this);
    if (m_tap->start())
        m_nam->setProxyFactory(m_tap->newProxyFactory());
    else
        m_nam->setProxy(QNetworkProxy::NoProxy);
    m_nam->setStrictTransportSecurityEnabled(false);  // HSTS is the browser profile's, recorded as a hop
    m_hopTimer->setSingleShot(true);
    m_hopTimer->setTimerType(Qt::PreciseTimer);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setTimerType(Qt::PreciseTimer);
    connect(m_refreshTimer, &QTimer::timeout, this, &Engine::advance);
    connect(m_hopTimer, &QTimer::timeout, this, [this] {
        if (m_reply) {
            m_timedOut = true;
            m_reply->abort();
        }
    });
}

Engine::~Engine()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        delete m_reply;
    }
}

double Engine::nowMs() const
{
    return double(m_clock.nsecsElapsed() - m_pausedNs) / 1e6;
}

namespace {

void setHttp2Policy(HeaderTap::Policy *policy, const Options &options)
{
    const Http2Wire h2 = http2Wire(options);
    policy->offerHttp2 = h2.offer;
    policy->requireHttp2 = h2.require;
    policy->h2PseudoOrder = h2.pseudoOrder;
    policy->h2ExtraFields = h2.extraFields;
}

}  // namespace

void Engine::start(const RequestSpec &request, const Options &options)
{
    if (m_running)
        return;
    m_options = options;
    QString addressError;
    const std::optional<AddressMap> addresses =
        parseAddressMap(options.connectTo, options.resolve, &addressError);
    QString tlsError;
    const std::optional<TlsMaterial> tls = loadTlsMaterial(options.tls, &tlsError);
    m_tlsMaterial = tls.value_or(TlsMaterial());
    m_policy = HeaderTap::Policy();
    m_policy.acceptTlsErrors = options.acceptTlsErrors;
    m_policy.addresses = addresses.value_or(AddressMap());
    m_policy.tls = m_tlsMaterial;
    setHttp2Policy(&m_policy, options);
    m_tap->setPolicy(m_policy);
    m_proxiesNoted.clear();
    m_systemProxies.clear();
    // Read once per chain: the curl profile takes its proxies from it.
    m_environment = defaultProxySource(options.profile) == ProxySource::Environment
                        ? QProcessEnvironment::systemEnvironment()
                        : QProcessEnvironment();
    m_expiryWarned.clear();
    m_trace = Trace();
    m_chainHeadBytes = 0;
    m_trace.profile = profileName(options.profile);
    if (options.profile == Profile::Browser)
        m_trace.context = options.context;
    m_browser = BrowserContext(options.context, options.userAgent, options.acceptLanguage);
    m_trace.startedAt = QDateTime::currentDateTimeUtc();
    m_hsts = HstsStore(options.profile == Profile::Browser ? options.hstsPreload : QStringList());
    m_cookies = std::make_unique<TraceCookies>(options.profile == Profile::Curl ? CookieRules::Curl
                                                                                : CookieRules::Chromium);
    m_pendingNotes.clear();
    m_nextKey.clear();
    m_nextVia = HopVia::Request;
    m_nextRefreshDelay.reset();
    m_running = true;
    m_paused = false;
    m_nextEdited = false;
    m_stopRequested = false;
    m_pausedNs = 0;
    m_nextPausedMs = 0;
    m_clock.start();

    m_current = request;
    m_current.method = request.method.isEmpty() ? QByteArrayLiteral("GET") : request.method.toUpper();
    // user:password@ in the URL becomes Basic credentials, as browsers and curl do.
    if (!m_current.url.userName().isEmpty()) {
        if (!hasHeader(m_current.headers, "Authorization")) {
            const QByteArray userPass =
                m_current.url.userName().toUtf8() + ':' + m_current.url.password().toUtf8();
            m_current.headers.append({QByteArrayLiteral("Authorization"), basicAuthorization(userPass)});
        }
        m_current.url = m_current.url.adjusted(QUrl::RemoveUserInfo);
        m_pendingNotes.append(
            {NoteCode::CredentialsFromUrl, QStringLiteral("The user name and password in the URL are sent as "
                                                          "Authorization: Basic")});
    }
    // curl's -b strings are the curl profile's own (sent on every hop); the others take them as a Cookie
    // header of the first request.
    if (m_options.profile != Profile::Curl && !m_options.curlCookies.isEmpty())
        m_current.headers.append({QByteArrayLiteral("Cookie"), m_options.curlCookies});
    // A browser cannot send a Cookie header of its own: the cookies given go into the jar instead.
    if (m_options.profile == Profile::Browser && m_options.cookiesEnabled()
        && hasHeader(m_current.headers, "Cookie")) {
        m_cookies->seed(headerValues(m_current.headers, "Cookie"), m_current.url);
        removeHeader(m_current.headers, "Cookie");
        m_pendingNotes.append({NoteCode::CookieSeeded,
                               QStringLiteral("The Cookie header given was put into the browser's cookie jar "
                                              "for %1")
                                   .arg(m_current.url.host())});
    }
    // Proxy-Authorization is for a proxy that asks for it: a browser never sends it to the origin, and a page
    // cannot set it (a forbidden request header).
    if (m_options.profile == Profile::Browser && hasHeader(m_current.headers, "Proxy-Authorization")) {
        removeHeader(m_current.headers, "Proxy-Authorization");
        m_pendingNotes.append(
            {NoteCode::HeaderRemoved,
             QStringLiteral("Proxy-Authorization not sent: a browser sends it only to a proxy "
                            "that asks for it, never to the site")});
    }
    // Preset cookies go into the jar just before the chain starts, as if their URLs' responses had set them.
    if (m_options.cookiesEnabled()) {
        for (const PresetCookie &preset : std::as_const(m_options.presetCookies))
            m_cookies->preset(preset, m_pendingNotes);
    }
    m_context = ChainContext();
    m_context.initialRequest = m_current;
    if (!addresses) {  // the CLI, the session reader and the window refuse such a rule before
        finish(OutcomeKind::NetworkError, QStringLiteral("Not sent: %1").arg(addressError));
        return;
    }
    if (!tls) {  // a file that went missing or changed since the CLI or the window read it
        finish(OutcomeKind::NetworkError, QStringLiteral("Not sent: %1").arg(tlsError));
        return;
    }
    sendCurrent();
}

void Engine::setStepMode(bool step)
{
    m_stepMode = step;
}

HeaderList Engine::pendingContextHeaders(const RequestSpec &request) const
{
    if (m_options.profile != Profile::Browser)
        return {};
    BrowserContext preview = m_browser;  // a copy: the chain goes on only when the hop is sent
    return preview.nextHop(request).headers;
}

void Engine::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    endPause();
    sendCurrent();
}

void Engine::endPause()
{
    const qint64 ns = m_pauseClock.nsecsElapsed();
    m_pausedNs += ns;
    m_nextPausedMs += double(ns) / 1e6;
}

void Engine::resume(const RequestSpec &edited)
{
    if (!m_paused)
        return;
    const bool changed = edited.method != m_current.method || edited.url != m_current.url
                         || edited.headers != m_current.headers || edited.body != m_current.body
                         || edited.suppressedHeaders != m_current.suppressedHeaders;
    if (changed) {
        m_current = edited;
        m_nextEdited = true;
        m_nextKey.clear();  // the policy's key was for the request before the edit
    }
    resume();
}

void Engine::stop()
{
    if (!m_running)
        return;
    m_stopRequested = true;
    if (m_reply) {
        m_reply->abort();  // onFinished records the hop and the outcome
        return;
    }
    if (m_paused) {
        m_paused = false;
        endPause();  // the pause before stopping is not network time either
    }
    finish(OutcomeKind::Stopped,
           QStringLiteral("Stopped by the user after %1").arg(plural(int(m_trace.hops.size()), "hop")));
}

QByteArray Engine::takeCurrentKey()
{
    return m_nextKey.isEmpty() ? requestKey(m_current) : std::exchange(m_nextKey, {});
}

void Engine::sendCurrent()
{
    if (!isHttpScheme(m_current.url)) {
        const QString msg =
            QStringLiteral("Blocked: %1 is not an http or https URL").arg(m_current.url.toDisplayString());
        finish(OutcomeKind::BlockedScheme, msg);
        return;
    }
    if (m_options.profile == Profile::Browser && recordSyntheticHstsHop())
        return;

    Hop &hop = m_trace.hops.emplaceBack();  // filled in place: no copy of the hop per request
    hop.index = int(m_trace.hops.size()) - 1;
    hop.via = std::exchange(m_nextVia, HopVia::Redirect);
    hop.refreshDelayMs = std::exchange(m_nextRefreshDelay, std::nullopt);
    hop.edited = std::exchange(m_nextEdited, false);
    hop.pausedMs = std::exchange(m_nextPausedMs, 0.0);
    hop.notes = std::exchange(m_pendingNotes, {});
    if (hop.edited)
        hop.notes.append({NoteCode::Edited, QStringLiteral("This request was edited before it was sent")});
    // The browser's headers come from its request context, computed here for the request as it is sent
    // (edits included), so that the recorded request is the one on the wire.
    const bool browser = m_options.profile == Profile::Browser;
    BrowserHop context;
    if (browser) {
        context = m_browser.nextHop(m_current);
        hop.notes.append(context.notes);
        const QString refusal = browserBodyRefusal(m_current);
        if (!refusal.isEmpty()) {
            refuseBody(hop, context.headers, refusal);
            return;
        }
    } else {
        context.cookies.url = m_current.url;
        context.cookies.method = m_current.method;
    }
    m_hopCookies = context.cookies;
    const QByteArray cookies =
        m_options.cookiesEnabled() ? m_cookies->headerFor(context.cookies, hop.notes) : QByteArray();
    hop.request = buildWireRequest(m_options, m_current, cookies, &hop.notes, context.headers);
    const bool https = m_current.url.scheme() == QLatin1String("https");
    // The proxy of this hop's URL (--proxy, --noproxy, the environment, the system's settings).
    const std::optional<QString> proxyProblem = chooseHopProxy(hop, https);
    if (proxyProblem) {
        refuseRequest(hop, *proxyProblem);
        return;
    }
    // http and https go through the relay, which sends the head exactly as built (and makes the TLS
    // connection itself); Qt writes the head only when the relay is not running.
    const bool relayed =
        m_tap->isRunning() && m_tap->proxyFor(m_current.url).type() == QNetworkProxy::Socks5Proxy;
    if (!relayed && m_policy.proxy) {
        refuseRequest(hop, QStringLiteral("a proxy needs the relay, which could not start"));
        return;
    }
    if (!relayed)
        fitToQt(hop.request, &hop.notes);
    if (const QString problem = requestSyntaxProblem(hop.request.method, hop.request.headers);
        !problem.isEmpty()) {
        refuseRequest(hop, problem);
        return;
    }
    hop.timing.startMs = nowMs();
    m_hopStartNs = HeaderTap::nowNs();
    hop.timing.responseMs = -1;
    m_context.addSent(takeCurrentKey());

    if (relayed)
        m_relayId = m_tap->expectRequest(hop.request.headers);
    QNetworkRequest req = toNetworkRequest(hop.request, https && !relayed, !m_relayId.isEmpty());
    if (relayed)
        req.setUrl(HeaderTap::relayUrl(hop.request.url));  // https: plain HTTP to the relay, TLS beyond it
    if (!m_relayId.isEmpty())
        req.setRawHeader(HeaderTap::markerName(), m_relayId);
    if (https && !relayed
        && !m_tlsMaterial.isEmpty()) {  // Qt makes the TLS connection: the same CAs, certificate
        QSslConfiguration ssl = req.sslConfiguration();
        if (!m_tlsMaterial.caCertificates.isEmpty())
            ssl.setCaCertificates(m_tlsMaterial.caCertificates);
        if (!m_tlsMaterial.clientChain.isEmpty()) {
            ssl.setLocalCertificateChain(m_tlsMaterial.clientChain);
            ssl.setPrivateKey(m_tlsMaterial.clientKey.value_or(QSslKey()));
        }
        req.setSslConfiguration(ssl);
    }
    QNetworkReply *reply = nullptr;
    if (m_current.method == "HEAD")
        reply = m_nam->head(req);  // a custom "HEAD" would make Qt wait for a body
    else if (m_current.method == "GET" && m_current.body.isEmpty())
        reply = m_nam->get(req);
    else if (m_current.body.isEmpty())
        reply =
            m_nam->sendCustomRequest(req, m_current.method);  // no upload device: no Content-Length of Qt's
    else
        reply = m_nam->sendCustomRequest(req, m_current.method, m_current.body);
    m_reply = reply;
    m_decoder.reset();
    m_timedOut = false;
    connect(reply, &QNetworkReply::metaDataChanged, this, [this] {
        Hop &h = m_trace.hops.last();
        if (h.timing.responseMs < 0)
            h.timing.responseMs = nowMs();
    });
    connect(reply, &QNetworkReply::readyRead, this, &Engine::onReadyRead);
    // Only when the relay is not running does Qt make the TLS connection itself.
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError> &errors) {
        Hop &h = m_trace.hops.last();
        for (const QSslError &e : errors)
            h.tls.errors.append(e.errorString());
        if (m_options.acceptTlsErrors) {
            h.notes.append(tlsErrorsAccepted(h.tls.errors));
            reply->ignoreSslErrors();
        }
    });
    connect(reply, &QNetworkReply::finished, this, &Engine::onFinished);
    if (m_options.timeoutMs > 0)
        m_hopTimer->start(m_options.timeoutMs);
    emit hopStarted(hop.index);
}

bool Engine::recordSyntheticHstsHop()
{
    const QUrl target = m_hsts.upgradeTarget(m_current.url, QDateTime::currentDateTimeUtc());
    if (target.isEmpty())
        return false;
    if (m_context.redirectsFollowed >= m_options.redirectLimit()) {
        finish(OutcomeKind::TooManyRedirects, tooManyRedirectsMessage(m_options));
        return true;
    }
    // Chromium answers an http request to a known HSTS host itself, with no network request.
    Hop hop;
    hop.index = int(m_trace.hops.size());
    hop.synthetic = true;
    hop.via = HopVia::Hsts;  // a refresh's delay stays with the hop that goes on the network
    hop.edited = std::exchange(m_nextEdited, false);
    hop.pausedMs = std::exchange(m_nextPausedMs, 0.0);
    hop.notes = std::exchange(m_pendingNotes, {});
    BrowserHop context = m_browser.nextHop(m_current);  // the URL is part of the chain, as in Chromium
    hop.notes.append(context.notes);
    hop.request = buildWireRequest(m_options, m_current, QByteArray(), nullptr, context.headers);
    hop.timing.startMs = hop.timing.responseMs = hop.timing.endMs = nowMs();
    WireResponse r;
    r.status = 307;
    r.reason = QByteArrayLiteral("Internal Redirect");
    r.httpVersion = QByteArrayLiteral("1.1");
    r.headers = {{QByteArrayLiteral("Location"), target.toEncoded()},
                 {QByteArrayLiteral("Non-Authoritative-Reason"), QByteArrayLiteral("HSTS")}};
    r.location = target;
    hop.response = r;
    hop.notes.append({NoteCode::HstsUpgrade,
                      QStringLiteral("%1 is a known HSTS host: the browser switches to https itself (a 307 "
                                     "Internal Redirect, no request sent)")
                          .arg(m_current.url.host())});
    m_context.addSent(takeCurrentKey());
    m_trace.hops.append(hop);
    emit hopStarted(hop.index);
    emit hopRecorded(hop.index);
    m_current.url = target;
    ++m_context.redirectsFollowed;
    advance();
    return true;
}

void Engine::onReadyRead()
{
    if (!m_reply)
        return;
    Hop &hop = m_trace.hops.last();
    if (!hop.response)
        hop.response = WireResponse();
    WireResponse &r = *hop.response;
    // Drain what arrived; keep only the preview so large bodies are never held whole.
    // A fixed buffer: QIODevice::read(qint64) would allocate 64 KiB per call, and the preview would keep
    // that whole capacity alive (QByteArray::append onto an empty array shares the chunk).
    char buffer[16 * 1024];
    if (!m_decoder) {
        // The browser undoes the Content-Encoding it asked for; curl and a strict client show the bytes sent.
        m_decoder = std::make_unique<BodyDecoder>(
            m_options.profile == Profile::Browser ? m_reply->rawHeader("Content-Encoding") : QByteArray());
    }
    // The size and the preview are of the body as the client sees it (decoded for the browser).
    const auto keep = [this, &r](const char *data, qsizetype n) {
        r.bodySize += n;
        const qint64 room = m_options.bodyPreviewCap - r.bodyPreview.size();
        if (room > 0)
            r.bodyPreview.append(data, qsizetype(qMin(qint64(n), room)));
        if (n > room)
            r.bodyTruncated = true;
    };
    while (m_reply->bytesAvailable() > 0) {
        const qint64 n = m_reply->read(buffer, qint64(sizeof buffer));
        if (n <= 0)
            break;
        m_decoder->write(buffer, qsizetype(n), keep);
    }
}

void Engine::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_hopTimer->stop();
    onReadyRead();
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();

    Hop &hop = m_trace.hops.last();
    hop.timing.endMs = nowMs();
    if (hop.timing.responseMs < 0)
        hop.timing.responseMs = hop.timing.endMs;

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const QUrl url = reply->url();
    const std::optional<TappedHead> head =
        m_tap->isRunning() ? m_tap->takeLatestHead(url.host(), quint16(url.port(80))) : std::nullopt;
    if (!m_relayId.isEmpty())
        m_tap->forgetRequest(std::exchange(m_relayId, QByteArray()));
    if (head && !head->requestRaw.isEmpty())
        hop.request.headers = head->requestHeaders;  // the head as it left the relay: what was sent
    if (head)  // measured by the relay on the sockets (the relay's thread, the same monotonic clock)
        hop.timing.phases = timingPhases(
            head->times, m_hopStartNs, m_hopStartNs + qint64((hop.timing.endMs - hop.timing.startMs) * 1e6));
    if (head && head->remotePort != 0) {
        hop.connection.address = head->remoteAddress;
        hop.connection.port = head->remotePort;
        hop.connection.reused = head->reused;
        if (!head->addressRules.isEmpty() && !head->reused) {
            hop.notes.append(
                {NoteCode::AddressOverride, QStringLiteral("Connected to %1 for %2 (%3)")
                                                .arg(hostPortText(head->remoteAddress, head->remotePort),
                                                     hostPortText(url.host(), url.port()),
                                                     head->addressRules.join(QLatin1String(", ")))});
        }
    }
    std::optional<QString> proxyFailure;
    if (m_policy.proxy) {
        // Which proxy carried it; the CONNECT with the connection's first response; why it did not.
        if (head)
            hop.connection.proxy = head->proxy;
        if (const std::optional<TappedProxy> proxied =
                m_tap->takeLatestProxy(url.host(), quint16(url.port()))) {
            hop.connection.proxy = proxied->proxy;
            if (!head || !head->reused) {
                hop.connection.proxyConnect = proxied->connect;
                hop.connection.proxyConnectResponse = proxied->connectResponse;
            }
            if (!proxied->failure.isEmpty() && !head)
                proxyFailure = proxied->failure;
        }
    }
    std::optional<QString> tlsFailure;
    QString tlsFailureCode;
    if (hop.request.url.scheme() == QLatin1String("https") && url.scheme() == QLatin1String("http")) {
        // Relayed: the relay made the TLS connection. The session comes with the head, or on its own for a
        // connection that gave none.
        const std::optional<TappedTls> latest = m_tap->takeLatestTls(url.host(), quint16(url.port()));
        if (head && head->tls)
            hop.tls = *head->tls;
        else if (latest)
            hop.tls = latest->tls;
        if (latest && !latest->failure.isEmpty() && !head) {
            tlsFailure = latest->failure;
            tlsFailureCode = latest->code;
        } else if (!hop.tls.errors.isEmpty() && m_options.acceptTlsErrors)
            hop.notes.append(tlsErrorsAccepted(hop.tls.errors));
    } else if (url.scheme() == QLatin1String("https")) {
        readTlsSession(&hop.tls, reply->sslConfiguration(), true);
    }
    // A certificate near its end: said once per server in a chain, on the first hop that connected to it.
    if (!hop.tls.chain.isEmpty()) {
        const QString server = hostPortText(hop.request.url.host(), hop.request.url.port(443));
        if (!m_expiryWarned.contains(server)) {
            m_expiryWarned.insert(server);
            for (const QString &warning : certificateExpiryWarnings(hop.tls, QDateTime::currentDateTimeUtc()))
                hop.notes.append({NoteCode::CertificateExpiring, warning});
        }
    }
    // A head too big for the profile's client ends the hop whatever Qt made of it (the relay closes the
    // connection on a head too big to read at all, and hands Qt a head it can read otherwise).
    std::optional<QString> headProblem;
    if (head) {
        for (const QByteArray &interim : head->informational)  // 1xx heads count towards curl's limit
            m_chainHeadBytes += interim.size();
        headProblem =
            responseHeadProblem(m_options.profile, measureHead(head->raw, head->truncated), m_chainHeadBytes);
        m_chainHeadBytes += head->raw.size();
    }
    if (head && !headProblem && (m_timedOut || m_stopRequested || !status.isValid())) {
        // The hop ends without a response though one did arrive (QNAM waits for ever on a header line
        // without a colon, for one): say what the server sent.
        hop.notes.append(
            {NoteCode::HeadReceived,
             QStringLiteral("The server did answer \"%1\" with %2 header lines, %3")
                 .arg(QString::fromLatin1(head->statusLine))
                 .arg(head->headers.size())
                 .arg(head->incomplete ? QStringLiteral("then closed the connection before the head's end")
                                       : QStringLiteral("but Qt could not read it as an HTTP response"))});
    }
    if (m_stopRequested) {
        hop.response.reset();
        hop.error = HopError{QStringLiteral("stopped"), QStringLiteral("Cancelled by the user")};
        emit hopRecorded(hop.index);
        finish(OutcomeKind::Stopped, QStringLiteral("Stopped by the user during hop %1").arg(hop.index));
        return;
    }
    if (headProblem) {
        hop.notes.append({NoteCode::HeadTooLarge, *headProblem});
        return endWithError(hop, {QStringLiteral("head-too-large"), *headProblem}, OutcomeKind::NetworkError,
                            QStringLiteral("Network error"));
    }
    if (m_timedOut) {
        const QString msg =
            QStringLiteral("No complete response within %1 s").arg(m_options.timeoutMs / 1000.0);
        return endWithError(hop, {QStringLiteral("timeout"), msg}, OutcomeKind::Timeout,
                            QStringLiteral("Timeout"));
    }
    if (!status.isValid() && proxyFailure) {
        return endWithError(hop, {QStringLiteral("proxy-error"), *proxyFailure}, OutcomeKind::NetworkError,
                            QStringLiteral("Proxy error"));
    }
    if (!status.isValid() && tlsFailure) {
        const QString code = tlsFailureCode.isEmpty()
                                 ? networkErrorCode(QNetworkReply::SslHandshakeFailedError)
                                 : tlsFailureCode;
        return endWithError(hop, {code, *tlsFailure}, OutcomeKind::TlsError, QStringLiteral("TLS error"));
    }
    // An HTTP/2 stream the server reset, or a connection that ended in the middle of the response.
    const std::optional<QString> streamFailure =
        m_tap->isRunning() ? m_tap->takeLatestStreamFailure(url.host(), quint16(url.port(80))) : std::nullopt;
    if (streamFailure)
        return endWithError(hop, {QStringLiteral("http2-error"), *streamFailure}, OutcomeKind::NetworkError,
                            QStringLiteral("HTTP/2 error"));
    if (!status.isValid()) {
        // Certificate problems accepted with --insecure are not why a connection failed later.
        const bool tls = reply->error() == QNetworkReply::SslHandshakeFailedError
                         || (!hop.tls.errors.isEmpty() && !m_options.acceptTlsErrors);
        return endWithError(hop, {networkErrorCode(reply->error()), reply->errorString()},
                            tls ? OutcomeKind::TlsError : OutcomeKind::NetworkError,
                            tls ? QStringLiteral("TLS error") : QStringLiteral("Network error"));
    }

    if (!hop.response)
        hop.response = WireResponse();
    WireResponse &r = *hop.response;
    r.status = status.toInt();
    r.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    r.httpVersion = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool()
                        ? QByteArrayLiteral("2")
                        : QByteArrayLiteral("1.1");
    if (head && head->httpVersion == "2") {  // an HTTP/2 stream of the relay's (Qt was given HTTP/1.1)
        r.httpVersion = head->httpVersion;
        r.reason.clear();  // HTTP/2 has no reason phrase
    }
    if (head && !head->truncated) {
        r.headers = head->headers;  // every line as received, empty values and duplicates included
    } else {
        r.headers = responseHeaders(reply);
        qsizetype bytes = r.reason.size() + 16;  // "HTTP/1.1 302 " and the line ends around the head
        for (const auto &h : r.headers)
            bytes += h.first.size() + h.second.size() + 4;
        m_chainHeadBytes += bytes;  // https: Qt's view of the head, for curl's limit on a transfer
    }
    if (head && head->linesHiddenFromQt > 0) {
        hop.notes.append(
            {NoteCode::HeadReceived,
             QStringLiteral(
                 "Qt's HTTP/1 reader cannot take this head whole (%1 header lines, %2 bytes; it "
                 "takes at most 100 lines, each under 100 KiB): Qt was given %3 of the lines, those that "
                 "frame the body first. The trace shows every line as received.")
                 .arg(head->headers.size())
                 .arg(head->raw.size())
                 .arg(head->headers.size() - head->linesHiddenFromQt)});
    }
    // A plain-http request through an http proxy: a 407 is the proxy's answer, not the server's.
    if (r.status == 407 && !hop.connection.proxy.isEmpty()
        && hop.request.url.scheme() == QLatin1String("http")) {
        const QByteArray challenge = headerValue(r.headers, "Proxy-Authenticate");
        hop.notes.append(
            {NoteCode::ViaProxy,
             QStringLiteral("The proxy %1 asks for credentials%2: give them with --proxy-user or in "
                            "the proxy's URL")
                 .arg(hop.connection.proxy, challenge.isEmpty() ? QString()
                                                                : QStringLiteral(" (Proxy-Authenticate: %1)")
                                                                      .arg(QString::fromLatin1(challenge)))});
    }
    recordResponse(hop);
}

void Engine::recordResponse(Hop &hop)
{
    const WireResponse &r = *hop.response;
    storeCookies(hop);
    if (m_options.profile == Profile::Browser && hasHeader(r.headers, "Strict-Transport-Security")) {
        hop.notes.append(m_hsts.processHeader(hop.request.url,
                                              headerValue(r.headers, "Strict-Transport-Security"),
                                              QDateTime::currentDateTimeUtc()));
    }
    const bool browser = m_options.profile == Profile::Browser;
    if (browser) {
        if (const std::optional<QString> cors = m_browser.corsFailure(r.headers)) {
            // The browser got the response but hands the page a network error.
            hop.notes.append({NoteCode::CorsBlocked, *cors});
            emit hopRecorded(hop.index);
            finish(OutcomeKind::NetworkError, *cors);
            return;
        }
    }
    const Decision decision = decideRedirect(m_options, m_context, m_current, r.status, r.headers);
    if (browser && decision.kind == Decision::Kind::Follow)
        m_browser.redirected(r.headers, hop.notes);
    applyDecision(hop, decision);
}

void Engine::applyDecision(Hop &hop, const Decision &decision)
{
    hop.notes.append(decision.notes);
    if (decision.location.status == LocationResult::Status::Ok)
        hop.response->location = decision.location.url;
    const std::optional<PendingRefresh> refresh =
        decision.kind == Decision::Kind::Final ? considerRefresh(hop) : std::nullopt;
    emit hopRecorded(hop.index);

    switch (decision.kind) {
    case Decision::Kind::Final: {
        if (refresh && refresh->stop) {
            m_trace.outcome.repeatsHop = refresh->repeatsHop;
            finish(*refresh->stop, refresh->message);  // the redirect limit, or a loop
            return;
        }
        if (refresh) {
            followRefresh(hop.request.url, *refresh);
            return;
        }
        const int refreshes = m_trace.refreshCount();
        const int redirects = m_trace.redirectCount() - refreshes;
        QString msg = QString::number(hop.response->status);
        if (!hop.response->reason.isEmpty())
            msg += QLatin1Char(' ') + QString::fromLatin1(hop.response->reason);
        // "after 2 redirects", "after 1 redirect and 2 refreshes", "after 2 refreshes" (no "0 redirects
        // and").
        if (refreshes == 0 || redirects > 0)
            msg += QStringLiteral(" after %1").arg(plural(redirects, "redirect"));
        if (refreshes > 0)
            msg +=
                QStringLiteral("%1 %2").arg(redirects > 0 ? QStringLiteral(" and") : QStringLiteral(" after"),
                                            plural(refreshes, "refresh"));
        msg += QStringLiteral(", %1 ms").arg(hop.timing.endMs, 0, 'f', 0);
        finish(OutcomeKind::Final, msg);
        return;
    }
    case Decision::Kind::Stop:
        m_trace.outcome.repeatsHop = decision.repeatsHop;
        finish(decision.outcome, decision.message);
        return;
    case Decision::Kind::Follow:
        m_current = decision.next;
        m_nextKey = decision.nextKey;
        ++m_context.redirectsFollowed;
        advance();
        return;
    }
}

std::optional<Engine::PendingRefresh> Engine::considerRefresh(Hop &hop)
{
    const WireResponse &r = *hop.response;
    const QUrl page =
        m_current.url;  // the document's URL, fragment included: refresh URLs resolve against it
    const bool html = isHtmlResponse(r.headers, r.bodyPreview);
    const PageScan scan = html ? scanHtml(r.bodyPreview) : PageScan();
    if (scan.scriptNavigation) {
        const QString target = scan.scriptTarget.isEmpty()
                                   ? QString()
                                   : page.resolved(QUrl(scan.scriptTarget)).toDisplayString();
        hop.notes.append({NoteCode::ScriptRedirect,
                          QStringLiteral("An inline script assigns location (%1)%2: scripts are not run, so "
                                         "no hop follows")
                              .arg(scan.scriptNavigation->left(80),
                                   target.isEmpty() ? QString() : QStringLiteral(" to ") + target)});
    }
    const std::optional<FoundRefresh> found = findRefresh(r.headers, r.bodyPreview, page);
    if (!found)
        return std::nullopt;
    const RefreshDirective &d = found->directive;
    const QString what = found->via == HopVia::RefreshHeader ? QStringLiteral("Refresh header")
                                                             : QStringLiteral("meta refresh");
    const QString target = d.hasUrl ? d.url.toDisplayString() : QStringLiteral("this page (reload)");
    const QString delay = QString::number(double(d.delayMs) / 1000.0);
    const QString asked = QStringLiteral("%1 \"%2\": after %3 s to %4").arg(what, d.value, delay, target);
    switch (m_options.profile) {
    case Profile::Curl:
        hop.notes.append({NoteCode::RefreshNotFollowed,
                          asked + QStringLiteral("; not followed: curl does not follow Refresh")});
        return std::nullopt;
    case Profile::Strict:
        hop.notes.append({NoteCode::RefreshNotFollowed,
                          asked
                              + QStringLiteral("; not followed: RFC 9110 has no Refresh, the strict profile "
                                               "follows only Location")});
        return std::nullopt;
    case Profile::Browser:
        break;
    }
    if (m_options.context.mode == RequestMode::Fetch) {
        hop.notes.append({NoteCode::RefreshNotFollowed,
                          asked
                              + QStringLiteral("; not followed: a fetch() response is no document, nothing "
                                               "refreshes")});
        return std::nullopt;
    }
    if (d.delayMs > m_options.refreshLimitMs) {
        hop.notes.append({NoteCode::RefreshNotFollowed,
                          asked
                              + QStringLiteral("; not followed: the delay is above the limit of %1 s "
                                               "(--refresh-limit)")
                                    .arg(m_options.refreshLimitMs / 1000.0)});
        return std::nullopt;
    }
    PendingRefresh refresh;
    refresh.via = found->via;
    refresh.delayMs = d.delayMs;
    refresh.next.method = QByteArrayLiteral("GET");
    refresh.next.url = d.url;
    refresh.key = requestKey(refresh.next);
    // The page's referrer policy: its Referrer-Policy header, then each <meta name=referrer> in turn.
    refresh.pagePolicy = parseReferrerPolicyHeader(headerValue(r.headers, "Referrer-Policy"));
    if (scan.metaReferrerPolicy)
        refresh.pagePolicy = scan.metaReferrerPolicy;
    // A refresh is a navigation of its own in the browser, but here it counts toward the redirect limit and
    // loop detection like a redirect: a page that refreshes to itself would otherwise reload for ever.
    if (m_context.redirectsFollowed >= m_options.redirectLimit()) {
        hop.notes.append({NoteCode::RefreshNotFollowed,
                          asked + QStringLiteral("; not followed: the redirect limit is reached")});
        refresh.stop = OutcomeKind::TooManyRedirects;
        refresh.message = tooManyRedirectsMessage(m_options);
        return refresh;
    }
    const int earlier = m_context.firstHopSent(refresh.key);
    if (earlier >= 0) {
        const QString msg = QStringLiteral("Loop: hop %1 repeats hop %2 (GET %3, by a %4)")
                                .arg(m_context.sentCount())
                                .arg(earlier)
                                .arg(refresh.next.url.toDisplayString(), what);
        if (m_options.loopDetect) {
            hop.notes.append({NoteCode::Loop, msg});
            refresh.stop = OutcomeKind::Loop;
            refresh.message = msg;
            refresh.repeatsHop = earlier;
            return refresh;
        }
        hop.notes.append({NoteCode::Loop, msg + QStringLiteral("; following on, as the browser would")});
    }
    hop.notes.append(
        {NoteCode::RefreshFollowed,
         asked
             + QStringLiteral("; followed as a new navigation from this page (GET, no user activation)%1")
                   .arg(m_options.waitForRefresh && d.delayMs > 0
                            ? QStringLiteral(", after waiting the delay")
                            : QString())});
    return refresh;
}

void Engine::followRefresh(const QUrl &page, const PendingRefresh &refresh)
{
    m_browser = m_browser.navigationFrom(page, refresh.pagePolicy);
    m_current = refresh.next;
    m_nextKey = refresh.key;
    m_nextVia = refresh.via;
    m_nextRefreshDelay = refresh.delayMs;
    ++m_context.redirectsFollowed;
    if (m_options.waitForRefresh && refresh.delayMs > 0) {
        m_refreshTimer->start(int(qMin<qint64>(refresh.delayMs, std::numeric_limits<int>::max())));
        return;
    }
    advance();
}

void Engine::advance()
{
    if (m_stepMode) {
        m_paused = true;
        m_pauseClock.start();
        emit paused(m_current);
        return;
    }
    sendCurrent();
}

void Engine::storeCookies(Hop &hop)
{
    const QList<QByteArray> lines = headerValues(hop.response->headers, "Set-Cookie");
    if (lines.isEmpty())
        return;
    const bool redirect = hop.response->status >= 300 && hop.response->status <= 399;
    if (!m_options.cookiesEnabled()) {
        hop.notes.append({NoteCode::CookieIgnored,
                          QStringLiteral("Set-Cookie ignored: the %1 profile has no cookie jar here%2")
                              .arg(m_trace.profile, m_options.profile == Profile::Curl
                                                        ? QStringLiteral(" (curl needs -b/-c)")
                                                        : QString())});
        return;
    }
    // The jar decides with the hop's cookie request (its credentials mode and site included); the URL is
    // the one sent (an edit while paused included).
    CookieRequest request = m_hopCookies;
    request.url = hop.request.url;
    m_cookies->store(lines, request, redirect, hop.notes);
}

void Engine::refuseBody(Hop &hop, const HeaderList &browserHeaders, const QString &reason)
{
    // The request it would have been; fetch() rejects it with a TypeError, as it does on a network error.
    hop.request = buildWireRequest(m_options.profile, m_current, QByteArray(), browserHeaders);
    endUnsent(hop, QStringLiteral("body-refused"), NoteCode::BodyRefused, reason);
}

std::optional<QString> Engine::chooseHopProxy(Hop &hop, bool https)
{
    ProxySource source = defaultProxySource(m_options.profile);
    const QUrl &url = m_current.url;
    std::optional<QString> proxy = m_options.proxy;
    // Chromium never sends a loopback host through a proxy (its implicit bypass rules) unless the bypass list
    // holds "<-loopback>".
    if (m_options.profile == Profile::Browser && isLoopbackHost(url.host())
        && !m_options.noProxy.value_or(QString()).contains(QLatin1String("<-loopback>"))) {
        proxy = QString();
        source = ProxySource::None;
    }
    // The system's settings (Qt: libproxy or the environment) only when they may apply, asked once per
    // scheme, host and port in a chain.
    QNetworkProxy system(QNetworkProxy::NoProxy);
    if (source == ProxySource::System && !proxy) {
        const QString key = url.scheme() + u' ' + hostPortText(url.host(), url.port());
        const auto it = m_systemProxies.constFind(key);
        system = it != m_systemProxies.cend()
                     ? *it
                     : *m_systemProxies.insert(
                         key, QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(url))
                                  .value(0, QNetworkProxy(QNetworkProxy::NoProxy)));
    }
    // m_environment is empty but for the curl profile, the one that reads it (its no_proxy applies to
    // --proxy too).
    const ProxyChoice choice =
        chooseProxy(url, proxy, m_options.noProxy, m_options.proxyUser, source, m_environment, system);
    if (!choice.error.isEmpty())
        return choice.error;
    HeaderTap::Policy policy = m_policy;
    policy.proxy = choice.server;
    policy.connectHeaders.clear();
    if (choice.server && choice.server->kind == ProxyServer::Kind::Http) {
        if (https) {
            // curl's CONNECT carries its -A (or own) User-Agent, never a -H one; the others the hop's.
            const QByteArray userAgent =
                m_options.profile == Profile::Curl
                    ? (m_options.userAgent.isEmpty() ? QByteArrayLiteral("curl/7.88.1")
                                                     : m_options.userAgent.toUtf8())
                    : headerValue(hop.request.headers, "User-Agent");
            policy.connectHeaders = proxyConnectHeaders(m_options.profile, *choice.server, userAgent);
        } else {
            addProxyHeaders(hop.request, m_options.profile, *choice.server, m_current);
        }
    }
    if (choice.server) {
        const QString name = choice.server->displayUrl();
        if (!m_proxiesNoted.contains(name)) {
            m_proxiesNoted.insert(name);
            hop.notes.append(
                {NoteCode::ViaProxy, QStringLiteral("Through the proxy %1 (%2)%3")
                                         .arg(name, choice.reason,
                                              https && choice.server->kind == ProxyServer::Kind::Http
                                                  ? QStringLiteral(", in a CONNECT tunnel")
                                                  : QString())});
        }
    }
    if (!(policy.proxy == m_policy.proxy) || policy.connectHeaders != m_policy.connectHeaders) {
        m_policy = policy;
        m_tap->setPolicy(m_policy);  // the chain's policy (set at its start) stays while the proxy does
    }
    return std::nullopt;
}

void Engine::endWithError(Hop &hop, const HopError &error, OutcomeKind kind, const QString &what)
{
    hop.response.reset();
    hop.error = error;
    emit hopRecorded(hop.index);
    finish(kind, QStringLiteral("%1 on hop %2: %3").arg(what).arg(hop.index).arg(error.message));
}

void Engine::refuseRequest(Hop &hop, const QString &problem)
{
    // The request as it was asked for, and why it did not go.
    endUnsent(hop, QStringLiteral("request-refused"), NoteCode::RequestRefused,
              QStringLiteral("Not sent: %1").arg(problem));
}

void Engine::endUnsent(Hop &hop, const QString &code, NoteCode note, const QString &reason)
{
    // Recorded as a hop that ends in an error before anything was sent.
    hop.timing.startMs = hop.timing.responseMs = hop.timing.endMs = nowMs();
    hop.error = HopError{code, reason};
    hop.notes.append({note, reason});
    emit hopStarted(hop.index);
    emit hopRecorded(hop.index);
    finish(OutcomeKind::NetworkError, reason);
}

void Engine::finish(OutcomeKind kind, const QString &message)
{
    m_hopTimer->stop();
    m_refreshTimer->stop();
    m_trace.outcome.kind = kind;
    m_trace.outcome.message = message;
    m_trace.outcome.finalUrl = m_current.url;  // the last URL requested, fragment included
    if (!m_trace.hops.isEmpty() && m_trace.hops.last().response)
        m_trace.outcome.finalStatus = m_trace.hops.last().response->status;
    m_running = false;
    m_paused = false;
    emit finished();
}

}  // namespace Rwb
