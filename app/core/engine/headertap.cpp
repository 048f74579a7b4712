#include "core/engine/headertap.h"
#include "private/h2client_p.h"
#include "private/headertap_p.h"

#include "core/engine/wire.h"
#include "core/http/tokens.h"

#include <QCryptographicHash>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QSslCertificate>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QUrl>
#include <QtEndian>

#include <atomic>
#include <chrono>
#include <optional>
#include <utility>

namespace Rwb {

namespace Detail {

struct TapStore {
    QMutex mutex;
    QHash<QString, TappedHead> heads;  // by hostKey()
    struct Expected {
        QByteArray lines;                              // headerLines(headers)
        QList<QPair<QByteArray, QByteArray>> headers;  // as registered (implicitly shared, not copied)
    };
    QHash<QByteArray, Expected> expected;        // by expectRequest() ID
    QHash<QString, HeaderTap::Policy> policies;  // by the ID after the user name's prefix
    QString policyId;                            // of the current policy; empty: none set
    QHash<QString, TappedTls> tlsSessions;       // by hostKey()
    QHash<QString, TappedProxy> proxies;         // by hostKey()
    QHash<QString, QString> streamFailures;      // by hostKey()
    std::atomic<int> tunnels{0};
    std::atomic<quint64> nextId{0};
};

namespace {

constexpr qint64 kChunk = 64 * 1024;       // bytes read from a socket at a time
constexpr qint64 kHighWater = 256 * 1024;  // unsent bytes on one side that pause reading the other
constexpr qsizetype kMaxHead = HeaderTap::maxHeadSize();
constexpr qsizetype kMaxResponseHead = HeaderTap::maxResponseHeadSize();

void closeGracefully(QTcpSocket *socket)  // after what is queued for it has been written
{
    if (socket && socket->state() == QAbstractSocket::ConnectedState)
        socket->disconnectFromHost();
}

// One client connection: SOCKS5 handshake, then a transparent pipe with the response heads tapped.
class Tunnel final : public QObject
{
public:
    Tunnel(QTcpSocket *client, TapStore *store, QObject *parent)
        : QObject(parent)
        , m_client(client)
        , m_store(store)
    {
        m_client->setParent(this);
        m_client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_client->setReadBufferSize(kHighWater);
        connect(m_client, &QTcpSocket::readyRead, this, [this] { onClientData(); });
        connect(m_client, &QTcpSocket::bytesWritten, this, [this] { pump(false); });
        connect(m_client, &QTcpSocket::disconnected, this, [this] {
            if (m_socks == Socks::Open)
                pump(true);  // passes on what is left, then closes the upstream side
            else if (m_upstream)
                m_upstream->abort();
            deleteWhenClosed();
        });
    }

private:
    // Dormant: the server closed the connection between responses; the client's next request reconnects.
    enum class Socks { Greeting, Auth, Request, Connecting, Open, Dormant, Failed };
    enum class Request { Idle, Head, Body, Unframed };
    enum class Tap { Idle, Head, Off };

    void onClientData()
    {
        if (m_socks == Socks::Open)
            pump(true);
        else if (m_socks == Socks::Connecting)
            m_socksBuffer += m_client->readAll();  // sent early: passed on once connected
        else if (m_socks == Socks::Dormant)
            redial();
        else if (m_socks == Socks::Failed)
            m_client->readAll();
        else
            handshake();
    }

    void fail(const QByteArray &reply)
    {
        m_socks = Socks::Failed;
        if (m_client->state() == QAbstractSocket::ConnectedState)
            m_client->write(reply);
        closeGracefully(m_client);
    }

    void handshake()
    {
        m_socksBuffer += m_client->readAll();
        const auto byte = [this](qsizetype i) {
            return quint8(m_socksBuffer.at(i));
        };
        if (m_socks == Socks::Greeting) {  // VER NMETHODS METHODS...
            if (m_socksBuffer.size() < 2 || m_socksBuffer.size() < 2 + byte(1))
                return;
            if (byte(0) != 0x05)
                return fail(QByteArray());
            const QByteArray methods = m_socksBuffer.mid(2, byte(1));
            m_socksBuffer.remove(0, 2 + byte(1));
            // User/password (RFC 1929) is how the client asks for TLS; no-auth is a plain tunnel.
            if (methods.contains('\x02')) {
                m_client->write(QByteArrayLiteral("\x05\x02"));
                m_socks = Socks::Auth;
            } else if (methods.contains('\0')) {
                m_client->write(QByteArrayLiteral("\x05\x00"));
                m_socks = Socks::Request;
            } else {
                return fail(QByteArrayLiteral("\x05\xff"));
            }
        }
        if (m_socks == Socks::Auth) {  // VER ULEN UNAME PLEN PASSWD
            if (m_socksBuffer.size() < 2 || m_socksBuffer.size() < 3 + byte(1)
                || m_socksBuffer.size() < 3 + byte(1) + byte(2 + byte(1)))
                return;
            const QString user = QString::fromLatin1(m_socksBuffer.mid(2, byte(1)));
            m_socksBuffer.remove(0, 3 + byte(1) + byte(2 + byte(1)));
            m_tls = user.startsWith(tlsUserPrefix());
            if (!m_tls && !user.startsWith(plainUserPrefix()))
                return fail(QByteArrayLiteral("\x01\x01"));
            {
                QMutexLocker lock(&m_store->mutex);
                const auto it = m_store->policies.constFind(user.mid(tlsUserPrefix().size()));
                if (it == m_store->policies.cend())
                    return fail(QByteArrayLiteral("\x01\x01"));
                m_policy = *it;
            }
            m_client->write(QByteArrayLiteral("\x01\x00"));
            m_socks = Socks::Request;
        }
        if (m_socksBuffer.size() < 5)  // VER CMD RSV ATYP ADDR PORT (a name's length is ADDR's 1st byte)
            return;
        const quint8 atyp = byte(3);
        const qsizetype size = atyp == 0x01 ? 4 : atyp == 0x04 ? 16 : atyp == 0x03 ? 1 + byte(4) : -1;
        if (byte(0) != 0x05 || size < 0)
            return fail(socksReply(0x08));  // address type not supported
        if (m_socksBuffer.size() < 4 + size + 2)
            return;
        if (byte(1) != 0x01)                // CONNECT only
            return fail(socksReply(0x07));  // command not supported
        const auto *addr = reinterpret_cast<const uchar *>(m_socksBuffer.constData() + 4);
        const QString host = atyp == 0x01   ? QHostAddress(qFromBigEndian<quint32>(addr)).toString()
                             : atyp == 0x04 ? QHostAddress(addr).toString()
                                            : QString::fromLatin1(m_socksBuffer.mid(5, size - 1));
        const quint16 port = qFromBigEndian<quint16>(addr + size);
        m_socksBuffer.remove(0, 4 + size + 2);
        m_socks = Socks::Connecting;
        m_key = hostKey(host, port);
        m_host = host;
        m_port = port;
        connectUpstream();
    }

