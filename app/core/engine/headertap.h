// HeaderTap: reads the raw response heads of plain-http requests that QNetworkAccessManager sends.
//
// QNetworkReply keeps only the last of several Location lines and joins other repeated headers, so
// the wire order and the duplicates are lost. HeaderTap is an in-process SOCKS5 relay (RFC 1928:
// no-auth, CONNECT, IPv4/IPv6/domain targets) on 127.0.0.1 that the manager uses as its proxy. With
// SOCKS5 the request bytes are exactly those of a direct connection (origin-form request line, same
// headers). The relay pipes both directions unchanged and parses only the head that follows each
// request the client sends on a tunnel: status line and every header line, in order, duplicates
// kept. Bodies are never buffered; a response head is held back until it is complete (see TappedHead for
// a head Qt cannot read, or one too big to read at all). The relay runs in its own thread;
// takeLatestHead() is thread-safe.
//
// The relay can also send a request head of the caller's own in place of the one Qt wrote: Qt adds
// Connection, Accept-Encoding, Accept-Language, User-Agent and Host to every request unless they are set,
// sends no header with an empty value and none twice. A head that carries the line
// "X-Rwb-Relay-Head: ID" for an ID from expectRequest() leaves with the header lines registered for ID
// (Qt's request line is kept, the marker line never leaves), provided they frame the same body length;
// every head is recorded as it left.
//
// https goes through the relay too, and is read the same way: the engine gives QNAM relayUrl(url), an http://
// URL, whose proxy (proxyFor()) asks the relay, by its SOCKS5 user name, for TLS to the target. The relay
// then makes the TLS connection itself (QSslSocket, with the policy of setPolicy(): verification as Qt
// does it by default, or errors accepted) and QNAM speaks plain HTTP/1.1 to it. So an https head is read
// as received (QNetworkReply would join repeated lines and keep one Location), and a head Qt cannot read
// is handled as on http. The TLS session is reported with each head, a failed handshake by
// takeLatestTls().
//
// HTTP/2: the relay offers "h2" in ALPN when the policy says so. When the server chooses it, QNAM still
// speaks HTTP/1.1 to the relay, and the relay is the HTTP/2 client (H2Client, libnghttp2): each request
// QNAM writes leaves as a stream with the registered lines as fields (h2RequestFields()), and the response
// comes back to QNAM as HTTP/1.1 with a chunked body, its fields recorded as received. Deciding this in the
// relay, after its handshake, is what lets the hop follow the server's choice: QNAM would have to choose
// HTTP/2 before it connects.
//
// One request at a time per target host:port (the engine's hops are sequential) is what makes the
// host:port key enough.
#pragma once

#include "core/engine/tlsmaterial.h"
#include "core/http/addressmap.h"
#include "core/http/proxy.h"
#include "core/http/trace.h"  // TlsInfo

#include <QByteArray>
#include <QList>
#include <QNetworkProxy>
#include <QObject>
#include <QPair>
#include <QString>

#include <memory>
#include <optional>

class QNetworkProxyFactory;
class QThread;
class QUrl;

