// Private to HeaderTap: the byte-level pieces of the relay (HTTP head splitting, request framing,
// SOCKS5 replies, target keys and the proxy choice), kept apart from the sockets.
#pragma once

#include "core/engine/headertap.h"

#include <QAbstractSocket>
#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QPair>
#include <QString>
#include <QUrl>
#include <QtEndian>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <limits>
#include <memory>
#include <utility>

namespace Rwb::Detail {

// "host:port", the host as it names the same target everywhere: no IPv6 brackets, an address in
// QHostAddress's canonical form, a name in lower-case ACE.
inline QString canonicalHost(const QString &host)
{
    QString h = host;
    if (h.startsWith(QLatin1Char('[')) && h.endsWith(QLatin1Char(']')))
        h = h.mid(1, h.size() - 2);
    QHostAddress address;
    if (address.setAddress(h))
        return address.toString();
    const QByteArray ace = QUrl::toAce(h);
    return (ace.isEmpty() ? h : QString::fromLatin1(ace)).toLower();
}

inline QString hostKey(const QString &host, quint16 port)
{
    return canonicalHost(host) + QLatin1Char(':') + QString::number(port);
}

inline QByteArray trimOws(const QByteArray &value)
{
    qsizetype begin = 0;
    qsizetype end = value.size();
    while (begin < end && (value.at(begin) == ' ' || value.at(begin) == '\t'))
        ++begin;
    while (end > begin && (value.at(end - 1) == ' ' || value.at(end - 1) == '\t'))
        --end;
    return value.mid(begin, end - begin);
}

// Index just past the empty line that ends a head, looking for its first LF from `from`; -1 when
// not there yet. Bare-LF line ends count as well as CRLF.
inline qsizetype headEnd(const QByteArray &data, qsizetype from)
{
    for (qsizetype i = data.indexOf('\n', from); i >= 0; i = data.indexOf('\n', i + 1)) {
        if (i + 1 < data.size() && data.at(i + 1) == '\n')
            return i + 2;
        if (i + 2 < data.size() && data.at(i + 1) == '\r' && data.at(i + 2) == '\n')
            return i + 3;
    }
    return -1;
}

// Splits a head into its start line (returned) and header lines; only complete lines count.
inline QByteArray parseHead(const QByteArray &raw, QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray startLine;
    qsizetype valueStart = -1;  // where the last header's value begins in raw, for obs-fold
    for (qsizetype pos = 0, nl = raw.indexOf('\n'); nl >= 0; pos = nl + 1, nl = raw.indexOf('\n', pos)) {
        const qsizetype end = (nl > pos && raw.at(nl - 1) == '\r') ? nl - 1 : nl;
        const auto *c = static_cast<const char *>(std::memchr(raw.constData() + pos, ':', size_t(end - pos)));
        const qsizetype colon = c ? c - raw.constData() : -1;  // searched within the line only
        if (end == pos) {
            break;  // the empty line
        } else if (pos == 0) {
            startLine = raw.left(end);
        } else if ((raw.at(pos) == ' ' || raw.at(pos) == '\t') && valueStart >= 0) {
            headers.last().second = trimOws(raw.mid(valueStart, end - valueStart));  // obs-fold kept raw
        } else if (colon < 0) {
            headers.append({raw.mid(pos, end - pos), QByteArray()});
            valueStart = -1;
        } else {
            headers.append({raw.mid(pos, colon - pos), trimOws(raw.mid(colon + 1, end - colon - 1))});
            valueStart = colon + 1;
        }
    }
    return startLine;
}

// Body length of a request head by Content-Length; -1 when not framed that way (chunked, invalid). Reads
// the lines as parseHead does, without building its list: it runs on every request the tap relays.
inline qint64 requestBodyLength(const QByteArray &head)
{
    qint64 length = 0;
    qsizetype valueStart = -1;  // where the last header's value begins, for obs-fold
    qsizetype lengthFrom = -1;  // the Content-Length value being read (folded lines extend it) ...
    qsizetype lengthEnd = -1;   // ... up to here
    const auto settleLength = [&]() {
        if (lengthFrom < 0)
            return true;
        bool ok = false;
        length = trimOws(head.mid(lengthFrom, lengthEnd - lengthFrom)).toLongLong(&ok);
        lengthFrom = -1;
        return ok && length >= 0;
    };
    for (qsizetype pos = 0, nl = head.indexOf('\n'); nl >= 0; pos = nl + 1, nl = head.indexOf('\n', pos)) {
        const qsizetype end = (nl > pos && head.at(nl - 1) == '\r') ? nl - 1 : nl;
        if (end == pos)
            break;  // the empty line
        if (pos == 0)
            continue;  // the request line
        if ((head.at(pos) == ' ' || head.at(pos) == '\t') && valueStart >= 0) {
            if (lengthFrom >= 0)
                lengthEnd = end;
            continue;
        }
        if (!settleLength())
            return -1;
        const auto *c =
            static_cast<const char *>(std::memchr(head.constData() + pos, ':', size_t(end - pos)));
        const qsizetype nameEnd = c ? c - head.constData() : end;
        const QByteArrayView name(head.constData() + pos, nameEnd - pos);
        if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0)
            return -1;
        valueStart = c ? nameEnd + 1 : -1;
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            lengthFrom = c ? nameEnd + 1 : end;
            lengthEnd = end;
        }
    }
    return settleLength() ? length : -1;
}