    // Connects to where the policy sends host:port (the addresses of --resolve in turn, or the name looked
    // up), for TLS checking the certificate against the URL's host whatever the address.
    void connectUpstream()
    {
        if (m_candidates.isEmpty()) {  // the first address (or the name): the connection's moments begin
            m_times.connectStart = HeaderTap::nowNs();
            m_times.dnsEnd = m_times.tcpEnd = m_times.tlsEnd = 0;
            m_target = connectTarget(m_policy.addresses, canonicalHost(m_host), m_port);
            m_candidates = m_target.addresses.isEmpty() ? QStringList{m_target.host} : m_target.addresses;
            // An http proxy, or a SOCKS5 one told the name, looks the name up itself.
            if (m_policy.proxy && m_policy.proxy->kind != ProxyServer::Kind::Socks5)
                m_candidates = QStringList{m_target.host};
        }
        const QString candidate = m_candidates.takeFirst();
        const std::optional<ProxyServer> &proxy = m_policy.proxy;
        m_proxyStage = proxy ? ProxyStage::Connecting : ProxyStage::None;
        if (proxy)
            m_proxyRecord = TappedProxy{proxy->displayUrl(), {}, {}, {}};
        if (m_tls) {
            auto *ssl = new QSslSocket(this);
            m_upstream = ssl;
            connectTls(ssl, m_host);
        } else {
            m_upstream = new QTcpSocket(this);
            connect(m_upstream, &QTcpSocket::connected, this, [this] { onUpstreamConnected(); });
        }
        m_upstream->setProxy(QNetworkProxy::NoProxy);
        if (proxy && proxy->kind != ProxyServer::Kind::Http) {
            // Qt's SOCKS5 client (RFC 1928, with RFC 1929 credentials): without HostNameLookupCapability it
            // looks the name up here and gives the proxy the address, as curl's socks5:// does.
            QNetworkProxy socks(QNetworkProxy::Socks5Proxy, proxy->host, proxy->port, proxy->user,
                                proxy->password);
            if (proxy->kind == ProxyServer::Kind::Socks5)
                socks.setCapabilities(socks.capabilities() & ~QNetworkProxy::HostNameLookupCapability);
            m_upstream->setProxy(socks);
        }
        connect(m_upstream, &QTcpSocket::stateChanged, this, [this](QAbstractSocket::SocketState state) {
            if (state == QAbstractSocket::ConnectingState && m_times.dnsEnd == 0)
                m_times.dnsEnd = HeaderTap::nowNs();  // the name was looked up (at once for an address)
        });
        connect(m_upstream, &QTcpSocket::connected, this, [this] { m_times.tcpEnd = HeaderTap::nowNs(); });
        connect(m_upstream, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
            if (m_socks != Socks::Connecting)  // later errors end in `disconnected`
                return;
            if (m_proxyStage == ProxyStage::Connecting || m_proxyStage == ProxyStage::Connect) {
                const bool socks = m_policy.proxy->kind != ProxyServer::Kind::Http;
                storeProxy(
                    m_proxyStage == ProxyStage::Connect
                        ? QStringLiteral("the proxy %1 closed the connection before answering the CONNECT")
                              .arg(m_proxyRecord.proxy)
                    : socks ? QStringLiteral("through the proxy %1: %2")
                                  .arg(m_proxyRecord.proxy, m_upstream->errorString())
                            : QStringLiteral("could not connect to the proxy %1: %2")
                                  .arg(m_proxyRecord.proxy, m_upstream->errorString()));
                return fail(m_socksReplied ? QByteArray() : socksReply(socksCode(e)));
            }
            const bool tlsFailed = m_tls && m_tcpConnected;  // connected, then the handshake failed
            if (tlsFailed) {
                // No session: no protocol, no cipher.
                readTlsSession(&m_tlsInfo, static_cast<QSslSocket *>(m_upstream)->sslConfiguration(), false);
                // As QNAM words it: "SSL handshake failed: " and the socket's reason.
                storeTls(QStringLiteral("SSL handshake failed: ") + m_upstream->errorString());
            } else if (!m_candidates.isEmpty()) {  // the next address of --resolve, as curl tries them
                m_upstream->disconnect(this);
                m_upstream->deleteLater();
                return connectUpstream();
            }
            // A reconnection that failed closes the tunnel: the client sees the server gone, as it would
            // on a direct connection, and reports or retries that.
            fail(m_socksReplied ? QByteArray() : socksReply(tlsFailed ? char(0x01) : socksCode(e)));
        });
        connect(m_upstream, &QTcpSocket::readyRead, this, [this] {
            if (m_proxyStage == ProxyStage::Connect)
                readConnectAnswer();
            else
                pump(false);
        });
        connect(m_upstream, &QTcpSocket::bytesWritten, this, [this] { pump(true); });
        connect(m_upstream, &QTcpSocket::disconnected, this, [this] {
            pump(false);  // passes on what is left, then closes the client side (a reset too)
            deleteWhenClosed();
        });
        m_responsesOnConnection = 0;
        if (proxy && proxy->kind == ProxyServer::Kind::Http) {
            connect(m_upstream, &QTcpSocket::connected, this, [this] {
                if (m_tls)
                    sendConnect();
                else
                    m_proxyStage = ProxyStage::Done;
            });
            m_upstream->connectToHost(proxy->host, proxy->port);  // TLS, if any, begins after the CONNECT
        } else if (auto *ssl = qobject_cast<QSslSocket *>(m_upstream)) {
            ssl->connectToHostEncrypted(candidate, m_target.port, m_host);  // SNI and check: the URL's host
        } else {
            m_upstream->connectToHost(candidate, m_target.port);
        }
        if (proxy && proxy->kind != ProxyServer::Kind::Http) {
            connect(m_upstream, &QTcpSocket::connected, this, [this] {  // the proxy made the connection
                m_proxyStage = ProxyStage::Done;
                storeProxy(QString());
            });
        }
    }