namespace Rwb {

namespace Detail {
struct TapStore;
class TapRelay;
}  // namespace Detail

struct TappedHead {
    QByteArray statusLine;                         // "HTTP/1.1 302 Found", without the line end
    QList<QPair<QByteArray, QByteArray>> headers;  // wire order, duplicates kept; the name as sent
                                                   // (a line without ':' is a name with a null value),
                                                   // the value without surrounding SP/HT; obs-fold
                                                   // continuation lines stay in the value, raw
    QByteArray raw;  // the head exactly as received, up to and including the blank line
                     // (HTTP/2: "HTTP/2 302" and its fields as "name: value" lines)
    QByteArray httpVersion = QByteArrayLiteral("1.1");  // "2": the response came in an HTTP/2 stream
    QList<QByteArray> informational;  // raw 1xx heads (e.g. 100 Continue) that came before it
    // The head exceeded maxResponseHeadSize() without its end: raw/headers hold what came first, the
    // client was given none of it and the tunnel was closed (no client reads a head that big).
    bool truncated = false;
    // Header lines left out of the head Qt was given: Qt's HTTP/1 reader cannot take this one whole
    // (more than 100 lines, a line over 100 KiB, or too big in all), and would wait for ever on it.
    qsizetype linesHiddenFromQt = 0;
    bool incomplete = false;  // the server closed the connection before the head's end (the client got none)
    // The head of the request this response answers, exactly as the relay sent it on (after a
    // replacement by expectRequest(); HTTP/2: its fields, pseudo-header fields first, as lines of text)
    // and its header lines as parsed like the response's; empty when more than maxHeadSize() of it came
    // without its end (then it was passed on unread, as Qt wrote it).
    QByteArray requestRaw;
    QList<QPair<QByteArray, QByteArray>> requestHeaders;
    // The TLS session the response came over (https): its certificate problems (accepted under the
    // policy) only with the first response on a connection, as Qt reports them once per handshake.
    std::optional<TlsInfo> tls;
    // The server's end of the connection it came over, whether that connection had carried a response
    // before, and the --connect-to/--resolve rules that chose where it went.
    QString remoteAddress;
    quint16 remotePort = 0;
    bool reused = false;
    QStringList addressRules;
    QString proxy;  // the proxy it came through (ProxyServer::displayUrl()); empty: direct
    // When things happened, in HeaderTap::nowNs() (0: not seen). The connection's own moments only with the
    // first response over it; the rest for this response's request.
    struct Times {
        qint64 connectStart = 0;  // the relay began looking up the name (or connecting, for an address)
        qint64 dnsEnd = 0;
        qint64 tcpEnd = 0;
        qint64 tlsEnd = 0;
        qint64 requestStart = 0;  // the request's first byte from the client
        qint64 requestSent = 0;   // its last byte written to the server's socket
        qint64 firstByte = 0;     // the response's first byte from the server
    } times;
};

// The phases of a hop that began at `startNs` and ended at `endNs` (HeaderTap::nowNs()) from the moments
// the relay saw (pure).
TimingPhases timingPhases(const TappedHead::Times &times, qint64 startNs, qint64 endNs);

// The latest TLS connection the relay made (or tried) to a host:port: the session as far as it went (the
// certificate, the problems found) and, when the handshake failed, why, in QNAM's words.
struct TappedTls {
    TlsInfo tls;
    QString failure;  // empty: the handshake was done
    QString code;     // the hop's error code for the failure; empty: a failed handshake's
};

// The latest connection the relay made (or tried) to a host:port through a proxy: which proxy, the CONNECT
// that opened an https tunnel through an http proxy (request and answer heads as they went) and, when the
// proxy did not carry the connection, why.
struct TappedProxy {
    QString proxy;  // ProxyServer::displayUrl()
    QByteArray connect;
    QByteArray connectResponse;
    QString failure;  // empty: the proxy carried it
};

class HeaderTap final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeaderTap)