// Qt 6.4's HTTP/1 reader gives up on a response head with more than 100 header lines, on a header line
// over 100 KiB, or on one of more than about 256 KiB in all, and then never reports the response: the
// reply waits for its timeout (measured against a raw server: 100 lines are read and 101 are not; a
// 102,400-byte line is, one byte more is not; 260,000 bytes in three lines are, 300,000 are not). The
// head Qt is given keeps under these with room to spare.
constexpr qsizetype kQtMaxHeaderLines = 100;
constexpr qsizetype kQtMaxHeaderLine = 100 * 1024;
constexpr qsizetype kQtHeadBudget = 200 * 1024;

// The response head to give Qt for a complete head `raw`, and how many of its header lines (a line and
// its obs-fold continuation lines count as one) were left out: `raw` itself when Qt reads it; otherwise
// the start line, the lines that frame and decode the body (Content-Length, Transfer-Encoding,
// Content-Encoding, Connection), then the other lines in order while they fit. The engine takes a tapped
// response's headers from the tap, so what Qt is not given is still in the trace.
struct HeadForQt {
    QByteArray head;
    qsizetype leftOut = 0;
};
inline HeadForQt headForQt(const QByteArray &raw)
{
    struct Field {
        qsizetype begin;
        qsizetype end;  // past its last line end
        bool framing;
    };
    QList<Field> fields;
    bool continues = false;  // a line starting with SP or HT continues the last one (as parseHead reads it)
    const qsizetype first = raw.indexOf('\n') + 1;  // past the start line
    if (first <= 0 || raw.at(0) == '\n' || raw.startsWith("\r\n"))
        return {raw, 0};  // no start line: an empty line ends the head at once (as parseHead reads it)
    for (qsizetype pos = first, nl = raw.indexOf('\n', pos); nl >= 0;
         pos = nl + 1, nl = raw.indexOf('\n', pos)) {
        const qsizetype end = (nl > pos && raw.at(nl - 1) == '\r') ? nl - 1 : nl;
        if (end == pos)
            break;  // the empty line
        if ((raw.at(pos) == ' ' || raw.at(pos) == '\t') && continues) {
            fields.last().end = nl + 1;
            continue;
        }
        qsizetype colon = raw.indexOf(':', pos);
        colon = colon < 0 || colon > end ? -1 : colon;
        continues = colon >= 0;
        const QByteArrayView name(raw.constData() + pos, (colon < 0 ? end : colon) - pos);
        const bool framing = name.compare("Content-Length", Qt::CaseInsensitive) == 0
                             || name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0
                             || name.compare("Content-Encoding", Qt::CaseInsensitive) == 0
                             || name.compare("Connection", Qt::CaseInsensitive) == 0;
        fields.append({pos, nl + 1, framing});
    }
    const auto fits = [](const Field &f) {
        return f.end - f.begin <= kQtMaxHeaderLine;
    };
    if (fields.size() <= kQtMaxHeaderLines && raw.size() <= kQtHeadBudget
        && std::all_of(fields.cbegin(), fields.cend(), fits))
        return {raw, 0};
    QList<bool> keep(fields.size(), false);
    qsizetype lines = 0;
    qsizetype bytes = first + 2;
    for (bool framing : {true, false}) {
        for (qsizetype i = 0; i < fields.size(); ++i) {
            const Field &f = fields.at(i);
            if (f.framing != framing || !fits(f) || lines == kQtMaxHeaderLines
                || bytes + (f.end - f.begin) > kQtHeadBudget)
                continue;
            keep[i] = true;
            ++lines;
            bytes += f.end - f.begin;
        }
    }
    QByteArray head = raw.left(first);
    head.reserve(bytes);
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (keep.at(i))
            head.append(raw.constData() + fields.at(i).begin, fields.at(i).end - fields.at(i).begin);
    }
    head += "\r\n";
    return {head, fields.size() - lines};
}