    // Asks the http proxy for a tunnel to the target (RFC 9110 §9.3.6), with the policy's header lines.
    // Written by hand: Qt's own CONNECT (QNetworkProxy::HttpProxy on a socket) sends headers of its own and
    // keeps the exchange to itself, and the trace shows the CONNECT as the profile's client sends it.
    void sendConnect()
    {
        const QByteArray authority = hostPortText(m_target.host, m_target.port).toUtf8();
        QByteArray head = "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n";
        for (const auto &[name, value] : std::as_const(m_policy.connectHeaders))
            head += name + ": " + value + "\r\n";
        head += "\r\n";
        m_proxyRecord.connect = head;
        m_proxyStage = ProxyStage::Connect;
        m_connectAnswer.clear();
        m_upstream->write(head);
    }

    // The proxy's answer to the CONNECT: a 2xx opens the tunnel (TLS to the target begins), anything else
    // ends it with the proxy's status line as the reason.
    void readConnectAnswer()
    {
        m_connectAnswer += m_upstream->readAll();
        const qsizetype end = headEnd(m_connectAnswer, 0);
        if (end < 0) {
            if (m_connectAnswer.size() > kMaxHead) {
                storeProxy(QStringLiteral("the proxy %1 answered the CONNECT with a head over %2 bytes")
                               .arg(m_proxyRecord.proxy)
                               .arg(kMaxHead));
                fail(socksReply(0x01));
            }
            return;
        }
        m_proxyRecord.connectResponse = m_connectAnswer.left(end);
        const QByteArray statusLine = m_connectAnswer.left(m_connectAnswer.indexOf("\r\n"));
        const QList<QByteArray> parts = statusLine.split(' ');
        const int code = parts.size() >= 2 && parts.first().startsWith("HTTP/") ? parts.at(1).toInt() : 0;
        m_connectAnswer.clear();
        if (code < 200 || code > 299) {
            storeProxy(QStringLiteral("the proxy %1 refused the CONNECT to %2: %3")
                           .arg(m_proxyRecord.proxy, hostPortText(m_target.host, m_target.port),
                                QString::fromLatin1(statusLine).trimmed()));
            return fail(socksReply(code == 407 ? char(0x02) : char(0x05)));
        }
        m_proxyStage = ProxyStage::Done;
        storeProxy(QString());
        static_cast<QSslSocket *>(m_upstream)->startClientEncryption();
    }

    void storeProxy(const QString &failure)
    {
        m_proxyRecord.failure = failure;
        QMutexLocker lock(&m_store->mutex);
        m_store->proxies.insert(m_key, m_proxyRecord);
    }

    // The client sent a request after the server closed an idle connection: a new connection to the same
    // target carries it (curl and Chromium do the same with a reused connection found closed). QNAM would
    // otherwise write into a tunnel being closed and fail the request ("Unknown error").
    void redial()
    {
        m_socksBuffer += m_client->readAll();
        m_socks = Socks::Connecting;
        m_tlsInfo = TlsInfo();
        m_tcpConnected = false;
        m_candidates.clear();
        connectUpstream();
    }

    // The server closed the connection with every response complete and no request begun.
    bool idleAtClose() const
    {
        if (m_h2)
            return m_request == Request::Idle && !m_h2->streamOpen() && m_socksBuffer.isEmpty();
        return m_request == Request::Idle && m_tap == Tap::Idle && m_body.done() && m_socksBuffer.isEmpty()
               && m_upstream->bytesAvailable() == 0;
    }

    void goDormant()
    {
        m_socks = Socks::Dormant;
        m_upstream->disconnect(this);
        m_upstream->deleteLater();
        m_upstream = nullptr;
    }

    // QNAM's own TLS, done here: HTTP/1.1 only (QNAM speaks HTTP/1.1 to the relay), the certificate
    // checked against `host` with the system's CAs, problems fatal unless the policy accepts them.
    void connectTls(QSslSocket *ssl, const QString &host)
    {
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        if (m_policy.offerHttp2)
            conf.setAllowedNextProtocols({QByteArray(QSslConfiguration::ALPNProtocolHTTP2),
                                          QByteArray(QSslConfiguration::NextProtocolHttp1_1)});
        else
            conf.setAllowedNextProtocols({QByteArray(QSslConfiguration::NextProtocolHttp1_1)});
        if (!m_policy.tls.caCertificates.isEmpty())
            conf.setCaCertificates(
                m_policy.tls.caCertificates);  // instead of the system's, as curl's --cacert
        if (!m_policy.tls.clientChain.isEmpty()) {
            conf.setLocalCertificateChain(m_policy.tls.clientChain);
            conf.setPrivateKey(m_policy.tls.clientKey.value_or(QSslKey()));
        }
        ssl->setSslConfiguration(conf);
        ssl->setPeerVerifyName(host);
        m_tlsInfo.used = true;
        connect(ssl, &QSslSocket::connected, this, [this] { m_tcpConnected = true; });
        connect(ssl, &QSslSocket::sslErrors, this, [this, ssl](const QList<QSslError> &errors) {
            for (const QSslError &e : errors)
                m_tlsInfo.errors.append(e.errorString());
            if (m_policy.acceptTlsErrors)
                ssl->ignoreSslErrors();
        });
        connect(ssl, &QSslSocket::encrypted, this, [this, ssl] {
            m_times.tlsEnd = HeaderTap::nowNs();
            readTlsSession(&m_tlsInfo, ssl->sslConfiguration(), true);
            const bool h2 = m_tlsInfo.alpn == QSslConfiguration::ALPNProtocolHTTP2;
            if (m_policy.requireHttp2 && !h2) {
                storeTls(QStringLiteral("the server did not choose HTTP/2 (ALPN: %1), and HTTP/2 is required")
                             .arg(m_tlsInfo.alpn.isEmpty() ? QStringLiteral("none")
                                                           : QString::fromLatin1(m_tlsInfo.alpn)),
                         QStringLiteral("http2-refused"));
                m_upstream->abort();
                return fail(m_socksReplied ? QByteArray() : socksReply(0x01));
            }
            storeTls(QString());
            m_h2.reset();
            if (h2)
                startH2();
            onUpstreamConnected();
        });
    }