public:
    explicit HeaderTap(QObject *parent = nullptr);
    ~HeaderTap() override;  // stops the relay thread and closes every tunnel

    // Starts the relay thread, listening on 127.0.0.1 (and ::1 when there is IPv6 loopback) with a
    // random port. True when listening (also when already started). Blocks until then.
    bool start();
    bool isRunning() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    // Socks5Proxy 127.0.0.1:port(): for http:// URLs whose host is a name or an IPv4 address.
    // QNetworkProxy::NoProxy when not running.
    QNetworkProxy proxy() const;
    // The proxy QNAM uses for relayUrl(url): proxy(), or the [::1] listener for an IPv6-literal host (Qt
    // only reaches an IP literal of the proxy's own IP version), with the TLS user name for https; NoProxy
    // for anything but http:// and https://, and when not running.
    QNetworkProxy proxyFor(const QUrl &url) const;
    // The URL to give QNAM for url: for https, the http:// URL of the same host and port (made explicit)
    // marked for TLS in the relay; for http, url without its fragment (which is never sent).
    static QUrl relayUrl(const QUrl &url);

    // How the relay makes later connections: where to (curl's --connect-to and --resolve) and how it verifies
    // the servers of https tunnels. The policy travels in the SOCKS5 user name, and QNAM keeps a connection
    // per proxy user, so a connection made under one policy never serves another.
    struct Policy {
        bool acceptTlsErrors = false;  // --insecure: certificate problems are recorded, not fatal
        AddressMap addresses;
        TlsMaterial tls;  // --cacert (instead of the system's CAs), --cert and --key
        // --proxy: every connection goes through it. An http proxy is given plain-http requests in absolute
        // form (the relay rewrites the request line; the caller writes the proxy's headers) and a CONNECT,
        // with `connectHeaders` after its Host line, for a TLS tunnel; a SOCKS5 proxy carries the connection.
        std::optional<ProxyServer> proxy;
        QList<QPair<QByteArray, QByteArray>> connectHeaders;
        // HTTP/2 over TLS (RFC 9113): offered in ALPN ("h2" before "http/1.1") or not; required (a server
        // that chooses http/1.1 ends the connection with a failure of takeLatestTls(), code "http2-refused").
        // On an h2 connection each request leaves as a stream with its pseudo-header fields in
        // `h2PseudoOrder` (h2RequestFields()), then its header lines in lower case, then `h2ExtraFields`.
        bool offerHttp2 = false;
        bool requireHttp2 = false;
        QByteArray h2PseudoOrder = QByteArrayLiteral("msap");
        QList<QPair<QByteArray, QByteArray>> h2ExtraFields;
    };
    void setPolicy(const Policy &policy);
    // The latest TLS connection to host:port (made or failed), or nothing. Consumed, like takeLatestHead().
    std::optional<TappedTls> takeLatestTls(const QString &host, quint16 port);

    // The latest connection made through a proxy to host:port, or nothing. Consumed.
    std::optional<TappedProxy> takeLatestProxy(const QString &host, quint16 port);

    // Why the latest HTTP/2 stream to host:port ended without its response's end (the server reset it, went
    // away, broke the protocol), or nothing. Consumed.
    std::optional<QString> takeLatestStreamFailure(const QString &host, quint16 port);

    // The head of the latest response to a request sent to host:port (as the URL names them; IPv6
    // without brackets), or nothing. Consumed: a second call returns nothing. A head is dropped as
    // soon as the next request to that host:port begins, so it never answers a later request.
    std::optional<TappedHead> takeLatestHead(const QString &host, quint16 port);

    // A factory for QNetworkAccessManager::setProxyFactory() (which takes ownership) that answers for the
    // URLs of relayUrl(). It shares the tap's store: safe to outlive this tap (requests then fail to
    // connect).
    QNetworkProxyFactory *newProxyFactory() const;

    // The name of the header line that asks for a replacement head: the value is an ID of expectRequest().
    static QByteArray markerName() { return QByteArrayLiteral("X-Rwb-Relay-Head"); }
    // Registers the header lines (in order, duplicates and empty values kept; written "Name: value", or
    // "Name:" for an empty value) that a request marked with the returned ID is sent with instead of its
    // own. Null when a name or value holds CR, LF or NUL (such a head is not made: Qt's is sent).
    QByteArray expectRequest(const QList<QPair<QByteArray, QByteArray>> &headers);
    // Drops a registration once its request is answered.
    void forgetRequest(const QByteArray &id);

    // Client connections (SOCKS tunnels) accepted since start().
    int tunnelCount() const;

    // The clock of TappedHead::times: a monotonic clock shared by every thread, in ns.
    static qint64 nowNs();

    // The longest request head the relay holds back to read (a longer one is passed on unread).
    static constexpr int maxHeadSize() { return 64 * 1024; }
    // The longest response head the relay reads: beyond every profile's limit (Chromium 256 KiB, curl 300
    // KiB), so that a head over a limit is still measured. A response head is held back until complete.
    static constexpr int maxResponseHeadSize() { return 512 * 1024; }

private:
    std::shared_ptr<Detail::TapStore> m_store;
    QThread *m_thread = nullptr;
    Detail::TapRelay *m_relay = nullptr;
    quint16 m_port = 0;
    quint16 m_port6 = 0;  // the ::1 listener; 0 without IPv6 loopback
};

}  // namespace Rwb