// Where a response body ends (RFC 9112 section 6.3), so that the relay knows whether a connection the server
// closes was idle (the response complete: the next request may go on a new connection, as curl and Chromium
// send it) or ended a body read until the close. Written here because Qt has no public HTTP/1 framer.
class BodyFramer
{
public:
    enum class Mode { Done, Length, Chunked, UntilClose };

    // The body that follows a final response head (its header lines as parseHead() reads them, its status
    // `code`) to a request of `method`.
    static BodyFramer forResponse(const QList<QPair<QByteArray, QByteArray>> &headers, int code,
                                  QByteArrayView method)
    {
        BodyFramer f;
        if (method == "HEAD" || code == 204 || code == 304 || (code >= 100 && code < 200))
            return f;
        for (const auto &[name, value] : headers) {
            if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
                // chunked last: chunked framing; any other coding last: until the close (RFC 9112 6.3 item 4)
                f.m_mode = value.split(',').constLast().trimmed().toLower() == "chunked" ? Mode::Chunked
                                                                                         : Mode::UntilClose;
                return f;
            }
            if (name.compare("Content-Length", Qt::CaseInsensitive) == 0 && f.m_mode != Mode::UntilClose) {
                bool ok = false;
                const qint64 n = value.toLongLong(&ok);
                if (!ok || n < 0 || (f.m_mode == Mode::Length && n != f.m_left)) {
                    f.m_mode = Mode::UntilClose;  // invalid or conflicting: no length to trust
                } else {
                    f.m_mode = Mode::Length;
                    f.m_left = n;
                }
            }
        }
        if (f.m_mode == Mode::Length && f.m_left == 0)
            f.m_mode = Mode::Done;
        else if (f.m_mode == Mode::Done)
            f.m_mode = Mode::UntilClose;  // no framing: the body ends with the connection
        return f;
    }

    static BodyFramer untilClose()
    {
        BodyFramer f;
        f.m_mode = Mode::UntilClose;
        return f;
    }

    Mode mode() const { return m_mode; }
    bool done() const { return m_mode == Mode::Done; }

    // Reads the next `n` bytes of the connection; returns how many of them belong to this body (fewer only
    // once it is done).
    qsizetype consume(const char *data, qsizetype n)
    {
        qsizetype i = 0;
        while (i < n && m_mode != Mode::Done) {
            if (m_mode == Mode::UntilClose)
                return n;
            if (m_mode == Mode::Length || m_chunk == Chunk::Data) {
                const qsizetype take = qsizetype(qMin<qint64>(m_left, n - i));
                i += take;
                m_left -= take;
                if (m_left == 0) {
                    if (m_mode == Mode::Length)
                        m_mode = Mode::Done;
                    else
                        m_chunk = Chunk::DataEnd;
                }
                continue;
            }
            const char c = data[i++];
            switch (m_chunk) {
            case Chunk::Size:
                if (std::isxdigit(static_cast<unsigned char>(c)) && !m_sizeEnded) {
                    if (m_left > (std::numeric_limits<qint64>::max() >> 4)) {
                        m_mode = Mode::UntilClose;  // no client reads such a chunk size
                        return n;
                    }
                    m_left = m_left * 16 + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
                    m_sizeDigits = true;
                } else if (c == '\n') {
                    if (!m_sizeDigits) {
                        m_mode = Mode::UntilClose;  // not chunked framing after all: keep the close
                        return n;
                    }
                    m_chunk = m_left == 0 ? Chunk::Trailer : Chunk::Data;
                    m_sizeDigits = m_sizeEnded = false;
                    m_lineEmpty = true;
                } else {
                    m_sizeEnded = true;  // chunk extensions, CR
                }
                break;
            case Chunk::DataEnd:  // the CRLF after a chunk's data
                if (c == '\n')
                    m_chunk = Chunk::Size;
                break;
            case Chunk::Trailer:  // trailer lines, until an empty one
                if (c == '\n') {
                    if (m_lineEmpty)
                        m_mode = Mode::Done;
                    m_lineEmpty = true;
                } else if (c != '\r') {
                    m_lineEmpty = false;
                }
                break;
            case Chunk::Data:
                break;
            }
        }
        return i;
    }