    // The session so far, and why the handshake failed (empty: it did not).
    void storeTls(const QString &failure, const QString &code = QString())
    {
        TappedTls record{m_tlsInfo, failure, code};
        QMutexLocker lock(&m_store->mutex);
        m_store->tlsSessions.insert(m_key, std::move(record));
    }

    void onUpstreamConnected()
    {
        m_upstream->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_upstream->setReadBufferSize(kHighWater);
        if (!std::exchange(m_socksReplied, true))
            m_client->write(socksReply(0x00, m_upstream->localAddress(), m_upstream->localPort()));
        m_socks = Socks::Open;
        if (m_h2) {
            if (!m_socksBuffer.isEmpty())
                takeH2RequestBytes(std::exchange(m_socksBuffer, QByteArray()));
            flushH2();
        } else if (!m_socksBuffer.isEmpty()) {
            m_upstream->write(takeRequestBytes(std::exchange(m_socksBuffer, QByteArray())));
        }
        pump(true);
        pump(false);
    }

    // The request's bytes so far have all gone to the server's socket (the last time this happens before the
    // response begins is when the request was sent).
    void noteRequestSent()
    {
        if (m_times.requestStart != 0 && m_times.firstByte == 0 && m_upstream
            && m_upstream->bytesToWrite() == 0
            && (m_request == Request::Idle || m_request == Request::Unframed))
            m_times.requestSent = HeaderTap::nowNs();
    }

    // Moves what `from` has to `to` until `to` has kHighWater unsent (its bytesWritten resumes).
    void pump(bool up)
    {
        if (m_socks != Socks::Open)
            return;
        if (m_h2)
            return up ? pumpH2Up() : pumpH2Down();
        QTcpSocket *from = up ? m_client : m_upstream;
        QTcpSocket *to = up ? m_upstream : m_client;
        const auto canMove = [from, to] {
            return to->state() == QAbstractSocket::ConnectedState && to->bytesToWrite() < kHighWater
                   && from->bytesAvailable() > 0;
        };
        // flush() sends at once, but a bytesWritten it causes inside a bytesWritten handler is not
        // emitted: keep going while the kernel takes the data, or nothing would resume the pipe.
        while (canMove()) {
            while (canMove()) {
                const QByteArray chunk = from->read(kChunk);
                if (up) {
                    to->write(takeRequestBytes(chunk));  // a head is held back until it is complete
                    continue;
                }
                if (m_times.firstByte == 0 && m_times.requestStart != 0)
                    m_times.firstByte = HeaderTap::nowNs();
                if (m_tap != Tap::Head) {
                    if (!m_body.done())
                        m_body.consume(chunk.constData(), chunk.size());
                    to->write(chunk);
                    continue;
                }
                // A head is stored before the client can have seen the response.
                const QByteArray out = takeResponseBytes(chunk);
                if (m_cutOff)
                    return cutOff();
                to->write(out);
            }
            to->flush();
        }
        if (up)
            noteRequestSent();
        if (from->state() != QAbstractSocket::ConnectedState && from->bytesAvailable() == 0) {
            if (up && m_request == Request::Head)  // the client left in the middle of a head
                to->write(std::exchange(m_requestHead, QByteArray()));
            const bool idle = !up && idleAtClose();
            if (!up && m_tap == Tap::Head && !m_head.isEmpty())  // the server left in the middle of a head
                storeHead(m_head, false, 0, true);               // (the client is given none of it)
            if (idle && m_client->state() == QAbstractSocket::ConnectedState)
                return goDormant();
            closeGracefully(to);
        }
    }

    // A response head too big to read: the client is given none of it, and both sides are closed at once
    // (the engine reports the head from the store).
    void cutOff()
    {
        m_client->abort();
        if (m_upstream)
            m_upstream->abort();
        deleteWhenClosed();
    }

    // Frames the client's bytes into requests (only the start of a request arms the tap) and returns the
    // bytes to send on: a request head is held until it is complete, then sent as sentHead() makes it.
    QByteArray takeRequestBytes(const QByteArray &chunk)
    {
        if (m_request == Request::Body && m_bodyLeft > chunk.size()) {
            m_bodyLeft -= chunk.size();  // all body: passed on without a copy
            return chunk;
        }
        QByteArray out;
        for (qsizetype i = 0; i < chunk.size();) {
            if (m_request == Request::Unframed && m_tap != Tap::Idle) {
                out.append(chunk.constData() + i, chunk.size() - i);
                break;  // a chunked (or odd) request: bytes after its response head begin anew
            }
            if (m_request == Request::Idle || m_request == Request::Unframed) {
                m_times.requestStart = HeaderTap::nowNs();
                m_times.requestSent = m_times.firstByte = 0;
                armTap();
                m_requestHead.clear();
                m_request = Request::Head;
            }
            if (m_request == Request::Body) {
                const qint64 n = qMin<qint64>(m_bodyLeft, chunk.size() - i);
                out.append(chunk.constData() + i, n);
                i += n;
                m_bodyLeft -= n;
                m_request = m_bodyLeft == 0 ? Request::Idle : Request::Body;
                continue;
            }
            const qsizetype from = qMax<qsizetype>(0, m_requestHead.size() - 2);
            m_requestHead.append(chunk.constData() + i, chunk.size() - i);
            const qsizetype end = headEnd(m_requestHead, from);
            if (end < 0) {
                if (m_requestHead.size() > kMaxHead) {  // passed on unread, as it came
                    out += std::exchange(m_requestHead, QByteArray());
                    m_request = Request::Unframed;
                }
                break;
            }
            i = chunk.size() - (m_requestHead.size() - end);
            m_sentHead = sentHead(m_requestHead.left(end), &m_bodyLeft);
            m_method = m_sentHead.left(m_sentHead.indexOf(' '));
            m_requestHead.clear();
            out += m_sentHead;
            m_request = m_bodyLeft < 0 ? Request::Unframed : m_bodyLeft == 0 ? Request::Idle : Request::Body;
        }
        return out;
    }

    // The head to send for the one the client wrote: without the marker line, and with the registered
    // header lines when they frame the same body; its request target in absolute form for an http proxy.
    // `bodyLength`: the body length its head gives (requestBodyLength()). When the registered lines
    // replace Qt's, m_sentHeaders holds them as registered, so that storeHead() need not parse them back.
    QByteArray sentHead(const QByteArray &head, qint64 *bodyLength)
    {
        QByteArray sent = sentOriginHead(head, bodyLength);
        if (m_policy.proxy && m_policy.proxy->kind == ProxyServer::Kind::Http && !m_tls)
            sent = absoluteForm(sent);
        return sent;
    }

    // The head with its origin-form request target ("/path") written in absolute form, for an http proxy
    // (RFC 9112 §3.2.2): "http://host[:port]/path", the port only when it is not 80, as curl writes it.
    QByteArray absoluteForm(const QByteArray &head) const
    {
        const qsizetype space = head.indexOf(' ');
        if (space < 0 || head.size() <= space + 1 || head.at(space + 1) != '/')
            return head;
        const QByteArray authority = (m_port == 80 ? bracketedHost(canonicalHost(m_host))
                                                   : hostPortText(canonicalHost(m_host), m_port))
                                         .toUtf8();
        return head.left(space + 1) + "http://" + authority + head.mid(space + 1);
    }

    QByteArray sentOriginHead(const QByteArray &head, qint64 *bodyLength)
    {
        m_sentHeaders.reset();
        const MarkedHead marked = takeMarker(head, HeaderTap::markerName());
        *bodyLength = requestBodyLength(marked.head);
        if (marked.id.isEmpty())
            return marked.head;
        TapStore::Expected expected;
        {
            QMutexLocker lock(&m_store->mutex);
            const auto it = m_store->expected.constFind(marked.id);
            if (it == m_store->expected.cend())
                return marked.head;
            expected = *it;
        }
        const QByteArray replaced = replaceHeaderLines(marked.head, expected.lines);
        if (requestBodyLength(replaced) != *bodyLength)
            return marked.head;
        m_sentHeaders = std::move(expected.headers);
        return replaced;
    }

    void armTap()  // a new request: the next bytes from the server begin its response head
    {
        if (m_tap == Tap::Off)
            return;
        QMutexLocker lock(&m_store->mutex);
        m_store->heads.remove(m_key);
        m_store->streamFailures.remove(m_key);
        m_tap = Tap::Head;
        m_body = BodyFramer();
        m_head.clear();
        m_informational.clear();
        m_sentHead.clear();
        m_sentHeaders.reset();
    }

    // Reads a response head out of the server's bytes and returns the bytes to pass on: nothing of a head
    // until it is complete, then the head Qt can read (headForQt()) and what follows. A head that grows past
    // kMaxResponseHead without its end is stored truncated and sets m_cutOff.
    QByteArray takeResponseBytes(const QByteArray &chunk)
    {
        QByteArray out;
        qsizetype i = 0;
        while (m_tap == Tap::Head && i < chunk.size()) {
            const qsizetype stray = i;
            while (m_head.isEmpty() && i < chunk.size() && (chunk.at(i) == '\r' || chunk.at(i) == '\n'))
                ++i;  // stray line ends before a head are not part of it (passed on)
            out.append(chunk.constData() + stray, i - stray);
            const qsizetype from = qMax<qsizetype>(0, m_head.size() - 2);
            const qsizetype take = qMin(kMaxResponseHead - m_head.size(), chunk.size() - i);
            m_head.append(chunk.constData() + i, take);
            i += take;
            if (m_head.size() >= 5 && !m_head.startsWith("HTTP/")) {
                m_tap = Tap::Idle;  // not an HTTP/1.x response head: nothing to record
                m_body = BodyFramer::untilClose();
                out += std::exchange(m_head, QByteArray());
                break;
            }
            const qsizetype end = headEnd(m_head, from);
            if (end < 0) {
                if (m_head.size() >= kMaxResponseHead) {
                    storeHead(m_head, true, 0);
                    m_cutOff = true;
                    return QByteArray();
                }
                continue;
            }
            i -= m_head.size() - end;  // the rest is body, or the real head after a 1xx
            const QByteArray raw = m_head.left(end);
            m_head.clear();
            const int code = raw.mid(raw.indexOf(' ') + 1, 3).toInt();
            if (code >= 100 && code < 200 && code != 101) {
                m_informational.append(raw);
                out += raw;
            } else {
                HeadForQt forQt = headForQt(raw);
                storeHead(raw, false, forQt.leftOut);
                out += forQt.head;
            }
            if (code == 101) {
                m_tap = Tap::Off;  // another protocol from here on
                m_body = BodyFramer::untilClose();
            }
        }
        if (m_tap != Tap::Head && !m_body.done())
            m_body.consume(chunk.constData() + i, chunk.size() - i);
        out.append(chunk.constData() + i, chunk.size() - i);
        return out;
    }

    void storeHead(const QByteArray &raw, bool truncated, qsizetype linesHiddenFromQt,
                   bool incomplete = false)
    {
        TappedHead head;
        head.statusLine = parseHead(raw, head.headers);
        if (!truncated && !incomplete) {  // a complete final head: where its body ends
            const int code = head.statusLine.mid(head.statusLine.indexOf(' ') + 1, 3).toInt();
            m_body = BodyFramer::forResponse(head.headers, code, m_method);
        }
        head.raw = raw;
        head.informational = std::exchange(m_informational, {});
        head.truncated = truncated;
        head.linesHiddenFromQt = linesHiddenFromQt;
        head.incomplete = incomplete;
        fillConnection(head);
        if (!m_sentHead.isEmpty()) {
            if (m_sentHeaders)  // the registered lines, written as headerLines() writes them
                head.requestHeaders = *m_sentHeaders;
            else
                parseHead(m_sentHead, head.requestHeaders);
            head.requestRaw = m_sentHead;
        }
        m_head.clear();
        m_tap = Tap::Idle;
        QMutexLocker lock(&m_store->mutex);
        m_store->heads.insert(m_key, std::move(head));
    }