private:
    enum class Chunk { Size, Data, DataEnd, Trailer };
    Mode m_mode = Mode::Done;
    Chunk m_chunk = Chunk::Size;
    qint64 m_left = 0;  // of the length, or of the current chunk (its size while reading the size line)
    bool m_sizeDigits = false;
    bool m_sizeEnded = false;
    bool m_lineEmpty = true;
};

// A request head without its marker line (HeaderTap::markerName()), and the marker's value (null when
// there is none). Only the first marker line counts; later ones stay (they cannot come from the engine).
struct MarkedHead {
    QByteArray head;
    QByteArray id;
};
inline MarkedHead takeMarker(const QByteArray &head, QByteArrayView marker)
{
    for (qsizetype pos = head.indexOf('\n') + 1, nl = head.indexOf('\n', pos); nl > pos;
         pos = nl + 1, nl = head.indexOf('\n', pos)) {
        const qsizetype end = head.at(nl - 1) == '\r' ? nl - 1 : nl;
        const QByteArrayView line(head.constData() + pos, end - pos);
        if (line.size() > marker.size() && line.at(marker.size()) == ':'
            && line.first(marker.size()).compare(marker, Qt::CaseInsensitive) == 0) {
            const QByteArray id = trimOws(line.sliced(marker.size() + 1).toByteArray());
            return {head.left(pos) + head.mid(nl + 1), id};
        }
    }
    return {head, QByteArray()};
}

// The header lines of a head as the relay writes them: "Name: value" CRLF, "Name:" for an empty value.
inline QByteArray headerLines(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray out;
    for (const auto &h : headers) {
        out += h.first;
        out += h.second.isEmpty() ? QByteArrayView(":") : QByteArrayView(": ");
        out += h.second;
        out += "\r\n";
    }
    return out;
}

// `head` with its header lines replaced by `lines` (from headerLines()): the start line is kept.
inline QByteArray replaceHeaderLines(const QByteArray &head, const QByteArray &lines)
{
    const qsizetype nl = head.indexOf('\n');
    return head.left(nl + 1) + lines + QByteArrayLiteral("\r\n");
}