    // What a stored head says of the connection it came over (and of the request's moments).
    void fillConnection(TappedHead &head)
    {
        if (m_tls) {
            head.tls = m_tlsInfo;
            m_tlsInfo.errors.clear();  // reported once per connection, as Qt does
        }
        if (m_upstream) {
            head.remoteAddress = m_upstream->peerAddress().toString();
            head.remotePort = m_upstream->peerPort();
        }
        head.reused = m_responsesOnConnection++ > 0;
        head.addressRules = m_target.rules;
        head.proxy = m_proxyRecord.proxy;
        head.times = m_times;
        m_times.connectStart = m_times.dnsEnd = m_times.tcpEnd = m_times.tlsEnd = 0;  // the first response's
    }

    // --- HTTP/2: the server chose "h2". QNAM still speaks HTTP/1.1 here: each of its requests leaves as a
    // stream (H2Client), and the response comes back to it as HTTP/1.1 with a chunked body.

    void startH2()
    {
        H2Client::Handlers handlers;
        handlers.head = [this](const H2Head &head, bool informational) {
            onH2Head(head, informational);
        };
        handlers.data = [this](const char *data, qsizetype size) {
            if (m_h2Chunked && size > 0) {
                m_client->write(QByteArray::number(size, 16) + "\r\n");
                m_client->write(data, size);
                m_client->write("\r\n");
            }
        };
        handlers.end = [this] {
            if (std::exchange(m_h2Chunked, false))
                m_client->write("0\r\n\r\n");
        };
        handlers.failed = [this](const QString &reason) {
            onH2Failed(reason);
        };
        m_h2 = std::make_unique<H2Client>(std::move(handlers));
    }

    void onH2Head(const H2Head &h2, bool informational)
    {
        if (m_times.firstByte == 0)
            m_times.firstByte = HeaderTap::nowNs();
        if (informational) {  // recorded; not given to Qt, which has no use for one
            m_informational.append(h2.text());
            return;
        }
        m_h2Chunked = m_method != "HEAD" && h2.status != 204 && h2.status != 304 && h2.status >= 200;
        const HeadForQt forQt = headForQt(h1HeadFor(h2, m_h2Chunked));
        TappedHead head;
        head.statusLine = "HTTP/2 " + h2.statusText;
        head.httpVersion = QByteArrayLiteral("2");
        head.headers = h2.fields;
        head.raw = h2.text();
        head.informational = std::exchange(m_informational, {});
        head.linesHiddenFromQt = forQt.leftOut;
        fillConnection(head);
        head.requestHeaders = m_h2Fields;
        for (const auto &[name, value] : std::as_const(m_h2Fields))
            head.requestRaw += name + ": " + value + "\r\n";
        m_tap = Tap::Idle;
        {
            QMutexLocker lock(&m_store->mutex);
            m_store->heads.insert(m_key, std::move(head));
        }
        m_client->write(forQt.head);
    }

    // The stream ended without its response's end: the engine hears why, QNAM sees the connection end.
    void onH2Failed(const QString &reason)
    {
        {
            QMutexLocker lock(&m_store->mutex);
            m_store->streamFailures.insert(m_key, reason);
        }
        m_h2Chunked = false;
        m_tap = Tap::Idle;
        m_client->abort();
        if (m_upstream)
            m_upstream->abort();
        deleteWhenClosed();
    }

    // Reads QNAM's HTTP/1.1 requests (head, then a Content-Length body) and starts a stream for each.
    void takeH2RequestBytes(const QByteArray &chunk)
    {
        for (qsizetype i = 0; i < chunk.size();) {
            if (m_request == Request::Idle) {
                m_times.requestStart = HeaderTap::nowNs();
                m_times.requestSent = m_times.firstByte = 0;
                armTap();
                m_requestHead.clear();
                m_h2Body.clear();
                m_request = Request::Head;
            }
            if (m_request == Request::Body) {
                const qint64 n = qMin<qint64>(m_bodyLeft, chunk.size() - i);
                m_h2Body.append(chunk.constData() + i, n);
                i += n;
                m_bodyLeft -= n;
                if (m_bodyLeft == 0)
                    submitH2();
                continue;
            }
            const qsizetype from = qMax<qsizetype>(0, m_requestHead.size() - 2);
            m_requestHead.append(chunk.constData() + i, chunk.size() - i);
            const qsizetype end = headEnd(m_requestHead, from);
            if (end < 0) {
                if (m_requestHead.size() > kMaxHead)
                    return onH2Failed(QStringLiteral("the request head is over %1 bytes").arg(kMaxHead));
                break;
            }
            i = chunk.size() - (m_requestHead.size() - end);
            m_sentHead = sentOriginHead(m_requestHead.left(end), &m_bodyLeft);
            m_method = m_sentHead.left(m_sentHead.indexOf(' '));
            m_requestHead.clear();
            if (m_bodyLeft < 0)  // Qt frames its bodies with Content-Length; no other framing is read here
                return onH2Failed(QStringLiteral("the request's body has no Content-Length"));
            m_request = Request::Body;
            if (m_bodyLeft == 0)
                submitH2();
        }
    }

    void submitH2()
    {
        m_request = Request::Idle;
        m_h2Fields = h2RequestFields(m_sentHead, QByteArrayLiteral("https"), m_policy.h2PseudoOrder);
        m_h2Fields += m_policy.h2ExtraFields;
        if (!m_h2->request(m_h2Fields, std::exchange(m_h2Body, QByteArray())))
            return onH2Failed(m_h2->error());
        flushH2();
    }

    void flushH2()
    {
        if (m_upstream && m_h2 && m_upstream->state() == QAbstractSocket::ConnectedState) {
            const QByteArray out = m_h2->takeOutgoing();
            if (!out.isEmpty())
                m_upstream->write(out);
        }
    }

    void pumpH2Up()
    {
        while (m_client->bytesAvailable() > 0 && m_upstream->bytesToWrite() < kHighWater && m_h2)
            takeH2RequestBytes(m_client->read(kChunk));
        if (!m_h2)
            return;
        if (m_times.requestStart != 0 && m_times.requestSent == 0 && m_h2->requestWritten()
            && m_upstream->bytesToWrite() == 0)
            m_times.requestSent = HeaderTap::nowNs();
        if (m_client->state() != QAbstractSocket::ConnectedState && m_client->bytesAvailable() == 0)
            closeGracefully(m_upstream);
    }

    void pumpH2Down()
    {
        while (m_h2 && m_upstream->bytesAvailable() > 0 && m_client->bytesToWrite() < kHighWater
               && m_client->state() == QAbstractSocket::ConnectedState) {
            const QByteArray chunk = m_upstream->read(kChunk);
            if (!m_h2->receive(chunk.constData(), chunk.size())) {
                if (m_h2)  // not failed by a stream (which closed the tunnel already)
                    onH2Failed(m_h2->error());
                return;
            }
            flushH2();
        }
        if (!m_h2 || !m_upstream)
            return;
        const bool over = m_h2->finished() || (m_h2->goneAway() && !m_h2->streamOpen());
        if (m_upstream->state() == QAbstractSocket::ConnectedState && !over)
            return;
        if (m_h2->streamOpen())
            return onH2Failed(
                QStringLiteral("the server closed the HTTP/2 connection before the response's end"));
        // Every response complete: the next request goes on a new connection.
        if (m_client->state() == QAbstractSocket::ConnectedState && idleAtClose()) {
            m_h2.reset();
            return goDormant();
        }
        closeGracefully(m_client);
    }

    void deleteWhenClosed()
    {
        if (m_client->state() == QAbstractSocket::UnconnectedState
            && (!m_upstream || m_upstream->state() == QAbstractSocket::UnconnectedState))
            deleteLater();
    }

    QTcpSocket *m_client;
    QTcpSocket *m_upstream = nullptr;  // a QSslSocket for a TLS tunnel
    TapStore *m_store;
    bool m_tls = false;          // a TLS tunnel
    HeaderTap::Policy m_policy;  // from the SOCKS5 user name
    ConnectTarget m_target;      // where the policy sends the tunnel's target
    QStringList m_candidates;    // the addresses (or the name) not tried yet
    int m_responsesOnConnection = 0;
    TappedHead::Times m_times;  // of the connection (until its first response) and of the latest request
    TlsInfo m_tlsInfo;          // its session
    QString m_host;             // the target, for a reconnection
    quint16 m_port = 0;
    bool m_socksReplied = false;  // the SOCKS reply was sent (a reconnection sends none)
    QByteArray m_method;          // of the latest request
    BodyFramer m_body;            // of the latest response
    bool m_tcpConnected = false;  // the TLS tunnel's TCP connection was made
    enum class ProxyStage { None, Connecting, Connect, Done };
    ProxyStage m_proxyStage = ProxyStage::None;  // of the current connection
    TappedProxy m_proxyRecord;
    QByteArray m_connectAnswer;  // the proxy's answer to the CONNECT, until its head is complete
    QString m_key;
    Socks m_socks = Socks::Greeting;
    QByteArray m_socksBuffer;  // handshake bytes, then client bytes sent before the upstream connected
    Request m_request = Request::Idle;
    QByteArray m_requestHead;  // the head being received, held back until complete
    QByteArray m_sentHead;     // the head of the current request as it was sent on
    std::optional<QList<QPair<QByteArray, QByteArray>>> m_sentHeaders;  // its lines, when registered ones
    qint64 m_bodyLeft = 0;
    Tap m_tap = Tap::Idle;
    QByteArray m_head;  // the response head being received, held back until complete
    QList<QByteArray> m_informational;
    bool m_cutOff = false;           // a response head too big to read: the tunnel is closed
    std::unique_ptr<H2Client> m_h2;  // the connection's HTTP/2 client, when the server chose h2
    QByteArray m_h2Body;             // the request body being read, sent when complete
    QList<QPair<QByteArray, QByteArray>> m_h2Fields;  // the latest stream's request fields, as sent
    bool m_h2Chunked = false;                         // a body is being written to QNAM in chunks
};

}  // namespace

class TapRelay final : public QObject
{
public:
    explicit TapRelay(std::shared_ptr<TapStore> store)
        : m_store(std::move(store))
    {
    }

    // Listens on 127.0.0.1 and, when there is IPv6 loopback, on ::1 (the same port if free).
    std::pair<quint16, quint16> listen()
    {
        const quint16 port = listenOn(QHostAddress(QHostAddress::LocalHost), 0);
        const QHostAddress v6(QHostAddress::LocalHostIPv6);
        const quint16 port6 = port == 0 ? 0 : listenOn(v6, port);
        return {port, port6 != 0 || port == 0 ? port6 : listenOn(v6, 0)};
    }

private:
    quint16 listenOn(const QHostAddress &address, quint16 port)
    {
        auto *server = new QTcpServer(this);
        server->setProxy(QNetworkProxy::NoProxy);
        connect(server, &QTcpServer::newConnection, this, [this, server] {
            while (QTcpSocket *socket = server->nextPendingConnection()) {
                new Tunnel(socket, m_store.get(), this);
                ++m_store->tunnels;
            }
        });
        if (server->listen(address, port))
            return server->serverPort();
        delete server;
        return 0;
    }

    std::shared_ptr<TapStore> m_store;
};

}  // namespace Detail

HeaderTap::HeaderTap(QObject *parent)
    : QObject(parent)
    , m_store(std::make_shared<Detail::TapStore>())
{
}

HeaderTap::~HeaderTap()
{
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();  // the relay, its servers and tunnels are deleted in the thread as it ends
    }
}

bool HeaderTap::start()
{
    if (m_port != 0)
        return true;
    if (!m_thread) {
        m_thread = new QThread(this);
        m_thread->setObjectName(QStringLiteral("HeaderTap"));
        m_relay = new Detail::TapRelay(m_store);
        m_relay->moveToThread(m_thread);
        connect(m_thread, &QThread::finished, m_relay, &QObject::deleteLater);
        m_thread->start();
    }
    QMetaObject::invokeMethod(
        m_relay, [this] { std::tie(m_port, m_port6) = m_relay->listen(); }, Qt::BlockingQueuedConnection);
    return m_port != 0;
}

QNetworkProxy HeaderTap::proxy() const
{
    return Detail::proxyFor(QUrl(QStringLiteral("http://127.0.0.1/")), m_port, m_port6, QString());
}

QNetworkProxy HeaderTap::proxyFor(const QUrl &url) const
{
    QMutexLocker lock(&m_store->mutex);
    return Detail::proxyFor(relayUrl(url), m_port, m_port6, m_store->policyId);
}