// RFC 1928 reply code for a failed upstream connect. Qt's SOCKS5 client maps 0x05 back to
// ConnectionRefusedError, 0x04 to HostNotFoundError, 0x03 to NetworkError (0x01 to HostNotFoundError
// for a domain-name target, to NetworkError otherwise).
inline char socksCode(QAbstractSocket::SocketError error)
{
    return error == QAbstractSocket::ConnectionRefusedError ? 0x05
           : error == QAbstractSocket::HostNotFoundError    ? 0x04
           : error == QAbstractSocket::NetworkError         ? 0x03
                                                            : 0x01;
}

inline QByteArray socksReply(char code, const QHostAddress &bound = QHostAddress(QHostAddress::AnyIPv4),
                             quint16 port = 0)
{
    QByteArray reply = QByteArrayLiteral("\x05\x00\x00");
    reply[1] = code;
    bool v4 = false;
    const quint32 ip4 = bound.toIPv4Address(&v4);
    if (v4) {
        char bytes[4];
        qToBigEndian(ip4, bytes);
        reply.append(char(0x01)).append(bytes, 4);
    } else {
        const Q_IPV6ADDR ip6 = bound.toIPv6Address();
        reply.append(char(0x04)).append(reinterpret_cast<const char *>(ip6.c), 16);
    }
    return reply.append(char(port >> 8)).append(char(port & 0xff));
}

// The fragment that marks an http:// URL given to QNAM for an https one (HeaderTap::relayUrl()): the
// relay makes the TLS connection itself. QNAM never sends a fragment, and passes it to the proxy factory.
inline QString tlsFragment()
{
    return QStringLiteral("rwb-relay-tls");
}

// The SOCKS5 user names (RFC 1929) that carry a policy of HeaderTap::setPolicy() to the relay: the prefix
// asks for TLS to the target or not, the rest names the policy. QNAM keeps a connection per proxy user, so
// plain and TLS tunnels, and tunnels of different policies, are never shared.
inline QString tlsUserPrefix()
{
    return QStringLiteral("rwb-tls-");
}
inline QString plainUserPrefix()
{
    return QStringLiteral("rwb-tcp-");
}

// The proxy for a URL given to QNAM: the relay for http://, for a relayUrl() of https only with a policy
// (`policyId`, empty: none set); NoProxy for anything else (an https URL goes direct) and when not running.
inline QNetworkProxy proxyFor(const QUrl &url, quint16 port, quint16 port6, const QString &policyId)
{
    if (url.scheme() != QLatin1String("http") || port == 0)
        return QNetworkProxy(QNetworkProxy::NoProxy);
    const bool tls = url.fragment() == tlsFragment();
    if (tls && policyId.isEmpty())
        return QNetworkProxy(QNetworkProxy::NoProxy);
    // QNAM reaches an IP-literal target only over the IP version of the proxy's own address (it picks
    // the network layer from the proxy), so an IPv6 literal goes through the ::1 listener.
    QHostAddress literal;
    const bool v6 = literal.setAddress(url.host()) && literal.protocol() == QAbstractSocket::IPv6Protocol;
    if (v6 && port6 == 0)
        return QNetworkProxy(QNetworkProxy::NoProxy);
    QNetworkProxy proxy(QNetworkProxy::Socks5Proxy, v6 ? QStringLiteral("::1") : QStringLiteral("127.0.0.1"),
                        v6 ? port6 : port);
    if (!policyId.isEmpty()) {
        proxy.setUser((tls ? tlsUserPrefix() : plainUserPrefix()) + policyId);
        proxy.setPassword(QStringLiteral("-"));  // Qt offers user/password only with both set
    }
    return proxy;
}

class TapProxyFactory final : public QNetworkProxyFactory
{
public:
    TapProxyFactory(quint16 port, quint16 port6, std::shared_ptr<TapStore> store)
        : m_port(port)
        , m_port6(port6)
        , m_store(std::move(store))
    {
    }
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override;

private:
    quint16 m_port;
    quint16 m_port6;
    std::shared_ptr<TapStore> m_store;  // for the current policy
};

}  // namespace Rwb::Detail