QUrl HeaderTap::relayUrl(const QUrl &url)
{
    QUrl out = url;
    if (url.scheme() == QLatin1String("https")) {
        out.setScheme(QStringLiteral("http"));
        out.setPort(url.port(443));
        out.setFragment(Detail::tlsFragment());
    } else if (url.scheme() == QLatin1String("http")) {
        out.setFragment(QString());
    }
    return out;
}

void HeaderTap::setPolicy(const Policy &policy)
{
    // The ID is made from the policy's content, so that a run with the same policy reuses connections.
    QStringList parts{policy.acceptTlsErrors ? QStringLiteral("insecure") : QStringLiteral("verify")};
    for (const ConnectToRule &r : policy.addresses.connectTo)
        parts << QStringLiteral("c %1 %2 %3 %4").arg(r.host).arg(r.port).arg(r.toHost).arg(r.toPort);
    for (const ResolveRule &r : policy.addresses.resolve)
        parts << QStringLiteral("r %1 %2 %3").arg(r.host).arg(r.port).arg(r.addresses.join(QLatin1Char(' ')));
    if (!policy.tls.isEmpty())
        parts << QStringLiteral("t ") + QString::fromLatin1(tlsMaterialId(policy.tls));
    parts << QStringLiteral("h2 %1 %2 %3")
                 .arg(int(policy.offerHttp2))
                 .arg(int(policy.requireHttp2))
                 .arg(QString::fromLatin1(policy.h2PseudoOrder));
    for (const auto &[name, value] : policy.h2ExtraFields)
        parts << QStringLiteral("f ") + QString::fromLatin1(name + ": " + value);
    if (policy.proxy) {
        parts << QStringLiteral("p %1 %2").arg(policy.proxy->displayUrl(), policy.proxy->password);
        for (const auto &[name, value] : policy.connectHeaders)
            parts << QStringLiteral("h ") + QString::fromLatin1(name + ": " + value);
    }
    const QString id = QString::fromLatin1(
        QCryptographicHash::hash(parts.join(QLatin1Char('\n')).toUtf8(), QCryptographicHash::Sha1)
            .toHex()
            .left(16));
    QMutexLocker lock(&m_store->mutex);
    m_store->policies.insert(id, policy);
    m_store->policyId = id;
}

namespace {

// What the relay stored for a host:port, taken out (a second call finds nothing).
template <typename T>
std::optional<T> takeStored(QMutex &mutex, QHash<QString, T> &stored, const QString &host, quint16 port)
{
    const QString key = Detail::hostKey(host, port);
    QMutexLocker lock(&mutex);
    const auto it = stored.find(key);
    if (it == stored.end())
        return std::nullopt;
    T value = std::move(*it);
    stored.erase(it);
    return value;
}

}  // namespace

std::optional<TappedTls> HeaderTap::takeLatestTls(const QString &host, quint16 port)
{
    return takeStored(m_store->mutex, m_store->tlsSessions, host, port);
}

std::optional<TappedProxy> HeaderTap::takeLatestProxy(const QString &host, quint16 port)
{
    return takeStored(m_store->mutex, m_store->proxies, host, port);
}

std::optional<QString> HeaderTap::takeLatestStreamFailure(const QString &host, quint16 port)
{
    return takeStored(m_store->mutex, m_store->streamFailures, host, port);
}

std::optional<TappedHead> HeaderTap::takeLatestHead(const QString &host, quint16 port)
{
    return takeStored(m_store->mutex, m_store->heads, host, port);
}

QByteArray HeaderTap::expectRequest(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    for (const auto &h : headers) {
        if (hasFieldBreak(h.first) || hasFieldBreak(h.second))
            return QByteArray();
    }
    Detail::TapStore::Expected expected{Detail::headerLines(headers), headers};
    const QByteArray id = QByteArray::number(++m_store->nextId);
    QMutexLocker lock(&m_store->mutex);
    m_store->expected.insert(id, std::move(expected));
    return id;
}

void HeaderTap::forgetRequest(const QByteArray &id)
{
    QMutexLocker lock(&m_store->mutex);
    m_store->expected.remove(id);
}

QNetworkProxyFactory *HeaderTap::newProxyFactory() const
{
    return new Detail::TapProxyFactory(m_port, m_port6, m_store);
}

namespace Detail {

QList<QNetworkProxy> TapProxyFactory::queryProxy(const QNetworkProxyQuery &query)
{
    QMutexLocker lock(&m_store->mutex);
    return {proxyFor(query.url(), m_port, m_port6, m_store->policyId)};
}

}  // namespace Detail

int HeaderTap::tunnelCount() const
{
    return m_store->tunnels.load();
}

qint64 HeaderTap::nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

TimingPhases timingPhases(const TappedHead::Times &times, qint64 startNs, qint64 endNs)
{
    TimingPhases p;
    if (times.requestStart == 0 || times.requestSent == 0)
        return p;
    const auto ms = [](qint64 from, qint64 to) {
        return roundedMs(double(std::max<qint64>(0, to - from)) / 1e6);
    };
    double connection = 0;
    if (times.connectStart != 0 && times.tcpEnd != 0) {
        const qint64 dnsEnd = times.dnsEnd != 0 ? times.dnsEnd : times.connectStart;
        p.dns = ms(times.connectStart, dnsEnd);
        p.connect = ms(dnsEnd, times.tcpEnd);
        if (times.tlsEnd != 0)
            p.tls = ms(times.tcpEnd, times.tlsEnd);
        // The connection was made while the hop waited for it (not before: a connection made for an
        // earlier hop is that hop's time).
        if (times.connectStart >= startNs)
            connection = (times.tlsEnd != 0 ? times.tlsEnd : times.tcpEnd) - times.connectStart;
        else
            p.dns = p.connect = p.tls = -1;
    }
    const double blockedNs = double(std::max<qint64>(0, times.requestStart - startNs)) - connection;
    p.blocked = roundedMs(std::max(0.0, blockedNs) / 1e6);
    p.send = ms(times.requestStart, times.requestSent);
    const qint64 firstByte = times.firstByte != 0 ? times.firstByte : endNs;
    p.wait = ms(times.requestSent, firstByte);
    p.receive = ms(firstByte, endNs);
    return p;
}

}  // namespace Rwb
